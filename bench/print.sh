#!/bin/sh
# bench/print.sh - time and peak RSS of the kiosk's PDF rendering against
# the peer, paps (pango text to PostScript), on the same content:
#   - a ROWS-row subsidy list (default 10,000), streamed from a row
#     callback; paps gets the same rows as tab-separated text;
#   - the longest document of assets/corpus (or DOC=file).
# Both programs run as whole processes under GNU time (wall time, peak
# RSS); ours is the print driver the printing tests use
# (tests/tools/print_driver.c), so the bench renders exactly what they check.
# Each figure is the best of RUNS runs (default 3): a shared machine adds noise.
# Goal: at least as fast as paps, peak RSS under 64 MB.
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
ROWS=${ROWS:-10000}
RUNS=${RUNS:-3}
DOC=${DOC:-$(ls -S assets/corpus/*.txt 2>/dev/null | head -n 1)}
B=$BUILD/tools/print_driver
make -s BUILD="$BUILD" "$B"
[ -f "$DOC" ] || { echo "bench/print: no document (DOC=file or assets/corpus)" >&2; exit 1; }
command -v paps >/dev/null || { echo "bench/print: paps is not installed" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench/print: GNU time (/usr/bin/time) is not installed" >&2; exit 1; }
W=$(mktemp -d /tmp/gk-bench-print.XXXXXX)
trap 'rm -rf "$W"' EXIT

# The same rows as text for paps: the driver's dump of what it printed.
"$B" list "$ROWS" "$W/dump.pdf" --dump "$W/list.txt" >/dev/null

# measure NAME CMD... - appends "WALL RSS_KB [stdout]" of one run to $W/NAME.
measure() {
	n=$1; shift
	/usr/bin/time -f '%e %M' -o "$W/t" "$@" >"$W/o"
	echo "$(cat "$W/t") $(head -n 1 "$W/o")" >>"$W/$n"
}
i=0
while [ $i -lt "$RUNS" ]; do
	measure list "$B" list "$ROWS" "$W/list.pdf"
	measure paps-list paps --font="Noto Sans CJK SC 9" "$W/list.txt"
	measure doc "$B" doc "$DOC" "$W/doc.pdf"
	measure paps-doc paps --font="Noto Sans CJK SC 12" "$DOC"
	i=$((i + 1))
done

# best NAME - the fastest run of NAME.
best() { sort -k1,1g "$W/$1" | head -n 1; }
mb() { awk "BEGIN{printf \"%.1f\", $1/1024}"; }

# report LABEL OURS PEER - our best run against the peer's.
report() {
	set -- "$1" $(best "$2") $(best "$3")
	# $2 wall, $3 rss, $4 "pages=N total=M" from the driver; then peer wall, rss
	label=$1 w1=$2 k1=$3 pages=${4#pages=} w2=$6 k2=$7
	printf '%-30s %6.3f s  peak RSS %5s MB  %s PDF pages\n' \
		"gongkai: $label" "$w1" "$(mb "$k1")" "$pages"
	printf '%-30s %6.3f s  peak RSS %5s MB  (PostScript)\n' \
		"paps:    $label" "$w2" "$(mb "$k2")"
	printf '%-30s %6.2fx the peer'"'"'s time; RSS %s 64 MB\n' "" \
		"$(awk "BEGIN{print $w1/$w2}")" "$(awk "BEGIN{print ($k1 < 65536) ? \"under\" : \"OVER\"}")"
}
echo "bench/print: best of $RUNS runs, whole processes under GNU time"
report "list, $ROWS rows" list paps-list
report "$(basename "$DOC")" doc paps-doc
