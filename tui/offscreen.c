/*
 * offscreen.c - the kiosk on a curses screen that writes to /dev/null, for
 * golden-screen tests: the same set-up, drawing and input handling as
 * tui_run() (tui/loop.h), a frozen clock, and the screen read back cell by
 * cell as text.
 */
#include "tui/offscreen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "kiosk/width.h"
#include "tui/loop.h"

#define OFF_STEP_S 0.25 /* the clock's step in tui_offscreen_wait (exact in binary) */

struct tui_offscreen {
	FILE *out, *in; /* /dev/null, the terminal's two ends */
	SCREEN *screen;
	struct tui *t;
};

/* Returns the session behind the surface. */
struct tui *tui_offscreen_tui(struct tui_offscreen *o)
{
	return o->t;
}

/* Draws the frame when the loop would (r is the loop's redraw flag). */
static void off_draw(struct tui_offscreen *o, int r)
{
	if (r)
		tui_draw(o->t);
}

/* Opens the surface and the home screen. */
struct tui_offscreen *tui_offscreen_open(struct db *db, const struct config *cfg, struct ime *ime,
					 int theme, int rows, int cols, char *err, size_t errlen)
{
	struct tui_offscreen *o = xcalloc(1, sizeof *o);

	o->out = fopen("/dev/null", "w");
	o->in = fopen("/dev/null", "r");
	if (!o->out || !o->in) {
		util_errf(err, errlen, "cannot open /dev/null");
		tui_offscreen_close(o);
		return NULL;
	}
	o->screen = newterm("xterm-256color", o->out, o->in);
	if (!o->screen) {
		util_errf(err, errlen, "no terminfo entry for xterm-256color");
		tui_offscreen_close(o);
		return NULL;
	}
	resizeterm(rows, cols);
	o->t = tui_open(db, cfg, ime, theme);
	tui_clock_freeze(o->t);
	tui_draw(o->t);
	return o;
}

/* The names a case file may use for keys, and what get_wch returns for
 * each under TERM=xterm-256color with the keypad on. */
static const struct {
	const char *name;
	int is_key, ch;
} off_keys[] = {
	{ "DOWN", 1, KEY_DOWN },   { "UP", 1, KEY_UP },          { "LEFT", 1, KEY_LEFT },
	{ "RIGHT", 1, KEY_RIGHT }, { "ENTER", 0, '\r' },         { "ESC", 0, 27 },
	{ "BACKSPACE", 1, KEY_BACKSPACE }, { "DEL", 1, KEY_DC }, { "HOME", 1, KEY_HOME },
	{ "END", 1, KEY_END },     { "PGDN", 1, KEY_NPAGE },     { "PGUP", 1, KEY_PPAGE },
	{ "TAB", 0, '\t' },        { "SPACE", 0, ' ' },
};

/* Finds a key by name. */
int tui_offscreen_keyname(const char *name, int *is_key, int *ch)
{
	for (size_t i = 0; i < sizeof off_keys / sizeof off_keys[0]; i++)
		if (strcmp(name, off_keys[i].name) == 0) {
			*is_key = off_keys[i].is_key;
			*ch = off_keys[i].ch;
			return 0;
		}
	if (name[0] == 'F' && name[1] >= '1' && name[1] <= '9') {
		int n = name[1] - '0';

		if (name[2] >= '0' && name[2] <= '2' && !name[3])
			n = n * 10 + name[2] - '0';
		else if (name[2])
			return -1;
		if (n > 12)
			return -1;
		*is_key = 1;
		*ch = KEY_F(n);
		return 0;
	}
	return -1;
}

/* Feeds one key as the loop takes it after get_wch. */
void tui_offscreen_key(struct tui_offscreen *o, int is_key, int ch)
{
	int r = tui_tick(o->t);

	off_draw(o, r | tui_input(o->t, is_key, ch, NULL));
}

/* Feeds a left click as the loop takes a mouse report. */
void tui_offscreen_click(struct tui_offscreen *o, int y, int x)
{
	MEVENT me;
	int r = tui_tick(o->t);

	memset(&me, 0, sizeof me);
	me.y = y;
	me.x = x;
	me.bstate = BUTTON1_PRESSED;
	off_draw(o, r | tui_input(o->t, 1, KEY_MOUSE, &me));
}

/* Lets time pass in quarter seconds, each a turn of the loop without a key. */
void tui_offscreen_wait(struct tui_offscreen *o, int seconds)
{
	for (int i = 0; i < seconds * (int)(1 / OFF_STEP_S); i++) {
		int r;

		tui_clock_advance(o->t, OFF_STEP_S);
		r = tui_tick(o->t);
		off_draw(o, r | tui_idle(o->t));
	}
}

/* Resizes the surface and tells the loop, as SIGWINCH would. */
void tui_offscreen_resize(struct tui_offscreen *o, int rows, int cols)
{
	resizeterm(rows, cols);
	off_draw(o, tui_tick(o->t) | tui_input(o->t, 1, KEY_RESIZE, NULL));
}

/* Reads the screen back as text. */
void tui_offscreen_dump(struct tui_offscreen *o, struct sbuf *out)
{
	struct sbuf row = {0};
	int rows, cols;

	getmaxyx(stdscr, rows, cols);
	for (int y = 0; y < rows; y++) {
		size_t keep = 0; /* the row's bytes up to its last non-blank */

		sbuf_reset(&row);
		for (int x = 0; x < cols; x++) {
			wchar_t wch[CCHARW_MAX + 1];
			cchar_t cc;
			attr_t attr;
			short pair;

			if (mvwin_wch(stdscr, y, x, &cc) == ERR ||
			    getcchar(&cc, wch, &attr, &pair, NULL) == ERR || !wch[0]) {
				wch[0] = L' ';
				wch[1] = 0;
			}
			for (int i = 0; wch[i]; i++)
				width_put(&row, (uint32_t)wch[i]);
			if (wch[0] != L' ')
				keep = row.len;
			if (width_cp((uint32_t)wch[0]) == 2)
				x++; /* the second cell of a wide character */
		}
		sbuf_addn(out, sbuf_str(&row), keep);
		sbuf_addc(out, '\n');
	}
	sbuf_free(&row);
}

/* Closes the screens and gives curses' memory back. */
void tui_offscreen_close(struct tui_offscreen *o)
{
	if (!o)
		return;
	tui_close(o->t);
	if (o->screen) {
		endwin();
		delscreen(o->screen);
	}
	if (o->out)
		fclose(o->out);
	if (o->in)
		fclose(o->in);
	free(o);
}
