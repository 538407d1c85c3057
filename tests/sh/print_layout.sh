#!/bin/sh
# print_layout.sh - the printed page read back as a typesetter would check
# it (pdftotext -layout): body paragraphs start two characters in, a list
# never ends on a page holding only its total, the header row repeats on
# every page, narrow headers do not wrap, and a document's 落款 never
# stands alone on its last page.
. tests/lib/common.sh
DRV="$GK_BUILD/tools/print_driver"
for t in pdftotext pdfinfo; do
	command -v "$t" >/dev/null 2>&1 || { bad print_layout "$t not installed"; exit 1; }
done
pages() { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }

# First-line indent: the paragraph 为贯彻落实… begins further right than the
# line that continues it.
"$DRV" doc "$CORPUS/wushan-2021-48.txt" "$T/w.pdf" >/dev/null 2>&1
pdftotext -layout -f 1 -l 1 "$T/w.pdf" "$T/w.txt"
first=$(grep -n '为贯彻落实' "$T/w.txt" | head -n 1 | cut -d: -f1)
if [ -n "$first" ]; then
	a=$(sed -n "${first}p" "$T/w.txt" | sed 's/[^ ].*//' | wc -c)
	b=$(sed -n "$((first + 1))p" "$T/w.txt" | sed 's/[^ ].*//' | wc -c)
	[ "$a" -gt "$((b + 2))" ] && ok print_layout_first_line_indent ||
		bad print_layout_first_line_indent "first line at $a, next at $b"
else
	bad print_layout_first_line_indent "paragraph not found"
fi
# The salutation stays flush with the continuation lines.
s=$(grep '各乡镇人民政府、街道办事处' "$T/w.txt" | head -n 1 | sed 's/[^ ].*//' | wc -c)
[ "$s" -le "$((b + 1))" ] && ok print_layout_salutation_flush || bad print_layout_salutation_flush "at $s"

# Lists of 25 to 45 rows: the last page always holds rows, not only totals.
n=25
lone=""
while [ $n -le 45 ]; do
	"$DRV" list $n "$T/l.pdf" >/dev/null 2>&1
	p=$(pages "$T/l.pdf")
	rows=$(pdftotext -layout -f "$p" -l "$p" "$T/l.pdf" - | grep -c -E '^ *[0-9]+ +[^ ]')
	[ "$rows" -ge 1 ] || lone="$lone $n"
	n=$((n + 1))
done
[ -z "$lone" ] && ok print_layout_no_page_with_only_a_total ||
	bad print_layout_no_page_with_only_a_total "lists of$lone rows"

# The header repeats on every page of a long list; 补贴依据 and 村（社区）
# stay on one line.
"$DRV" list 300 "$T/big.pdf" >/dev/null 2>&1
p=$(pages "$T/big.pdf")
i=1
missing=""
while [ $i -le "$p" ]; do
	pdftotext -layout -f $i -l $i "$T/big.pdf" - | grep -q '身份证号' || missing="$missing $i"
	i=$((i + 1))
done
[ "$p" -ge 5 ] && [ -z "$missing" ] && ok print_layout_header_on_every_page ||
	bad print_layout_header_on_every_page "$p pages, no header on:$missing"
pdftotext -layout -f 1 -l 1 "$T/big.pdf" - | grep -q '村（社区）' && ok print_layout_narrow_headers_whole ||
	bad print_layout_narrow_headers_whole "村（社区） wrapped"

# The 落款 of the 低保 notice is printed with the text above it.
f=assets/demo-bundle/gongkai-bundle/bodies/2026-dongxiang-dibao-q3.txt
"$DRV" doc "$f" "$T/d.pdf" >/dev/null 2>&1
p=$(pages "$T/d.pdf")
last=$(pdftotext -layout -f "$p" -l "$p" "$T/d.pdf" - | grep -v -e '^ *$' -e '索引号' -e '便民服务中心' -e '东乡街道办事处' -e '年10月9日' | wc -l)
[ "$last" -ge 1 ] && ok print_layout_sign_not_alone || bad print_layout_sign_not_alone "last page holds only the 落款"
pdftotext -layout -f "$p" -l "$p" "$T/d.pdf" - | grep '2026年10月9日' | grep -q '^                              ' &&
	ok print_layout_sign_right || bad print_layout_sign_right "the date is not on the right"

# 大字版: larger type (the same document takes clearly more pages), fewer
# columns for lists (no id or account column), and one person's slip of a
# dozen lines still fits its page.
"$DRV" doc "$CORPUS/wushan-2021-48.txt" "$T/n.pdf" >/dev/null 2>&1
"$DRV" doc "$CORPUS/wushan-2021-48.txt" "$T/big.pdf" --large 1 >/dev/null 2>&1
n=$(pages "$T/n.pdf")
l=$(pages "$T/big.pdf")
[ "$((l * 10))" -ge "$((n * 14))" ] && ok "print_layout_large_type ($n → $l pages)" ||
	bad print_layout_large_type "$n pages normal, $l large"
"$DRV" list 300 "$T/ln.pdf" >/dev/null 2>&1
"$DRV" list 300 "$T/ll.pdf" --large 1 >/dev/null 2>&1
pdftotext -layout -f 1 -l 1 "$T/ln.pdf" - | grep -q '身份证号' &&
	! pdftotext -layout -f 1 -l 1 "$T/ll.pdf" - | grep -q '身份证号\|一卡通账号' &&
	pdftotext -layout -f 1 -l 1 "$T/ll.pdf" - | grep -q '姓名' &&
	ok print_layout_large_fewer_columns || bad print_layout_large_fewer_columns "id or account column still printed"
"$DRV" list 12 "$T/slip.pdf" --large 1 >/dev/null 2>&1
[ "$(pages "$T/slip.pdf")" = 1 ] && ok print_layout_large_slip_one_page ||
	bad print_layout_large_slip_one_page "$(pages "$T/slip.pdf") pages"
exit 0
