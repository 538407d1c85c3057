#!/bin/sh
# tui_directory.sh - 公共服务名录 in the real kiosk (tmux, 80x24) on the demo
# bundle's directory.csv: 更多公开信息 → 公共服务名录 → the townships with
# their counts → 南坝镇's units (name, category, phone on one line) → one
# unit with every field; a search within the township; the global search
# lists units under 公共服务 and opens one; p prints the township's list as
# a table and one unit on a sheet, to a private cupsd whose PDFs are read
# back; a kiosk without a directory says so plainly instead of an empty
# screen.
#
# Needs root for the private cupsd, like tui_subsidy_print.sh.
. tests/lib/common.sh
. tests/lib/tui.sh
. tests/lib/cups.sh
. tests/lib/subsidy.sh
trap 'tui_stop; cups_stop; rm -rf "$T"' EXIT
trap 'exit 1' INT TERM HUP

if [ "$(id -u)" -ne 0 ]; then
	echo "SKIP: tui_directory needs root to run a private cupsd"
	exit 0
fi
for t in cupsd lpadmin pdftotext sqlite3 tmux; do
	command -v "$t" >/dev/null 2>&1 || { bad tui_directory "$t not installed"; exit 1; }
done

subsidy_setup || { bad import "demo bundle refused"; exit 1; }
cups_start "$T/cups" || { bad cupsd_starts "private cupsd did not start"; exit 1; }
cups_queue q ok || { bad queue "lpadmin failed"; exit 1; }
sed -i 's/^printer =.*/printer = q/' "$T/kiosk.conf"
mkdir -p "$T/tmp"
TUI_ENV="CUPS_SERVER=$CUPS_HOST TMPDIR=$T/tmp"
UNITS=$(sqlite3 "$T/kiosk.db" "select count(*) from directory")
NANBA=$(sqlite3 "$T/kiosk.db" "select count(*) from directory where township='南坝镇'")
[ "$UNITS" -gt 0 ] && [ "$NANBA" -gt 2 ] && ok demo_has_directory || bad demo_has_directory "$UNITS units, $NANBA in 南坝镇"

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

# row_has NAME TEXT...: one screen line holds every TEXT.
row_has() {
	n=$1; shift
	line=$(tui_screen | grep -F -- "$1")
	for w in "$@"; do
		case "$line" in *"$w"*) ;; *) bad "$n" "no line with $*"; tui_screen | sed 's/^/    | /'; return ;; esac
	done
	ok "$n"
}

tui_start 80 24 || { bad start "no home screen"; exit 1; }
tui_check home_note "服务名录"

# 更多公开信息 (9): the directory is its first entry.
tui_keys 9
tui_check more_entry "公共服务名录  学校、卫生院、水电、公交等的地址、时间和电话"
tui_keys 1
tui_check towns_title "共 $UNITS 个单位"
row_has towns_count 南坝镇 "$NANBA 个"
tui_frame_ok towns_frame

# A township: its units by category, one line each with the phone.
open_entry open_township 南坝镇 "公共服务名录 › 南坝镇"
row_has unit_line 南坝镇中心卫生院 卫生院 "0818-5300120 转 8001"
row_has unit_line_school 南坝中学 学校 0818-5300135
# Grouped: the two schools are next to each other.
tui_screen | grep -n "学校" | cut -d: -f1 >"$T/school_rows"
if [ "$(wc -l <"$T/school_rows")" -eq 2 ] && [ $(($(sed -n 2p "$T/school_rows") - $(sed -n 1p "$T/school_rows"))) -eq 1 ]; then
	ok grouped_by_category
else
	bad grouped_by_category "school rows: $(tr '\n' ' ' <"$T/school_rows")"
fi
tui_frame_ok township_frame
tui_screen >"$T/township.screen"

# A search within the township narrows the list; Esc brings it back.
tui_keys /
tui_type "中学"
tui_check town_search "南坝【中学】"
absent town_search_narrows 南坝镇中心卫生院
tui_keys Enter Escape
tui_check town_search_cleared 南坝镇中心卫生院

# p prints the township's whole list as a ruled table.
tui_keys p
tui_check print_dialog "《南坝镇公共服务名录》"
tui_keys Enter
printed 1 township_printed
has township_print_title "南坝镇公共服务名录"
has township_print_unit "南坝镇中心卫生院"
has township_print_phone "0818-5300120转8001"
has township_print_address "南坝镇人民路58号"
for w in 名称 类别 地址 办公时间 电话; do has "township_print_column_$w" "$w"; done
n=$(grep -o "0818-5300" "$T/job.txt" | wc -l)
[ "$n" -eq "$NANBA" ] && ok township_print_every_unit || bad township_print_every_unit "$n phones printed, $NANBA units"
tui_wait "打印完成" 20
tui_keys Escape
tui_gone "┌" 5

# A unit: every field, wrapped; p prints it alone.
open_entry open_unit 南坝至县城客运班车 "办公时间："
tui_check unit_address "地址：        南坝镇汽车站"
tui_check unit_phone "电话：        0818-5300188"
tui_check unit_note "逢场天加开班次"
tui_frame_ok unit_frame
tui_screen >"$T/unit.screen"
tui_keys p
tui_check unit_print_dialog "本次还可打印"
tui_keys Enter
printed 2 unit_printed
has unit_print_name "南坝至县城客运班车"
has unit_print_phone "0818-5300188"
if grep -qF "南坝镇中心卫生院" "$T/job.txt"; then bad unit_print_alone "another unit printed"; else ok unit_print_alone; fi
tui_wait "打印完成" 20
tui_keys Escape
tui_gone "┌" 5
kinds=$(sqlite3 "$T/kiosk.db" "select count(*) from print_log where kind='公共服务名录' and result='完成'")
[ "$kinds" = 2 ] && ok print_logged || bad print_logged "$(sqlite3 "$T/kiosk.db" 'select kind, title, result from print_log')"

# The global search lists units under 公共服务; Enter opens one.
tui_keys F1
tui_wait "星期"
tui_keys /
tui_type "客运班车"
tui_check global_group "■ 公共服务"
tui_screen | sed -n '/■ 公共服务/{n;p;}' | grep -qF "南坝至县城【客运班车】" &&
	ok global_unit_under_group || { bad global_unit_under_group "not under 公共服务"; tui_screen | sed 's/^/    | /'; }
row_has global_unit_phone 南坝至县城 公交 南坝镇 0818-5300188
tui_check global_docs_kept "■ 政策文件"
# Enter keeps the text and selects the first result (the only one), Enter opens it.
tui_keys Enter
tui_wait "↑↓ 选择"
tui_keys Enter
tui_check global_opens_unit "地址：        南坝镇汽车站"
tui_keys Escape
tui_wait "■ 公共服务"

# More than three: 查看全部 opens the directory's own search.
tui_keys F1
tui_wait "星期"
tui_keys /
tui_type "派出所"
tui_check global_more "查看全部公共服务结果"
tui_keys Enter
tui_wait "↑↓ 选择"
tui_keys Down Down Down Enter
tui_check global_more_opens "共 $UNITS 个单位"
tui_check global_more_search "搜索“派出所”的结果"
row_has directory_search_titles 名称 类别 乡镇 电话
row_has directory_search_row "宣汉县公安局黄金【派出所】" 黄金镇 0818-5400110
tui_stop

# A kiosk without directory.csv says so, and 1 opens no empty screen.
tui_setup || { bad setup "seed failed"; exit 1; }
[ "$(sqlite3 "$T/kiosk.db" 'select count(*) from directory')" = 0 ] || bad no_directory_seed "seeded rows"
tui_start 80 24 || { bad start2 "no home screen"; exit 1; }
tui_keys 9
tui_check empty_note "公共服务名录  本机还没有公共服务名录"
tui_keys 1
tui_check empty_message "本机还没有公共服务名录；"
tui_check empty_stays "■ 按主题查看"
tui_keys 2
tui_check other_entries_shift " 公开指南    "
