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
#
# Then the kiosk's whole print path, from the print key to the job accepted
# by CUPS (needs root for a private cupsd, tests/lib/cups.sh, with a file
# backend): bench/print_job.c builds the bulletin as tui/print_hook.c does,
# counts its pages as the dialog does, and runs printing/job.c (render into
# the private file, submit on the worker) JOBS times (default 10) in one
# long-lived process, as the kiosk is: the first job (fonts loaded) and the
# median. The peer: paps on the same text piped into lp to the same cupsd,
# timed to lp's return (the job accepted), as whole processes.
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
ROWS=${ROWS:-10000}
RUNS=${RUNS:-3}
DOC=${DOC:-$(ls -S assets/corpus/*.txt 2>/dev/null | head -n 1)}
JOBS=${JOBS:-10}
B=$BUILD/tools/print_driver
J=$BUILD/bench/print_job
make -s BUILD="$BUILD" "$B" "$J"
[ -f "$DOC" ] || { echo "bench/print: no document (DOC=file or assets/corpus)" >&2; exit 1; }
command -v paps >/dev/null || { echo "bench/print: paps is not installed" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench/print: GNU time (/usr/bin/time) is not installed" >&2; exit 1; }
W=$(mktemp -d /tmp/gk-bench-print.XXXXXX)
CUPSD_PID=
trap '[ -n "$CUPSD_PID" ] && cups_stop; rm -rf "$W"' EXIT

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

# --- the kiosk's print path, key to CUPS ------------------------------------
if [ "$(id -u)" -ne 0 ] || ! command -v cupsd >/dev/null || ! command -v lp >/dev/null; then
	echo "bench/print: key-to-CUPS figures need root and cups (a private cupsd); skipped"
	exit 0
fi
GK_BUILD=$BUILD
. tests/lib/cups.sh
set +e
cups_start "$W/cups" || { echo "bench/print: the private cupsd did not start" >&2; exit 1; }
cups_queue q ok || { echo "bench/print: no queue" >&2; exit 1; }
"$J" q "$DOC" "$JOBS" >"$W/kiosk" || { echo "bench/print: kiosk jobs failed" >&2; cat "$W/kiosk"; exit 1; }

# The peer, as a process per job, JOBS times.
i=0
while [ $i -lt "$JOBS" ]; do
	t0=$(date +%s.%N)
	paps --font="Noto Sans CJK SC 12" "$DOC" 2>/dev/null | lp -h "$CUPS_HOST" -d q -t bench >/dev/null || exit 1
	t1=$(date +%s.%N)
	awk "BEGIN{print $t1 - $t0}" >>"$W/peer"
	i=$((i + 1))
done
pfirst=$(head -n 1 "$W/peer")
pmed=$(sort -g "$W/peer" | awk '{ v[NR] = $1 } END { print v[int(NR / 2) + 1] }')
kv() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" "$W/kiosk"; }
# Wait for the backend to have every job, so none is left behind.
i=0
while [ "$(ls "$W/cups/out/ok" | wc -l)" -lt $((2 * JOBS)) ] && [ $i -lt 600 ]; do
	i=$((i + 1))
	sleep 0.1
done
echo "bench/print: key to job accepted by CUPS, $JOBS jobs of $(basename "$DOC") in one process"
printf '%-30s first %6.3f s  median %6.3f s  %s PDF pages\n' "gongkai: print path" \
	"$(kv first)" "$(kv median)" "$(kv pages)"
printf '%-30s first %6.3f s  median %6.3f s  (process per job)\n' "paps | lp:" "$pfirst" "$pmed"
printf '%-30s %6.2fx the peer'"'"'s median time; backend kept %s of %s jobs\n' "" \
	"$(awk "BEGIN{print $(kv median)/$pmed}")" "$(ls "$W/cups/out/ok" | wc -l)" $((2 * JOBS))
