#!/bin/sh
# tui_idle.sh - the idle warning in a real terminal, with [kiosk]
# idle_timeout = 8 (shorter than the 15-second countdown, so the countdown
# shows for all of it): a list shows 即将回到首页 with the seconds left; a
# key during it only keeps the session (Enter does not open the selected
# notice); left alone past the timeout the kiosk is back at home, and that
# untouched home screen shows no countdown.
. tests/lib/common.sh
. tests/lib/tui.sh

tui_setup || { bad setup "seed_db failed"; exit 1; }
sed -i 's/^idle_timeout = .*/idle_timeout = 8/' "$T/kiosk.conf"

tui_start 80 24 || { bad start "no home screen"; exit 1; }
tui_keys 1
tui_check "list_open" "关于做好2026年度耕地地力保护补贴发放工作的通知"
tui_check "countdown_shows" "即将回到首页" 3
tui_check "countdown_any_key" "按任意键继续" 1
if tui_screen | grep -qE '[0-9] 秒'; then ok "countdown_seconds"; else
	bad "countdown_seconds" "no number of seconds"; tui_screen | sed 's/^/    | /'
fi

# Enter during the countdown keeps the session and does nothing else.
tui_keys Enter
if tui_gone "即将回到首页" 1; then ok "key_ends_countdown"; else
	bad "key_ends_countdown" "still counting down"; tui_screen | sed 's/^/    | /'
fi
if tui_wait "索引号：" 1; then
	bad "key_swallowed" "Enter opened a document"; tui_screen | sed 's/^/    | /'
else
	ok "key_swallowed"
fi
tui_check "list_kept" "关于做好2026年度耕地地力保护补贴发放工作的通知" 1

# Left alone, the session is wiped at 0.
tui_check "wiped_to_home" "欢迎查询政府信息" 12
if tui_gone "按 / 键搜索" 1 && ! tui_screen | grep -q "即将回到首页"; then ok "home_after_wipe"; else
	bad "home_after_wipe" "list or countdown left"; tui_screen | sed 's/^/    | /'
fi
# The countdown would be up within a second: the untouched home shows none.
if tui_wait "即将回到首页" 2; then
	bad "wiped_home_no_countdown" "the fresh home screen counts down"
else
	ok "wiped_home_no_countdown"
fi
tui_stop
