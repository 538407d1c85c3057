#!/bin/sh
# Benchmark of the kiosk screen: start-up to the first full frame and
# key-to-frame times (opening a list, paging, every search keystroke,
# paging the reader through a long real document), with `less` paging the
# same body text as the peer, and the kiosk's peak RSS, over a database of
# 100,000 bulletins and 1,000,000 subsidy rows; the search keystrokes again
# on a kiosk searching in date order (GONGKAI_SEARCH_ORDER=date), the order
# before ranking, as the peer.
#
#   sh bench/tui.sh [BUILD] [ROUNDS]      (default build, 10 rounds)
#
# The database is made once by tests/tools/seed_db (about 20 s, 300 MB) and
# kept as $BUILD/bench-tui.db; delete it to make a new one.
set -eu
cd "$(dirname "$0")/.."
B=${1:-build}
ROUNDS=${2:-10}
make -s BUILD="$B" "$B/gongkai" "$B/tools/seed_db" "$B/bench/tui"
DB="$B/bench-tui.db"
if [ ! -s "$DB" ]; then
	echo "making $DB (100,000 bulletins, 1,000,000 subsidy rows)..."
	rm -f "$DB" "$DB-wal" "$DB-shm"
	"$B/tools/seed_db" "$DB" --demo --corpus assets/corpus \
		--bulk-bulletins 100000 --bulk-subsidies 1000000
fi
W=$(mktemp -d /tmp/gk-bench-tui.XXXXXX)
trap 'rm -rf "$W"' EXIT INT TERM
cat >"$W/kiosk.conf" <<CONF
[kiosk]
name = 东乡街道便民服务中心
idle_timeout = 3600
[trust]
bundle_pubkey = RWQURiJj1TZCkOCrsG1NTYmpZvCFHr4ABGHgDFlA7vYgQaDhqybc7IAj
CONF
# The body the reader pages through, for less to page through too.
cp assets/corpus/wushan-2021-48.txt "$W/body.txt"
echo "bulletins: $(sqlite3 "$DB" 'SELECT count(*) FROM bulletins')," \
	"subsidy rows: $(sqlite3 "$DB" 'SELECT count(*) FROM subsidies')"
"$B/bench/tui" "$PWD/$B/gongkai" "$W/kiosk.conf" "$DB" "$W/body.txt" "$ROUNDS"
