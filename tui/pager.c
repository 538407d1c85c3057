/*
 * pager.c - keyset paging for the list screens: the page after the last
 * row or before the first, and the selection moving across pages; and
 * the search field above such a list. The pages themselves stay typed in
 * each screen; see pager.h.
 */
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "kiosk/width.h"

#include "tui/pager.h"
#include "tui/tui_internal.h"

/* Ties a pager to its ops, the screen's state and the screen's page. */
void tui_pager_init(struct tui_pager *p, const struct tui_pager_ops *ops, void *ctx, void *page)
{
	memset(p, 0, sizeof *p);
	p->ops = ops;
	p->ctx = ctx;
	p->page = page;
	p->pageno = 1;
}

/* Frees the page on screen and starts over at page 1. */
void tui_pager_reset(struct tui_pager *p, int per_page)
{
	p->per_page = per_page;
	p->ops->free(p->page);
	p->sel = 0;
	p->pageno = 1;
	p->has_prev = 0;
	p->has_next = 0;
}

/* Returns the rows of the page on screen. */
static int pager_count(const struct tui_pager *p)
{
	return p->ops->count(p->page);
}

/* Reads a page into a new buffer; returns it, or NULL when the fetch failed. */
static void *pager_fetch(struct tui *t, struct tui_pager *p, int at, int dir)
{
	void *np = xcalloc(1, p->ops->page_size);

	if (p->ops->fetch(t, p->ctx, at, dir, np) < 0) {
		free(np);
		return NULL;
	}
	return np;
}

/* Replaces the page on screen by np (taking its rows) and frees np. */
static void pager_take(struct tui_pager *p, void *np)
{
	p->ops->free(p->page);
	memcpy(p->page, np, p->ops->page_size);
	free(np);
}

/* Reads the first page into the (reset) pager. */
int tui_pager_first(struct tui *t, struct tui_pager *p)
{
	void *np = pager_fetch(t, p, -1, TUI_PAGER_NEXT);

	if (!np)
		return -1;
	pager_take(p, np);
	p->has_next = p->ops->more(p->page);
	return 0;
}

/* Moves to the next page; returns 1 when it moved. */
int tui_pager_next(struct tui *t, struct tui_pager *p)
{
	int n = pager_count(p);
	void *np;

	if (!p->has_next || n == 0)
		return 0;
	np = pager_fetch(t, p, n - 1, TUI_PAGER_NEXT);
	if (!np)
		return 0;
	if (p->ops->count(np) == 0) {
		p->ops->free(np);
		free(np);
		p->has_next = 0;
		return 0;
	}
	pager_take(p, np);
	p->has_next = p->ops->more(p->page);
	p->has_prev = 1;
	p->pageno++;
	return 1;
}

/* Moves to the previous page; returns 1 when it moved. */
int tui_pager_prev(struct tui *t, struct tui_pager *p)
{
	void *np;

	if (!p->has_prev || pager_count(p) == 0)
		return 0;
	np = pager_fetch(t, p, 0, TUI_PAGER_PREV);
	if (!np)
		return 0;
	if (p->ops->count(np) < p->per_page || p->pageno <= 2) {
		/* Back at the start: show a full first page. */
		p->ops->free(np);
		free(np);
		p->ops->reload(t, p->ctx);
		return 1;
	}
	pager_take(p, np);
	p->has_prev = p->ops->more(p->page);
	p->has_next = 1;
	p->pageno--;
	return 1;
}

/* Moves the selection and pages. */
int tui_pager_move(struct tui *t, struct tui_pager *p, int req)
{
	int n;

	switch (req) {
	case REQ_UP:
		if (p->sel > 0)
			p->sel--;
		else if (tui_pager_prev(t, p))
			p->sel = pager_count(p) - 1;
		break;
	case REQ_DOWN:
		if (p->sel + 1 < pager_count(p))
			p->sel++;
		else if (tui_pager_next(t, p))
			p->sel = 0;
		break;
	case REQ_PGDN:
		/* At the end already: select the last row. */
		if (!tui_pager_next(t, p) && !p->has_next)
			p->sel = pager_count(p) - 1;
		break;
	case REQ_PGUP:
		if (!tui_pager_prev(t, p))
			p->sel = 0;
		break;
	case REQ_END:
		while (tui_pager_next(t, p))
			;
		p->sel = pager_count(p) - 1;
		break;
	default:
		return 0;
	}
	n = pager_count(p);
	if (p->sel >= n)
		p->sel = n - 1;
	if (p->sel < 0)
		p->sel = 0;
	return TUI_HANDLED | TUI_REDRAW;
}
