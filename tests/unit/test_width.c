/*
 * test_width.c - columns, cuts and wrapping: CJK, Ext-A 䶮, mixed Latin,
 * invalid bytes, and the Chinese line-breaking rules of the reader.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/layout.h"
#include "kiosk/util.h"
#include "kiosk/width.h"
#include "tests/unit/check.h"

/* Fits s into cols and returns the result (static buffer per call site). */
static char *fit(const char *s, int cols, int pad)
{
	static char out[256];
	struct sbuf b = {0};

	if (pad)
		width_pad(&b, s, cols);
	else
		width_fit(&b, s, cols);
	snprintf(out, sizeof out, "%s", sbuf_str(&b));
	sbuf_free(&b);
	return out;
}

/* Measures Hanzi, Ext-A, Latin and punctuation in columns. */
static void columns(void)
{
	CHECK_INT(width_str("abc"), 3);
	CHECK_INT(width_str("中文"), 4);
	CHECK_INT(width_str("䶮"), 2);           /* U+4DAE, CJK Ext-A */
	CHECK_INT(width_str("𠀀"), 2);           /* U+20000, Ext-B */
	CHECK_INT(width_str("王䶮abc，"), 9);
	CHECK_INT(width_str("巫山府办发〔2021〕48号"), 22);
	CHECK_INT(width_str(NULL), 0);
	CHECK_INT(width_str("a\xff" "b"), 3);    /* the bad byte is one U+FFFD */
}

/* Cuts at character boundaries with the marker inside the cell. */
static void fitting(void)
{
	CHECK_STR(fit("中文字", 6, 0), "中文字");
	CHECK_STR(fit("中文字", 5, 0), "中文…");
	CHECK_STR(fit("中文字", 4, 0), "中…");
	CHECK_STR(fit("中文字", 4, 1), "中… ");
	CHECK_STR(fit("䶮䶮䶮", 3, 1), "䶮…");
	CHECK_STR(fit("䶮䶮䶮", 4, 1), "䶮… ");
	CHECK_STR(fit("ab中", 3, 0), "ab…");
	CHECK_STR(fit("ab", 5, 1), "ab   ");
	CHECK_STR(fit("a\tb\nc", 10, 0), "a b c");
	CHECK_STR(fit("x\xe4\xb8y", 10, 0), "x\xEF\xBF\xBD\xEF\xBF\xBDy"); /* each bad byte */
	CHECK_STR(fit("\x01z", 10, 0), "\xEF\xBF\xBDz");
	CHECK_INT(width_str(fit("王䶮 Li Xiuying 李秀英", 11, 0)), 11);
	CHECK_INT(width_offset("中文ab", 0), 0);
	CHECK_INT(width_offset("中文ab", 1), 0);
	CHECK_INT(width_offset("中文ab", 2), 3);
	CHECK_INT(width_offset("中文ab", 5), 7);
}

/* Joins a layout's lines with '|'. */
static char *joined(struct layout *l)
{
	static char out[1024];
	struct sbuf b = {0};

	for (int i = 0; i < l->n; i++) {
		if (i)
			sbuf_addc(&b, '|');
		sbuf_add(&b, l->lines[i].text);
	}
	snprintf(out, sizeof out, "%s", sbuf_str(&b));
	sbuf_free(&b);
	return out;
}

/* Wraps text at cols and returns the joined lines. */
static char *wrap(const char *text, int cols)
{
	struct layout l;
	char *r;

	layout_init(&l, cols);
	layout_body(&l, text);
	r = joined(&l);
	layout_free(&l);
	return r;
}

/* Closing punctuation never starts a line; the character before it comes
 * down too. Opening brackets never end one. */
static void wrapping_rules(void)
{
	CHECK_STR(wrap("一二三四五六", 8), "一二三四|五六");
	CHECK_STR(wrap("一二三四，五六", 8), "一二三|四，五六");
	CHECK_STR(wrap("一二三四」。五六", 8), "一二三|四」。五|六");
	CHECK_STR(wrap("一二三」。五六", 6), "一二|三」。|五六");
	CHECK_STR(wrap("一二三《四五》", 8), "一二三|《四五》");
	CHECK_STR(wrap("一二三（四", 8), "一二三|（四");
	CHECK_STR(wrap("ab cdef gh", 6), "ab|cdef|gh");
	CHECK_STR(wrap("ab cd ef", 6), "ab cd|ef");
	CHECK_STR(wrap("第2021号文件", 8), "第2021号|文件");
	CHECK_STR(wrap("abcdefghij", 4), "abcd|efgh|ij");
	CHECK_STR(wrap("䶮䶮䶮 ok", 7), "䶮䶮䶮|ok");
}

/* Blank runs collapse, leading tabs indent, tab rows become aligned columns. */
static void body_blocks(void)
{
	CHECK_STR(wrap("甲\n\n\n\n乙\n", 20), "甲||乙");
	CHECK_STR(wrap("\t缩进", 20), "  缩进");
	CHECK_STR(wrap("a\tbb\nccc\td\n", 20), "a    bb|ccc  d");
	CHECK_STR(wrap("姓名\t金额\n李秀英\t120.00\n", 30), "姓名    金额|李秀英  120.00");
}

/* Fields: the label padded, the value wrapped under itself. */
static void fields(void)
{
	struct layout l;

	layout_init(&l, 30);
	layout_field(&l, "标题", 10, "关于做好二〇二六年度耕地地力保护补贴发放工作的通知", LAYOUT_FIELD, -1);
	CHECK_INT(l.n, 3);
	CHECK_STR(l.lines[0].text, "标题：    关于做好二〇二六年度");
	CHECK_INT(l.lines[0].label_cols, 10);
	CHECK_STR(l.lines[1].text, "          耕地地力保护补贴发放");
	for (int i = 0; i < l.n; i++)
		CHECK(width_str(l.lines[i].text) <= 30);
	layout_free(&l);
}

/* Runs the tests. */
int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	TEST(columns);
	TEST(fitting);
	TEST(wrapping_rules);
	TEST(body_blocks);
	TEST(fields);
	return CHECK_EXIT();
}
