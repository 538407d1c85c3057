/*
 * screen_list.c - a list of bulletins of one category, of guides or of
 * Q&A: newest first, two rows per entry (the title; then date, 文号, topic
 * and validity in aligned columns), a search field that narrows the list
 * with every keystroke, and topic/year filters.
 *
 * Only the page on screen is held: paging asks db/browse for the page
 * after the last row or before the first (keyset), so a list of 100,000
 * rows costs what a list of ten does.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/browse.h"
#include "kiosk/searchlog.h"
#include "kiosk/width.h"
#include "tui/pager.h"
#include "tui/screen_consult.h"
#include "tui/screen_more.h"
#include "tui/widget.h"

#define LIST_TOP 2 /* first row of the entries */

struct list {
	int kind;
	char *category, *title;
	char topic[128];
	int year;
	struct tui_search search; /* the search row */
	struct browse_page page; /* the page on screen */
	struct tui_pager pg;     /* which page, the selected row */
	long total;        /* rows in the list, -1 when searching */
	char error[256];   /* the last query's failure, shown instead of rows */
};

/* Returns how many entries fit on the screen. */
static int list_per_page(struct tui *t)
{
	int n = (tui_rows(t) - LIST_TOP - 2) / 2;

	return n < 1 ? 1 : n;
}

/* Returns the search text to query with: NULL below two characters. */
static const char *list_query_text(const struct list *l)
{
	const char *s = tui_search_query(&l->search);

	return tui_search_chars(s) >= 2 ? s : NULL;
}

/* Fills a browse query from the screen's state. */
static void list_query(const struct list *l, struct browse_query *q)
{
	q->kind = l->kind;
	q->category = l->category;
	q->topic = l->topic;
	q->year = l->year;
	q->text = list_query_text(l);
}

/* Reads one page into the screen; returns 0, or -1 with l->error set. */
static int list_fetch(struct tui *t, struct list *l, const struct browse_item *from, int dir,
		      struct browse_page *out)
{
	struct browse_query q;
	int rc;

	list_query(l, &q);
	rc = browse_list(tui_db(t), &q, from, dir, l->pg.per_page, out, l->error, sizeof l->error);
	if (rc == 0)
		l->error[0] = '\0';
	return rc;
}

/* Loads the first page (after a new search or filter). */
static void list_load_first(struct tui *t, struct list *l)
{
	struct browse_query q;

	tui_pager_reset(&l->pg, list_per_page(t));
	if (tui_pager_first(t, &l->pg) < 0)
		return;
	list_query(l, &q);
	if (browse_count(tui_db(t), &q, &l->total, l->error, sizeof l->error) < 0)
		l->total = -1;
}

/* Pager op: reads the page around row at of the page on screen. */
static int list_pg_fetch(struct tui *t, void *ctx, int at, int dir, void *out)
{
	struct list *l = ctx;

	return list_fetch(t, l, at < 0 ? NULL : &l->page.items[at], dir, out);
}

/* Pager op: frees a page. */
static void list_pg_free(void *page)
{
	browse_page_free(page);
}

/* Pager op: returns a page's rows. */
static int list_pg_count(const void *page)
{
	return ((const struct browse_page *)page)->n;
}

/* Pager op: returns whether rows follow a page. */
static int list_pg_more(const void *page)
{
	return ((const struct browse_page *)page)->more;
}

/* Pager op: loads the first page again. */
static void list_pg_reload(struct tui *t, void *ctx)
{
	list_load_first(t, ctx);
}

/* The pager passes its directions straight to the db. */
_Static_assert((int)TUI_PAGER_NEXT == (int)BROWSE_NEXT && (int)TUI_PAGER_PREV == (int)BROWSE_PREV,
	       "pager directions");

static const struct tui_pager_ops list_pager_ops = {
	.page_size = sizeof(struct browse_page),
	.fetch = list_pg_fetch,
	.free = list_pg_free,
	.count = list_pg_count,
	.more = list_pg_more,
	.reload = list_pg_reload,
};

/* Copies the screen's arguments. */
static int list_enter(struct tui *t, void **state, const void *argp, char *err, size_t errlen)
{
	const struct tui_list_arg *arg = argp;
	struct list *l = xcalloc(1, sizeof *l);

	l->kind = arg->kind;
	l->category = xstrdup(arg->category);
	l->title = xstrdup(arg->title ? arg->title : "");
	tui_search_init(&l->search, TUI_FIELD_SEARCH, 60, arg->text);
	tui_pager_init(&l->pg, &list_pager_ops, l, &l->page);
	list_load_first(t, l);
	*state = l;
	return 0;
}

/* Opens a list narrowed to one topic (from 更多公开信息). */
static int list_enter_topic(struct tui *t, void **state, const void *argp, char *err,
			    size_t errlen)
{
	const struct tui_topic_list_arg *arg = argp;
	struct list *l = xcalloc(1, sizeof *l);

	l->kind = arg->list.kind;
	l->category = arg->list.category ? xstrdup(arg->list.category) : NULL;
	l->title = xstrdup(arg->list.title ? arg->list.title : "");
	snprintf(l->topic, sizeof l->topic, "%s", arg->topic ? arg->topic : "");
	tui_search_init(&l->search, TUI_FIELD_SEARCH, 60, arg->list.text);
	tui_pager_init(&l->pg, &list_pager_ops, l, &l->page);
	list_load_first(t, l);
	*state = l;
	return 0;
}

/* Frees the state. */
static void list_leave(struct tui *t, void *state)
{
	struct list *l = state;

	browse_page_free(&l->page);
	tui_search_free(t, &l->search);
	free(l->category);
	free(l->title);
	free(l);
}

/* Re-reads the page after a resize: the same first row, a new page size. */
static void list_resize(struct tui *t, void *state)
{
	struct list *l = state;
	struct browse_page before, p;
	long long keep;

	if (list_per_page(t) == l->pg.per_page)
		return;
	if (l->page.n == 0 || l->pg.pageno == 1) {
		keep = l->page.n ? l->page.items[l->pg.sel].id : 0;
		list_load_first(t, l);
	} else {
		keep = l->page.items[l->pg.sel].id;
		l->pg.per_page = list_per_page(t);
		/* The row before the first one shown, then the page after it. */
		if (list_fetch(t, l, &l->page.items[0], BROWSE_PREV, &before) < 0)
			return;
		if (before.n == 0) {
			browse_page_free(&before);
			list_load_first(t, l);
		} else if (list_fetch(t, l, &before.items[before.n - 1], BROWSE_NEXT, &p) == 0) {
			browse_page_free(&l->page);
			l->page = p;
			l->pg.has_next = p.more;
			l->pg.has_prev = 1;
			browse_page_free(&before);
		} else {
			browse_page_free(&before);
		}
	}
	l->pg.sel = 0;
	for (int i = 0; i < l->page.n; i++)
		if (l->page.items[i].id == keep)
			l->pg.sel = i;
}

/* Takes the topic and year the filter screen chose, and reads again. */
static void list_result(struct tui *t, void *state, const struct tui_screen_ops *from, const void *result)
{
	struct list *l = state;
	const struct tui_filter_arg *r = result;

	if (from != &tui_filter_ops)
		return;
	snprintf(l->topic, sizeof l->topic, "%s", r->topic);
	l->year = r->year;
	list_load_first(t, l);
}

/* Draws the search row: the field, or what the list is narrowed by. */
static void list_draw_search(struct tui *t, struct list *l)
{
	int cols = tui_cols(t), x = 1, fw;
	char filt[256] = "";


	if (l->kind == BROWSE_BULLETINS && l->category) {
		char year[16] = "全部";

		if (l->year)
			snprintf(year, sizeof year, "%d年", l->year);
		snprintf(filt, sizeof filt, "主题：%s  年份：%s", l->topic[0] ? l->topic : "全部", year);
	}
	fw = width_str(filt);
	if (fw > cols / 2 - 4)
		fw = cols / 2 - 4;
	if (fw)
		tui_put(t, 1, cols - fw - 1, fw, filt, l->topic[0] || l->year ? TUI_HEADING : TUI_NORMAL, 0);
	tui_search_draw(t, &l->search, 1, x, cols - fw - 3, "按 / 键搜索：两个字就能找到",
			tui_search_chars(tui_search_query(&l->search)) == 1 ? "再输入一个字" : NULL);
}

/* Draws one entry in two rows. */
static void list_draw_item(struct tui *t, struct list *l, int i, int y)
{
	const struct browse_item *it = &l->page.items[i];
	int cols = tui_cols(t), sel = i == l->pg.sel, role = sel ? TUI_SELECTED : TUI_NORMAL;
	int x = 2, bad = strcmp(it->validity, "失效") == 0 || strcmp(it->validity, "废止") == 0;
	int wno = cols >= 100 ? 28 : 24, wtopic = cols >= 100 ? 16 : 12;
	struct sbuf b = {0};

	if (sel) {
		tui_fill(t, y, 0, cols, TUI_SELECTED);
		tui_fill(t, y + 1, 0, cols, TUI_SELECTED);
		tui_put(t, y, 0, 2, "▶", TUI_SELECTED, 0);
	}
	if (bad) {
		char badge[32];

		snprintf(badge, sizeof badge, "【%s】", it->validity);
		x += tui_put(t, y, x, cols - x - 1, badge, TUI_WARN, 0);
	}
	{
		/* The searched words in 【】: seen without colour. */
		const char *text = list_query_text(l);
		char *title = text ? browse_mark(it->title, text) : NULL;

		tui_put(t, y, x, cols - x - 1, title ? title : it->title,
			sel ? TUI_SELECTED : TUI_HEADING, 0);
		free(title);
	}
	/* Second row: aligned columns. */
	sbuf_add(&b, "  ");
	if (l->kind != BROWSE_GUIDES) {
		width_pad(&b, it->date[0] ? it->date : "—", 10);
		sbuf_add(&b, "  ");
	}
	width_pad(&b, it->number, wno);
	sbuf_add(&b, "  ");
	width_pad(&b, it->topic, wtopic);
	if (l->kind == BROWSE_BULLETINS) {
		sbuf_add(&b, "  ");
		if (!l->category) {
			width_pad(&b, it->category, 10);
			sbuf_add(&b, "  ");
		}
		sbuf_add(&b, it->validity);
	}
	tui_put(t, y + 1, 2, cols - 3, sbuf_str(&b), role, 0);
	sbuf_free(&b);
}

/* Draws the list below the search row. */
static void list_draw_body(struct tui *t, struct list *l)
{
	int rows = tui_rows(t), cols = tui_cols(t);
	char right[64], status[160];

	if (l->total >= 0)
		snprintf(right, sizeof right, "共 %ld 条", l->total);
	else
		snprintf(right, sizeof right, "搜索结果");
	tui_title(t, l->title, right);
	list_draw_search(t, l);
	if (l->error[0]) {
		tui_put(t, LIST_TOP + 1, 2, cols - 4, "暂时无法读取资料，请稍后再试或联系工作人员。", TUI_WARN, 0);
		tui_put(t, LIST_TOP + 2, 2, cols - 4, l->error, TUI_NORMAL, 0);
		return;
	}
	if (l->page.n == 0) {
		tui_put(t, LIST_TOP + 1, 4, cols - 6,
			tui_search_query(&l->search)[0] ? "没有找到相关内容。请换个词试试，或按 Esc 清除搜索。" : "这里还没有内容。",
			TUI_HEADING, 0);
		return;
	}
	for (int i = 0; i < l->page.n && LIST_TOP + 2 * i + 1 < rows - 2; i++) {
		list_draw_item(t, l, i, LIST_TOP + 2 * i);
		tui_list_target(t, LIST_TOP + 2 * i, 2, i);
	}
	if (l->total > 0) {
		long pages = (l->total + l->pg.per_page - 1) / l->pg.per_page;

		snprintf(status, sizeof status, "第 %d/%ld 页%s", l->pg.pageno,
			 pages < l->pg.pageno ? l->pg.pageno : pages, l->pg.has_next ? "    ↓ 下面还有" : "");
	} else {
		snprintf(status, sizeof status, "第 %d 页%s", l->pg.pageno, l->pg.has_next ? "    ↓ 下面还有" : "");
	}
	tui_put(t, rows - 2, 2, cols - 4, status, TUI_NORMAL, 0);
}

/* Draws the list, then what floats over it. */
static void list_draw(struct tui *t, void *state)
{
	struct list *l = state;

	list_draw_body(t, l);
	/* 问答: the consultation register's entries (screen_consult.c) */
	if (l->kind == BROWSE_QA && !l->error[0])
		tui_consult_qa_draw(t, l->page.n == 0 && tui_search_query(&l->search)[0] &&
					       !tui_search_open_p(&l->search));
	tui_search_draw_popups(t, &l->search);
}

/* Opens the selected entry. */
static int list_open(struct tui *t, struct list *l)
{
	struct tui_doc_arg a;

	if (l->pg.sel < 0 || l->pg.sel >= l->page.n)
		return TUI_HANDLED;
	a.kind = l->kind;
	a.id = l->page.items[l->pg.sel].id;
	tui_push(t, &tui_reader_ops, &a);
	return TUI_HANDLED | TUI_REDRAW;
}

/* Handles a key while the search field is open. */
static int list_key_editing(struct tui *t, struct list *l, const struct tui_event *ev)
{
	switch (tui_search_key(t, &l->search, ev)) {
	case TUI_SEARCH_CHANGED:
		list_load_first(t, l);
		return TUI_HANDLED | TUI_REDRAW;
	case TUI_SEARCH_KEPT:
		/* Kept with nothing found: counted for the office. */
		if (list_query_text(l) && l->page.n == 0 && !l->error[0])
			searchlog_nothing_found(tui_db(t), list_query_text(l));
		return TUI_HANDLED | TUI_REDRAW;
	case TUI_SEARCH_REDRAW:
		return TUI_HANDLED | TUI_REDRAW;
	default:
		return ev->req == REQ_CLICK ? 0 : tui_pager_move(t, &l->pg, ev->req);
	}
}

/* Handles keys and taps. */
static int list_key(struct tui *t, void *state, const struct tui_event *ev)
{
	struct list *l = state;

	if (l->kind == BROWSE_QA && !tui_search_open_p(&l->search)) {
		int r = tui_consult_qa_key(t, ev, tui_search_query(&l->search),
					   l->page.n == 0 && tui_search_query(&l->search)[0]);

		if (r)
			return r;
	}
	if (tui_search_open_p(&l->search)) {
		int r = list_key_editing(t, l, ev);

		if (r || ev->req != REQ_CLICK)
			return r;
	}
	switch (ev->req) {
	case REQ_SEARCH:
		tui_search_open(t, &l->search);
		return TUI_HANDLED | TUI_REDRAW;
	case REQ_TEXT:
		/* Typing starts a search straight away. */
		tui_search_open(t, &l->search);
		return list_key_editing(t, l, ev);
	case REQ_FILTER:
		if (l->kind == BROWSE_BULLETINS && l->category) {
			struct tui_filter_arg a = { l->category, l->topic, l->year };

			tui_push(t, &tui_filter_ops, &a);
		} else {
			tui_message(t, "这个列表不能筛选，请用 / 搜索");
		}
		return TUI_HANDLED | TUI_REDRAW;
	case REQ_BACK:
		if (tui_search_query(&l->search)[0]) {
			tui_search_clear(t, &l->search);
			list_load_first(t, l);
			return TUI_HANDLED | TUI_REDRAW;
		}
		return 0;
	case REQ_ENTER:
		return list_open(t, l);
	case REQ_CLICK:
		if (tui_search_clicked(t, ev)) {
			tui_search_open(t, &l->search);
			return TUI_HANDLED | TUI_REDRAW;
		}
		if (tui_list_hit(t, ev) >= 0 && tui_list_hit(t, ev) < l->page.n) {
			l->pg.sel = tui_list_hit(t, ev);
			return list_open(t, l);
		}
		if (ev->y == tui_rows(t) - 2 && l->pg.has_next)
			return tui_pager_move(t, &l->pg, REQ_PGDN);
		return TUI_HANDLED;
	default:
		return tui_pager_move(t, &l->pg, ev->req);
	}
}

/* Prints the selected document. */
static int list_print(struct tui *t, void *state)
{
	struct list *l = state;
	struct tui_print_job job = { 0 };

	if (l->page.n == 0) {
		tui_message(t, "没有可以打印的内容");
		return TUI_REDRAW;
	}
	job.kind = l->kind == BROWSE_GUIDES ? PRINT_LOG_GUIDE : l->kind == BROWSE_QA ? PRINT_LOG_QA : PRINT_LOG_DOC;
	job.id = l->page.items[l->pg.sel].id;
	job.title = l->page.items[l->pg.sel].title;
	job.index_no = "";
	return tui_print_hook(t, &job);
}

/* Keys go to the search field while it is open. */
static int list_typing(void *state)
{
	const struct list *l = state;

	return tui_search_open_p(&l->search);
}

/* The key line: browsing, or typing into the search field. */
static const struct tui_hint *list_hints(void *state)
{
	static const struct tui_hint browsing[] = {
		{ REQ_DOWN, NULL }, { REQ_ENTER, NULL }, { REQ_PGDN, NULL }, { REQ_SEARCH, NULL },
		{ REQ_FILTER, NULL }, { REQ_PRINT, NULL }, { REQ_BACK, NULL }, { REQ_HOME, NULL },
		{ REQ_NONE, NULL },
	};
	static const struct tui_hint plain[] = {
		{ REQ_DOWN, NULL }, { REQ_ENTER, NULL }, { REQ_PGDN, NULL }, { REQ_SEARCH, NULL },
		{ REQ_PRINT, NULL }, { REQ_BACK, NULL }, { REQ_HOME, NULL }, { REQ_NONE, NULL },
	};
	const struct list *l = state;

	if (tui_search_open_p(&l->search))
		return tui_field_hints;
	return l->kind == BROWSE_BULLETINS && l->category ? browsing : plain;
}

const struct tui_screen_ops tui_list_ops = {
	.name = "list",
	.enter = list_enter,
	.draw = list_draw,
	.key = list_key,
	.resize = list_resize,
	.result = list_result,
	.leave = list_leave,
	.print = list_print,
	.hints = list_hints,
	.typing = list_typing,
};

/* The same list screen, entered on one topic over every category. */
const struct tui_screen_ops tui_topic_list_ops = {
	.name = "list",
	.enter = list_enter_topic,
	.draw = list_draw,
	.key = list_key,
	.resize = list_resize,
	.result = list_result,
	.leave = list_leave,
	.print = list_print,
	.hints = list_hints,
	.typing = list_typing,
};
