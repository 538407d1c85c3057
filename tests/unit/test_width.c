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

/* Returns width_printable(s) in a static buffer (freed here). */
static char *printable(const char *s)
{
	static char out[512];
	char *p = width_printable(s);

	snprintf(out, sizeof out, "%s", p);
	free(p);
	return out;
}

/* Text for a staff terminal: controls become visible escapes, bidi and
 * zero-width characters are named, invalid bytes are U+FFFD. */
static void printable_text(void)
{
	CHECK_STR(printable("县政府 abc"), "县政府 abc");
	CHECK_STR(printable(NULL), "");
	CHECK_STR(printable("a\x1b[31mb\x07" "c"), "a\\x1B[31mb\\x07c");
	CHECK_STR(printable("\x7f\t\n\r"), "\\x7F\\x09\\x0A\\x0D");
	CHECK_STR(printable("\xc2\x9b" "2J"), "\\u009B2J");     /* C1 CSI */
	CHECK_STR(printable("x\xe2\x80\xae" "y"), "x\\u202Ey");  /* RLO */
	CHECK_STR(printable("\xe2\x81\xa6\xe2\x81\xa9"), "\\u2066\\u2069");
	CHECK_STR(printable("a\xe2\x80\x8b\xe2\x80\x8d\xe2\x81\xa0\xef\xbb\xbf" "b"),
		  "a\\u200B\\u200D\\u2060\\uFEFFb");
	CHECK_STR(printable("x\xff\xe4\xb8y"), "x\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDy");
	CHECK_STR(printable("\xe4\xb6\xae\xf0\xa0\x80\x80"), "䶮𠀀");
	/* Whatever goes in, no byte below 0x20, no DEL and no raw bidi comes out. */
	{
		char all[256];
		const char *p;

		for (int i = 1; i < 256; i++)
			all[i - 1] = (char)i;
		all[255] = '\0';
		p = printable(all);
		for (; *p; p++)
			CHECK((unsigned char)*p >= 0x20 && (unsigned char)*p != 0x7F);
	}
}

/* The kiosk screen drops bidi overrides and zero-width characters and shows
 * every other control as U+FFFD. */
static void fitting_invisible(void)
{
	CHECK_STR(fit("abc\xe2\x80\xae" "def", 10, 0), "abcdef");
	CHECK_STR(fit("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad\xe2\x81\xa7\xe2\x81\xa8z", 10, 0), "z");
	CHECK_STR(fit("a\xe2\x80\x8b\xe2\x80\x8c\xe2\x80\x8d\xe2\x81\xa0\xef\xbb\xbf" "b", 10, 0), "ab");
	CHECK_STR(fit("\xe2\x80\x8f\xe2\x80\x8e" "中文", 10, 1), "中文      ");
	CHECK_STR(fit("\x1b[31m\x07\x7f\xc2\x9b", 10, 0),
		  "\xEF\xBF\xBD[31m\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	CHECK_INT(width_str("ab\xe2\x80\xae\xe2\x80\x8b"), 2);
	/* The cut still fits: "…" and no override inside it. */
	CHECK_STR(fit("\xe2\x80\xae" "中文字", 5, 0), "中文…");
	{
		char *c = width_clean("x\xe2\x80\xae" "y\xe2\x80\x8bz");
		CHECK_STR(c, "xyz");
		free(c);
	}
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
	TEST(printable_text);
	TEST(fitting_invisible);
	TEST(wrapping_rules);
	TEST(body_blocks);
	TEST(fields);
	return CHECK_EXIT();
}
