#!/bin/sh
# tui_read.sh - 朗读 (r) in the real kiosk: with [access] audio_out set to a
# folder each line read becomes a WAV file there; the files are non-silent
# 16-bit PCM; a text with more lines gives more audio; the line being read is
# marked; any key stops reading and the espeak-ng child is gone within
# 200 ms; espeak-ng missing gives a plain message, never a hang; a
# villager's subsidy lines are read too.
. tests/lib/common.sh
. tests/lib/tui.sh
. tests/lib/subsidy.sh

command -v espeak-ng >/dev/null || { bad espeak_installed "espeak-ng is missing (scripts/install-deps.sh)"; exit 1; }
tui_setup || { bad setup "seed_db failed"; exit 1; }
AUDIO="$T/audio"
mkdir -p "$AUDIO"
printf '[access]\nspeech_rate = 1.0\naudio_out = %s\n' "$AUDIO" >>"$T/kiosk.conf"

# wav_bytes: total PCM bytes of the WAV files in $AUDIO.
wav_bytes() {
	n=0
	for f in "$AUDIO"/*.wav; do
		[ -f "$f" ] || continue
		n=$((n + $(stat -c %s "$f") - 44))
	done
	echo "$n"
}

# wav_peak FILE: the largest absolute 16-bit sample of FILE.
wav_peak() {
	tail -c +45 "$1" | od -An -v -t d2 | tr -s ' ' '\n' |
		awk 'BEGIN { m = 0 } $1 != "" { v = $1 < 0 ? -$1 : $1; if (v > m) m = v } END { print m }'
}

# kiosk_pid: the kiosk's process (the pane runs sh run.sh, which runs it).
kiosk_pid() {
	pgrep -P "$(tmux_ display -p '#{pane_pid}')" -x gongkai | head -1
}

# read_all NAME: presses r and waits until reading ends (朗读完了).
read_all() {
	rm -f "$AUDIO"/*.wav
	tui_keys r
	if tui_wait "朗读完了" 60; then ok "$1_read_to_end"; else bad "$1_read_to_end" "still reading after 60 s"; fi
}

tui_start 100 30 || { bad start "no home screen"; exit 1; }

# A Q&A answer (a short text) read to the end.
tui_keys 8
tui_wait "耕地地力保护补贴什么时候发到卡上？"
tui_keys Enter
tui_check qa_opens "答："
case "$(tui_keyline)" in *朗读*) ok keyline_says_read ;; *) bad keyline_says_read "$(tui_keyline)" ;; esac
read_all qa
qa_files=$(ls "$AUDIO"/*.wav 2>/dev/null | wc -l)
qa_bytes=$(wav_bytes)
[ "$qa_files" -ge 2 ] && ok qa_wav_files || bad qa_wav_files "$qa_files files"
silent=0
for f in "$AUDIO"/*.wav; do
	[ -f "$f" ] || continue
	head -c 4 "$f" | grep -q RIFF || silent=$((silent + 1))
	p=$(wav_peak "$f")
	[ "${p:-0}" -gt 1000 ] || silent=$((silent + 1))
done
[ "$silent" = 0 ] && ok qa_wav_not_silent || bad qa_wav_not_silent "$silent of $qa_files files silent or not WAV"

# A guide (more lines) gives more audio.
tui_keys Home
tui_wait "星期二"
tui_keys 5 Enter
tui_check guide_opens "办事指南：最低生活保障申请"
read_all guide
guide_bytes=$(wav_bytes)
[ "$guide_bytes" -gt "$qa_bytes" ] && ok longer_text_longer_audio ||
	bad longer_text_longer_audio "guide $guide_bytes bytes, answer $qa_bytes bytes"
tui_stop

# Stopping: an espeak-ng that writes its file and then keeps "playing" for
# 30 s, as a real one speaking a long line would.
# An espeak-ng that stays alive after speaking, found first on PATH.
REAL_ESPEAK=$(command -v espeak-ng)
mkdir -p "$T/slowbin"
cat >"$T/slowbin/espeak-ng" <<EOF
#!/bin/sh
"$REAL_ESPEAK" "\$@"
exec sleep 30
EOF
chmod +x "$T/slowbin/espeak-ng"
TUI_ENV="PATH=$T/slowbin:$PATH"
tui_start 100 30 || { bad start_slow "no home screen"; exit 1; }
kp=$(kiosk_pid)
tui_keys 1 /
tui_type "巫山"
tui_wait "巫山府办发〔2021〕48号"
tui_keys Enter Enter
tui_check doc_opens "索引号："
before_marked=$(tmux_ capture-pane -p -e -S 1 -E 27 | grep -Ec "$(printf '\033')\\[([0-9;]*;)?(7|46)[;m]")
rm -f "$AUDIO"/*.wav
tui_keys r
tui_check reading_message "正在朗读，按任意键停止"
i=0
while [ $i -lt 100 ] && [ -z "$(pgrep -P "$kp")" ]; do sleep 0.02; i=$((i + 1)); done
[ -n "$(pgrep -P "$kp")" ] && ok speech_child_runs || bad speech_child_runs "no child of $kp"
# The line being read is marked (the selected role: black on cyan in the
# default theme, reverse video without colours), seen in tmux's attributes
# of the body rows (1 .. 27), which hold none of it before r.
marked=$(tmux_ capture-pane -p -e -S 1 -E 27 | grep -Ec "$(printf '\033')\\[([0-9;]*;)?(7|46)[;m]")
[ "$marked" -ge 1 ] && [ "$before_marked" = 0 ] && ok line_marked || bad line_marked "reverse-video rows: before $before_marked, while reading $marked"
sleep 0.5
start=$(date +%s%N)
tui_keys x
gone=""
i=0
while [ $i -lt 200 ]; do
	if [ -z "$(pgrep -P "$kp")" ]; then gone=$(date +%s%N); break; fi
	sleep 0.005
	i=$((i + 1))
done
if [ -n "$gone" ]; then
	ms=$(( (gone - start) / 1000000 ))
	[ "$ms" -lt 200 ] && ok "stops_within_200ms ($ms ms)" || bad stops_within_200ms "$ms ms"
else
	bad stops_within_200ms "child still there after 1 s"
fi
tui_check stop_message "已停止朗读"
tui_check key_swallowed "索引号："
# No stray process left behind (sleep of the wrapper included).
sleep 0.2
if pgrep -f "$T/slow-espeak" >/dev/null || pgrep -x sleep -P "$kp" >/dev/null; then
	bad no_leftover "a speech process survived"
else
	ok no_leftover
fi
# Reading again, then leaving the screen, stops too.
tui_keys r
tui_wait "正在朗读" 3
tui_keys Home
i=0
while [ $i -lt 50 ] && [ -n "$(pgrep -P "$kp")" ]; do sleep 0.01; i=$((i + 1)); done
[ -z "$(pgrep -P "$kp")" ] && ok home_stops || bad home_stops "child still running"
# The kiosk dies: its speech child dies with it (PR_SET_PDEATHSIG).
tui_keys 1 /
tui_type "巫山"
tui_wait "巫山府办发〔2021〕48号"
tui_keys Enter Enter
tui_wait "索引号："
tui_keys r
tui_wait "正在朗读" 3
sleep 0.3
child=$(pgrep -P "$kp" | head -1)
kill -9 "$kp"
sleep 0.3
# Dead or a zombie (a container's init may not reap it) counts as gone.
state=$(sed -n 's/^State:[[:space:]]*\(.\).*/\1/p' "/proc/$child/status" 2>/dev/null)
if [ -n "$child" ] && { [ -z "$state" ] || [ "$state" = Z ]; }; then ok child_dies_with_kiosk; else bad child_dies_with_kiosk "child=$child state=$state"; fi
tui_stop

# espeak-ng missing: a plain message, the kiosk goes on.
TUI_ENV="PATH=/nonexistent"
tui_start 100 30 || { bad start_missing "no home screen"; exit 1; }
tui_keys 8
tui_wait "耕地地力保护补贴什么时候发到卡上？"
tui_keys Enter
tui_wait "答："
tui_keys r
tui_check missing_espeak_message "没有安装朗读程序"
tui_keys PgDn
tui_check still_works "答："
tui_stop

# A villager's subsidy lines (the demo bundle imported): one utterance for
# who, one per payment.
rm -f "$T/kiosk.db"*
subsidy_setup || { bad subsidy_import "demo bundle refused"; exit 1; }
printf '[access]\nspeech_rate = 1.0\naudio_out = %s\n' "$AUDIO" >>"$T/kiosk.conf"
TUI_ENV=""
tui_start 100 30 || { bad start_subsidy "no home screen"; exit 1; }
search "王芳 1245"
tui_wait "511722********1245"
tui_keys Enter
rm -f "$AUDIO"/*.wav
tui_keys r
if tui_wait "朗读完了" 30; then ok person_read_to_end; else bad person_read_to_end "not finished"; tui_screen | sed 's/^/    | /'; fi
n=$(ls "$AUDIO"/*.wav 2>/dev/null | wc -l)
[ "$n" -ge 2 ] && ok person_wav_files || bad person_wav_files "$n files"
tui_stop
