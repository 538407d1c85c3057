/*
 * print_hook.c - what the print key prints. Every screen that can print
 * calls tui_print_hook() with what it shows: the reader and the lists name
 * a bulletin (PRINT_LOG_DOC), a service guide (PRINT_LOG_GUIDE) or a Q&A
 * (PRINT_LOG_QA) by id,
 * and this file reads it from the database and turns it into a print_doc
 * the way the reader lays it out (the metadata block, the guide's sheet,
 * the question and its answer); lists such as the subsidy lists bring
 * their own choices. Then the print dialog (screen_print.c) opens.
 */
#include <stdlib.h>
#include <string.h>

#include "db/browse.h"
#include "kiosk/qr.h"
#include "printing/job.h"
#include "printing/print.h"
#include "tui/tui_internal.h"

#define HOOK_MAX_PAIRS 12

/* A document read for printing; owned by the dialog while it is open. */
struct hook_src {
	int kind; /* enum browse_kind */
	struct browse_doc doc;
	struct browse_guide guide;
	struct browse_qa qa;
	char *body; /* the Q&A's printed body; owned */
	struct print_pair pairs[HOOK_MAX_PAIRS];
	size_t npairs;
	struct tui_print_choice choice;
};

/* Frees a hook_src (the dialog's free_owned). */
static void hook_free(void *p)
{
	struct hook_src *s = p;

	if (!s)
		return;
	browse_doc_free(&s->doc);
	browse_guide_free(&s->guide);
	browse_qa_free(&s->qa);
	free(s->body);
	free(s);
}

/* Adds a label/value pair, leaving out empty values. */
static void hook_pair(struct hook_src *s, const char *label, const char *value)
{
	if (!value || !*value || s->npairs == HOOK_MAX_PAIRS)
		return;
	s->pairs[s->npairs].label = label;
	s->pairs[s->npairs].value = value;
	s->npairs++;
}

/* Fills the print_doc of the document read (the choice's build). */
static int hook_build(void *ctx, struct print_doc *d, char *err, size_t errlen)
{
	struct hook_src *s = ctx;

	if (s->kind == BROWSE_GUIDES) {
		d->kind = PRINT_KIND_GUIDE;
		d->title = s->guide.name;
		d->index_no = s->guide.code;
		d->fields = s->pairs;
		d->nfields = s->npairs;
	} else if (s->kind == BROWSE_QA) {
		d->kind = PRINT_KIND_DOC;
		d->title = s->qa.question;
		d->index_no = s->qa.code;
		d->meta = s->pairs;
		d->nmeta = s->npairs;
		d->body = s->body;
	} else {
		const struct browse_doc *b = &s->doc;
		const struct print_bulletin bul = {
			.index_no = b->index_no, .title = b->title, .doc_no = b->doc_no,
			.issuer = b->issuer, .written = b->written, .published = b->published,
			.validity = b->validity, .topic = b->topic, .body = b->body,
			.effective_on = b->effective_on, .valid_until = b->valid_until,
		};

		print_bulletin_doc(&bul, s->pairs, d);
		if (qr_url_ok(s->doc.url)) {
			d->qr_text = s->doc.url;
			d->qr_caption = "扫码带走：用手机扫描右边的二维码，查看原文和图解、音视频解读";
		}
	}
	return 0;
}

/* Reads what job names from the database. Returns the source, or NULL with
 * err (Chinese) when it cannot be read. */
static struct hook_src *hook_load(struct tui *t, const struct tui_print_job *job, char *err,
				  size_t errlen)
{
	struct hook_src *s = xcalloc(1, sizeof *s);
	int rc;

	if (job->kind == PRINT_LOG_GUIDE) {
		s->kind = BROWSE_GUIDES;
		rc = browse_guide_get(tui_db(t), job->id, &s->guide, err, errlen);
		if (rc == 0) {
			const struct browse_guide *g = &s->guide;

			hook_pair(s, "实施主体", g->agency);
			hook_pair(s, "编号", g->code);
			hook_pair(s, "受理条件", g->conditions);
			hook_pair(s, "申请材料", g->materials);
			hook_pair(s, "办理流程", g->process);
			hook_pair(s, "办理时限", g->time_limit);
			hook_pair(s, "收费标准", g->fees);
			hook_pair(s, "办理地点", g->location);
			hook_pair(s, "办公时间", g->hours);
			hook_pair(s, "咨询电话", g->phone);
			hook_pair(s, "办理依据", g->basis);
		}
	} else if (job->kind == PRINT_LOG_QA) {
		s->kind = BROWSE_QA;
		rc = browse_qa_get(tui_db(t), job->id, &s->qa, err, errlen);
		if (rc == 0) {
			const struct browse_qa *q = &s->qa;

			hook_pair(s, "编号", q->code);
			hook_pair(s, "答复部门", q->department);
			hook_pair(s, "答复日期", q->answered_on);
			hook_pair(s, "关键词", q->keywords);
			s->body = xasprintf("答：%s", q->answer);
		}
	} else {
		s->kind = BROWSE_BULLETINS;
		/* the metadata block: print_bulletin_doc (printing/job.c) */
		rc = browse_doc_get(tui_db(t), job->id, &s->doc, err, errlen);
	}
	if (rc == 1)
		util_errf(err, errlen, "这份资料已经不在了，可能刚刚更新过");
	if (rc != 0) {
		hook_free(s);
		return NULL;
	}
	s->choice.label = "全文";
	s->choice.build = hook_build;
	s->choice.ctx = s;
	return s;
}

/* Opens the print dialog for what a screen shows. */
int tui_print_hook(struct tui *t, const struct tui_print_job *job)
{
	struct tui_print_arg a = { job, NULL, NULL };
	struct tui_print_job j;
	struct hook_src *s;
	char err[256];

	if (tui_config(t) && tui_config(t)->max_pages_per_session <= 0) {
		tui_message(t, "这台机器暂不提供打印；需要纸质材料请到窗口找工作人员");
		return TUI_REDRAW;
	}
	if (job->choices) {
		tui_push(t, &tui_print_ops, &a);
		return TUI_REDRAW;
	}
	s = hook_load(t, job, err, sizeof err);
	if (!s) {
		tui_message(t, "无法打印：%s", err);
		return TUI_REDRAW;
	}
	j = *job;
	j.choices = &s->choice;
	j.nchoices = 1;
	if (s->kind == BROWSE_GUIDES) {
		j.title = s->guide.name;
		j.index_no = s->guide.code;
	} else if (s->kind == BROWSE_QA) {
		j.title = s->qa.question;
		j.index_no = s->qa.code;
	} else {
		j.title = s->doc.title;
		j.index_no = s->doc.index_no;
	}
	a.job = &j;
	a.owned = s;
	a.free_owned = hook_free;
	if (tui_push(t, &tui_print_ops, &a) < 0)
		hook_free(s);
	return TUI_REDRAW;
}
