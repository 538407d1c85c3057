#!/bin/sh
# print_titles.sh - hostile titles through the kiosk's print job and a real,
# private cupsd (tests/lib/cups.sh).
#
# Titles come from bundles. cupsd 2.4.2 crashes on a document-name with a
# space and stops answering on one with a line break (printing/print.h,
# print_ipp_name), so every title is made a safe IPP name before it reaches
# CUPS. Each title below is printed through printing/job.c (the job driver,
# build/tests/test_print_job run): the job must complete and reach the
# backend, cupsd must still answer afterwards, and the job-name and
# document-name cupsd recorded (Get-Job-Attributes) must be the safe form:
# valid UTF-8, no control characters, no ASCII space, at most 255 bytes, and
# for the simple cases exactly the expected text.
#
# Needs root (cupsd drops to lp and runs the 0700 backend as root).
set -u
B=${GK_BUILD:-build}
DRV=$B/tests/test_print_job

pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1"; }
check() { n=$1; shift; if "$@"; then pass "$n"; else fail "$n"; fi; }

if [ "$(id -u)" -ne 0 ]; then
	echo "SKIP: print_titles needs root to run a private cupsd"
	exit 0
fi
for t in cupsd lpadmin lpstat timeout iconv; do
	command -v "$t" >/dev/null 2>&1 || { fail "print_titles: $t not installed"; exit 1; }
done
[ -x "$DRV" ] || { fail "print_titles: $DRV not built (make tests)"; exit 1; }

. tests/lib/cups.sh
T=$(mktemp -d /tmp/gk-print-titles.XXXXXX)
cleanup() {
	cups_stop
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

if ! cups_start "$T"; then
	fail "print_titles: cupsd did not start"
	exit 1
fi
check "print_titles: private cupsd with a queue" cups_queue q ok
mkdir -p "$T/jobtmp"

field() { sed -n "s/^$1=//p" "$2"; }

# safe_name NAME - valid UTF-8, no C0/DEL/C1 control, no space, <= 255 bytes, not empty.
safe_name() {
	[ -n "$1" ] || return 1
	[ "$(printf '%s' "$1" | wc -c)" -le 255 ] || return 1
	printf '%s' "$1" | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1 || return 1
	! printf '%s' "$1" | LC_ALL=C grep -q "$(printf '[\001-\040\177]')" || return 1
	! printf '%s' "$1" | grep -q "$(printf '\302[\200-\237]')"
}

# title LABEL EXPECTED TITLE - prints TITLE; EXPECTED "" = only the safe-name checks.
k=0
title() {
	label=$1 want=$2 ttl=$3
	k=$((k + 1))
	before=$(ls "$T/out/ok" | wc -l)
	timeout 60 "$DRV" run q "$ttl" --tmpdir "$T/jobtmp" >"$T/r$k" 2>"$T/e$k"
	job=$(field job "$T/r$k")
	check "print_titles: $label: job completed ($(field status "$T/r$k"))" \
		[ "$(field status "$T/r$k")" = PRINT_OK ]
	check "print_titles: $label: the backend got the PDF" \
		[ "$(ls "$T/out/ok" | wc -l)" -eq $((before + 1)) ]
	check "print_titles: $label: cupsd still answers" sh -c "lpstat -h $CUPS_HOST -r >/dev/null"
	timeout 10 "$DRV" names "${job:-0}" >"$T/n$k" 2>>"$T/e$k"
	jn=$(field job_name "$T/n$k")
	dn=$(field document_name "$T/n$k")
	check "print_titles: $label: job-name is a safe name ($jn)" safe_name "$jn"
	check "print_titles: $label: job-name is what the kiosk sent" [ "$jn" = "$(field ipp_name "$T/r$k")" ]
	if [ -n "$dn" ]; then
		check "print_titles: $label: document-name is the same safe name" [ "$dn" = "$jn" ]
	fi
	if [ -n "$want" ]; then
		check "print_titles: $label: job-name is $want" [ "$jn" = "$want" ]
	fi
	# The print log keeps the title as it was (it is not an IPP attribute).
	check "print_titles: $label: the log record keeps the title" \
		[ "$(field log_title "$T/r$k")" = "$(printf '%s\n' "$ttl" | awk 'NR > 1 { printf "\\n" } { printf "%s", $0 }')" ]
}

ESC=$(printf '\033')
TAB=$(printf '\t')
NL='
'
title "ASCII spaces" "Annual_report_2024_of_the_town" "Annual report 2024 of the town"
title "quotes" "He_said_\"hello\"_and_'bye'" "He said \"hello\" and 'bye'"
title "percent signs" "100%_完成%s%n%d%x" "100% 完成%s%n%d%x"
title "emoji" "😀_乡村振兴😀" "😀 乡村振兴😀"
title "line break" "第一行_第二行" "第一行${NL}第二行"
title "tab" "制表_符" "制表${TAB}符"
title "escape sequence" "红色_[31m警告_[0m" "红色${ESC}[31m警告${ESC}[0m"
title "other controls" "响铃_退格_删除_下一行_行分隔" \
	"$(printf '响铃\007退格\010删除\177下一行\302\205行分隔\342\200\250')"
title "only controls" "政务公开资料" "$(printf '\001\002 \t')"
LONG=$(awk 'BEGIN{for(i=0;i<75;i++) printf "政务公开"}')
title "300-character title" "" "$LONG"
jn=$(field job_name "$T/n$k")
check "print_titles: 300 characters: cut on a character boundary, 85 characters kept" \
	[ "$(printf '%s' "$jn" | wc -m)" -eq 85 ]

check "print_titles: no job left queued" [ -z "$(cups_queued q)" ]
check "print_titles: the temporary folder is empty" [ -z "$(ls -A "$T/jobtmp" 2>/dev/null)" ]
check "print_titles: cupsd is still running" kill -0 "$CUPSD_PID"
