#!/bin/sh
# Hostile and careless bundles, signed with the real minisign (issue 12):
# resident ids spelled with spaces, dashes, no-break or full-width spaces,
# glued to letters or broken over a line; an id in the manifest's issuer
# header; an id in a date, amount or year cell (quoted masked, never raw);
# control characters, bidi overrides and zero-width characters in cells and
# bodies. Every refusal exits 1, names file:line: column: problem, prints no
# full id and leaves the database as it was (db_dump before and after).
. tests/lib/common.sh

SRC=tests/data/bundle-good
make_key "$T/office"
DB="$T/kiosk.db"
write_conf "$T/kiosk.conf" "$(pubkey_of "$T/office")" "$DB"
ctl() { "$CTL" --config "$T/kiosk.conf" "$@"; }
ID=511722197501017898   # valid GB 11643 id (check digit 8)
ID2=511722195803121237  # the good bundle's own id, also valid

# fresh NAME [SEQ]: an unsigned copy of the good bundle in $T/NAME.
fresh() {
	rm -rf "$T/$1"
	cp -r "$SRC" "$T/$1"
	echo "$T/$1"
}
sign() { sign_bundle "$1" "$T/office.key" "${2:-2}"; }

B=$(fresh base); sign "$B" 1
if ctl import "$B" >"$T/out" 2>"$T/err"; then ok import_good; else bad import_good "$(cat "$T/err")"; fi
db_dump "$DB" >"$T/dump.before"
cp "$DB" "$T/base.db"
# reset: every case starts from the database of the good import.
reset() { rm -f "$DB" "$DB-wal" "$DB-shm"; cp "$T/base.db" "$DB"; }

# refuse NAME BUNDLE EXPECTED: import exits 1, stderr holds EXPECTED, no
# full id is printed, the database is unchanged.
refuse() {
	name=$1 dir=$2 expect=$3
	reset
	ctl import "$dir" >"$T/out" 2>"$T/err"
	rc=$?
	db_dump "$DB" >"$T/dump.after"
	if [ $rc -ne 1 ]; then
		bad "$name" "exit $rc, expected 1: $(head -c 600 "$T/err")"
	elif ! grep -qF -- "$expect" "$T/err"; then
		bad "$name" "report lacks '$expect': $(head -c 600 "$T/err")"
	elif grep -aqE "$ID|$ID2|5117221975010178|1975-?0101-?7898" "$T/out" "$T/err"; then
		bad "$name" "a full id was printed: $(grep -aE "$ID|$ID2" "$T/out" "$T/err" | head -3)"
	elif ! cmp -s "$T/dump.before" "$T/dump.after"; then
		bad "$name" "database changed"
	else
		ok "$name"
	fi
}

# body_id NAME TEXT: refuse a body that holds TEXT on its line 3.
body_id() {
	B=$(fresh "$1"); printf '联系人：%s。\n' "$2" >>"$B/bodies/2024-001003.txt"; sign "$B"
	refuse "$1" "$B" "bodies/2024-001003.txt:3: 公开内容中含有身份证号 (511722********7898)"
}

# --- 1. ids the way people write them ----------------------------------------
body_id body_id_spaces '511722 19750101 7898'
body_id body_id_dashes '511722-1975-0101-7898'
body_id body_id_nbsp "511722$(printf '\302\240')19750101$(printf '\302\240')7898"
body_id body_id_fullwidth_space '511722　19750101　7898'
body_id body_id_glued_before 'ID511722197501017898'
body_id body_id_glued_after '511722197501017898abc'
B=$(fresh body_id_line_break); printf '联系人：511722197501\n017898。\n' >>"$B/bodies/2024-001003.txt"; sign "$B"
refuse body_id_line_break "$B" "bodies/2024-001003.txt:3: 公开内容中含有身份证号"

B=$(fresh title_id_spaced); sed -i '2s/,关于进一步/,511722 1975 0101 7898 关于进一步/' "$B/bulletins.csv"; sign "$B"
refuse title_id_spaced "$B" "bulletins.csv:2: 标题: 公开内容中含有身份证号"
B=$(fresh guide_id_dashed); sed -i '2s/,公民、法人/,511722-19750101-7898 公民、法人/' "$B/guides.csv"; sign "$B"
refuse guide_id_dashed "$B" "guides.csv:2: 受理条件: 公开内容中含有身份证号"
B=$(fresh qa_id_fullwidth); sed -i '2s/,一般每年/,５１１７２２　１９７５０１０１　７８９８ 一般每年/' "$B/qa.csv"; sign "$B"
refuse qa_id_fullwidth "$B" "qa.csv:2: 答复: 公开内容中含有身份证号"
B=$(fresh subsidy_basis_id); sed -i '2s/,3.2亩,/,ID511722197501017898,/' "$B/subsidies.csv"; sign "$B"
refuse subsidy_basis_id "$B" "subsidies.csv:2: 补贴依据: 公开内容中含有身份证号"

# false positives stay out: dates, phones, money and 文号 import.
B=$(fresh not_ids)
printf '2026-11-20 0818-5123000 1,234.50元 宣府发〔2026〕12号 电话 138 1234 5678\n' >>"$B/bodies/2024-001003.txt"
sign "$B" 2
reset
if ctl verify "$B" >"$T/out" 2>"$T/err"; then ok not_ids_verify; else bad not_ids_verify "$(head -c 600 "$T/err")"; fi

# --- 2. nothing is stored or printed in full ------------------------------------
B=$(fresh issuer_id)
sh scripts/make-bundle.sh --issuer "测试县办 $ID" --created 2026-11-20T10:00:00+08:00 "$B" "$T/office.key" 2 >/dev/null
refuse issuer_id "$B" "manifest.txt:2: issuer: "
B=$(fresh issuer_id_spaced)
sh scripts/make-bundle.sh --issuer "测试县办 511722 19750101 7898" --created 2026-11-20T10:00:00+08:00 "$B" "$T/office.key" 2 >/dev/null
refuse issuer_id_spaced "$B" "manifest.txt:2: issuer: "
B=$(fresh date_cell_id); sed -i "2s/,2024-06-18,/,$ID,/" "$B/subsidies.csv"; sign "$B"
refuse date_cell_id_masked "$B" "subsidies.csv:2: 发放日期: 日期\"511722********7898\""
B=$(fresh amount_cell_id); sed -i "2s/,337.60,/,$ID,/" "$B/subsidies.csv"; sign "$B"
refuse amount_cell_id_masked "$B" "subsidies.csv:2: 发放金额: 金额\"511722********7898\""
B=$(fresh year_cell_id); sed -i "2s/,2024,第一批,/,$ID,第一批,/" "$B/subsidies.csv"; sign "$B"
refuse year_cell_id_masked "$B" "subsidies.csv:2: 年度: \"511722********7898\""
B=$(fresh calendar_cell_id); sed -i "2s/^2026-10-01,/$ID,/" "$B/calendar.csv"; sign "$B"
refuse calendar_cell_id_masked "$B" "calendar.csv:2: 日期"

# --- 5. control characters ---------------------------------------------------------
B=$(fresh title_esc); sed -i "2s/,关于进一步/,$(printf '\033')[2J关于进一步/" "$B/bulletins.csv"; sign "$B"
refuse title_esc "$B" "bulletins.csv:2: 标题: 含有不可见的控制字符"
B=$(fresh title_c1); sed -i "2s/,关于进一步/,$(printf '\302\233')关于进一步/" "$B/bulletins.csv"; sign "$B"
refuse title_c1 "$B" "bulletins.csv:2: 标题: 含有不可见的控制字符"
B=$(fresh title_del); sed -i "2s/,关于进一步/,$(printf '\177')关于进一步/" "$B/bulletins.csv"; sign "$B"
refuse title_del "$B" "bulletins.csv:2: 标题: 含有不可见的控制字符"
B=$(fresh title_bidi); sed -i "2s/,关于进一步/,$(printf '\342\200\256')关于进一步/" "$B/bulletins.csv"; sign "$B"
refuse title_bidi "$B" "bulletins.csv:2: 标题: 含有改变文字方向的隐藏字符"
B=$(fresh name_zero_width); sed -i "2s/,王芳,/,王$(printf '\342\200\213')芳,/" "$B/subsidies.csv"; sign "$B"
refuse name_zero_width "$B" "subsidies.csv:2: 姓名: 含有看不见的零宽字符"
B=$(fresh qa_bell); sed -i "2s/,一般每年/,一般$(printf '\007')每年/" "$B/qa.csv"; sign "$B"
refuse qa_bell "$B" "qa.csv:2: 答复: 含有不可见的控制字符"
B=$(fresh body_esc); printf '第三行\033]0;x\007。\n' >>"$B/bodies/2024-001003.txt"; sign "$B"
refuse body_esc "$B" "bodies/2024-001003.txt:3: 含有不可见的控制字符"
B=$(fresh body_bidi); printf '第三行\342\200\256反向。\n' >>"$B/bodies/2024-001003.txt"; sign "$B"
refuse body_bidi "$B" "bodies/2024-001003.txt:3: 含有改变文字方向的隐藏字符"

# A title broken by Alt+Enter is stored on one line; a body keeps tabs and lines.
B=$(fresh folded)
sed -i '2s/,关于进一步做好耕地地力保护补贴发放工作的通知,/,"关于进一步做好\r\n耕地地力保护补贴发放工作的通知",/' "$B/bulletins.csv"
printf '表格\t第二列\r\n下一行\n' >>"$B/bodies/2024-001003.txt"
sign "$B" 2
reset
if ctl import "$B" >"$T/out" 2>"$T/err"; then ok import_folded_title; else bad import_folded_title "$(head -c 600 "$T/err")"; fi
t=$(sqlite3 "$DB" "select title from bulletins where index_no='6107280000/2024-001001'")
[ "$t" = "关于进一步做好 耕地地力保护补贴发放工作的通知" ] && ok title_line_break_folded || bad title_line_break_folded "[$t]"
[ "$(sqlite3 "$DB" "select instr(body, char(9)) > 0 from bulletins where body_path='bodies/2024-001003.txt'")" = 1 ] &&
	ok body_keeps_tab || bad body_keeps_tab "no tab in the stored body"

# Every problem of a bundle at once, of every kind: a bad date, a body
# missing, an id in a body, a file changed after signing, a bad amount.
# Both verify and import name all five, and nothing is written.
B=$(fresh many)
sed -i '2s#2024/3/5#2024-13-45#' "$B/bulletins.csv"
sed -i '3s#527.50#52x.50#' "$B/subsidies.csv"
rm "$B/bodies/2024-001002.txt"
printf '联系人：%s。\n' "$ID" >>"$B/bodies/2024-001003.txt"
sign "$B" 2
echo "改动" >>"$B/guides.csv"
for cmd in verify import; do
	reset
	ctl "$cmd" "$B" >"$T/out" 2>"$T/err"
	rc=$?
	db_dump "$DB" >"$T/dump.after"
	missing=""
	for want in "bulletins.csv:2: 发布日期: 日期\"2024-13-45\"无法识别" \
		"bulletins.csv:3: 正文: 文件 bodies/2024-001002.txt" \
		"bodies/2024-001003.txt:3: 公开内容中含有身份证号 (511722********7898)" \
		"guides.csv: 内容与 manifest.txt 第" "请向县政府办公室重新索取数据包" \
		"subsidies.csv:3: 发放金额: 金额\"52x.50\"无法识别" "发现 5 处问题"; do
		grep -qF -- "$want" "$T/err" || missing="$missing [$want]"
	done
	if [ $rc -eq 1 ] && [ -z "$missing" ] && cmp -s "$T/dump.before" "$T/dump.after"; then
		ok "every_problem_at_once_$cmd"
	else
		bad "every_problem_at_once_$cmd" "exit $rc, missing:$missing: $(head -c 800 "$T/err")"
	fi
done
