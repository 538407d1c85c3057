#!/bin/sh
# tui_staff.sh - staff mode (F10) end to end, driven in tmux at 80x24 with
# the real gongkai, gongkaictl (set-pin, a first import) and minisign:
#
#  - no pin_hash: F10 says staff mode is not set up and how (gongkaictl set-pin);
#  - five wrong PINs lock staff mode (how many minutes remain, in Chinese),
#    the lock is in the database and still there after a restart of the
#    kiosk; once it has run out (locked_until moved into the past with
#    sqlite3) the right PIN opens the staff menu; Esc there ends staff mode;
#  - 从U盘更新: a bundle under a mount_roots folder ($T/media/stick/gongkai-bundle)
#    is listed with issuer, sequence, date and 较新; Enter imports it with a
#    progress bar (percent seen), then says what changed; the new notice is on
#    the home screen's 通知公告 afterwards; the same bundle then reads 已导入过;
#  - a refused bundle: its report lines (file:line: column: problem) on screen,
#    `sqlite3 .dump` identical before and after;
#  - 导出到U盘: files on the stick folder, the manifest's hashes check with
#    sha256sum -c, 可以拔出U盘 said;
#  - 导入记录 and 终端状态 show the import; 代为填写 opens the application form
#    (and right after an import in the same staff session asks for a fresh
#    start rather than open a form the data-change notice would close);
#  - 打印机 against a private cupsd (root only): the state in words, the
#    queue, a test page that reaches the backend; a disabled queue is said;
#  - the idle timeout ends staff mode;
#  - 退出程序 asks, then the kiosk exits with status 0 and the terminal as it was.
. tests/lib/common.sh
. tests/lib/tui.sh
. tests/lib/cups.sh
trap 'tui_stop; cups_stop; rm -rf "$T"' EXIT
trap 'exit 1' INT TERM HUP

for t in minisign sqlite3 tmux sha256sum; do
	command -v "$t" >/dev/null 2>&1 || { bad tui_staff "$t not installed"; exit 1; }
done

DB="$T/kiosk.db"
STICK="$T/media/stick"
make_key "$T/office"
"$CTL" seal-keygen "$T/seal" >"$T/seal.out" 2>&1
SEAL_LINE=$(grep '^seal_pubkey = ' "$T/seal.out")
[ -n "$SEAL_LINE" ] || { bad seal_keygen "$(cat "$T/seal.out")"; exit 1; }
ctlq() { "$CTL" --config "$T/kiosk.conf" "$@" >"$T/ctl.out" 2>&1; }
q() { sqlite3 "$DB" "$1"; }
show() { tui_screen | sed 's/^/    | /'; }

# conf [PIN_HASH_LINE] [IDLE]: the kiosk configuration with the office key,
# the stick folder as mount root, the staff PIN and the idle timeout.
conf() {
	write_conf "$T/kiosk.conf" "$(pubkey_of "$T/office")" "$DB"
	sed -i "/^bundle_pubkey/a $SEAL_LINE" "$T/kiosk.conf"
	sed -i "s/^idle_timeout = .*/idle_timeout = ${2:-600}/" "$T/kiosk.conf"
	printf '[staff]\n%s\n[usb]\nmount_roots = %s/none:%s/media\n' "${1:-}" "$T" "$T" >>"$T/kiosk.conf"
	[ -z "${PRINTER:-}" ] || sed -i "s/^printer =.*/printer = $PRINTER/" "$T/kiosk.conf"
}

# bundle NAME SEQ: a signed copy of the good test bundle in $T/NAME (edit
# it with EDIT, a shell command run in the folder, before it is signed).
bundle() {
	rm -rf "$T/$1"
	cp -r tests/data/bundle-good "$T/$1"
	[ -z "${EDIT:-}" ] || (cd "$T/$1" && eval "$EDIT")
	sign_bundle "$T/$1" "$T/office.key" "$2"
}

# pin TEXT: types a PIN and Enter, once the PIN field is there.
pin() {
	tui_wait "PIN：" 3
	tui_type "$1"
	tui_keys Enter
}

# staff_menu: F10, the right PIN, the menu.
staff_menu() {
	tui_keys F10
	pin 2468
	tui_wait "从U盘更新" 5
}

# --- no PIN configured ------------------------------------------------------------
bundle b1 1
conf ""
ctlq import "$T/b1" || { bad first_import "$(cat "$T/ctl.out")"; exit 1; }
tui_start 80 24 || { bad start "no home screen"; exit 1; }
tui_keys F10
tui_check not_set_up_said "还没有设置工作人员 PIN"
tui_check not_set_up_how "gongkaictl set-pin"
tui_keys Escape
tui_check not_set_up_esc_home "欢迎查询政府信息"

# --- wrong PINs, the lock, a restart -----------------------------------------------
PINLINE=$(echo 2468 | "$CTL" set-pin)
case "$PINLINE" in "pin_hash = \$argon2"*) ok set_pin_hash ;; *) bad set_pin_hash "[$PINLINE]" ;; esac
conf "$PINLINE"
tui_start 80 24 || { bad start "no home screen"; exit 1; }
tui_keys F10
tui_check f10_asks_pin "请输入工作人员 PIN"
tui_frame_ok pin_frame
for try in 1 2 3 4; do
	pin 1111
	tui_check "wrong_pin_$try" "再输错 $((5 - try)) 次"
done
pin 1111
tui_check locked_after_five "工作人员功能已锁定"
tui_check locked_minutes_said "请 5 分钟后再试"
row=$(q "SELECT failures, locked_until - strftime('%s','now') FROM staff_lock")
case "$row" in 5\|29[0-9] | 5\|300) ok lock_in_database ;; *) bad lock_in_database "[$row]" ;; esac
tui_keys Escape
tui_wait "欢迎查询政府信息" 3
tui_stop
tui_start 80 24 || { bad restart "no home screen"; exit 1; }
tui_keys F10
if tui_wait "工作人员功能已锁定" 5 && ! tui_screen | grep -q "PIN："; then
	ok locked_after_restart
else
	bad locked_after_restart "PIN asked after a restart"; show
fi
tui_check locked_after_restart_minutes "分钟后再试"
tui_keys Escape
tui_wait "欢迎查询政府信息" 3

# The lock runs out (moved into the past): the right PIN opens the menu.
q "UPDATE staff_lock SET locked_until = strftime('%s','now') - 1"
staff_menu
tui_check right_pin_opens_menu "退出程序"
check right_pin_clears_count [ "$(q 'SELECT failures FROM staff_lock')" = 0 ]
tui_keys Escape
tui_check esc_at_menu_ends_staff "欢迎查询政府信息"
tui_keys F10
tui_check staff_ended_pin_again "请输入工作人员 PIN"
tui_keys Escape
tui_wait "欢迎查询政府信息" 3

# --- 从U盘更新: a good bundle, large enough to watch --------------------------------
GEN=$(cd "$GK_BUILD" && pwd)/bench/gen_subsidies
NEW_TITLE="关于做好冬季村道除冰保畅工作的通知"
EDIT="printf '6107280000/2026-009001,通知公告,$NEW_TITLE,宣府办发〔2026〕90号,宣汉县人民政府办公室,2026-11-20,2026-11-21,现行有效,交通运输,bodies/2026-009001.txt,,\n' >>bulletins.csv
printf '各乡镇人民政府：\n请做好冬季村道除冰保畅工作。\n' >bodies/2026-009001.txt
'$GEN' 200000 7 2 1 10 100 >subsidies.csv" bundle b2 2
mkdir -p "$STICK"
cp -r "$T/b2" "$STICK/gongkai-bundle"
staff_menu
tui_keys 1
tui_check bundle_listed "序号 2"
tui_check bundle_issuer "测试县人民政府办公室"
tui_check bundle_date "2026-11-20"
tui_check bundle_newer "较新"
tui_check last_import_said "本机最近一次导入：序号 1"
tui_frame_ok bundle_list_frame
tui_keys Enter
tui_check import_progress_shown "正在导入" 5
# Watch the bar: a percent strictly between 0 and 100 with its row count.
seen_pct= tries=0
while [ $tries -lt 600 ] && ! tui_screen | grep -q "导入完成"; do
	p=$(tui_screen | sed -n 's/.*已处理 [0-9,]* \/ [0-9,]* 行，\([0-9]*\)%.*/\1/p')
	[ -n "$p" ] && [ "$p" -gt 0 ] && [ "$p" -lt 100 ] && seen_pct="$seen_pct $p"
	tries=$((tries + 1))
	sleep 0.1
done
tui_check import_done "导入完成" 120
tui_check import_says_new_notice "通知公告：新增 1 份，更新 1 份"
tui_check import_says_subsidies "补贴名单：200000 行"
if [ -n "$seen_pct" ]; then ok "import_progress_seen (%:$seen_pct)"; else bad import_progress_seen "no percent between 0 and 100 seen"; fi
check import_in_database [ "$(q "SELECT count(*) FROM bulletins WHERE title = '$NEW_TITLE'")" = 1 ]
check import_history_row [ "$(q "SELECT sequence || ' ' || operator FROM imports ORDER BY id DESC LIMIT 1")" = "2 一体机工作人员模式" ]
sleep 1.5
tui_check result_stays_on_screen "导入完成" 1
tui_keys Enter
tui_check same_bundle_imported_before "已导入过"
tui_keys Enter
tui_check same_bundle_not_again "已经导入过"

# --- a refused bundle: every problem on screen, nothing changed ---------------------
EDIT="sed -i 's/2024-03-01,2024\\/3\\/5/2024-03-01,2024-13-45/' bulletins.csv
sed -i 's/,337.60,/,三百元,/' subsidies.csv" bundle b3 3
rm -rf "$STICK/gongkai-bundle"
cp -r "$T/b3" "$STICK/gongkai-bundle"
db_dump "$DB" >"$T/dump.before"
# The application form is no staff screen: after an import in this staff
# session 代为填写 asks for a fresh start instead of opening a form that the
# data-change notice would close under the staff.
tui_keys Escape
tui_wait "从U盘更新" 3
tui_keys 3
tui_check apply_after_import_asks_restart "资料刚刚更新过"
tui_check apply_after_import_stays_in_menu "退出程序" 1
tui_keys 1
tui_check refused_listed "序号 3"
tui_keys Enter
tui_check refused_said "数据包没有导入" 30
tui_check refused_report_bulletins "bulletins.csv:2: 发布日期:"
tui_check refused_report_subsidies "subsidies.csv:2: 发放金额:"
tui_check refused_count "有 2 处问题"
tui_frame_ok refused_frame
db_dump "$DB" >"$T/dump.after"
check refused_dump_unchanged cmp -s "$T/dump.before" "$T/dump.after"
tui_keys Escape
tui_wait "序号 3" 3
tui_keys Escape
tui_wait "从U盘更新" 3

# The notice imported above is on the home screen's 通知公告.
tui_keys Escape
tui_wait "欢迎查询政府信息" 3
tui_keys 1
tui_check new_notice_on_home_list "关于做好冬季村道除冰保畅" 5
tui_keys F1
tui_wait "欢迎查询政府信息" 3

# --- 导出到U盘 -----------------------------------------------------------------------
rm -rf "$STICK/gongkai-bundle"
staff_menu
tui_keys 2
tui_check export_target_shown "$STICK"
tui_keys Enter
tui_check export_done "已导出" 30
tui_check export_unplug "可以拔出U盘" 1
if [ -f "$STICK/gongkai-export/manifest.txt" ]; then ok export_files_exist; else bad export_files_exist "no $STICK/gongkai-export/manifest.txt"; fi
if (cd "$STICK/gongkai-export" 2>/dev/null && grep -v '^#' manifest.txt | grep . | sha256sum -c --quiet); then
	ok export_manifest_verifies
else
	bad export_manifest_verifies "sha256sum -c failed"
fi
tui_keys Escape
tui_wait "从U盘更新" 3

# --- 导入记录, 终端状态, 代为填写 ----------------------------------------------------------
tui_keys 4
tui_check history_header "签发单位"
tui_check history_newest_first "2     "
tui_keys Escape
tui_wait "从U盘更新" 3
tui_keys 6
tui_check status_data_size "数据大小"
tui_check status_last_import "序号 2，测试县人民政府办公室"
tui_check status_free_disk "还剩"
tui_check status_version "程序版本"
tui_check status_uptime "开机已有"
tui_frame_ok status_frame
tui_keys Escape
tui_wait "从U盘更新" 3
tui_keys 3
if tui_wait "申请人类型" 5; then ok apply_by_staff_opens; else bad apply_by_staff_opens "no application form"; show; fi
tui_keys F1
tui_wait "欢迎查询政府信息" 3

# --- 打印机 against a private cupsd ---------------------------------------------------
if [ "$(id -u)" -ne 0 ] || ! command -v cupsd >/dev/null 2>&1; then
	echo "SKIP: printer page needs root and cupsd"
elif ! cups_start "$T/cups" || ! cups_queue q ok; then
	bad printer_cupsd "private cupsd did not start"
else
	PRINTER=q
	conf "$PINLINE"
	TUI_ENV="CUPS_SERVER=$CUPS_HOST TMPDIR=$T"
	tui_start 80 24 || { bad start "no home screen"; exit 1; }
	staff_menu
	tui_keys 5
	tui_check printer_state_words "空闲，可以打印" 10
	tui_check printer_queue_length "排队的任务：  0 个"
	tui_keys Enter
	tui_check printer_test_page_done "测试页已打印" 60
	n=$(cups_jobs ok | wc -l)
	[ "$n" -eq 1 ] && ok printer_test_page_arrived || bad printer_test_page_arrived "$n jobs in the backend"
	check printer_test_page_logged [ "$(q "SELECT kind || '|' || result FROM print_log ORDER BY id DESC LIMIT 1")" = "测试页|完成" ]
	cupsdisable -h "$CUPS_HOST" q
	tui_check printer_disabled_said "已暂停使用" 10
	cupsenable -h "$CUPS_HOST" q
	tui_keys Escape
	tui_wait "从U盘更新" 3
	tui_keys Escape
	tui_wait "欢迎查询政府信息" 3
	TUI_ENV=
fi

# --- the idle timeout ends staff mode --------------------------------------------------
conf "$PINLINE" 8
tui_start 80 24 || { bad start "no home screen"; exit 1; }
staff_menu
tui_check idle_countdown "即将回到首页" 10
tui_check idle_ends_staff "欢迎查询政府信息" 15
tui_keys F10
tui_check idle_staff_needs_pin "请输入工作人员 PIN"
tui_keys Escape

# --- 退出程序: the only way out ------------------------------------------------------------
conf "$PINLINE"
tui_start 80 24 || { bad start "no home screen"; exit 1; }
staff_menu
tui_keys 7
tui_check exit_asks "确定要退出查询程序吗"
tui_keys Escape
tui_check exit_cancel_keeps_running "从U盘更新"
tui_keys 7
tui_wait "确定要退出查询程序吗" 3
tui_keys Enter
tui_check exit_status_0 "KIOSK-EXIT rc=0 tty=same" 5
