#!/bin/sh
# Applications from filing to the county office, with the real gongkaictl:
# seal-keygen; applications filed on two kiosks (tests/tools/apply_submit);
# export of each; open-applications over both, every field of every row
# compared with what was filed; nothing personal in the database, its WAL
# or the export; tampered, renamed, missing and escaping files, a wrong key;
# exporting again; exports interrupted (kill -9, a file-size limit) leaving
# the previous export whole; replies moving an application through 已受理,
# 需补正, 延期答复 and 已答复 by signed bundles; table 3 of stats with exact
# numbers; kill -9 while filing.
. tests/lib/common.sh

SUBMIT="$GK_BUILD/tools/apply_submit"
[ -x "$SUBMIT" ] || make -s BUILD="$GK_BUILD" "$SUBMIT" >/dev/null || { bad setup "no $SUBMIT"; exit 1; }

# conf FILE DB KIOSK_ID: a kiosk configuration with both keys.
conf() {
	cat >"$1" <<CONF
[kiosk]
name = 测试便民服务中心（$3）
id = $3
database = $2
[trust]
bundle_pubkey = $(pubkey_of "$T/bundle")
seal_pubkey = $SEAL_PUB
CONF
}
q() { sqlite3 "$1" "$2"; }
# csvq SQL: runs SQL over got (./applications.csv of $2) and want (CSV $1).
csvq() { sqlite3 :memory: ".import --csv $1 want" ".import --csv $2 got" "$3"; }

# --- seal-keygen -----------------------------------------------------------
if "$CTL" seal-keygen "$T/office" >"$T/keygen.out" 2>"$T/err" && [ -s "$T/office.key" ] && [ -s "$T/office.pub" ]; then
	SEAL_PUB=$(grep -v '^#' "$T/office.pub" | head -n 1)
	if grep -qF "seal_pubkey = $SEAL_PUB" "$T/keygen.out" && [ "$(stat -c %a "$T/office.key")" = 600 ]; then
		ok seal_keygen
	else
		bad seal_keygen "printed line or key mode wrong: $(cat "$T/keygen.out") $(stat -c %a "$T/office.key")"
	fi
else
	bad seal_keygen "$(cat "$T/err")"
	exit 1
fi
"$CTL" seal-keygen "$T/office" >/dev/null 2>"$T/err" && bad seal_keygen_no_overwrite "overwrote the key" || ok seal_keygen_no_overwrite
"$CTL" seal-keygen "$T/other" >/dev/null 2>&1
make_key "$T/bundle"

A="$T/a.db" B="$T/b.db"
conf "$T/a.conf" "$A" TEST-01
conf "$T/b.conf" "$B" XH-DX-02
ctl_a() { "$CTL" --config "$T/a.conf" "$@"; }
ctl_b() { "$CTL" --config "$T/b.conf" "$@"; }

# --- filing on two kiosks --------------------------------------------------
"$SUBMIT" "$A" 40 --kiosk TEST-01 --seed 1 --pubkey "$SEAL_PUB" --expect "$T/want_a.csv" 2>"$T/err" &&
	"$SUBMIT" "$B" 30 --kiosk XH-DX-02 --seed 2 --day 2026-11-21 --pubkey "$SEAL_PUB" --expect "$T/want_b.csv" 2>>"$T/err" &&
	[ "$(q "$A" 'select count(*) from applications')" = 40 ] && [ "$(q "$B" 'select count(*) from applications')" = 30 ] &&
	ok file_two_kiosks || bad file_two_kiosks "$(cat "$T/err")"
tail -n +2 "$T/want_b.csv" | cat "$T/want_a.csv" - >"$T/want.csv"

# what kiosk A counted: searches that found nothing, a printed document, a
# print that failed (not counted)
q "$A" "insert into usage_log(day, what, count) values ('2026-11-20', '搜索无结果', 3),
	('2026-11-20', '搜索无结果：拖拉机补贴', 1), ('2026-11-21', '通知公告', 7);
	insert into print_log(at, kind, title, index_no, pages, result) values
	('2026-11-20 10:00:00', '文件', '关于做好2026年春耕生产的通知', 'XH-2026-0001', 2, '完成'),
	('2026-11-20 11:00:00', '文件', '关于做好2026年春耕生产的通知', 'XH-2026-0001', 2, '完成'),
	('2026-11-20 12:00:00', '文件', '关于做好2026年春耕生产的通知', 'XH-2026-0001', 2, '打印机缺纸')"

# --- export ------------------------------------------------------------------
mkdir -p "$T/stick_a" "$T/stick_b"
if ctl_a export "$T/stick_a" >"$T/out" 2>"$T/err" && grep -q "^已导出 40 份申请到 " "$T/out"; then ok export_a; else bad export_a "$(cat "$T/out" "$T/err")"; fi
if ctl_b export "$T/stick_b" >"$T/out" 2>"$T/err" && grep -q "^已导出 30 份申请到 " "$T/out"; then ok export_b; else bad export_b "$(cat "$T/out" "$T/err")"; fi
EA="$T/stick_a/gongkai-export"
(cd "$EA" && sha256sum -c --quiet manifest.txt) >"$T/out" 2>&1 && ok export_sha256sum_c || bad export_sha256sum_c "$(cat "$T/out")"
[ "$(ls "$EA/applications" | wc -l)" = 40 ] && [ -f "$EA/applications/TEST-01-20261120-0001.sealed" ] &&
	ok export_one_file_each || bad export_one_file_each "$(ls "$EA/applications" | head -3)"
[ "$(grep -c '^# ' "$EA/manifest.txt")" -ge 4 ] && grep -q '^# kiosk-id: TEST-01$' "$EA/manifest.txt" &&
	grep -q '^# kiosk: 测试便民服务中心（TEST-01）$' "$EA/manifest.txt" && grep -qE '^# created: [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8}$' "$EA/manifest.txt" &&
	ok export_manifest_headers || bad export_manifest_headers "$(head -6 "$EA/manifest.txt")"
if [ "$(head -n 1 "$EA/applications.tsv")" = "$(printf '受理编号\t状态\t提交时间\t收到日期\t答复期限\t答复日期\t答复类型\t答复细类\t已超期')" ] &&
	grep -q "^TEST-01-20261120-0001	已提交	2026-11-20 09:00:00	2026-11-20	2026-12-18	" "$EA/applications.tsv"; then
	ok export_tsv_clear_facts
else
	bad export_tsv_clear_facts "$(head -2 "$EA/applications.tsv")"
fi
[ -z "$(q "$A" "select 1 from applications where exported_at = '' limit 1")" ] && ok export_marks_exported || bad export_marks_exported "exported_at empty"
ls -A "$T/stick_a" | grep -qv '^gongkai-export$' && bad export_no_leftovers "$(ls -A "$T/stick_a")" || ok export_no_leftovers

# --- nothing personal in clear -------------------------------------------------
csvq "$T/want.csv" "$T/want.csv" "select 姓名或名称 from want union select 证件号码 from want union select 联系电话 from want
	union select 通信地址 from want where 通信地址 <> '' union select 电子邮箱 from want where 电子邮箱 <> ''
	union select 所需信息 from want" >"$T/personal"
[ "$(wc -l <"$T/personal")" -gt 100 ] || bad privacy_patterns "only $(wc -l <"$T/personal") patterns"
if grep -aqF -f "$T/personal" "$A" "$A-wal" "$B" "$B-wal" 2>/dev/null; then
	bad no_personal_data_in_db "$(grep -aoF -f "$T/personal" "$A" "$A-wal" "$B" "$B-wal" 2>/dev/null | head -3)"
else
	ok no_personal_data_in_db
fi
if grep -raqF -f "$T/personal" "$T/stick_a" "$T/stick_b"; then
	bad no_personal_data_in_export "$(grep -raoF -f "$T/personal" "$T/stick_a" "$T/stick_b" | head -3)"
else
	ok no_personal_data_in_export
fi

# --- open-applications: both exports, every field ---------------------------------
mkdir -p "$T/office"
(cd "$T/office" && "$OLDPWD/$CTL" open-applications --key "$T/office.key" "$EA" "$T/stick_b") >"$T/out" 2>"$T/err"
rc=$?
GOT="$T/office/applications.csv"
if [ $rc -eq 0 ] && grep -q "^已写出 applications.csv：70 份申请" "$T/out"; then ok open_two_exports; else bad open_two_exports "exit $rc: $(cat "$T/out" "$T/err")"; fi
[ "$(head -c 3 "$GOT" | od -An -tx1 | tr -d ' ')" = efbbbf ] && ok csv_bom || bad csv_bom "$(head -c 8 "$GOT" | od -An -tx1)"
[ "$(head -n 1 "$GOT" | tr -d '\r' | sed 's/^\xef\xbb\xbf//')" = "受理编号,提交时间,收到日期,答复期限,申请人类型,姓名或名称,证件类型,证件号码,联系电话,通信地址,邮政编码,电子邮箱,所需信息,文号或索引号,提供方式,获取方式,代为填写,统一社会信用代码,法定代表人" ] &&
	ok csv_header_columns || bad csv_header_columns "$(head -n 1 "$GOT")"
[ "$(grep -c "$(printf '\r')$" "$GOT")" = "$(wc -l <"$GOT")" ] && ok csv_crlf || bad csv_crlf "not every line ends CRLF"
n_diff=$(csvq "$T/want.csv" "$GOT" "select count(*) from (select * from want except select * from got)")
n_extra=$(csvq "$T/want.csv" "$GOT" "select count(*) from (select * from got except select * from want)")
n_rows=$(csvq "$T/want.csv" "$GOT" "select count(*) from got")
if [ "$n_diff" = 0 ] && [ "$n_extra" = 0 ] && [ "$n_rows" = 70 ]; then
	ok csv_every_field_as_filed
else
	bad csv_every_field_as_filed "rows $n_rows, missing $n_diff, different $n_extra: $(csvq "$T/want.csv" "$GOT" "select * from got except select * from want limit 2")"
fi
# the rows are sorted by 受理编号
csvq "$T/want.csv" "$GOT" "select 受理编号 from got" >"$T/order"
LC_ALL=C sort "$T/order" | cmp -s - "$T/order" && ok csv_sorted || bad csv_sorted "$(head -3 "$T/order")"
# commas and quotes quoted by RFC 4180
grep -qF '"本村""高标准农田建设""项目的招标文件, 中标通知书和验收报告"' "$GOT" && ok csv_quoting || bad csv_quoting "no quoted field"
# the hard names survive
for name in 𠮷祥 阿依古丽·买买提 刘䶮; do
	grep -qF ",$name," "$GOT" || bad "csv_rare_name_$name" "missing"
done
grep -qF ',法人或其他组织：商业企业,' "$GOT" && grep -qF ',法人或其他组织：科研机构,' "$GOT" && ok csv_org_words || bad csv_org_words "no organisation rows"
# usage.tsv in the export, usage.csv at the office: counts and titles only
if grep -q '  usage.tsv$' "$EA/manifest.txt" &&
	grep -qF "$(printf '2026-11-20\t打印\t文件：关于做好2026年春耕生产的通知\tXH-2026-0001\t2\t4')" "$EA/usage.tsv" &&
	grep -qF "$(printf '2026-11-20\t使用\t搜索无结果\t\t3\t0')" "$EA/usage.tsv"; then
	ok export_usage_tsv
else
	bad export_usage_tsv "$(cat "$EA/usage.tsv")"
fi
U="$T/office/usage.csv"
if grep -q "^已写出 usage.csv：" "$T/out" && [ "$(head -n 1 "$U" | tr -d '\r' | sed 's/^\xef\xbb\xbf//')" = "一体机,日期,类别,项目,索引号,次数,页数" ] &&
	grep -qF "TEST-01,2026-11-20,使用,搜索无结果：拖拉机补贴,,1,0" "$U" &&
	grep -qF "TEST-01,2026-11-21,使用,通知公告,,7,0" "$U" &&
	grep -qF "TEST-01,2026-11-20,打印,文件：关于做好2026年春耕生产的通知,XH-2026-0001,2,4" "$U" &&
	! grep -q "^XH-DX-02,.*打印" "$U"; then
	ok office_usage_csv
else
	bad office_usage_csv "$(cat "$T/out" "$U")"
fi
# an older export of the same kiosk: its counts are not added again
mkdir -p "$T/old_a" && cp -r "$EA" "$T/old_a/" && OA="$T/old_a/gongkai-export"
printf '2026-11-19\t使用\t通知公告\t\t99\t0\n' >>"$OA/usage.tsv"
sed -i "s/^[0-9a-f]\{64\}  usage.tsv\$/$(sha256sum "$OA/usage.tsv" | cut -c1-64)  usage.tsv/; s/^# created: .*/# created: 2026-01-01 00:00:00/" "$OA/manifest.txt"
mkdir -p "$T/office2"
if (cd "$T/office2" && "$OLDPWD/$CTL" open-applications --key "$T/office.key" "$OA" "$EA") >"$T/out" 2>"$T/err" &&
	! grep -q ",99," "$T/office2/usage.csv" && [ "$(grep -c '^TEST-01,2026-11-21,使用,通知公告,,7,0' "$T/office2/usage.csv")" = 1 ]; then
	ok office_usage_newest_export
else
	bad office_usage_newest_export "$(cat "$T/out" "$T/err" "$T/office2/usage.csv" 2>&1 | head -20)"
fi
# the folder holding gongkai-export works as well as the folder itself
(cd "$T/office" && rm -f applications.csv && "$OLDPWD/$CTL" open-applications --key "$T/office.key" "$T/stick_a" >/dev/null 2>&1) &&
	[ "$(csvq "$T/want.csv" "$GOT" "select count(*) from got")" = 40 ] && ok open_parent_folder || bad open_parent_folder "not 40 rows"

# refuse_open NAME EXPECTED DIR...: exit 1, EXPECTED on stderr, no CSV.
refuse_open() {
	name=$1 expect=$2; shift 2
	rm -rf "$T/o2"; mkdir -p "$T/o2"
	(cd "$T/o2" && "$OLDPWD/$CTL" open-applications --key "$KEY" "$@") >"$T/out" 2>"$T/err"
	rc=$?
	if [ $rc -ne 1 ]; then
		bad "$name" "exit $rc, expected 1: $(head -c 400 "$T/err")"
	elif ! grep -qF -- "$expect" "$T/err"; then
		bad "$name" "stderr lacks '$expect': $(head -c 600 "$T/err")"
	elif [ -n "$(ls -A "$T/o2")" ]; then
		bad "$name" "wrote $(ls -A "$T/o2")"
	else
		ok "$name"
	fi
}
KEY="$T/office.key"
# copy_export NAME: a copy of export A in $T/NAME, echoes its path.
copy_export() { rm -rf "$T/$1"; cp -r "$EA" "$T/$1"; echo "$T/$1"; }

X=$(copy_export tampered)
printf 'x' | dd of="$X/applications/TEST-01-20261120-0007.sealed" bs=1 seek=60 conv=notrunc 2>/dev/null
line=$(grep -n 'TEST-01-20261120-0007.sealed' "$X/manifest.txt" | cut -d: -f1)
refuse_open refuse_tampered_sealed "$X/manifest.txt:$line: applications/TEST-01-20261120-0007.sealed: 校验值不符" "$X" "$T/stick_b"
X=$(copy_export tampered_tsv)
sed -i 's/2026-12-18/2027-12-18/' "$X/applications.tsv"
refuse_open refuse_tampered_tsv "applications.tsv: 校验值不符" "$X"
X=$(copy_export missing)
rm "$X/applications/TEST-01-20261120-0003.sealed"
refuse_open refuse_missing_file "applications/TEST-01-20261120-0003.sealed: 文件不存在" "$X"
X=$(copy_export escape)
echo "secret" >"$T/outside.txt"
printf '%s  ../outside.txt\n' "$(sha256sum <"$T/outside.txt" | cut -d' ' -f1)" >>"$X/manifest.txt"
refuse_open refuse_path_escape "../outside.txt: 路径越出了导出文件夹" "$X"
X=$(copy_export link)
ln -sf "$T/outside.txt" "$X/applications/TEST-01-20261120-0004.sealed"
refuse_open refuse_symlink "applications/TEST-01-20261120-0004.sealed: 是符号链接" "$X"
X=$(copy_export swapped)
# two sealed files swapped, the manifest rewritten to match: the names lie
mv "$X/applications/TEST-01-20261120-0001.sealed" "$T/s1"
mv "$X/applications/TEST-01-20261120-0002.sealed" "$X/applications/TEST-01-20261120-0001.sealed"
mv "$T/s1" "$X/applications/TEST-01-20261120-0002.sealed"
(cd "$X" && { grep '^#' manifest.txt; grep -v '^#' manifest.txt | while read -r h p; do sha256sum "$p"; done; } >m && mv m manifest.txt)
refuse_open refuse_renamed_sealed "文件名与里面的受理编号（TEST-01-20261120-0002）不符" "$X"
X=$(copy_export notexport); rm -rf "$X"; mkdir -p "$X"
refuse_open refuse_not_an_export "这里既没有 manifest.txt，也没有 gongkai-export 文件夹" "$X"
KEY="$T/other.key"
refuse_open refuse_wrong_key "other.key 打不开" "$EA"
grep -qF "seal-pubkey: 导出时一体机配置的公钥是 $SEAL_PUB" "$T/err" && ok wrong_key_names_export_key || bad wrong_key_names_export_key "$(tail -2 "$T/err")"
KEY="$T/office.pub"
refuse_open refuse_pub_not_key "office.pub: 这是公钥文件（.pub" "$EA"
KEY="$T/a.conf"
refuse_open refuse_not_a_key "a.conf: 这不是 seal-keygen 生成的私钥文件" "$EA"
KEY="$T/office.key"
"$CTL" open-applications "$EA" >/dev/null 2>&1; [ $? -eq 2 ] && ok open_without_key_usage || bad open_without_key_usage "exit not 2"

# --- exporting again gives every application again --------------------------------
cp -r "$EA" "$T/first_export"
sleep 1
if ctl_a export "$T/stick_a" >"$T/out" 2>&1 && grep -q "^已导出 40 份申请" "$T/out"; then ok reexport_all_again; else bad reexport_all_again "$(cat "$T/out")"; fi
(cd "$T/office" && rm -f applications.csv && "$OLDPWD/$CTL" open-applications --key "$KEY" "$T/first_export" "$EA" >"$T/out" 2>&1)
grep -q "70\|40 份申请（来自 2 个导出文件夹，重复导出的 40 份已合并）" "$T/out" &&
	[ "$(csvq "$T/want_a.csv" "$GOT" "select count(*) from (select * from got except select * from want)")" = 0 ] &&
	[ "$(csvq "$T/want_a.csv" "$GOT" "select count(*) from got")" = 40 ] && ok reexport_merged_once || bad reexport_merged_once "$(cat "$T/out")"

# another kiosk's export on the same stick is never replaced
ctl_b export "$T/stick_a" >"$T/out" 2>"$T/err"; rc=$?
if [ $rc -eq 3 ] && grep -q "另一台一体机（编号 TEST-01）" "$T/err" && (cd "$EA" && sha256sum -c --quiet manifest.txt >/dev/null 2>&1) &&
	grep -q '^# kiosk-id: TEST-01$' "$EA/manifest.txt"; then
	ok export_keeps_other_kiosk
else
	bad export_keeps_other_kiosk "exit $rc: $(cat "$T/err")"
fi
# a second export into the same folder while one runs waits for nothing
flock "$T/stick_a" sleep 3 &
lockpid=$!
sleep 0.5
ctl_a export "$T/stick_a" >/dev/null 2>"$T/err"; rc=$?
[ $rc -eq 3 ] && grep -q "正在进行另一次导出" "$T/err" && (cd "$EA" && sha256sum -c --quiet manifest.txt >/dev/null 2>&1) &&
	ok export_one_at_a_time || bad export_one_at_a_time "exit $rc: $(cat "$T/err")"
wait $lockpid
ctl_a export "$T/no/such/stick" >/dev/null 2>"$T/err"; rc=$?
[ $rc -eq 3 ] && grep -q "文件夹不见了" "$T/err" && ok export_folder_gone || bad export_folder_gone "exit $rc: $(cat "$T/err")"
: >"$T/plainfile"
ctl_a export "$T/plainfile" >/dev/null 2>"$T/err"; rc=$?
[ $rc -eq 3 ] && grep -q "不是文件夹" "$T/err" && ok export_not_a_folder || bad export_not_a_folder "exit $rc: $(cat "$T/err")"

# a 受理编号 that is no safe file name (a database written by hand) is
# escaped on the stick and read back as it was
O="$T/odd.db"
conf "$T/odd.conf" "$O" ODD-01
"$SUBMIT" "$O" 2 --kiosk "东乡 0%41/../x" --pubkey "$SEAL_PUB" --expect "$T/want_odd.csv" 2>"$T/err" || bad setup_odd "$(cat "$T/err")"
mkdir -p "$T/stick_odd"
"$CTL" --config "$T/odd.conf" export "$T/stick_odd" >/dev/null 2>"$T/err"
f="$T/stick_odd/gongkai-export/applications/%E4%B8%9C%E4%B9%A1%200%2541%2F%2E%2E%2Fx-20261120-0001.sealed"
(cd "$T/office" && rm -f applications.csv && "$OLDPWD/$CTL" open-applications --key "$KEY" "$T/stick_odd" >/dev/null 2>>"$T/err")
if [ -f "$f" ] && [ "$(ls "$T/stick_odd/gongkai-export/applications" | wc -l)" = 2 ] &&
	[ "$(csvq "$T/want_odd.csv" "$GOT" "select count(*) from (select * from got except select * from want)")" = 0 ] &&
	[ "$(csvq "$T/want_odd.csv" "$GOT" "select count(*) from got")" = 2 ]; then
	ok export_escapes_odd_numbers
else
	bad export_escapes_odd_numbers "$(ls "$T/stick_odd/gongkai-export/applications") $(cat "$T/err")"
fi

# --- interrupted exports leave the previous one whole ---------------------------------
BIG="$T/big.db"
conf "$T/big.conf" "$BIG" TEST-01
"$SUBMIT" "$BIG" 2000 --kiosk TEST-01 --pubkey "$SEAL_PUB" --per-day 1000 --fast 2>"$T/err" || bad setup_big "$(cat "$T/err")"
mkdir -p "$T/stick_k"
"$CTL" --config "$T/big.conf" export "$T/stick_k" >/dev/null 2>&1 || bad setup_big "first export"
"$SUBMIT" "$BIG" 1000 --kiosk TEST-01 --day 2026-11-25 --pubkey "$SEAL_PUB" --fast 2>"$T/err" || bad setup_big "$(cat "$T/err")"
# a file-size limit stops the export midway (as a full stick does)
(ulimit -f 200; "$CTL" --config "$T/big.conf" export "$T/stick_k") >/dev/null 2>"$T/err"; rc=$?
if [ $rc -eq 3 ] && grep -q "原有的导出没有改动" "$T/err" && grep -q '^# applications: 2000$' "$T/stick_k/gongkai-export/manifest.txt" &&
	(cd "$T/stick_k/gongkai-export" && sha256sum -c --quiet manifest.txt >/dev/null 2>&1) && [ ! -e "$T/stick_k/.gongkai-export.new" ]; then
	ok export_full_keeps_previous
else
	bad export_full_keeps_previous "exit $rc: $(cat "$T/err"; ls -A "$T/stick_k")"
fi
start=$(date +%s%N)
"$CTL" --config "$T/big.conf" export "$T/stick_k" >/dev/null 2>&1
dur_ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$dur_ms" -gt 0 ] || dur_ms=1
kills=12 whole=0 old=0 new=0
i=1
while [ $i -le $kills ]; do
	"$CTL" --config "$T/big.conf" export "$T/stick_k" >/dev/null 2>&1 &
	pid=$!
	sleep "$(awk "BEGIN{print $dur_ms * $i / ($kills - 1) / 1000}")"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	if (cd "$T/stick_k/gongkai-export" && sha256sum -c --quiet manifest.txt >/dev/null 2>&1) &&
		[ "$(ls "$T/stick_k/gongkai-export/applications" | wc -l)" = 3000 ]; then
		whole=$((whole + 1))
	fi
	i=$((i + 1))
done
[ $whole -eq $kills ] && ok export_kill9_leaves_whole_export || bad export_kill9_leaves_whole_export "$whole of $kills kills left a whole export"
"$CTL" --config "$T/big.conf" export "$T/stick_k" >/dev/null 2>&1 && [ "$(ls -A "$T/stick_k")" = gongkai-export ] &&
	ok export_after_kill_cleans_up || bad export_after_kill_cleans_up "$(ls -A "$T/stick_k")"
# a swap interrupted between its two renames (a stick without exchange) is undone
mv "$T/stick_k/gongkai-export" "$T/stick_k/.gongkai-export.old"
mkdir -p "$T/stick_k/.gongkai-export.new/applications"
"$CTL" --config "$T/big.conf" export "$T/stick_k" >/dev/null 2>&1 && [ "$(ls -A "$T/stick_k")" = gongkai-export ] &&
	(cd "$T/stick_k/gongkai-export" && sha256sum -c --quiet manifest.txt >/dev/null 2>&1) &&
	ok export_recovers_half_swap || bad export_recovers_half_swap "$(ls -A "$T/stick_k")"

# --- replies through signed bundles ---------------------------------------------
# bundle SEQ ROWS...: a bundle holding replies.csv with the given rows.
bundle() {
	seq=$1; shift
	rm -rf "$T/bundle$seq"; mkdir -p "$T/bundle$seq"
	{ echo "受理编号,状态,答复日期,答复类型,答复细类,说明"; for r in "$@"; do echo "$r"; done; } >"$T/bundle$seq/replies.csv"
	sign_bundle "$T/bundle$seq" "$T/bundle.key" "$seq"
	echo "$T/bundle$seq"
}
app() { q "$A" "select $1 from applications where tracking_no = '$2'"; }
N1=TEST-01-20261120-0001 N2=TEST-01-20261120-0002
R1="$N1,已受理,2026-11-23,,,"
R2="$N2,需补正,2026-11-25,,,请写明所需信息的年份"
R3="XH-DX-02-20261121-0001,已受理,2026-11-23,,,"
ctl_a import "$(bundle 1 "$R1" "$R2" "$R3")" >"$T/out" 2>"$T/err"; rc=$?
[ $rc -eq 0 ] && grep -q "XH-DX-02-20261121-0001" "$T/err" && ok reply_other_kiosk_skipped || bad reply_other_kiosk_skipped "exit $rc: $(cat "$T/err")"
[ "$(app 'status||due_on' $N1)" = "已受理2026-12-18" ] && ok reply_accepted_keeps_dates || bad reply_accepted_keeps_dates "$(app 'status, due_on' $N1)"
[ "$(app "status||'|'||due_on" $N2)" = "需补正|" ] && ok reply_correction_stops_clock || bad reply_correction_stops_clock "$(app 'status, due_on' $N2)"
R4="$N1,延期答复,2026-12-10,,,需要征求第三方意见"
R5="$N2,已受理,2026-12-01,,,"
ctl_a import "$(bundle 2 "$R1" "$R2" "$R3" "$R4" "$R5")" >"$T/out" 2>"$T/err" || bad reply_import_2 "$(cat "$T/err")"
[ "$(app "status||'|'||due_on||'|'||extensions" $N1)" = "延期答复|2027-01-15|1" ] && ok reply_extension_adds_20_working_days || bad reply_extension_adds_20_working_days "$(app 'status, due_on, extensions' $N1)"
[ "$(app "status||'|'||received_on||'|'||due_on" $N2)" = "已受理|2026-12-01|2026-12-29" ] && ok reply_accepted_restarts_clock || bad reply_accepted_restarts_clock "$(app 'status, received_on, due_on' $N2)"
R6="$N1,已答复,2026-12-20,予以公开,,已按电子邮件发送"
ctl_a import "$(bundle 3 "$R1" "$R2" "$R3" "$R4" "$R5" "$R6")" >"$T/out" 2>"$T/err" || bad reply_import_3 "$(cat "$T/err")"
[ "$(app "status||'|'||reply_type||'|'||due_on||'|'||extensions" $N1)" = "已答复|予以公开|2027-01-15|1" ] && ok reply_answered_once || bad reply_answered_once "$(app 'status, reply_type, due_on, extensions' $N1)"
ctl_a export "$T/stick_a" >/dev/null 2>&1
grep -q "^$N1	已答复	2026-11-20 09:00:00	2026-11-20	2027-01-15	2026-12-20	予以公开	" "$EA/applications.tsv" &&
	grep -q "^$N2	已受理	2026-11-20 09:00:07	2026-12-01	2026-12-29	" "$EA/applications.tsv" &&
	ok reply_in_new_export || bad reply_in_new_export "$(grep -E "$N1|$N2" "$EA/applications.tsv")"
# the office's CSV takes the dates as they stand now from the newer export
(cd "$T/office" && rm -f applications.csv && "$OLDPWD/$CTL" open-applications --key "$KEY" "$EA" "$T/first_export" >/dev/null 2>"$T/err")
[ "$(csvq "$T/want_a.csv" "$GOT" "select 收到日期||' '||答复期限 from got where 受理编号 = '$N1'")" = "2026-11-20 2027-01-15" ] &&
	[ "$(csvq "$T/want_a.csv" "$GOT" "select 收到日期||' '||答复期限 from got where 受理编号 = '$N2'")" = "2026-12-01 2026-12-29" ] &&
	[ "$(csvq "$T/want_a.csv" "$GOT" "select count(*) from got")" = 40 ] &&
	ok csv_newer_dates_win || bad csv_newer_dates_win "$(grep -E "$N1|$N2" "$GOT") $(cat "$T/err")"

# --- table 3 with exact numbers ------------------------------------------------------
C="$T/c.db"
conf "$T/c.conf" "$C" TEST-01
# two citizens in 2025 (one answered in 2026, one still open), then ten
# in 2026: i % 5 == 4 is an organisation, kind (i / 5) % 5: 商业企业, 科研机构
"$SUBMIT" "$C" 2 --day 2025-12-20 --org-every 0 --pubkey "$SEAL_PUB" --fast 2>"$T/err" &&
	"$SUBMIT" "$C" 10 --day 2026-03-02 --org-every 5 --pubkey "$SEAL_PUB" --fast 2>>"$T/err" || bad t3_setup "$(cat "$T/err")"
"$CTL" --config "$T/c.conf" import "$(bundle 4 \
	"TEST-01-20251220-0001,已答复,2026-01-10,部分公开,," \
	"TEST-01-20260302-0001,已答复,2026-03-20,予以公开,," \
	"TEST-01-20260302-0002,已答复,2026-03-25,不予公开,保护第三方合法权益," \
	"TEST-01-20260302-0003,已撤回,2026-03-05,,,本人撤回" \
	"TEST-01-20260302-0005,已答复,2026-03-26,无法提供,本机关不掌握相关政府信息," \
	"TEST-01-20260302-0004,延期答复,2026-03-27,,,")" >/dev/null 2>"$T/err" || bad t3_replies "$(cat "$T/err")"
"$CTL" --config "$T/c.conf" stats --year 2026 --csv >"$T/t3.csv" 2>"$T/t3.err"
tr -d '\r' <"$T/t3.csv" | sed 's/^\xef\xbb\xbf//' >"$T/t3"
cat >"$T/t3.want" <<'EOF'
项目,自然人,商业企业,科研机构,社会公益组织,法律服务机构,其他,总计
一、本年新收政府信息公开申请数量,8,1,1,0,0,0,10
二、上年结转政府信息公开申请数量,2,0,0,0,0,0,2
（一）予以公开,1,0,0,0,0,0,1
（二）部分公开（区分处理的，只计这一情形，不计其他情形）,1,0,0,0,0,0,1
4.保护第三方合法权益,1,0,0,0,0,0,1
1.本机关不掌握相关政府信息,0,1,0,0,0,0,1
3.其他,1,0,0,0,0,0,1
（七）总计,4,1,0,0,0,0,5
四、结转下年度继续办理,6,0,1,0,0,0,7
EOF
# the rows that hold a number other than zero, and 一 二 （七） 四 always
grep -E '^(项目|一|二|四|（七）)|,[1-9]' "$T/t3" | grep -v '^三、' >"$T/t3.got"
diff "$T/t3.want" "$T/t3.got" >"$T/t3.diff" && ok table3_exact_2026 || bad table3_exact_2026 "$(cat "$T/t3.diff")"
[ "$(head -c 3 "$T/t3.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] && ok table3_csv_bom || bad table3_csv_bom "no BOM"
grep -q "核对：每一列都满足 一 + 二 = （七）总计 + 四" "$T/t3.err" && ok table3_identity_holds || bad table3_identity_holds "$(cat "$T/t3.err")"
"$CTL" --config "$T/c.conf" stats --year 2025 --csv 2>/dev/null | tr -d '\r' | grep -E '^(一|二|（七）|四)' >"$T/t3b"
printf '%s\n' "一、本年新收政府信息公开申请数量,2,0,0,0,0,0,2" "二、上年结转政府信息公开申请数量,0,0,0,0,0,0,0" \
	"（七）总计,0,0,0,0,0,0,0" "四、结转下年度继续办理,2,0,0,0,0,0,2" | diff - "$T/t3b" >"$T/t3.diff" &&
	ok table3_exact_2025 || bad table3_exact_2025 "$(cat "$T/t3.diff")"
"$CTL" --config "$T/c.conf" stats --year 2026 >"$T/t3.txt" 2>"$T/err"
# every counted row has its seven numbers in the same terminal columns,
# under the column words
grep -E '^ *[0-9]+( +[0-9]+){6}  [^ 0-9]' "$T/t3.txt" | sed -E 's/^([ 0-9]*[0-9]  ).*/\1/' | awk '{print length($0)}' | sort -u >"$T/widths"
hw=$(grep '申请人情况 / 项目$' "$T/t3.txt" | sed 's/申请人情况 \/ 项目$//' | wc -L)
[ "$(cat "$T/widths")" = "$hw" ] && [ "$(grep -cE '^ *[0-9]+( +[0-9]+){6}  ' "$T/t3.txt")" -ge 9 ] &&
	ok table3_text_aligned || bad table3_text_aligned "widths: $(tr '\n' ' ' <"$T/widths") header $hw"
grep -q "自然人  商业企业  科研机构  社会公益组织  法律服务机构  其他  总计  申请人情况 / 项目" "$T/t3.txt" &&
	grep -q "     8         1         1             0             0     0    10  一、本年新收政府信息公开申请数量" "$T/t3.txt" &&
	grep -q "核对：每一列都满足" "$T/t3.txt" && grep -q "^申请	收到申请	10$" "$T/t3.txt" &&
	ok table3_text_then_usage || bad table3_text_then_usage "$(cat "$T/t3.txt" "$T/err")"

# --- kill -9 while filing ------------------------------------------------------
K="$T/k.db"
"$SUBMIT" "$K" 9000 --kiosk TEST-01 --pubkey "$SEAL_PUB" --print >"$T/printed" 2>/dev/null &
pid=$!
sleep 1.5
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
n=$(q "$K" "select count(*) from applications")
printed=$(wc -l <"$T/printed")
if [ "$n" -gt 0 ] && [ "$n" -lt 9000 ] && [ "$printed" -le "$n" ] &&
	[ "$(q "$K" "select count(*) from applications where length(sealed) <= 48 or sealed is null")" = 0 ] &&
	[ "$(q "$K" "select count(distinct tracking_no) from applications")" = "$n" ] &&
	[ "$(q "$K" "select max(cast(substr(tracking_no, -4) as integer)) from applications")" = "$n" ] &&
	[ "$(q "$K" "select last from app_counter where day = '20261120'")" = "$n" ] &&
	[ "$(q "$K" 'pragma integrity_check')" = ok ]; then
	ok kill9_filing_rows_whole
else
	bad kill9_filing_rows_whole "rows $n printed $printed counter $(q "$K" 'select * from app_counter')"
fi
"$SUBMIT" "$K" 2 --kiosk TEST-01 --pubkey "$SEAL_PUB" --print >"$T/next" 2>"$T/err"
[ "$(head -n 1 "$T/next")" = "TEST-01-20261120-$(printf %04d $((n + 1)))" ] && ok kill9_filing_continues_next_number || bad kill9_filing_continues_next_number "after $n: $(cat "$T/next" "$T/err")"
