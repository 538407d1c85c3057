/*
 * box.c - a popup frame over the screen below (the print dialog, the idle
 * countdown, the on-screen keyboard): ┌─ title ─┐, │ … │, └──┘.
 */
#include "kiosk/width.h"
#include "tui/widget.h"

/* Draws a horizontal edge: left corner, w - 2 rules, right corner. */
static void box_edge(struct tui *t, int y, int x, int w, const char *l, const char *r, int role)
{
	struct sbuf b = {0};

	sbuf_add(&b, l);
	for (int i = 0; i < w - 2; i++)
		sbuf_add(&b, "─");
	sbuf_add(&b, r);
	tui_put(t, y, x, w, sbuf_str(&b), role, 0);
	sbuf_free(&b);
}

/* Draws the frame and blanks what it covers. */
void tui_box(struct tui *t, const struct tui_rect *r, const char *title, int role)
{
	int cols = tui_cols(t);

	if (r->h < 2 || r->w < 4)
		return;
	/* The box's rows are blanked across the whole width: a border drawn
	 * over half of a wide character would leave the other half behind. */
	for (int y = r->y; y < r->y + r->h; y++)
		tui_fill(t, y, 0, cols, TUI_NORMAL);
	box_edge(t, r->y, r->x, r->w, "┌", "┐", role);
	box_edge(t, r->y + r->h - 1, r->x, r->w, "└", "┘", role);
	for (int y = r->y + 1; y < r->y + r->h - 1; y++) {
		tui_put(t, y, r->x, 1, "│", role, 0);
		tui_put(t, y, r->x + r->w - 1, 1, "│", role, 0);
	}
	if (title && *title) {
		struct sbuf b = {0};
		int tw;

		sbuf_addf(&b, " %s ", title);
		tw = width_str(sbuf_str(&b));
		if (tw > r->w - 4)
			tw = r->w - 4;
		tui_put(t, r->y, r->x + (r->w - tw) / 2, tw, sbuf_str(&b), role, 0);
		sbuf_free(&b);
	}
	/* A click inside the box never reaches the screen below. */
	for (int y = r->y; y < r->y + r->h; y++)
		tui_target(t, y, r->x, r->x + r->w, TUI_TARGET_NONE);
}

/* Centres a box of h rows and w columns between the title bar and the
 * message row, shrunk to fit. */
struct tui_rect tui_box_centre(struct tui *t, int h, int w)
{
	struct tui_rect r;
	int avail = tui_rows(t) - 3, cols = tui_cols(t);

	if (w > cols - 2)
		w = cols - 2;
	if (h > avail)
		h = avail;
	r.h = h;
	r.w = w;
	r.x = (cols - w) / 2;
	r.y = 1 + (avail - h) / 2;
	return r;
}
