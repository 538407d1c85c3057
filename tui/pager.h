/*
 * pager.h - keyset paging shared by the list screens: which page of a list
 * is on screen, the selected row, and the moves between rows and pages.
 * The screen keeps its own typed page (struct browse_page, struct
 * subsidy_page, ...) and tells the pager, through a small table of
 * operations, how to read, free and measure one; only the page on screen
 * is ever held.
 */
#ifndef GK_TUI_PAGER_H
#define GK_TUI_PAGER_H

#include <stddef.h>

#include "kiosk/util.h"

struct tui;
struct tui_event;

/* Directions a page is read in (the same values as BROWSE_NEXT/PREV and
 * SUBSIDY_NEXT/PREV). */
enum { TUI_PAGER_NEXT = 1, TUI_PAGER_PREV = -1 };

/* How to handle one screen's pages; ctx is the screen's state. */
struct tui_pager_ops {
	size_t page_size; /* sizeof the screen's page struct */
	/* Reads into out (zeroed, page_size bytes) the page after (dir
	 * TUI_PAGER_NEXT) or before (TUI_PAGER_PREV) row `at` of the page on
	 * screen, or the first page when at is -1. Returns 0, or -1 with the
	 * screen's error set and nothing left in out to free. */
	int (*fetch)(struct tui *t, void *ctx, int at, int dir, void *out);
	/* Frees a page's rows and leaves it empty. */
	void (*free)(void *page);
	/* Returns how many rows a page holds. */
	int (*count)(const void *page);
	/* Returns 1 when rows follow a page in the direction it was read. */
	int (*more)(const void *page);
	/* Loads the first page again with whatever the screen reads beside it;
	 * called when paging back reaches the start. */
	void (*reload)(struct tui *t, void *ctx);
};

/* The paging state; the screen reads sel/pageno/has_next/per_page freely. */
struct tui_pager {
	const struct tui_pager_ops *ops; /* borrows (a static table) */
	void *ctx;                       /* borrows: passed to the ops */
	void *page;                      /* borrows: the screen's page on screen */
	int sel;                         /* the selected row of the page */
	int pageno;                      /* 1 for the first page */
	int has_next, has_prev;          /* rows follow / precede the page */
	int per_page;                    /* rows asked for per page */
};

/* Ties a pager to its ops, the screen's state and the screen's page. */
void tui_pager_init(struct tui_pager *p, const struct tui_pager_ops *ops, void *ctx, void *page);

/* Frees the page on screen and starts over at page 1 with per_page rows. */
void tui_pager_reset(struct tui_pager *p, int per_page);

/* Reads the first page (after tui_pager_reset); returns 0, or -1 when the
 * fetch failed (the page stays empty). */
int tui_pager_first(struct tui *t, struct tui_pager *p);

/* Moves to the next page; returns 1 when it moved. */
int tui_pager_next(struct tui *t, struct tui_pager *p);

/* Moves to the previous page (a full first page when back at the start);
 * returns 1 when it moved. */
int tui_pager_prev(struct tui *t, struct tui_pager *p);

/* Moves the selection by REQ_UP/DOWN/PGUP/PGDN/END, paging as needed;
 * returns TUI_HANDLED | TUI_REDRAW, or 0 for any other request. */
int tui_pager_move(struct tui *t, struct tui_pager *p, int req);

#endif
