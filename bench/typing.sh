#!/bin/sh
# Benchmark of typing at the kiosk with its own Chinese input
# (bench/typing.c), through a pty at 80x24 on the demo database: start-up
# with the input method cold (a fresh rime folder beside a fresh copy of the
# database) and warm, next to a kiosk whose rime folder is unusable (direct
# input only); key to frame while typing pinyin with candidates showing,
# next to the same keys in 直接 mode; peak RSS after typing.
#
#   sh bench/typing.sh [BUILD] [ROUNDS]      (default build, 5 rounds)
set -eu
cd "$(dirname "$0")/.."
B=${1:-build}
ROUNDS=${2:-5}
make -s BUILD="$B" "$B/gongkai" "$B/bench/typing" "$B/demo.db"
W=$(mktemp -d /tmp/gk-bench-typing.XXXXXX)
trap 'rm -rf "$W"' EXIT INT TERM
cat >"$W/kiosk.conf" <<CONF
[kiosk]
name = 东乡街道便民服务中心
idle_timeout = 3600
[trust]
bundle_pubkey = RWQURiJj1TZCkOCrsG1NTYmpZvCFHr4ABGHgDFlA7vYgQaDhqybc7IAj
CONF
i=1
while [ "$i" -le "$ROUNDS" ]; do
	mkdir "$W/cold-$i"
	cp "$B/demo.db" "$W/cold-$i/kiosk.db"
	i=$((i + 1))
done
# A plain file where the kiosk wants its rime folder: no input method.
mkdir "$W/norime"
cp "$B/demo.db" "$W/norime/kiosk.db"
: >"$W/norime/rime"
echo "demo database: $(sqlite3 "$B/demo.db" 'SELECT count(*) FROM bulletins') bulletins," \
	"$(sqlite3 "$B/demo.db" 'SELECT count(*) FROM subsidies') subsidy rows; librime $(pkg-config --modversion rime)"
"$B/bench/typing" "$PWD/$B/gongkai" "$W/kiosk.conf" "$W" "$ROUNDS"
