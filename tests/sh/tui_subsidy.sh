#!/bin/sh
# tui_subsidy.sh - 补贴公示 on the demo bundle, at 80x24 and 200x60: the
# menus down to a village's list, whose sums (batch, township, village)
# match subsidies.csv as computed here from the GB18030 file; amounts
# right-aligned; every year kept; paging a whole township's list; the
# list's own search; and "find my line" from the first screen by full
# name, two characters, a compound surname, an Ext-A character, pinyin
# initials with heteronym surnames (ddf/sdf 单德发, cgf 曾国藩) and name +
# id tail, each person with every program and year, grouped, with totals;
# a search from deeper down stays within its batch.
. tests/lib/common.sh
. tests/lib/tui.sh
. tests/lib/subsidy.sh

subsidy_setup || { bad import "demo bundle refused"; exit 1; }

PROG=耕地地力保护补贴
BATCH_SUM=$(sums "$PROG" 2025 - "" "" "" "")
TOWN_SUM=$(sums "$PROG" 2025 - 黄金镇 "" "" "")
VILL_SUM=$(sums "$PROG" 2025 - 黄金镇 天池村 "" "")
WANG_SUM=$(sums "" "" - "" "" 王芳 1245)

for size in "80 24" "200 60"; do
	set -- $size
	tag="$1x$2"
	tui_start "$1" "$2" || { bad "start_$tag" "no home screen"; continue; }
	tui_keys 6
	tui_check "programs_$tag" "$PROG"
	tui_check "programs_all_$tag" "实际种粮农民一次性补贴"
	case "$(tui_keyline)" in
	*"/ 搜索"*"Esc 返回"*"Home 首页"*) ok "programs_keyline_$tag" ;;
	*) bad "programs_keyline_$tag" "$(tui_keyline)" ;;
	esac
	tui_frame_ok "programs_frame_$tag"

	# Down to a village, every year kept on the way.
	open_entry "open_program_$tag" "$PROG" "各年度、批次累计"
	tui_check "year_2023_kept_$tag" "2023年"
	tui_check "year_2024_kept_$tag" "2024年"
	open_entry "open_batch_$tag" "2025年" "本批合计"
	tui_check "batch_sum_$tag" "本批合计 $BATCH_SUM"
	open_entry "open_township_$tag" "黄金镇" "黄金镇合计"
	tui_check "township_sum_menu_$tag" "黄金镇合计 $TOWN_SUM"
	open_entry "open_village_$tag" "天池村" "姓名"
	tui_check "village_sum_$tag" "天池村合计 $VILL_SUM"
	tui_check "village_township_sum_$tag" "黄金镇合计 $TOWN_SUM"
	tui_check "village_batch_sum_$tag" "本批合计 $BATCH_SUM"
	tui_check "village_row_$tag" "511722********3313"
	tui_check "village_columns_$tag" "发放金额(元)"
	tui_frame_ok "village_frame_$tag"

	# Amounts end in one column, whatever their length.
	ends=$(amounts "$PROG" 2025 黄金镇 天池村 | sed 's/^\([0-9]\)\([0-9][0-9][0-9]\)\./\1,\2./' | while read -r a; do
		c=$(tui_screen | "$CHECK" col " $a " | head -1)
		[ -n "$c" ] && echo $((c + 1 + ${#a}))
	done | sort -u)
	if [ -n "$ends" ] && [ "$(echo "$ends" | wc -l)" -eq 1 ]; then
		ok "amounts_right_aligned_$tag"
	else
		bad "amounts_right_aligned_$tag" "amounts end at columns: $(echo $ends)"
		tui_screen | sed 's/^/    | /'
	fi

	# The list's own search narrows it.
	tui_keys /
	tui_type "欧阳"
	tui_check "list_search_$tag" "找到 1 人"
	tui_keys Escape
	tui_check "list_search_cancel_$tag" "按 / 键搜索本名单"

	# A whole township's list pages by village.
	tui_keys Escape
	tui_wait "全部名单"
	open_entry "open_township_list_$tag" "黄金镇全部名单" "姓名"
	tui_check "township_list_$tag" "黄金镇合计 $TOWN_SUM"
	if [ "$tag" = 80x24 ]; then
		tui_check "township_page_1_$tag" "第 1/4 页"
		tui_keys PgDn
		tui_check "township_page_2_$tag" "第 2/4 页"
		tui_keys PgDn PgDn
		tui_check "township_page_4_$tag" "第 4/4 页"
		absent "township_last_page_$tag" "下面还有"
		tui_keys PgUp
		tui_check "township_page_back_$tag" "第 3/4 页"
	else
		tui_check "township_page_1_$tag" "第 1/2 页"
		tui_keys PgDn
		tui_check "township_page_2_$tag" "第 2/2 页"
	fi
	tui_frame_ok "township_frame_$tag"

	# Find my line, from the first screen: every program and year at once.
	search "王芳 1245"
	tui_check "name_tail_found_$tag" "511722********1245"
	tui_check "name_tail_total_$tag" "3项12笔"
	tui_check "name_tail_sum_$tag" "$(echo "$WANG_SUM" | sed 's/.*，\(.*\) 元/\1元/')"
	tui_check "name_tail_pension_$tag" "城乡居民基本养老保险"
	tui_check "name_tail_grain_$tag" "实际种粮农民一次性补贴"
	tui_check "name_tail_farm_$tag" "$PROG"
	absent "name_tail_only_$tag" "511722********0861"
	tui_frame_ok "name_tail_frame_$tag"
	tui_keys Enter
	case "$(tui_keyline)" in
	*"PgDn 下页"*"/ 搜索"*"Esc 返回"*) ok "results_keyline_$tag" ;;
	*) bad "results_keyline_$tag" "$(tui_keyline)" ;;
	esac

	search "王芳"
	tui_check "full_name_$tag" "“王芳”：1 个姓名"
	tui_check "full_name_people_$tag" "王芳"
	tui_keys Enter
	found=0
	for id in 511722********1245 511722********0861 513022********1401 511722********2283; do
		i=0
		while [ $i -lt 8 ] && ! tui_screen | grep -qF "$id"; do
			tui_keys PgDn
			sleep 0.1
			i=$((i + 1))
		done
		tui_screen | grep -qF "$id" && found=$((found + 1))
	done
	[ $found -eq 4 ] && ok "full_name_namesakes_$tag" || bad "full_name_namesakes_$tag" "$found of 4 namesakes"

	search "欧阳"
	tui_check "compound_surname_$tag" "欧阳明"
	tui_check "compound_surname_machine_$tag" "农机购置补贴"
	search "秀英"
	tui_check "two_chars_$tag" "李秀英"
	search "刘䶮"
	tui_check "ext_a_$tag" "511722********0176"
	search "lxy"
	tui_check "pinyin_lxy_$tag" "李秀英"
	search "ddf"
	tui_check "pinyin_ddf_$tag" "513021********2152"
	search "sdf"
	tui_check "pinyin_sdf_$tag" "513021********2152"
	search "cgf"
	tui_check "pinyin_cgf_$tag" "511722********1935"
	search "zgf"
	tui_check "pinyin_zgf_$tag" "曾国藩"
	search "王五六"
	tui_check "not_found_$tag" "没有找到“王五六”"
	tui_keys BSpace BSpace BSpace
	tui_check "too_short_$tag" "两个字就能找到"
	tui_keys Escape
	tui_check "esc_back_to_menu_$tag" "找自己的名字"

	# From a batch's menu the search stays within that batch.
	tui_keys Home
	tui_keys 6
	tui_wait "找自己的名字"
	open_entry "scoped_program_$tag" "$PROG" "各年度、批次累计"
	open_entry "scoped_batch_$tag" "2025年" "本批合计"
	tui_type "王芳 1245"
	tui_check "scoped_search_$tag" "511722********1245"
	tui_check "scoped_title_$tag" "$PROG 2025年"
	tui_check "scoped_one_line_$tag" "1项1笔"
	absent "scoped_no_pension_$tag" "城乡居民基本养老保险"
	tui_stop
done
