#!/bin/sh
# print_glyphs.sh - no character of a printout is an empty glyph.
#
# The text layer of a PDF can say 如 while the page shows nothing there
# (cairo 1.16's CFF subsetter dropped the subroutine of 如 in Noto Sans
# CJK; printing/outline.h). So this test looks at what is drawn: each PDF
# is turned into SVG by poppler (pdftocairo -svg), where every glyph is a
# <symbol> holding its outline, and a symbol without a path is an empty
# glyph. Our PDFs give spaces no glyph at all, so any empty symbol fails.
#
# Run over every corpus document, every demo bulletin, the demo guides and
# Q&A answers, a subsidy list with rare names (䶮, 㐀, Ext-B), the printer
# test page and a page of every level-1 GB 2312 character. A 如 in a large
# type is also rasterised, and ink must be where it is.
. tests/lib/common.sh


DRV="$GK_BUILD/tools/print_driver"
for t in pdftocairo pdftotext pdftoppm; do
	command -v "$t" >/dev/null 2>&1 || { bad print_glyphs "$t not installed"; exit 1; }
done

# empty_glyphs PDF - the number of glyphs without an outline
empty_glyphs() {
	pdftocairo -svg "$1" "$1.svg" 2>/dev/null || { echo "svg-failed"; return; }
	awk '/<symbol/ { s = 1; buf = "" } s { buf = buf $0 } /<\/symbol>/ { s = 0; if (buf !~ /d="M/) e++ }
	     END { print e + 0 }' "$1.svg"
}

# check NAME PDF - passes when the PDF has glyphs and none is empty
glyph_check() {
	e=$(empty_glyphs "$2")
	n=$(grep -c '<symbol' "$2.svg" 2>/dev/null)
	if [ "$e" = 0 ] && [ "${n:-0}" -gt 0 ]; then
		ok "$1"
	else
		bad "$1" "$e empty glyphs of ${n:-0}"
	fi
}

i=0
for f in assets/corpus/*.txt assets/demo-bundle/gongkai-bundle/bodies/*.txt; do
	i=$((i + 1))
	name=glyphs_$(basename "$f" .txt)
	if "$DRV" doc "$f" "$T/d$i.pdf" --title "$(basename "$f")" >/dev/null 2>"$T/err"; then
		glyph_check "$name" "$T/d$i.pdf"
	else
		bad "$name" "render failed: $(cat "$T/err")"
	fi
done

# Guides and answers: every cell of the demo's guides.csv and qa.csv.
for csv in guides qa; do
	tr ',' '\n' <assets/demo-bundle/gongkai-bundle/$csv.csv | tr -d '"' >"$T/$csv.txt"
	"$DRV" doc "$T/$csv.txt" "$T/$csv.pdf" --title "$csv" >/dev/null 2>&1 &&
		glyph_check "glyphs_demo_$csv" "$T/$csv.pdf" || bad "glyphs_demo_$csv" "render failed"
done

"$DRV" list 400 "$T/list.pdf" --title "补贴名单 2025年" >/dev/null 2>&1 &&
	glyph_check glyphs_subsidy_list_rare_names "$T/list.pdf" || bad glyphs_subsidy_list_rare_names "render failed"
"$DRV" test-page "$T/test.pdf" "东乡街道便民服务中心" >/dev/null 2>&1 &&
	glyph_check glyphs_test_page "$T/test.pdf" || bad glyphs_test_page "render failed"

# All 3,755 level-1 characters of GB 2312 (rows 16-55), in lines of 40.
printf '' >"$T/gb.txt"
r=16
while [ $r -le 55 ]; do
	c=1
	while [ $c -le 94 ]; do
		[ $r -eq 55 ] && [ $c -gt 89 ] && break
		printf "\\$(printf %o $((r + 160)))\\$(printf %o $((c + 160)))"
		c=$((c + 1))
	done
	echo
	r=$((r + 1))
done | iconv -f GB2312 -t UTF-8 >"$T/gb.txt"
chars=$(tr -d '\n' <"$T/gb.txt" | wc -m)
[ "$chars" -eq 3755 ] && ok glyphs_gb2312_table_built || bad glyphs_gb2312_table_built "$chars characters"
"$DRV" doc "$T/gb.txt" "$T/gb.pdf" --title "GB2312" >/dev/null 2>&1 &&
	glyph_check glyphs_gb2312_level1 "$T/gb.pdf" || bad glyphs_gb2312_level1 "render failed"
pdftotext "$T/gb.pdf" - | grep -q '如' && ok glyphs_text_layer_keeps_ru || bad glyphs_text_layer_keeps_ru "如 not in the text layer"

# 如 alone on a page, rasterised: the page has ink where it stands. The
# body line sits below the title; compare with a page whose body is a space.
printf '如如如如如如如如如如如如如如如如如如如如\n' >"$T/ru.txt"
printf '　\n' >"$T/blank.txt"
"$DRV" doc "$T/ru.txt" "$T/ru.pdf" --title "x" --time "2026-01-01 00:00" >/dev/null 2>&1
"$DRV" doc "$T/blank.txt" "$T/blank.pdf" --title "x" --time "2026-01-01 00:00" >/dev/null 2>&1
ink() { pdftoppm -r 50 -gray "$1" | tail -c +16 | od -An -v -tu1 | tr -s ' ' '\n' | awk '$1 != "" && $1 < 128 { n++ } END { print n + 0 }'; }
a=$(ink "$T/ru.pdf")
b=$(ink "$T/blank.pdf")
if [ "$a" -gt $((b + 40)) ]; then
	ok glyphs_ru_has_ink
else
	bad glyphs_ru_has_ink "dark pixels $a with 如, $b without"
fi

# The tool can fail: the same words drawn by pango-view, which embeds a CFF
# subset through cairo, lose 如.
if command -v pango-view >/dev/null 2>&1; then
	pango-view --no-display --font="Noto Sans CJK SC 20" --text="公示如下" --output="$T/pv.pdf" 2>/dev/null
	e=$(empty_glyphs "$T/pv.pdf")
	case "$e" in
	0) echo "SKIP: glyphs_tool_sees_cairo_subset_loss: this cairo keeps 如 in its subsets" ;;
	[1-9]*) ok glyphs_tool_sees_cairo_subset_loss ;;
	*) bad glyphs_tool_sees_cairo_subset_loss "pango-view's PDF could not be read ($e)" ;;
	esac
fi
exit 0
