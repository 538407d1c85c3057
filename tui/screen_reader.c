/*
 * screen_reader.c - reading one document: a bulletin (the metadata block
 * 索引号, 标题, 文号, 发布机构, 成文日期, 发布日期, 有效性, 主题, then the
 * body), a service guide as a sheet of its fields, or a question and its
 * answer. Links join an interpretation (政策解读) and its policy both
 * ways, and a Q&A to its policy; Enter follows the first link on screen,
 * a digit follows link N, a tap on a link follows it.
 *
 * The text is laid out once per width (kiosk/layout.c) and paged as lines,
 * so paging costs a redraw of one screen of text.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/browse.h"
#include "kiosk/qr.h"
#include "kiosk/width.h"
#include "tui/speech_view.h"
#include "tui/tui_internal.h"

#define READER_MAX_LINKS 9
#define READER_MAX_WIDTH 110 /* longer lines are hard to follow */
#define READER_LABEL 10      /* 发布机构： */

struct reader_link {
	int kind;
	long long id;
	char *title;
	const char *label; /* what the link is to this document */
};

struct reader {
	int kind;
	long long id;
	struct browse_doc doc;
	struct browse_guide guide;
	struct browse_qa qa;
	struct reader_link links[READER_MAX_LINKS];
	int nlinks;
	char *bar;   /* the title bar's text */
	struct tui_textview view;
	int width;   /* the width the view was laid out for */
	struct tui_speech speech; /* 朗读 */
};

/* Adds a link target. */
static void reader_add_link(struct reader *r, int kind, long long id, const char *title,
			    const char *label)
{
	if (r->nlinks == READER_MAX_LINKS)
		return;
	r->links[r->nlinks].label = label;
	r->links[r->nlinks].kind = kind;
	r->links[r->nlinks].id = id;
	r->links[r->nlinks].title = xstrdup(title);
	r->nlinks++;
}

/* Finds the bulletin a 关联索引号 names and adds it as a link. */
static int reader_link_related(struct tui *t, struct reader *r, const char *index_no,
			       const char *label, char *err, size_t errlen)
{
	struct browse_doc d = {0};
	long long id;
	int rc;

	if (!index_no || !*index_no)
		return 0;
	if (browse_doc_by_index(tui_db(t), index_no, &id, err, errlen) < 0)
		return -1;
	if (!id)
		return 0; /* not in this kiosk's data */
	rc = browse_doc_get(tui_db(t), id, &d, err, errlen);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		reader_add_link(r, BROWSE_BULLETINS, id, d.title, label);
		browse_doc_free(&d);
	}
	return 0;
}

/* Adds a link's lines: "label：→ title", or "[n] title" when there are several. */
static void reader_layout_link(struct reader *r, struct layout *lay, int i)
{
	const char *label = r->links[i].label;

	char *text;

	if (r->nlinks > 1)
		text = xasprintf("[%d] %s", i + 1, r->links[i].title);
	else
		text = xasprintf("→ %s", r->links[i].title);
	layout_field(lay, label, READER_LABEL, text, LAYOUT_LINK, i);
	free(text);
}

/* Lays out a bulletin. */
static void reader_layout_doc(struct reader *r, struct layout *lay)
{
	const struct browse_doc *d = &r->doc;
	int bad = strcmp(d->validity, "失效") == 0 || strcmp(d->validity, "废止") == 0;

	layout_field(lay, "索引号", READER_LABEL, d->index_no, LAYOUT_FIELD, -1);
	layout_field(lay, "标题", READER_LABEL, d->title, LAYOUT_FIELD, -1);
	if (d->doc_no[0])
		layout_field(lay, "文号", READER_LABEL, d->doc_no, LAYOUT_FIELD, -1);
	layout_field(lay, "发布机构", READER_LABEL, d->issuer, LAYOUT_FIELD, -1);
	if (d->written[0])
		layout_field(lay, "成文日期", READER_LABEL, d->written, LAYOUT_FIELD, -1);
	layout_field(lay, "发布日期", READER_LABEL, d->published, LAYOUT_FIELD, -1);
	if (d->effective_on[0])
		layout_field(lay, "施行日期", READER_LABEL, d->effective_on, LAYOUT_FIELD, -1);
	if (d->valid_until[0])
		layout_field(lay, "有效期至", READER_LABEL, d->valid_until, LAYOUT_FIELD, -1);
	if (bad) {
		char *v = xasprintf("%s（本文件已%s，仅供查阅）", d->validity, d->validity);

		layout_field(lay, "有效性", READER_LABEL, v, LAYOUT_WARN, -1);
		free(v);
	} else if (d->validity[0]) {
		layout_field(lay, "有效性", READER_LABEL, d->validity, LAYOUT_FIELD, -1);
	}
	if (d->topic[0])
		layout_field(lay, "主题", READER_LABEL, d->topic, LAYOUT_FIELD, -1);
	if (qr_url_ok(d->url)) {
		char *v = xasprintf("%s（按 q 扫码带走）", d->url);

		layout_field(lay, "原文链接", READER_LABEL, v, LAYOUT_FIELD, -1);
		free(v);
	}
	for (int i = 0; i < r->nlinks; i++)
		reader_layout_link(r, lay, i);
	layout_rule(lay);
	layout_body(lay, d->body);
}

/* Adds a guide section: a heading, then its text. */
static void reader_section(struct layout *lay, const char *heading, const char *text)
{
	if (!text[0])
		return;
	layout_blank(lay);
	layout_para(lay, heading, strlen(heading), 0, 0, LAYOUT_HEADING, -1);
	layout_body(lay, text);
}

/* Lays out a guide as a sheet. */
static void reader_layout_guide(struct reader *r, struct layout *lay)
{
	const struct browse_guide *g = &r->guide;

	layout_para(lay, g->name, strlen(g->name), 0, 0, LAYOUT_TITLE, -1);
	layout_field(lay, "实施主体", READER_LABEL, g->agency, LAYOUT_FIELD, -1);
	layout_field(lay, "编号", READER_LABEL, g->code, LAYOUT_FIELD, -1);
	reader_section(lay, "【受理条件】", g->conditions);
	reader_section(lay, "【申请材料】", g->materials);
	reader_section(lay, "【办理流程】", g->process);
	layout_blank(lay);
	if (g->time_limit[0])
		layout_field(lay, "办理时限", READER_LABEL, g->time_limit, LAYOUT_FIELD, -1);
	if (g->fees[0])
		layout_field(lay, "收费标准", READER_LABEL, g->fees, LAYOUT_FIELD, -1);
	if (g->location[0])
		layout_field(lay, "办理地点", READER_LABEL, g->location, LAYOUT_FIELD, -1);
	if (g->hours[0])
		layout_field(lay, "办公时间", READER_LABEL, g->hours, LAYOUT_FIELD, -1);
	if (g->phone[0])
		layout_field(lay, "咨询电话", READER_LABEL, g->phone, LAYOUT_FIELD, -1);
	reader_section(lay, "【办理依据】", g->basis);
}

/* Lays out a question and its answer. */
static void reader_layout_qa(struct reader *r, struct layout *lay)
{
	const struct browse_qa *q = &r->qa;

	layout_field(lay, "问", 4, q->question, LAYOUT_TITLE, -1);
	layout_blank(lay);
	layout_field(lay, "答", 4, "", LAYOUT_HEADING, -1);
	layout_body(lay, q->answer);
	layout_blank(lay);
	if (q->department[0])
		layout_field(lay, "答复部门", READER_LABEL, q->department, LAYOUT_FIELD, -1);
	if (q->answered_on[0])
		layout_field(lay, "答复日期", READER_LABEL, q->answered_on, LAYOUT_FIELD, -1);
	if (q->keywords[0])
		layout_field(lay, "关键词", READER_LABEL, q->keywords, LAYOUT_FIELD, -1);
	layout_field(lay, "编号", READER_LABEL, q->code, LAYOUT_FIELD, -1);
	for (int i = 0; i < r->nlinks; i++)
		reader_layout_link(r, lay, i);
}

/* Returns the text width for the terminal. */
static int reader_width(struct tui *t)
{
	int w = tui_cols(t) - 4;

	return w > READER_MAX_WIDTH ? READER_MAX_WIDTH : w;
}

/* Lays the document out again for the current width. */
static void reader_layout(struct tui *t, struct reader *r)
{
	int keep = r->view.top, oldn = r->view.lay.n;

	layout_free(&r->view.lay);
	r->width = reader_width(t);
	layout_init(&r->view.lay, r->width);
	if (r->kind == BROWSE_GUIDES)
		reader_layout_guide(r, &r->view.lay);
	else if (r->kind == BROWSE_QA)
		reader_layout_qa(r, &r->view.lay);
	else
		reader_layout_doc(r, &r->view.lay);
	/* Keep roughly the same place in the text. */
	r->view.top = oldn > 0 ? (int)((long)keep * r->view.lay.n / oldn) : 0;
	if (r->view.top >= r->view.lay.n)
		r->view.top = 0;
}

static void reader_leave(struct tui *t, void *state);

/* Reads the document and its links. */
static int reader_enter(struct tui *t, void **state, const void *argp, char *err, size_t errlen)
{
	const struct tui_doc_arg *a = argp;
	struct reader *r = xcalloc(1, sizeof *r);
	int rc;

	r->kind = a->kind;
	r->id = a->id;
	if (a->kind == BROWSE_GUIDES) {
		rc = browse_guide_get(tui_db(t), a->id, &r->guide, err, errlen);
		if (rc == 0)
			r->bar = xasprintf("办事指南：%s", r->guide.name);
	} else if (a->kind == BROWSE_QA) {
		rc = browse_qa_get(tui_db(t), a->id, &r->qa, err, errlen);
		if (rc == 0) {
			r->bar = xasprintf("政策问答 %s", r->qa.code);
			rc = reader_link_related(t, r, r->qa.related, "相关政策", err, errlen);
		}
	} else {
		rc = browse_doc_get(tui_db(t), a->id, &r->doc, err, errlen);
		if (rc == 0) {
			struct browse_page p;

			r->bar = xasprintf("%s", r->doc.category);
			/* A 废止/失效 document's 关联索引号 names what replaced it. */
			int gone = strcmp(r->doc.validity, "失效") == 0 ||
				   strcmp(r->doc.validity, "废止") == 0;

			rc = reader_link_related(t, r, r->doc.related,
						 gone ? "替代文件"
						 : strcmp(r->doc.category, "政策解读") == 0 ? "相关政策"
											  : "相关文件",
						 err, errlen);
			if (rc == 0 &&
			    (rc = browse_interpretations(tui_db(t), r->doc.index_no, READER_MAX_LINKS, &p,
							 err, errlen)) == 0) {
				for (int i = 0; i < p.n; i++) {
					const char *v = p.items[i].validity;
					/* A repealed document naming this one: replaced by it. */
					int old_one = strcmp(v, "失效") == 0 || strcmp(v, "废止") == 0;

					reader_add_link(r, BROWSE_BULLETINS, p.items[i].id, p.items[i].title,
							old_one ? "旧版文件"
							: strcmp(p.items[i].category, "政策解读") == 0
								? "政策解读"
								: "相关文件");
				}
				browse_page_free(&p);
			}
		}
	}
	if (rc == 1)
		util_errf(err, errlen, "这份资料已经不在了，可能刚刚更新过");
	if (rc != 0) {
		reader_leave(t, r);
		return -1;
	}
	reader_layout(t, r);
	*state = r;
	return 0;
}

/* Frees the state. */
static void reader_leave(struct tui *t, void *state)
{
	struct reader *r = state;

	tui_speech_end(&r->speech);
	browse_doc_free(&r->doc);
	browse_guide_free(&r->guide);
	browse_qa_free(&r->qa);
	for (int i = 0; i < r->nlinks; i++)
		free(r->links[i].title);
	layout_free(&r->view.lay);
	free(r->bar);
	free(r);
}

/* Returns the rows of text on screen. */
static int reader_rows(struct tui *t)
{
	return tui_rows(t) - 3; /* title bar, status row, key line */
}

/* Lays out again when the width changed. */
static void reader_resize(struct tui *t, void *state)
{
	struct reader *r = state;

	if (reader_width(t) != r->width) {
		tui_speech_end(&r->speech); /* its line numbers are of the old layout */
		reader_layout(t, r);
	}
}

/* Returns the first link with a line on screen, or the first link. */
static int reader_visible_link(struct tui *t, struct reader *r)
{
	int rows = reader_rows(t);

	for (int i = r->view.top; i < r->view.lay.n && i < r->view.top + rows; i++)
		if (r->view.lay.lines[i].link >= 0)
			return r->view.lay.lines[i].link;
	return r->nlinks > 0 ? 0 : -1;
}

/* Draws the text and the status row. */
static void reader_draw(struct tui *t, void *state)
{
	struct reader *r = state;
	int rows = reader_rows(t), x0 = (tui_cols(t) - r->width) / 2;
	char pos[64];

	tui_textview_pos(&r->view, rows, pos, sizeof pos);
	tui_title(t, r->bar, pos);
	tui_textview_draw(t, &r->view, 1, rows, x0);
	tui_speech_mark(t, &r->speech, &r->view.lay, r->view.top, 1, rows, x0);
	if (r->view.top + rows < r->view.lay.n)
		tui_put(t, tui_rows(t) - 2, x0, r->width, "↓ 下面还有，按 PgDn 或空格翻页", TUI_NORMAL, 0);
	else
		tui_put(t, tui_rows(t) - 2, x0, r->width, "—— 全文完 ——", TUI_NORMAL, 0);
}

/* Opens link i. */
static int reader_follow(struct tui *t, struct reader *r, int i)
{
	struct tui_doc_arg a;

	if (i < 0 || i >= r->nlinks)
		return TUI_HANDLED;
	a.kind = r->links[i].kind;
	a.id = r->links[i].id;
	tui_push(t, &tui_reader_ops, &a);
	return TUI_HANDLED | TUI_REDRAW;
}

/* Handles paging, links and taps. */
static int reader_key(struct tui *t, void *state, const struct tui_event *ev)
{
	struct reader *r = state;
	int rv;

	if ((rv = tui_speech_key(t, &r->speech)) != 0)
		return rv;
	if (ev->req == REQ_READ)
		return tui_speech_start(t, &r->speech, &r->view.lay, r->view.top);
	if (ev->text && ev->ch >= '1' && ev->ch <= '9')
		return reader_follow(t, r, ev->ch - '1');
	switch (ev->req) {
	case REQ_ENTER:
		if (r->nlinks == 0) {
			tui_message(t, "这份资料没有可以打开的链接；按 PgDn 翻页，Esc 返回");
			return TUI_HANDLED | TUI_REDRAW;
		}
		return reader_follow(t, r, reader_visible_link(t, r));
	case REQ_CLICK:
		rv = tui_textview_link_at(&r->view, 1, ev->y);
		if (rv >= 0)
			return reader_follow(t, r, rv);
		if (ev->y > tui_rows(t) / 2)
			return tui_textview_key(&r->view, &(struct tui_event){ .req = REQ_PGDN }, reader_rows(t));
		return tui_textview_key(&r->view, &(struct tui_event){ .req = REQ_PGUP }, reader_rows(t));
	case REQ_SEARCH:
		tui_message(t, "请先按 Esc 回到列表再搜索");
		return TUI_HANDLED | TUI_REDRAW;
	case REQ_QR:
		if (r->kind == BROWSE_BULLETINS && qr_url_ok(r->doc.url)) {
			struct tui_qr_arg a = { r->doc.url, "用手机扫描下面的二维码，打开原文（图解、音视频解读也在里面）：" };

			tui_push(t, &tui_qr_ops, &a);
		} else {
			tui_message(t, "这份资料没有原文链接，不能扫码");
		}
		return TUI_HANDLED | TUI_REDRAW;
	default:
		return tui_textview_key(&r->view, ev, reader_rows(t));
	}
}

/* Moves the reading on, a line at a time. */
static int reader_tick(struct tui *t, void *state)
{
	struct reader *r = state;

	return tui_speech_tick(t, &r->speech, &r->view.top, reader_rows(t));
}

/* Prints the document through the print hook. */
static int reader_print(struct tui *t, void *state)
{
	struct reader *r = state;
	struct tui_print_job job = { 0 };

	job.id = r->id;
	if (r->kind == BROWSE_GUIDES) {
		job.kind = PRINT_LOG_GUIDE;
		job.title = r->guide.name;
		job.index_no = r->guide.code;
	} else if (r->kind == BROWSE_QA) {
		job.kind = PRINT_LOG_QA;
		job.title = r->qa.question;
		job.index_no = r->qa.code;
	} else {
		job.kind = PRINT_LOG_DOC;
		job.title = r->doc.title;
		job.index_no = r->doc.index_no;
	}
	return tui_print_hook(t, &job);
}

/* The key line: paging, and Enter when there is a link. */
static const struct tui_hint *reader_hints(void *state)
{
	static const struct tui_hint plain[] = {
		{ REQ_PGDN, NULL }, { REQ_PGUP, NULL }, { REQ_DOWN, "滚动" }, { REQ_PRINT, NULL },
		{ REQ_READ, NULL }, { REQ_BACK, NULL }, { REQ_HOME, NULL }, { REQ_NONE, NULL },
	};
	static const struct tui_hint linked[] = {
		{ REQ_PGDN, NULL }, { REQ_PGUP, NULL }, { REQ_DOWN, "滚动" }, { REQ_ENTER, "打开链接" },
		{ REQ_PRINT, NULL }, { REQ_READ, NULL }, { REQ_BACK, NULL }, { REQ_HOME, NULL }, { REQ_NONE, NULL },
	};
	static const struct tui_hint plain_qr[] = {
		{ REQ_PGDN, NULL }, { REQ_PGUP, NULL }, { REQ_DOWN, "滚动" }, { REQ_PRINT, NULL },
		{ REQ_READ, NULL }, { REQ_QR, NULL }, { REQ_BACK, NULL }, { REQ_HOME, NULL }, { REQ_NONE, NULL },
	};
	static const struct tui_hint linked_qr[] = {
		{ REQ_PGDN, NULL }, { REQ_PGUP, NULL }, { REQ_DOWN, "滚动" }, { REQ_ENTER, "打开链接" },
		{ REQ_PRINT, NULL }, { REQ_READ, NULL }, { REQ_QR, NULL }, { REQ_BACK, NULL },
		{ REQ_HOME, NULL }, { REQ_NONE, NULL },
	};
	const struct reader *r = state;
	int qr = r->kind == BROWSE_BULLETINS && qr_url_ok(r->doc.url);

	if (qr)
		return r->nlinks ? linked_qr : plain_qr;
	return r->nlinks ? linked : plain;
}

const struct tui_screen_ops tui_reader_ops = {
	.name = "reader",
	.enter = reader_enter,
	.draw = reader_draw,
	.key = reader_key,
	.resize = reader_resize,
	.leave = reader_leave,
	.print = reader_print,
	.hints = reader_hints,
	.tick = reader_tick,
};
