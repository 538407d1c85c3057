#!/bin/sh
# tui_find.sh - search that ranks, on the demo bundle at 100x30: the
# document a person means comes first (养老 on the home screen → the 养老保险
# 实施办法, not the newest notice that mentions it), the question about the
# word first in 问答 (自助 → the 自助机 question), a whole name before names
# holding its initials in 补贴公示 (wf → 王芳 before 余文发), the searched
# words marked 【】 in the rows (not by colour alone), and a name typed on
# the home screen answered by one line counting the subsidy entries with
# that name (no person listed there), which opens 补贴公示's search on it.
# Then a second bundle of the office with the optional columns 施行日期 and
# 有效期至, a 废止 document naming the document that replaced it, and a
# synonyms.csv: the reader shows the dates and links both ways, and the
# office's synonym widens a search; 更多公开信息 leads to the 公开指南, the
# 年度报告, 财政预决算 and every topic.
. tests/lib/common.sh
. tests/lib/tui.sh
. tests/lib/subsidy.sh

subsidy_setup || { bad import "demo bundle refused"; exit 1; }

# line_of TEXT: the first screen row holding TEXT (empty when none).
line_of() { tui_screen | grep -nF -- "$1" | head -1 | cut -d: -f1; }

# before NAME A B: PASS when A shows on a row above B (or B is not shown).
before() {
	a=$(line_of "$2")
	b=$(line_of "$3")
	if [ -n "$a" ] && { [ -z "$b" ] || [ "$a" -lt "$b" ]; }; then
		ok "$1"
	else
		bad "$1" "\"$2\" on row ${a:-none}, \"$3\" on row ${b:-none}"
		tui_screen | sed 's/^/    | /'
	fi
}

# first_result NAME GROUP TEXT: the first row under the heading GROUP holds TEXT.
first_result() {
	row=$(tui_screen | awk -v g="■ $2" 'index($0, g) { getline; print; exit }')
	case "$row" in
	*"$3"*) ok "$1" ;;
	*) bad "$1" "first row under $2: $row"; tui_screen | sed 's/^/    | /' ;;
	esac
}

tui_start 100 30 || { bad start "no home screen"; exit 1; }

# 养老 on the home screen: the 实施办法 first among the documents.
tui_keys /
tui_wait "搜索："
tui_type "养老"
tui_check home_search_yanglao "基本【养老】保险实施办法"
first_result yanglao_law_first 政策文件 "【养老】保险实施办法"
before yanglao_before_open_day "基本【养老】保险实施办法" "政府开放日"
tui_keys Escape
tui_wait "星期"

# 自助 in 问答: the question about the 自助机 is the first row.
tui_keys 8
tui_wait "政策问答"
tui_keys /
tui_type "自助"
tui_check qa_search_zizhu "专区的【自助】机不会用怎么办"
before qa_zizhu_first "【自助】机不会用怎么办" "养老金每月什么时候发"
list_first=$(tui_screen | grep -m1 "▶")
case "$list_first" in
*"自助】机"*) ok qa_zizhu_selected_first ;;
*) bad qa_zizhu_selected_first "$list_first" ;;
esac
tui_keys F1
tui_wait "星期"

# wf in 补贴公示: 王芳 (every initial of the name) before 余文发 and 杨文发.
search "wf"
tui_check subsidy_wf_wangfang "王芳"
before subsidy_wf_wang_before_yu "王芳" "余文发"
before subsidy_wf_wang_before_yang "王芳" "杨文发"
tui_keys F1
tui_wait "星期"

# 王芳 on the home screen: one line with the count, no person listed.
N=$(grep -c ',王芳,' "$T/subsidies.csv")
tui_keys /
tui_wait "搜索："
tui_type "王芳"
tui_check home_wangfang_count "补贴公示里有 $N 条“王芳”的记录"
if tui_screen | grep -q "510722\|\*\*\*\*"; then
	bad home_wangfang_no_person "an id is on the search screen"
else
	ok home_wangfang_no_person
fi
tui_keys Enter # keeps the text; the count line is selected
tui_gone "拼音  键盘"
tui_keys Enter
tui_check home_wangfang_opens_subsidy "全部补贴项目和年度"
tui_check home_wangfang_people "王芳"
tui_keys Escape # closes the field
tui_wait "Esc 清除"
tui_keys Escape
tui_check home_wangfang_back_to_subsidy "找自己的名字"

# Searches that found nothing are counted; only safe words are kept.
tui_keys F1
tui_wait "星期"
for q in 火星基地 王小明 13912345678; do
	tui_keys /
	tui_wait "搜索："
	tui_type "$q"
	tui_wait "没有找到"
	tui_keys Enter
	tui_gone "拼音  键盘"
	tui_keys F1
	tui_wait "星期"
done
tui_stop
sleep 1 # the kiosk ends with the tmux server
kept=$(sqlite3 -cmd ".timeout 5000" "$T/kiosk.db" "SELECT what || '=' || count FROM usage_log WHERE what LIKE '搜索无结果%' ORDER BY what")
case "$kept" in
*"搜索无结果=3"*) ok nothing_found_counted ;;
*) bad nothing_found_counted "$kept" ;;
esac
case "$kept" in
*"搜索无结果：火星基地=1"*) ok nothing_found_words_kept ;;
*) bad nothing_found_words_kept "$kept" ;;
esac
if sqlite3 -cmd ".timeout 5000" "$T/kiosk.db" "SELECT * FROM usage_log; SELECT * FROM print_log" |
	grep -q "王小明\|13912345678\|王芳"; then
	bad nothing_found_no_names "a name or phone in the database"
else
	ok nothing_found_no_names
fi
if "$CTL" --config assets/demo.conf --db "$T/kiosk.db" stats | grep -q "搜索无结果：火星基地"; then
	ok stats_shows_nothing_found
else
	bad stats_shows_nothing_found "$("$CTL" --config assets/demo.conf --db "$T/kiosk.db" stats 2>&1 | tail -5)"
fi

# The office's second bundle: dates, the replacement, a synonym.
B2="$T/b2/gongkai-bundle"
mkdir -p "$T/b2"
cp -r assets/demo-bundle/gongkai-bundle "$B2"
rm -f "$B2/manifest.txt" "$B2/manifest.txt.minisig"
awk -F, -v OFS=, '
	{ sub(/\r$/, "") }
	NR == 1 { print $0 ",施行日期,有效期至"; next }
	$1 == "5117220000/2019-000052" { $11 = "5117220000/2024-000033"; print $0 ",2019-09-01,"; next }
	$1 == "5117220000/2024-000033" { print $0 ",2024-07-01,2029-06-30"; next }
	{ print $0 ",," }' assets/demo-bundle/gongkai-bundle/bulletins.csv >"$B2/bulletins.csv"
printf '词,同义词\r\n开放日,群众开放\r\n' >"$B2/synonyms.csv"
sign_bundle "$B2" assets/demo-keys/office.key 2
if "$CTL" --config assets/demo.conf --db "$T/kiosk.db" import "$B2" >"$T/import2.out" 2>&1; then
	ok second_bundle_imports
else
	bad second_bundle_imports "$(cat "$T/import2.out")"
fi
tui_start 100 30 || { bad start2 "no home screen"; exit 1; }

# The repealed 2019 办法 links to the 2024 revision that replaced it.
tui_keys 3
tui_wait "规范性文件"
tui_keys /
tui_type "临时救助"
tui_wait "【临时救助】实施办法》的通知"
tui_keys Enter
tui_gone "拼音  键盘"
old_row=$(tui_screen | grep -n "【废止】" | head -1 | cut -d: -f1)
[ -n "$old_row" ] && ok repealed_listed || bad repealed_listed "no 【废止】 row"
i=0
while [ $i -lt 10 ] && ! tui_screen | grep "▶" | grep -q "废止"; do
	tui_keys Down
	sleep 0.1
	i=$((i + 1))
done
tui_keys Enter
tui_check repealed_opens "宣府规〔2019〕4号"
tui_check replaced_by_link "替代文件"
tui_check replaced_by_title "临时救助实施办法（2024年修订）"
tui_check repealed_effective "施行日期"
tui_keys Escape
tui_wait "规范性文件"

# The 2024 revision shows its dates and the document it replaced.
tui_keys F1
tui_wait "星期"
tui_keys 3
tui_wait "规范性文件"
tui_keys /
tui_type "2024年修订"
tui_wait "修订"
tui_keys Enter
tui_gone "拼音  键盘"
tui_keys Enter
tui_check revision_effective "2024-07-01"
tui_check revision_valid_until "有效期至"
tui_check revision_until_date "2029-06-30"
tui_check revision_old_link "旧版文件"
tui_keys F1
tui_wait "星期"

# The office's synonym: 群众开放 finds the 政府开放日 notice.
tui_keys /
tui_type "群众开放"
tui_check synonym_from_bundle "政府开放日"
tui_keys F1
tui_wait "星期"

# 更多公开信息 (9): the 公共服务名录 first (tui_directory.sh), then the
# 公开指南, the 年度报告, 财政预决算 and the topics.
tui_keys 9
tui_check more_opens "更多公开信息"
tui_check more_topics "按主题查看"
tui_keys 2
tui_check more_guide "政府信息公开指南（2026年修订）"
tui_keys Escape
tui_wait "按主题查看"
tui_keys 3
tui_check more_annual_report "2025年政府信息公开工作【年度报告】"
tui_keys F1
tui_wait "星期"
tui_keys 9
tui_wait "按主题查看"
tui_keys 4
tui_check more_budget "县级一般公共预算收支情况说明"
if tui_screen | grep -q "政府开放日"; then
	bad more_budget_only "a notice of another topic is listed"
else
	ok more_budget_only
fi
tui_stop
