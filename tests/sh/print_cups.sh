#!/bin/sh
# print_cups.sh - printing through a real, private cupsd.
#
# Starts cupsd (tests/lib/cups.sh) in the foreground with its own ServerRoot,
# spool, state and logs under a temporary directory, listening on
# 127.0.0.1:<free port>, with a ServerBin copy whose only backend is a test
# script: it keeps each job as a file, or - depending on the queue - reports
# STATE: +media-empty-error or +offline-report and fails the way a real
# backend does. Raw queues hand the kiosk's PDF through untouched. The print driver (build/tools/print_driver,
# see tests/tools/print_driver.c) then prints through libcups with
# CUPS_SERVER pointing at this cupsd and every call bounded by `timeout`.
#
# Needs root (cupsd drops to lp and runs the 0700 backend as root) and the
# cups, poppler-utils and fonts-noto-cjk packages.
set -u
B=${GK_BUILD:-build}
DRV=$B/tools/print_driver
DOC=assets/corpus/wushan-2021-48.txt

pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1"; }
# check NAME CMD... - PASS when CMD succeeds.
check() { n=$1; shift; if "$@"; then pass "$n"; else fail "$n"; fi; }

if [ "$(id -u)" -ne 0 ]; then
	echo "SKIP: print_cups needs root to run a private cupsd"
	exit 0
fi
for t in cupsd lpadmin cupsdisable cupsreject lpstat pdftotext pdffonts pdfinfo timeout; do
	command -v "$t" >/dev/null 2>&1 || { fail "print_cups: $t not installed"; exit 1; }
done
[ -x "$DRV" ] || { fail "print_cups: $DRV not built (make tests)"; exit 1; }
[ -f "$DOC" ] || { fail "print_cups: corpus $DOC missing"; exit 1; }

. tests/lib/cups.sh
T=$(mktemp -d /tmp/gk-print-cups.XXXXXX)
cleanup() {
	cups_stop
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

if ! cups_start "$T"; then
	fail "print_cups: cupsd did not start"
	exit 1
fi
HOST=$CUPS_HOST

# Queues: raw, so the PDF reaches the backend as sent.
addq() { cups_queue "$@"; } # name mode [lpadmin options]
addq q ok && addq qempty empty && addq qoff offline -o printer-error-policy=abort-job &&
	addq qdis ok && addq qrej ok && lpadmin -h "$HOST" -d q 2>>"$T/admin.err" &&
	cupsdisable -h "$HOST" qdis 2>>"$T/admin.err" && cupsreject -h "$HOST" qrej 2>>"$T/admin.err"
rc=$?
check "print_cups: private cupsd with five queues" [ $rc -eq 0 ]
if [ $rc -ne 0 ]; then
	cat "$T/admin.err"
	tail -n 20 "$T/log/error_log"
fi

# submit DEST PDF [driver options] - prints through the driver into $T/r.
submit() {
	dest=$1; pdf=$2; shift 2
	timeout 20 "$DRV" submit "$dest" "$pdf" "测试" "$@" >"$T/r" 2>"$T/progress"
}
field() { sed -n "s/^$1=//p" "$T/r"; }
# result_is STATUS [WORD] - the last result has STATUS and WORD in its message.
result_is() {
	[ "$(field status)" = "$1" ] || return 1
	[ $# -lt 2 ] || field message | grep -q "$2"
}
# fails_with WORD - the job failed on the printer, and the message says WORD.
fails_with() {
	case "$(field status)" in PRINT_E_PRINTER | PRINT_E_ABORTED) ;; *) return 1 ;; esac
	field message | grep -q "$1"
}
# quick STATUS WORD - result_is, and it took at most 5 seconds.
quick() { result_is "$@" && [ $((t1 - t0)) -le 5 ]; }
# test_page_ok - print-test succeeded and the job shows the rare 䶮.
test_page_ok() {
	[ "$(field status)" = PRINT_OK ] && [ -n "$JOB" ] &&
		pdftotext -enc UTF-8 "$JOB" - 2>/dev/null | grep -q "䶮"
}

# A real document: rendered, counted, sent, kept by the backend.
TITLE="关于印发贯彻落实市政府办公厅2021年政务公开工作要点任务分工巫山县责任清单的通知"
WENHAO="巫山府办发〔2021〕48号"
timeout 30 "$DRV" doc "$DOC" "$T/doc.pdf" --title "$TITLE" --wenhao "$WENHAO" >"$T/render"
PAGES=$(sed -n 's/^pages=\([0-9]*\).*/\1/p' "$T/render")
check "print_cups: document rendered (${PAGES:-?} pages)" [ "${PAGES:-0}" -gt 1 ]

submit q "$T/doc.pdf"
check "print_cups: job completes on q" [ "$(field status)" = PRINT_OK ]
check "print_cups: progress reported the stages" grep -q "stage=4" "$T/progress"
JOB=$(ls "$T/out/ok"/job-*.pdf 2>/dev/null | head -n 1)
check "print_cups: the backend got one job" [ -n "$JOB" ]
JOB=${JOB:-/nonexistent}
check "print_cups: the job is a PDF" [ "$(head -c 4 "$JOB" 2>/dev/null)" = "%PDF" ]
pdftotext -enc UTF-8 "$JOB" "$T/job.txt" 2>/dev/null
tr -d ' ' <"$T/job.txt" >"$T/job.nospace"
check "print_cups: job text has the 文号" grep -q "$WENHAO" "$T/job.nospace"
check "print_cups: job text has the title" grep -q "政务公开工作要点任务分工巫山县责任清单的通知" "$T/job.nospace"
check "print_cups: job text has the body" grep -q "三、进一步强化审核把关。" "$T/job.nospace"
check "print_cups: job text has the page footer" grep -q "第1页/共${PAGES}页" "$T/job.nospace"
# Glyphs are traced outlines (printing/outline.h): Type 3 fonts, embedded,
# each with its ToUnicode map; nothing left for the printer to substitute.
check "print_cups: fonts are traced outlines" sh -c "pdffonts '$JOB' | tail -n +3 | grep -q 'Type 3 .* yes no  yes'"
check "print_cups: no font left out" sh -c "! pdffonts '$JOB' | tail -n +3 | grep -v -q 'Type 3 .* yes no  yes'"
check "print_cups: page count matches" [ "$(pdfinfo "$JOB" | sed -n 's/^Pages: *//p')" = "$PAGES" ]

# The default destination is used when none is named.
submit "" "$T/doc.pdf"
check "print_cups: default destination" result_is PRINT_OK
check "print_cups: default destination is q" [ "$(field dest)" = q ]

# The progress callback can cancel: the job is withdrawn, nothing printed.
rm -f "$T/out/ok"/job-*.pdf
submit q "$T/doc.pdf" --cancel-at 1
check "print_cups: canceled from the progress callback" result_is PRINT_E_CANCELED "取消"
check "print_cups: a canceled job prints nothing" [ -z "$(ls "$T/out/ok" 2>/dev/null)" ]
check "print_cups: a canceled job leaves the queue" [ -z "$(lpstat -h "$HOST" -o q 2>/dev/null)" ]

# The printer test page of gongkaictl print-test.
rm -f "$T/out/ok"/job-*.pdf
timeout 20 "$DRV" print-test q "东乡街道便民服务中心" >"$T/r" 2>/dev/null
JOB=$(ls "$T/out/ok"/job-*.pdf 2>/dev/null | head -n 1)
check "print_cups: test page printed" test_page_ok

# Refusals: each a clear code and Chinese words, and quickly.
submit qdis "$T/doc.pdf"
check "print_cups: disabled queue refused" result_is PRINT_E_DISABLED "暂停"
submit qrej "$T/doc.pdf"
check "print_cups: rejecting queue refused" result_is PRINT_E_REJECTING "不接受"
submit nosuch "$T/doc.pdf"
check "print_cups: missing destination" result_is PRINT_E_NO_DEST "找不到"

# Backends that fail as real ones do: the reasons come back in Chinese.
submit qempty "$T/doc.pdf" --stall-ms 5000
check "print_cups: out of paper said in Chinese ($(field status))" fails_with "缺纸"
submit qoff "$T/doc.pdf" --stall-ms 5000
check "print_cups: offline printer said in Chinese ($(field status))" fails_with "没有连接"
check "print_cups: failed jobs are not left queued" [ -z "$(lpstat -h "$HOST" -o qempty qoff 2>/dev/null)" ]

# No default printer once the default queue is gone.
lpadmin -h "$HOST" -x q 2>/dev/null
submit "" "$T/doc.pdf"
check "print_cups: no default printer" result_is PRINT_E_NO_DEFAULT "默认打印机"

# A hung cupsd (stopped with SIGSTOP): the request limit ends the wait.
kill -STOP "$CUPSD_PID"
t0=$(date +%s)
submit qdis "$T/doc.pdf" --request-ms 1500
t1=$(date +%s)
kill -CONT "$CUPSD_PID"
check "print_cups: hung cupsd times out ($(field status), $((t1 - t0)) s)" \
	quick PRINT_E_TIMEOUT "没有响应"

# A stopped cupsd: an error in a few seconds, not a hang.
kill "$CUPSD_PID"
wait "$CUPSD_PID" 2>/dev/null
CUPSD_PID=
t0=$(date +%s)
submit qdis "$T/doc.pdf"
t1=$(date +%s)
check "print_cups: stopped cupsd reported ($(field status), $((t1 - t0)) s)" \
	quick PRINT_E_SERVER "打印服务"
