/*
 * screen_subsidy_people.c - "find my line": what the search field of the
 * 补贴公示 menus opens. The results narrow with every keystroke; each person
 * found is one block - name, village, masked id, how many payments and
 * their total - followed by every payment of theirs within the scope the
 * search began from (every program and year on the first screen), grouped
 * by program, newest year first.
 *
 * Only one page of people is held (db/subsidy.h reads the next or the
 * previous page by name and id tail); the page is scrolled line by line
 * when a person's block is longer than the screen.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/width.h"
#include "tui/screen_subsidy.h"
#include "tui/speech_view.h"

#define PEOPLE_NAME_MAX 20 /* columns a name may take: ten Hanzi */
#define PEOPLE_TOP 3      /* first row of the results */
#define PEOPLE_PER_PAGE 8 /* people read at a time */

/* One drawn line: a person's heading (row -1) or one of their payments. */
struct people_line {
	int person, row;
};

struct people {
	char *program, *township, *village, *where;
	struct subsidy_scope scope;
	struct tui_search search; /* the name typed */
	int enough;
	struct subsidy_query q;
	struct subsidy_match *m;
	struct subsidy_people page;
	int pageno, has_prev;
	struct people_line *lines;
	int nlines, top, sel;
	struct subsidy_print print;
	char error[256];
	struct tui_speech speech; /* 朗读 of the selected person's lines */
	struct layout say;        /* what is read: one line per payment */
};

/* Returns the rows the results may use. */
static int people_rows(struct tui *t)
{
	int n = tui_rows(t) - PEOPLE_TOP - 2;

	return n < 1 ? 1 : n;
}

/* Lays the page out as lines. */
static void people_lines(struct people *p)
{
	int n = 0;

	for (int i = 0; i < p->page.n; i++)
		n += 1 + p->page.p[i].n;
	free(p->lines);
	p->lines = xcalloc((size_t)n + 1, sizeof *p->lines);
	p->nlines = 0;
	for (int i = 0; i < p->page.n; i++) {
		p->lines[p->nlines++] = (struct people_line){ i, -1 };
		for (int r = 0; r < p->page.p[i].n; r++)
			p->lines[p->nlines++] = (struct people_line){ i, r };
	}
	p->top = 0;
	p->sel = 0;
}

/* Returns the first line of person i. */
static int people_first_line(const struct people *p, int i)
{
	for (int l = 0; l < p->nlines; l++)
		if (p->lines[l].person == i)
			return l;
	return 0;
}

/* Replaces the page with what a fetch returned; 0, or -1 on error. */
static int people_fetch(struct tui *t, struct people *p, const struct subsidy_person_key *from,
			int dir, struct subsidy_people *out)
{
	int rc = subsidy_find(tui_db(t), p->m, &p->scope, from, dir, PEOPLE_PER_PAGE, out,
			      p->error, sizeof p->error);

	if (rc == 0)
		p->error[0] = '\0';
	return rc;
}

/* Searches again for the text as it is now: the first page. */
static void people_search(struct tui *t, struct people *p)
{
	const struct subsidy_names *d;

	subsidy_people_free(&p->page);
	subsidy_match_free(p->m);
	p->m = NULL;
	p->pageno = 1;
	p->has_prev = 0;
	p->error[0] = '\0';
	p->enough = subsidy_query_parse(tui_search_query(&p->search), &p->q);
	if (p->enough) {
		d = subsidy_tui_names(t, p->error, sizeof p->error);
		if (d) {
			p->m = subsidy_match_new(d, &p->q);
			people_fetch(t, p, NULL, SUBSIDY_NEXT, &p->page);
		}
	}
	people_lines(p);
}

/* Moves to the next page of people; returns 1 when it moved. */
static int people_next(struct tui *t, struct people *p)
{
	struct subsidy_people next;
	const struct subsidy_person *last;
	struct subsidy_person_key k;

	if (!p->page.more || p->page.n == 0)
		return 0;
	last = &p->page.p[p->page.n - 1];
	k.name = last->name;
	k.id_tail = last->id_tail;
	if (people_fetch(t, p, &k, SUBSIDY_NEXT, &next) < 0)
		return 0;
	if (next.n == 0) {
		subsidy_people_free(&next);
		p->page.more = 0;
		return 0;
	}
	subsidy_people_free(&p->page);
	p->page = next;
	p->has_prev = 1;
	p->pageno++;
	people_lines(p);
	return 1;
}

/* Moves to the previous page of people; returns 1 when it moved. */
static int people_prev(struct tui *t, struct people *p)
{
	struct subsidy_people prev;
	struct subsidy_person_key k;

	if (!p->has_prev || p->page.n == 0)
		return 0;
	k.name = p->page.p[0].name;
	k.id_tail = p->page.p[0].id_tail;
	if (people_fetch(t, p, &k, SUBSIDY_PREV, &prev) < 0)
		return 0;
	if (prev.n == 0) {
		subsidy_people_free(&prev);
		p->has_prev = 0;
		return 0;
	}
	subsidy_people_free(&p->page);
	p->page = prev;
	p->page.more = 1; /* the page we came from follows */
	p->has_prev = prev.more;
	p->pageno = p->pageno > 1 ? p->pageno - 1 : 1;
	people_lines(p);
	return 1;
}

/* Copies the scope and the text typed so far, and searches. */
static int people_enter(struct tui *t, void **state, const void *argp, char *err, size_t errlen)
{
	const struct subsidy_arg *a = argp;
	struct people *p = xcalloc(1, sizeof *p);

	p->program = a->program ? xstrdup(a->program) : NULL;
	p->township = a->township ? xstrdup(a->township) : NULL;
	p->village = a->village ? xstrdup(a->village) : NULL;
	p->where = xstrdup(a->where ? a->where : "");
	p->scope.program = p->program;
	p->scope.batch_id = a->batch_id;
	p->scope.township = p->township;
	p->scope.village = p->village;
	tui_search_init(&p->search, TUI_FIELD_NAME_SEARCH, 60, a->text);
	tui_search_open(t, &p->search);
	if (a->first_key) {
		/* The key that opened the search from a menu is its first. */
		struct tui_event ev = { .req = REQ_TEXT, .ch = a->first_key, .text = 1 };

		tui_search_key(t, &p->search, &ev);
	}
	people_search(t, p);
	*state = p;
	return 0;
}

/* Frees the state. */
static void people_leave(struct tui *t, void *state)
{
	struct people *p = state;

	tui_speech_end(&p->speech);
	layout_free(&p->say);
	subsidy_print_free(&p->print);
	subsidy_people_free(&p->page);
	subsidy_match_free(p->m);
	free(p->lines);
	tui_search_free(t, &p->search);
	free(p->program);
	free(p->township);
	free(p->village);
	free(p->where);
	free(p);
}

/* The columns of a payment line, for the screen's width. */
struct people_cols {
	int program, batch, basis, amount, date, account;
};

/* Chooses column widths: the basis takes what is left; a narrow window
 * gives up width of the program first, then the date. */
static void people_cols(struct tui *t, struct people_cols *c)
{
	int cols = tui_cols(t);

	c->program = 22;
	c->batch = 13;
	c->amount = 12;
	c->date = 10;
	c->account = cols >= 110 ? 16 : 0;
	for (;;) {
		int used = 4 + c->program + 1 + c->batch + 1 + 1 + c->amount + (c->date ? 1 + c->date : 0) +
			   (c->account ? 2 + c->account : 0) + 1;

		c->basis = cols - used;
		if (c->basis >= 6 || (c->program <= 10 && !c->date))
			break;
		if (c->program > 10)
			c->program--;
		else
			c->date = 0;
	}
	if (c->basis < 4)
		c->basis = 4;
	if (c->basis > 30)
		c->basis = 30;
}

/* Draws a person's heading line: name, place, masked id, payments, total. */
static void people_draw_head(struct tui *t, const struct subsidy_person *x, int y, int sel, int namew)
{
	int cols = tui_cols(t), placew = cols - 51 - namew;
	char yuan[40], count[96], place[256], total[64];
	struct sbuf b = {0};

	snprintf(place, sizeof place, "%s %s", x->township, x->village);
	snprintf(count, sizeof count, "%d项%d笔", x->programs, x->n);
	subsidy_yuan(x->total_fen, yuan, sizeof yuan);
	snprintf(total, sizeof total, "%s元", yuan);
	if (placew < 8)
		placew = 8;
	width_pad(&b, x->name, namew);
	sbuf_add(&b, "  ");
	width_pad(&b, place, placew);
	sbuf_add(&b, "  ");
	width_pad(&b, x->id_masked[0] ? x->id_masked : "（无身份证号）", 18);
	sbuf_add(&b, "  ");
	subsidy_cell_right(&b, count, 8);
	sbuf_add(&b, "  ");
	subsidy_cell_right(&b, total, 14);
	if (sel)
		tui_fill(t, y, 0, cols, TUI_SELECTED);
	tui_put(t, y, 0, 2, sel ? "▶" : " ", sel ? TUI_SELECTED : TUI_HEADING, 0);
	tui_put(t, y, 2, cols - 3, sbuf_str(&b), sel ? TUI_SELECTED : TUI_HEADING, 0);
	sbuf_free(&b);
}

/* Draws one payment line; the program is written once per group. */
static void people_draw_row(struct tui *t, const struct subsidy_person *x, int r, int y, int sel,
			    const struct people_cols *c)
{
	const struct subsidy_row *w = &x->rows[r];
	int same = r > 0 && strcmp(x->rows[r - 1].program, w->program) == 0;
	char label[128], yuan[40];
	struct sbuf b = {0};

	subsidy_batch_label(w->year, w->batch, label, sizeof label);
	subsidy_yuan(w->amount_fen, yuan, sizeof yuan);
	sbuf_add(&b, "    ");
	width_pad(&b, same ? "" : w->program, c->program);
	sbuf_add(&b, " ");
	width_pad(&b, label, c->batch);
	sbuf_add(&b, " ");
	width_pad(&b, w->basis, c->basis);
	sbuf_add(&b, " ");
	subsidy_cell_right(&b, yuan, c->amount);
	if (c->date) {
		sbuf_add(&b, " ");
		width_pad(&b, w->paid_on[0] ? w->paid_on : "—", c->date);
	}
	if (c->account) {
		sbuf_add(&b, "  ");
		width_pad(&b, w->account_masked, c->account);
	}
	if (sel)
		tui_fill(t, y, 0, tui_cols(t), TUI_SELECTED);
	tui_put(t, y, 0, tui_cols(t) - 1, sbuf_str(&b), sel ? TUI_SELECTED : TUI_NORMAL, 0);
	sbuf_free(&b);
}

/* Draws the results. */
static void people_draw_body(struct tui *t, struct people *p)
{
	int rows = tui_rows(t), cols = tui_cols(t), body = people_rows(t);
	struct people_cols c;
	char status[512], title[512];
	int namew = 8;

	snprintf(title, sizeof title, "补贴公示 › 查找本人");
	tui_title(t, title, p->where);
	tui_search_draw(t, &p->search, 1, 1, cols - 2, "按 / 键修改要找的姓名", subsidy_search_warn(&p->search));
	if (p->error[0]) {
		tui_put(t, PEOPLE_TOP, 2, cols - 4, "暂时无法查找，请稍后再试或联系工作人员。", TUI_WARN, 0);
		tui_put(t, PEOPLE_TOP + 1, 2, cols - 4, p->error, TUI_NORMAL, 0);
		return;
	}
	if (!p->enough) {
		tui_put(t, PEOPLE_TOP, 2, cols - 4, "请输入姓名：两个字就能找到，如 王芳、秀英、欧阳。", TUI_HEADING, 0);
		tui_put(t, PEOPLE_TOP + 1, 2, cols - 4, "也可以输入拼音首字母，如 lxy 找李秀英。", TUI_NORMAL, 0);
		tui_put(t, PEOPLE_TOP + 2, 2, cols - 4, "同名的人多时，在姓名后加身份证号后四位，如 王芳 1245。",
			TUI_NORMAL, 0);
		return;
	}
	if (p->page.n == 0) {
		char none[512];

		snprintf(none, sizeof none, "没有找到“%s”。", tui_search_query(&p->search));
		tui_put(t, PEOPLE_TOP, 2, cols - 4, none, TUI_HEADING, 0);
		tui_put(t, PEOPLE_TOP + 1, 2, cols - 4,
			p->q.tail[0] ? "请核对身份证号后四位，或只输入姓名再找。"
				     : "请核对姓名，或只输入名字里的两个字；也可以输入拼音首字母。",
			TUI_NORMAL, 0);
		return;
	}
	tui_put(t, 2, 1, cols - 2,
		"每人一栏：姓名、住址、身份证号（已隐去中间数字）和所领补贴，按 p 打印",
		TUI_NORMAL, 0);
	people_cols(t, &c);
	/* Names are never cut: the column is as wide as the page's longest
	 * (8 to 20 columns: ten Hanzi), and the place gives way. */
	for (int i = 0; i < p->page.n; i++) {
		int w = width_str(p->page.p[i].name);

		if (w > namew)
			namew = w > PEOPLE_NAME_MAX ? PEOPLE_NAME_MAX : w;
	}
	for (int l = p->top; l < p->nlines && l < p->top + body; l++) {
		const struct people_line *pl = &p->lines[l];
		const struct subsidy_person *x = &p->page.p[pl->person];
		int y = PEOPLE_TOP + l - p->top, sel = pl->person == p->sel;

		if (pl->row < 0)
			people_draw_head(t, x, y, sel, namew);
		else
			people_draw_row(t, x, pl->row, y, sel, &c);
		tui_list_target(t, y, 1, l);
	}
	{
		int below = p->top + body < p->nlines || p->page.more;

		if (p->q.tail[0])
			snprintf(status, sizeof status, "“%s”，身份证号后四位 %s    第 %d 页%s", p->q.text,
				 p->q.tail, p->pageno, below ? "    ↓ 下面还有" : "");
		else if (!p->scope.program && !p->scope.batch_id)
			snprintf(status, sizeof status, "“%s”：%ld 个姓名，共 %ld 笔    第 %d 页%s",
				 p->q.text, subsidy_match_names(p->m), subsidy_match_rows(p->m), p->pageno,
				 below ? "    ↓ 下面还有" : "");
		else
			snprintf(status, sizeof status, "第 %d 页%s", p->pageno, below ? "    ↓ 下面还有" : "");
		tui_put(t, rows - 2, 2, cols - 4, status, TUI_NORMAL, 0);
	}
}

/* Draws the results, then what floats over them. */
static void people_draw(struct tui *t, void *state)
{
	struct people *p = state;

	people_draw_body(t, p);
	tui_search_draw_popups(t, &p->search);
}

/* Scrolls so that person i shows from its heading, as much as fits. */
static void people_show(struct tui *t, struct people *p, int i)
{
	int body = people_rows(t), first = people_first_line(p, i);
	int last = first + p->page.p[i].n; /* its last line */

	if (first < p->top)
		p->top = first;
	else if (last >= p->top + body)
		p->top = last - body + 1 > first ? first : last - body + 1;
}

/* Moves the selection and pages. */
static int people_move(struct tui *t, struct people *p, int req)
{
	int body = people_rows(t);

	switch (req) {
	case REQ_DOWN:
		if (p->page.n == 0)
			break;
		{
			int last = people_first_line(p, p->sel) + p->page.p[p->sel].n;

			/* A block taller than the screen scrolls before the next person. */
			if (last >= p->top + body) {
				p->top++;
				break;
			}
		}
		if (p->sel + 1 < p->page.n) {
			p->sel++;
			people_show(t, p, p->sel);
		} else {
			people_next(t, p);
		}
		break;
	case REQ_UP:
		if (p->page.n == 0)
			break;
		if (people_first_line(p, p->sel) < p->top) {
			p->top--;
			break;
		}
		if (p->sel > 0) {
			p->sel--;
			people_show(t, p, p->sel);
		} else if (people_prev(t, p)) {
			p->sel = p->page.n - 1;
			p->top = p->nlines > body ? p->nlines - body : 0;
		}
		break;
	case REQ_PGDN:
		if (p->top + body < p->nlines) {
			p->top += body;
			if (p->top > p->nlines - body)
				p->top = p->nlines - body;
			p->sel = p->lines[p->top].person;
			if (p->lines[p->top].row >= 0 && p->sel + 1 < p->page.n &&
			    people_first_line(p, p->sel + 1) < p->top + body)
				p->sel++;
		} else {
			people_next(t, p);
		}
		break;
	case REQ_PGUP:
		if (p->top > 0) {
			p->top -= body;
			if (p->top < 0)
				p->top = 0;
			p->sel = p->lines[p->top].person;
		} else if (people_prev(t, p)) {
			p->top = p->nlines > body ? p->nlines - body : 0;
			p->sel = p->lines[p->top].person;
		}
		break;
	case REQ_END:
		while (people_next(t, p))
			;
		p->top = p->nlines > body ? p->nlines - body : 0;
		p->sel = p->page.n ? p->page.n - 1 : 0;
		break;
	default:
		return 0;
	}
	return TUI_HANDLED | TUI_REDRAW;
}

/* Handles a key while the search field is open. */
static int people_key_editing(struct tui *t, struct people *p, const struct tui_event *ev)
{
	int empty_before = !p->search.field.saved || !p->search.field.saved[0];

	switch (tui_search_key(t, &p->search, ev)) {
	case TUI_SEARCH_CHANGED:
		/* Esc with nothing searched before: back to the menu. */
		if (ev->req == REQ_BACK && empty_before && !tui_search_open_p(&p->search))
			return TUI_BREAK;
		people_search(t, p);
		return TUI_HANDLED | TUI_REDRAW;
	case TUI_SEARCH_REDRAW:
	case TUI_SEARCH_KEPT:
		return TUI_HANDLED | TUI_REDRAW;
	default:
		return ev->req == REQ_CLICK ? 0 : people_move(t, p, ev->req);
	}
}

/* Reads the selected person's lines aloud: who, then each payment (the id
 * is never read out). */
static int people_read(struct tui *t, struct people *p)
{
	const struct subsidy_person *pe;
	char *s;

	if (p->sel < 0 || p->sel >= p->page.n) {
		tui_message(t, "请先找到要朗读的人");
		return TUI_HANDLED | TUI_REDRAW;
	}
	pe = &p->page.p[p->sel];
	layout_free(&p->say);
	layout_init(&p->say, 1000);
	s = xasprintf("%s，%s%s，共%d笔，合计%lld.%02lld元。", pe->name, pe->township ? pe->township : "",
		      pe->village ? pe->village : "", pe->n, (long long)(pe->total_fen / 100),
		      (long long)(pe->total_fen % 100));
	layout_para(&p->say, s, strlen(s), 0, 0, LAYOUT_TEXT, -1);
	free(s);
	for (int i = 0; i < pe->n; i++) {
		const struct subsidy_row *r = &pe->rows[i];

		s = xasprintf("%s，%s发放，%lld.%02lld元。", r->program ? r->program : "",
			      r->paid_on ? r->paid_on : "", (long long)(r->amount_fen / 100),
			      (long long)(r->amount_fen % 100));
		layout_para(&p->say, s, strlen(s), 0, 0, LAYOUT_TEXT, -1);
		free(s);
	}
	return tui_speech_start(t, &p->speech, &p->say, 0);
}

/* Handles keys and taps. */
static int people_key(struct tui *t, void *state, const struct tui_event *ev)
{
	struct people *p = state;
	int rs;

	if ((rs = tui_speech_key(t, &p->speech)) != 0)
		return rs;
	if (tui_search_open_p(&p->search)) {
		int r = people_key_editing(t, p, ev);

		if (r || ev->req != REQ_CLICK)
			return r;
	}
	switch (ev->req) {
	case REQ_SEARCH:
		tui_search_open(t, &p->search);
		return TUI_HANDLED | TUI_REDRAW;
	case REQ_TEXT:
		tui_search_open(t, &p->search);
		return people_key_editing(t, p, ev);
	case REQ_ENTER:
		return TUI_HANDLED;
	case REQ_READ:
		return people_read(t, p);
	case REQ_CLICK:
		if (tui_search_clicked(t, ev)) {
			tui_search_open(t, &p->search);
			return TUI_HANDLED | TUI_REDRAW;
		}
		if (tui_list_hit(t, ev) >= 0 && tui_list_hit(t, ev) < p->nlines) {
			p->sel = p->lines[tui_list_hit(t, ev)].person;
			return TUI_HANDLED | TUI_REDRAW;
		}
		if (ev->y == tui_rows(t) - 2)
			return people_move(t, p, REQ_PGDN);
		return TUI_HANDLED;
	default:
		return people_move(t, p, ev->req);
	}
}

/* Moves the reading on. */
static int people_tick(struct tui *t, void *state)
{
	struct people *p = state;

	return tui_speech_tick(t, &p->speech, NULL, 0);
}

/* Keeps the selected person in view after a resize. */
static void people_resize(struct tui *t, void *state)
{
	struct people *p = state;

	if (p->page.n) {
		p->top = 0;
		people_show(t, p, p->sel);
	}
}

/* Prints the selected villager's lines. */
static int people_print(struct tui *t, void *state)
{
	struct people *p = state;

	if (p->sel < 0 || p->sel >= p->page.n) {
		tui_message(t, "请先找到要打印的人");
		return TUI_REDRAW;
	}
	return subsidy_print_person(t, &p->print, &p->page.p[p->sel], p->where);
}

/* The key line: browsing the results, or typing. */
static const struct tui_hint *people_hints(void *state)
{
	static const struct tui_hint browsing[] = {
		{ REQ_DOWN, NULL }, { REQ_PGDN, NULL }, { REQ_SEARCH, NULL }, { REQ_PRINT, NULL },
		{ REQ_READ, NULL }, { REQ_BACK, NULL }, { REQ_HOME, NULL }, { REQ_NONE, NULL },
	};
	const struct people *p = state;

	return tui_search_open_p(&p->search) ? tui_field_hints : browsing;
}

/* Keys go to the search field while it is open. */
static int people_typing(void *state)
{
	const struct people *p = state;

	return tui_search_open_p(&p->search);
}

const struct tui_screen_ops subsidy_people_ops = {
	.name = "subsidy-people",
	.enter = people_enter,
	.draw = people_draw,
	.key = people_key,
	.resize = people_resize,
	.leave = people_leave,
	.typing = people_typing,
	.print = people_print,
	.hints = people_hints,
	.tick = people_tick,
};
