/*
 * request.c - the request table and the keys that mean each request.
 *
 * The keys are chosen for a numeric keypad as much as for a keyboard:
 * / * - + and Enter sit on the keypad, and with NumLock off its arrows
 * and PgUp/PgDn arrive as the usual KEY_* codes.
 */
#include "tui/request.h"

#include <curses.h>
#include <wctype.h>

#define TUI_REQ_ROW(name, key, label, help) { #name, key, label, help },
static const struct tui_req_info tui_reqs[REQ_COUNT] = { TUI_REQUESTS(TUI_REQ_ROW) };
#undef TUI_REQ_ROW

/* Returns the table row of a request. */
const struct tui_req_info *tui_req_info(int req)
{
	if (req < 0 || req >= REQ_COUNT)
		req = REQ_NONE;
	return &tui_reqs[req];
}

/* Function keys and their requests. */
static const struct {
	int key;
	int req;
} tui_keycodes[] = {
	{ KEY_UP, REQ_UP },        { KEY_DOWN, REQ_DOWN },     { KEY_LEFT, REQ_LEFT },
	{ KEY_RIGHT, REQ_RIGHT },  { KEY_NPAGE, REQ_PGDN },    { KEY_PPAGE, REQ_PGUP },
	{ KEY_ENTER, REQ_ENTER },  { KEY_BACKSPACE, REQ_ERASE }, { KEY_HOME, REQ_HOME },
	{ KEY_F(1), REQ_HOME },    { KEY_END, REQ_END },       { KEY_F(10), REQ_STAFF },
	{ KEY_MOUSE, REQ_CLICK },  { KEY_B2, REQ_ENTER },      { KEY_A1, REQ_HOME },
	{ KEY_C1, REQ_END },       { KEY_A3, REQ_PGUP },       { KEY_C3, REQ_PGDN },
	{ KEY_DC, REQ_DELETE },    { KEY_F(2), REQ_KEYBOARD },
};

/* Plain characters with a meaning of their own. */
static const struct {
	int ch;
	int req;
} tui_chars[] = {
	{ '\n', REQ_ENTER }, { '\r', REQ_ENTER }, { 27, REQ_BACK },   { 127, REQ_ERASE },
	{ 8, REQ_ERASE },   { '\t', REQ_MODE },     { '/', REQ_SEARCH }, { '*', REQ_FILTER }, { 'p', REQ_PRINT },
	{ 'P', REQ_PRINT },  { 'q', REQ_QR },  { 'r', REQ_READ },  { '?', REQ_HELP },   { ' ', REQ_PGDN },   { '+', REQ_PGDN },
	{ '-', REQ_PGUP },   { 12, REQ_REDRAW },
};

/* Maps one key to its request. */
int tui_key_to_req(int is_key, int ch)
{
	if (is_key) {
		for (size_t i = 0; i < sizeof tui_keycodes / sizeof tui_keycodes[0]; i++)
			if (tui_keycodes[i].key == ch)
				return tui_keycodes[i].req;
		return REQ_NONE;
	}
	for (size_t i = 0; i < sizeof tui_chars / sizeof tui_chars[0]; i++)
		if (tui_chars[i].ch == ch)
			return tui_chars[i].req;
	if (ch >= 0x20 && iswprint((wint_t)ch))
		return REQ_TEXT;
	return REQ_NONE; /* Ctrl-C, Ctrl-Z, Ctrl-\ and friends mean nothing */
}

/* Maps one key in the text-entry key mode. */
int tui_key_to_req_text(int is_key, int ch)
{
	if (is_key) {
		switch (ch) {
		case KEY_HOME:
		case KEY_A1:
			return REQ_LINESTART;
		case KEY_END:
		case KEY_C1:
			return REQ_LINEEND;
		case KEY_F(1):
			return REQ_HOME;
		default:
			return tui_key_to_req(is_key, ch);
		}
	}
	switch (ch) {
	case '\n':
	case '\r':
	case 27:
	case 127:
	case 8:
	case '\t':
	case 12:
		return tui_key_to_req(is_key, ch);
	default:
		return ch >= 0x20 && iswprint((wint_t)ch) ? REQ_TEXT : REQ_NONE;
	}
}
