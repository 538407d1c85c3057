#!/bin/sh
# print_kill.sh - the scheduler killed under a job in flight.
#
# A private cupsd (tests/lib/cups.sh) with a slow queue, whose backend takes
# 30 seconds over each job, and a normal one. The kiosk's print job
# (printing/job.c, driven without a terminal by build/tests/test_print_job
# run) starts on the slow queue; once CUPS has accepted it and the backend
# is at work, cupsd is killed with SIGKILL. The job must end within its
# time limits with a message in plain Chinese (no hang, no English), count
# no pages and leave no temporary file. Then cupsd is started again on the
# same configuration and port, and the next job must print: completed, and
# the backend received the PDF.
#
# Needs root (cupsd drops to lp and runs the 0700 backend as root).
set -u
B=${GK_BUILD:-build}
DRV=$B/tests/test_print_job

pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1"; }
check() { n=$1; shift; if "$@"; then pass "$n"; else fail "$n"; fi; }

if [ "$(id -u)" -ne 0 ]; then
	echo "SKIP: print_kill needs root to run a private cupsd"
	exit 0
fi
for t in cupsd lpadmin lpstat timeout; do
	command -v "$t" >/dev/null 2>&1 || { fail "print_kill: $t not installed"; exit 1; }
done
[ -x "$DRV" ] || { fail "print_kill: $DRV not built (make tests)"; exit 1; }

. tests/lib/cups.sh
T=$(mktemp -d /tmp/gk-print-kill.XXXXXX)
DRV_PID=
# stop_backends - ends the slow backend the killed cupsd left running (by
# the pids whose command line names this test's slow queue folder).
stop_backends() {
	for p in $(ps -eo pid=,args= | awk -v d="$T/bin/backend/gktest" 'index($0, d) { print $1 }'); do
		kill "$p" 2>/dev/null
	done
}
cleanup() {
	[ -n "$DRV_PID" ] && kill "$DRV_PID" 2>/dev/null
	cups_stop
	stop_backends
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

if ! cups_start "$T"; then
	fail "print_kill: cupsd did not start"
	exit 1
fi
# start_cupsd - cupsd again on the same configuration and port.
start_cupsd() {
	cupsd -f -c "$T/root/cupsd.conf" -s "$T/root/cups-files.conf" >>"$T/log/stdout" 2>&1 &
	CUPSD_PID=$!
	i=0
	until lpstat -h "$CUPS_HOST" -r >/dev/null 2>&1 || [ $i -ge 200 ]; do
		i=$((i + 1))
		sleep 0.05
	done
	lpstat -h "$CUPS_HOST" -r >/dev/null 2>&1
}
cups_queue slow slow && cups_queue q ok
check "print_kill: private cupsd with a slow and a normal queue" [ $? -eq 0 ]
# A kiosk's queues were saved long ago: stop cupsd gently so it writes
# printers.conf (it delays the write otherwise), then start it again.
cups_stop
check "print_kill: the queues are saved" grep -q '<Printer slow>' "$T/root/printers.conf"
check "print_kill: cupsd started again" start_cupsd
mkdir -p "$T/jobtmp"
field() { sed -n "s/^$1=//p" "$2"; }
# no_latin FILE FIELD - the field is not empty and has no ASCII letter.
no_latin() { v=$(field "$2" "$1"); [ -n "$v" ] && ! printf '%s' "$v" | grep -q '[A-Za-z]'; }

# The job on the slow queue, followed by the kiosk's job code.
timeout 120 "$DRV" run slow "关于开展春耕生产的通知" --ready "$T/ready" --tmpdir "$T/jobtmp" \
	--job-ms 60000 --request-ms 3000 >"$T/r1" 2>"$T/e1" &
DRV_PID=$!
i=0
until [ -s "$T/ready" ] || [ $i -ge 300 ]; do
	i=$((i + 1))
	sleep 0.05
done
check "print_kill: CUPS accepted the job" [ -s "$T/ready" ]
JOB=$(cat "$T/ready" 2>/dev/null)
i=0
until ps -eo args= | grep -q "$T/bin/backend/gktest $JOB " || [ $i -ge 200 ]; do
	i=$((i + 1))
	sleep 0.05
done
check "print_kill: the slow backend is printing job ${JOB:-?}" sh -c "ps -eo args= | grep -q '$T/bin/backend/gktest $JOB '"

# SIGKILL: no goodbye to the client, the connection just goes.
kill -9 "$CUPSD_PID"
wait "$CUPSD_PID" 2>/dev/null
CUPSD_PID=
t0=$(date +%s)
wait "$DRV_PID"
rc=$?
DRV_PID=
t1=$(date +%s)
check "print_kill: the job ended ($(field status "$T/r1"), $((t1 - t0)) s after the kill)" \
	sh -c "[ $rc -ne 124 ] && [ $((t1 - t0)) -le 15 ]"
check "print_kill: it failed as a server problem" \
	sh -c "grep -q '^status=PRINT_E_SERVER$\|^status=PRINT_E_TIMEOUT$' '$T/r1'"
check "print_kill: said in plain Chinese ($(field message "$T/r1"))" no_latin "$T/r1" message
check "print_kill: the message asks for staff" grep -q '^message=.*工作人员' "$T/r1"
check "print_kill: no page counted against the quota" [ "$(field used "$T/r1")" = 0 ]
check "print_kill: the log record says the same" \
	[ "$(field log_result "$T/r1")" = "$(field message "$T/r1")" ]
check "print_kill: no temporary file left" [ "$(field tmp_left "$T/r1")" = 0 ]
stop_backends

# cupsd again, same configuration, same port.
check "print_kill: cupsd restarted on $CUPS_HOST" start_cupsd

timeout 60 "$DRV" run q "关于开展春耕生产的通知" --tmpdir "$T/jobtmp" >"$T/r2" 2>"$T/e2"
check "print_kill: the next job prints ($(field status "$T/r2"))" [ "$(field status "$T/r2")" = PRINT_OK ]
OUT=$(ls "$T/out/ok"/job-*.pdf 2>/dev/null | head -n 1)
check "print_kill: the backend received the PDF" [ "$(head -c 4 "${OUT:-/nonexistent}" 2>/dev/null)" = "%PDF" ]
check "print_kill: completed in CUPS's words too" \
	sh -c "lpstat -h $CUPS_HOST -W completed -o q 2>/dev/null | grep -q '^q-'"
check "print_kill: no temporary file left" [ -z "$(ls -A "$T/jobtmp")" ]
