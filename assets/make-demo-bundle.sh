#!/bin/sh
# make-demo-bundle.sh - rebuilds assets/demo-bundle/gongkai-bundle/ from
# scratch and signs it with the demo key (assets/demo-keys/office.key).
#
# Usage: sh assets/make-demo-bundle.sh [--created ISO-TIME]
#
# Sources:
#   assets/demo-src/          bulletins.csv, guides.csv, qa.csv, calendar.csv, directory.csv
#                             and bodies/ of the synthetic 宣汉县 documents
#   assets/corpus/            the four real work plans, used as bodies
#   bench/gen_subsidies.c     compiled here with cc; writes subsidies.csv
#
# The files are written the way an office's tools write them:
#   bulletins.csv, directory.csv   UTF-8 with BOM, CRLF row ends (Excel "CSV UTF-8")
#   qa.csv          UTF-8, CRLF row ends, LF inside quoted cells (Excel)
#   guides.csv, calendar.csv   UTF-8, LF
#   subsidies.csv   GB18030/GBK, CRLF (Excel "CSV" on Chinese Windows)
#   bodies/2026-chunjie-bangong.txt   GB18030 (an old Notepad file)
# The manifest declares no encoding, so the kiosk detects each file.
# Everything but the created time (and so the signature) is deterministic.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
src=assets/demo-src
out=assets/demo-bundle/gongkai-bundle
key=assets/demo-keys/office.key
created=""
[ "${1:-}" != "--created" ] || created=${2:?--created needs a time}

[ -d assets/corpus ] || { echo "make-demo-bundle.sh: assets/corpus not found" >&2; exit 3; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Appends CR to every line that ends a CSV record (an even number of quotes
# so far), so line breaks inside quoted cells stay LF as Excel writes them.
crlf_records() {
	LC_ALL=C awk '{ q += gsub(/"/, "\""); printf "%s%s\n", $0, (q % 2 ? "" : "\r") }' "$1"
}

rm -rf "$out"
mkdir -p "$out/bodies"

for f in wushan-2021-48 tongchuan-2023-fengong dongzhi-2020-qingdan pingli-renwu; do
	cp "assets/corpus/$f.txt" "$out/bodies/$f.txt"
done
cp "$src"/bodies/*.txt "$out/bodies/"

printf '\357\273\277' >"$out/bulletins.csv"
crlf_records "$src/bulletins.csv" >>"$out/bulletins.csv"
crlf_records "$src/qa.csv" >"$out/qa.csv"
printf '\357\273\277' >"$out/directory.csv"
crlf_records "$src/directory.csv" >>"$out/directory.csv"
cp "$src/guides.csv" "$out/guides.csv"
cp "$src/calendar.csv" "$out/calendar.csv"

${CC:-cc} -O2 -std=c11 -o "$tmp/gen_subsidies" bench/gen_subsidies.c
# 4,000 rows: 6 programs, 2023-2025, the 6 townships and 40 villages that
# the demo notices talk about.
"$tmp/gen_subsidies" --rows=4000 --seed=7 --programs=6 --years=3 --townships=6 \
	--villages=40 --crlf | iconv -f UTF-8 -t GB18030 >"$out/subsidies.csv"

# Checks: every body a bulletin names exists; subsidies.csv is not UTF-8 and
# uses only GBK-shaped (two-byte) sequences; nothing published carries a
# resident id or card number.
tail -n +2 "$src/bulletins.csv" | cut -d, -f10 | while IFS= read -r body; do
	[ -f "$out/$body" ] || { echo "make-demo-bundle.sh: $body missing" >&2; exit 1; }
done
if iconv -f UTF-8 -t UTF-8 "$out/subsidies.csv" >/dev/null 2>&1; then
	echo "make-demo-bundle.sh: subsidies.csv is valid UTF-8" >&2
	exit 1
fi
perl -ne '/\A(?:[\x00-\x7f]|[\x81-\xfe][\x40-\x7e\x80-\xfe])*\z/ or $bad++; END { exit !!$bad }' \
	"$out/subsidies.csv" || { echo "make-demo-bundle.sh: subsidies.csv is not CP936-shaped" >&2; exit 1; }
sh scripts/privacy-scan.sh "$out"/bodies/*.txt "$out/bulletins.csv" "$out/guides.csv" \
	"$out/qa.csv" "$out/calendar.csv" "$out/directory.csv"

if [ -n "$created" ]; then
	sh scripts/make-bundle.sh --created "$created" "$out" "$key" 1
else
	sh scripts/make-bundle.sh "$out" "$key" 1
fi
(cd "$out" && sha256sum --quiet -c manifest.txt &&
	minisign -V -q -p "$root/assets/demo-keys/office.pub" -m manifest.txt)
echo "wrote $out ($(ls "$out" | wc -l) entries, $(du -sk "$out" | cut -f1) KB)"
