# common.sh - sourced by tests/sh/*.sh: temp folders, PASS/FAIL lines, test
# keys and bundles signed with the real minisign.
#
#   . tests/lib/common.sh
#   ok NAME / bad NAME WHY      print PASS: / FAIL: lines
#   check NAME CMD...           PASS if CMD succeeds
#   T                           a fresh temp folder, removed on exit
#   make_key PREFIX             PREFIX.pub/.key, passwordless minisign key
#   pubkey_of PREFIX            the RWQ... line of PREFIX.pub
#   write_conf FILE PUBKEY DB   a kiosk configuration for tests
#   sign_bundle DIR KEY SEQ [ENCODING]   manifest.txt + .minisig over DIR
#   db_dump DB                  sqlite3 .dump of DB (stable text)
#   CORPUS                      the four real published notices (assets/corpus)

set -u
GK_BUILD=${GK_BUILD:-build}
CTL="$GK_BUILD/gongkaictl"
KIOSK="$GK_BUILD/gongkai"
export LANG=C.UTF-8 LC_ALL=C.UTF-8

T=$(mktemp -d /tmp/gk-test.XXXXXX)
CORPUS=assets/corpus
trap 'rm -rf "$T"' EXIT INT TERM

ok() { echo "PASS: $1"; }
bad() { echo "FAIL: $1: $2"; }

# check NAME CMD... : passes when the command succeeds.
check() {
	n=$1; shift
	if "$@"; then ok "$n"; else bad "$n" "command failed: $*"; fi
}

make_key() {
	rm -f "$1.pub" "$1.key"
	minisign -G -W -p "$1.pub" -s "$1.key" >/dev/null 2>&1
}

pubkey_of() { sed -n 2p "$1.pub"; }

write_conf() {
	cat >"$1" <<CONF
[kiosk]
name = 测试便民服务中心
id = TEST-01
database = $3
idle_timeout = 120
[trust]
bundle_pubkey = $2
[print]
printer =
max_pages_per_session = 30
CONF
}

# sign_bundle DIR KEY SEQ [ENCODING]: manifest.txt over every file of DIR,
# signed with the real minisign (scripts/make-bundle.sh).
sign_bundle() {
	sh scripts/make-bundle.sh ${4:+--encoding "$4"} --issuer 测试县人民政府办公室 \
		--created 2026-11-20T10:00:00+08:00 "$1" "$2" "$3" >/dev/null
}

db_dump() { sqlite3 "$1" .dump; }
