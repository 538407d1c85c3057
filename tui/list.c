/*
 * list.c - the one list widget: the selection, the first row shown, paging
 * by screen, and clicks on the rows that were drawn (htop's Panel). Lists
 * read a page at a time from the database (tui/pager.c) keep their paging
 * there and record their rows here with tui_list_target().
 */
#include "tui/widget.h"

/* Records screen rows y .. y + h - 1 as row i. */
void tui_list_target(struct tui *t, int y, int h, int i)
{
	for (int r = 0; r < h; r++)
		tui_target(t, y + r, 0, tui_cols(t), TUI_TARGET_LIST + i);
}

/* Returns the row under a click, or -1. */
int tui_list_hit(struct tui *t, const struct tui_event *ev)
{
	int id;

	if (ev->req != REQ_CLICK)
		return -1;
	id = tui_target_at(t, ev->y, ev->x);
	return id >= TUI_TARGET_LIST && id < TUI_TARGET_NONE ? id - TUI_TARGET_LIST : -1;
}

/* Draws the rows that fit, keeping the selection in view. */
void tui_list_draw(struct tui *t, struct tui_list *l, int y0, int h, tui_list_row_fn draw, void *ctx)
{
	int rh = l->rh > 0 ? l->rh : 1, fit = h / rh;

	if (fit < 1)
		fit = 1;
	if (l->sel >= l->n)
		l->sel = l->n - 1;
	if (l->sel < 0)
		l->sel = 0;
	if (l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= l->top + fit)
		l->top = l->sel - fit + 1;
	if (l->top > l->n - fit)
		l->top = l->n - fit > 0 ? l->n - fit : 0;
	l->y0 = y0;
	l->shown = fit;
	for (int i = 0; i < fit && l->top + i < l->n; i++) {
		int y = y0 + i * rh;

		draw(t, ctx, l->top + i, y, l->top + i == l->sel);
		tui_list_target(t, y, rh, l->top + i);
	}
}

/* Moves the selection, or selects the row clicked. */
int tui_list_key(struct tui *t, struct tui_list *l, const struct tui_event *ev)
{
	int page = l->shown > 0 ? l->shown : 1, row;

	if (l->n <= 0)
		return 0;
	switch (ev->req) {
	case REQ_UP:
		if (l->sel > 0)
			l->sel--;
		break;
	case REQ_DOWN:
		if (l->sel < l->n - 1)
			l->sel++;
		break;
	case REQ_PGUP:
		l->sel = l->sel > page ? l->sel - page : 0;
		l->top = l->top > page ? l->top - page : 0;
		break;
	case REQ_PGDN:
		l->sel = l->sel + page < l->n ? l->sel + page : l->n - 1;
		l->top = l->top + page < l->n ? l->top + page : l->top;
		break;
	case REQ_END:
		l->sel = l->n - 1;
		break;
	case REQ_CLICK:
		row = tui_list_hit(t, ev);
		if (row < 0 || row >= l->n)
			return 0;
		l->sel = row;
		return TUI_HANDLED | TUI_REDRAW | TUI_LIST_CLICKED;
	default:
		return 0;
	}
	return TUI_HANDLED | TUI_REDRAW;
}
