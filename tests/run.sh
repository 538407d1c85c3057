#!/bin/sh
# Runs every test against each build directory given (default: build) and
# ends with one line "N passed, N failed".
#
# A test is a unit-test binary (build/tests/test_*), a fuzz corpus replay
# (build/fuzz-replay/fuzz_*) or a shell script (tests/sh/*.sh, given the build
# directory in $GK_BUILD). Each prints "PASS: name" / "FAIL: name" lines; a
# test that exits non-zero without printing a FAIL line counts as one failure.
# GK_TEST_FILTER=substring runs only the tests whose path contains it.
cd "$(dirname "$0")/.." || exit 3
[ $# -gt 0 ] || set -- build

export LANG=C.UTF-8 LC_ALL=C.UTF-8
pass=0
fail=0
log_dir=$(mktemp -d /tmp/gongkai-tests.XXXXXX)

run_one() { # build name command...
	b=$1; name=$2; shift 2
	out="$log_dir/$(echo "$b-$name" | tr '/' '_').log"
	GK_BUILD=$b "$@" >"$out" 2>&1
	rc=$?
	p=$(grep -c '^PASS: ' "$out")
	f=$(grep -c '^FAIL: ' "$out")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "FAIL: $name (exit $rc)" >>"$out"
		f=1
	fi
	pass=$((pass + p))
	fail=$((fail + f))
	if [ "$f" -gt 0 ]; then
		echo "--- $b: $name: $p passed, $f failed"
		grep -v '^PASS: ' "$out" | tail -n 40
	else
		echo "ok  $b: $name ($p)"
	fi
}

for b in "$@"; do
	for t in "$b"/tests/test_*; do
		[ -x "$t" ] || continue
		case "$t" in *"${GK_TEST_FILTER:-}"*) ;; *) continue ;; esac
		run_one "$b" "$(basename "$t")" "$t"
	done
	for t in "$b"/fuzz-replay/fuzz_*; do
		[ -x "$t" ] || continue
		case "$t" in *"${GK_TEST_FILTER:-}"*) ;; *) continue ;; esac
		n=$(basename "$t")
		run_one "$b" "$n" "$t" "fuzz/corpus/${n#fuzz_}"
	done
	for t in tests/sh/*.sh; do
		[ -f "$t" ] || continue
		case "$t" in *"${GK_TEST_FILTER:-}"*) ;; *) continue ;; esac
		run_one "$b" "$(basename "$t" .sh)" sh "$t"
	done
done
rm -rf "$log_dir"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
