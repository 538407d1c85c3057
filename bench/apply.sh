#!/bin/sh
# bench/apply.sh - 10,000 disclosure applications: filed one by one through
# db_apply_submit (sealing, one transaction each, synchronous=FULL, as the
# kiosk files them; tests/tools/apply_submit), exported by gongkaictl
# export (one sealed file each, manifest, flushed and swapped in), and
# opened by gongkaictl open-applications (hashes, unsealing, merge,
# applications.csv). Peers in the same run: sqlite3 dumping the table
# (what export reads), tar -x of the same 10,000 files followed by sync -f
# (what export writes, made durable as export makes it) and sha256sum -c
# over the export (what open checks).
# Prints wall time and peak RSS of each. APPS=N overrides the count.
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
APPS=${APPS:-10000}
W=$(mktemp -d /tmp/gk-bench-apply.XXXXXX)
trap 'rm -rf "$W"' EXIT
make -s BUILD="$BUILD" "$BUILD/gongkaictl" "$BUILD/tools/apply_submit"
CTL="$(pwd)/$BUILD/gongkaictl"

"$CTL" seal-keygen "$W/office" >/dev/null
minisign -G -W -p "$W/k.pub" -s "$W/k.key" >/dev/null 2>&1
cat >"$W/kiosk.conf" <<CONF
[kiosk]
name = 基准测试便民服务中心
id = XH-DX-01
database = $W/kiosk.db
[trust]
bundle_pubkey = $(sed -n 2p "$W/k.pub")
seal_pubkey = $(grep -v '^#' "$W/office.pub" | head -n 1)
CONF
mkdir -p "$W/stick" "$W/office-pc"

# run NAME CMD...: runs CMD under GNU time, keeps "seconds KB" in $W/NAME.
run() {
	n=$1; shift
	/usr/bin/time -f '%e %M' -o "$W/$n" "$@" >"$W/$n.out" 2>"$W/$n.err" || {
		echo "$n failed:"; tail -5 "$W/$n.err"; exit 1; }
}
# line LABEL NAME: one printed figure.
line() {
	read -r s k <"$W/$2"
	printf '%-52s %7.2f s   peak RSS %6.1f MB\n' "$1" "$s" "$(awk "BEGIN{print $k/1024}")"
}

echo "bench/apply: $APPS applications (XH-DX-01, 2,000 a day)"
run submit "$BUILD/tools/apply_submit" "$W/kiosk.db" "$APPS" --kiosk XH-DX-01 --per-day 2000 \
	--pubkey-file "$W/office.pub"
# each writer starts with nothing else waiting to be flushed
sync
run export "$CTL" --config "$W/kiosk.conf" export "$W/stick"
# the peer writes the same files right after, in the same conditions
tar -cf "$W/export.tar" -C "$W/stick" gongkai-export
mkdir -p "$W/tar-out"
sync
run untar sh -c "tar -xf '$W/export.tar' -C '$W/tar-out' && sync -f '$W/tar-out'"
run dump sqlite3 "$W/kiosk.db" "select tracking_no, hex(sealed) from applications"
(cd "$W/office-pc" && run open "$CTL" open-applications --key "$W/office.key" "$W/stick")
(cd "$W/stick/gongkai-export" && run sum sha256sum -c --quiet manifest.txt)

line "file one by one (seal, commit, fsync each)" submit
read -r s _ <"$W/submit"
printf '  = %.1f ms an application\n' "$(awk "BEGIN{print $s * 1000 / $APPS}")"
line "gongkaictl export (files, manifest, flush, swap)" export
line "peer: sqlite3 dump of the table (hex)" dump
line "peer: tar -x of the same files, then sync -f" untar
line "gongkaictl open-applications (hash, unseal, csv)" open
line "peer: sha256sum -c over the export" sum
read -r se _ <"$W/export"
read -r so _ <"$W/open"
printf 'goal: export and open-applications under 2 s each: export %s, open %s\n' \
	"$(awk "BEGIN{print ($se < 2) ? \"met\" : \"NOT met\"}")" "$(awk "BEGIN{print ($so < 2) ? \"met\" : \"NOT met\"}")"
echo "export: $(ls "$W/stick/gongkai-export/applications" | wc -l) sealed files, $(du -sk "$W/stick/gongkai-export" | cut -f1) KB;" \
	"applications.csv: $(($(wc -l <"$W/office-pc/applications.csv") - 1)) rows, $(du -k "$W/office-pc/applications.csv" | cut -f1) KB"
