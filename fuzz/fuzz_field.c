/*
 * fuzz_field.c - libFuzzer harness for the text field widget (tui/field.c)
 * as a screen drives it: keys of the text-entry mode, clicks on what was
 * drawn (the text, the mode and keyboard buttons, the candidate bar, the
 * on-screen keyboard), tui_field_set() with arbitrary bytes and the
 * search query, on the off-screen surface with the real input method or
 * without one.
 *
 * The input: byte 0 chooses the input method (bit 0), the field's kind
 * (bits 1-3, modulo 6) and whether it starts with focus (bit 4); byte 1
 * the limit in characters (modulo 48, 0 = none); the rest is events, an
 * opcode byte each (see fz_event) followed by what it needs.
 *
 * Besides crashes, sanitizer reports and leaks it aborts when a promise of
 * widget.h breaks after any event: the text is not valid UTF-8, holds a C0
 * or C1 control or a NUL before its length, the cursor is past the text or
 * inside a character, the text has more characters than the limit, or the
 * query is not valid UTF-8.
 *
 * Both surfaces (with and without the input method) are opened once per
 * process; the second one opened is curses' current screen and both
 * sessions draw on it, which is all a field needs.
 */
#include <curses.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/db.h"
#include "kiosk/config.h"
#include "kiosk/ime.h"
#include "kiosk/util.h"
#include "kiosk/width.h"
#include "tui/offscreen.h"
#include "tui/request.h"
#include "tui/tui.h"
#include "tui/widget.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The surface's size. */
#define FZ_ROWS 24
#define FZ_COLS 80
/* Events read from one input at most, so one input stays fast. */
#define FZ_MAX_EVENTS 4096

/* What lives for the whole process: the database, the input method and
 * the two surfaces. */
static struct {
	int ready;
	char dir[64];
	struct config cfg;
	struct db *db;
	struct ime *ime;
	struct tui_offscreen *with_ime, *without_ime;
} fz;

/* The input being read. */
struct fz_in {
	const uint8_t *p;
	size_t n;
};

/* Where the field was last drawn, for the clicks that follow. */
struct fz_geom {
	int y, x, w;
};

/* Returns the next input byte, 0 past the end. */
static unsigned fz_byte(struct fz_in *in)
{
	unsigned b;

	if (in->n == 0)
		return 0;
	b = in->p[0];
	in->p++;
	in->n--;
	return b;
}

/* Closes what fz_init opened, at exit: the surface opened last (curses'
 * current screen) first, then the input method (librime frees its own
 * state only in ime_close, which LSan would otherwise report), then the
 * temporary folder. */
static void fz_cleanup(void)
{
	char cmd[96];

	tui_offscreen_close(fz.without_ime);
	tui_offscreen_close(fz.with_ime);
	ime_close(fz.ime);
	db_close(fz.db);
	config_free(&fz.cfg);
	if (!fz.dir[0])
		return;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", fz.dir);
	if (system(cmd) != 0)
		fprintf(stderr, "fuzz_field: could not remove %s\n", fz.dir);
}

/* Opens the database, the input method and the surfaces once; exits when
 * the surface cannot be had (the harness would test nothing). */
static void fz_init(void)
{
	char path[96], rime[96], err[256];

	if (fz.ready)
		return;
	fz.ready = 1;
	setlocale(LC_ALL, "C.UTF-8"); /* iswprint and curses cells read back as UTF-8 */
	snprintf(fz.dir, sizeof fz.dir, "/tmp/gk-fuzz-field.XXXXXX");
	if (!mkdtemp(fz.dir)) {
		fprintf(stderr, "fuzz_field: mkdtemp failed\n");
		exit(1);
	}
	snprintf(path, sizeof path, "%s/k.db", fz.dir);
	snprintf(rime, sizeof rime, "%s/rime", fz.dir);
	config_defaults(&fz.cfg);
	if (db_open(path, DB_READWRITE, &fz.db, err, sizeof err) < 0) {
		fprintf(stderr, "fuzz_field: db_open: %s\n", err);
		fz_cleanup();
		exit(1);
	}
	if (ime_open(&fz.ime, NULL, rime, err, sizeof err) < 0) {
		fprintf(stderr, "fuzz_field: no input method (%s): direct input only\n", err);
		fz.ime = NULL;
	}
	if (fz.ime) {
		fz.with_ime = tui_offscreen_open(fz.db, &fz.cfg, fz.ime, TUI_THEME_MONO, FZ_ROWS, FZ_COLS,
						 err, sizeof err);
		if (!fz.with_ime)
			fprintf(stderr, "fuzz_field: surface with the input method: %s\n", err);
	}
	fz.without_ime = tui_offscreen_open(fz.db, &fz.cfg, NULL, TUI_THEME_MONO, FZ_ROWS, FZ_COLS, err,
					    sizeof err);
	if (!fz.without_ime) {
		fprintf(stderr, "fuzz_field: surface: %s\n", err);
		fz_cleanup();
		exit(1);
	}
	/* After ime_open: exit handlers run last first, and librime's own
	 * (its static objects) must still be there when ime_close runs. */
	atexit(fz_cleanup);
}

/* Decodes one character of s (n > 0 bytes) with the width module; returns
 * its length with *cp, or 0 when the bytes there are not UTF-8 (the
 * module's U+FFFD for one bad byte, told from a real U+FFFD by length). */
static size_t fz_utf8(const char *s, size_t n, uint32_t *cp)
{
	int k = width_decode(s, n, cp);

	return k == 1 && *cp == WIDTH_REPLACEMENT ? 0 : (size_t)k;
}

/* Checks that s[0..n) is valid UTF-8 (no NUL inside); with no_controls,
 * also free of C0 and C1 controls and DEL. Returns the characters, or -1. */
static long fz_valid(const char *s, size_t n, int no_controls)
{
	size_t i = 0;
	long chars = 0;

	while (i < n) {
		uint32_t cp;
		size_t k = fz_utf8(s + i, n - i, &cp);

		if (k == 0 || cp == 0)
			return -1;
		if (no_controls && (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)))
			return -1;
		i += k;
		chars++;
	}
	return chars;
}

/* Aborts when a promise of the field breaks; q is scratch for the query. */
static void fz_check(struct tui *t, const struct tui_field *f, struct sbuf *q)
{
	const char *s = tui_field_text(f);
	size_t len = strlen(s);
	long chars;

	if (f->text.s && f->text.len != len)
		abort(); /* a NUL inside the text, or a stale length */
	chars = fz_valid(s, len, 1);
	if (chars < 0)
		abort();
	if (f->cursor > len || (f->cursor < len && ((unsigned char)s[f->cursor] & 0xC0) == 0x80))
		abort();
	if (f->max_chars && (size_t)chars > f->max_chars)
		abort();
	tui_field_query(t, f, q);
	if (fz_valid(sbuf_str(q), q->len, 0) < 0 || strlen(sbuf_str(q)) != q->len)
		abort();
}

/* Draws the field at g and its popups under it, as a screen's draw does. */
static void fz_draw(struct tui *t, struct tui_field *f, const struct fz_geom *g)
{
	erase();
	tui_targets_reset(t);
	tui_field_draw(t, f, g->y, g->x, g->w);
	tui_field_draw_popups(t, f, g->y + 1);
}

/* The requests the text-entry mode gives a field, in opcode order. */
static const int fz_reqs[] = {
	REQ_ERASE, REQ_DELETE, REQ_LEFT, REQ_RIGHT, REQ_LINESTART, REQ_LINEEND, REQ_ENTER,
	REQ_BACK,  REQ_MODE,   REQ_KEYBOARD, REQ_PGUP, REQ_PGDN, REQ_UP, REQ_DOWN,
};
#define FZ_NREQS ((unsigned)(sizeof fz_reqs / sizeof fz_reqs[0]))

/* Keys that compose (pinyin letters, strokes, candidate digits, paging). */
static const char fz_keys[] = "abcdefghijklmnopqrstuvwxyz12345 6789-=";

/* Feeds a typed character as the loop does: printable ones are text, the
 * rest become their request (Enter, Esc, Backspace, Tab) or nothing. */
static void fz_typed(struct tui *t, struct tui_field *f, uint32_t ch)
{
	struct tui_event ev = { 0 };

	ev.req = tui_key_to_req_text(0, (int)ch);
	if (ev.req == REQ_NONE)
		return;
	ev.ch = (int)ch;
	ev.text = ev.req == REQ_TEXT;
	tui_field_key(t, f, &ev);
}

/* Reads one event from in and applies it to f. Opcodes, by the byte's
 * value modulo their number: a UTF-8 character (an invalid byte is taken
 * as the code point of its value); a code point from three bytes; a run
 * of composing keys; each request of fz_reqs; a draw (row, column,
 * width); a click (row, column) after drawing again where the field was;
 * tui_field_set with up to 255 bytes; focus; blur; restore. */
static void fz_event(struct tui *t, struct tui_field *f, struct fz_in *in, struct fz_geom *g)
{
	unsigned op = fz_byte(in) % (3 + FZ_NREQS + 6);

	if (op == 0) {
		uint32_t cp;
		size_t k = in->n ? fz_utf8((const char *)in->p, in->n, &cp) : 0;

		if (k == 0) {
			cp = fz_byte(in);
		} else {
			in->p += k;
			in->n -= k;
		}
		fz_typed(t, f, cp);
		return;
	}
	if (op == 1) {
		uint32_t cp = fz_byte(in);

		cp |= fz_byte(in) << 8;
		cp |= (fz_byte(in) & 0x1F) << 16;
		fz_typed(t, f, cp);
		return;
	}
	if (op == 2) {
		unsigned n = fz_byte(in) % 12 + 1;

		for (unsigned i = 0; i < n; i++)
			fz_typed(t, f, (uint32_t)fz_keys[fz_byte(in) % (sizeof fz_keys - 1)]);
		return;
	}
	op -= 3;
	if (op < FZ_NREQS) {
		struct tui_event ev = { .req = fz_reqs[op] };

		tui_field_key(t, f, &ev);
		return;
	}
	op -= FZ_NREQS;
	switch (op) {
	case 0: /* draw: row, column, width */
		g->y = (int)(fz_byte(in) % (FZ_ROWS - 2));
		g->x = (int)(fz_byte(in) % (FZ_COLS / 2));
		g->w = (int)(fz_byte(in) % (unsigned)(FZ_COLS - g->x + 1));
		fz_draw(t, f, g);
		break;
	case 1: { /* click: on the field's rows (high bit) or anywhere */
		unsigned by = fz_byte(in), bx = fz_byte(in);
		struct tui_event ev = { .req = REQ_CLICK };

		fz_draw(t, f, g);
		ev.y = by & 0x80 ? g->y + (int)(by & 1) : (int)(by % FZ_ROWS);
		ev.x = (int)(bx % FZ_COLS);
		tui_field_key(t, f, &ev);
		break;
	}
	case 2: { /* tui_field_set with arbitrary bytes */
		unsigned n = fz_byte(in);
		char buf[256];

		if (n > in->n)
			n = (unsigned)in->n;
		memcpy(buf, in->p, n);
		buf[n] = '\0';
		in->p += n;
		in->n -= n;
		tui_field_set(f, buf);
		break;
	}
	case 3:
		tui_field_focus(t, f);
		break;
	case 4:
		tui_field_blur(t, f);
		break;
	default:
		tui_field_restore(f);
		break;
	}
}

/* Runs one input: a field of the kind and limit it chooses, then its
 * events, checking the field after each. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_in in = { data, size };
	struct fz_geom g = { 2, 0, FZ_COLS };
	struct tui_offscreen *o;
	struct tui_field f;
	struct sbuf q = { 0 };
	struct tui *t;
	unsigned head, events = 0;

	if (size < 2)
		return 0;
	fz_init();
	head = fz_byte(&in);
	o = head & 1 && fz.with_ime ? fz.with_ime : fz.without_ime;
	t = tui_offscreen_tui(o);
	if (tui_ime(t))
		ime_reset(tui_ime(t));
	tui_field_init(&f, (int)((head >> 1) % (TUI_FIELD_PIN + 1)), fz_byte(&in) % 48);
	if (!(head & 0x10))
		tui_field_focus(t, &f);
	fz_check(t, &f, &q);
	while (in.n > 0 && events++ < FZ_MAX_EVENTS) {
		fz_event(t, &f, &in, &g);
		fz_check(t, &f, &q);
	}
	tui_field_blur(t, &f);
	tui_field_free(&f);
	sbuf_free(&q);
	return 0;
}
