#!/bin/sh
# The bundle contract end to end with the real gongkaictl and real minisign:
# a good bundle imports; every refusal case of shared/spec/bundle-format.md
# exits 1, names the problem as file:line: column, and leaves the database
# byte-for-byte as it was (sqlite3 .dump before and after).
. tests/lib/common.sh

SRC=tests/data/bundle-good
make_key "$T/office"
make_key "$T/other"
DB="$T/kiosk.db"
write_conf "$T/kiosk.conf" "$(pubkey_of "$T/office")" "$DB"
ctl() { "$CTL" --config "$T/kiosk.conf" "$@"; }

# fresh NAME [SEQ]: a signed copy of the good bundle in $T/NAME, echoes its path.
fresh() {
	rm -rf "$T/$1"
	cp -r "$SRC" "$T/$1"
	sign_bundle "$T/$1" "$T/office.key" "${2:-2}"
	echo "$T/$1"
}

# --- a good bundle imports, and its facts are in the database -------------
B=$(fresh good 1)
if ctl verify "$B" >"$T/out" 2>"$T/err" && [ ! -e "$DB" ] || [ "$(sqlite3 "$DB" 'select count(*) from bulletins' 2>/dev/null)" = "" ]; then
	ok verify_writes_nothing
else
	bad verify_writes_nothing "verify exited non-zero or created data: $(cat "$T/err")"
fi
if ctl import "$B" >"$T/out" 2>"$T/err"; then ok import_good; else bad import_good "$(cat "$T/err")"; fi
q() { sqlite3 "$DB" "$1"; }
[ "$(q 'select count(*) from bulletins')" = 4 ] && ok bulletins_count || bad bulletins_count "$(q 'select count(*) from bulletins')"
[ "$(q "select published from bulletins where index_no='6107280000/2024-001002'")" = 2024-03-06 ] &&
	ok date_formats_normalised || bad date_formats_normalised "$(q "select published from bulletins where index_no='6107280000/2024-001002'")"
[ "$(q "select amount_fen from subsidies where name='刘䶮'")" = 12660000 ] &&
	ok money_in_fen || bad money_in_fen "$(q "select amount_fen from subsidies where name='刘䶮'")"
[ "$(q "select id_masked||' '||account_masked from subsidies where name='王芳'")" = "511722********1237 ************0122" ] &&
	ok ids_masked || bad ids_masked "$(q "select id_masked, account_masked from subsidies where name='王芳'")"
[ "$(q "select people||' '||total_fen from subsidy_batches")" = "4 12767610" ] &&
	ok batch_totals || bad batch_totals "$(q "select people, total_fen from subsidy_batches")"
[ "$(q "select validity from bulletins where doc_no='宣府发〔2019〕7号'")" = 废止 ] && ok validity_kept || bad validity_kept "no 废止"
[ "$(q "select count(*) from calendar")" = 6 ] && ok calendar_rows || bad calendar_rows "$(q 'select count(*) from calendar')"
[ "$(q "select sequence||' '||n_subsidies from imports")" = "1 4" ] && ok import_history || bad import_history "$(q 'select * from imports')"
if grep -aqE '511722195803121237|513021196207084566|6217001234567890122|6222021234567890128|511722198802290024' "$DB" "$DB-wal" 2>/dev/null; then
	bad no_full_ids_stored "a full id or account is in the database file"
else
	ok no_full_ids_stored
fi
[ "$(q 'pragma integrity_check')" = ok ] && ok integrity_after_import || bad integrity_after_import "$(q 'pragma integrity_check')"
ctl history >"$T/hist" 2>&1 && grep -q "^1  *测试县人民政府办公室  *2026-11-20T10:00:00+08:00  *[0-9-]* [0-9:]*  *导入" "$T/hist" && ok history_lists_import || bad history_lists_import "$(cat "$T/hist")"
ctl stats --year 2024 >"$T/stats" 2>&1 && grep -q "^公开	规范性文件	1$" "$T/stats" && grep -q "^公开	通知公告	1$" "$T/stats" &&
	ok stats_by_year || bad stats_by_year "$(cat "$T/stats")"
# Statutory time counts working days on the imported calendar (National Day 2026).
[ "$(ctl deadline 2026-09-25 20)" = 2026-10-29 ] && ok deadline_uses_calendar || bad deadline_uses_calendar "$(ctl deadline 2026-09-25 20)"
[ "$(GONGKAI_TODAY=2026-11-24 ctl deadline)" = 2026-12-22 ] && ok deadline_from_today || bad deadline_from_today "$(GONGKAI_TODAY=2026-11-24 ctl deadline)"
db_dump "$DB" >"$T/dump.before"
[ -s "$T/dump.before" ] && ok dump_readable_without_tokenizer || bad dump_readable_without_tokenizer "sqlite3 .dump failed"

# refuse NAME BUNDLE EXPECTED [--force]: import must exit 1, stderr must
# contain EXPECTED, and the database must not change.
refuse() {
	name=$1 dir=$2 expect=$3; shift 3
	ctl import "$dir" "$@" >"$T/out" 2>"$T/err"
	rc=$?
	db_dump "$DB" >"$T/dump.after"
	if [ $rc -ne 1 ]; then
		bad "$name" "exit $rc, expected 1: $(head -c 600 "$T/err")"
	elif ! grep -qF -- "$expect" "$T/err"; then
		bad "$name" "report lacks '$expect': $(head -c 600 "$T/err")"
	elif ! cmp -s "$T/dump.before" "$T/dump.after"; then
		bad "$name" "database changed"
	else
		ok "$name"
	fi
}

# --- trust ------------------------------------------------------------------
B=$(fresh tampered_file); printf '多出的一行\n' >>"$B/bodies/2024-001001.txt"
refuse refuse_tampered_file "$B" "bodies/2024-001001.txt"

B=$(fresh tampered_manifest); sed -i 's/^# sequence: 2/# sequence: 3/' "$B/manifest.txt"
refuse refuse_tampered_manifest "$B" "manifest.txt.minisig"

B=$(fresh unsigned); rm "$B/manifest.txt.minisig"
refuse refuse_missing_signature "$B" "manifest.txt.minisig"

B=$(fresh foreign); rm "$B/manifest.txt.minisig"
minisign -S -s "$T/other.key" -m "$B/manifest.txt" >/dev/null 2>&1
refuse refuse_foreign_signature "$B" "manifest.txt.minisig"

B=$(fresh legacy_sig); rm "$B/manifest.txt.minisig"
minisign -S -l -s "$T/office.key" -m "$B/manifest.txt" >/dev/null 2>&1
if ctl verify "$B" >/dev/null 2>"$T/err"; then ok legacy_signature_accepted; else bad legacy_signature_accepted "$(cat "$T/err")"; fi

B=$(fresh tc_tampered); sed -i 's/^trusted comment: .*/trusted comment: forged/' "$B/manifest.txt.minisig"
refuse refuse_tampered_trusted_comment "$B" "manifest.txt.minisig"

B=$(fresh replay 1)
refuse refuse_replayed_sequence "$B" "manifest.txt: 序号: 序号 1 已经导入过"
B=$(fresh older 0)
refuse refuse_bad_sequence_zero "$B" "manifest.txt"

B=$(fresh missing_listed); rm "$B/bodies/2019-000077.txt"
refuse refuse_missing_listed_file "$B" "bodies/2019-000077.txt"

B=$(fresh traversal)
echo "outside" >"$T/outside.txt"
sed -i 's|bodies/2019-000077.txt|../outside.txt|' "$B/bulletins.csv"
sign_bundle "$B" "$T/office.key" 2
printf '%s  ../outside.txt\n' "$(sha256sum <"$T/outside.txt" | cut -d' ' -f1)" >>"$B/manifest.txt"
rm -f "$B/manifest.txt.minisig"; minisign -S -s "$T/office.key" -m "$B/manifest.txt" >/dev/null 2>&1
refuse refuse_path_traversal "$B" ".."

B=$(fresh symlink); rm "$B/bodies/2019-000077.txt"; ln -s "$T/outside.txt" "$B/bodies/2019-000077.txt"
sign_bundle "$B" "$T/office.key" 2
refuse refuse_symlink "$B" "bodies/2019-000077.txt"

B=$(fresh unlisted); sed -i 's|bodies/2019-000077.txt|bodies/extra.txt|' "$B/bulletins.csv"
sign_bundle "$B" "$T/office.key" 2; echo "不在清单里" >"$B/bodies/extra.txt"
refuse refuse_unlisted_file "$B" "bulletins.csv:4: 正文"

# --- rows -------------------------------------------------------------------
B=$(fresh no_column); sed -i '1s/,标题,/,题目,/' "$B/bulletins.csv"; sign_bundle "$B" "$T/office.key" 2
refuse refuse_missing_required_column "$B" "bulletins.csv:1: 标题"

B=$(fresh bad_id); sed -i 's/511722198802290024/511722198802300024/' "$B/subsidies.csv"; sign_bundle "$B" "$T/office.key" 2
refuse refuse_bad_resident_id "$B" "subsidies.csv:5: 身份证号"

B=$(fresh excel_id); sed -i 's/511722198802290024/5.11722E+17/' "$B/subsidies.csv"; sign_bundle "$B" "$T/office.key" 2
refuse refuse_excel_number_id "$B" "subsidies.csv:5: 身份证号"

B=$(fresh bad_amount); sed -i 's/,211.00,/,2.115,/' "$B/subsidies.csv"; sign_bundle "$B" "$T/office.key" 2
refuse refuse_bad_amount "$B" "subsidies.csv:5: 发放金额"

B=$(fresh bad_date); sed -i 's|2024/6/18|2024-02-30|' "$B/subsidies.csv"; sign_bundle "$B" "$T/office.key" 2
refuse refuse_bad_date "$B" "subsidies.csv:5: 发放日期"

B=$(fresh id_in_text); printf '联系人身份证号511722197501017898。\n' >>"$B/bodies/2024-001003.txt"; sign_bundle "$B" "$T/office.key" 2
refuse refuse_resident_id_in_body "$B" "bodies/2024-001003.txt:3"

B=$(fresh card_in_csv); sed -i 's/一般每年6月前/请向卡号6222021234567890128查询，一般每年6月前/' "$B/qa.csv"; sign_bundle "$B" "$T/office.key" 2
refuse refuse_card_number_in_qa "$B" "qa.csv:2: 答复"

B=$(fresh bad_bytes); printf 'bad \377\376 bytes\n' >>"$B/bodies/2024-001002.txt"; sign_bundle "$B" "$T/office.key" 2 UTF-8
refuse refuse_invalid_bytes_declared_encoding "$B" "bodies/2024-001002.txt:5"

# Every bad row is named, not only the first.
B=$(fresh many); sed -i 's/,337.60,/,abc,/; s/,527.50,/,-5,/' "$B/subsidies.csv"; sign_bundle "$B" "$T/office.key" 2
refuse refuse_reports_every_row "$B" "subsidies.csv:2: 发放金额"
grep -qF "subsidies.csv:3: 发放金额" "$T/err" && ok report_names_second_row || bad report_names_second_row "$(cat "$T/err")"

# --- encodings --------------------------------------------------------------
B=$(fresh gbk)
iconv -f UTF-8 -t GB18030 "$SRC/subsidies.csv" | sed 's/$/\r/' >"$B/subsidies.csv"
printf '\xa1\xb0\xc5\xb7\xd4\xaa\xa1\xb1\x80\r\n' >/dev/null
sign_bundle "$B" "$T/office.key" 2
if ctl import "$B" >/dev/null 2>"$T/err"; then ok gb18030_detected_without_header; else bad gb18030_detected_without_header "$(cat "$T/err")"; fi
[ "$(q "select count(*) from subsidies where name='刘䶮'")" = 1 ] && ok gb18030_rare_name_decoded || bad gb18030_rare_name_decoded "$(q "select name from subsidies")"
db_dump "$DB" >"$T/dump.before"

# --force re-imports the same sequence; without it the same sequence is refused.
refuse refuse_same_sequence_again "$B" "--force"
if ctl import "$B" --force >/dev/null 2>"$T/err"; then ok force_reimport; else bad force_reimport "$(cat "$T/err")"; fi
[ "$(q "select count(*) from subsidies")" = 4 ] && ok batch_replaced_not_duplicated || bad batch_replaced_not_duplicated "$(q 'select count(*) from subsidies')"
[ "$(q "select forced from imports order by id desc limit 1")" = 1 ] && ok forced_recorded || bad forced_recorded "not recorded"

# Usage errors exit 2.
"$CTL" --config "$T/kiosk.conf" import >/dev/null 2>&1; [ $? -eq 2 ] && ok usage_exit_2 || bad usage_exit_2 "not 2"
"$CTL" --config "$T/nope.conf" verify "$B" >/dev/null 2>&1; [ $? -eq 3 ] && ok missing_config_exit_3 || bad missing_config_exit_3 "not 3"
