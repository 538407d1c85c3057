/*
 * screen_print.c - the print dialog: a box drawn over the page it prints,
 * that shows the page count and the pages this session may still print,
 * prints on Enter and closes on Esc; while the job runs it shows CUPS's
 * progress and the printer's problems in plain Chinese, then the result,
 * and closes back onto the page exactly as it was.
 *
 * The job itself - the private temporary PDF, the worker thread that sends
 * it within time limits, the pages to count against the quota and the
 * print log's record - is printing/job.c; this file draws and handles
 * keys. The dialog polls the job from its tick op, redraws a moving clock,
 * keeps the session awake and can cancel the job. The database is touched
 * on the loop's thread only: the job hands back its log record and the
 * dialog writes it.
 *
 * A printout longer than the session's remaining pages is offered as its
 * first N pages (print_quota_pages); lists bring their own choices (the
 * whole list, the rows on screen, the villager's own lines). Every
 * confirmed attempt goes to the print log: kind, title, 索引号, pages and
 * the result in words - never who printed it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/log.h"
#include "kiosk/doc.h"
#include "kiosk/layout.h"
#include "kiosk/width.h"
#include "printing/job.h"
#include "printing/print.h"
#include "tui/widget.h"

#define PD_MAX_OPTS (2 * TUI_PRINT_MAX_CHOICES + 1)
#define PD_RANGE_MIN_PAGES 3 /* a document this long offers 第 x 至 y 页 */
#define PD_MAX_WIDTH 66 /* the box's width on wide screens */

/* One way the dialog offers to print. */
struct pd_opt {
	int choice;      /* index into the job's choices */
	int first, last; /* page range; 0, 0 = the whole printout */
	int pages;       /* pages it prints */
	char *label;     /* owned */
	int large;       /* 1 = 大字版 (print_doc.large) */
};

enum pd_state {
	PD_CHOOSE,  /* page count and choices; Enter prints */
	PD_RANGE,   /* 第 x 至 y 页: two numbers, then Enter prints them */
	PD_RUNNING, /* the job's worker follows the job */
	PD_DONE     /* the result; Enter or Esc closes */
};

/* The dialog's state. */
struct pd {
	enum print_log_kind kind;
	char *title, *index_no; /* owned copies of the job's */
	struct tui_print_choice choices[TUI_PRINT_MAX_CHOICES];
	char *choice_label[TUI_PRINT_MAX_CHOICES]; /* owned */
	int nchoices;
	int pages[TUI_PRINT_MAX_CHOICES]; /* each choice's page count */
	int large_pages; /* pages of the 大字版 of a single choice, 0 = not offered */
	struct pd_opt opts[PD_MAX_OPTS];
	int nopts, sel;
	int left;     /* pages the session may still print */
	int range_opt; /* the option that asks for 第 x 至 y 页, -1 = none */
	int rfrom, rto, rfocus, rtyped; /* the range being chosen */
	char *notice; /* why a printout is cut or refused; owned, NULL = none */
	enum pd_state state;
	/* running */
	struct print_job *job;
	int spin;      /* ticks while running, for the moving clock */
	int job_first, job_last; /* its page range, 0 = the whole printout */
	/* done */
	int ok;
	char *result;  /* the sentence shown; owned */
	char *reasons; /* printer problems, "" = none; owned */
	/* drawing: where each option's row is, for taps */
	void *owned;
	void (*free_owned)(void *owned);
};

/* --- results ---------------------------------------------------------------- */

/* Writes a print log record (kind, title, 索引号, pages, result). Choice
 * labels are never in it: they may name the villager. */
static void pd_log(struct tui *t, const struct print_log_record *rec)
{
	char err[256];

	if (db_log_print(tui_db(t), rec->kind, rec->title, rec->index_no, rec->pages, rec->result,
			 err, sizeof err) < 0)
		tui_message(t, "打印记录没有保存：%s", err);
}

/* Shows the result (ok = printed). */
static void pd_show(struct pd *d, int ok, const char *result, const char *reasons)
{
	d->ok = ok;
	free(d->result);
	free(d->reasons);
	d->result = xstrdup(result);
	d->reasons = xstrdup(reasons && strstr(result, reasons) == NULL ? reasons : "");
	d->state = PD_DONE;
}

/* Ends an attempt that never became a job: shows and logs why. */
static void pd_fail(struct tui *t, struct pd *d, const char *result)
{
	struct print_log_record rec;

	pd_show(d, 0, result, "");
	print_log_record(&rec, d->kind, d->title, d->index_no, d->job_first, d->job_last, 0,
			 result);
	pd_log(t, &rec);
	print_log_record_free(&rec);
}

/* Takes a finished job's result: pages against the quota, the log. */
static void pd_collect(struct tui *t, struct pd *d)
{
	struct print_job_outcome out;

	print_job_finish(d->job, &out);
	d->job = NULL;
	tui_print_count(t, out.pages_used);
	if (out.res.status == PRINT_OK) {
		char *msg = xasprintf("打印完成，共 %d 页，请在打印机出纸口取走。", out.pages);

		pd_show(d, 1, msg, "");
		free(msg);
	} else {
		pd_show(d, 0, out.log.result, out.res.reasons);
	}
	pd_log(t, &out.log);
	print_log_record_free(&out.log);
}

/* --- choosing ------------------------------------------------------------- */

/* Adds an option. */
static void pd_add_opt(struct pd *d, int choice, int first, int last, int pages, char *label)
{
	struct pd_opt *o = &d->opts[d->nopts++];

	o->choice = choice;
	o->first = first;
	o->last = last;
	o->pages = pages;
	o->label = label;
}

/* Builds the options from the choices' page counts and the quota. */
static void pd_make_opts(struct pd *d)
{
	int cut = 0;
	const char *cut_label = "";

	for (int i = 0; i < d->nchoices; i++) {
		int p = d->pages[i], first, last, n;
		const char *l = d->choice_label[i];

		if (p <= 0)
			continue;
		n = print_quota_pages(p, d->left, &first, &last);
		if (n > 0 && !first) {
			pd_add_opt(d, i, 0, 0, p,
				   d->nchoices == 1 ? xasprintf("打印全部 %d 页", p)
						    : xasprintf("%s（%d 页）", l, p));
		} else if (n > 0) {
			char range[32];

			cut = p;
			cut_label = l;
			if (last == 1)
				snprintf(range, sizeof range, "第 1 页");
			else
				snprintf(range, sizeof range, "第 1–%d 页", last);
			pd_add_opt(d, i, first, last, n,
				   d->nchoices == 1 ? xasprintf("只打印%s（共 %d 页）", range, p)
						    : xasprintf("%s的%s（共 %d 页）", l, range, p));
		} else {
			cut = p;
			cut_label = l;
		}
	}
	/* A long document can also be printed in part: 第 x 至 y 页. */
	d->range_opt = -1;
	if (d->nchoices == 1 && d->pages[0] >= PD_RANGE_MIN_PAGES && d->left > 0) {
		d->range_opt = d->nopts;
		pd_add_opt(d, 0, 1, 1, 1, xstrdup("只打印其中几页（第几页到第几页）"));
	}
	/* A single printout can also be printed large, when it fits the quota. */
	if (d->nchoices == 1 && d->large_pages > 0 && d->large_pages <= d->left) {
		pd_add_opt(d, 0, 0, 0, d->large_pages,
			   xasprintf("大字版：字更大，更容易看清（共 %d 页）", d->large_pages));
		d->opts[d->nopts - 1].large = 1;
	}
	if (d->left <= 0)
		d->notice = xstrdup("本次打印的页数已经用完。需要更多纸质材料，请到窗口找工作人员；"
				    "也可以稍后再来打印。");
	else if (cut && d->nchoices == 1)
		d->notice = xasprintf("共 %d 页，超过本次还可打印的 %d 页，可以只打印前 %d 页。", cut,
				      d->left, d->left);
	else if (cut)
		d->notice = xasprintf("%s共 %d 页，超过本次还可打印的 %d 页，只能打印前 %d 页。",
				      cut_label, cut, d->left, d->left);
}

/* Builds choice i's document; kiosk_name defaults to the kiosk's. */
static int pd_build(struct tui *t, struct pd *d, int i, struct print_doc *doc, char *err,
		    size_t errlen)
{
	memset(doc, 0, sizeof *doc);
	err[0] = '\0';
	if (d->choices[i].build(d->choices[i].ctx, doc, err, errlen) < 0) {
		if (!err[0])
			util_errf(err, errlen, "无法准备打印的内容");
		return -1;
	}
	if (!doc->kiosk_name && tui_config(t))
		doc->kiosk_name = tui_config(t)->kiosk_name;
	return 0;
}

static void pd_leave(struct tui *t, void *state);

/* Opens the dialog: counts the pages of every choice. */
static int pd_enter(struct tui *t, void **state, const void *argp, char *err, size_t errlen)
{
	const struct tui_print_arg *a = argp;
	const struct tui_print_job *job = a->job;
	struct pd *d;

	if (!job || !job->choices || job->nchoices < 1 || job->nchoices > TUI_PRINT_MAX_CHOICES) {
		util_errf(err, errlen, "这里没有可以打印的内容");
		return -1;
	}
	d = xcalloc(1, sizeof *d);
	d->kind = job->kind;
	d->title = xstrdup(job->title ? job->title : "");
	d->index_no = xstrdup(job->index_no ? job->index_no : "");
	d->nchoices = job->nchoices;
	for (int i = 0; i < d->nchoices; i++) {
		d->choices[i] = job->choices[i];
		d->choice_label[i] = xstrdup(job->choices[i].label ? job->choices[i].label : d->title);
	}
	d->left = tui_print_left(t);
	for (int i = 0; i < d->nchoices; i++) {
		struct print_doc doc;
		char e[256];
		int rc;

		if (pd_build(t, d, i, &doc, e, sizeof e) < 0 ||
		    (rc = print_count_pages(&doc, &d->pages[i], e, sizeof e)) != PRINT_OK) {
			util_errf(err, errlen, "无法准备打印：%s", e);
			pd_leave(t, d);
			return -1;
		}
	}
	if (d->nchoices == 1) {
		struct print_doc doc;
		char e[256];

		/* 大字版 is offered only when it can be laid out. */
		if (pd_build(t, d, 0, &doc, e, sizeof e) == 0) {
			doc.large = 1;
			if (print_count_pages(&doc, &d->large_pages, e, sizeof e) != PRINT_OK)
				d->large_pages = 0;
		}
	}
	pd_make_opts(d);
	/* Ownership passes only once the dialog is open. */
	d->owned = a->owned;
	d->free_owned = a->free_owned;
	*state = d;
	return 0;
}

/* Starts the chosen option as a print job (printing/job.c renders it into
 * a private temporary file and sends it on its worker). */
static void pd_start(struct tui *t, struct pd *d)
{
	const struct pd_opt *o = &d->opts[d->sel];
	const struct config *cfg = tui_config(t);
	struct print_doc doc;
	struct print_job_spec spec = { 0 };
	char err[512];

	d->job_first = o->first;
	d->job_last = o->last;
	if (pd_build(t, d, o->choice, &doc, err, sizeof err) < 0) {
		pd_fail(t, d, err);
		return;
	}
	doc.large = o->large;
	spec.doc = &doc;
	spec.first = o->first;
	spec.last = o->last;
	spec.max_pages = tui_print_left(t) > 0 ? tui_print_left(t) : -1;
	spec.dest = cfg && cfg->printer ? cfg->printer : "";
	spec.title = d->title;
	spec.kind = d->kind;
	spec.index_no = d->index_no;
	if (print_job_start(&spec, &d->job, err, sizeof err) != PRINT_OK) {
		pd_fail(t, d, err);
		return;
	}
	d->spin = 0;
	d->state = PD_RUNNING;
	tui_keep_awake(t);
}

/* --- drawing -------------------------------------------------------------- */

/* How readily a dialog line gives way when the window is short: the
 * spacing first, then what the key line says anyway, then explanations;
 * the title's first line, the counts, the choices and the result stay. */
enum { PD_KEEP, PD_EXPLAIN, PD_EXTRA, PD_GAP };

/* The dialog's lines before they are placed. */
struct pd_line {
	char *text; /* owned */
	int role;
	int opt;    /* option number, or -1 */
	int prio;   /* PD_KEEP .. PD_GAP */
};

struct pd_lines {
	struct pd_line *v;
	int n, cap;
	int cols; /* the text width */
};

/* Appends one line as is (fitted when drawn). */
static void pd_line(struct pd_lines *L, const char *text, int role, int opt, int prio)
{
	if (L->n == L->cap) {
		L->cap = L->cap ? 2 * L->cap : 16;
		L->v = xrealloc(L->v, (size_t)L->cap * sizeof *L->v);
	}
	L->v[L->n].text = xstrdup(text);
	L->v[L->n].role = role;
	L->v[L->n].opt = opt;
	L->v[L->n].prio = prio;
	L->n++;
}

/* Appends an empty line. */
static void pd_gap(struct pd_lines *L)
{
	pd_line(L, "", TUI_NORMAL, -1, PD_GAP);
}

/* Appends text wrapped to the dialog's width (Chinese line breaking); the
 * first line has priority first, the others rest. */
static void pd_wrap(struct pd_lines *L, const char *text, int role, int first, int rest)
{
	struct layout lay;

	layout_init(&lay, L->cols);
	layout_para(&lay, text, strlen(text), 0, 0, LAYOUT_TEXT, -1);
	for (int i = 0; i < lay.n; i++)
		pd_line(L, lay.lines[i].text, role, -1, i == 0 ? first : rest);
	layout_free(&lay);
}

/* Drops lines, the most dispensable and lowest first, until at most max
 * are left. */
static void pd_fit(struct pd_lines *L, int max)
{
	while (L->n > max && L->n > 0) {
		int drop = L->n - 1;

		for (int i = L->n - 1; i >= 0; i--)
			if (L->v[i].prio > L->v[drop].prio)
				drop = i;
		free(L->v[drop].text);
		memmove(&L->v[drop], &L->v[drop + 1], (size_t)(L->n - drop - 1) * sizeof *L->v);
		L->n--;
	}
}

/* Frees the lines. */
static void pd_lines_free(struct pd_lines *L)
{
	for (int i = 0; i < L->n; i++)
		free(L->v[i].text);
	free(L->v);
}

/* Appends the title: 《…》, its first line kept. */
static void pd_title_lines(struct pd *d, struct pd_lines *L)
{
	char *s = doc_book_title(d->title);

	pd_wrap(L, s, TUI_HEADING, PD_KEEP, PD_EXTRA);
	free(s);
}

/* The choosing state's lines. */
static void pd_lines_choose(struct pd *d, struct pd_lines *L)
{
	char *s;

	pd_title_lines(d, L);
	if (d->nchoices == 1 && d->pages[0] > 0)
		s = xasprintf("共 %d 页；本次还可打印 %d 页", d->pages[0], d->left);
	else
		s = xasprintf("本次还可打印 %d 页", d->left);
	pd_line(L, s, TUI_NORMAL, -1, PD_KEEP);
	free(s);
	if (d->notice) {
		pd_gap(L);
		pd_wrap(L, d->notice, TUI_WARN, d->nopts ? PD_EXPLAIN : PD_KEEP,
			d->nopts ? PD_EXPLAIN : PD_KEEP);
	}
	if (d->nopts > 1 || (d->nopts == 1 && d->opts[0].first)) {
		pd_gap(L);
		for (int i = 0; i < d->nopts; i++) {
			s = d->nopts > 1 ? xasprintf("%s %d. %s", i == d->sel ? "▶" : " ", i + 1, d->opts[i].label)
					 : xasprintf("▶ %s", d->opts[i].label);
			pd_line(L, s, i == d->sel ? TUI_SELECTED : TUI_NORMAL, i, PD_KEEP);
			free(s);
		}
	}
	pd_gap(L);
	if (d->nopts > 0)
		pd_wrap(L, d->nopts > 1 ? "用 ↑↓ 选择，按回车开始打印，按 Esc 取消"
					: "按回车开始打印，按 Esc 取消", TUI_NORMAL, PD_EXTRA, PD_EXTRA);
	else
		pd_wrap(L, "按 Esc 返回", TUI_NORMAL, PD_EXTRA, PD_EXTRA);
}

/* The range state's lines: the two numbers, the buttons that change the
 * one chosen, and what the keys do. */
static void pd_lines_range(struct pd *d, struct pd_lines *L)
{
	char *s;

	pd_title_lines(d, L);
	s = xasprintf("共 %d 页；本次还可打印 %d 页", d->pages[0], d->left);
	pd_line(L, s, TUI_NORMAL, -1, PD_KEEP);
	free(s);
	pd_gap(L);
	s = xasprintf("%s 从第 %d 页", d->rfocus == 0 ? "▶" : " ", d->rfrom);
	pd_line(L, s, d->rfocus == 0 ? TUI_SELECTED : TUI_NORMAL, 0, PD_KEEP);
	free(s);
	s = xasprintf("%s 到第 %d 页", d->rfocus == 1 ? "▶" : " ", d->rto);
	pd_line(L, s, d->rfocus == 1 ? TUI_SELECTED : TUI_NORMAL, 1, PD_KEEP);
	free(s);
	pd_line(L, "  ＋ 多一页", TUI_LINK, 2, PD_KEEP);
	pd_line(L, "  － 少一页", TUI_LINK, 3, PD_KEEP);
	pd_gap(L);
	s = xasprintf("共打印 %d 页。用 ↑↓ 选“从”或“到”，按数字键输入页码，"
		      "按 + - 加减；按回车开始打印，按 Esc 返回", d->rto >= d->rfrom ? d->rto - d->rfrom + 1 : 0);
	pd_wrap(L, s, TUI_NORMAL, PD_EXTRA, PD_EXTRA);
	free(s);
}

/* Checks the range; sets the range option and returns 1, or shows what
 * is wrong and returns 0. */
static int pd_range_ok(struct tui *t, struct pd *d)
{
	struct pd_opt *o = &d->opts[d->range_opt];
	int n = d->rto - d->rfrom + 1;

	if (d->rfrom < 1 || d->rto > d->pages[0] || d->rfrom > d->rto) {
		tui_message(t, "页码要在 1 到 %d 之间，而且“从”不能大于“到”", d->pages[0]);
		return 0;
	}
	if (n > d->left) {
		tui_message(t, "一共 %d 页，超过本次还可打印的 %d 页，请少选几页", n, d->left);
		return 0;
	}
	o->first = d->rfrom;
	o->last = d->rto;
	o->pages = n;
	return 1;
}

/* Changes the number chosen by delta, within 1 .. pages. */
static void pd_range_step(struct pd *d, int delta)
{
	int *v = d->rfocus == 0 ? &d->rfrom : &d->rto;

	*v += delta;
	if (*v < 1)
		*v = 1;
	if (*v > d->pages[0])
		*v = d->pages[0];
	d->rtyped = 0;
}

/* The running state's lines: what CUPS says, the printer's problems and a
 * clock that shows the kiosk is alive. */
static void pd_lines_running(struct pd *d, struct pd_lines *L)
{
	static const char *const spin[] = { "◐", "◓", "◑", "◒" };
	struct print_job_snapshot snap;
	const char *msg = snap.message;
	char *s;
	int stage, done, secs, cancel;
	long long sent, total;

	print_job_poll(d->job, &snap);
	stage = snap.stage;
	done = snap.pages_done;
	sent = snap.bytes_sent;
	total = snap.bytes_total;
	cancel = snap.canceling;
	secs = (int)snap.seconds;

	pd_title_lines(d, L);
	s = xasprintf("共 %d 页", snap.pages);
	pd_line(L, s, TUI_NORMAL, -1, PD_EXPLAIN);
	free(s);
	pd_gap(L);
	if (cancel)
		s = xasprintf("%s 正在取消打印…", spin[d->spin % 4]);
	else if (stage == PRINT_STAGE_SEND && total > 0)
		s = xasprintf("%s %s %lld%%", spin[d->spin % 4], msg, sent * 100 / total);
	else if (stage == PRINT_STAGE_PRINTING && done > 0)
		s = xasprintf("%s %s 已打印 %d/%d 页", spin[d->spin % 4], msg, done, snap.pages);
	else
		s = xasprintf("%s %s", spin[d->spin % 4], msg[0] ? msg : "正在打印…");
	pd_wrap(L, s, TUI_NORMAL, PD_KEEP, PD_KEEP);
	free(s);
	if (snap.reasons[0]) {
		s = xasprintf("打印机：%s", snap.reasons);
		pd_wrap(L, s, TUI_WARN, PD_KEEP, PD_KEEP);
		free(s);
	}
	s = xasprintf("已用 %d 秒", secs);
	pd_line(L, s, TUI_NORMAL, -1, PD_KEEP);
	free(s);
	pd_gap(L);
	pd_wrap(L, "请稍候；按 Esc 取消打印", TUI_NORMAL, PD_EXTRA, PD_EXTRA);
}

/* The result's lines. */
static void pd_lines_done(struct pd *d, struct pd_lines *L)
{
	char *s;

	pd_title_lines(d, L);
	pd_gap(L);
	if (!d->ok)
		pd_line(L, "没有打印成功", TUI_WARN, -1, PD_EXPLAIN);
	pd_wrap(L, d->result, d->ok ? TUI_HEADING : TUI_NORMAL, PD_KEEP, PD_KEEP);
	if (d->reasons && d->reasons[0]) {
		s = xasprintf("打印机：%s", d->reasons);
		pd_wrap(L, s, TUI_WARN, PD_KEEP, PD_KEEP);
		free(s);
	}
	pd_gap(L);
	pd_wrap(L, "按回车返回", TUI_NORMAL, PD_EXTRA, PD_EXTRA);
}

/* Draws the page below, then the box over it. */
static void pd_draw(struct tui *t, void *state)
{
	struct pd *d = state;
	struct pd_lines L = { 0 };
	int cols = tui_cols(t), rows = tui_rows(t);
	int w = cols - 4 > PD_MAX_WIDTH ? PD_MAX_WIDTH : cols - 4;
	int avail = rows - 3; /* rows 1 .. rows - 3: the title bar and the message row stay */
	int h, shown;
	struct tui_rect r;
	const char *head = d->state == PD_RUNNING ? "正在打印" : d->state == PD_DONE ? "打印结果" : "打印";

	tui_draw_under(t);
	L.cols = w - 4;
	if (d->state == PD_CHOOSE)
		pd_lines_choose(d, &L);
	else if (d->state == PD_RANGE)
		pd_lines_range(d, &L);
	else if (d->state == PD_RUNNING)
		pd_lines_running(d, &L);
	else
		pd_lines_done(d, &L);
	pd_fit(&L, avail - 2);
	shown = L.n;
	h = shown + 2;
	r = tui_box_centre(t, h, w);
	tui_box(t, &r, head, TUI_HEADING);
	for (int i = 0; i < shown; i++) {
		int y = r.y + 1 + i;

		tui_put(t, y, r.x + 2, r.w - 4, L.v[i].text, L.v[i].role, L.v[i].role == TUI_SELECTED);
		if (L.v[i].opt >= 0)
			tui_list_target(t, y, 1, L.v[i].opt);
	}
	pd_lines_free(&L);
	tui_cursor(t, -1, 0);
}

/* --- keys, ticks, the key line -------------------------------------------- */

/* Handles keys: the dialog is modal, so every key is its own. */
static int pd_key(struct tui *t, void *state, const struct tui_event *ev)
{
	struct pd *d = state;

	switch (d->state) {
	case PD_CHOOSE:
		if (ev->req == REQ_HOME)
			return 0; /* home, closing the dialog on the way */
		if (ev->req == REQ_BACK)
			return TUI_BREAK;
		if (d->nopts == 0)
			return ev->req == REQ_ENTER ? TUI_BREAK : TUI_HANDLED;
		if (ev->text && ev->ch >= '1' && ev->ch < '1' + d->nopts) {
			d->sel = ev->ch - '1';
			return TUI_HANDLED | TUI_REDRAW;
		}
		switch (ev->req) {
		case REQ_UP:
		case REQ_LEFT:
			d->sel = d->sel > 0 ? d->sel - 1 : d->nopts - 1;
			return TUI_HANDLED | TUI_REDRAW;
		case REQ_DOWN:
		case REQ_RIGHT:
			d->sel = (d->sel + 1) % d->nopts;
			return TUI_HANDLED | TUI_REDRAW;
		case REQ_CLICK: {
			int i = tui_list_hit(t, ev);

			if (i >= 0 && i < d->nopts) {
				d->sel = i;
				return TUI_HANDLED | TUI_REDRAW;
			}
			return TUI_HANDLED;
		}
		case REQ_ENTER:
			if (d->sel == d->range_opt) {
				d->state = PD_RANGE;
				d->rfrom = 1;
				d->rto = d->pages[0] < d->left ? d->pages[0] : d->left;
				d->rfocus = 0;
				d->rtyped = 0;
				return TUI_HANDLED | TUI_REDRAW;
			}
			pd_start(t, d);
			return TUI_HANDLED | TUI_REDRAW;
		default:
			return TUI_HANDLED;
		}
	case PD_RANGE:
		if (ev->req == REQ_HOME)
			return 0;
		if (ev->req == REQ_BACK) {
			d->state = PD_CHOOSE;
			return TUI_HANDLED | TUI_REDRAW;
		}
		if (ev->text && ev->ch >= '0' && ev->ch <= '9') {
			int *v = d->rfocus == 0 ? &d->rfrom : &d->rto;

			*v = (d->rtyped && *v < 1000 ? *v * 10 : 0) + (ev->ch - '0');
			d->rtyped = 1;
			return TUI_HANDLED | TUI_REDRAW;
		}
		switch (ev->req) {
		case REQ_UP:
		case REQ_DOWN:
		case REQ_LEFT:
		case REQ_RIGHT:
			d->rfocus = !d->rfocus;
			d->rtyped = 0;
			return TUI_HANDLED | TUI_REDRAW;
		case REQ_PGDN: /* + */
			pd_range_step(d, 1);
			return TUI_HANDLED | TUI_REDRAW;
		case REQ_PGUP: /* - */
			pd_range_step(d, -1);
			return TUI_HANDLED | TUI_REDRAW;
		case REQ_CLICK: {
			int i = tui_list_hit(t, ev);

			if (i == 0 || i == 1) {
				d->rfocus = i;
				d->rtyped = 0;
			} else if (i == 2 || i == 3) {
				pd_range_step(d, i == 2 ? 1 : -1);
			}
			return TUI_HANDLED | TUI_REDRAW;
		}
		case REQ_ENTER:
			if (!pd_range_ok(t, d))
				return TUI_HANDLED | TUI_REDRAW;
			d->sel = d->range_opt;
			pd_start(t, d);
			return TUI_HANDLED | TUI_REDRAW;
		default:
			return TUI_HANDLED;
		}
	case PD_RUNNING:
		if (ev->req == REQ_BACK) {
			print_job_cancel(d->job);
			return TUI_HANDLED | TUI_REDRAW;
		}
		if (ev->req == REQ_HOME)
			tui_message(t, "正在打印，请稍候；按 Esc 取消打印");
		return TUI_HANDLED | TUI_REDRAW;
	case PD_DONE:
	default:
		if (ev->req == REQ_HOME)
			return 0;
		if (ev->req == REQ_ENTER || ev->req == REQ_BACK || ev->req == REQ_CLICK)
			return TUI_BREAK;
		return TUI_HANDLED;
	}
}

/* Follows the worker: redraws the progress, keeps the session, and takes
 * the result when the job has ended. */
static int pd_tick(struct tui *t, void *state)
{
	struct pd *d = state;

	if (d->state != PD_RUNNING)
		return 0;
	tui_keep_awake(t);
	d->spin++;
	if (print_job_poll(d->job, NULL))
		pd_collect(t, d);
	return TUI_REDRAW;
}

/* The key line of each state. */
static const struct tui_hint *pd_hints(void *state)
{
	static const struct tui_hint one[] = {
		{ REQ_ENTER, "打印" }, { REQ_BACK, "取消" }, { REQ_NONE, NULL },
	};
	static const struct tui_hint several[] = {
		{ REQ_ENTER, "打印" }, { REQ_BACK, "取消" }, { REQ_DOWN, "选择" }, { REQ_NONE, NULL },
	};
	static const struct tui_hint none[] = {
		{ REQ_BACK, "返回" }, { REQ_HOME, NULL }, { REQ_NONE, NULL },
	};
	static const struct tui_hint running[] = {
		{ REQ_BACK, "取消打印" }, { REQ_NONE, NULL },
	};
	static const struct tui_hint done[] = {
		{ REQ_ENTER, "确定" }, { REQ_BACK, "返回" }, { REQ_HOME, NULL }, { REQ_NONE, NULL },
	};
	const struct pd *d = state;

	if (d->state == PD_RUNNING)
		return running;
	static const struct tui_hint range[] = {
		{ REQ_ENTER, "打印" }, { REQ_BACK, "返回" }, { REQ_DOWN, "从/到" }, { REQ_NONE, NULL },
	};

	if (d->state == PD_DONE)
		return done;
	if (d->state == PD_RANGE)
		return range;
	return d->nopts == 0 ? none : d->nopts > 1 ? several : one;
}

/* Closes the dialog. A job still running (the kiosk is stopping) is
 * canceled and waited for, within the print limits. */
static void pd_leave(struct tui *t, void *state)
{
	struct pd *d = state;

	if (d->job) {
		print_job_cancel(d->job);
		pd_collect(t, d);
	}
	for (int i = 0; i < d->nopts; i++)
		free(d->opts[i].label);
	for (int i = 0; i < d->nchoices; i++)
		free(d->choice_label[i]);
	free(d->notice);
	free(d->result);
	free(d->reasons);
	free(d->title);
	free(d->index_no);
	if (d->free_owned)
		d->free_owned(d->owned);
	free(d);
}

/* A job under way is never closed under the user. */
static int pd_busy(void *state)
{
	const struct pd *d = state;

	return d->state == PD_RUNNING;
}

const struct tui_screen_ops tui_print_ops = {
	.name = "print",
	.enter = pd_enter,
	.draw = pd_draw,
	.key = pd_key,
	.leave = pd_leave,
	.hints = pd_hints,
	.tick = pd_tick,
	.busy = pd_busy,
};
