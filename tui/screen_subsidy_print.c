/*
 * screen_subsidy_print.c - what `p` prints on the subsidy screens, as
 * print_doc tables for the print dialog (tui_print_hook with choices):
 *
 *  - on a list: the whole list of the village or township (narrowed by the
 *    search, if any), streamed page by page from the database in list
 *    order, or only the rows on screen;
 *  - on the search results: the selected villager's own lines.
 *
 * Ids and accounts are masked in the database already and print as such
 * (the ID and ACCOUNT column types would mask anything that was not). The
 * printout's title names the list, never a person: it is also the CUPS
 * job's name and the print log's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "printing/print.h"
#include "tui/screen_subsidy.h"

/* Rows read from the database at a time while printing a whole list. */
#define PRINT_CHUNK 200

static const struct print_column list_columns[] = {
	{ "序号", PRINT_COL_NUMBER, 5 },   { "姓名", PRINT_COL_TEXT, 8 },
	{ "村（社区）", PRINT_COL_TEXT, 10 }, { "补贴依据", PRINT_COL_TEXT, 10 },
	{ "发放金额（元）", PRINT_COL_MONEY, 11 }, { "发放日期", PRINT_COL_TEXT, 10 },
	{ "身份证号", PRINT_COL_ID, 18 },   { "一卡通账号", PRINT_COL_ACCOUNT, 16 },
};

static const struct print_column person_columns[] = {
	{ "补贴项目", PRINT_COL_TEXT, 22 },  { "年度、批次", PRINT_COL_TEXT, 12 },
	{ "村（社区）", PRINT_COL_TEXT, 9 },  { "补贴依据", PRINT_COL_TEXT, 8 },
	{ "发放金额（元）", PRINT_COL_MONEY, 11 }, { "发放日期", PRINT_COL_TEXT, 10 },
	{ "一卡通账号", PRINT_COL_ACCOUNT, 15 },
};

#define NCOLS(a) ((int)(sizeof a / sizeof a[0]))

/* Forgets what the last printout held. */
void subsidy_print_free(struct subsidy_print *p)
{
	subsidy_page_free(&p->buf);
	for (int i = 0; i < SUBSIDY_PRINT_META; i++) {
		free(p->meta_text[i]);
		p->meta_text[i] = NULL;
	}
	for (int i = 0; i < 2; i++) {
		free(p->labels[i]);
		p->labels[i] = NULL;
	}
	free(p->title);
	p->title = NULL;
	p->nmeta = 0;
}

/* Adds a label/value line above the table (value copied). */
static void print_meta(struct subsidy_print *p, const char *label, const char *value)
{
	if (p->nmeta == SUBSIDY_PRINT_META || !value || !value[0])
		return;
	p->meta_text[p->nmeta] = xstrdup(value);
	p->meta[p->nmeta].label = label;
	p->meta[p->nmeta].value = p->meta_text[p->nmeta];
	p->nmeta++;
}

/* Fills a list row's cells. */
static void print_list_cells(struct subsidy_print *p, long index, const struct subsidy_row *r,
			     struct print_row *row)
{
	memset(row, 0, sizeof *row);
	snprintf(p->seq, sizeof p->seq, "%ld", index + 1);
	row->cells[0] = p->seq;
	row->cells[1] = r->name;
	row->cells[2] = r->village;
	row->cells[3] = r->basis;
	row->cells[5] = r->paid_on;
	row->cells[6] = r->id_masked;
	row->cells[7] = r->account_masked;
	row->amount_fen = r->amount_fen;
}

/* Row source of the whole list: keyset pages of PRINT_CHUNK rows, read
 * again from the first when the renderer starts over. */
static int print_rows_all(void *ctx, long index, struct print_row *row, char *err, size_t errlen)
{
	struct subsidy_print *p = ctx;

	if (index == 0 || index < p->buf_start) {
		subsidy_page_free(&p->buf);
		p->buf_start = 0;
		if (subsidy_list(p->db, &p->scope, p->filtered ? &p->q : NULL, NULL, SUBSIDY_NEXT,
				 PRINT_CHUNK, &p->buf, err, errlen) < 0)
			return -1;
	}
	while (index - p->buf_start >= p->buf.n) {
		struct subsidy_page next;

		if (!p->buf.more || p->buf.n == 0)
			return 0;
		if (subsidy_list(p->db, &p->scope, p->filtered ? &p->q : NULL,
				 &p->buf.rows[p->buf.n - 1], SUBSIDY_NEXT, PRINT_CHUNK, &next, err,
				 errlen) < 0)
			return -1;
		p->buf_start += p->buf.n;
		subsidy_page_free(&p->buf);
		p->buf = next;
	}
	print_list_cells(p, index, &p->buf.rows[index - p->buf_start], row);
	return 1;
}

/* Row source of the rows on screen. */
static int print_rows_page(void *ctx, long index, struct print_row *row, char *err, size_t errlen)
{
	struct subsidy_print *p = ctx;

	if (index >= p->page->n)
		return 0;
	print_list_cells(p, index, &p->page->rows[index], row);
	return 1;
}

/* Fills what both list choices share. */
static void print_list_doc(struct subsidy_print *p, struct print_doc *d)
{
	d->kind = PRINT_KIND_TABLE;
	d->kiosk_name = p->kiosk_name;
	d->title = p->title;
	d->meta = p->meta;
	d->nmeta = (size_t)p->nmeta;
	d->columns = list_columns;
	d->ncolumns = NCOLS(list_columns);
	d->rows_ctx = p;
	d->note = "身份证号、一卡通账号已隐去部分数字。名单以县级主管部门公示为准。";
}

/* Builds the whole list (the first choice). */
static int print_build_all(void *ctx, struct print_doc *d, char *err, size_t errlen)
{
	struct subsidy_print *p = ctx;

	print_list_doc(p, d);
	d->rows = print_rows_all;
	return 0;
}

/* Builds the rows on screen (the second choice). */
static int print_build_page(void *ctx, struct print_doc *d, char *err, size_t errlen)
{
	struct subsidy_print *p = ctx;

	print_list_doc(p, d);
	d->rows = print_rows_page;
	return 0;
}

/* Returns the kiosk's name from the configuration, or NULL. */
static const char *print_kiosk(struct tui *t)
{
	const struct config *cfg = tui_config(t);

	return cfg && cfg->kiosk_name && cfg->kiosk_name[0] ? cfg->kiosk_name : NULL;
}

/* Opens the print dialog for a village or township list. */
int subsidy_print_list(struct tui *t, struct subsidy_print *p, const struct subsidy_print_list *a)
{
	struct tui_print_job job = {0};
	char sum[160], label[128];

	if (!a->page || a->page->n == 0) {
		tui_message(t, "没有可以打印的内容");
		return TUI_REDRAW;
	}
	subsidy_print_free(p);
	p->db = tui_db(t);
	p->kiosk_name = print_kiosk(t);
	p->scope = *a->scope;
	p->filtered = a->q != NULL;
	if (a->q)
		p->q = *a->q;
	p->page = a->page;
	subsidy_batch_label(a->year, a->batch, label, sizeof label);
	p->title = xasprintf("%s %s 发放名单", a->program, label);
	print_meta(p, "补贴项目", a->program);
	print_meta(p, "年度、批次", label);
	print_meta(p, "乡镇（街道）", a->scope->township);
	print_meta(p, "村（社区）", a->scope->village ? a->scope->village : "全部");
	if (a->q)
		print_meta(p, "搜索", a->text);
	subsidy_sum_text(a->sum, sum, sizeof sum);
	print_meta(p, a->q ? "搜索结果合计" : "合计", sum);
	p->labels[0] = a->q ? xasprintf("搜索结果 %ld 人", a->sum->people)
			    : xasprintf("整个名单 %ld 人", a->sum->people);
	p->labels[1] = xasprintf("本页名单 %d 人", a->page->n);
	p->choices[0] = (struct tui_print_choice){ p->labels[0], print_build_all, p };
	p->choices[1] = (struct tui_print_choice){ p->labels[1], print_build_page, p };
	job.kind = PRINT_LOG_SUBSIDY;
	job.title = p->title;
	job.index_no = "";
	job.choices = p->choices;
	job.nchoices = a->page->n < a->sum->people ? 2 : 1;
	return tui_print_hook(t, &job);
}

/* Row source of one person's lines. */
static int print_rows_person(void *ctx, long index, struct print_row *row, char *err,
			     size_t errlen)
{
	struct subsidy_print *p = ctx;
	const struct subsidy_row *r;

	if (index >= p->person->n)
		return 0;
	r = &p->person->rows[index];
	memset(row, 0, sizeof *row);
	subsidy_batch_label(r->year, r->batch, p->seq, sizeof p->seq);
	row->cells[0] = r->program;
	row->cells[1] = p->seq;
	row->cells[2] = r->village;
	row->cells[3] = r->basis;
	row->cells[5] = r->paid_on;
	row->cells[6] = r->account_masked;
	row->amount_fen = r->amount_fen;
	return 1;
}

/* Builds a person's lines. */
static int print_build_person(void *ctx, struct print_doc *d, char *err, size_t errlen)
{
	struct subsidy_print *p = ctx;

	d->kind = PRINT_KIND_TABLE;
	d->kiosk_name = p->kiosk_name;
	d->title = p->title;
	d->meta = p->meta;
	d->nmeta = (size_t)p->nmeta;
	d->columns = person_columns;
	d->ncolumns = NCOLS(person_columns);
	d->rows = print_rows_person;
	d->rows_ctx = p;
	d->note = "身份证号、一卡通账号已隐去部分数字。如有疑问，请向村（社区）或乡镇（街道）咨询。";
	return 0;
}

/* Opens the print dialog for one villager's lines. */
int subsidy_print_person(struct tui *t, struct subsidy_print *p, const struct subsidy_person *x,
			 const char *where)
{
	struct tui_print_job job = {0};
	char place[256], yuan[40], total[96];

	subsidy_print_free(p);
	p->db = tui_db(t);
	p->kiosk_name = print_kiosk(t);
	p->person = x;
	p->title = xstrdup("惠民惠农补贴发放明细");
	snprintf(place, sizeof place, "%s %s", x->township, x->village);
	subsidy_yuan(x->total_fen, yuan, sizeof yuan);
	snprintf(total, sizeof total, "%d 笔，%s 元", x->n, yuan);
	print_meta(p, "姓名", x->name);
	print_meta(p, "身份证号", x->id_masked);
	print_meta(p, "住址", place);
	print_meta(p, "查询范围", where);
	print_meta(p, "合计", total);
	p->labels[0] = xasprintf("%s的补贴明细 %d 笔", x->name, x->n);
	p->choices[0] = (struct tui_print_choice){ p->labels[0], print_build_person, p };
	job.kind = PRINT_LOG_SUBSIDY;
	job.title = p->title;
	job.index_no = "";
	job.choices = p->choices;
	job.nchoices = 1;
	return tui_print_hook(t, &job);
}
