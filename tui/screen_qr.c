/*
 * screen_qr.c - 扫码带走: a QR code drawn large enough for a phone to read
 * off the kiosk's screen, so a villager takes away what a terminal cannot
 * show (the portal's 图解 and 音视频 interpretations, the original page).
 *
 * Each character cell holds two modules, one above the other, drawn with
 * the half blocks ▀ ▄ █ and a space in the TUI_QR role: black on white in
 * every theme (reverse video on a monochrome terminal), with a quiet zone
 * of two modules. A cell is about twice as high as wide, so the modules
 * come out square. At 80x24 a 原文链接 of a county portal (version 4, 33
 * modules) takes 37 columns and 19 rows.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/qr.h"
#include "kiosk/width.h"
#include "tui/tui_internal.h"

#define QR_QUIET 2 /* modules of white around the code */

struct qr_screen {
	struct qr code;
	char *text;    /* what is encoded, shown under the code */
	char *caption;
};

static int qr_enter(struct tui *t, void **state, const void *arg, char *err, size_t errlen)
{
	const struct tui_qr_arg *a = arg;
	struct qr_screen *s;

	s = xcalloc(1, sizeof *s);
	if (!a || !a->text || qr_make(a->text, &s->code) < 0) {
		free(s);
		util_errf(err, errlen, "这个网址无法做成二维码");
		return -1;
	}
	s->text = width_printable(a->text);
	s->caption = width_printable(a->caption ? a->caption : "");
	*state = s;
	return 0;
}

/* Draws the code with its top-left (quiet zone included) at (y0, x0). */
static void qr_draw_code(struct tui *t, const struct qr *q, int y0, int x0)
{
	int n = q->size + 2 * QR_QUIET, rows = (n + 1) / 2;

	for (int r = 0; r < rows; r++) {
		struct sbuf line = {0};

		for (int c = 0; c < n; c++) {
			int top = qr_dark(q, c - QR_QUIET, 2 * r - QR_QUIET);
			int bot = qr_dark(q, c - QR_QUIET, 2 * r + 1 - QR_QUIET);

			sbuf_add(&line, top && bot ? "█" : top ? "▀" : bot ? "▄" : " ");
		}
		tui_put(t, y0 + r, x0, n, sbuf_str(&line), TUI_QR, 1);
		sbuf_free(&line);
	}
}

static void qr_screen_draw(struct tui *t, void *state)
{
	struct qr_screen *s = state;
	int rows = tui_rows(t), cols = tui_cols(t);
	int n = s->code.size + 2 * QR_QUIET, h = (n + 1) / 2;
	int room = rows - 3; /* title, message row, key line */
	int y, x;

	tui_title(t, "扫码带走", NULL);
	if (n > cols || h > room) {
		tui_put(t, 2, 2, cols - 4, "屏幕太小，放不下二维码。请按 p 打印，纸上有二维码和网址。",
			TUI_WARN, 0);
		return;
	}
	/* the caption and the address above the code when there is room */
	y = 1 + (room - h >= 2 ? 1 : 0);
	if (room - h >= 2)
		tui_put(t, 1, 2, cols - 4, s->caption, TUI_NORMAL, 0);
	x = (cols - n) / 2;
	qr_draw_code(t, &s->code, y, x);
	if (y + h < rows - 2)
		tui_put(t, y + h, 2, cols - 4, s->text, TUI_NORMAL, 0);
}

static int qr_screen_key(struct tui *t, void *state, const struct tui_event *ev)
{
	(void)t;
	(void)state;
	if (ev->req == REQ_ENTER || ev->req == REQ_QR || ev->req == REQ_CLICK)
		return TUI_BREAK;
	return 0;
}

static void qr_leave(struct tui *t, void *state)
{
	struct qr_screen *s = state;

	(void)t;
	qr_free(&s->code);
	free(s->text);
	free(s->caption);
	free(s);
}

static const struct tui_hint *qr_hints(void *state)
{
	static const struct tui_hint h[] = {
		{ REQ_BACK, NULL }, { REQ_HOME, NULL }, { REQ_NONE, NULL },
	};

	(void)state;
	return h;
}

const struct tui_screen_ops tui_qr_ops = {
	.name = "qr",
	.enter = qr_enter,
	.draw = qr_screen_draw,
	.key = qr_screen_key,
	.leave = qr_leave,
	.hints = qr_hints,
};
