#!/bin/sh
# tui_data_change.sh - an import while the kiosk shows a subsidy list or the
# print dialog: the kiosk notices (SQLite's data_version) that the data
# changed under its screens, goes back home and says so, instead of showing
# the old head count over new rows or offering the old page count; the list
# opened again shows the new data. Bundles are signed with the real minisign.
. tests/lib/common.sh
. tests/lib/tui.sh

make_key "$T/office"
write_conf "$T/kiosk.conf" "$(pubkey_of "$T/office")" "$T/kiosk.db"
ctl() { "$CTL" --config "$T/kiosk.conf" "$@" >"$T/ctl.out" 2>&1; }

# bundle SEQ [SED]: a signed copy of the good test bundle, its subsidy list
# edited by the sed script SED.
bundle() {
	rm -rf "$T/b$1"
	cp -r tests/data/bundle-good "$T/b$1"
	[ -z "${2:-}" ] || sed -i "$2" "$T/b$1/subsidies.csv"
	sign_bundle "$T/b$1" "$T/office.key" "$1"
	echo "$T/b$1"
}

ctl import "$(bundle 1)" && ok import_first || { bad import_first "$(cat "$T/ctl.out")"; exit 1; }

tui_start 80 24 || { bad start "no home screen"; exit 1; }
# 补贴公示 → the program → its batch → the township → the village list.
tui_keys 6
tui_check "menu_open" "耕地地力保护补贴"
tui_keys Enter
tui_check "batches_open" "各年度、批次累计"
tui_keys Enter
tui_check "towns_open" "本批合计"
tui_keys Enter
tui_check "villages_open" "全部名单"
tui_keys Enter
tui_check "list_shows_wang_fang" "王芳"

# The office's next bundle drops 王芳's line; it is imported while the list
# is on screen.
ctl import "$(bundle 2 '/王芳/d')" && ok import_second || bad import_second "$(cat "$T/ctl.out")"
tui_check "says_data_changed" "资料刚刚更新过" 4
tui_check "back_home" "欢迎查询政府信息" 1
tui_keys 6
tui_wait "耕地地力保护补贴"
tui_keys Enter
tui_wait "各年度、批次累计"
tui_keys Enter
tui_wait "本批合计"
tui_keys Enter
tui_wait "全部名单"
tui_keys Enter
tui_wait "姓名"
if tui_gone "王芳" 2; then ok "new_list_without_wang_fang"; else
	bad "new_list_without_wang_fang" "old row shown"; tui_screen | sed 's/^/    | /'
fi

# The print dialog open across an import closes too: its page count was
# counted on the old data.
tui_keys F1
tui_wait "欢迎查询政府信息"
tui_keys 1
tui_wait "按 / 键搜索"
tui_keys p
tui_check "print_dialog_open" "本次还可打印"
ctl import "$(bundle 3 '/李秀英/d')" && ok import_third || bad import_third "$(cat "$T/ctl.out")"
tui_check "dialog_closed_says_so" "资料刚刚更新过" 4
if tui_gone "本次还可打印" 1; then ok "dialog_gone"; else
	bad "dialog_gone" "the dialog still offers the old count"; tui_screen | sed 's/^/    | /'
fi
tui_stop
