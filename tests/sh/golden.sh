#!/bin/sh
# golden.sh - whole-screen golden tests (after tig's test/): every case
# tests/golden/NAME.case is played by $GK_BUILD/tools/golden on the signed
# demo bundle, imported into a temporary database, at 80x24 and 200x60, and
# the screens must equal tests/golden/NAME.80x24.txt and NAME.200x60.txt.
#
# Fixed for every run: today is 2026-06-15 (GONGKAI_TODAY), the clock the
# idle countdown reads is frozen (only `wait` moves it), and CUPS_SERVER
# points at a socket nobody listens on, so the print dialog says the same
# thing everywhere.
#
#   GOLDEN_UPDATE=1 sh tests/sh/golden.sh   rewrites the expected files
#                                           (make golden-update); review the diff
#   GOLDEN_CASE=NAME                        plays only that case
cd "$(dirname "$0")/../.." || exit 3
B=${GK_BUILD:-build}
GOLDEN="$B/tools/golden"
DIR=tests/golden
SIZES="80x24 200x60"
T=$(mktemp -d /tmp/gk-golden.XXXXXX)
trap 'rm -rf "$T"' EXIT INT TERM

export LANG=C.UTF-8 LC_ALL=C.UTF-8 GONGKAI_TODAY=2026-06-15 CUPS_SERVER="$T/no-cups.sock"
# In the ASan build LeakSanitizer checks every run: the driver closes curses
# with endwin() + delscreen(), so ncurses needs no waiver. Only the list of
# fontconfig waivers printing/layout.c already makes (the print dialog
# counts pages) is kept off stderr, which must stay empty.
export LSAN_OPTIONS="print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

if [ ! -x "$GOLDEN" ]; then
	echo "FAIL: golden: $GOLDEN is not built (make tests)"
	exit 1
fi
if ! "$B/gongkaictl" --config assets/demo.conf --db "$T/demo.db" \
	import assets/demo-bundle/gongkai-bundle >"$T/import.log" 2>&1; then
	echo "FAIL: golden: the demo bundle did not import"
	sed 's/^/  /' "$T/import.log"
	exit 1
fi

for c in "$DIR"/*.case; do
	name=$(basename "$c" .case)
	[ -n "${GOLDEN_CASE:-}" ] && [ "$name" != "$GOLDEN_CASE" ] && continue
	for size in $SIZES; do
		cols=${size%x*}
		rows=${size#*x}
		want="$DIR/$name.$size.txt"
		if ! "$GOLDEN" --ime "$T/rime" "$T/demo.db" "$c" "$rows" "$cols" >"$T/got" 2>"$T/err"; then
			echo "FAIL: golden $name $size: the driver failed"
			head -n 20 "$T/err" | sed 's/^/  /'
			continue
		fi
		if [ -s "$T/err" ]; then
			echo "FAIL: golden $name $size: the driver complained"
			head -n 20 "$T/err" | sed 's/^/  /'
			continue
		fi
		if [ -n "${GOLDEN_UPDATE:-}" ]; then
			if [ -f "$want" ] && cmp -s "$T/got" "$want"; then
				echo "PASS: golden $name $size (unchanged)"
			else
				cp "$T/got" "$want"
				echo "PASS: golden $name $size (written: $want)"
			fi
		elif [ ! -f "$want" ]; then
			echo "FAIL: golden $name $size: no $want (make golden-update, then review it)"
		elif cmp -s "$T/got" "$want"; then
			echo "PASS: golden $name $size"
		else
			echo "FAIL: golden $name $size: the screen differs from $want"
			diff -u "$want" "$T/got" | head -n 40
		fi
	done
done
