#!/bin/sh
# tui_subsidy_print.sh - p on the subsidy screens, against a private cupsd
# (tests/lib/cups.sh) whose backend keeps every job as a file: a village's
# list prints as a table with its masked ids and the village's total; a
# whole township's list offers the whole list or the rows on screen, and
# prints the one chosen; a villager found by name and id tail prints her
# own lines over every program. No printout holds a full id or account,
# and the print log names the list, never the person.
#
# Needs root for the private cupsd, like print_cups.sh.
. tests/lib/common.sh
. tests/lib/tui.sh
. tests/lib/cups.sh
. tests/lib/subsidy.sh
trap 'tui_stop; cups_stop; rm -rf "$T"' EXIT
trap 'exit 1' INT TERM HUP

if [ "$(id -u)" -ne 0 ]; then
	echo "SKIP: tui_subsidy_print needs root to run a private cupsd"
	exit 0
fi
for t in cupsd lpadmin pdftotext pdfinfo sqlite3 tmux; do
	command -v "$t" >/dev/null 2>&1 || { bad tui_subsidy_print "$t not installed"; exit 1; }
done

subsidy_setup || { bad import "demo bundle refused"; exit 1; }
cups_start "$T/cups" || { bad cupsd_starts "private cupsd did not start"; exit 1; }
cups_queue q ok || { bad queue "lpadmin failed"; exit 1; }
sed -i 's/^printer =.*/printer = q/' "$T/kiosk.conf"
mkdir -p "$T/tmp"
TUI_ENV="CUPS_SERVER=$CUPS_HOST TMPDIR=$T/tmp"
# The CSV's full ids and accounts, which no printout may hold.
awk -F, 'NR > 1 && length($7) == 18 { print $7 }' "$T/subsidies.csv" | sort -u >"$T/ids"
awk -F, 'NR > 1 && length($NF) >= 16 { print $NF }' "$T/subsidies.csv" | sort -u >"$T/accounts"

PROG=耕地地力保护补贴
VILL_SUM=$(sums "$PROG" 2025 - 黄金镇 天池村 "" "" | sed 's/.*，\(.*\) 元/\1/')
WANG_SUM=$(sums "" "" - "" "" 王芳 1245 | sed 's/.*，\(.*\) 元/\1/')

# printed N NAME: waits for the N-th job; its text (no spaces) goes to $T/job.txt.
printed() {
	i=0
	while [ $i -lt 100 ] && [ "$(cups_jobs ok | wc -l)" -lt "$1" ]; do
		sleep 0.2
		i=$((i + 1))
	done
	job=$(cups_jobs ok | sed -n "${1}p")
	[ -n "${KEEP_PDF:-}" ] && [ -n "$job" ] && cp "$job" "$KEEP_PDF.$1.pdf"
	if [ -n "$job" ] && pdftotext -enc UTF-8 "$job" - 2>/dev/null | tr -d ' \n' >"$T/job.txt"; then
		ok "$2"
		pdfinfo "$job" 2>/dev/null | awk '/^Pages:/ { print $2 }' >"$T/job.pages"
	else
		bad "$2" "no job $1 from the printer"
		tui_screen | sed 's/^/    | /'
		: >"$T/job.txt"
	fi
}

# has NAME TEXT: the last printout holds TEXT (spaces ignored).
has() {
	if grep -qF -- "$(echo "$2" | tr -d ' ')" "$T/job.txt"; then ok "$1"; else bad "$1" "\"$2\" not printed"; fi
}

# private NAME: the last printout holds no full id and no full account.
private() {
	if grep -qF -f "$T/ids" "$T/job.txt" || grep -qF -f "$T/accounts" "$T/job.txt"; then
		bad "$1" "a full id or account was printed"
	else
		ok "$1"
	fi
}

tui_start 80 24 || { bad start "no home screen"; exit 1; }
tui_keys 6
tui_wait "找自己的名字"
open_entry open_program "$PROG" "各年度、批次累计"
open_entry open_batch "2025年" "本批合计"
open_entry open_township "黄金镇" "黄金镇合计"
open_entry open_village "天池村" "姓名"

# A village's list: one choice, the whole list.
tui_keys p
tui_check village_dialog "本次还可打印"
tui_check village_dialog_title "《$PROG 2025年 发放名单》"
tui_keys Enter
printed 1 village_printed
has village_title "$PROG 2025年 发放名单"
has village_place "天池村"
has village_masked_id "511722********3313"
has village_total "$VILL_SUM"
private village_private
rows=$(grep -oE '[0-9]{6}\*{8}[0-9]{3}[0-9X]' "$T/job.txt" | wc -l)
[ "$rows" -eq 11 ] && ok village_every_row || bad village_every_row "$rows masked ids"
tui_wait "打印完成" 20
tui_keys Escape
tui_gone "┌" 5

# A whole township's list: the rows on screen only.
tui_keys Escape
tui_wait "全部名单"
open_entry open_township_list "黄金镇全部名单" "姓名"
tui_keys p
tui_check township_choices "整个名单 68 人"
tui_check township_choice_page "本页名单 17 人"
tui_keys Down Enter
printed 2 township_page_printed
n=$(grep -oE '[0-9]{6}\*{8}[0-9]{3}[0-9X]' "$T/job.txt" | wc -l)
[ "$n" -eq 17 ] && ok township_page_rows || bad township_page_rows "$n rows printed, not 17"
private township_private
tui_wait "打印完成" 20
tui_keys Escape
tui_gone "┌" 5

# A villager's own lines, found by name and id tail.
search "王芳 1245"
tui_wait "511722********1245"
tui_keys Enter p
tui_check person_dialog "《惠民惠农补贴发放明细》"
tui_keys Enter
printed 3 person_printed
has person_title "惠民惠农补贴发放明细"
has person_name "王芳"
has person_id "511722********1245"
has person_pension "城乡居民基本养老保险"
has person_grain "实际种粮农民一次性补贴"
has person_farm "$PROG"
has person_total "$WANG_SUM"
if grep -qF "511722********0861" "$T/job.txt"; then bad person_only_hers "a namesake printed"; else ok person_only_hers; fi
private person_private
tui_wait "打印完成" 20
tui_stop

# The print log: the kind and the list, never who printed or whom it named.
log=$(sqlite3 -cmd ".timeout 5000" -separator "|" "$T/kiosk.db" "SELECT kind, title, result FROM print_log ORDER BY id")
case "$log" in
*"补贴名单|$PROG 2025年 发放名单|完成"*"补贴名单|惠民惠农补贴发放明细|完成"*) ok print_logged ;;
*) bad print_logged "$log" ;;
esac
if echo "$log" | grep -q "王芳"; then bad log_has_no_name "$log"; else ok log_has_no_name; fi
