#!/bin/sh
# Benchmark of the input method (bench/ime.c): cold and warm start-up, cost
# per key with names, peak RSS, and plain librime as the peer.
#
#   sh bench/ime.sh [BUILD] [ROUNDS]      (default build, 300 rounds)
set -eu
cd "$(dirname "$0")/.."
B=${1:-build}
make -s BUILD="$B" "$B/bench/ime"
"$B/bench/ime" "${2:-300}"
