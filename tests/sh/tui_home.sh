#!/bin/sh
# tui_home.sh - the home screen at 80x24 and 200x60: name, date, the eight
# numbered entries, digits, arrows, clicks on entries and on the key line,
# the polite screens of entries still being built, help.
. tests/lib/common.sh
. tests/lib/tui.sh

tui_setup || { bad setup "seed_db failed"; exit 1; }

for size in "80 24" "200 60"; do
	set -- $size
	tag="$1x$2"
	if ! tui_start "$1" "$2"; then
		bad "home_starts_$tag" "no home screen"
		tui_screen | sed 's/^/    | /'
		continue
	fi
	ok "home_starts_$tag"
	tui_check "home_name_$tag" "东乡街道便民服务中心"
	tui_check "home_date_$tag" "2026年11月24日 星期二"
	missing=""
	for w in 1 通知公告 政府公报 规范性文件 政策解读 办事指南 补贴 申请 问答 帮助; do
		tui_screen | grep -qF "$w" || missing="$missing $w"
	done
	[ -z "$missing" ] && ok "home_labels_$tag" || bad "home_labels_$tag" "missing:$missing"
	tui_frame_ok "home_frame_$tag"
	case "$(tui_keyline)" in
	*"↑↓ 选择"*"回车 打开"*"/ 搜索"*) ok "home_keyline_$tag" ;;
	*) bad "home_keyline_$tag" "$(tui_keyline)" ;;
	esac

	# Arrows and Enter (a fresh screen selects 1): down four times is 办事指南.
	tui_keys Down Down Down Down Enter
	tui_check "arrows_enter_$tag" "最低生活保障申请"
	tui_keys Home
	tui_wait "星期二"

	# Digits open their entry at once; Esc comes back.
	tui_keys 2
	tui_check "digit_opens_gazette_$tag" "东乡街道政府公报2026年第3期"
	tui_keys Escape
	tui_check "esc_back_home_$tag" "星期二"
	tui_keys 7
	tui_check "apply_menu_says_no_key_$tag" "这台机器现在还不能受理"
	tui_keys BSpace
	tui_wait "星期二"
	tui_keys 6
	tui_check "subsidy_opens_$tag" "惠民惠农补贴“一卡通”发放名单"
	tui_keys Home
	tui_wait "星期二"
	tui_keys 9
	tui_check "more_from_9_$tag" "政府信息公开工作年度报告"
	tui_frame_ok "more_frame_$tag"
	tui_keys F1
	tui_wait "星期二"
	tui_keys 0
	tui_check "help_from_0_$tag" "【按键】"
	tui_keys Escape
	tui_wait "星期二"

	# A tap on an entry opens it; a tap on the key line is that key.
	y=$(tui_screen | grep -n "通知公告" | head -1 | cut -d: -f1)
	x=$(tui_screen | grep "通知公告" | head -1 | "$CHECK" col "通知公告")
	tui_click "$x" $((y - 1))
	tui_check "click_entry_$tag" "按 / 键搜索"
	x=$(tui_keyline | "$CHECK" col "首页")
	tui_click "$x" $(($2 - 1))
	tui_check "click_keyline_home_$tag" "星期二"
	x=$(tui_keyline | "$CHECK" col "帮助")
	tui_click "$x" $(($2 - 1))
	tui_check "click_keyline_help_$tag" "【按键】"
	tui_keys Home
	tui_stop
done
