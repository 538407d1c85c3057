#!/bin/sh
# import_directory.sh - directory.csv (公共服务名录) in a signed bundle, with
# the real gongkaictl and minisign: a good file imports and is searchable;
# a bundle without it keeps the directory; a new one replaces it whole;
# every bad row is refused as "directory.csv:LINE: 列名: …" and leaves the
# database byte-for-byte as it was.
. tests/lib/common.sh

SRC=tests/data/bundle-good
make_key "$T/office"
DB="$T/kiosk.db"
write_conf "$T/kiosk.conf" "$(pubkey_of "$T/office")" "$DB"
ctl() { "$CTL" --config "$T/kiosk.conf" "$@"; }
q() { sqlite3 "$DB" "$1"; }

# fresh NAME SEQ: a copy of the good bundle with a directory.csv (written
# as Excel does: BOM, CRLF, a quoted cell with a line break), unsigned.
fresh() {
	rm -rf "$T/$1"
	cp -r "$SRC" "$T/$1"
	printf '\357\273\277备注,电话,乡镇,名称,类别,地址,办公时间\r\n' >"$T/$1/directory.csv"
	printf ',0818-5300120 转 8001,南坝镇,南坝镇中心卫生院,卫生院,南坝镇人民路58号,"全天接诊\n急诊24小时"\r\n' >>"$T/$1/directory.csv"
	printf '逢场天加班次,0818-5300188,南坝镇,南坝至县城客运班车,公交,南坝镇汽车站,首班 6:50\r\n' >>"$T/$1/directory.csv"
	printf ',0818-5100110,东乡街道,宣汉县公安局东乡派出所,派出所,东乡街道东乡路66号,全天\r\n' >>"$T/$1/directory.csv"
	echo "$T/$1"
}

# refuse NAME BUNDLE EXPECTED: import exits 1, stderr holds EXPECTED, the
# database is unchanged.
refuse() {
	db_dump "$DB" >"$T/dump.before"
	ctl import "$2" >"$T/out" 2>"$T/err"
	rc=$?
	db_dump "$DB" >"$T/dump.after"
	if [ $rc -ne 1 ]; then
		bad "$1" "exit $rc, expected 1: $(head -c 600 "$T/err")"
	elif ! grep -qF -- "$3" "$T/err"; then
		bad "$1" "report lacks '$3': $(head -c 600 "$T/err")"
	elif ! cmp -s "$T/dump.before" "$T/dump.after"; then
		bad "$1" "database changed"
	else
		ok "$1"
	fi
}

# --- a good file ------------------------------------------------------------
B=$(fresh good 1); sign_bundle "$B" "$T/office.key" 1
if ctl import "$B" >"$T/out" 2>"$T/err"; then ok import_good; else bad import_good "$(cat "$T/err")"; fi
[ "$(q 'select count(*) from directory')" = 3 ] && ok directory_rows || bad directory_rows "$(q 'select count(*) from directory')"
[ "$(q "select phone from directory where name='南坝镇中心卫生院'")" = "0818-5300120 转 8001" ] &&
	ok extension_kept || bad extension_kept "$(q "select phone from directory where name='南坝镇中心卫生院'")"
[ "$(q "select hours from directory where name='南坝镇中心卫生院'")" = "$(printf '全天接诊\n急诊24小时')" ] &&
	ok hours_keep_lines || bad hours_keep_lines "$(q "select hours from directory where name='南坝镇中心卫生院'")"
[ "$(q "select note from directory where category='公交'")" = 逢场天加班次 ] && ok columns_by_header || bad columns_by_header "$(q 'select * from directory')"

# --- a bundle without directory.csv keeps it; a new file replaces it ---------
rm -rf "$T/none"; cp -r "$SRC" "$T/none"; sign_bundle "$T/none" "$T/office.key" 2
ctl import "$T/none" >/dev/null 2>"$T/err" || bad import_without "$(cat "$T/err")"
[ "$(q 'select count(*) from directory')" = 3 ] && ok kept_without_file || bad kept_without_file "$(q 'select count(*) from directory')"
B=$(fresh replace); sed -i '4,$d' "$B/directory.csv"; sign_bundle "$B" "$T/office.key" 3
ctl import "$B" >/dev/null 2>"$T/err" || bad import_replace "$(cat "$T/err")"
[ "$(q 'select count(*) from directory')" = 1 ] && ok replaced_whole || bad replaced_whole "$(q 'select count(*) from directory')"

# --- bad rows: the file, line and column, what to do; nothing changes ------
B=$(fresh bad_phone); sed -i 's/0818-5300188/0818-5300188、13800001234/' "$B/directory.csv"; sign_bundle "$B" "$T/office.key" 4
refuse refuse_two_phones "$B" "directory.csv:3: 电话:"
grep -qF "一格只填一个号码" "$T/err" && ok phone_says_what_to_do || bad phone_says_what_to_do "$(cat "$T/err")"

B=$(fresh letters); sed -i 's/0818-5100110/打110/' "$B/directory.csv"; sign_bundle "$B" "$T/office.key" 4
refuse refuse_phone_letters "$B" "directory.csv:4: 电话:"

B=$(fresh no_name); sed -i 's/,宣汉县公安局东乡派出所,/,,/' "$B/directory.csv"; sign_bundle "$B" "$T/office.key" 4
refuse refuse_empty_name "$B" "directory.csv:4: 名称: 不能为空"

B=$(fresh no_column); sed -i '1s/,地址,/,位置,/' "$B/directory.csv"; sign_bundle "$B" "$T/office.key" 4
refuse refuse_missing_column "$B" "directory.csv:1: 地址"

B=$(fresh control); sed -i "s/南坝镇汽车站/南坝镇$(printf '\342\200\256')汽车站/" "$B/directory.csv"; sign_bundle "$B" "$T/office.key" 4
refuse refuse_bidi_in_address "$B" "directory.csv:3: 地址:"

B=$(fresh too_long); sed -i "s/南坝镇汽车站/$(printf '很长%.0s' $(seq 70))/" "$B/directory.csv"; sign_bundle "$B" "$T/office.key" 4
refuse refuse_too_long "$B" "directory.csv:3: 地址: 太长（140 个字），最多 120 个字"

B=$(fresh id_in_note); sed -i 's/逢场天加班次/联系人511722197501017898/' "$B/directory.csv"; sign_bundle "$B" "$T/office.key" 4
refuse refuse_resident_id "$B" "directory.csv:3: 备注:"

# Every bad row is named, not only the first.
B=$(fresh many); sed -i 's/0818-5300188/88--1/; s/0818-5100110/0818 5100110/' "$B/directory.csv"; sign_bundle "$B" "$T/office.key" 4
refuse refuse_reports_every_row "$B" "directory.csv:3: 电话:"
grep -qF "directory.csv:4: 电话:" "$T/err" && ok report_names_second_row || bad report_names_second_row "$(cat "$T/err")"
