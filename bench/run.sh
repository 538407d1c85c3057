#!/bin/sh
# bench/run.sh - runs every benchmark script in bench/ (make bench). Each
# prints its own figures and the peer it is compared with.
# BENCH=name runs only bench/name.sh.
cd "$(dirname "$0")/.." || exit 3
status=0
for b in bench/*.sh; do
	n=$(basename "$b" .sh)
	[ "$n" = run ] && continue
	[ -n "${BENCH:-}" ] && [ "$BENCH" != "$n" ] && continue
	echo "=== $n"
	sh "$b" || status=1
	echo
done
exit $status
