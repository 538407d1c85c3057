/*
 * screen_staff_import.c - 从U盘更新: every bundle under [usb] mount_roots
 * (bundle_find, the search `gongkaictl find-bundles` makes), each with its
 * issuer, sequence and date as its signed manifest says (bundle_peek) and
 * how it compares with the last import (较新, 已导入过, 较旧，不能导入).
 * Enter verifies and imports a newer one on a worker thread with its own
 * database connection, while the screen shows rows, percent and time left;
 * then what changed, or every `file:line: column: problem` of the report in
 * a scrolling view (the database is then as it was: bundle_import is all
 * or nothing).
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/staff.h"
#include "kiosk/bundle.h"
#include "kiosk/manifest.h"
#include "kiosk/staff.h"
#include "kiosk/width.h"
#include "tui/screen_staff.h"
#include "tui/widget.h"

#define IM_MAX_BUNDLES 32
#define IM_RESCAN_S 2.0 /* how often an empty list looks for sticks again */

/* The CSV files an import reads, in its order, for the progress. */
static const char *const im_csvs[] = { "calendar.csv", "bulletins.csv", "guides.csv",
				       "qa.csv", "subsidies.csv", "replies.csv" };
#define IM_NCSV ((int)(sizeof im_csvs / sizeof im_csvs[0]))

/* One bundle found on a stick. */
struct im_entry {
	char *path;              /* owned: the gongkai-bundle folder */
	int trusted;             /* its manifest's signature checked */
	struct bundle_info info;
	int age;                 /* enum staff_bundle_age */
	char *report;            /* owned: why it cannot be trusted, one problem a line */
};

/* What the worker and the screen share; mu guards the marked part. */
struct im_run {
	/* read-only for the worker */
	char *db_path, *dir, *pubkey;
	/* the worker's; read by the screen after the job is done */
	long lines[IM_NCSV]; /* data rows of each file, counted first */
	long total;
	int status;           /* enum bundle_status */
	struct report rep;
	struct bundle_result res;
	char err[512];
	struct im_cat {       /* documents per category: before, after, imported */
		char name[32];
		long long before, after, imported;
	} cat[8];
	int ncat;
	/* under mu */
	pthread_mutex_t mu;
	int counted;          /* lines and total are set */
	char file[64];        /* the file being read, "" = checking */
	long rows;            /* its rows done */
	long done_before;     /* rows of the files before it */
};

enum im_mode {
	IM_LIST,    /* the bundles found */
	IM_RUNNING, /* importing */
	IM_RESULT   /* what changed, or the report; Esc back to the list */
};

struct im {
	enum im_mode mode;
	struct im_entry e[IM_MAX_BUNDLES];
	int n;
	struct tui_list list;
	struct db_staff_import last;
	double scanned;           /* when the sticks were last looked at */
	/* running */
	struct im_run *run;
	struct tui_staff_job *job;
	double t0;
	int spin;
	/* result */
	int ok;
	char *title;              /* owned */
	char *head, *body;        /* owned: the result's text, laid out for the width */
	struct tui_textview view; /* the result or the report */
};

/* --- the list ---------------------------------------------------------------- */

/* Frees the entries. */
static void im_clear(struct im *m)
{
	for (int i = 0; i < m->n; i++) {
		free(m->e[i].path);
		free(m->e[i].report);
	}
	m->n = 0;
}

/* Looks for bundles and reads what each says about itself. */
static void im_scan(struct tui *t, struct im *m)
{
	const struct config *cfg = tui_config(t);
	char *paths[IM_MAX_BUNDLES], err[256];
	size_t n = bundle_find(cfg ? cfg->mount_roots : "", paths, IM_MAX_BUNDLES);

	im_clear(m);
	if (db_staff_last_import(tui_db(t), &m->last, err, sizeof err) < 0)
		memset(&m->last, 0, sizeof m->last);
	for (size_t i = 0; i < n; i++) {
		struct im_entry *e = &m->e[m->n++];
		struct report rep = { 0 };

		e->path = paths[i];
		e->trusted = bundle_peek(paths[i], cfg ? cfg->bundle_pubkey : "", &e->info, &rep) == 0;
		e->age = staff_bundle_age(e->info.sequence, m->last.found ? m->last.sequence : 0);
		if (!e->trusted)
			e->report = xstrdup(rep.errors.len ? sbuf_str(&rep.errors) : "无法读取数据包\n");
		report_free(&rep);
	}
	if (m->list.sel >= m->n)
		m->list.sel = 0;
	m->list.n = m->n;
	m->scanned = tui_staff_now();
}

/* Draws one bundle: what it says, then where it is. */
static void im_row(struct tui *t, void *ctx, int i, int y, int selected)
{
	struct im *m = ctx;
	const struct im_entry *e = &m->e[i];
	int cols = tui_cols(t), role = selected ? TUI_SELECTED : TUI_NORMAL;
	char line[512], date[16];

	if (selected) {
		tui_fill(t, y, 0, cols, TUI_SELECTED);
		tui_fill(t, y + 1, 0, cols, TUI_SELECTED);
	}
	if (e->trusted) {
		const char *age = staff_bundle_age_text(e->age);
		int aw = width_str(age) + 2;

		snprintf(date, sizeof date, "%.10s", e->info.created[0] ? e->info.created : "未注明日期");
		snprintf(line, sizeof line, "序号 %lld  %s  %s", e->info.sequence, date, e->info.issuer);
		tui_put(t, y, 2, cols - 4 - aw, line, role, 0);
		tui_put(t, y, cols - aw - 1, aw, age,
			selected ? TUI_SELECTED : e->age == STAFF_BUNDLE_NEWER ? TUI_HEADING : TUI_WARN, 0);
	} else {
		char first[256];

		snprintf(first, sizeof first, "%.*s", (int)strcspn(e->report, "\n"), e->report);
		snprintf(line, sizeof line, "不能导入：%s", first);
		tui_put(t, y, 2, cols - 4, line, selected ? TUI_SELECTED : TUI_WARN, 0);
	}
	tui_put(t, y + 1, 4, cols - 6, e->path, role, 0);
}

/* --- the worker ---------------------------------------------------------------- */

/* Progress from the importer (its thread, or its reading thread). */
static void im_progress(void *ctx, const char *file, long rows)
{
	struct im_run *r = ctx;

	pthread_mutex_lock(&r->mu);
	if (strcmp(file, r->file) != 0) {
		for (int i = 0; i < IM_NCSV && r->file[0]; i++)
			if (strcmp(r->file, im_csvs[i]) == 0)
				r->done_before += r->lines[i];
		snprintf(r->file, sizeof r->file, "%s", file);
	}
	r->rows = rows;
	pthread_mutex_unlock(&r->mu);
}

/* Counts the data rows of one listed file (line ends less the header;
 * quoted line breaks make it an estimate), never following a link. */
static long im_count(const char *dir, const char *rel)
{
	char buf[65536], err[256];
	long lines = 0;
	ssize_t n;
	int fd = manifest_open_file(dir, rel, err, sizeof err);

	if (fd < 0)
		return 0;
	while ((n = read(fd, buf, sizeof buf)) > 0)
		for (const char *p = buf; (p = memchr(p, '\n', (size_t)(buf + n - p))) != NULL; p++)
			lines++;
	close(fd);
	return lines > 1 ? lines - 1 : 0;
}

/* Returns the run's slot for a category (the last one when full). */
static struct im_cat *im_cat_of(struct im_run *r, const char *category)
{
	for (int i = 0; i < r->ncat; i++)
		if (strcmp(r->cat[i].name, category) == 0)
			return &r->cat[i];
	if (r->ncat == (int)(sizeof r->cat / sizeof r->cat[0]))
		return &r->cat[r->ncat - 1];
	snprintf(r->cat[r->ncat].name, sizeof r->cat[0].name, "%s", category);
	return &r->cat[r->ncat++];
}

/* Counts documents per category before the import. */
static void im_cat_before(void *ctx, const char *category, long long n)
{
	im_cat_of(ctx, category)->before = n;
}

/* Counts documents per category after the import. */
static void im_cat_after(void *ctx, const char *category, long long n)
{
	im_cat_of(ctx, category)->after = n;
}

/* Counts the import's own documents per category. */
static void im_cat_imported(void *ctx, const char *category, long long n)
{
	im_cat_of(ctx, category)->imported = n;
}

/* The worker: counts rows, then verifies and imports on its own connection. */
static void im_work(void *ctx)
{
	struct im_run *r = ctx;
	struct db *db = NULL;
	struct bundle_opts opts = {
		.dir = r->dir, .pubkey = r->pubkey, .write = 1,
		.operator_name = "一体机工作人员模式", .progress = im_progress, .progress_ctx = r,
	};
	long total = 0;

	for (int i = 0; i < IM_NCSV; i++)
		total += r->lines[i] = im_count(r->dir, im_csvs[i]);
	pthread_mutex_lock(&r->mu);
	r->total = total;
	r->counted = 1;
	pthread_mutex_unlock(&r->mu);
	if (db_open(r->db_path, DB_READWRITE, &db, r->err, sizeof r->err) < 0) {
		r->status = BUNDLE_ENV_FAILED;
		return;
	}
	/* Documents are replaced by 索引号: what the kiosk holds before and
	 * after tells new ones from updated ones. */
	db_staff_category_totals(db, im_cat_before, r, r->err, sizeof r->err);
	r->status = bundle_import(db, &opts, &r->rep, &r->res, r->err, sizeof r->err);
	if (r->status == BUNDLE_OK) {
		db_staff_category_totals(db, im_cat_after, r, r->err, sizeof r->err);
		db_staff_import_categories(db, im_cat_imported, r, r->err, sizeof r->err);
	}
	db_close(db);
}

/* Frees a finished run. */
static void im_run_free(struct im_run *r)
{
	if (!r)
		return;
	free(r->db_path);
	free(r->dir);
	free(r->pubkey);
	report_free(&r->rep);
	pthread_mutex_destroy(&r->mu);
	free(r);
}

/* --- the result ------------------------------------------------------------------ */

/* Lays out the result or the report (m->head, m->body) for the current
 * width. */
static void im_layout(struct tui *t, struct im *m)
{
	const char *head = m->head ? m->head : "", *body = m->body ? m->body : "";
	int w = tui_cols(t) - 4;

	layout_free(&m->view.lay);
	layout_init(&m->view.lay, w);
	layout_para(&m->view.lay, head, strlen(head), 0, 0, m->ok ? LAYOUT_HEADING : LAYOUT_WARN, -1);
	layout_blank(&m->view.lay);
	/* One problem (or one figure) a line, continuation lines indented. */
	for (const char *p = body; *p;) {
		size_t n = strcspn(p, "\n");

		if (n)
			layout_para(&m->view.lay, p, n, 0, 4, LAYOUT_TEXT, -1);
		else
			layout_blank(&m->view.lay);
		p += n + (p[n] == '\n');
	}
}

/* Keeps the result's text and lays it out from its top. */
static void im_set_text(struct tui *t, struct im *m, const char *head, const char *body)
{
	free(m->head);
	free(m->body);
	m->head = xstrdup(head);
	m->body = xstrdup(body);
	m->view.top = 0;
	im_layout(t, m);
}

/* Shows why entry i cannot be imported. */
static void im_show_untrusted(struct tui *t, struct im *m, int i)
{
	m->ok = 0;
	free(m->title);
	m->title = xstrdup("数据包不能导入");
	im_set_text(t, m, "这个数据包不能导入，本机的数据没有改动。请把下面的问题告诉县政府办公室，重新索取数据包：",
		       m->e[i].report);
	m->mode = IM_RESULT;
}

/* Takes a finished import's result. */
static void im_collect(struct tui *t, struct im *m)
{
	struct im_run *r = m->run;
	struct sbuf body = { 0 }, head = { 0 };
	int secs = (int)(tui_staff_now() - m->t0), docs = 0;

	tui_staff_job_join(m->job);
	m->job = NULL;
	free(m->title);
	m->ok = r->status == BUNDLE_OK;
	if (m->ok) {
		const struct store_counts *c = &r->res.counts;

		m->title = xstrdup("导入完成");
		sbuf_addf(&head, "导入完成：%s，序号 %lld。用时 %d 秒。", r->res.issuer, r->res.sequence, secs);
		sbuf_add(&body, "本次导入：\n");
		for (int i = 0; i < r->ncat; i++) {
			const struct im_cat *k = &r->cat[i];
			long long added = k->after > k->before ? k->after - k->before : 0;
			long long updated = k->imported > added ? k->imported - added : 0;

			if (!k->imported)
				continue;
			sbuf_addf(&body, "%s：新增 %lld 份", k->name, added);
			if (updated)
				sbuf_addf(&body, "，更新 %lld 份", updated);
			sbuf_add(&body, "\n");
			docs = 1;
		}
		if (c->guides)
			sbuf_addf(&body, "办事指南：共 %ld 项（替换原有的）\n", c->guides);
		if (c->subsidies)
			sbuf_addf(&body, "补贴名单：%ld 行（同一批次的名单整批替换）\n", c->subsidies);
		if (c->qa)
			sbuf_addf(&body, "政策问答：共 %ld 条（替换原有的）\n", c->qa);
		if (c->calendar)
			sbuf_addf(&body, "工作日历：%ld 天\n", c->calendar);
		if (c->replies)
			sbuf_addf(&body, "申请答复：%ld 条\n", c->replies);
		if (!docs && !c->guides && !c->subsidies && !c->qa && !c->calendar && !c->replies)
			sbuf_add(&body, "（数据包里没有新的内容）\n");
		sbuf_add(&body, "\n群众现在看到的就是新的资料。按回车返回。\n");
	} else if (r->status == BUNDLE_REFUSED) {
		m->title = xstrdup("数据包没有导入");
		sbuf_addf(&head, "数据包没有导入，本机的数据没有改动。数据包有 %ld 处问题，请告诉县政府办公室，"
				 "改正后重新签名发来：", r->rep.nerrors);
		sbuf_add(&body, sbuf_str(&r->rep.errors));
	} else {
		m->title = xstrdup("导入没有完成");
		sbuf_add(&head, "导入没有完成，本机的数据没有改动。");
		sbuf_addf(&body, "原因：%s\n请检查磁盘空间后重试；仍不行请联系技术支持。\n", r->err);
	}
	im_set_text(t, m, sbuf_str(&head), sbuf_str(&body));
	sbuf_free(&head);
	sbuf_free(&body);
	im_run_free(r);
	m->run = NULL;
	m->mode = IM_RESULT;
}

/* Starts importing entry i. */
static void im_start(struct tui *t, struct im *m, int i)
{
	const struct config *cfg = tui_config(t);
	const struct im_entry *e = &m->e[i];
	struct im_run *r;
	char err[512];

	if (!e->trusted) {
		im_show_untrusted(t, m, i);
		return;
	}
	if (e->age == STAFF_BUNDLE_SAME) {
		tui_message(t, "序号 %lld 的数据包已经导入过，不用再导入", e->info.sequence);
		return;
	}
	if (e->age == STAFF_BUNDLE_OLDER) {
		tui_message(t, "这个数据包比本机的资料旧（序号 %lld 小于 %lld），不能导入", e->info.sequence,
			    m->last.sequence);
		return;
	}
	if (cfg && config_check_pubkey(cfg, err, sizeof err) < 0) {
		tui_message(t, "%s", err);
		return;
	}
	r = xcalloc(1, sizeof *r);
	pthread_mutex_init(&r->mu, NULL);
	r->db_path = xstrdup(db_staff_file(tui_db(t)));
	r->dir = xstrdup(e->info.dir[0] ? e->info.dir : e->path);
	r->pubkey = xstrdup(cfg && cfg->bundle_pubkey ? cfg->bundle_pubkey : "");
	m->run = r;
	m->t0 = tui_staff_now();
	m->spin = 0;
	m->job = tui_staff_job_start(im_work, r);
	if (!m->job) {
		im_run_free(r);
		m->run = NULL;
		tui_message(t, "导入没有开始（系统忙），请稍后再试");
		return;
	}
	m->mode = IM_RUNNING;
	tui_keep_awake(t);
}

/* --- the screen -------------------------------------------------------------------- */

/* Opens the screen with the sticks' bundles listed. */
static int im_enter(struct tui *t, void **state, const void *arg, char *err, size_t errlen)
{
	struct im *m = xcalloc(1, sizeof *m);

	m->list.rh = 2;
	im_scan(t, m);
	*state = m;
	return 0;
}

/* Closes the screen; an import under way (the kiosk is stopping) is
 * waited for, so its connection closes cleanly. */
static void im_leave(struct tui *t, void *state)
{
	struct im *m = state;

	if (m->job)
		tui_staff_job_join(m->job);
	im_run_free(m->run);
	im_clear(m);
	layout_free(&m->view.lay);
	free(m->title);
	free(m->head);
	free(m->body);
	free(m);
}

/* Lays the result out again for a new width. */
static void im_resize(struct tui *t, void *state)
{
	struct im *m = state;

	if (m->head)
		im_layout(t, m);
}

/* Formats n with thousands separators. */
static void im_num(long n, char *out, size_t size)
{
	char raw[32];
	int len, o = 0;

	snprintf(raw, sizeof raw, "%ld", n);
	len = (int)strlen(raw);
	for (int i = 0; i < len && o < (int)size - 2; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = raw[i];
	}
	out[o] = '\0';
}

/* Draws the import under way: the file, a bar, rows, percent, time left. */
static void im_draw_running(struct tui *t, struct im *m)
{
	static const char *const spin[] = { "◐", "◓", "◑", "◒" };
	struct im_run *r = m->run;
	int cols = tui_cols(t), w = cols - 8, y = 3, counted, pct = 0, filled;
	long done, total;
	char file[64], a[32], b[32], line[256];
	double el = tui_staff_now() - m->t0;
	struct sbuf bar = { 0 };

	pthread_mutex_lock(&r->mu);
	counted = r->counted;
	snprintf(file, sizeof file, "%s", r->file);
	done = r->done_before + r->rows;
	total = r->total;
	pthread_mutex_unlock(&r->mu);
	if (total > 0)
		pct = (int)(done * 100 / total);
	if (pct > 99)
		pct = 99; /* 100 is for the commit */
	tui_put(t, y, 4, w, "正在导入，请不要拔出U盘，也不要关机。", TUI_WARN, 0);
	y += 2;
	if (!counted)
		snprintf(line, sizeof line, "%s 正在清点数据包里的行数…", spin[m->spin % 4]);
	else if (!file[0])
		snprintf(line, sizeof line, "%s 正在核对签名和文件…", spin[m->spin % 4]);
	else if (total > 0 && done >= total)
		snprintf(line, sizeof line, "%s 正在整理和保存数据…", spin[m->spin % 4]);
	else
		snprintf(line, sizeof line, "%s 正在读取 %s", spin[m->spin % 4], file);
	tui_put(t, y, 4, w, line, TUI_HEADING, 0);
	y += 2;
	filled = w * pct / 100;
	for (int i = 0; i < w; i++)
		sbuf_add(&bar, i < filled ? "█" : "░");
	tui_put(t, y, 4, w, sbuf_str(&bar), TUI_HEADING, 0);
	sbuf_free(&bar);
	y += 2;
	im_num(done, a, sizeof a);
	im_num(total, b, sizeof b);
	snprintf(line, sizeof line, "已处理 %s / %s 行，%d%%", a, b, pct);
	tui_put(t, y++, 4, w, line, TUI_NORMAL, 0);
	if (pct >= 2 && el >= 2 && done < total) {
		int left = (int)(el * (100.0 - pct) / pct);

		if (left >= 60)
			snprintf(line, sizeof line, "已用 %d 秒，预计还要 %d 分 %d 秒", (int)el, left / 60, left % 60);
		else
			snprintf(line, sizeof line, "已用 %d 秒，预计还要 %d 秒", (int)el, left);
	} else {
		snprintf(line, sizeof line, "已用 %d 秒", (int)el);
	}
	tui_put(t, y, 4, w, line, TUI_NORMAL, 0);
}

/* Draws the screen of the current mode. */
static void im_draw(struct tui *t, void *state)
{
	struct im *m = state;
	int cols = tui_cols(t), rows = tui_rows(t);
	char line[512], pos[64];

	if (m->mode == IM_RUNNING) {
		tui_title(t, "从U盘更新：正在导入", NULL);
		im_draw_running(t, m);
		return;
	}
	if (m->mode == IM_RESULT) {
		tui_textview_pos(&m->view, rows - 3, pos, sizeof pos);
		tui_title(t, m->title, pos);
		tui_textview_draw(t, &m->view, 1, rows - 3, 2);
		return;
	}
	tui_title(t, "从U盘更新", NULL);
	if (m->last.found)
		snprintf(line, sizeof line, "本机最近一次导入：序号 %lld，%.10s，%s", m->last.sequence,
			 m->last.created[0] ? m->last.created : m->last.imported_at, m->last.issuer);
	else
		snprintf(line, sizeof line, "本机还没有导入过数据包。");
	tui_put(t, 1, 2, cols - 4, line, TUI_NORMAL, 0);
	if (m->n == 0) {
		const struct config *cfg = tui_config(t);
		struct layout lay;
		char *s = xasprintf("没有找到数据包。请插入装有数据包（gongkai-bundle 文件夹）的U盘，稍等几秒，"
				    "本页会自动刷新。查找的位置：%s",
				    cfg && cfg->mount_roots ? cfg->mount_roots : "");

		layout_init(&lay, cols - 4);
		layout_para(&lay, s, strlen(s), 0, 0, LAYOUT_TEXT, -1);
		for (int i = 0; i < lay.n && 3 + i < rows - 2; i++)
			tui_put(t, 3 + i, 2, cols - 4, lay.lines[i].text, TUI_HEADING, 0);
		layout_free(&lay);
		free(s);
		return;
	}
	snprintf(line, sizeof line, "找到 %d 个数据包。选中一个，按回车核对并导入：", m->n);
	tui_put(t, 2, 2, cols - 4, line, TUI_HEADING, 0);
	tui_list_draw(t, &m->list, 4, rows - 6, im_row, m);
}

/* Handles a key in each mode. */
static int im_key(struct tui *t, void *state, const struct tui_event *ev)
{
	struct im *m = state;
	int r;

	switch (m->mode) {
	case IM_RUNNING:
		if (ev->req == REQ_BACK || ev->req == REQ_HOME)
			tui_message(t, "正在导入，中途不能停止；请等导入完成");
		return TUI_HANDLED | TUI_REDRAW;
	case IM_RESULT:
		if (ev->req == REQ_BACK || ev->req == REQ_ENTER) {
			m->mode = IM_LIST;
			im_scan(t, m);
			return TUI_HANDLED | TUI_REDRAW;
		}
		if (ev->req == REQ_HOME)
			return 0;
		return tui_textview_key(&m->view, ev, tui_rows(t) - 3) | TUI_HANDLED;
	case IM_LIST:
	default:
		if (ev->req == REQ_ENTER && m->n > 0) {
			im_start(t, m, m->list.sel);
			return TUI_HANDLED | TUI_REDRAW;
		}
		r = tui_list_key(t, &m->list, ev);
		if (r & TUI_LIST_CLICKED) {
			im_start(t, m, m->list.sel);
			return TUI_HANDLED | TUI_REDRAW;
		}
		if (r)
			return r;
		if (ev->req == REQ_BACK || ev->req == REQ_HOME)
			return 0;
		return TUI_HANDLED;
	}
}

/* Follows the import; looks for sticks while none is found. */
static int im_tick(struct tui *t, void *state)
{
	struct im *m = state;

	if (m->mode == IM_RUNNING) {
		tui_keep_awake(t);
		m->spin++;
		if (tui_staff_job_done(m->job))
			im_collect(t, m);
		return TUI_REDRAW;
	}
	if (m->mode == IM_LIST && m->n == 0 && tui_staff_now() - m->scanned >= IM_RESCAN_S) {
		im_scan(t, m);
		return m->n ? TUI_REDRAW : 0;
	}
	return 0;
}

/* The key line of each mode. */
static const struct tui_hint *im_hints(void *state)
{
	static const struct tui_hint list[] = {
		{ REQ_DOWN, NULL }, { REQ_ENTER, "导入" }, { REQ_BACK, "返回" }, { REQ_NONE, NULL },
	};
	static const struct tui_hint running[] = { { REQ_NONE, NULL } };
	static const struct tui_hint result[] = {
		{ REQ_PGDN, NULL }, { REQ_PGUP, NULL }, { REQ_BACK, "返回" }, { REQ_NONE, NULL },
	};
	const struct im *m = state;

	return m->mode == IM_RUNNING ? running : m->mode == IM_RESULT ? result : list;
}

const struct tui_screen_ops tui_staff_import_ops = {
	.name = "staff_import",
	.enter = im_enter,
	.draw = im_draw,
	.key = im_key,
	.resize = im_resize,
	.leave = im_leave,
	.hints = im_hints,
	.tick = im_tick,
	.busy = tui_staff_busy,
};
