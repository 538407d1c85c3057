/*
 * search.c - the search row every list has: `/` (or typing, or a tap on the
 * row) opens a field; the list narrows as the user types, pinyin letters
 * still being composed searching as initials; Enter keeps the result, Esc
 * puts back what was there. The field is tui/field.c's.
 */
#include <stdio.h>
#include <string.h>

#include "kiosk/width.h"
#include "tui/widget.h"

/* Starts a closed search. */
void tui_search_init(struct tui_search *s, int kind, size_t max_chars, const char *text)
{
	tui_field_init(&s->field, kind, max_chars);
	tui_field_set(&s->field, text ? text : "");
	sbuf_reset(&s->query);
	sbuf_add(&s->query, tui_field_text(&s->field));
}

/* Frees it. */
void tui_search_free(struct tui *t, struct tui_search *s)
{
	tui_field_blur(t, &s->field);
	tui_field_free(&s->field);
	sbuf_free(&s->query);
}

/* Returns what to search for. */
const char *tui_search_query(const struct tui_search *s)
{
	return sbuf_str(&s->query);
}

/* Opens the field. */
void tui_search_open(struct tui *t, struct tui_search *s)
{
	tui_field_focus(t, &s->field);
}

/* Returns 1 while open. */
int tui_search_open_p(const struct tui_search *s)
{
	return s->field.focused;
}

/* Recomputes the query from the field. */
static void search_requery(struct tui *t, struct tui_search *s)
{
	tui_field_query(t, &s->field, &s->query);
}

/* Empties the search. */
void tui_search_clear(struct tui *t, struct tui_search *s)
{
	tui_field_set(&s->field, "");
	search_requery(t, s);
}

/* Handles an event while open. */
int tui_search_key(struct tui *t, struct tui_search *s, const struct tui_event *ev)
{
	switch (tui_field_key(t, &s->field, ev)) {
	case TUI_FIELD_CHANGED:
		search_requery(t, s);
		return TUI_SEARCH_CHANGED;
	case TUI_FIELD_MOVED:
		return TUI_SEARCH_REDRAW;
	case TUI_FIELD_KEPT:
		tui_field_blur(t, &s->field);
		search_requery(t, s);
		return TUI_SEARCH_KEPT;
	case TUI_FIELD_ESCAPED:
		tui_field_restore(&s->field);
		tui_field_blur(t, &s->field);
		search_requery(t, s);
		return TUI_SEARCH_CHANGED;
	default:
		if (ev->req == REQ_CLICK) {
			/* A tap on the list: the field closes, the tap opens. */
			tui_field_blur(t, &s->field);
			search_requery(t, s);
		}
		return TUI_SEARCH_OTHER;
	}
}

/* Returns 1 when a click hit the search row. */
int tui_search_clicked(struct tui *t, const struct tui_event *ev)
{
	int id = ev->req == REQ_CLICK ? tui_target_at(t, ev->y, ev->x) : -1;

	return id >= TUI_TARGET_FIELD && id < TUI_TARGET_MODE;
}

/* Draws the search row. */
void tui_search_draw(struct tui *t, struct tui_search *s, int y, int x, int w, const char *hint,
		     const char *warn)
{
	int fw;

	if (s->field.focused) {
		int lw = tui_put(t, y, x, 6, "搜索：", TUI_HEADING, 0);
		int ww = warn ? width_str(warn) + 1 : 0;

		fw = w - lw - ww;
		if (fw > 56)
			fw = 56;
		tui_field_draw(t, &s->field, y, x + lw, fw);
		if (warn)
			tui_put(t, y, x + lw + fw + 1, w - lw - fw - 1, warn, TUI_WARN, 0);
		return;
	}
	if (tui_field_text(&s->field)[0]) {
		char what[512];

		snprintf(what, sizeof what, "搜索“%s”的结果（Esc 清除）", tui_field_text(&s->field));
		tui_put(t, y, x, w, what, TUI_HEADING, 0);
	} else {
		tui_put(t, y, x, w, hint, TUI_NORMAL, 0);
	}
	tui_target(t, y, x, x + w, TUI_TARGET_FIELD);
}

/* Draws the popups: the candidates on the status row above the key line,
 * where they cover no result and where the on-screen keyboard puts them
 * too. */
void tui_search_draw_popups(struct tui *t, struct tui_search *s)
{
	tui_field_draw_popups(t, &s->field, tui_rows(t) - 2);
}

/* Counts the characters of s that are not spaces. */
int tui_search_chars(const char *s)
{
	int n = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p & 0xC0) == 0x80 || *p == ' ' || *p == '\t')
			continue;
		if (!strncmp((const char *)p, "\xE3\x80\x80", 3) || !strncmp((const char *)p, "\xC2\xA0", 2))
			continue; /* U+3000 ideographic space, U+00A0 no-break space */
		n++;
	}
	return n;
}
