/*
 * field.c - a line of UTF-8 text with a cursor, and the kiosk's own Chinese
 * input around it: the mode button (拼音 / 笔画 / 直接), the candidate bar
 * and the on-screen keyboard for touch screens.
 *
 * The text is edited by code point: the cursor is a byte offset that is
 * always on a character boundary, limits count characters, and everything
 * drawn is measured in columns (kiosk/width.h), so wide and astral
 * characters (𠮷 U+20BB7) move, erase and scroll as one. Keys reach the
 * input method first (kiosk/ime.h); what it does not want is editing.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/ime.h"
#include "kiosk/width.h"
#include "tui/widget.h"

/* Columns of the mode button and the keyboard button beside a field. */
#define FIELD_MODE_W 6
#define FIELD_OSK_W 6

/* The key line while a field has focus. */
const struct tui_hint tui_field_hints[] = {
	{ REQ_ENTER, "确定" }, { REQ_MODE, NULL }, { REQ_KEYBOARD, NULL }, { REQ_ERASE, NULL },
	{ REQ_BACK, "取消" },  { REQ_HOME, NULL }, { REQ_NONE, NULL },
};

/* Returns the byte length of the UTF-8 character starting at s[i]. */
static size_t field_charlen(const char *s, size_t len, size_t i)
{
	size_t n = 1;

	while (i + n < len && ((unsigned char)s[i + n] & 0xC0) == 0x80)
		n++;
	return n;
}

/* Returns the offset of the character before byte offset i. */
static size_t field_prev(const char *s, size_t i)
{
	while (i > 0) {
		i--;
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			break;
	}
	return i;
}

/* Counts the characters of s[0..n). */
static size_t field_count(const char *s, size_t n)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	return c;
}

/* Returns the input mode a field of kind starts in. */
static int field_first_mode(int kind)
{
	return kind == TUI_FIELD_NUMBER || kind == TUI_FIELD_PIN ? IME_DIRECT : IME_PINYIN;
}

/* Starts an empty field. */
void tui_field_init(struct tui_field *f, int kind, size_t max_chars)
{
	memset(f, 0, sizeof *f);
	f->kind = kind;
	f->max_chars = max_chars;
	f->mode = field_first_mode(kind);
	sbuf_add(&f->text, "");
}

/* Frees the field's text, wiping it first (it may hold a name or a PIN). */
void tui_field_free(struct tui_field *f)
{
	if (f->text.s)
		sodium_memzero(f->text.s, f->text.cap);
	sbuf_free(&f->text);
	if (f->saved) {
		sodium_memzero(f->saved, strlen(f->saved));
		free(f->saved);
	}
	f->saved = NULL;
	f->cursor = 0;
}

/* Inserts UTF-8 text at the cursor, up to the limit; returns 1 when all
 * of it went in. */
static int field_insert(struct tui_field *f, const char *s)
{
	struct sbuf clean = {0};
	size_t have = field_count(f->text.s, f->text.len), n, cut = 0;
	int all = 1;
	struct sbuf b = {0};

	/* Invalid bytes become U+FFFD; control characters never enter. */
	for (const char *p = s; *p;) {
		uint32_t cp;
		size_t k = width_decode(p, strlen(p), &cp);

		if (k == 0)
			break;
		if (cp >= 0x20 && cp != 0x7F && !(cp >= 0x80 && cp < 0xA0))
			width_put(&clean, cp);
		p += k;
	}
	n = field_count(clean.s ? clean.s : "", clean.len);
	if (f->max_chars && have + n > f->max_chars) {
		size_t room = have < f->max_chars ? f->max_chars - have : 0;

		all = 0;
		while (cut < clean.len && room > 0) {
			cut += field_charlen(clean.s, clean.len, cut);
			room--;
		}
	} else {
		cut = clean.len;
	}
	sbuf_addn(&b, f->text.s, f->cursor);
	sbuf_addn(&b, clean.s ? clean.s : "", cut);
	sbuf_add(&b, f->text.s + f->cursor);
	f->cursor += cut;
	/* The text may be a name or a PIN: no copy is left behind. */
	sodium_memzero(f->text.s, f->text.cap);
	sbuf_free(&f->text);
	f->text = b;
	if (clean.s)
		sodium_memzero(clean.s, clean.cap);
	sbuf_free(&clean);
	f->full = !all;
	return all;
}

/* Replaces the text, cursor at the end. */
void tui_field_set(struct tui_field *f, const char *text)
{
	sbuf_reset(&f->text);
	sbuf_add(&f->text, "");
	f->cursor = 0;
	f->scroll = 0;
	field_insert(f, text ? text : "");
	f->full = 0;
}

/* Returns the text. */
const char *tui_field_text(const struct tui_field *f)
{
	return f->text.s ? f->text.s : "";
}

/* Returns the input method when it serves this field now, else NULL. */
static struct ime *field_ime(struct tui *t, const struct tui_field *f)
{
	struct ime *m = tui_ime(t);

	return m && f->focused && f->mode != IME_DIRECT ? m : NULL;
}

/* Writes what a search should look for now. */
void tui_field_query(struct tui *t, const struct tui_field *f, struct sbuf *out)
{
	struct ime *m = field_ime(t, f);
	const char *s = tui_field_text(f);

	sbuf_reset(out);
	sbuf_addn(out, s, f->cursor);
	if (m && f->mode == IME_PINYIN) {
		struct ime_view v;

		ime_view(m, &v);
		/* Letters without a vowel are initials (lxy); with one they
		 * spell syllables (wangfang), so the first candidate, what
		 * Space would take, says better what is meant. */
		if (v.composing && (v.ncand == 0 || !strpbrk(v.input, "aeiouv")))
			sbuf_add(out, v.input);
		else if (v.composing)
			sbuf_add(out, v.cand[v.highlighted]);
	}
	sbuf_add(out, s + f->cursor);
}

/* Tells the input method which mode and ranking this field wants. */
static void field_setup_ime(struct tui *t, const struct tui_field *f)
{
	struct ime *m = tui_ime(t);

	if (!m)
		return;
	ime_set_context(m, f->kind == TUI_FIELD_NAME || f->kind == TUI_FIELD_NAME_SEARCH ? IME_CTX_NAME
											   : IME_CTX_TEXT);
	ime_set_mode(m, f->mode);
}

/* Gives the field focus. */
void tui_field_focus(struct tui *t, struct tui_field *f)
{
	f->focused = 1;
	f->full = 0;
	if (f->saved)
		sodium_memzero(f->saved, strlen(f->saved));
	free(f->saved);
	f->saved = xstrdup(tui_field_text(f));
	if (!tui_ime(t))
		f->mode = IME_DIRECT;
	field_setup_ime(t, f);
}

/* Takes focus away. */
void tui_field_blur(struct tui *t, struct tui_field *f)
{
	if (f->focused && tui_ime(t))
		ime_reset(tui_ime(t));
	f->focused = 0;
	f->osk = 0;
	f->full = 0;
}

/* Puts back the text from when the field took focus. */
void tui_field_restore(struct tui_field *f)
{
	char *s = f->saved ? xstrdup(f->saved) : xstrdup("");

	tui_field_set(f, s);
	sodium_memzero(s, strlen(s));
	free(s);
}

/* Moves to the next input mode. */
static void field_next_mode(struct tui *t, struct tui_field *f)
{
	if (!tui_ime(t)) {
		f->mode = IME_DIRECT;
		tui_message(t, "拼音和笔画输入现在不能用，请直接输入");
		return;
	}
	f->mode = (f->mode + 1) % IME_NMODES;
	field_setup_ime(t, f);
}

/* Takes what the input method committed into the text. */
static int field_take_commit(struct tui *t, struct tui_field *f)
{
	if (!field_insert(f, ime_commit(tui_ime(t))))
		tui_message(t, "这一栏最多填 %zu 个字", f->max_chars);
	return TUI_FIELD_CHANGED;
}

/* Maps a request of the text-entry mode to an input method key, or 0. */
static int field_ime_key(const struct tui_event *ev)
{
	switch (ev->req) {
	case REQ_TEXT:
		return ev->ch;
	case REQ_ERASE:
		return IME_KEY_BACKSPACE;
	case REQ_BACK:
		return IME_KEY_ESC;
	case REQ_ENTER:
		return IME_KEY_ENTER;
	case REQ_LEFT:
		return IME_KEY_LEFT;
	case REQ_RIGHT:
		return IME_KEY_RIGHT;
	case REQ_PGUP:
		return IME_KEY_PGUP;
	case REQ_PGDN:
		return IME_KEY_PGDN;
	default:
		return 0;
	}
}

/* Puts the cursor on the character drawn at column col of the text. */
static void field_click_at(struct tui_field *f, int col)
{
	const char *s = tui_field_text(f);
	size_t i = 0;
	int c = 0;

	while (i < f->text.len) {
		size_t k = field_charlen(s, f->text.len, i);
		int w = f->kind == TUI_FIELD_PIN ? 1 : width_strn(s + i, k); /* a PIN shows stars */

		if (c + (w > 1 ? w / 2 : 0) >= col)
			break;
		c += w;
		i += k;
	}
	f->cursor = i;
}

static int field_osk_key(struct tui *t, struct tui_field *f, int code);

/* Handles a click on one of the field's targets. */
static int field_click(struct tui *t, struct tui_field *f, const struct tui_event *ev)
{
	int id = tui_target_at(t, ev->y, ev->x);
	struct ime *m = field_ime(t, f);

	if (id >= TUI_TARGET_OSK && id < TUI_TARGET_LIST)
		return field_osk_key(t, f, id - TUI_TARGET_OSK);
	if (id >= TUI_TARGET_CAND && id < TUI_TARGET_CAND + IME_PAGE_SIZE) {
		if (m && ime_select(m, id - TUI_TARGET_CAND) == IME_COMMITTED)
			return field_take_commit(t, f);
		return TUI_FIELD_CHANGED;
	}
	switch (id) {
	case TUI_TARGET_MODE:
		field_next_mode(t, f);
		return TUI_FIELD_CHANGED;
	case TUI_TARGET_OSKBTN:
		f->osk = !f->osk;
		return TUI_FIELD_MOVED;
	case TUI_TARGET_CANDPREV:
	case TUI_TARGET_CANDNEXT:
		if (m)
			ime_key(m, id == TUI_TARGET_CANDPREV ? IME_KEY_PGUP : IME_KEY_PGDN);
		return TUI_FIELD_MOVED;
	case TUI_TARGET_NONE:
		return TUI_FIELD_MOVED;
	default:
		break;
	}
	if (id == TUI_TARGET_FIELD) {
		if (m)
			ime_reset(m);
		field_click_at(f, ev->x - f->drawn_x + f->scroll);
		return TUI_FIELD_MOVED;
	}
	return TUI_FIELD_OTHER;
}

/* Handles one event. */
int tui_field_key(struct tui *t, struct tui_field *f, const struct tui_event *ev)
{
	struct ime *m = field_ime(t, f);
	int k;

	if (ev->req == REQ_CLICK)
		return field_click(t, f, ev);
	if (ev->req == REQ_MODE) {
		field_next_mode(t, f);
		return TUI_FIELD_CHANGED;
	}
	if (ev->req == REQ_KEYBOARD) {
		f->osk = !f->osk;
		return TUI_FIELD_MOVED;
	}
	k = field_ime_key(ev);
	if (m && (ev->req == REQ_UP || ev->req == REQ_DOWN)) {
		struct ime_view v;

		/* Moving away would drop what is being composed. */
		ime_view(m, &v);
		if (v.composing)
			return TUI_FIELD_MOVED;
	}
	if (m && k) {
		switch (ime_key(m, k)) {
		case IME_COMMITTED:
			field_take_commit(t, f);
			/* In a search, Enter keeps the letters as typed and
			 * is done (lxy + Enter); in a form it only commits. */
			if (ev->req == REQ_ENTER && f->mode == IME_PINYIN &&
			    (f->kind == TUI_FIELD_SEARCH || f->kind == TUI_FIELD_NAME_SEARCH)) {
				f->osk = 0;
				return TUI_FIELD_KEPT;
			}
			return TUI_FIELD_CHANGED;
		case IME_CONSUMED:
			return TUI_FIELD_CHANGED;
		default:
			break;
		}
	}
	switch (ev->req) {
	case REQ_TEXT: {
		char one[8];
		struct sbuf b = {0};

		width_put(&b, (uint32_t)ev->ch);
		snprintf(one, sizeof one, "%s", sbuf_str(&b));
		sbuf_free(&b);
		if (!field_insert(f, one))
			tui_message(t, "这一栏最多填 %zu 个字", f->max_chars);
		return TUI_FIELD_CHANGED;
	}
	case REQ_ERASE:
		if (f->cursor == 0)
			return TUI_FIELD_MOVED;
		k = (int)field_prev(f->text.s, f->cursor);
		memmove(f->text.s + k, f->text.s + f->cursor, f->text.len - f->cursor + 1);
		f->text.len -= f->cursor - (size_t)k;
		f->cursor = (size_t)k;
		return TUI_FIELD_CHANGED;
	case REQ_DELETE:
		if (f->cursor < f->text.len) {
			size_t n = field_charlen(f->text.s, f->text.len, f->cursor);

			memmove(f->text.s + f->cursor, f->text.s + f->cursor + n, f->text.len - f->cursor - n + 1);
			f->text.len -= n;
			return TUI_FIELD_CHANGED;
		}
		return TUI_FIELD_MOVED;
	case REQ_LEFT:
		f->cursor = field_prev(f->text.s, f->cursor);
		return TUI_FIELD_MOVED;
	case REQ_RIGHT:
		if (f->cursor < f->text.len)
			f->cursor += field_charlen(f->text.s, f->text.len, f->cursor);
		return TUI_FIELD_MOVED;
	case REQ_LINESTART:
		f->cursor = 0;
		return TUI_FIELD_MOVED;
	case REQ_LINEEND:
		f->cursor = f->text.len;
		return TUI_FIELD_MOVED;
	case REQ_ENTER:
		f->osk = 0;
		return TUI_FIELD_KEPT;
	case REQ_BACK:
		if (f->osk) {
			f->osk = 0;
			return TUI_FIELD_MOVED;
		}
		return TUI_FIELD_ESCAPED;
	default:
		return TUI_FIELD_OTHER;
	}
}

/* --- drawing ----------------------------------------------------------- */

/* Draws s from column skip on (a wide character cut by skip shows as a
 * space) into at most cols columns at (y, x); returns the columns used. */
static int field_put_from(struct tui *t, int y, int x, int cols, const char *s, int skip, int role)
{
	size_t len = strlen(s), i = 0;
	int c = 0, used = 0;

	while (i < len && c < skip) {
		size_t k = field_charlen(s, len, i);

		c += width_strn(s + i, k);
		i += k;
	}
	if (c > skip && cols > 0) {
		used += tui_put(t, y, x, 1, " ", role, 0);
	}
	if (cols - used > 0)
		used += tui_put(t, y, x + used, cols - used, s + i, role, 0);
	return used;
}

/* Returns 1 when s is all ASCII. */
static int field_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

/* Draws the field, its mode button and its keyboard button. */
void tui_field_draw(struct tui *t, struct tui_field *f, int y, int x, int w)
{
	struct ime *m = field_ime(t, f);
	struct ime_view v = {0};
	const char *s = tui_field_text(f);
	struct sbuf before = {0}, after = {0}, mask = {0};
	int side = (w >= 30 ? FIELD_MODE_W + FIELD_OSK_W : w >= 16 ? FIELD_MODE_W : 0);
	int tw = w - side, curcol, pw, col, used = 0;
	const char *pre = "";

	if (tw < 2)
		return;
	if (m) {
		ime_view(m, &v);
		/* Pinyin shows the letters as typed (the candidate bar shows
		 * them cut into syllables) until part of them is converted;
		 * strokes show as 一丨丿丶乙. */
		if (v.composing)
			pre = v.preedit[0] && (f->mode != IME_PINYIN || !field_ascii(v.preedit)) ? v.preedit : v.input;
	}
	if (f->kind == TUI_FIELD_PIN) {
		for (size_t i = 0; i < field_count(s, f->cursor); i++)
			sbuf_add(&before, "*");
		for (size_t i = 0; i < field_count(s + f->cursor, f->text.len - f->cursor); i++)
			sbuf_add(&after, "*");
	} else {
		sbuf_addn(&before, s, f->cursor);
		sbuf_add(&after, s + f->cursor);
	}
	sbuf_free(&mask);
	pw = width_str(pre);
	curcol = width_str(sbuf_str(&before)) + pw;
	/* Scroll by columns so the cursor (after what is being composed)
	 * stays in view, one column spare for it. */
	if (curcol - f->scroll > tw - 1)
		f->scroll = curcol - (tw - 1);
	if (curcol - pw < f->scroll)
		f->scroll = curcol - pw > 2 ? curcol - pw - 2 : 0;
	if (f->scroll < 0)
		f->scroll = 0;
	tui_fill(t, y, x, tw, TUI_INPUT);
	col = f->scroll;
	/* before | composing | after, each from where the view starts */
	{
		int bw = width_str(sbuf_str(&before));

		if (bw > col)
			used += field_put_from(t, y, x, tw, sbuf_str(&before), col, TUI_INPUT);
		col = col > bw ? col - bw : 0;
		if (*pre && used < tw) {
			used += field_put_from(t, y, x + used, tw - used, pre, col, TUI_SELECTED);
			col = col > pw ? col - pw : 0;
		}
		if (used < tw)
			field_put_from(t, y, x + used, tw - used, sbuf_str(&after), col, TUI_INPUT);
	}
	sbuf_free(&before);
	sbuf_free(&after);
	tui_target(t, y, x, x + tw, TUI_TARGET_FIELD);
	f->drawn_x = x;
	if (side) {
		const char *name = ime_mode_name(f->mode);
		int bx = x + tw + 1;

		tui_put(t, y, bx, FIELD_MODE_W - 1, name, f->focused ? TUI_KEY : TUI_KEYLABEL, 1);
		tui_target(t, y, bx, bx + FIELD_MODE_W - 1, TUI_TARGET_MODE);
		if (side > FIELD_MODE_W) {
			bx += FIELD_MODE_W;
			tui_put(t, y, bx, FIELD_OSK_W - 1, "键盘", f->osk ? TUI_SELECTED : TUI_KEYLABEL, 1);
			tui_target(t, y, bx, bx + FIELD_OSK_W - 1, TUI_TARGET_OSKBTN);
		}
	}
	if (f->focused)
		tui_cursor(t, y, x + (curcol - f->scroll < tw ? curcol - f->scroll : tw - 1));
}

/* The on-screen keyboard: rows of keys; a key is a code point to type or
 * a negative action. */
enum { OSK_ERASE = -1, OSK_SPACE = -2, OSK_MODE = -3, OSK_OK = -4, OSK_CLOSE = -5 };
static const char *const osk_rows[] = { "1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm" };
static const struct {
	int code;
	const char *label;
} osk_strokes[] = { { '1', "横" }, { '2', "竖" }, { '3', "撇" }, { '4', "点" }, { '5', "折" } },
  osk_actions[] = { { OSK_ERASE, "删除" }, { OSK_SPACE, "空格" }, { OSK_MODE, "换输入法" },
		    { OSK_OK, "确定" }, { OSK_CLOSE, "关闭" } };

/* Stroke keys are sent with this offset, so a click tells them from digits. */
#define OSK_STROKE 0x100

/* Rows the keyboard box takes. */
#define OSK_H 8

/* Returns the keyboard's box: the bottom of the screen, above the message
 * row. */
static struct tui_rect osk_rect(struct tui *t)
{
	struct tui_rect r;
	int cols = tui_cols(t), w = cols >= 70 ? 66 : cols - 2;

	r.h = OSK_H;
	r.w = w;
	r.x = (cols - w) / 2;
	r.y = tui_rows(t) - 2 - OSK_H;
	if (r.y < 2)
		r.y = 2;
	return r;
}

/* Acts on a key of the on-screen keyboard as the real key would. */
static int field_osk_key(struct tui *t, struct tui_field *f, int code)
{
	struct tui_event ev = {0};

	if (code >= 0x10000) /* actions are stored as 0x10000 + (-action) */
		code = -(code - 0x10000);
	if (code >= OSK_STROKE && code < OSK_STROKE + 0x80) {
		if (tui_ime(t) && f->mode != IME_STROKE) {
			f->mode = IME_STROKE;
			field_setup_ime(t, f);
		}
		code -= OSK_STROKE;
	}
	switch (code) {
	case OSK_ERASE:
		ev.req = REQ_ERASE;
		break;
	case OSK_SPACE:
		ev.req = REQ_TEXT;
		ev.ch = ' ';
		ev.text = 1;
		break;
	case OSK_MODE:
		ev.req = REQ_MODE;
		break;
	case OSK_OK:
		ev.req = REQ_ENTER;
		break;
	case OSK_CLOSE:
		f->osk = 0;
		return TUI_FIELD_MOVED;
	default:
		ev.req = REQ_TEXT;
		ev.ch = code;
		ev.text = 1;
		break;
	}
	return tui_field_key(t, f, &ev);
}

/* Returns the target id of an on-screen key code. */
static int osk_id(int code)
{
	return TUI_TARGET_OSK + (code < 0 ? 0x10000 - code : code);
}

/* Draws one key of the keyboard; returns its width. */
static int osk_draw_key(struct tui *t, int y, int x, int w, const char *label, int code)
{
	struct sbuf b = {0};
	int lw = width_str(label), pad = (w - lw) / 2;

	for (int i = 0; i < pad; i++)
		sbuf_addc(&b, ' ');
	sbuf_add(&b, label);
	tui_put(t, y, x, w, sbuf_str(&b), TUI_KEY, 1);
	tui_target(t, y, x, x + w, osk_id(code));
	sbuf_free(&b);
	return w;
}

/* Draws the on-screen keyboard. */
static void osk_draw(struct tui *t, const struct tui_field *f)
{
	struct tui_rect r = osk_rect(t);
	int kw = r.w >= 66 ? 5 : 3, y = r.y + 1;

	tui_box(t, &r, "屏幕键盘", TUI_HEADING);
	for (size_t row = 0; row < sizeof osk_rows / sizeof osk_rows[0]; row++, y++) {
		const char *keys = osk_rows[row];
		int n = (int)strlen(keys), x = r.x + (r.w - n * (kw + 1)) / 2;

		for (int i = 0; i < n; i++) {
			char label[2] = { keys[i], 0 };

			x += osk_draw_key(t, y, x, kw, label, keys[i]) + 1;
		}
	}
	{
		int x = r.x + 2;

		x += tui_put(t, y, x, 6, "笔画：", TUI_HEADING, 0);
		for (size_t i = 0; i < sizeof osk_strokes / sizeof osk_strokes[0]; i++)
			x += osk_draw_key(t, y, x, kw + 1, osk_strokes[i].label, OSK_STROKE + osk_strokes[i].code) + 1;
		y++;
	}
	{
		int x = r.x + 2;

		for (size_t i = 0; i < sizeof osk_actions / sizeof osk_actions[0]; i++) {
			int w = width_str(osk_actions[i].label) + 2;

			if (x + w >= r.x + r.w - 1)
				break;
			x += osk_draw_key(t, y, x, w, osk_actions[i].label, osk_actions[i].code) + 2;
		}
	}
	(void)f;
}

/* Where the candidate bar puts each candidate: row (0 or 1) and column,
 * after the composition shown at the left and the page-back arrow. */
struct cand_place {
	int row[IME_PAGE_SIZE], x[IME_PAGE_SIZE];
	int n;      /* candidates that fit */
	int rows;   /* 1 or 2 */
	int next_x; /* the next-page arrow's column on the last row */
};

/* Lays the bar out: a number before each pinyin candidate, two columns
 * between candidates, a second row when the first is full. */
static void cand_layout(const struct tui_field *f, const struct ime_view *v, int cols, int x,
			struct cand_place *pl)
{
	int row = 0;

	pl->n = 0;
	for (int i = 0; i < v->ncand; i++) {
		int w = width_str(v->cand[i]) + (f->mode == IME_STROKE ? 0 : 1);

		if (x + w + 3 > cols) {
			if (row == 1)
				break;
			row = 1;
			x = 1;
		}
		pl->row[i] = row;
		pl->x[i] = x;
		pl->n++;
		x += w + 2;
	}
	pl->rows = row + 1;
	pl->next_x = x;
}

/* Draws the candidate bar on row y (and the row above it when one is too
 * narrow at the bottom of the screen, else the row below); returns the
 * rows used. */
static int cand_draw(struct tui *t, struct tui_field *f, int y)
{
	struct ime *m = field_ime(t, f);
	struct ime_view v;
	struct cand_place pl;
	int cols = tui_cols(t), x = 1;
	const char *pre;

	if (!m)
		return 0;
	ime_view(m, &v);
	if (!v.composing)
		return 0;
	pre = v.preedit[0] ? v.preedit : v.input;
	x += width_str(pre) < cols / 3 ? width_str(pre) : cols / 3;
	x += 2;
	if (v.page > 0)
		x += 2;
	cand_layout(f, &v, cols, x, &pl);
	/* Never over the key line. */
	if (pl.rows > 1 && y + 1 >= tui_rows(t) - 1)
		y--;
	for (int r = 0; r < pl.rows; r++) {
		tui_fill(t, y + r, 0, cols, TUI_NORMAL);
		tui_target(t, y + r, 0, cols, TUI_TARGET_NONE);
	}
	tui_put(t, y, 1, cols / 3, pre, TUI_HEADING, 0);
	if (v.ncand == 0)
		tui_put(t, y, x, cols - x - 1, "没有这样的字，请按退格键改一改", TUI_WARN, 0);
	if (v.page > 0) {
		tui_put(t, y, x - 2, 1, "◀", TUI_KEY, 0);
		tui_target(t, y, x - 3, x - 1, TUI_TARGET_CANDPREV);
	}
	for (int i = 0; i < pl.n; i++) {
		int cy = y + pl.row[i], cx = pl.x[i];
		char num[16];

		if (f->mode != IME_STROKE) {
			snprintf(num, sizeof num, "%d", i + 1);
			cx += tui_put(t, cy, cx, 1, num, TUI_KEY, 0);
		}
		cx += tui_put(t, cy, cx, cols - cx, v.cand[i], i == v.highlighted ? TUI_SELECTED : TUI_NORMAL, 0);
		tui_target(t, cy, pl.x[i], cx, TUI_TARGET_CAND + i);
	}
	if (!v.last_page && pl.next_x + 2 < cols) {
		tui_put(t, y + pl.rows - 1, pl.next_x, 1, "▶", TUI_KEY, 0);
		tui_target(t, y + pl.rows - 1, pl.next_x - 1, pl.next_x + 2, TUI_TARGET_CANDNEXT);
	}
	return pl.rows;
}

/* Draws the candidate bar and the on-screen keyboard. */
void tui_field_draw_popups(struct tui *t, struct tui_field *f, int y)
{
	if (!f->focused)
		return;
	if (f->osk) {
		struct tui_rect r = osk_rect(t);

		osk_draw(t, f);
		cand_draw(t, f, r.y - 2 >= 1 ? r.y - 2 : r.y - 1);
		return;
	}
	cand_draw(t, f, y);
}

/* Returns 1 when the popups cover row y. */
int tui_field_covers(struct tui *t, const struct tui_field *f, int y)
{
	if (!f->focused)
		return 0;
	if (f->osk) {
		struct tui_rect r = osk_rect(t);

		return y >= r.y - 2 && y < r.y + r.h;
	}
	return 0;
}
