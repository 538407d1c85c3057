#!/bin/sh
# bench/speech.sh - read-aloud (bench/speech.c) against peers in the same run:
#   - text to pinyin over every corpus document and demo body, against
#     espeak-ng's own Chinese front end (`-v cmn -q -x`: Hanzi to phonemes,
#     no audio; one run on the longest document only, as it is slow) and
#     iconv UTF-8 -> UTF-16LE over all the bytes (a floor: one pass that
#     only converts characters);
#   - from the library call that starts a page of the longest corpus
#     document (the call the 朗读 key makes) to the first audio sample
#     written with audio_out, against espeak-ng -v cmn writing the page's
#     first line from Hanzi (whole process, an upper bound on its first
#     sample).
# Each figure is the best of RUNS runs (default 9); the latency also gives
# the median. Goal: first sample under 300 ms.
#
#   sh bench/speech.sh [BUILD] [RUNS]
set -eu
cd "$(dirname "$0")/.."
B=${1:-${BUILD:-build}}
RUNS=${2:-${RUNS:-9}}
make -s BUILD="$B" "$B/bench/speech"
command -v espeak-ng >/dev/null || { echo "bench/speech: espeak-ng is not installed" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench/speech: GNU time (/usr/bin/time) is not installed" >&2; exit 1; }
W=$(mktemp -d /tmp/gk-bench-speech.XXXXXX)
trap 'rm -rf "$W"' EXIT INT TERM
DOC=$(ls -S assets/corpus/*.txt | head -n 1)
# The page document first (bench/speech.c reads its page from the first file).
set -- "$DOC"
for f in assets/corpus/*.txt assets/demo-bundle/gongkai-bundle/bodies/*.txt; do
	[ "$f" = "$DOC" ] || set -- "$@" "$f"
done
cat "$@" >"$W/all.txt"
mkdir "$W/out"
"$B/bench/speech" "$W/out" "$RUNS" "$@" >"$W/ours"
val() { awk -v k="$1" '$1 == k { print $2 }' "$W/ours"; }

# best CMD... - the best wall time of RUNS runs of CMD (output discarded).
best() {
	i=0
	: >"$W/t.all"
	while [ "$i" -lt "$RUNS" ]; do
		/usr/bin/time -f '%e' -o "$W/t" "$@" >/dev/null 2>&1 || true
		tail -n 1 "$W/t" >>"$W/t.all"
		i=$((i + 1))
	done
	sort -g "$W/t.all" | head -n 1
}
bytes=$(val pinyin_bytes)
doc_bytes=$(stat -c %s "$DOC")
t_ours_doc=$(awk -v b="$doc_bytes" -v t="$(val pinyin_time)" -v a="$bytes" 'BEGIN { printf "%.4f", t * b / a }')
t_espeak=$(RUNS=1 best espeak-ng -v cmn -q -x -f "$DOC")
t_iconv=$(best iconv -f UTF-8 -t UTF-16LE "$W/all.txt")
first=$(grep -m 1 '[^[:space:]]' "$DOC")
t_peer_first=$(best espeak-ng -v cmn -w "$W/peer.wav" "$first")
mbs() { awk "BEGIN { t = $1; if (t < 0.001) t = 0.001; printf \"%.3f\", ${2:-$bytes} / t / 1e6 }"; }

echo "bench/speech: $(($# )) files, $bytes bytes; best of $RUNS runs; $(espeak-ng --version | sed 's/ *Data at.*//')"
printf '%-44s %8.4f s  %7.2f MB/s  (%s Hanzi without a reading)\n' \
	"gongkai: text to pinyin" "$(val pinyin_time)" "$(val pinyin_throughput)" "$(val pinyin_unread)"
printf '%-44s %8.3f s  %7s MB/s  (%s, %s bytes; ours: about %s s)\n' \
	"espeak-ng -v cmn -q -x (Hanzi to phonemes)" "$t_espeak" "$(mbs "$t_espeak" "$doc_bytes")" \
	"$(basename "$DOC")" "$doc_bytes" "$t_ours_doc"
printf '%-44s %8.3f s  %7s MB/s  (process, 10 ms resolution)\n' \
	"iconv UTF-8 -> UTF-16LE" "$t_iconv" "$(mbs "$t_iconv")"
printf '%-44s best %6s ms, median %6s ms  (goal < 300 ms)\n' \
	"gongkai: page start -> first audio sample" "$(val first_sample_best)" "$(val first_sample_median)"
printf '%-44s %6.0f ms  (whole process, first line)\n' \
	"espeak-ng -v cmn -w (first line, Hanzi)" "$(awk "BEGIN { print $t_peer_first * 1000 }")"
