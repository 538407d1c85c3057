#!/bin/sh
# tui_typing.sh - typing at the kiosk with its own Chinese input, as a
# villager would: a list searched by pinyin with a numbered candidate taken
# by its digit (and initials still searched while composing, Esc dropping a
# composition first); a name found in 补贴公示 by strokes (笔画 mode, Space,
# Left/Right + Enter, paging with =/-); rare names end to end (𠮷 U+20BB7
# typed by strokes, 阿依古丽·买买提 pasted as UTF-8, ten-character names
# uncut at 100 columns); the on-screen keyboard used by touch alone; and
# Backspace, Home and F1 inside a field. 80x24 and 200x60 where the layout
# moves (the candidate bar, the keyboard); the idle countdown is
# tests/sh/tui_idle.sh's.
. tests/lib/common.sh
. tests/lib/tui.sh
. tests/lib/subsidy.sh

# The demo bundle (subsidy lists), the test notices and the rare names.
subsidy_setup || { bad import "demo bundle refused"; exit 1; }
"$SEED" "$T/kiosk.db" --demo --corpus "$CORPUS" --rare-names || { bad setup "seed_db failed"; exit 1; }

NOTICE=关于做好2026年度耕地地力保护补贴发放工作的通知
WIFI=关于开展Wi-Fi进村入户服务的公告
LXY=李秀英同志先进事迹通报

# show: the screen, indented, after a FAIL line.
show() { tui_screen | sed 's/^/    | /'; }

# row_has NAME PATTERN TEXT: PASS when the line holding PATTERN also holds
# TEXT (polled: the screen may still be drawing).
row_has() {
	i=0
	while [ $i -lt 60 ]; do
		tui_screen | grep -F -- "$2" | grep -qF -- "$3" && { ok "$1"; return; }
		sleep 0.05
		i=$((i + 1))
	done
	bad "$1" "no line with \"$2\" holds \"$3\""
	show
}

# gone NAME TEXT: PASS when TEXT leaves the screen.
gone() {
	if tui_gone "$2" 3; then ok "$1"; else bad "$1" "\"$2\" still shown"; show; fi
}

# at TEXT: prints "X Y", the column and row where TEXT first shows.
at() {
	l=$(tui_screen | grep -nF -- "$1" | head -1)
	[ -n "$l" ] || return 1
	printf '%s %s\n' "$(printf '%s\n' "${l#*:}" | "$CHECK" col "$1" | head -1)" $((${l%%:*} - 1))
}

# tap TEXT [DX]: clicks DX columns into the first TEXT on screen.
tap() {
	p=$(at "$1") || { echo "tap: \"$1\" not on screen" >&2; return 1; }
	set -- $p "${2:-0}"
	tui_click $(($1 + $3)) "$2"
}

# osk_key LABEL: clicks the on-screen keyboard key labelled LABEL (inside
# the keyboard's frame, where each label stands between blanks).
osk_key() {
	l=$(tui_screen | grep -n '│' | grep -F -- " $1 " | head -1)
	[ -n "$l" ] || { echo "osk_key: no key \"$1\"" >&2; return 1; }
	x=$(printf '%s\n' "${l#*:}" | "$CHECK" col " $1 " | head -1)
	tui_click $((x + 1)) $((${l%%:*} - 1))
}

# strokes DIGITS: the stroke symbols the field shows for DIGITS (1 横 一,
# 2 竖 丨, 3 撇 丿, 4 点 丶, 5 折 乙).
strokes() {
	s=
	rest=$1
	while [ -n "$rest" ]; do
		case "$rest" in
		1*) s="${s}一" ;; 2*) s="${s}丨" ;; 3*) s="${s}丿" ;; 4*) s="${s}丶" ;; 5*) s="${s}乙" ;;
		esac
		rest=${rest#?}
	done
	printf '%s\n' "$s"
}

# cand_index SYMBOLS CHAR: the 0-based place of CHAR among the candidates on
# the bar that starts with the stroke SYMBOLS, or nothing.
cand_index() {
	tui_screen | grep -E "^ +$1  " | head -1 | sed "s/^ *$1 //" | tr -s ' ' '\n' |
		grep -v -e '^$' -e '^◀$' -e '^▶$' | grep -nxF -- "$2" | head -1 | cut -d: -f1 |
		awk '{ print $1 - 1 }'
}

# bar_wait SYMBOLS: waits (up to 3 s) for the candidate bar of the strokes
# SYMBOLS; 1 when it does not come.
bar_wait() {
	i=0
	while [ $i -lt 60 ]; do
		tui_screen | grep -qE "^ +$1  " && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# find_line TEXT: from anywhere (F1: Home would move in a field), opens
# 补贴公示's "find my line" and types TEXT into it.
find_line() {
	tui_keys F1
	tui_wait "星期"
	tui_keys 6
	tui_wait "找自己的名字"
	tui_keys /
	tui_wait "查找本人"
	[ -n "$1" ] && tui_type "$1"
}

# stroke_take NAME CHAR DIGITS HOW: types DIGITS in 笔画 mode, pages with =
# until CHAR is on the bar, moves the highlight onto it with Right (HOW
# "left" goes one too far and comes back with Left) and takes it with Space
# (HOW "space") or Enter. Prints the page it was on.
stroke_take() {
	sym=$(strokes "$3")
	tui_type "$3"
	bar_wait "$sym" || { bad "$1" "no candidates for strokes $3 ($sym)"; show; return 1; }
	page=0
	idx=$(cand_index "$sym" "$2")
	while [ -z "$idx" ] && [ $page -lt 6 ]; do
		tui_keys '='
		page=$((page + 1))
		tui_wait "◀" 2
		sleep 0.1
		idx=$(cand_index "$sym" "$2")
	done
	[ -n "$idx" ] || { bad "$1" "$2 not on the first $((page + 1)) pages of $3"; show; return 1; }
	i=0
	while [ $i -lt "$idx" ]; do tui_keys Right; i=$((i + 1)); done
	case "$4" in
	space) tui_keys Space ;;
	left) tui_keys Right Left Enter ;;
	*) tui_keys Enter ;;
	esac
	echo "# $1: $2 ($3) was candidate $((idx + 1)) on page $((page + 1))"
	ok "$1"
}

# --- pinyin in a list's search, at both sizes -------------------------------
for size in "80 24" "200 60"; do
	set -- $size
	tag="$1x$2"
	tui_start "$1" "$2" || { bad "start_$tag" "no home screen"; continue; }
	tui_keys 1
	tui_check "notices_$tag" "$NOTICE"
	tui_keys /
	row_has "field_starts_pinyin_$tag" "搜索：" "拼音"
	tui_type tongzhi
	tui_check "composing_shown_$tag" "tong zhi"
	tui_check "candidates_numbered_$tag" "1通知"
	tui_check "candidate_two_$tag" "2同志"
	tui_keys 1
	tui_check "digit_takes_candidate_$tag" "搜索：通知"
	gone "candidate_bar_closes_$tag" "1通知"
	tui_check "tongzhi_finds_$tag" "关于做好2026年度耕地地力保护补贴发放工作的【通知】"
	gone "tongzhi_narrows_$tag" "$WIFI"
	gone "tongzhi_narrows_lxy_$tag" "$LXY"
	tui_keys Enter
	tui_check "enter_keeps_$tag" "搜索“通知”的结果"

	# The second candidate is another word and another list.
	tui_keys Escape
	tui_wait "按 / 键搜索"
	tui_keys /
	tui_type tongzhi
	tui_wait "2同志"
	tui_keys 2
	tui_check "digit_two_takes_$tag" "搜索：同志"
	tui_check "tongzhi_2_finds_$tag" "李秀英【同志】先进事迹通报"
	gone "tongzhi_2_narrows_$tag" "$NOTICE"
	tui_keys Escape
	tui_check "esc_restores_list_$tag" "$WIFI"

	# Initials are searched while composing; Enter keeps them.
	tui_keys /
	tui_type lxy
	tui_check "initials_composing_$tag" "l x y"
	tui_check "initials_search_$tag" "$LXY"
	gone "initials_narrow_$tag" "$WIFI"
	tui_keys Enter
	tui_check "initials_enter_keeps_$tag" "搜索“lxy”的结果"
	tui_check "initials_enter_finds_$tag" "$LXY"
	gone "initials_enter_narrow_$tag" "$WIFI"

	# Esc drops the composition first, the field stays; Esc again leaves it.
	tui_keys Escape
	tui_wait "按 / 键搜索"
	tui_keys /
	tui_type wangyan
	tui_check "composing_wangyan_$tag" "wang yan"
	tui_keys Escape
	gone "esc_drops_composition_$tag" "wang yan"
	row_has "esc_keeps_field_$tag" "搜索：" "拼音"
	tui_check "esc_composition_list_back_$tag" "$WIFI"
	tui_keys Escape
	tui_check "second_esc_leaves_field_$tag" "按 / 键搜索"
	tui_frame_ok "pinyin_frame_$tag"
	tui_stop
done

# --- a name by strokes in 补贴公示, 80x24 -------------------------------------
tui_start 80 24 || { bad start_strokes "no home screen"; exit 1; }
tui_keys 6
tui_check "subsidy_menu" "找自己的名字"
# Typing on the first menu opens "find my line"; 王 = 1121, 英 = 12225134.
tui_keys /
tui_check "find_opens" "查找本人"
row_has "find_field_pinyin" "搜索：" "拼音"
tui_keys Tab
row_has "tab_to_strokes" "搜索：" "笔画"
tui_type 1121
tui_check "strokes_shown" "搜索：一一丨一"
if bar_wait 一一丨一; then ok "strokes_candidates"; else bad "strokes_candidates" "no bar"; show; fi
tui_check "strokes_candidate_wang" "一一丨一  王"
tui_keys Space
tui_check "space_takes_wang" "搜索：王"
row_has "still_strokes" "搜索：" "笔画"
stroke_take "right_enter_takes_ying" 英 12225 enter
tui_check "strokes_name_typed" "搜索：王英"
tui_check "strokes_name_found" "▶ 王英"
tui_check "strokes_name_lines" "511722********280X"
tui_check "strokes_name_program" "实际种粮农民一次性补贴"
# Left comes back: 王芳 with 芳 taken by Right, Right, Left, Enter.
tui_keys BSpace
tui_check "backspace_erases_char" "搜索：王 "
stroke_take "left_enter_takes_fang" 芳 1224153 left
tui_check "left_name_typed" "搜索：王芳"
tui_check "left_name_found" "“王芳”：1 个姓名"
tui_frame_ok "strokes_frame"

# --- rare names ------------------------------------------------------------
# 𠮷 (U+20BB7, hshszh = 121251) by strokes, paging there and back first.
find_line ""
row_has "rare_field_pinyin_again" "搜索：" "拼音"
tui_keys Tab
row_has "rare_strokes_mode" "搜索：" "笔画"
tui_type 121251
if bar_wait 一丨一丨乙一; then ok "rare_strokes_bar"; else bad "rare_strokes_bar" "no bar"; show; fi
tui_keys '='
tui_check "rare_page_next" "◀"
tui_keys -
gone "rare_page_back" "◀"
tui_keys Escape
gone "esc_drops_strokes" "搜索：一丨一丨乙一"
row_has "esc_strokes_field_stays" "搜索：" "笔画"
stroke_take "ext_b_by_strokes" 𠮷 121251 space
tui_check "ext_b_in_field" "搜索：𠮷"
stroke_take "xiu_by_strokes" 秀 3123453 space
tui_check "ext_b_name_typed" "搜索：𠮷秀"
tui_check "ext_b_name_found" "▶ 𠮷秀英"
tui_check "ext_b_name_line" "511722********2021"
tui_check "ext_b_name_program" "高龄津贴"
tui_frame_ok "ext_b_frame"

# 阿依古丽·买买提 arrives as UTF-8 (an input method of the system, or a
# paste): in 拼音 mode Chinese characters are text, only Latin letters compose.
find_line ""
row_has "pasted_mode_pinyin" "搜索：" "拼音"
tui_type "阿依古丽·买买提"
tui_check "dot_name_typed" "搜索：阿依古丽·买买提"
tui_check "dot_name_line" "653101********0428"
tui_check "dot_name_program" "高龄津贴"
tui_type " 0428"
tui_check "dot_name_and_tail" "653101********0428"
tui_frame_ok "dot_name_frame"
tui_stop

# At 100 columns a name of up to ten characters is never cut on a result
# line: 阿依古丽·买买提 (8), 阿卜杜热合曼·吐尔逊 (10) and 阿依努尔阿不都热合曼
# (10, all wide: 20 columns).
tui_start 100 30 || { bad start_100 "no home screen"; exit 1; }
for name in 阿依古丽·买买提 阿卜杜热合曼·吐尔逊 阿依努尔阿不都热合曼; do
	find_line "$name"
	tui_wait "653101" 3
	row_has "uncut_100_$name" "653101" "$name"
	tui_frame_ok "frame_100_$name"
done
tui_stop

# --- the on-screen keyboard, by touch alone, at both sizes --------------------
for size in "80 24" "200 60"; do
	set -- $size
	tag="$1x$2"
	tui_start "$1" "$2" || { bad "start_osk_$tag" "no home screen"; continue; }
	tap 通知公告 && tui_check "tap_opens_list_$tag" "按 / 键搜索"
	tap "按 / 键搜索" 2 && row_has "tap_opens_field_$tag" "搜索：" "键盘"
	p=$(at "拼音  键盘") && set -- $p && tui_click $(($1 + 7)) "$2"
	tui_check "keyboard_opens_$tag" "屏幕键盘"
	tui_check "keyboard_strokes_$tag" "横"
	tui_check "keyboard_actions_$tag" "换输入法"
	for c in b u t i e; do osk_key $c; done
	tui_check "osk_letters_compose_$tag" "bu tie"
	tui_check "osk_candidates_$tag" "1补贴"
	tap 1补贴 2
	tui_check "osk_candidate_taken_$tag" "搜索：补贴"
	tap 确定
	tui_check "osk_ok_keeps_$tag" "搜索“补贴”的结果"
	gone "osk_keyboard_closes_$tag" "换输入法"
	tui_check "osk_finds_$tag" "关于做好2026年度耕地地力保护【补贴】发放工作的通知"
	gone "osk_narrows_$tag" "$WIFI"
	tui_frame_ok "osk_frame_$tag"

	# The stroke keys switch to 笔画; 删除 erases; 关闭 closes, the field stays.
	tap "搜索“补贴”的结果" 2
	row_has "osk_reopen_field_$tag" "搜索：补贴" "键盘"
	p=$(at "键盘") && set -- $p && tui_click $(($1 + 1)) "$2"
	tui_check "osk_reopens_$tag" "屏幕键盘"
	osk_key 删除
	tui_check "osk_erase_$tag" "搜索：补 "
	for s in 横 横 竖 横; do osk_key $s; done
	row_has "osk_strokes_switch_mode_$tag" "搜索：" "笔画"
	tui_check "osk_strokes_compose_$tag" "一一丨一"
	osk_key 空格
	tui_check "osk_space_takes_$tag" "搜索：补王"
	osk_key 关闭
	gone "osk_close_$tag" "换输入法"
	row_has "osk_close_keeps_field_$tag" "搜索：补王" "笔画"
	tui_stop
done

# --- Backspace, Home and F1 inside a field ---------------------------------
tui_start 80 24 || { bad start_edit "no home screen"; exit 1; }
tui_keys 1
tui_wait "按 / 键搜索"
tui_keys /
tui_type "补贴"
tui_check "typed_two" "搜索：补贴"
tui_keys BSpace
tui_check "backspace_erases" "搜索：补 "
tui_keys BSpace BSpace
tui_check "backspace_empty_stays" "主题：全部"
row_has "backspace_field_open" "搜索：" "拼音"
tui_type "耕地"
tui_keys Home
tui_type "新"
tui_check "home_to_start" "搜索：新耕地"
tui_type tong
tui_check "compose_at_cursor" "搜索：新tong耕地"
tui_keys BSpace
tui_check "backspace_erases_letter" "搜索：新ton耕地"
tui_keys F1
tui_check "f1_goes_home" "星期"
gone "f1_leaves_field" "搜索："
tui_stop
