#!/bin/sh
# print_corpus.sh - nothing is lost on paper: every real document in
# assets/corpus/ and a 10,000-row synthetic subsidy list (with rare name
# characters such as 䶮 and 㐀) are rendered to PDF, read back with
# pdftotext, and every non-blank character of the source must come back -
# in order, or at least as often as in the source. A glyph missing from the
# fonts is drawn as a box that pdftotext cannot read, so it fails here.
# The list must also stay under 64 MB of peak memory.
set -u
B=${GK_BUILD:-build}
DRV=$B/tools/print_driver
CORPUS=assets/corpus

pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1"; }

for t in pdftotext pdffonts; do
	command -v "$t" >/dev/null 2>&1 || { fail "print_corpus: $t not installed"; exit 1; }
done
[ -x "$DRV" ] || { fail "print_corpus: $DRV not built (make tests)"; exit 1; }
ls "$CORPUS"/*.txt >/dev/null 2>&1 || { fail "print_corpus: no documents in $CORPUS"; exit 1; }

T=$(mktemp -d /tmp/gk-print-corpus.XXXXXX)
trap 'rm -rf "$T"' EXIT
trap 'exit 1' INT TERM HUP

# roundtrip NAME SOURCE PDF - the text of PDF holds every character of SOURCE.
roundtrip() {
	if ! pdftotext -enc UTF-8 "$3" "$T/out.txt" 2>"$T/err"; then
		fail "$1: pdftotext: $(head -n 1 "$T/err")"
	elif "$DRV" textcheck "$2" "$T/out.txt" >"$T/check"; then
		pass "$1 ($(cat "$T/check"))"
	else
		fail "$1"
		head -n 8 "$T/check"
	fi
	if pdffonts "$3" 2>/dev/null | tail -n +3 | awk '$(NF-4) != "yes" { bad = 1 } END { exit !bad }'; then
		fail "$1: a font is not embedded"
		pdffonts "$3"
	fi
}

for f in "$CORPUS"/*.txt; do
	n=$(basename "$f" .txt)
	title=$(grep -m 1 -v '^[[:space:]]*$' "$f" | tr -d '\t')
	if timeout 60 "$DRV" doc "$f" "$T/$n.pdf" --title "$title" >"$T/render" 2>"$T/err"; then
		roundtrip "print_corpus: $n" "$f" "$T/$n.pdf"
	else
		fail "print_corpus: $n does not render: $(head -n 3 "$T/err")"
	fi
	rm -f "$T/$n.pdf"
done

# The long list: rows as printed are dumped for the comparison.
# Peak memory is measured with GNU time, and not in sanitizer builds.
TIME=
if [ -x /usr/bin/time ] && ! ldd "$DRV" 2>/dev/null | grep -q libasan; then
	TIME="/usr/bin/time -f %M -o $T/rss"
fi
if timeout 120 $TIME "$DRV" list 10000 "$T/list.pdf" --dump "$T/list.src" >"$T/render" 2>"$T/err"; then
	roundtrip "print_corpus: 10000-row subsidy list ($(cat "$T/render"))" "$T/list.src" "$T/list.pdf"
	if [ -n "$TIME" ]; then
		rss=$(tail -n 1 "$T/rss")
		if [ "$rss" -lt 65536 ]; then
			pass "print_corpus: 10000-row list peak RSS ${rss} KB < 64 MB"
		else
			fail "print_corpus: 10000-row list peak RSS ${rss} KB >= 64 MB"
		fi
	fi
else
	fail "print_corpus: 10000-row list does not render: $(head -n 3 "$T/err")"
fi
