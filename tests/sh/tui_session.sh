#!/bin/sh
# tui_session.sh - kiosk behaviour: Ctrl-C, Ctrl-Z and Ctrl-\ do not leave
# the kiosk; after idle_timeout seconds it goes home and forgets what was
# typed; SIGTERM stops it with the terminal restored, and so does a crash
# signal (the handler restores, then dies of the signal); the contrast and
# mono themes; a window too small; searching everything from home.
. tests/lib/common.sh
. tests/lib/tui.sh

tui_setup || { bad setup "seed_db failed"; exit 1; }
# The shortest idle time the configuration accepts.
sed -i 's/^idle_timeout = .*/idle_timeout = 5/' "$T/kiosk.conf"

tui_start 80 24 || { bad start "no home screen"; exit 1; }

# Ctrl-C, Ctrl-Z, Ctrl-\ are plain keys that mean nothing.
tui_keys 1
tui_wait "按 / 键搜索"
tui_keys C-c C-z 'C-\'
sleep 0.3
if tui_screen | grep -q "KIOSK-EXIT"; then
	bad ctrl_keys_do_not_exit "the kiosk exited"
else
	tui_check ctrl_keys_do_not_exit "按 / 键搜索"
fi
pid=$(tui_pid)
[ -n "$pid" ] && ok kiosk_still_running || bad kiosk_still_running "no gongkai process"

# Idle: type a search, wait, the kiosk is home and the search is gone.
tui_keys /
tui_type "补贴"
tui_wait "搜索：补贴"
tui_check idle_goes_home "星期二" 12
tui_keys 1
tui_check idle_forgets_search "按 / 键搜索"
if tui_screen | grep -q "补贴”的结果"; then bad idle_forgets_text "search text kept"; else ok idle_forgets_text; fi

# Searching everything from home, grouped by kind.
tui_keys Home
tui_wait "星期二"
tui_keys /
tui_check searchall_opens "搜索全部"
tui_type "低保"
tui_check searchall_docs "■ 政策文件"
tui_check searchall_guides "■ 办事指南"
tui_check searchall_qa "■ 政策问答"
tui_check searchall_doc_row "东乡街道农村【低保】审核确认办法"
tui_check searchall_qa_row "【低保】申请要带哪些材料？"
tui_frame_ok searchall_frame
tui_keys Enter Enter
tui_check searchall_opens_doc "索引号："
tui_keys Escape
tui_wait "■ 政策文件"
tui_keys Escape
tui_check searchall_back_home "星期二"

# F10 opens staff mode; without a PIN set up it says how to set one, and
# Esc goes back.
tui_keys F10
tui_check f10_staff_not_set_up "还没有设置工作人员 PIN"
tui_keys Escape
tui_check f10_esc_home "星期二"

# A window below 40x12 asks to be enlarged, and recovers.
tmux_ resize-window -x 30 -y 10
tui_check too_small "窗口太小"
tmux_ resize-window -x 80 -y 24
tui_check small_recovers "星期二"

# SIGTERM: a clean stop, status 0, the terminal as it was.
pid=$(tui_pid)
kill -TERM "$pid"
tui_check sigterm_stops "KIOSK-EXIT rc=0 tty=same"

# A crash signal: the terminal is restored, then the kiosk dies of it.
tui_start 80 24 || bad restart "no home screen"
pid=$(tui_pid)
kill -SEGV "$pid"
tui_check crash_restores_terminal "KIOSK-EXIT rc=139 tty=same"

# Themes: both start and draw the home screen and key line.
for theme in contrast mono; do
	tui_start 80 24 --theme "$theme" && ok "theme_$theme" || bad "theme_$theme" "no home screen"
	tui_frame_ok "theme_${theme}_frame"
	tui_keys 3
	tui_check "theme_${theme}_words" "【失效】"
done
tui_stop

# Wrong usage is refused before the terminal is touched.
"$KIOSK" --theme purple >/dev/null 2>&1
[ $? = 2 ] && ok bad_theme_usage || bad bad_theme_usage "not status 2"
