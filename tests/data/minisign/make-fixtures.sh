#!/bin/sh
# make-fixtures.sh - regenerates the minisign fixtures of tests/unit/test_minisign.c
# with the real minisign tool. The secret keys are thrown away: the tests
# only need the public keys and the signatures.
#
#   sh tests/data/minisign/make-fixtures.sh      (from the repository root)
set -eu
cd "$(dirname "$0")"
k=$(mktemp -d)
trap 'rm -rf "$k"' EXIT

minisign -G -W -p demo.pub -s "$k/demo.key" -f >/dev/null
minisign -G -W -p other.pub -s "$k/other.key" -f >/dev/null

printf '# gongkai-bundle 1\n# issuer: 宣汉县人民政府办公室\n# sequence: 7\n' >msg.txt
printf '%s  bulletins.csv\n' 3f5a000000000000000000000000000000000000000000000000000000000000 >>msg.txt
sed 's/sequence: 7/sequence: 8/' msg.txt >msg-tampered.txt
: >empty.txt

tc='gongkai-bundle 宣汉县人民政府办公室 sequence 7'
minisign -S -s "$k/demo.key" -m msg.txt -x msg.txt.minisig -t "$tc" </dev/null >/dev/null
minisign -S -l -s "$k/demo.key" -m msg.txt -x msg.txt.legacy.minisig -t "$tc" </dev/null >/dev/null
minisign -S -s "$k/other.key" -m msg.txt -x msg.txt.other.minisig -t "$tc" </dev/null >/dev/null
minisign -S -s "$k/demo.key" -m empty.txt -x empty.txt.minisig -t "empty" </dev/null >/dev/null
minisign -S -l -s "$k/demo.key" -m empty.txt -x empty.txt.legacy.minisig -t "empty" </dev/null >/dev/null
# The trusted comment edited after signing (sequence 7 -> 9).
sed '3s/sequence 7/sequence 9/' msg.txt.minisig >msg.txt.badcomment.minisig
# The same signature with CRLF line ends, as a Windows editor would save it.
sed 's/$/\r/' msg.txt.minisig >msg.txt.crlf.minisig

# Check with the tool itself that the good ones verify and the bad ones do not.
minisign -Vq -p demo.pub -m msg.txt -x msg.txt.minisig
minisign -Vq -p demo.pub -m msg.txt -x msg.txt.legacy.minisig
minisign -Vq -p demo.pub -m empty.txt -x empty.txt.minisig
for bad in "msg-tampered.txt msg.txt.minisig" "msg.txt msg.txt.badcomment.minisig" \
	"msg.txt msg.txt.other.minisig"; do
	set -- $bad
	if minisign -Vq -p demo.pub -m "$1" -x "$2" 2>/dev/null; then
		echo "make-fixtures.sh: $1 with $2 should not verify" >&2
		exit 1
	fi
done
echo "fixtures written to $(pwd)"
