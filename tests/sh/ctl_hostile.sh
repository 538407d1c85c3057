#!/bin/sh
# ctl_hostile.sh - gongkaictl facing hostile bundles, sticks and a broken
# environment, with the real minisign: nothing from outside reaches the staff
# terminal raw (ESC, BEL, C1 controls, bidi overrides), a bad trusted key or
# an unusable database is a configuration/environment error (exit 3, said in
# Chinese), a refused import on a fresh kiosk leaves no database file, and a
# file-size limit ends in exit 3 with a message instead of a signal death.
. tests/lib/common.sh

SRC=tests/data/bundle-good
make_key "$T/office"
DB="$T/kiosk.db"
write_conf "$T/kiosk.conf" "$(pubkey_of "$T/office")" "$DB"
printf '[usb]\nmount_roots = %s\n' "$T/usb" >>"$T/kiosk.conf"
ctl() { "$CTL" --config "$T/kiosk.conf" "$@"; }

ESC=$(printf '\033')
BEL=$(printf '\007')
CSI=$(printf '\302\233')     # U+009B, the C1 control sequence introducer
RLO=$(printf '\342\200\256') # U+202E RIGHT-TO-LEFT OVERRIDE
ZWSP=$(printf '\342\200\213') # U+200B ZERO WIDTH SPACE
EVIL="${ESC}[2J${ESC}]0;pwned${BEL}${CSI}31m${RLO}fdp.exe${ZWSP}"

# raw NAME FILE: passes when FILE holds no raw control or bidi bytes.
raw() {
	if LC_ALL=C grep -qF -e "$ESC" -e "$BEL" -e "$CSI" -e "$RLO" -e "$ZWSP" "$2"; then
		bad "$1" "raw control bytes reach the terminal: $(od -c "$2" | head -n 12)"
	else
		ok "$1"
	fi
}

# fresh NAME SEQ [ISSUER]: a signed copy of the good bundle, echoes its path;
# the caller may change it and sign again with resign.
fresh() {
	rm -rf "${T:?}/$1"
	cp -r "$SRC" "$T/$1"
	resign "$T/$1" "$2" "${3:-测试县人民政府办公室}"
	echo "$T/$1"
}
resign() {
	sh scripts/make-bundle.sh --issuer "$3" --comment "gongkai-bundle test" \
		--created 2026-11-20T10:00:00+08:00 "$1" "$T/office.key" "$2" >/dev/null
}

# --- point 4: outside strings are made printable ------------------------------
# A signed bundle whose issuer and an unknown CSV header carry escapes.
B=$(fresh evil_issuer 1 "县政府$EVIL")
sed -i "1s/\$/,备注$EVIL/" "$B/bulletins.csv"
resign "$B" 1 "县政府$EVIL"
ctl verify "$B" >"$T/out" 2>&1
rc=$?
[ $rc -le 1 ] && ok verify_hostile_issuer_runs || bad verify_hostile_issuer_runs "exit $rc: $(cat "$T/out")"
raw verify_issuer_and_header_printable "$T/out"
ctl import "$B" >"$T/out" 2>&1
raw import_issuer_printable "$T/out"
ctl history >"$T/out" 2>&1
raw history_issuer_printable "$T/out"
rm -f "$DB" "$DB-wal" "$DB-shm"

# Cells quoted in the report of a refused bundle.
B=$(fresh evil_cell 1)
sed -i "2s/现行有效/现行$EVIL有效/" "$B/bulletins.csv"
sed -i "2s/2024-06-18/2024-06$EVIL/" "$B/subsidies.csv"
resign "$B" 1 测试县人民政府办公室
ctl verify "$B" >"$T/out" 2>&1
rc=$?
[ $rc -eq 1 ] && ok verify_hostile_cell_refused || bad verify_hostile_cell_refused "exit $rc: $(cat "$T/out")"
raw verify_cells_printable "$T/out"

# find-bundles lists folders of an unsigned stick: their names too.
NL='
'
mkdir -p "$T/usb/STICK$EVIL/gongkai-bundle" "$T/usb/plain/gongkai-bundle" "$T/usb/two${NL}lines/gongkai-bundle"
: >"$T/usb/STICK$EVIL/gongkai-bundle/manifest.txt"
: >"$T/usb/plain/gongkai-bundle/manifest.txt"
: >"$T/usb/two${NL}lines/gongkai-bundle/manifest.txt"
ctl find-bundles >"$T/out" 2>&1
rc=$?
# a table: the header, its rule, one line per bundle (unsigned: says so)
[ $rc -eq 0 ] && grep -q "STICK" "$T/out" && grep -q "plain/gongkai-bundle" "$T/out" &&
	[ "$(wc -l <"$T/out")" -eq 5 ] && [ "$(grep -c '签名不对\|无法核对签名' "$T/out")" -eq 3 ] &&
	ok find_bundles_one_line_each || bad find_bundles_one_line_each "exit $rc: $(cat "$T/out")"
raw find_bundles_printable "$T/out"

# --- point 6a: a bad trusted key is a configuration error ---------------------
B=$(fresh good 1)
for key in RWQabc RXgURiJj1TZCkOCrsG1NTYmpZvCFHr4ABGHgDFlA7vYgQaDhqybc7IAj REPLACE-WITH-COUNTY-KEY; do
	write_conf "$T/badkey.conf" "$key" "$T/badkey.db"
	for cmd in verify import; do
		"$CTL" --config "$T/badkey.conf" $cmd "$B" >"$T/out" 2>"$T/err"
		rc=$?
		if [ $rc -eq 3 ] && grep -qF "[trust] bundle_pubkey" "$T/err" && grep -q "minisign 公钥" "$T/err"; then
			ok "bad_pubkey_${cmd}_exit_3_$key"
		else
			bad "bad_pubkey_${cmd}_exit_3_$key" "exit $rc: $(cat "$T/err")"
		fi
	done
	[ ! -e "$T/badkey.db" ] && ok "bad_pubkey_creates_no_db_$key" || bad "bad_pubkey_creates_no_db_$key" "database created"
done

# --- point 6b: a refused import on a fresh kiosk leaves no database -----------
B=$(fresh tampered 1)
printf '多出的一行\n' >>"$B/bodies/2024-001001.txt"
ctl import "$B" >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 1 ] && [ ! -e "$DB" ] && [ ! -e "$DB-wal" ] && [ ! -e "$DB-shm" ] && [ ! -e "$DB-journal" ]; then
	ok refused_import_leaves_no_database
else
	bad refused_import_leaves_no_database "exit $rc, files: $(ls "$T" | grep kiosk.db)"
fi
# A database that was there before stays, even when empty.
: >"$DB"
ctl import "$B" >"$T/out" 2>"$T/err"
[ -e "$DB" ] && ok refused_import_keeps_existing_database || bad refused_import_keeps_existing_database "removed"
rm -f "$DB" "$DB-wal" "$DB-shm"
B=$(fresh good 1)
ctl import "$B" >"$T/out" 2>"$T/err" && [ "$(sqlite3 "$DB" 'select count(*) from imports')" = 1 ] &&
	ok good_import_on_fresh_kiosk || bad good_import_on_fresh_kiosk "$(cat "$T/err")"
B2=$(fresh tampered 2)
printf '多出的一行\n' >>"$B2/bodies/2024-001001.txt"
ctl import "$B2" >"$T/out" 2>"$T/err"
[ "$(sqlite3 "$DB" 'select count(*) from imports')" = 1 ] && ok refused_import_keeps_imported_database ||
	bad refused_import_keeps_imported_database "database lost"
rm -f "$DB" "$DB-wal" "$DB-shm"

# --- point 6c: verify with an unopenable database says so ---------------------
echo "这不是数据库，是一段文字。这不是数据库，是一段文字。这不是数据库，是一段文字。" >"$T/broken.db"
ctl --db "$T/broken.db" verify "$B" >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 3 ] && grep -q "数据库" "$T/err" && grep -q "序号" "$T/err"; then
	ok verify_unopenable_database_exit_3
else
	bad verify_unopenable_database_exit_3 "exit $rc: $(cat "$T/err")"
fi
mkdir "$T/dir.db"
ctl --db "$T/dir.db" verify "$B" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 3 ] && grep -q "数据库" "$T/err" && ok verify_database_is_folder_exit_3 ||
	bad verify_database_is_folder_exit_3 "exit $rc: $(cat "$T/err")"

# --- point 6d: a file-size limit is an environment error, not a signal death --
for blocks in 8 64; do
	(ulimit -f $blocks && exec "$CTL" --config "$T/kiosk.conf" import "$B") >"$T/out" 2>"$T/err"
	rc=$?
	if [ $rc -eq 3 ] && [ -s "$T/err" ] && grep -q "文件大小" "$T/err"; then
		ok "file_size_limit_${blocks}_exit_3"
	else
		bad "file_size_limit_${blocks}_exit_3" "exit $rc: $(cat "$T/err")"
	fi
	[ ! -e "$DB" ] && ok "file_size_limit_${blocks}_leaves_no_database" ||
		bad "file_size_limit_${blocks}_leaves_no_database" "$(ls -l "$T" | grep kiosk.db)"
	rm -f "$DB" "$DB-wal" "$DB-shm"
done

# --- point 6e: report lines from the readers are plain Chinese ----------------
B=$(fresh bad_bytes 1)
printf 'bad \377\376 bytes\n' >>"$B/bodies/2024-001002.txt"
sh scripts/make-bundle.sh --encoding UTF-8 --created 2026-11-20T10:00:00+08:00 "$B" "$T/office.key" 1 >/dev/null
ctl verify "$B" >"$T/out" 2>"$T/err"
if grep -q "invalid bytes" "$T/err" || ! grep -q "不符合 UTF-8 编码" "$T/err"; then
	bad invalid_bytes_said_in_chinese "$(cat "$T/err")"
else
	ok invalid_bytes_said_in_chinese
fi
B=$(fresh open_quote 1)
printf '6107280000/2024-009999,通知公告,"没有闭合的引号\n' >>"$B/bulletins.csv"
resign "$B" 1 测试县人民政府办公室
ctl verify "$B" >"$T/out" 2>"$T/err"
if grep -q "never closed" "$T/err" || ! grep -q "引号没有配对" "$T/err"; then
	bad open_quote_said_in_chinese "$(cat "$T/err")"
else
	ok open_quote_said_in_chinese
fi
