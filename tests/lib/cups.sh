# cups.sh - sourced by tests that print: a private cupsd with a backend that
# keeps every job as a file.
#
#   cups_start DIR          starts cupsd in the foreground with its own ServerRoot,
#                           spool, state and logs under DIR, listening on
#                           127.0.0.1:<free port> (a new port when another process
#                           took it first); sets CUPS_HOST and CUPSD_PID and exports
#                           CUPS_SERVER. Returns 1 (after showing the logs) when it
#                           does not come up.
#   cups_queue NAME MODE [lpadmin options...]
#                           adds a raw queue (the PDF reaches the backend as sent)
#                           whose backend keeps jobs in DIR/out/MODE (MODE ok), or
#                           reports +media-empty-error (empty) or +offline-report
#                           (offline) and fails the way a real backend does, or
#                           takes 30 seconds before it keeps the job (slow).
#   cups_jobs MODE          the files the backend kept for MODE, one per line
#   cups_queued [QUEUE...]  the jobs still in the queues (lpstat -o), "" = none
#   cups_stop               stops cupsd (also when it is SIGSTOPped); safe to repeat
#
# The caller removes DIR and calls cups_stop from its own exit trap. Needs
# root (cupsd drops to lp and runs the 0700 backend as root), the cups
# package and $GK_BUILD/tools/print_driver (for a free port).

CUPS_DIR=
CUPS_HOST=
CUPSD_PID=

cups_start() {
	CUPS_DIR=$1
	unset PRINTER LPDEST
	mkdir -p "$CUPS_DIR/root" "$CUPS_DIR/bin/backend" "$CUPS_DIR/spool" "$CUPS_DIR/state" \
		"$CUPS_DIR/cache" "$CUPS_DIR/log" "$CUPS_DIR/tmp" \
		"$CUPS_DIR/out/ok" "$CUPS_DIR/out/empty" "$CUPS_DIR/out/offline" "$CUPS_DIR/out/slow"
	chmod 755 "$CUPS_DIR"

	# ServerBin: the system's filters and helpers, our backend only.
	for d in /usr/lib/cups/*; do
		[ "$(basename "$d")" = backend ] || ln -s "$d" "$CUPS_DIR/bin/$(basename "$d")"
	done
	cat >"$CUPS_DIR/bin/backend/gktest" <<'EOF'
#!/bin/sh
# Test backend: gktest:/DIR/MODE. ok keeps the job as DIR/MODE/job-ID.pdf;
# empty and offline report the problem and fail like a real backend; slow
# prints for 30 seconds before it keeps the job.
[ $# -eq 0 ] && { echo 'direct gktest "Unknown" "Gongkai test backend"'; exit 0; }
dir=${DEVICE_URI#gktest:}
case "$(basename "$dir")" in
empty)
	echo "STATE: +media-empty-error" >&2
	echo "ERROR: Out of paper" >&2
	exit 1 ;;
offline)
	echo "STATE: +offline-report" >&2
	echo "ERROR: Printer not responding" >&2
	exit 1 ;;
slow)
	# Canceled jobs end with SIGTERM: take the sleep along.
	sleep 30 &
	pid=$!
	trap 'kill $pid; exit 1' TERM
	wait $pid ;;
esac
if [ -n "${6:-}" ]; then cat "$6"; else cat; fi >"$dir/job-$1.pdf" || exit 1
exit 0
EOF
	chmod 700 "$CUPS_DIR/bin/backend/gktest"

	cat >"$CUPS_DIR/root/cups-files.conf" <<EOF
ServerRoot $CUPS_DIR/root
ServerBin $CUPS_DIR/bin
DataDir /usr/share/cups
RequestRoot $CUPS_DIR/spool
StateDir $CUPS_DIR/state
CacheDir $CUPS_DIR/cache
TempDir $CUPS_DIR/tmp
AccessLog $CUPS_DIR/log/access_log
ErrorLog $CUPS_DIR/log/error_log
PageLog $CUPS_DIR/log/page_log
Printcap $CUPS_DIR/printcap
FileDevice No
User lp
Group lp
SystemGroup root
EOF
	n=0
	until cups_listen; do
		n=$((n + 1))
		if [ $n -ge 5 ]; then
			tail -n 20 "$CUPS_DIR/log/stdout" "$CUPS_DIR/log/error_log" 2>/dev/null
			cups_stop
			return 1
		fi
	done
	return 0
}

# cups_listen - starts cupsd on a free port. Returns 1 when the port was
# taken in the meantime: cupsd then keeps running without a listener, and
# another cupsd (of a parallel test run, say) would answer in its place.
cups_listen() {
	port=$("${GK_BUILD:-build}/tools/print_driver" freeport) || return 1
	CUPS_HOST=127.0.0.1:$port
	cat >"$CUPS_DIR/root/cupsd.conf" <<EOF
LogLevel info
Listen $CUPS_HOST
Browsing No
WebInterface No
DefaultAuthType None
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order allow,deny
    Allow all
  </Limit>
</Policy>
EOF
	rm -f "$CUPS_DIR/log/error_log"
	cupsd -f -c "$CUPS_DIR/root/cupsd.conf" -s "$CUPS_DIR/root/cups-files.conf" \
		>"$CUPS_DIR/log/stdout" 2>&1 &
	CUPSD_PID=$!
	i=0
	until grep -q "Listening to $CUPS_HOST on fd" "$CUPS_DIR/log/error_log" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -gt 100 ] || ! kill -0 "$CUPSD_PID" 2>/dev/null ||
			grep -q "Unable to open listen socket" "$CUPS_DIR/log/error_log" 2>/dev/null; then
			cups_stop
			return 1
		fi
		sleep 0.05
	done
	export CUPS_SERVER=$CUPS_HOST
	i=0
	until lpstat -h "$CUPS_HOST" -r >/dev/null 2>&1; do
		i=$((i + 1))
		[ $i -le 100 ] || { cups_stop; return 1; }
		sleep 0.05
	done
	return 0
}

cups_queue() {
	q=$1; m=$2; shift 2
	lpadmin -h "$CUPS_HOST" -p "$q" -E -v "gktest:$CUPS_DIR/out/$m" -m raw "$@" \
		2>>"$CUPS_DIR/admin.err"
}

cups_jobs() { ls "$CUPS_DIR/out/$1"/job-*.pdf 2>/dev/null; }

cups_queued() { lpstat -h "$CUPS_HOST" -o "$@" 2>/dev/null; }

cups_stop() {
	if [ -n "$CUPSD_PID" ]; then
		kill -CONT "$CUPSD_PID" 2>/dev/null
		kill "$CUPSD_PID" 2>/dev/null
		wait "$CUPSD_PID" 2>/dev/null
		CUPSD_PID=
	fi
}
