#!/bin/sh
# make-bundle.sh - writes manifest.txt for a kiosk data bundle and signs it
# with minisign, as shared/spec/bundle-format.md describes. Used by the demo
# bundle script, the tests and the benchmarks.
#
# Usage:
#   scripts/make-bundle.sh [options] DIR KEY SEQUENCE
#
#   DIR       the bundle folder (usually .../gongkai-bundle) holding the CSVs
#             and bodies/; every regular file in it except manifest.txt and
#             manifest.txt.minisig is hashed, in byte order of its path
#   KEY       a minisign secret key without password (minisign -G -W), e.g.
#             assets/demo-keys/office.key; ignored with --no-sign
#   SEQUENCE  the "# sequence:" header (any text: tests may pass bad ones)
#
# Options:
#   --issuer TEXT     "# issuer:" header (default 宣汉县人民政府办公室)
#   --created TIME    "# created:" header (default: now, +08:00)
#   --encoding ENC    adds "# encoding: ENC" (default: no such header, so the
#                     kiosk detects each file's encoding on its own)
#   --header LINE     adds "# LINE" after the standard headers (repeatable)
#   --version TEXT    first header "# gongkai-bundle TEXT" (default 1)
#   --comment TEXT    trusted comment (default "gongkai-bundle ISSUER sequence SEQ")
#   --legacy          legacy (Ed, not pre-hashed) signature: minisign -S -l
#   --no-sign         writes manifest.txt only and removes any old signature
#
# Exit status: 0 done, 2 wrong usage, 3 a tool failed.
#
# Examples:
#   scripts/make-bundle.sh "$tmp/gongkai-bundle" assets/demo-keys/office.key 7
#   scripts/make-bundle.sh --legacy --created 2026-11-20T10:00:00+08:00 \
#       "$tmp/gongkai-bundle" "$tmp/other.key" 8
set -eu

issuer="宣汉县人民政府办公室"
created=""
encoding=""
extra=""
version="1"
comment=""
legacy=""
sign=1

usage() {
	sed -n '5,28p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
}

nl='
'
while [ $# -gt 0 ]; do
	case $1 in
	--issuer) [ $# -ge 2 ] || usage; issuer=$2; shift 2 ;;
	--created) [ $# -ge 2 ] || usage; created=$2; shift 2 ;;
	--encoding) [ $# -ge 2 ] || usage; encoding=$2; shift 2 ;;
	--header) [ $# -ge 2 ] || usage; extra="$extra# $2$nl"; shift 2 ;;
	--version) [ $# -ge 2 ] || usage; version=$2; shift 2 ;;
	--comment) [ $# -ge 2 ] || usage; comment=$2; shift 2 ;;
	--legacy) legacy=-l; shift ;;
	--no-sign) sign=0; shift ;;
	-h | --help) usage ;;
	--) shift; break ;;
	-*) echo "make-bundle.sh: unknown option $1" >&2; usage ;;
	*) break ;;
	esac
done
[ $# -eq 3 ] || usage
dir=$1
key=$2
seq=$3

[ -d "$dir" ] || { echo "make-bundle.sh: $dir: not a directory" >&2; exit 2; }
if [ "$sign" -eq 1 ] && [ ! -r "$key" ]; then
	echo "make-bundle.sh: $key: cannot read the secret key" >&2
	exit 2
fi
# The key path must survive the cd below.
case $key in /*) ;; *) key="$(pwd)/$key" ;; esac
[ -n "$created" ] || created=$(TZ=Asia/Shanghai date +%Y-%m-%dT%H:%M:%S%:z)
[ -n "$comment" ] || comment="gongkai-bundle $issuer sequence $seq"

cd "$dir"
rm -f manifest.txt manifest.txt.minisig
tmp=$(mktemp) || exit 3
trap 'rm -f "$tmp"' EXIT
{
	printf '# gongkai-bundle %s\n' "$version"
	printf '# issuer: %s\n' "$issuer"
	printf '# sequence: %s\n' "$seq"
	printf '# created: %s\n' "$created"
	[ -z "$encoding" ] || printf '# encoding: %s\n' "$encoding"
	printf '%s' "$extra"
	find . -type f ! -name manifest.txt ! -name manifest.txt.minisig -print |
		sed 's|^\./||' | LC_ALL=C sort | while IFS= read -r f; do
			sha256sum -- "$f"
		done
} >"$tmp" || exit 3
cat "$tmp" >manifest.txt

if [ "$sign" -eq 1 ]; then
	# shellcheck disable=SC2086
	minisign -S $legacy -s "$key" -m manifest.txt -t "$comment" </dev/null >/dev/null ||
		{ echo "make-bundle.sh: minisign failed" >&2; exit 3; }
fi
