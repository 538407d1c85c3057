#!/bin/sh
# kill -9 at many moments of an import leaves either the previous data or
# the complete new data, never a mix, and always a database that passes
# PRAGMA integrity_check; after a kill the same bundle imports cleanly.
. tests/lib/common.sh

make_key "$T/office"
DB="$T/kiosk.db"
write_conf "$T/kiosk.conf" "$(pubkey_of "$T/office")" "$DB"

cp -r tests/data/bundle-good "$T/a"
sign_bundle "$T/a" "$T/office.key" 1
mkdir -p "$T/b"
# 90,000 rows (12 MB) take the bulk path of the importer (dropped and rebuilt indexes).
"$GK_BUILD/bench/gen_subsidies" 90000 7 2 2 5 40 >"$T/b/subsidies.csv"
sign_bundle "$T/b" "$T/office.key" 2

"$CTL" --config "$T/kiosk.conf" import "$T/a" >/dev/null 2>&1 || bad setup "import a failed"
db_dump "$DB" >"$T/dump.a"
cp "$DB" "$T/a.db"

# The state after a complete import of b, and how long it takes.
start=$(date +%s%N)
"$CTL" --config "$T/kiosk.conf" import "$T/b" >/dev/null 2>&1 || bad setup "import b failed"
end=$(date +%s%N)
db_dump "$DB" | grep -v '^INSERT INTO imports' >"$T/dump.b"
dur_ms=$(( (end - start) / 1000000 ))
[ "$dur_ms" -gt 0 ] || dur_ms=1

kills=16 mixed=0 corrupt=0 before=0 after=0
i=1
while [ $i -le $kills ]; do
	rm -f "$DB" "$DB-wal" "$DB-shm"
	cp "$T/a.db" "$DB"
	delay_ms=$(( dur_ms * i / (kills - 2) ))
	"$CTL" --config "$T/kiosk.conf" import "$T/b" >/dev/null 2>&1 &
	pid=$!
	sleep "$(awk "BEGIN{print $delay_ms/1000}")"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	if [ "$(sqlite3 "$DB" 'pragma integrity_check' 2>&1)" != ok ]; then
		corrupt=$((corrupt + 1))
	fi
	db_dump "$DB" >"$T/dump.now"
	if cmp -s "$T/dump.now" "$T/dump.a"; then
		before=$((before + 1))
	elif grep -v '^INSERT INTO imports' "$T/dump.now" | cmp -s - "$T/dump.b"; then
		after=$((after + 1))
	else
		mixed=$((mixed + 1))
	fi
	i=$((i + 1))
done
echo "kills: $kills over ${dur_ms} ms; previous state $before, complete new state $after, other $mixed, corrupt $corrupt"
[ $corrupt -eq 0 ] && ok kill9_integrity || bad kill9_integrity "$corrupt corrupt databases"
[ $mixed -eq 0 ] && ok kill9_all_or_nothing || bad kill9_all_or_nothing "$mixed partial states"
[ $before -gt 0 ] && ok kill9_hit_mid_import || bad kill9_hit_mid_import "no kill landed before the commit"

# After a kill mid-import the same bundle still imports.
rm -f "$DB" "$DB-wal" "$DB-shm"; cp "$T/a.db" "$DB"
"$CTL" --config "$T/kiosk.conf" import "$T/b" >/dev/null 2>&1 &
pid=$!; sleep "$(awk "BEGIN{print $dur_ms/3000}")"; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
if "$CTL" --config "$T/kiosk.conf" import "$T/b" >/dev/null 2>"$T/err" &&
	[ "$(sqlite3 "$DB" 'select count(*) from subsidies where batch_id in (select id from subsidy_batches where import_id=(select max(id) from imports))')" -gt 0 ]; then
	ok import_after_kill
else
	bad import_after_kill "$(cat "$T/err")"
fi

[ "$(sqlite3 "$DB" "select count(*) from sqlite_master where type='index' and name in ('subsidies_place','subsidies_name')")" = 2 ] &&
	ok bulk_rebuilds_indexes || bad bulk_rebuilds_indexes "an index is missing after a bulk import"

# No full id or account number from the list reaches the database or its WAL.
cut -d, -f7 "$T/b/subsidies.csv" | grep -E '^[0-9]{17}[0-9X]$' | head -2000 >"$T/ids"
awk -F, '{print $NF}' "$T/b/subsidies.csv" | tr -d '\r' | grep -E '^[0-9]{16,19}$' | head -2000 >"$T/accts"
[ -s "$T/ids" ] && [ -s "$T/accts" ] || bad privacy_fixture "generator gave no full ids or accounts"
if cat "$DB" "$DB-wal" 2>/dev/null | grep -aqF -f "$T/ids"; then
	bad no_full_id_in_db_or_wal "a full resident id is stored"
else
	ok no_full_id_in_db_or_wal
fi
if cat "$DB" "$DB-wal" 2>/dev/null | grep -aqF -f "$T/accts"; then
	bad no_full_account_in_db_or_wal "a full account number is stored"
else
	ok no_full_account_in_db_or_wal
fi

# A large list (the two-thread bulk path) with one bad row near its end is
# refused as a whole, names the row, and changes nothing.
rm -f "$DB" "$DB-wal" "$DB-shm"; cp "$T/a.db" "$DB"
db_dump "$DB" >"$T/dump.before"
mkdir -p "$T/c"
awk 'NR == 88000 { sub(/,[0-9]+\.[0-9][0-9],/, ",12.345,") } { print }' "$T/b/subsidies.csv" >"$T/c/subsidies.csv"
sign_bundle "$T/c" "$T/office.key" 3
"$CTL" --config "$T/kiosk.conf" import "$T/c" >/dev/null 2>"$T/err"
rc=$?
db_dump "$DB" >"$T/dump.after"
if [ $rc -eq 1 ] && grep -q 'subsidies.csv:88000: 发放金额' "$T/err" && cmp -s "$T/dump.before" "$T/dump.after"; then
	ok bulk_refusal_changes_nothing
else
	bad bulk_refusal_changes_nothing "rc=$rc $(head -c 300 "$T/err")"
fi
