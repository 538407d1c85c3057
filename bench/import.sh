#!/bin/sh
# bench/import.sh - a 1,000,000-row GB18030 subsidies.csv bundle (as Excel on
# Chinese Windows writes it: GB18030, CRLF), imported by gongkaictl; the peer
# is the plain `iconv -f gb18030 | sqlite3 .import` into an unindexed table.
# Prints wall time and peak RSS of each. ROWS=N overrides the row count.
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
ROWS=${ROWS:-1000000}
W=$(mktemp -d /tmp/gk-bench-import.XXXXXX)
trap 'rm -rf "$W"' EXIT

mkdir -p "$W/gongkai-bundle"
"$BUILD/bench/gen_subsidies" "$ROWS" 1 4 3 20 400 --crlf | iconv -f UTF-8 -t GB18030 >"$W/gongkai-bundle/subsidies.csv"
minisign -G -W -p "$W/k.pub" -s "$W/k.key" >/dev/null 2>&1
sh scripts/make-bundle.sh "$W/gongkai-bundle" "$W/k.key" 1 >/dev/null
cat >"$W/kiosk.conf" <<CONF
[kiosk]
database = $W/kiosk.db
[trust]
bundle_pubkey = $(sed -n 2p "$W/k.pub")
CONF
size=$(du -m "$W/gongkai-bundle/subsidies.csv" | cut -f1)
echo "bench/import: $ROWS rows, subsidies.csv ${size} MB GB18030 CRLF"

/usr/bin/time -f '%e %M' -o "$W/t1" "$BUILD/gongkaictl" --config "$W/kiosk.conf" import "$W/gongkai-bundle" >/dev/null 2>"$W/err1" || {
	echo "import failed:"; tail -5 "$W/err1"; exit 1; }
/usr/bin/time -f '%e %M' -o "$W/t2" sqlite3 "$W/peer.db" -cmd '.mode csv' \
	".import '|iconv -f GB18030 -t UTF-8 $W/gongkai-bundle/subsidies.csv' t" >/dev/null 2>"$W/err2" || {
	echo "peer failed:"; tail -5 "$W/err2"; exit 1; }
read -r s1 k1 <"$W/t1"
read -r s2 k2 <"$W/t2"
printf 'gongkaictl import (validate, mask, index)    %7.2f s   peak RSS %6.1f MB\n' "$s1" "$(awk "BEGIN{print $k1/1024}")"
printf 'peer: iconv | sqlite3 .import (no index)     %7.2f s   peak RSS %6.1f MB\n' "$s2" "$(awk "BEGIN{print $k2/1024}")"
printf 'ratio: %.2fx the peer (goal: within 2x, RSS under 64 MB)\n' "$(awk "BEGIN{print $s1/$s2}")"
echo "rows in database: $(sqlite3 "$W/kiosk.db" 'select count(*) from subsidies'), peer: $(sqlite3 "$W/peer.db" 'select count(*) from t')"
