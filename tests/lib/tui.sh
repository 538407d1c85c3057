# tui.sh - sourced by tests/sh/tui_*.sh after common.sh: runs the kiosk in a
# private tmux server of a fixed size and reads its screen.
#
#   tui_setup                   seeds $T/kiosk.db (demo rows + corpus) and $T/kiosk.conf
#   tui_start W H [ARGS...]     starts gongkai at W x H (UTF-8, xterm-256color,
#                               GONGKAI_TODAY=2026-11-24, and the VAR=value words
#                               of $TUI_ENV, e.g. CUPS_SERVER); waits for the home screen
#   tui_keys KEY...             tmux send-keys (key names: Enter, Escape, PgDn, C-c ...)
#   tui_type TEXT               types TEXT literally (Chinese arrives as UTF-8)
#   tui_click X Y               a left click at column X, row Y (0-based), SGR mouse
#   tui_screen                  the screen as text
#   tui_wait TEXT [SECONDS]     polls until TEXT is on screen (default 5 s); 1 on timeout
#   tui_gone TEXT [SECONDS]     polls until TEXT is no longer on screen
#   tui_keyline                 the last line of the screen
#   tui_check NAME TEXT         PASS when TEXT appears (bounded wait), FAIL with the screen
#   tui_stop                    kills the tmux server
#
# The kiosk runs under a shell that records how it ended: after it exits the
# pane shows "KIOSK-EXIT rc=N tty=same|changed".

TUI_BASE="gk-tui-$$-$(basename "$0" .sh)"
TUI_N=0
TUI_SOCK="$TUI_BASE-$TUI_N"
TUI_W=80
TUI_H=24
CHECK="$GK_BUILD/tools/screen_check"
SEED="$GK_BUILD/tools/seed_db"
case "$KIOSK" in /*) ;; *) KIOSK="$PWD/$KIOSK" ;; esac
trap 'tmux -L "$TUI_SOCK" kill-server 2>/dev/null; rm -rf "$T"' EXIT INT TERM

tmux_() { tmux -L "$TUI_SOCK" -f /dev/null "$@"; }

tui_setup() {
	rm -f "$T/kiosk.db"*
	"$SEED" "$T/kiosk.db" --demo --corpus "$CORPUS" || return 1
	write_conf "$T/kiosk.conf" RWQURiJj1TZCkOCrsG1NTYmpZvCFHr4ABGHgDFlA7vYgQaDhqybc7IAj "$T/kiosk.db"
	sed -i 's/^name = .*/name = 东乡街道便民服务中心/' "$T/kiosk.conf"
}

tui_start() {
	TUI_W=$1 TUI_H=$2
	shift 2
	# A new server on a new socket each time: a server still shutting down
	# after kill-server would otherwise swallow the new session.
	tmux_ kill-server 2>/dev/null
	TUI_N=$((TUI_N + 1))
	TUI_SOCK="$TUI_BASE-$TUI_N"
	cat >"$T/run.sh" <<EOF
before=\$(stty -g)
env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color GONGKAI_TODAY=2026-11-24 ${TUI_ENV:-} \
	"$KIOSK" --config "$T/kiosk.conf" --db "$T/kiosk.db" $*
rc=\$?
after=\$(stty -g)
[ "\$before" = "\$after" ] && tty=same || tty=changed
clear
echo "KIOSK-EXIT rc=\$rc tty=\$tty"
sleep 600
EOF
	tmux_ new-session -d -x "$TUI_W" -y "$TUI_H" "sh $T/run.sh"
	tui_wait "星期" 10
}

tui_keys() { tmux_ send-keys "$@"; }
tui_type() { tmux_ send-keys -l "$1"; }
tui_click() {
	tmux_ send-keys -l "$(printf '\033[<0;%d;%dM\033[<0;%d;%dm' $(($1 + 1)) $(($2 + 1)) $(($1 + 1)) $(($2 + 1)))"
}
tui_screen() { tmux_ capture-pane -p; }
tui_keyline() { tmux_ capture-pane -p -S $((TUI_H - 1)) -E $((TUI_H - 1)); }

tui_wait() {
	i=0
	limit=$(( ${2:-5} * 20 ))
	while [ $i -lt $limit ]; do
		if tmux_ capture-pane -p 2>/dev/null | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

tui_gone() {
	i=0
	limit=$(( ${2:-5} * 20 ))
	while [ $i -lt $limit ]; do
		if ! tmux_ capture-pane -p 2>/dev/null | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# tui_check NAME TEXT: PASS when TEXT shows up; FAIL prints the screen.
tui_check() {
	if tui_wait "$2" "${3:-5}"; then
		ok "$1"
	else
		bad "$1" "\"$2\" not on screen"
		tui_screen | sed 's/^/    | /'
	fi
}

# tui_frame_ok NAME: the key line is there, nothing is wider than the window
# and no character is cut in half.
tui_frame_ok() {
	# The key line may still be on its way after a resize: poll up to 5 s.
	i=0
	while :; do
		kl=$(tui_keyline)
		case "$kl" in
		*返回* | *帮助* | *首页*) break ;;
		esac
		i=$((i + 1))
		if [ $i -ge 100 ]; then
			bad "$1" "no key line: [$kl]"; tui_screen | sed 's/^/    | /'; return
		fi
		sleep 0.05
	done
	if out=$(tui_screen | "$CHECK" width "$TUI_W"); then
		ok "$1"
	else
		bad "$1" "$out"
	fi
}

# tui_pid: the kiosk's process id (the child of the pane's shell).
tui_pid() {
	sh_pid=$(tmux_ list-panes -F '#{pane_pid}')
	pgrep -P "$sh_pid" gongkai
}

tui_stop() { tmux_ kill-server 2>/dev/null; }
