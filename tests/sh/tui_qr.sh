#!/bin/sh
# tui_qr.sh - 扫码带走. A document with a 原文链接 shows it; q draws a QR code
# on screen that a phone can read: the pane is captured as text, each half
# block turned back into two modules, the bitmap scaled up and decoded by
# zbarimg, and it must give the 原文链接 back. The printout carries the same
# code on its first page (pdftoppm, then zbarimg).
. tests/lib/common.sh
. tests/lib/tui.sh
. tests/lib/subsidy.sh
trap 'tui_stop; rm -rf "$T"' EXIT
for t in tmux zbarimg pdftoppm; do
	command -v "$t" >/dev/null 2>&1 || { bad tui_qr "$t not installed"; exit 1; }
done
URL=https://www.xuanhan.gov.cn/gongkai/show/20250528046.html

# pane_to_pbm FILE - the QR drawn in the pane as a PBM image, 6 pixels a
# module, with a white border.
pane_to_pbm() {
	tui_screen | sed 's/█/3/g; s/▀/1/g; s/▄/2/g' | awk -v S=6 '
	/^[ 0123]*$/ && /[123]/ {
		gsub(/ /, "0")
		lines[nl++] = $0
		if (length($0) > w) w = length($0)
	}
	END {
		# two module rows per text row; 4 blank modules around
		W = (w + 8) * S; H = (nl * 2 + 8) * S
		printf "P1\n%d %d\n", W, H
		for (y = 0; y < H; y++) {
			my = int(y / S) - 4
			out = ""
			for (x = 0; x < W; x++) {
				mx = int(x / S) - 4
				d = 0
				if (my >= 0 && mx >= 0 && int(my / 2) < nl && mx < w) {
					v = substr(lines[int(my / 2)], mx + 1, 1) + 0
					d = (my % 2 == 0) ? (v == 1 || v == 3) : (v == 2 || v == 3)
				}
				out = out (d ? "1 " : "0 ")
			}
			print out
		}
	}' >"$1"
}

subsidy_setup || { bad setup "demo bundle refused"; exit 1; }
for size in "80 24" "120 40"; do
	set -- $size
	tag="$1x$2"
	tui_start "$1" "$2" || { bad "start_$tag" "no home screen"; continue; }
	tui_keys 1 /
	tui_type "地力保护补贴资金"
	tui_wait "耕地地力保护补贴资金发放情况公示"
	tui_keys Enter Enter
	tui_check "link_shown_$tag" "原文链接："
	tui_check "qr_key_on_key_line_$tag" "扫码"
	tui_keys q
	tui_check "qr_screen_$tag" "扫码带走"
	sleep 0.3
	pane_to_pbm "$T/pane.pbm"
	got=$(zbarimg -q --raw "$T/pane.pbm" 2>/dev/null)
	[ "$got" = "$URL" ] && ok "screen_qr_decodes_$tag" || bad "screen_qr_decodes_$tag" "zbarimg read '$got'"
	tui_keys Escape
	tui_check "back_to_reader_$tag" "原文链接："
	tui_stop
done

# A document without a 原文链接: q says so.
tui_start 80 24
tui_keys 1 /
tui_type "巫山"
tui_wait "巫山府办发〔2021〕48号"
tui_keys Enter Enter
tui_check no_link_no_qr_key "索引号："
tui_keyline | grep -q "扫码" && bad no_link_no_qr_key_hint "扫码 on the key line" || ok no_link_no_qr_key_hint
tui_keys q
tui_check no_link_says_so "没有原文链接"
tui_stop

# On paper: the first page carries the code and the address.
"$GK_BUILD/tools/print_driver" doc "$CORPUS/wushan-2021-48.txt" "$T/d.pdf" --qr "$URL" >/dev/null 2>&1
pdftoppm -r 150 -f 1 -l 1 -png "$T/d.pdf" "$T/p"
got=$(zbarimg -q --raw "$T"/p-*1.png 2>/dev/null)
[ "$got" = "$URL" ] && ok paper_qr_decodes || bad paper_qr_decodes "zbarimg read '$got'"
pdftotext -f 1 -l 1 "$T/d.pdf" - | tr -d ' \n' | grep -qF "$URL" && ok paper_address_written ||
	bad paper_address_written "the address is not under the code"
pdftoppm -r 150 -f 2 -l 2 -png "$T/d.pdf" "$T/q"
got=$(zbarimg -q --raw "$T"/q-*2.png 2>/dev/null)
[ -z "$got" ] && ok paper_qr_first_page_only || bad paper_qr_first_page_only "page 2 has '$got'"
exit 0
