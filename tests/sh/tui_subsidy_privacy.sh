#!/bin/sh
# tui_subsidy_privacy.sh - no full resident id and no full 一卡通 account on
# any screen: a list from the generator (whose CSV holds full, valid ids
# and 19-digit accounts, as an office exports them) is signed, imported
# and browsed and searched at 80x24 and 120x40 (where accounts have a
# column), every screen is captured, and the captures are searched for
# every full id and account of the CSV. They must show the masked forms
# (前6位********后4位) instead.
. tests/lib/common.sh
. tests/lib/tui.sh

mkdir -p "$T/b/gongkai-bundle"
"$GK_BUILD/bench/gen_subsidies" --rows=3000 --seed=5 --programs=4 --years=2 --townships=3 \
	--villages=12 >"$T/b/gongkai-bundle/subsidies.csv" || { bad generate "gen_subsidies failed"; exit 1; }
make_key "$T/k"
sign_bundle "$T/b/gongkai-bundle" "$T/k.key" 1
write_conf "$T/kiosk.conf" "$(pubkey_of "$T/k")" "$T/kiosk.db"
"$CTL" --config "$T/kiosk.conf" import "$T/b/gongkai-bundle" >/dev/null 2>"$T/import.err" ||
	{ bad import "$(cat "$T/import.err")"; exit 1; }

# Full ids (column 7) and accounts (the last column), and the masked ids.
awk -F, 'NR > 1 && length($7) == 18 { print $7 }' "$T/b/gongkai-bundle/subsidies.csv" | sort -u >"$T/ids"
awk -F, 'NR > 1 && length($NF) >= 16 { print $NF }' "$T/b/gongkai-bundle/subsidies.csv" | sort -u >"$T/accounts"
awk '{ print substr($0, 1, 6) "********" substr($0, 15) }' "$T/ids" >"$T/masked"
[ "$(wc -l <"$T/ids")" -gt 500 ] && ok csv_has_full_ids || bad csv_has_full_ids "$(wc -l <"$T/ids") ids"
[ "$(wc -l <"$T/accounts")" -gt 500 ] && ok csv_has_accounts || bad csv_has_accounts "$(wc -l <"$T/accounts") accounts"

: >"$T/captures"
snap() { sleep 0.15; tui_screen >>"$T/captures"; }

# Names to search for: the sentinels and a few from the CSV.
names=$(awk -F, 'NR > 1 && NR % 300 == 2 { print $6 }' "$T/b/gongkai-bundle/subsidies.csv")

for size in "80 24" "120 40"; do
	set -- $size
	tui_start "$1" "$2" || { bad "start_$1x$2" "no home screen"; continue; }
	tui_keys 6
	tui_wait "找自己的名字"
	snap
	# Every program's first batch, first township, every village.
	for prog in 0 1 2 3; do
		tui_keys F1 6
		tui_wait "找自己的名字"
		i=0
		while [ $i -lt $prog ]; do tui_keys Down; i=$((i + 1)); done
		tui_keys Enter
		tui_wait "各年度、批次累计"
		tui_keys Enter
		tui_wait "本批合计"
		tui_keys Enter
		tui_wait "全部名单"
		snap
		tui_keys Enter
		tui_wait "姓名"
		for p in 1 2 3 4; do
			snap
			tui_keys PgDn
		done
		tui_keys Escape
		tui_wait "全部名单"
		tui_keys Down Enter
		tui_wait "身份证号"
		snap
	done
	# Search by name, by pinyin initials and by id tail.
	for name in 王芳 李秀英 单德发 lxy $names; do
		tui_keys F1 6
		tui_wait "找自己的名字"
		tui_type "$name"
		tui_wait "搜索：$name"
		snap
		tui_keys Enter PgDn
		snap
	done
	tui_stop
done

if grep -qF -f "$T/ids" "$T/captures"; then
	bad no_full_id "$(grep -oF -f "$T/ids" "$T/captures" | head -3)"
else
	ok no_full_id
fi
if grep -qF -f "$T/accounts" "$T/captures"; then
	bad no_full_account "$(grep -oF -f "$T/accounts" "$T/captures" | head -3)"
else
	ok no_full_account
fi
# The screens did show ids: masked, and of the people in the CSV.
shown=$(grep -oF -f "$T/masked" "$T/captures" | sort -u | wc -l)
[ "$shown" -gt 100 ] && ok masked_ids_shown || bad masked_ids_shown "only $shown masked ids on screen"
grep -qE '\*{12}[0-9]{4}' "$T/captures" && ok masked_accounts_shown || bad masked_accounts_shown "no account column"
# Nothing that looks like a whole id (18 characters, no stars) either.
if grep -qE '(^|[^0-9])[1-8][0-9]{16}[0-9X]([^0-9]|$)' "$T/captures"; then
	bad no_id_shape "$(grep -oE '[1-8][0-9]{16}[0-9X]' "$T/captures" | head -3)"
else
	ok no_id_shape
fi
