#!/bin/sh
# tui_print.sh - the print dialog, driven in tmux at 80x24 against a private
# cupsd (tests/lib/cups.sh) whose backend keeps every job as a file.
#
# A villager opens a real corpus document (巫山府办发〔2021〕48号), moves to
# its second page and presses p: the dialog shows the page count and the
# pages the session may still print; Esc closes it with nothing printed;
# Enter prints - the backend gets a PDF with the title and as many pages as
# the dialog said, the print log gets a row (kind, pages, 完成) - and the
# reader is back on its second page. A printer out of paper, a disabled
# queue, a hung cupsd (SIGSTOP) and a stopped cupsd each end in plain Chinese
# within a bounded time, the hung one with a clock that keeps moving, and
# the reader is still where it was. With max_pages_per_session = 2 the
# 13-page document is offered as its first 2 pages, then refused; the idle
# wipe gives the next villager the full quota again.
#
# Needs root for the private cupsd, like print_cups.sh.
. tests/lib/common.sh
. tests/lib/tui.sh
. tests/lib/cups.sh
trap 'tui_stop; cups_stop; rm -rf "$T"' EXIT
trap 'exit 1' INT TERM HUP

if [ "$(id -u)" -ne 0 ]; then
	echo "SKIP: tui_print needs root to run a private cupsd"
	exit 0
fi
for t in cupsd lpadmin cupsdisable cupsenable lpstat pdftotext pdfinfo sqlite3 tmux; do
	command -v "$t" >/dev/null 2>&1 || { bad tui_print "$t not installed"; exit 1; }
done

tui_setup || { bad setup "seed_db failed"; exit 1; }
cups_start "$T/cups" || { bad cupsd_starts "private cupsd did not start"; exit 1; }
cups_queue q ok || { bad queue "lpadmin failed"; cat "$CUPS_DIR/admin.err"; exit 1; }
sed -i 's/^printer =.*/printer = q/' "$T/kiosk.conf"
mkdir -p "$T/tmp"
TUI_ENV="CUPS_SERVER=$CUPS_HOST TMPDIR=$T/tmp"
TITLE="关于印发贯彻落实市政府办公厅2021年政务公开工作要点任务分工巫山县责任清单的通知"

# log_rows - the print log as "kind|pages|result" lines.
log_rows() { sqlite3 -separator '|' "$T/kiosk.db" "SELECT kind, pages, result FROM print_log ORDER BY id"; }
log_count() { sqlite3 "$T/kiosk.db" "SELECT count(*) FROM print_log"; }
# last_log - the newest row as "kind|title|pages|result".
last_log() {
	sqlite3 -separator '|' "$T/kiosk.db" \
		"SELECT kind, title, pages, result FROM print_log ORDER BY id DESC LIMIT 1"
}
# open_doc - the corpus document, on its second page.
open_doc() {
	tui_keys 1 /
	tui_type "巫山"
	tui_wait "巫山府办发〔2021〕48号" || return 1
	tui_keys Enter Enter
	tui_wait "索引号：" || return 1
	tui_keys PgDn
	tui_wait "第 2/"
}
# back_in_place NAME - no dialog, and the reader on its second page.
back_in_place() {
	if tui_gone "┌" 5 && tui_wait "第 2/" 2 && tui_keyline | grep -q "p 打印"; then
		ok "$1"
	else
		bad "$1" "not back on the reader's second page"
		tui_screen | sed 's/^/    | /'
	fi
}
# print_now - p, then Enter once the dialog is up.
print_now() {
	tui_keys p
	tui_wait "本次还可打印" 5 && tui_keys Enter
}
# result_within NAME SECONDS TEXT - the result box with TEXT within SECONDS.
result_within() {
	t0=$(date +%s)
	if tui_wait "打印结果" "$2" && tui_wait "$3" 1; then
		ok "$1 ($(($(date +%s) - t0)) s)"
	else
		bad "$1" "no result with \"$3\" within $2 s"
		tui_screen | sed 's/^/    | /'
	fi
}

tui_start 80 24 || { bad start "no home screen"; exit 1; }
open_doc || { bad open_doc "corpus document did not open"; tui_screen; exit 1; }

# The dialog: page count, remaining pages, the keys.
tui_keys p
tui_check dialog_opens "本次还可打印 30 页"
PAGES=$(tui_screen | sed -n 's/.*共 \([0-9][0-9]*\) 页；本次还可打印.*/\1/p' | head -n 1)
[ "${PAGES:-0}" -gt 1 ] && ok "dialog_page_count ($PAGES pages)" ||
	{ bad dialog_page_count "no 共 N 页 in the dialog"; tui_screen | sed 's/^/    | /'; }
PAGES=${PAGES:-0}
tui_check dialog_title "《关于印发贯彻落实市政府办公厅"
case "$(tui_keyline)" in
*"回车 打印"*"Esc 取消"*) ok dialog_keyline ;;
*) bad dialog_keyline "[$(tui_keyline)]" ;;
esac
if out=$(tui_screen | "$CHECK" width "$TUI_W"); then ok dialog_fits; else bad dialog_fits "$out"; fi

# Esc cancels: nothing sent, nothing logged, the page as it was.
tui_keys Escape
back_in_place esc_back_in_place
sleep 1
check esc_sends_nothing [ -z "$(cups_jobs ok)" ]
check esc_logs_nothing [ "$(log_count)" = 0 ]

# Enter prints.
print_now
result_within print_completes 20 "打印完成，共 $PAGES 页"
JOB=$(cups_jobs ok | head -n 1)
check backend_got_one_job [ "$(cups_jobs ok | wc -l)" -eq 1 ]
JOB=${JOB:-/nonexistent}
check job_is_pdf [ "$(head -c 4 "$JOB" 2>/dev/null)" = "%PDF" ]
check job_has_title sh -c "pdftotext -enc UTF-8 '$JOB' - 2>/dev/null | tr -d ' \n' | grep -q '$TITLE'"
check job_pages_as_announced [ "$(pdfinfo "$JOB" 2>/dev/null | sed -n 's/^Pages: *//p')" = "$PAGES" ]
check print_logged [ "$(log_rows)" = "文件|$PAGES|完成" ]
check print_log_title [ "$(last_log | cut -d'|' -f2)" = "$TITLE" ]
check no_temp_pdf_left [ -z "$(ls "$T/tmp")" ]
tui_keys Enter
back_in_place print_back_in_place
tui_keys p
tui_check quota_counts "本次还可打印 $((30 - PAGES)) 页"
tui_keys Escape
tui_gone "┌"

# Part of a long document: 第 3 至 5 页, typed as digits.
before=$(cups_jobs ok | wc -l)
tui_keys p
tui_wait "只打印其中几页" 5
tui_keys Down Enter
tui_check range_opens "从第 1 页"
tui_keys 3 Down 5
tui_check range_typed "到第 5 页"
tui_check range_counts "共打印 3 页"
tui_keys Enter
result_within range_prints 20 "打印完成，共 3 页"
JOB2=$(ls -t $(cups_jobs ok) 2>/dev/null | head -n 1)
check range_one_more_job [ "$(cups_jobs ok | wc -l)" -eq $((before + 1)) ]
check range_job_pages [ "$(pdfinfo "${JOB2:-/nonexistent}" 2>/dev/null | sed -n 's/^Pages: *//p')" = 3 ]
check range_job_starts_at_3 sh -c "pdftotext -f 1 -l 1 '${JOB2:-/nonexistent}' - | tr -d ' ' | grep -q '第3页/共${PAGES}页'"
check range_logged sh -c "last_log() { :; }; sqlite3 '$T/kiosk.db' 'SELECT title, pages FROM print_log ORDER BY id DESC LIMIT 1' | grep -q '（第 3–5 页）|3'"
tui_keys Enter
back_in_place range_back_in_place
# A range beyond the document is refused in words.
tui_keys p
tui_wait "只打印其中几页" 5
tui_keys Down Enter
tui_keys Down 9 9 Enter
tui_check range_refused "页码要在 1 到 $PAGES 之间"
tui_keys Escape Escape
tui_gone "┌"

# Out of paper: the reason in Chinese, nothing counted.
lpadmin -h "$CUPS_HOST" -p q -v "gktest:$CUPS_DIR/out/empty"
print_now
result_within out_of_paper_said 40 "缺纸"
check out_of_paper_logged sh -c "echo '$(last_log | cut -d'|' -f3-)' | grep -q '^0|.*缺纸'"
check out_of_paper_not_left_queued [ -z "$(cups_queued q)" ]
tui_keys Enter
back_in_place out_of_paper_back_in_place
lpadmin -h "$CUPS_HOST" -p q -v "gktest:$CUPS_DIR/out/ok"
cupsenable -h "$CUPS_HOST" q

# A disabled queue.
cupsdisable -h "$CUPS_HOST" q
print_now
result_within disabled_queue_said 15 "打印机已暂停使用"
tui_keys Enter
back_in_place disabled_back_in_place
tui_keys p
tui_check disabled_counts_nothing "本次还可打印 $((30 - PAGES - 3)) 页"
tui_keys Escape
tui_gone "┌"
cupsenable -h "$CUPS_HOST" q

# A slow printer: Esc cancels the job, nothing comes out, nothing counted.
lpadmin -h "$CUPS_HOST" -p q -v "gktest:$CUPS_DIR/out/slow"
print_now
tui_check slow_job_printing "正在打印…" 10
tui_keys Escape
result_within esc_cancels_job 15 "打印已取消"
sleep 1
check canceled_job_prints_nothing [ -z "$(cups_jobs slow)" ]
check canceled_job_leaves_queue [ -z "$(cups_queued q)" ]
check cancel_logged [ "$(last_log | cut -d'|' -f3-)" = "0|打印已取消" ]
tui_keys Enter
back_in_place cancel_back_in_place
tui_keys p
tui_check cancel_counts_nothing "本次还可打印 $((30 - PAGES - 3)) 页"
tui_keys Escape
tui_gone "┌"

# A hung cupsd: the dialog keeps moving, and gives up in bounded time.
kill -STOP "$CUPSD_PID"
print_now
tui_wait "正在打印" 5
tui_wait "已用 1 秒" 5
s1=$(tui_screen | sed -n 's/.*已用 \([0-9]*\) 秒.*/\1/p')
sleep 1.5
s2=$(tui_screen | sed -n 's/.*已用 \([0-9]*\) 秒.*/\1/p')
if [ -n "$s1" ] && [ -n "$s2" ] && [ "$s2" -gt "$s1" ]; then
	ok "hung_cupsd_clock_moves ($s1 -> $s2 s)"
else
	bad hung_cupsd_clock_moves "clock [$s1] -> [$s2]"
	tui_screen | sed 's/^/    | /'
fi
result_within hung_cupsd_said 30 "没有响应"
kill -CONT "$CUPSD_PID"
tui_keys Enter
back_in_place hung_back_in_place

# SIGTERM while a job runs: the job is canceled and the kiosk ends cleanly.
print_now
tui_wait "正在打印…" 10
kill -TERM "$(tui_pid)" 2>/dev/null
tui_check sigterm_while_printing_exits "KIOSK-EXIT rc=0 tty=same" 15
sleep 1
check sigterm_cancels_job [ -z "$(cups_queued q)" ]
check log_has_every_attempt [ "$(log_count)" = 7 ]
check log_names_the_document [ "$(sqlite3 "$T/kiosk.db" "SELECT DISTINCT kind || '|' || index_no FROM print_log")" = "文件|CORPUS/wushan-2021-48.txt" ]

# The quota: 2 pages a session, an idle wipe starts a new one. idle_timeout
# 20: the idle countdown (its last 15 s) swallows a key, so the checks
# between keys get 5 s before it shows.
tui_stop
lpadmin -h "$CUPS_HOST" -p q -v "gktest:$CUPS_DIR/out/ok"
sed -i 's/^max_pages_per_session = .*/max_pages_per_session = 2/; s/^idle_timeout = .*/idle_timeout = 20/' "$T/kiosk.conf"
rm -f "$CUPS_DIR/out/ok"/job-*.pdf
tui_start 80 24 || { bad start_quota "no home screen"; exit 1; }
open_doc
tui_keys p
tui_check quota_offers_range "只打印第 1–2 页（共 $PAGES 页）"
tui_check quota_says_why "超过本次还可打印的 2 页"
tui_keys Enter
result_within quota_range_printed 20 "打印完成，共 2 页"
JOB=$(cups_jobs ok | head -n 1)
check quota_job_two_pages [ "$(pdfinfo "${JOB:-/nonexistent}" 2>/dev/null | sed -n 's/^Pages: *//p')" = 2 ]
check quota_job_keeps_total sh -c "pdftotext -enc UTF-8 '${JOB:-/nonexistent}' - 2>/dev/null | tr -d ' ' | grep -q '第2页/共${PAGES}页'"
check quota_logged [ "$(last_log | cut -d'|' -f3-)" = "2|完成" ]
check quota_log_names_range [ "$(last_log | cut -d'|' -f2)" = "$TITLE（第 1–2 页）" ]
tui_keys Enter
back_in_place quota_back_in_place
tui_keys p
tui_check quota_refuses "本次打印的页数已经用完"
case "$(tui_keyline)" in
*"回车 打印"*) bad quota_no_print_key "[$(tui_keyline)]" ;;
*) ok quota_no_print_key ;;
esac
tui_keys Enter
sleep 0.5
check quota_refusal_prints_nothing [ "$(cups_jobs ok | wc -l)" -eq 1 ]
tui_gone "┌"
# Idle: the session is wiped, and the next villager has 2 pages again.
tui_check idle_wipes "星期二" 26
open_doc
tui_keys p
tui_check quota_reset_by_wipe "只打印第 1–2 页"
tui_keys Escape
tui_gone "┌"

# A stopped cupsd: a clear message in a few seconds, the page kept.
cups_stop
print_now
result_within stopped_cupsd_said 15 "打印服务没有运行"
tui_keys Enter
back_in_place stopped_back_in_place
tui_keys p
tui_check stopped_counts_nothing "只打印第 1–2 页"
tui_keys Escape
