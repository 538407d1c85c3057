#!/bin/sh
# bench/subsidy.sh - the subsidy-list queries on a county-size list:
# 1,000,000 rows over 4 programs, 3 years, 20 townships and 400 villages
# (bench/gen_subsidies), imported by gongkaictl; median and p99 of a name
# search, a pinyin-initials search, name + id tail, opening a village list,
# paging down 50 times and the totals, measured on db/subsidy.c directly
# (bench/subsidy.c), next to the peers a user could fall back to: grep over
# the UTF-8 CSV and LIKE '%name%' on a plain sqlite3 table of the same rows.
#
# Then the same through the real kiosk in a pty (bench/subsidy_pty.c): key
# to finished frame for opening the screen, each search keystroke, the
# menus, a village list and 50 page-downs of a township list.
#
#   sh bench/subsidy.sh [BUILD] [ROUNDS] [PTY_ROUNDS]   (build, 1000, 20)
#
# The list, the kiosk database and the peer's table are made once (about
# 30 s, 600 MB) under $GK_BENCH_DIR (default /tmp/gk-bench-subsidy) and
# kept for the next run; delete the folder to make them again.
set -eu
cd "$(dirname "$0")/.."
B=${1:-build}
ROUNDS=${2:-1000}
PTY_ROUNDS=${3:-20}
W=${GK_BENCH_DIR:-/tmp/gk-bench-subsidy}
make -s BUILD="$B" "$B/gongkai" "$B/gongkaictl" "$B/bench/subsidy" "$B/bench/subsidy_pty" \
	"$B/bench/gen_subsidies"
if [ ! -s "$W/kiosk.db" ] || [ ! -s "$W/peer.db" ]; then
	rm -rf "$W"
	mkdir -p "$W/gongkai-bundle"
	echo "making $W (1,000,000 rows)..."
	"$B/bench/gen_subsidies" --rows=1000000 --seed=1 --programs=4 --years=3 --townships=20 \
		--villages=400 >"$W/gongkai-bundle/subsidies.csv"
	minisign -G -W -p "$W/k.pub" -s "$W/k.key" >/dev/null 2>&1
	sh scripts/make-bundle.sh "$W/gongkai-bundle" "$W/k.key" 1 >/dev/null
	cat >"$W/kiosk.conf" <<CONF
[kiosk]
database = $W/kiosk.db
[trust]
bundle_pubkey = $(sed -n 2p "$W/k.pub")
CONF
	start=$(date +%s)
	"$B/gongkaictl" --config "$W/kiosk.conf" import "$W/gongkai-bundle" >/dev/null
	echo "imported in $(($(date +%s) - start)) s"
	sqlite3 "$W/peer.db" -cmd '.mode csv' ".import '$W/gongkai-bundle/subsidies.csv' t"
fi
echo "bench/subsidy: $(du -m "$W/gongkai-bundle/subsidies.csv" | cut -f1) MB CSV," \
	"kiosk database $(du -m "$W/kiosk.db" | cut -f1) MB; machine load: $(cut -d' ' -f1-3 /proc/loadavg)"
"$B/bench/subsidy" "$W/kiosk.db" "$W/gongkai-bundle/subsidies.csv" "$W/peer.db" "$ROUNDS"
echo
cat >"$W/pty.conf" <<CONF
[kiosk]
name = 东乡街道便民服务中心
idle_timeout = 3600
[trust]
bundle_pubkey = $(sed -n 2p "$W/k.pub")
CONF
"$B/bench/subsidy_pty" "$PWD/$B/gongkai" "$W/pty.conf" "$W/kiosk.db" "$PTY_ROUNDS"
