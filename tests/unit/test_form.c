/*
 * test_form.c - the form widget (tui/form.c) driven on the off-screen
 * surface as the application form will drive it: 姓名 (required),
 * 身份证号码 (the GB 11643 check digit, by kiosk/fields.h) and 联系电话
 * (optional, a phone check). A required answer left empty and a wrong
 * check digit keep the person on the question with a message in plain
 * Chinese; Enter and Down go on, Up goes back, Tab only changes the input
 * mode; Enter on the last question finishes; one question per screen goes
 * back with Esc keeping the answers; a click on another question's row
 * takes focus there; the step, label and example show at 80x24 and
 * 200x60; freeing leaves nothing behind.
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
#include "kiosk/fields.h"
#include "kiosk/ime.h"
#include "kiosk/util.h"
#include "kiosk/width.h"
#include "tui/offscreen.h"
#include "tui/tui.h"
#include "tui/widget.h"

#include "tests/unit/surface.h"

/* A valid id (the standard's own example) and the same with a wrong check digit. */
#define ID_GOOD "11010519491231002X"
#define ID_BAD_CHECK "110105194912310021"

/* Checks a resident id with the importer's rule (kiosk/fields.h), saying
 * which part is wrong. */
static int check_id(const char *text, char *msg, size_t msglen)
{
	char masked[19];
	const char *why = NULL;

	if (field_resident_id_valid(text))
		return 0;
	if (strlen(text) != 18)
		snprintf(msg, msglen, "身份证号码是 18 位，请再核对一遍");
	else if (field_resident_id(text, masked, &why) == ID_BAD && why && strstr(why, "校验位"))
		snprintf(msg, msglen, "身份证号码的校验位不对，请再核对一遍");
	else
		snprintf(msg, msglen, "身份证号码不对，请再核对一遍");
	return -1;
}

/* Checks a phone: a mobile (11 digits from 1) or a landline with its area
 * code (from 0, 10 to 12 digits, one dash allowed after the area code). */
static int check_phone(const char *text, char *msg, size_t msglen)
{
	size_t digits = 0, dashes = 0;
	int other = 0;

	for (const char *p = text; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (*p == '-' && digits >= 3 && !dashes)
			dashes++;
		else
			other = 1;
	}
	if (!other && ((text[0] == '1' && !dashes && digits == 11) ||
		       (text[0] == '0' && digits >= 10 && digits <= 12)))
		return 0;
	snprintf(msg, msglen, "联系电话请填 11 位手机号码，或带区号的座机号码");
	return -1;
}

static const struct tui_form_item items[] = {
	{ .label = "姓名", .example = "例如：王秀英", .kind = TUI_FIELD_NAME, .max_chars = 50, .required = 1 },
	{ .label = "身份证号码", .example = "例如：" ID_GOOD, .kind = TUI_FIELD_NUMBER, .max_chars = 18,
	  .required = 1, .check = check_id },
	{ .label = "联系电话", .example = "例如：13800138000", .kind = TUI_FIELD_NUMBER, .max_chars = 20,
	  .check = check_phone },
};
#define NITEMS ((int)(sizeof items / sizeof items[0]))

/* Feeds one request to the form. */
static int req(struct tui_form *fm, int r)
{
	struct tui_event ev = { .req = r };

	return tui_form_key(T, fm, &ev);
}

/* Types UTF-8 text one code point at a time; returns the last result. */
static int type(struct tui_form *fm, const char *s)
{
	int r = 0;

	while (*s) {
		uint32_t cp;
		int n = width_decode(s, strlen(s), &cp);
		struct tui_event ev = { .req = REQ_TEXT, .ch = (int)cp, .text = 1 };

		r = tui_form_key(T, fm, &ev);
		s += n;
	}
	return r;
}

/* Starts the three-question form with the first question focused. */
static void form_start(struct tui_form *fm, int one_per_screen)
{
	tui_form_init(T, fm, items, NITEMS, one_per_screen);
}

/* Ends a form as a screen's leave op would. */
static void form_end(struct tui_form *fm)
{
	tui_form_free(T, fm);
}

/* Draws the form over a blank screen in rows 1 .. rows - 3 and appends the
 * screen's text to out (reset first). */
static void draw_form(struct tui_form *fm, struct sbuf *out)
{
	erase();
	tui_targets_reset(T);
	tui_form_draw(T, fm, 1, tui_rows(T) - 3);
	sbuf_reset(out);
	tui_offscreen_dump(off, out);
}

/* Returns the screen row whose text holds s (from row 0), or -1. */
static int row_of(const char *screen, const char *s)
{
	int y = 0;

	for (const char *line = screen; line; y++) {
		const char *nl = strchr(line, '\n'), *p = strstr(line, s);

		if (p && (!nl || p < nl))
			return y;
		line = nl ? nl + 1 : NULL;
	}
	return -1;
}

/* Enter on an empty required answer says so and stays. */
static void test_required(void)
{
	struct tui_form fm;
	struct sbuf screen = {0};

	form_start(&fm, 0);
	CHECK_INT(req(&fm, REQ_ENTER), TUI_FORM_REDRAW);
	CHECK_INT(fm.focus, 0);
	CHECK_STR(fm.msg[0], "请填写姓名");
	draw_form(&fm, &screen);
	CHECK(strstr(sbuf_str(&screen), "请填写姓名") != NULL);
	type(&fm, "   "); /* spaces are no answer */
	CHECK_INT(req(&fm, REQ_ENTER), TUI_FORM_REDRAW);
	CHECK_INT(fm.focus, 0);
	CHECK_STR(fm.msg[0], "请填写姓名");
	/* Typing clears the message. */
	tui_field_set(&fm.fields[0], "");
	type(&fm, "王");
	CHECK_STR(fm.msg[0], "");
	sbuf_free(&screen);
	form_end(&fm);
}

/* Enter and Down go to the next question, Up to the one before; Tab
 * changes the input mode and never the question. */
static void test_moves(void)
{
	struct tui_form fm;

	form_start(&fm, 0);
	type(&fm, "王秀英"); /* nothing composed: Hanzi go straight in */
	CHECK_STR(tui_field_text(&fm.fields[0]), "王秀英");
	CHECK_INT(req(&fm, REQ_ENTER), TUI_FORM_REDRAW);
	CHECK_INT(fm.focus, 1);
	CHECK(fm.fields[1].focused);
	CHECK(!fm.fields[0].focused);
	CHECK_INT(req(&fm, REQ_UP), TUI_FORM_REDRAW);
	CHECK_INT(fm.focus, 0);
	CHECK_STR(tui_field_text(&fm.fields[0]), "王秀英");
	CHECK_INT(req(&fm, REQ_UP), TUI_FORM_REDRAW); /* the first stays first */
	CHECK_INT(fm.focus, 0);
	CHECK_INT(req(&fm, REQ_DOWN), TUI_FORM_REDRAW);
	CHECK_INT(fm.focus, 1);
	CHECK_INT(req(&fm, REQ_DOWN), TUI_FORM_REDRAW);
	CHECK_INT(fm.focus, 2);
	CHECK_INT(req(&fm, REQ_DOWN), TUI_FORM_REDRAW); /* the last stays last */
	CHECK_INT(fm.focus, 2);

	/* Tab on the name: 拼音 → 笔画 (or a message without the input method). */
	tui_form_focus(T, &fm, 0);
	{
		int mode = fm.fields[0].mode;

		CHECK_INT(mode, ime ? IME_PINYIN : IME_DIRECT);
		CHECK_INT(req(&fm, REQ_MODE), TUI_FORM_REDRAW);
		CHECK_INT(fm.focus, 0);
		CHECK_INT(fm.fields[0].mode, ime ? IME_STROKE : IME_DIRECT);
		req(&fm, REQ_MODE);
		req(&fm, REQ_MODE);
		CHECK_INT(fm.focus, 0);
		CHECK_INT(fm.fields[0].mode, mode);
	}
	form_end(&fm);
}

/* A wrong check digit gives the check's message and stays; the right one
 * goes on; Enter on the last valid answer finishes. */
static void test_checks_and_done(void)
{
	struct tui_form fm;

	form_start(&fm, 0);
	type(&fm, "王秀英");
	req(&fm, REQ_ENTER);
	CHECK_INT(fm.fields[1].mode, IME_DIRECT); /* a number starts in 直接 */
	type(&fm, ID_BAD_CHECK);
	CHECK_INT(req(&fm, REQ_ENTER), TUI_FORM_REDRAW);
	CHECK_INT(fm.focus, 1);
	CHECK_STR(fm.msg[1], "身份证号码的校验位不对，请再核对一遍");
	type(&fm, "9"); /* the limit is 18 characters */
	CHECK_STR(tui_field_text(&fm.fields[1]), ID_BAD_CHECK);
	req(&fm, REQ_ERASE);
	CHECK_STR(fm.msg[1], "");
	type(&fm, "X");
	CHECK_STR(tui_field_text(&fm.fields[1]), ID_GOOD);
	CHECK_INT(req(&fm, REQ_ENTER), TUI_FORM_REDRAW);
	CHECK_INT(fm.focus, 2);
	CHECK_STR(fm.msg[1], "");
	/* The phone is optional, but what is there must be a phone. */
	type(&fm, "12345");
	CHECK_INT(req(&fm, REQ_ENTER), TUI_FORM_REDRAW);
	CHECK_INT(fm.focus, 2);
	CHECK(strstr(fm.msg[2], "联系电话") != NULL);
	tui_field_set(&fm.fields[2], "");
	CHECK_INT(req(&fm, REQ_ENTER), TUI_FORM_DONE);
	type(&fm, "13800138000");
	CHECK_INT(req(&fm, REQ_ENTER), TUI_FORM_DONE);
	/* Finishing checks every answer: an id emptied meanwhile is asked again. */
	tui_field_set(&fm.fields[1], "");
	CHECK_INT(req(&fm, REQ_ENTER), TUI_FORM_REDRAW);
	CHECK_INT(fm.focus, 1);
	CHECK_STR(fm.msg[1], "请填写身份证号码");
	form_end(&fm);
}

/* One question per screen: Esc goes back one question keeping every
 * answer, and Esc on the first leaves the form. */
static void test_one_per_screen_back(void)
{
	struct tui_form fm;

	form_start(&fm, 1);
	type(&fm, "王秀英");
	req(&fm, REQ_ENTER);
	type(&fm, "110105");
	CHECK_INT(fm.focus, 1);
	CHECK_INT(req(&fm, REQ_BACK), TUI_FORM_REDRAW);
	CHECK_INT(fm.focus, 0);
	CHECK_STR(tui_field_text(&fm.fields[0]), "王秀英");
	CHECK_STR(tui_field_text(&fm.fields[1]), "110105");
	CHECK_INT(req(&fm, REQ_BACK), TUI_FORM_BACK);
	CHECK_STR(tui_field_text(&fm.fields[0]), "王秀英");
	form_end(&fm);

	/* All questions on one screen: Esc leaves from any of them. */
	form_start(&fm, 0);
	type(&fm, "王秀英");
	req(&fm, REQ_ENTER);
	CHECK_INT(req(&fm, REQ_BACK), TUI_FORM_BACK);
	form_end(&fm);
}

/* A click on another question's row (its label) takes focus there. */
static void test_click_focus(void)
{
	struct tui_form fm;
	struct sbuf screen = {0};
	struct tui_event ev = { .req = REQ_CLICK };
	int y;

	form_start(&fm, 0);
	draw_form(&fm, &screen);
	y = row_of(sbuf_str(&screen), "联系电话");
	CHECK(y > 0);
	ev.y = y;
	ev.x = 2;
	CHECK_INT(tui_form_key(T, &fm, &ev), TUI_FORM_REDRAW);
	CHECK_INT(fm.focus, 2);
	CHECK(fm.fields[2].focused);
	CHECK(!fm.fields[0].focused);
	/* and on the text of another question, too */
	draw_form(&fm, &screen);
	y = row_of(sbuf_str(&screen), "姓名");
	CHECK(y > 0);
	ev.y = y;
	ev.x = 20;
	CHECK_INT(tui_form_key(T, &fm, &ev), TUI_FORM_REDRAW);
	CHECK_INT(fm.focus, 0);
	sbuf_free(&screen);
	form_end(&fm);
}

/* Draws question 2 of 3 at size rows x cols and checks what shows. */
static void check_step_drawn(int rows, int cols)
{
	struct tui_form fm;
	struct sbuf screen = {0};
	const char *s;

	tui_offscreen_resize(off, rows, cols);
	CHECK_INT(tui_rows(T), rows);
	CHECK_INT(tui_cols(T), cols);
	form_start(&fm, 1);
	type(&fm, "王秀英");
	req(&fm, REQ_ENTER);
	draw_form(&fm, &screen);
	s = sbuf_str(&screen);
	CHECK(strstr(s, "第 2 步，共 3 步") != NULL);
	CHECK(strstr(s, "身份证号码") != NULL);
	CHECK(strstr(s, "（必填）") != NULL);
	CHECK(strstr(s, "例如：" ID_GOOD) != NULL);
	CHECK(strstr(s, "王秀英") == NULL); /* the other questions are not shown */
	CHECK(row_of(s, "第 2 步") < row_of(s, "身份证号码"));
	CHECK(row_of(s, "身份证号码") < row_of(s, "例如："));
	/* A message shows on the question's screen. */
	type(&fm, ID_BAD_CHECK);
	req(&fm, REQ_ENTER);
	draw_form(&fm, &screen);
	CHECK(strstr(sbuf_str(&screen), "校验位不对") != NULL);
	form_end(&fm);

	/* All on one screen: every label, the focused question's example. */
	form_start(&fm, 0);
	draw_form(&fm, &screen);
	s = sbuf_str(&screen);
	CHECK(strstr(s, "姓名") && strstr(s, "身份证号码") && strstr(s, "联系电话"));
	CHECK(strstr(s, "例如：王秀英") != NULL);
	form_end(&fm);
	sbuf_free(&screen);
}

/* The step, the label and the example at the kiosk's two sizes. */
static void test_draw_sizes(void)
{
	check_step_drawn(24, 80);
	check_step_drawn(60, 200);
	tui_offscreen_resize(off, 24, 80);
}

/* Freeing leaves no answers and no fields; freeing twice is harmless. */
static void test_free(void)
{
	struct tui_form fm;

	form_start(&fm, 0);
	type(&fm, "王秀英");
	req(&fm, REQ_ENTER);
	type(&fm, ID_GOOD);
	form_end(&fm);
	CHECK_INT(fm.n, 0);
	CHECK(fm.fields == NULL);
	CHECK(fm.msg == NULL);
	tui_form_free(T, &fm);
	CHECK_INT(fm.n, 0);
	/* A form with no questions does nothing. */
	tui_form_init(T, &fm, items, 0, 0);
	CHECK_INT(req(&fm, REQ_ENTER), TUI_FORM_OTHER);
	tui_form_free(T, &fm);
}

/* What is being composed is never lost or taken as the answer by moving:
 * Enter in a name commits the letters and stays, Down keeps the
 * composition, and a blank of ideographic spaces is no answer. */
static void test_composing_and_blanks(void)
{
	struct tui_form fm;

	form_start(&fm, 0);
	if (!ime) {
		check_failed_in_test = 1;
		form_end(&fm);
		return;
	}
	type(&fm, "wang");
	req(&fm, REQ_DOWN);
	CHECK_INT(fm.focus, 0); /* still composing on the name */
	type(&fm, "fang");
	type(&fm, "1");
	CHECK_STR(tui_field_text(&fm.fields[0]), "王芳");
	tui_field_set(&fm.fields[0], "");
	type(&fm, "lixiuying");
	req(&fm, REQ_ENTER); /* commits the letters, does not move on */
	CHECK_INT(fm.focus, 0);
	tui_field_set(&fm.fields[0], "\xE3\x80\x80\xE3\x80\x80 ");
	req(&fm, REQ_ENTER);
	CHECK_INT(fm.focus, 0);
	CHECK_STR(fm.msg[0], "请填写姓名");
	form_end(&fm);
}

/* Runs the form tests on a surface over an empty database. */
int main(void)
{
	if (surface_open() < 0)
		return 1;
	TEST(test_required);
	TEST(test_moves);
	TEST(test_checks_and_done);
	TEST(test_one_per_screen_back);
	TEST(test_click_focus);
	TEST(test_draw_sizes);
	TEST(test_free);
	TEST(test_composing_and_blanks);
	surface_close();
	return CHECK_EXIT();
}
