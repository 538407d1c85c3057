/*
 * textview.c - drawing and scrolling laid-out text (kiosk/layout.h): the
 * reader, the guide sheet, Q&A and help all page through lines this way.
 */
#include <curses.h>
#include <stdio.h>

#include "kiosk/width.h"
#include "tui/tui_internal.h"

/* Returns the role a layout line's text is drawn in. */
static int textview_role(int style)
{
	switch (style) {
	case LAYOUT_TITLE:
	case LAYOUT_HEADING:
		return TUI_HEADING;
	case LAYOUT_WARN:
		return TUI_WARN;
	case LAYOUT_LINK:
		return TUI_LINK;
	default:
		return TUI_NORMAL;
	}
}

/* Draws the visible lines; a field's label is drawn as a heading. */
void tui_textview_draw(struct tui *t, const struct tui_textview *v, int y0, int rows, int x0)
{
	int width = v->lay.cols;

	for (int r = 0; r < rows && v->top + r < v->lay.n; r++) {
		const struct layout_line *ln = &v->lay.lines[v->top + r];
		int role = textview_role(ln->style);

		if (ln->label_cols > 0 && (ln->style == LAYOUT_FIELD || ln->style == LAYOUT_LINK)) {
			size_t cut = width_offset(ln->text, ln->label_cols);
			char label[128];

			snprintf(label, sizeof label, "%.*s", (int)cut, ln->text);
			tui_put(t, y0 + r, x0, ln->label_cols, label, TUI_HEADING, 0);
			tui_put(t, y0 + r, x0 + ln->label_cols, width - ln->label_cols, ln->text + cut,
				role, 0);
		} else if (ln->style == LAYOUT_LINK) {
			/* Continuation lines of a link: the indent is not underlined. */
			const char *s = ln->text;
			int x = x0;

			while (*s == ' ')
				s++, x++;
			tui_put(t, y0 + r, x, width - (x - x0), s, role, 0);
		} else {
			tui_put(t, y0 + r, x0, width, ln->text, role, 0);
		}
	}
}

/* Scrolls by a line, a page, or to the end. */
int tui_textview_key(struct tui_textview *v, const struct tui_event *ev, int rows)
{
	int last = v->lay.n - rows, top = v->top;

	if (last < 0)
		last = 0;
	if (rows < 1)
		rows = 1;
	switch (ev->req) {
	case REQ_UP:
		top--;
		break;
	case REQ_DOWN:
		top++;
		break;
	case REQ_PGUP:
		top -= rows > 2 ? rows - 1 : 1; /* keep one line for context */
		break;
	case REQ_PGDN:
		top += rows > 2 ? rows - 1 : 1;
		break;
	case REQ_END:
		top = last;
		break;
	default:
		return 0;
	}
	if (top > last)
		top = last;
	if (top < 0)
		top = 0;
	v->top = top;
	return TUI_HANDLED | TUI_REDRAW;
}

/* Says which page of how many the view shows. */
void tui_textview_pos(const struct tui_textview *v, int rows, char *out, size_t n)
{
	int step = rows > 2 ? rows - 1 : 1, pages = 1, page;

	if (v->lay.n > rows)
		pages = 1 + (v->lay.n - rows + step - 1) / step;
	page = 1 + (v->top + step - 1) / step;
	if (v->top + rows >= v->lay.n)
		page = pages;
	if (page > pages)
		page = pages;
	snprintf(out, n, "第 %d/%d 页", page, pages);
}

/* Finds the link drawn at row y. */
int tui_textview_link_at(const struct tui_textview *v, int y0, int y)
{
	int i = v->top + (y - y0);

	if (y < y0 || i < 0 || i >= v->lay.n)
		return -1;
	return v->lay.lines[i].link;
}
