#!/bin/sh
# bench/import.sh - a 1,000,000-row GB18030 subsidies.csv bundle (as Excel on
# Chinese Windows writes it: GB18030, CRLF), imported by gongkaictl; the peer
# is the plain `iconv -f gb18030 | sqlite3 .import` into an unindexed table.
# PAIRS pairs (default 4) are run alternately, each import into a new
# database with the progress reports on (--progress, written to a file as a
# log would take them); prints the median wall and CPU (user + sys,
# children included) time of each, the ratios, and the worst peak RSS.
# ROWS=N overrides the row count.
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
ROWS=${ROWS:-1000000}
PAIRS=${PAIRS:-4}
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
echo "bench/import: $ROWS rows, subsidies.csv ${size} MB GB18030 CRLF, $PAIRS pairs"

: >"$W/ours"
: >"$W/peer"
i=0
while [ "$i" -lt "$PAIRS" ]; do
	i=$((i + 1))
	rm -f "$W/kiosk.db" "$W/kiosk.db-wal" "$W/kiosk.db-shm" "$W/peer.db"
	/usr/bin/time -f '%e %U %S %M' -o "$W/t1" "$BUILD/gongkaictl" --config "$W/kiosk.conf" \
		import "$W/gongkai-bundle" --progress >/dev/null 2>"$W/err1" || {
		echo "import failed:"; tail -5 "$W/err1"; exit 1; }
	grep -q "subsidies.csv: $((ROWS / 20000 * 20000)) 行" "$W/err1" || {
		echo "import reported no progress:"; tail -3 "$W/err1"; exit 1; }
	/usr/bin/time -f '%e %U %S %M' -o "$W/t2" sqlite3 "$W/peer.db" -cmd '.mode csv' \
		".import '|iconv -f GB18030 -t UTF-8 $W/gongkai-bundle/subsidies.csv' t" >/dev/null 2>"$W/err2" || {
		echo "peer failed:"; tail -5 "$W/err2"; exit 1; }
	tail -1 "$W/t1" >>"$W/ours"
	tail -1 "$W/t2" >>"$W/peer"
	awk -v i="$i" '{ printf "  pair %d: gongkaictl %6.2f s wall %6.2f s CPU", i, $1, $2 + $3 }' "$W/t1"
	awk '{ printf "   peer %6.2f s wall %6.2f s CPU\n", $1, $2 + $3 }' "$W/t2"
done
# median of a column of numbers read on stdin
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
w1=$(awk '{ print $1 }' "$W/ours" | median)
c1=$(awk '{ print $2 + $3 }' "$W/ours" | median)
r1=$(awk '{ print $4 }' "$W/ours" | sort -n | tail -1)
w2=$(awk '{ print $1 }' "$W/peer" | median)
c2=$(awk '{ print $2 + $3 }' "$W/peer" | median)
r2=$(awk '{ print $4 }' "$W/peer" | sort -n | tail -1)
printf 'gongkaictl import (validate, mask, index)   median %6.2f s wall %6.2f s CPU   peak RSS %6.1f MB\n' \
	"$w1" "$c1" "$(awk "BEGIN{print $r1/1024}")"
printf 'peer: iconv | sqlite3 .import (no index)    median %6.2f s wall %6.2f s CPU   peak RSS %6.1f MB\n' \
	"$w2" "$c2" "$(awk "BEGIN{print $r2/1024}")"
printf 'ratio: %.2fx the peer wall time (goal 2x), %.2fx its CPU time (goal 3x); RSS goal: under 64 MB\n' \
	"$(awk "BEGIN{print $w1/$w2}")" "$(awk "BEGIN{print $c1/$c2}")"
echo "rows in database: $(sqlite3 "$W/kiosk.db" 'select count(*) from subsidies'), peer: $(sqlite3 "$W/peer.db" 'select count(*) from t')"
