#!/bin/sh
# tui_consult.sh - the consultation register (政策咨询登记) at the kiosk,
# driven in tmux at 80x24 against a private cupsd (tests/lib/cups.sh) whose
# backend keeps every job as a file:
#
#  - without [trust] seal_pubkey, 登记问题 says the kiosk cannot take
#    questions yet;
#  - a Q&A search that finds nothing (危房改造) offers 登记问题; Enter opens
#    it with the question starting from what was searched; more words typed
#    in pinyin, a phone with a bad number (refused) then a good one; the
#    咨询编号 (<kiosk id>-Z-YYYYMMDD-NNNN) and the 答复期限 (5 working days)
#    are on screen and on the slip printed at once with no dialog (its QR
#    code holds the 咨询编号); the print log names the number only;
#  - F5 on the 问答 screen registers another (0002), and after a restart a
#    third (0003): the counter is never reused;
#  - the database and its WAL never hold the question or the phone;
#  - a bundle whose qa.csv carries 登记编号 answers the first: 查询答复
#    shows the answer; the second shows 尚未答复 with its 答复期限, and
#    已超期 once it passed; a 登记编号 that is no 咨询编号 refuses a bundle;
#  - export + open-applications: consultations.csv (BOM, header) holds the
#    question and the phone exactly; the export holds neither in clear.
#
# Needs root for the private cupsd, like tui_apply.sh.
. tests/lib/common.sh
. tests/lib/tui.sh
. tests/lib/cups.sh
trap 'tui_stop; cups_stop; rm -rf "$T"' EXIT
trap 'exit 1' INT TERM HUP

if [ "$(id -u)" -ne 0 ]; then
	echo "SKIP: tui_consult needs root to run a private cupsd"
	exit 0
fi
for t in cupsd lpadmin lpstat pdftotext sqlite3 tmux; do
	command -v "$t" >/dev/null 2>&1 || { bad tui_consult "$t not installed"; exit 1; }
done

SEARCHED=危房改造
Q1=危房改造怎么申请补助
PHONE1=13912345678
BADPHONE=12345
Q2=村里的路灯坏了找哪个部门
PHONE2=0818-7654321
ANSWER=危房改造补助由住房和城乡建设局负责，请带户口簿到村委会登记
NO1=TEST-01-Z-20261124-0001
NO2=TEST-01-Z-20261124-0002
NO3=TEST-01-Z-20261124-0003

tui_setup || { bad setup "seed_db failed"; exit 1; }
cups_start "$T/cups" || { bad cupsd_starts "private cupsd did not start"; exit 1; }
cups_queue q ok || { bad queue "lpadmin failed"; cat "$CUPS_DIR/admin.err"; exit 1; }
sed -i 's/^printer =.*/printer = q/' "$T/kiosk.conf"
mkdir -p "$T/tmp"
TUI_ENV="CUPS_SERVER=$CUPS_HOST TMPDIR=$T/tmp"
DUE=$("$CTL" --config "$T/kiosk.conf" --db "$T/kiosk.db" deadline 2026-11-24 5 2>/dev/null |
	grep -o '[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]' | tail -n 1)
[ "$DUE" = 2026-12-01 ] && ok "deadline_5_working_days ($DUE)" || bad deadline_5_working_days "[$DUE]"

show() { tui_screen | sed 's/^/    | /'; }
expect() { tui_check "$1" "$2" "${3:-5}"; }
absent() {
	if tui_screen | grep -qF -- "$2"; then bad "$1" "\"$2\" is on screen"; show; else ok "$1"; fi
}
fits() { tui_frame_ok "$1"; }
jobs_done() {
	i=0
	while [ "$(cups_jobs ok | wc -l)" -lt "$1" ] && [ $i -lt 200 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ "$(cups_jobs ok | wc -l)" -ge "$1" ]
}
pdf_text() { pdftotext -enc UTF-8 "$1" - 2>/dev/null | tr -d ' \n'; }
job_with() {
	for j in $(cups_jobs ok); do
		pdf_text "$j" | grep -qF -- "$1" && { echo "$j"; return 0; }
	done
	return 1
}
pick_candidate() { tui_screen | grep -o "[1-9]$1" | head -n 1 | cut -c1; }
sql() { sqlite3 -cmd ".timeout 5000" "$T/kiosk.db" "$1"; }

# --- no office key: the kiosk cannot take questions yet -------------------------

tui_start 80 24 || { bad start "no home screen"; exit 1; }
tui_keys 8
expect qa_offers_register "F5 登记问题"
expect qa_offers_lookup "F6 查询答复"
fits qa_fits
tui_keys F5
expect nokey_says_cannot "这台机器还不能登记问题"
expect nokey_names_key "加密公钥"
absent nokey_no_form "您的问题"
tui_stop

# --- with the office key: a search that finds nothing → 登记问题 ---------------

PK=$("$CTL" seal-keygen "$T/office" | sed -n 's/^seal_pubkey = //p')
[ -n "$PK" ] || { bad seal_keygen "no seal_pubkey line"; exit 1; }
sed -i "s|^\\[trust\\]|[trust]\\nseal_pubkey = $PK|" "$T/kiosk.conf"

tui_start 80 24 || { bad start "no home screen"; exit 1; }
tui_keys 8
tui_keys /
tui_type "$SEARCHED"
tui_keys Enter
expect search_finds_nothing "没有找到相关内容"
expect nothing_offers_register "按回车登记您的问题"
fits nothing_fits
tui_keys Enter
expect form_opens "您的问题"
expect form_starts_from_search "$SEARCHED"
expect form_in_pinyin "拼音"
fits form_fits
# More words in pinyin: zenme → 怎么, shenqing → 申请, buzhu → 补助.
for py in zenme:怎么 shenqing:申请 buzhu:补助; do
	tui_type "${py%%:*}"
	if tui_wait "${py#*:}" 5; then
		D=$(pick_candidate "${py#*:}")
		[ -n "$D" ] && ok "pinyin_${py%%:*} ($D)" || { bad "pinyin_${py%%:*}" "${py#*:} not numbered"; show; }
		tui_keys "${D:-1}"
	else
		bad "pinyin_${py%%:*}" "no candidate ${py#*:}"
		show
	fi
done
expect question_typed "$Q1"
tui_keys Enter
tui_type "$BADPHONE"
tui_keys Enter
if tui_wait "已登记" 2; then bad bad_phone_refused "registered with $BADPHONE"; else ok bad_phone_refused; fi
absent bad_phone_not_registered "咨询编号："
tui_keys BSpace BSpace BSpace BSpace BSpace
tui_type "$PHONE1"
tui_keys Enter
expect registered_no "$NO1"
expect registered_due "答复期限：  $DUE"
expect registered_working_days "第 5 个工作日"
expect slip_printed "回执已经打印好" 20
fits registered_fits
if jobs_done 1; then ok slip_at_printer; else bad slip_at_printer "no job kept"; fi
SLIP=$(job_with "政策咨询登记回执")
if [ -n "$SLIP" ]; then
	ok slip_title
	pdf_text "$SLIP" | grep -qF "$NO1" && ok slip_has_no || bad slip_has_no "$(pdf_text "$SLIP")"
	pdf_text "$SLIP" | grep -qF "$DUE" && ok slip_has_due || bad slip_has_due "$(pdf_text "$SLIP")"
	pdf_text "$SLIP" | grep -qF "答复期限" && ok slip_says_due || bad slip_says_due "no 答复期限"
	pdf_text "$SLIP" | grep -qF "$PHONE1" && bad slip_no_phone "the phone is on the slip" || ok slip_no_phone
	if command -v zbarimg >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1; then
		pdftoppm -r 150 -png -f 1 -l 1 "$SLIP" "$T/slip" 2>/dev/null
		QR=$(zbarimg -q --raw "$T"/slip*.png 2>/dev/null | head -n 1)
		[ "$QR" = "$NO1" ] && ok slip_qr_is_no || bad slip_qr_is_no "[$QR]"
	fi
else
	bad slip_title "no 政策咨询登记回执 at the printer"
fi
LOG=$(sql "SELECT kind || '|' || title || '|' || result FROM print_log ORDER BY id DESC LIMIT 1")
[ "$LOG" = "咨询回执|政策咨询登记回执（$NO1）|完成" ] && ok slip_logged || bad slip_logged "[$LOG]"
check no_temp_pdf [ -z "$(ls "$T/tmp")" ]
tui_keys Enter
expect done_back_to_list "F6 查询答复"

# F5 on the 问答 screen: a question typed as Chinese text, no search.
tui_keys Escape
tui_keys F5
expect f5_opens_form "您的问题"
tui_type "$Q2"
tui_keys Enter
tui_type "$PHONE2"
tui_keys Enter
expect second_no "$NO2"
expect second_printed "回执已经打印好" 20
# While the kiosk still runs, its WAL holds what was just written.
for secret in "$Q1" "$PHONE1" "$Q2" "$PHONE2"; do
	hits=""
	for f in "$T/kiosk.db" "$T/kiosk.db-wal"; do
		grep -aqF -- "$secret" "$f" 2>/dev/null && hits="$hits $f"
	done
	[ -z "$hits" ] && ok "private_live: $secret" || bad "private_live: $secret" "found in$hits"
done
check wal_exists_live [ -s "$T/kiosk.db-wal" ]
tui_keys Enter
tui_stop

# A restart: the counter goes on.
tui_start 80 24 || { bad start "no home screen"; exit 1; }
tui_keys 8 F5
tui_type 低保可以补办吗
tui_keys Enter Enter
expect restart_next_no "$NO3"
tui_keys Enter
tui_stop
check three_registered [ "$(sql "SELECT count(*) FROM consultations")" = 3 ]

# --- privacy -----------------------------------------------------------------------

sql "PRAGMA wal_checkpoint(PASSIVE);" >/dev/null 2>&1
for secret in "$Q1" "$PHONE1" "$Q2" "$PHONE2" 低保可以补办吗; do
	hits=""
	for f in "$T/kiosk.db" "$T/kiosk.db-wal"; do
		grep -aqF -- "$secret" "$f" 2>/dev/null && hits="$hits $f"
	done
	[ -z "$hits" ] && ok "private: $secret" || bad "private: $secret" "found in$hits"
done

# --- the office's answer arrives in qa.csv 登记编号 ------------------------------

# qa_bundle SEQ ROWS...: signs a bundle whose qa.csv holds ROWS (demo key).
qa_bundle() {
	seq=$1
	shift
	rm -rf "$T/qb"
	mkdir -p "$T/qb/gongkai-bundle"
	printf '编号,问题,答复,关键词,关联索引号,答复部门,答复日期,登记编号\n' >"$T/qb/gongkai-bundle/qa.csv"
	for row in "$@"; do printf '%s\n' "$row" >>"$T/qb/gongkai-bundle/qa.csv"; done
	sh scripts/make-bundle.sh "$T/qb/gongkai-bundle" assets/demo-keys/office.key "$seq" >/dev/null
}
qa_bundle 900 "ZX-001,危房改造的补助怎么申请？,$ANSWER,危房,,宣汉县住房和城乡建设局,2026-11-27,NOT-A-NUMBER"
if "$CTL" --config "$T/kiosk.conf" --db "$T/kiosk.db" verify "$T/qb/gongkai-bundle" >"$T/v.out" 2>&1; then
	bad bad_consult_no_refused "verify accepted 登记编号 NOT-A-NUMBER"
else
	grep -q "登记编号" "$T/v.out" && ok bad_consult_no_refused || bad bad_consult_no_refused "$(cat "$T/v.out")"
fi
qa_bundle 900 "ZX-001,危房改造的补助怎么申请？,$ANSWER,危房,,宣汉县住房和城乡建设局,2026-11-27,$NO1" \
	"QA-100,低保申请要带哪些材料？,户口簿、身份证和收入证明,低保,,东乡街道社会事务办,2026-08-02,"
if "$CTL" --config "$T/kiosk.conf" --db "$T/kiosk.db" import "$T/qb/gongkai-bundle" >"$T/i.out" 2>&1; then
	ok answer_imported
else
	bad answer_imported "$(cat "$T/i.out")"
fi
check answer_kept [ "$(sql "SELECT code FROM qa WHERE consult_no = '$NO1'")" = ZX-001 ]

# lookup NO: 查询答复 of NO from the 问答 screen.
lookup() {
	tui_keys 8 F6
	tui_wait "咨询编号" 5
	tui_type "$1"
	tui_keys Enter
}
tui_start 80 24 || { bad start "no home screen"; exit 1; }
lookup "$NO1"
expect answer_shown_status "已答复"
expect answer_shown_text "危房改造补助由住房和城乡建设局负责"
expect answer_shown_dept "宣汉县住房和城乡建设局"
fits answer_fits
tui_stop
tui_start 80 24 || { bad start "no home screen"; exit 1; }
lookup "$(echo "$NO2" | tr 'A-Z' 'a-z')"
expect pending_not_answered "尚未答复"
expect pending_due "答复期限：$DUE"
absent pending_not_overdue "已超期"
tui_stop
TUI_ENV="CUPS_SERVER=$CUPS_HOST TMPDIR=$T/tmp GONGKAI_TODAY=2026-12-10"
tui_start 80 24 || { bad start "no home screen"; exit 1; }
lookup "$NO2"
expect overdue_shown "已超期"
tui_stop
TUI_ENV="CUPS_SERVER=$CUPS_HOST TMPDIR=$T/tmp"

# --- export, and the office opens it ---------------------------------------------

mkdir -p "$T/stick" "$T/officedir"
if "$CTL" --config "$T/kiosk.conf" --db "$T/kiosk.db" export "$T/stick" >"$T/export.out" 2>&1 &&
	grep -q "已导出 3 个咨询登记" "$T/export.out"; then
	ok export_counts
else
	bad export_counts "$(cat "$T/export.out")"
fi
EX="$T/stick/gongkai-export"
grep -q "  consultations/$NO1.sealed$" "$EX/manifest.txt" 2>/dev/null && ok manifest_lists_sealed ||
	bad manifest_lists_sealed "$(cat "$EX/manifest.txt" 2>/dev/null)"
grep -q "  consultations.tsv$" "$EX/manifest.txt" 2>/dev/null && ok manifest_lists_tsv || bad manifest_lists_tsv "no consultations.tsv"
for secret in "$Q1" "$PHONE1" "$Q2" "$PHONE2"; do
	if grep -raqF -- "$secret" "$EX"; then bad "export_sealed: $secret" "in clear in the export"; else ok "export_sealed: $secret"; fi
done
if (cd "$T/officedir" && "$OLDPWD/$CTL" open-applications --key "$T/office.key" "$T/stick" >"$T/open.out" 2>"$T/open.err") &&
	grep -q "consultations.csv：3 个咨询登记" "$T/open.out"; then
	ok office_opens
else
	bad office_opens "$(cat "$T/open.out" "$T/open.err")"
fi
CSV="$T/officedir/consultations.csv"
[ "$(head -c 3 "$CSV" 2>/dev/null | od -An -tx1 | tr -d ' ')" = efbbbf ] && ok csv_bom || bad csv_bom "no BOM"
[ "$(head -n 1 "$CSV" 2>/dev/null | tail -c +4 | tr -d '\r')" = "咨询编号,登记时间,问题,联系电话,答复期限" ] &&
	ok csv_header || bad csv_header "$(head -n 1 "$CSV")"
grep "^$NO1," "$CSV" 2>/dev/null | tr -d '\r' | grep -qx "$NO1,2026-11-24 [0-9:]*,$Q1,$PHONE1,$DUE" && ok csv_row_exact ||
	bad csv_row_exact "$(grep "$NO1" "$CSV")"
grep -qF "$NO2,2026-11-24" "$CSV" && grep -F "$NO2" "$CSV" | grep -qF ",$Q2,$PHONE2,$DUE" && ok csv_row2 ||
	bad csv_row2 "$(grep "$NO2" "$CSV")"
check csv_three_rows [ "$(grep -c -- "-Z-" "$CSV")" = 3 ]
# Two exports of the same kiosk: merged by 咨询编号, one row each.
cp -r "$EX" "$T/export_again"
(cd "$T/officedir" && "$OLDPWD/$CTL" open-applications --key "$T/office.key" "$T/stick" "$T/export_again" >"$T/open2.out" 2>&1)
check csv_merged [ "$(grep -c -- "-Z-" "$CSV")" = 3 ]
grep -q "重复导出的 3 个已合并" "$T/open2.out" && ok merged_counted || bad merged_counted "$(cat "$T/open2.out")"
