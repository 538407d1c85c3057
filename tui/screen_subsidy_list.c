/*
 * screen_subsidy_list.c - one village's subsidy list (or a whole
 * township's, village by village) as the office publishes it: 姓名,
 * 村(社区), 补贴依据, 发放金额 (right-aligned yuan), 发放日期, the masked
 * 身份证号 and, on wide screens, the masked 一卡通 account; the sums of
 * the batch, the township and the village above it. The search field
 * narrows the list as the user types.
 *
 * Only the page on screen is held: paging asks db/subsidy for the rows
 * after the last one shown or before the first (keyset over the place
 * index), so the 100th page of a township costs what the first does.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/width.h"
#include "tui/pager.h"
#include "tui/screen_subsidy.h"

#define LIST_TOP 5 /* first row of the entries */

struct slist {
	char *program, *batch, *township, *village, *title;
	int year;
	struct subsidy_scope scope;
	struct subsidy_totals tot;
	struct tui_search search; /* the search row */
	struct subsidy_query q;
	int filtering;      /* the text is enough to narrow the list */
	struct subsidy_sum shown; /* rows and money of the list as narrowed */
	struct subsidy_page page; /* the page on screen */
	struct tui_pager pg;      /* which page, the selected row */
	struct subsidy_print print;
	char error[256];
};

/* Returns how many rows fit. */
static int slist_per_page(struct tui *t)
{
	int n = tui_rows(t) - LIST_TOP - 2;

	return n < 1 ? 1 : n;
}

/* The query the list is narrowed by, or NULL. */
static const struct subsidy_query *slist_query(const struct slist *l)
{
	return l->filtering ? &l->q : NULL;
}

/* Reads one page; 0, or -1 with l->error set. */
static int slist_fetch(struct tui *t, struct slist *l, const struct subsidy_row *from, int dir,
		       struct subsidy_page *out)
{
	int rc = subsidy_list(tui_db(t), &l->scope, slist_query(l), from, dir, l->pg.per_page, out,
			      l->error, sizeof l->error);

	if (rc == 0)
		l->error[0] = '\0';
	return rc;
}

/* Loads the first page and the sums (after a new search). */
static void slist_load_first(struct tui *t, struct slist *l)
{
	tui_pager_reset(&l->pg, slist_per_page(t));
	l->filtering = subsidy_query_parse(tui_search_query(&l->search), &l->q);
	if (subsidy_list_sum(tui_db(t), &l->scope, slist_query(l), &l->shown, l->error,
			     sizeof l->error) < 0)
		return;
	tui_pager_first(t, &l->pg);
}

/* Pager op: reads the page around row at of the page on screen. */
static int slist_pg_fetch(struct tui *t, void *ctx, int at, int dir, void *out)
{
	struct slist *l = ctx;

	return slist_fetch(t, l, at < 0 ? NULL : &l->page.rows[at], dir, out);
}

/* Pager op: frees a page. */
static void slist_pg_free(void *page)
{
	subsidy_page_free(page);
}

/* Pager op: returns a page's rows. */
static int slist_pg_count(const void *page)
{
	return ((const struct subsidy_page *)page)->n;
}

/* Pager op: returns whether rows follow a page. */
static int slist_pg_more(const void *page)
{
	return ((const struct subsidy_page *)page)->more;
}

/* Pager op: loads the first page and the sums again. */
static void slist_pg_reload(struct tui *t, void *ctx)
{
	slist_load_first(t, ctx);
}

/* The pager passes its directions straight to the db. */
_Static_assert((int)TUI_PAGER_NEXT == (int)SUBSIDY_NEXT && (int)TUI_PAGER_PREV == (int)SUBSIDY_PREV,
	       "pager directions");

static const struct tui_pager_ops slist_pager_ops = {
	.page_size = sizeof(struct subsidy_page),
	.fetch = slist_pg_fetch,
	.free = slist_pg_free,
	.count = slist_pg_count,
	.more = slist_pg_more,
	.reload = slist_pg_reload,
};

/* Copies the arguments and reads the first page. */
static int slist_enter(struct tui *t, void **state, const void *argp, char *err, size_t errlen)
{
	const struct subsidy_arg *a = argp;
	struct slist *l;
	struct subsidy_batch b;
	char label[128];

	if (subsidy_batch_get(tui_db(t), a->batch_id, &b, err, errlen) != 0) {
		if (!err[0])
			util_errf(err, errlen, "这份名单已不存在，请返回重新选择");
		return -1;
	}
	l = xcalloc(1, sizeof *l);
	tui_search_init(&l->search, TUI_FIELD_NAME_SEARCH, 60, NULL);
	tui_pager_init(&l->pg, &slist_pager_ops, l, &l->page);
	subsidy_batch_label(b.year, b.batch, label, sizeof label);
	l->program = xstrdup(b.program);
	l->batch = xstrdup(b.batch);
	l->year = b.year;
	l->township = xstrdup(a->township ? a->township : "");
	l->village = a->village ? xstrdup(a->village) : NULL;
	l->title = a->village ? xasprintf("%s %s › %s › %s", b.program, label, l->township, l->village)
			      : xasprintf("%s %s › %s", b.program, label, l->township);
	subsidy_batch_clear(&b);
	l->scope.batch_id = a->batch_id;
	l->scope.township = l->township;
	l->scope.village = l->village;
	if (subsidy_totals_get(tui_db(t), &l->scope, &l->tot, l->error, sizeof l->error) == 0)
		slist_load_first(t, l);
	*state = l;
	return 0;
}

/* Frees the state. */
static void slist_leave(struct tui *t, void *state)
{
	struct slist *l = state;

	subsidy_print_free(&l->print);
	subsidy_page_free(&l->page);
	tui_search_free(t, &l->search);
	free(l->program);
	free(l->batch);
	free(l->township);
	free(l->village);
	free(l->title);
	free(l);
}

/* Re-reads the page after a resize, from the first row shown. */
static void slist_resize(struct tui *t, void *state)
{
	struct slist *l = state;
	struct subsidy_page p;
	struct subsidy_row from;
	long long keep;

	if (slist_per_page(t) == l->pg.per_page)
		return;
	if (l->page.n == 0 || l->pg.pageno == 1) {
		keep = l->page.n ? l->page.rows[l->pg.sel].id : 0;
		slist_load_first(t, l);
	} else {
		keep = l->page.rows[l->pg.sel].id;
		l->pg.per_page = slist_per_page(t);
		/* Just before the first row shown: same village, the id before. */
		from = l->page.rows[0];
		from.id--;
		if (slist_fetch(t, l, &from, SUBSIDY_NEXT, &p) < 0)
			return;
		subsidy_page_free(&l->page);
		l->page = p;
		l->pg.has_next = p.more;
	}
	l->pg.sel = 0;
	for (int i = 0; i < l->page.n; i++)
		if (l->page.rows[i].id == keep)
			l->pg.sel = i;
}

/* The columns of a row, for the screen's width. */
struct slist_cols {
	int gap, name, village, basis, amount, date, id, account;
};

/* Chooses column widths: the basis takes what is left. */
static void slist_cols(struct tui *t, struct slist_cols *c)
{
	int cols = tui_cols(t), used;

	c->gap = cols >= 100 ? 2 : 1;
	c->name = 10;
	c->village = cols >= 100 ? 14 : 10;
	c->amount = 12;
	c->date = 10;
	c->id = 18;
	c->account = cols >= 100 ? 16 : 0;
	used = 2 + c->name + c->village + c->amount + c->date + c->id + c->account +
	       c->gap * (c->account ? 6 : 5) + 1;
	c->basis = cols - used;
	if (c->basis < 4)
		c->basis = 4;
	if (c->basis > 40)
		c->basis = 40;
}

/* Appends the gap between columns. */
static void slist_gap(struct sbuf *b, const struct slist_cols *c)
{
	sbuf_add(b, c->gap == 2 ? "  " : " ");
}

/* Writes one row (or, with r NULL, the column titles) into b. */
static void slist_format(struct sbuf *b, const struct slist_cols *c, const struct subsidy_row *r)
{
	char yuan[40];

	if (r)
		subsidy_yuan(r->amount_fen, yuan, sizeof yuan);
	width_pad(b, r ? r->name : "姓名", c->name);
	slist_gap(b, c);
	width_pad(b, r ? r->village : "村（社区）", c->village);
	slist_gap(b, c);
	width_pad(b, r ? r->basis : "补贴依据", c->basis);
	slist_gap(b, c);
	subsidy_cell_right(b, r ? yuan : "发放金额(元)", c->amount);
	slist_gap(b, c);
	width_pad(b, r ? (r->paid_on[0] ? r->paid_on : "—") : "发放日期", c->date);
	slist_gap(b, c);
	width_pad(b, r ? (r->id_masked[0] ? r->id_masked : "—") : "身份证号", c->id);
	if (c->account) {
		slist_gap(b, c);
		width_pad(b, r ? r->account_masked : "一卡通账号", c->account);
	}
}

/* Draws the sums above the list, flowing over rows 1 and 2. */
static void slist_draw_sums(struct tui *t, struct slist *l)
{
	char seg[4][320], sum[160];
	int n = 0, y = 1, x = 1, cols = tui_cols(t);

	subsidy_sum_text(&l->tot.batch, sum, sizeof sum);
	snprintf(seg[n++], sizeof seg[0], "本批合计 %s", sum);
	subsidy_sum_text(&l->tot.township, sum, sizeof sum);
	snprintf(seg[n++], sizeof seg[0], "%s合计 %s", l->township, sum);
	if (l->village) {
		subsidy_sum_text(&l->tot.village, sum, sizeof sum);
		snprintf(seg[n++], sizeof seg[0], "%s合计 %s", l->village, sum);
	}
	if (l->filtering) {
		subsidy_sum_text(&l->shown, sum, sizeof sum);
		snprintf(seg[n++], sizeof seg[0], "搜索结果 %s", sum);
	}
	for (int i = 0; i < n; i++) {
		int w = width_str(seg[i]);

		if (x > 1 && x + w > cols - 1 && y == 1) {
			y = 2;
			x = 1;
		}
		x += tui_put(t, y, x, cols - x - 1, seg[i], i == n - 1 && l->filtering ? TUI_WARN : TUI_HEADING, 0);
		x += 4;
	}
}

/* Draws the list. */
static void slist_draw_body(struct tui *t, struct slist *l)
{
	int rows = tui_rows(t), cols = tui_cols(t);
	struct slist_cols c;
	struct sbuf b = {0};
	char right[64], count[40], status[512];

	subsidy_count(l->shown.people, count, sizeof count);
	snprintf(right, sizeof right, l->filtering ? "找到 %s 人" : "共 %s 人", count);
	tui_title(t, l->title, right);
	slist_draw_sums(t, l);
	tui_search_draw(t, &l->search, 3, 1, cols - 2, "按 / 键搜索本名单：姓名、拼音首字母或身份证后四位",
			subsidy_search_warn(&l->search));
	if (l->error[0]) {
		tui_put(t, LIST_TOP, 2, cols - 4, "暂时无法读取名单，请稍后再试或联系工作人员。", TUI_WARN, 0);
		tui_put(t, LIST_TOP + 1, 2, cols - 4, l->error, TUI_NORMAL, 0);
		return;
	}
	slist_cols(t, &c);
	slist_format(&b, &c, NULL);
	tui_put(t, LIST_TOP - 1, 2, cols - 3, sbuf_str(&b), TUI_HEADING, 0);
	sbuf_free(&b);
	if (l->page.n == 0) {
		tui_put(t, LIST_TOP + 1, 4, cols - 6,
			tui_search_query(&l->search)[0] ? "没有找到。请核对姓名，或按 Esc 清除搜索。" : "这份名单是空的。",
			TUI_HEADING, 0);
		return;
	}
	for (int i = 0; i < l->page.n && LIST_TOP + i < rows - 2; i++) {
		int y = LIST_TOP + i, sel = i == l->pg.sel;

		if (sel) {
			tui_fill(t, y, 0, cols, TUI_SELECTED);
			tui_put(t, y, 0, 2, "▶", TUI_SELECTED, 0);
		}
		slist_format(&b, &c, &l->page.rows[i]);
		tui_list_target(t, y, 1, i);
		tui_put(t, y, 2, cols - 3, sbuf_str(&b), sel ? TUI_SELECTED : TUI_NORMAL, 0);
		sbuf_reset(&b);
	}
	sbuf_free(&b);
	{
		long pages = (l->shown.people + l->pg.per_page - 1) / l->pg.per_page;
		int n = snprintf(status, sizeof status, "第 %d/%ld 页%s", l->pg.pageno,
				 pages < l->pg.pageno ? l->pg.pageno : pages, l->pg.has_next ? "  ↓ 下面还有" : "");

		if (!c.account && l->pg.sel < l->page.n && n > 0 && (size_t)n < sizeof status)
			snprintf(status + n, sizeof status - (size_t)n, "    一卡通账号 %s",
				 l->page.rows[l->pg.sel].account_masked[0] ? l->page.rows[l->pg.sel].account_masked : "—");
		tui_put(t, rows - 2, 2, cols - 4, status, TUI_NORMAL, 0);
	}
}

/* Draws the list, then what floats over it. */
static void slist_draw(struct tui *t, void *state)
{
	struct slist *l = state;

	slist_draw_body(t, l);
	tui_search_draw_popups(t, &l->search);
}

/* Handles a key while the search field is open. */
static int slist_key_editing(struct tui *t, struct slist *l, const struct tui_event *ev)
{
	switch (tui_search_key(t, &l->search, ev)) {
	case TUI_SEARCH_CHANGED:
		slist_load_first(t, l);
		return TUI_HANDLED | TUI_REDRAW;
	case TUI_SEARCH_REDRAW:
	case TUI_SEARCH_KEPT:
		return TUI_HANDLED | TUI_REDRAW;
	default:
		return ev->req == REQ_CLICK ? 0 : tui_pager_move(t, &l->pg, ev->req);
	}
}

/* Handles keys and taps. */
static int slist_key(struct tui *t, void *state, const struct tui_event *ev)
{
	struct slist *l = state;

	if (tui_search_open_p(&l->search)) {
		int r = slist_key_editing(t, l, ev);

		if (r || ev->req != REQ_CLICK)
			return r;
	}
	switch (ev->req) {
	case REQ_SEARCH:
		tui_search_open(t, &l->search);
		return TUI_HANDLED | TUI_REDRAW;
	case REQ_TEXT:
		tui_search_open(t, &l->search);
		return slist_key_editing(t, l, ev);
	case REQ_BACK:
		if (tui_search_query(&l->search)[0]) {
			tui_search_clear(t, &l->search);
			slist_load_first(t, l);
			return TUI_HANDLED | TUI_REDRAW;
		}
		return 0;
	case REQ_ENTER:
		return TUI_HANDLED;
	case REQ_CLICK:
		if (tui_search_clicked(t, ev)) {
			tui_search_open(t, &l->search);
			return TUI_HANDLED | TUI_REDRAW;
		}
		if (tui_list_hit(t, ev) >= 0 && tui_list_hit(t, ev) < l->page.n) {
			l->pg.sel = tui_list_hit(t, ev);
			return TUI_HANDLED | TUI_REDRAW;
		}
		if (ev->y == tui_rows(t) - 2 && l->pg.has_next)
			return tui_pager_move(t, &l->pg, REQ_PGDN);
		return TUI_HANDLED;
	default:
		return tui_pager_move(t, &l->pg, ev->req);
	}
}

/* Prints the list, or the rows on screen. */
static int slist_print(struct tui *t, void *state)
{
	struct slist *l = state;
	struct subsidy_print_list a = { &l->scope, slist_query(l), tui_search_query(&l->search), l->program,
					 l->batch, l->year, &l->shown, &l->page };

	return subsidy_print_list(t, &l->print, &a);
}

/* The key line: browsing, or typing into the search field. */
static const struct tui_hint *slist_hints(void *state)
{
	static const struct tui_hint browsing[] = {
		{ REQ_DOWN, NULL }, { REQ_PGDN, NULL }, { REQ_PGUP, NULL }, { REQ_SEARCH, NULL },
		{ REQ_PRINT, NULL }, { REQ_BACK, NULL }, { REQ_HOME, NULL }, { REQ_NONE, NULL },
	};
	const struct slist *l = state;

	return tui_search_open_p(&l->search) ? tui_field_hints : browsing;
}

/* Keys go to the search field while it is open. */
static int slist_typing(void *state)
{
	const struct slist *l = state;

	return tui_search_open_p(&l->search);
}

const struct tui_screen_ops subsidy_list_ops = {
	.name = "subsidy-list",
	.enter = slist_enter,
	.draw = slist_draw,
	.key = slist_key,
	.resize = slist_resize,
	.leave = slist_leave,
	.print = slist_print,
	.hints = slist_hints,
	.typing = slist_typing,
};
