#!/bin/sh
# tui_list.sh - the category lists at 80x24 and 200x60: newest first with
# date, 文号 and validity in words, columns that line up, paging, the search
# field (two Hanzi, Ext-A, pinyin initials, narrowing as the user types,
# Enter keeps, Esc cancels), topic and year filters, and resizing mid-list.
. tests/lib/common.sh
. tests/lib/tui.sh

tui_setup || { bad setup "seed_db failed"; exit 1; }

# same_column NAME PATTERN: every screen line with PATTERN has it at one column.
same_column() {
	cols=$(tui_screen | "$CHECK" col "$2" | sort -u)
	n=$(echo "$cols" | grep -c .)
	if [ "$n" = 1 ]; then ok "$1"; else bad "$1" "\"$2\" at columns: $(echo $cols)"; tui_screen | sed 's/^/    | /'; fi
}

for size in "80 24" "200 60"; do
	set -- $size
	tag="$1x$2"
	tui_start "$1" "$2" || { bad "start_$tag" "no home screen"; continue; }
	tui_keys 1
	tui_check "notices_open_$tag" "关于做好2026年度耕地地力保护补贴发放工作的通知"
	# Newest first: the 2026-11-20 notice is above the 2026-10-08 one.
	first=$(tui_screen | grep -n "2026-11-20" | head -1 | cut -d: -f1)
	second=$(tui_screen | grep -n "2026-10-08" | head -1 | cut -d: -f1)
	[ -n "$first" ] && [ -n "$second" ] && [ "$first" -lt "$second" ] &&
		ok "newest_first_$tag" || bad "newest_first_$tag" "rows $first / $second"
	tui_check "docno_shown_$tag" "东乡府发〔2026〕12号"
	tui_check "ext_a_title_$tag" "关于王䶮同志任职的通知"
	tui_check "latin_title_$tag" "关于开展Wi-Fi进村入户服务的公告"
	same_column "dates_line_up_$tag" "  20"
	same_column "docno_column_$tag" "东乡府"
	tui_frame_ok "list_frame_$tag"
	case "$(tui_keyline)" in
	*"↑↓ 选择"*"回车 打开"*"/ 搜索"*"p 打印"*"Esc 返回"*"Home 首页"*) ok "list_keyline_$tag" ;;
	*) bad "list_keyline_$tag" "$(tui_keyline)" ;;
	esac

	# Paging (80x24 shows 10 of 38 notices; 200x60 shows 28).
	tui_check "page_1_$tag" "第 1/"
	tui_keys PgDn
	tui_check "page_2_$tag" "第 2/"
	tui_frame_ok "page_2_frame_$tag"
	tui_keys PgUp
	tui_check "page_back_$tag" "第 1/"
	tui_check "page_back_rows_$tag" "关于做好2026年度耕地地力保护补贴发放工作的通知"

	# Search narrows with each keystroke.
	tui_keys /
	tui_check "search_opens_$tag" "搜索："
	case "$(tui_keyline)" in *"确定"*"取消"*) ok "search_keyline_$tag" ;; *) bad "search_keyline_$tag" "$(tui_keyline)" ;; esac
	tui_type "补"
	tui_check "one_char_hint_$tag" "再输入一个字"
	tui_type "贴"
	if tui_gone "关于王䶮同志任职的通知"; then ok "search_narrows_$tag"; else bad "search_narrows_$tag" "not narrowed"; fi
	tui_check "search_finds_$tag" "关于做好2026年度耕地地力保护【补贴】发放工作的通知"
	tui_keys Escape
	tui_check "esc_cancels_$tag" "关于王䶮同志任职的通知"
	tui_keys /
	tui_type "王䶮"
	tui_keys Enter
	tui_check "enter_keeps_$tag" "搜索“王䶮”的结果"
	if tui_gone "Wi-Fi"; then ok "ext_a_search_$tag"; else bad "ext_a_search_$tag" "Wi-Fi row still shown"; fi
	tui_check "ext_a_found_$tag" "关于【王䶮】同志任职的通知"
	tui_keys Escape
	tui_check "esc_clears_$tag" "按 / 键搜索"
	tui_keys /
	tui_type "lxy"
	tui_check "pinyin_initials_$tag" "李秀英同志先进事迹通报"
	if tui_gone "Wi-Fi"; then ok "pinyin_narrows_$tag"; else bad "pinyin_narrows_$tag" "not narrowed"; fi
	tui_keys Escape
	tui_keys /
	tui_type "府发〔2026〕12"
	tui_check "docno_search_$tag" "东乡府发〔2026〕12号"
	tui_keys Enter Enter
	tui_check "open_result_$tag" "索引号："
	tui_keys Escape Escape

	# Filters: year 2024 keeps only 2024 rows.
	tui_wait "按 / 键搜索"
	tui_keys '*'
	tui_check "filter_opens_$tag" "年份：2024年"
	y=$(tui_screen | grep -n "年份：2024年" | head -1 | cut -d: -f1)
	x=$(tui_screen | grep "年份：2024年" | head -1 | "$CHECK" col "年份")
	tui_click "$x" $((y - 1))
	tui_check "year_filtered_$tag" "年份：2024年"
	if tui_screen | sed -n '3,$p' | grep -E '^ +20[0-9][0-9]-' | grep -vq ' 2024-'; then
		bad "only_2024_$tag" "other years shown"; tui_screen | sed 's/^/    | /'
	else
		ok "only_2024_$tag"
	fi
	tui_keys '*'
	tui_wait "主题：社会救助"
	y=$(tui_screen | grep -n "主题：社会救助" | head -1 | cut -d: -f1)
	tui_click 4 $((y - 1))
	tui_check "topic_filtered_$tag" "主题：社会救助  年份：2024年"
	tui_keys '*'
	tui_wait "不筛选"
	tui_keys Enter
	tui_check "filter_cleared_$tag" "主题：全部  年份：全部"

	# Resizing in the middle of the list keeps it and its key line.
	tui_keys PgDn
	tmux_ resize-window -x 100 -y 30
	TUI_W=100 TUI_H=30
	tui_wait "Home 首页"
	tui_frame_ok "resize_keeps_keyline_$tag"
	tmux_ resize-window -x 80 -y 24
	TUI_W=80 TUI_H=24
	tui_wait "Home 首页"
	tui_frame_ok "resize_back_$tag"
	tui_keys Home
	tui_check "home_after_resize_$tag" "星期二"

	# Validity in words in the normative documents list.
	tui_keys 3
	tui_check "validity_current_$tag" "现行有效"
	tui_check "validity_lapsed_$tag" "【失效】东乡街道临时救助实施细则"
	tui_check "validity_repealed_$tag" "【废止】关于印发东乡街道农村宅基地管理暂行办法的通知"
	tui_stop
done
