/*
 * test_field.c - the text field (tui/field.c) driven as the kiosk drives
 * it, on the off-screen surface: editing by character with wide and astral
 * characters (the cursor never inside one), limits in characters, columns
 * when drawn and scrolled, the PIN mask, the pinyin input through the
 * field (a search's query while composing, taking a candidate, Enter), the
 * on-screen keyboard by clicks, and thousands of random edits that must
 * keep the text valid UTF-8.
 */
#include "tests/unit/check.h"

#include <curses.h>
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/db.h"
#include "kiosk/config.h"
#include "kiosk/ime.h"
#include "kiosk/util.h"
#include "kiosk/width.h"
#include "tui/offscreen.h"
#include "tui/tui.h"
#include "tui/widget.h"

#include "tests/unit/surface.h"

/* Feeds one request to the field. */
static int req(struct tui_field *f, int r)
{
	struct tui_event ev = { .req = r };

	return tui_field_key(T, f, &ev);
}

/* Types UTF-8 text one code point at a time. */
static int type(struct tui_field *f, const char *s)
{
	int r = 0;

	while (*s) {
		uint32_t cp;
		int n = width_decode(s, strlen(s), &cp);
		struct tui_event ev = { .req = REQ_TEXT, .ch = (int)cp, .text = 1 };

		r = tui_field_key(T, f, &ev);
		s += n;
	}
	return r;
}

/* Returns 1 when the cursor sits on a character boundary of valid UTF-8. */
static int cursor_ok(const struct tui_field *f)
{
	const char *s = tui_field_text(f);
	size_t len = strlen(s), i = 0;

	if (f->cursor > len)
		return 0;
	while (i < len) {
		uint32_t cp;
		int n = width_decode(s + i, len - i, &cp);

		if (cp == WIDTH_REPLACEMENT && (unsigned char)s[i] != 0xEF)
			return 0; /* invalid UTF-8 got in */
		if (i < f->cursor && f->cursor < i + (size_t)n)
			return 0;
		i += (size_t)n;
	}
	return 1;
}

/* Counts code points. */
static size_t chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* Returns row y of a field drawn alone at (y, 0) w columns wide. */
static char *draw_row(struct tui_field *f, int w)
{
	struct sbuf screen = {0};
	char *row, *nl, *p;
	int y = 5;

	erase();
	tui_targets_reset(T);
	tui_field_draw(T, f, y, 0, w);
	tui_offscreen_dump(off, &screen);
	p = screen.s;
	for (int i = 0; i < y && p; i++) {
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	row = xstrdup(p ? p : "");
	nl = strchr(row, '\n');
	if (nl)
		*nl = '\0';
	sbuf_free(&screen);
	return row;
}

/* Wide, astral and joined characters move, erase and delete as one. */
static void test_edit_by_character(void)
{
	struct tui_field f;

	tui_field_init(&f, TUI_FIELD_NUMBER, 0); /* direct input: keys are text */
	tui_field_focus(T, &f);
	type(&f, "a中𠮷·");
	CHECK_STR(tui_field_text(&f), "a中𠮷·");
	CHECK_INT(f.cursor, strlen("a中𠮷·"));
	req(&f, REQ_LEFT);
	CHECK_INT(f.cursor, strlen("a中𠮷"));
	req(&f, REQ_LEFT);
	CHECK_INT(f.cursor, strlen("a中"));
	req(&f, REQ_ERASE);
	CHECK_STR(tui_field_text(&f), "a𠮷·");
	CHECK_INT(f.cursor, 1);
	req(&f, REQ_DELETE);
	CHECK_STR(tui_field_text(&f), "a·");
	req(&f, REQ_LINESTART);
	CHECK_INT(f.cursor, 0);
	req(&f, REQ_ERASE); /* nothing before the cursor */
	CHECK_STR(tui_field_text(&f), "a·");
	type(&f, "䶮");
	CHECK_STR(tui_field_text(&f), "䶮a·");
	req(&f, REQ_LINEEND);
	CHECK_INT(f.cursor, strlen("䶮a·"));
	req(&f, REQ_DELETE); /* nothing after it */
	CHECK_STR(tui_field_text(&f), "䶮a·");
	type(&f, "p/ 1");
	CHECK_STR(tui_field_text(&f), "䶮a·p/ 1");
	/* Control characters never enter, however they come. */
	tui_field_set(&f, "a\tb\x1b[2Jc\x7f\xc2\x9b");
	CHECK_STR(tui_field_text(&f), "ab[2Jc");
	CHECK(cursor_ok(&f));
	CHECK_INT(req(&f, REQ_BACK), TUI_FIELD_ESCAPED);
	CHECK_INT(req(&f, REQ_ENTER), TUI_FIELD_KEPT);
	tui_field_blur(T, &f);
	tui_field_free(&f);
}

/* Limits count characters, not bytes; a name takes 50 of them. */
static void test_limits(void)
{
	struct tui_field f;
	const char *name = "阿依古丽·买买提";
	struct sbuf long_name = {0};

	tui_field_init(&f, TUI_FIELD_NUMBER, 5);
	tui_field_focus(T, &f);
	type(&f, "𠮷𠮷𠮷𠮷𠮷𠮷𠮷");
	CHECK_INT(chars(tui_field_text(&f)), 5);
	CHECK_INT(strlen(tui_field_text(&f)), 20);
	CHECK(f.full);
	tui_field_set(&f, "一二三四五六七");
	CHECK_STR(tui_field_text(&f), "一二三四五");
	tui_field_blur(T, &f);
	tui_field_free(&f);

	tui_field_init(&f, TUI_FIELD_NAME, 50);
	while (chars(sbuf_str(&long_name)) + chars(name) <= 50)
		sbuf_add(&long_name, name);
	sbuf_add(&long_name, "𠮷𠮷");
	tui_field_set(&f, sbuf_str(&long_name));
	CHECK_INT(chars(tui_field_text(&f)), 50);
	CHECK(strncmp(tui_field_text(&f), "阿依古丽·买买提阿依古丽", strlen("阿依古丽·买买提阿依古丽")) == 0);
	sbuf_free(&long_name);
	tui_field_free(&f);
}

/* Drawn in columns: a long text scrolls so the cursor shows; the field
 * never draws past its width; a PIN shows only stars. */
static void test_draw_columns(void)
{
	struct tui_field f;
	char *row;

	tui_field_init(&f, TUI_FIELD_NUMBER, 0);
	tui_field_focus(T, &f);
	type(&f, "一二三四五六七八九十𠮷𠮷𠮷甲乙丙丁");
	row = draw_row(&f, 14); /* too narrow for the mode button: 14 columns of text */
	CHECK(strstr(row, "乙丙丁") != NULL);
	CHECK(strstr(row, "一二") == NULL);
	CHECK(width_str(row) <= 14);
	free(row);
	req(&f, REQ_LINESTART);
	row = draw_row(&f, 14);
	CHECK(strncmp(row, "一二三", strlen("一二三")) == 0);
	CHECK(strstr(row, "丁") == NULL);
	free(row);
	/* With the buttons: 拼音/直接 and 键盘 beside the text. */
	row = draw_row(&f, 40);
	CHECK(strstr(row, "直接") != NULL);
	CHECK(strstr(row, "键盘") != NULL);
	free(row);
	tui_field_blur(T, &f);
	tui_field_free(&f);

	tui_field_init(&f, TUI_FIELD_PIN, 8);
	tui_field_focus(T, &f);
	type(&f, "2580");
	row = draw_row(&f, 30);
	CHECK(strstr(row, "****") != NULL);
	CHECK(strstr(row, "2580") == NULL);
	free(row);
	CHECK_STR(tui_field_text(&f), "2580");
	tui_field_blur(T, &f);
	tui_field_free(&f);
}

/* Thousands of random edits keep the text valid and the cursor on a
 * character. */
static void test_random_edits(void)
{
	static const char *const bits[] = { "a", "中", "𠮷", "·", "䶮", " ", "é", "\xff" };
	static const int reqs[] = { REQ_LEFT, REQ_RIGHT, REQ_ERASE, REQ_DELETE, REQ_LINESTART, REQ_LINEEND };
	struct tui_field f;
	unsigned seed = 12345;
	int bad = 0;

	tui_field_init(&f, TUI_FIELD_NUMBER, 30);
	tui_field_focus(T, &f);
	for (int i = 0; i < 20000; i++) {
		seed = seed * 1103515245u + 12345u;
		if ((seed >> 16) % 3 == 0) {
			const char *b = bits[(seed >> 8) % 8];

			if (b[0] == '\xff')
				tui_field_set(&f, "x\xff\xfey");
			else
				type(&f, b);
		} else {
			req(&f, reqs[(seed >> 8) % 6]);
		}
		if (!cursor_ok(&f) || chars(tui_field_text(&f)) > 30)
			bad++;
	}
	CHECK_INT(bad, 0);
	tui_field_blur(T, &f);
	tui_field_free(&f);
}

/* Pinyin through the field: the search query while composing, a candidate
 * taken by digit, Enter keeps the letters and closes, Tab cycles modes. */
static void test_pinyin_in_field(void)
{
	struct tui_field f;
	struct sbuf q = {0};

	if (!ime) {
		printf("  (no input method: skipped)\n");
		check_failed_in_test = 1;
		return;
	}
	tui_field_init(&f, TUI_FIELD_SEARCH, 60);
	tui_field_focus(T, &f);
	CHECK_INT(f.mode, IME_PINYIN);
	CHECK_INT(type(&f, "lxy"), TUI_FIELD_CHANGED);
	CHECK_STR(tui_field_text(&f), ""); /* still composing */
	tui_field_query(T, &f, &q);
	CHECK_STR(sbuf_str(&q), "lxy"); /* initials while composing */
	CHECK_INT(req(&f, REQ_ENTER), TUI_FIELD_KEPT);
	CHECK_STR(tui_field_text(&f), "lxy");
	tui_field_set(&f, "");
	type(&f, "wangfang");
	tui_field_query(T, &f, &q);
	CHECK_STR(sbuf_str(&q), "王芳"); /* syllables: the first candidate */
	type(&f, "1");
	CHECK_STR(tui_field_text(&f), "王芳");
	type(&f, " "); /* nothing composed: Space is text */
	CHECK_STR(tui_field_text(&f), "王芳 ");
	type(&f, "12"); /* digits too */
	CHECK_STR(tui_field_text(&f), "王芳 12");
	/* Tab: 拼音 → 笔画 → 直接 → 拼音 */
	req(&f, REQ_MODE);
	CHECK_INT(f.mode, IME_STROKE);
	tui_field_set(&f, "");
	type(&f, "1121"); /* 王 in strokes */
	CHECK_STR(tui_field_text(&f), "");
	req(&f, REQ_ENTER); /* takes the highlighted one and stays open */
	CHECK_STR(tui_field_text(&f), "王");
	CHECK(f.focused);
	req(&f, REQ_MODE);
	CHECK_INT(f.mode, IME_DIRECT);
	type(&f, "ab");
	CHECK_STR(tui_field_text(&f), "王ab");
	req(&f, REQ_MODE);
	CHECK_INT(f.mode, IME_PINYIN);
	/* Esc first drops what is composed, then leaves the field. */
	type(&f, "zh");
	CHECK_INT(req(&f, REQ_BACK), TUI_FIELD_CHANGED);
	CHECK_STR(tui_field_text(&f), "王ab");
	CHECK_INT(req(&f, REQ_BACK), TUI_FIELD_ESCAPED);
	sbuf_free(&q);
	tui_field_blur(T, &f);
	tui_field_free(&f);

	/* A name field ranks whole names first. */
	tui_field_init(&f, TUI_FIELD_NAME, 50);
	tui_field_focus(T, &f);
	type(&f, "lixiuying");
	type(&f, " ");
	CHECK_STR(tui_field_text(&f), "李秀英");
	tui_field_blur(T, &f);
	tui_field_free(&f);
}

/* Clicks on the drawn keyboard and candidates type as keys would. */
static void test_keyboard_clicks(void)
{
	struct tui_field f;
	struct sbuf screen = {0};
	int found = 0;

	if (!ime) {
		check_failed_in_test = 1;
		return;
	}
	tui_field_init(&f, TUI_FIELD_SEARCH, 60);
	tui_field_focus(T, &f);
	req(&f, REQ_KEYBOARD);
	CHECK(f.osk);
	/* Find each letter of "wang" on the drawn keyboard and click it. */
	for (const char *k = "wangfang"; *k; k++) {
		struct tui_event ev = { .req = REQ_CLICK };
		char *p, *line;
		int y = 0;

		erase();
		tui_targets_reset(T);
		tui_field_draw(T, &f, 1, 0, 60);
		tui_field_draw_popups(T, &f, 2);
		sbuf_reset(&screen);
		tui_offscreen_dump(off, &screen);
		found = 0;
		for (line = screen.s; line && !found; y++) {
			char key[8];

			snprintf(key, sizeof key, " %c ", *k);
			p = strstr(line, key);
			if (p && (!strchr(line, '\n') || p < strchr(line, '\n')) && strstr(line, "│")) {
				ev.y = y;
				ev.x = width_strn(line, (size_t)(p - line)) + 1;
				found = 1;
			}
			line = strchr(line, '\n');
			if (line)
				line++;
		}
		CHECK(found);
		if (!found)
			break;
		tui_field_key(T, &f, &ev);
	}
	/* The candidate bar is above the keyboard: click 王芳 on it. */
	{
		struct sbuf q = {0};

		tui_field_query(T, &f, &q);
		CHECK_STR(sbuf_str(&q), "王芳");
		sbuf_free(&q);
	}
	erase();
	tui_targets_reset(T);
	tui_field_draw(T, &f, 1, 0, 60);
	tui_field_draw_popups(T, &f, 2);
	sbuf_reset(&screen);
	tui_offscreen_dump(off, &screen);
	{
		int y = 0;
		char *line = screen.s;

		found = 0;
		for (; line && !found; y++) {
			char *p = strstr(line, "王芳"), *nl = strchr(line, '\n');

			if (p && (!nl || p < nl) && y > 1) {
				struct tui_event ev = { .req = REQ_CLICK, .y = y,
							.x = width_strn(line, (size_t)(p - line)) };

				tui_field_key(T, &f, &ev);
				found = 1;
			}
			line = nl ? nl + 1 : NULL;
		}
	}
	CHECK(found);
	CHECK_STR(tui_field_text(&f), "王芳");
	sbuf_free(&screen);
	tui_field_blur(T, &f);
	tui_field_free(&f);
}

/* Runs the field tests on a surface over an empty database. */
int main(void)
{
	if (surface_open() < 0)
		return 1;
	TEST(test_edit_by_character);
	TEST(test_limits);
	TEST(test_draw_columns);
	TEST(test_random_edits);
	TEST(test_pinyin_in_field);
	TEST(test_keyboard_clicks);
	surface_close();
	return CHECK_EXIT();
}
