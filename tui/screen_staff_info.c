/*
 * screen_staff_info.c - the staff pages that show and do one thing each:
 * 导入记录 (the import history in aligned columns), 终端状态 (data size,
 * last import, free disk where the database lives, version, uptime),
 * 打印机 (the CUPS destination's state in plain words, its queue, a test
 * page) and 导出到U盘 (export_write onto the stick folder, then a flush to
 * disk before 可以拔出U盘 is said). CUPS questions, the test page and the
 * export run on worker threads; the export opens its own connection.
 */
#include <libgen.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <sys/sysinfo.h>
#include <fcntl.h>
#include <unistd.h>

#include "db/log.h"
#include "db/staff.h"
#include "db/stats.h"
#include "kiosk/export.h"
#include "kiosk/staff.h"
#include "kiosk/width.h"
#include "printing/print.h"
#include "tui/screen_staff.h"
#include "tui/widget.h"

#ifndef GONGKAI_VERSION
#define GONGKAI_VERSION "" /* the build did not name one */
#endif

/* A page of text lines (status, printer, export): laid out again for each
 * frame from what the page knows, then drawn through a text view. */
struct page {
	struct tui_textview view;
};

/* Starts the page's lines for width w. */
static void page_begin(struct page *p, int w)
{
	int top = p->view.top;

	layout_free(&p->view.lay);
	layout_init(&p->view.lay, w);
	p->view.top = top;
}

/* Adds "label：value" with the label padded. */
static void page_field(struct page *p, const char *label, const char *value)
{
	layout_field(&p->view.lay, label, 14, value, LAYOUT_FIELD, -1);
}

/* Adds a paragraph in a style. */
static void page_para(struct page *p, const char *text, int style)
{
	layout_para(&p->view.lay, text, strlen(text), 0, 0, style, -1);
}

/* Draws the page under a title. */
static void page_draw(struct tui *t, struct page *p, const char *title)
{
	int rows = tui_rows(t) - 3;
	char pos[64];

	if (p->view.top >= p->view.lay.n)
		p->view.top = 0;
	tui_textview_pos(&p->view, rows, pos, sizeof pos);
	tui_title(t, title, pos);
	tui_textview_draw(t, &p->view, 2, rows - 1, 2);
}

/* --- 导入记录 ----------------------------------------------------------------- */

struct hist_row {
	long long sequence, bulletins, subsidies;
	char *issuer, *created, *imported_at;
	int forced;
};

struct hist {
	struct hist_row *v;
	int n, cap;
	struct tui_list list;
	char err[256];
};

/* Collects one import. */
static void hist_add(void *ctx, long long sequence, const char *issuer, const char *created,
		     const char *imported_at, int forced, long long bulletins, long long subsidies)
{
	struct hist *h = ctx;
	struct hist_row *r;

	if (h->n == h->cap) {
		h->cap = h->cap ? 2 * h->cap : 16;
		h->v = xrealloc(h->v, (size_t)h->cap * sizeof *h->v);
	}
	r = &h->v[h->n++];
	r->sequence = sequence;
	r->issuer = xstrdup(issuer ? issuer : "");
	r->created = xstrdup(created ? created : "");
	r->imported_at = xstrdup(imported_at ? imported_at : "");
	r->forced = forced;
	r->bulletins = bulletins;
	r->subsidies = subsidies;
}

/* Reads the history, newest first on screen. */
static int hist_enter(struct tui *t, void **state, const void *arg, char *err, size_t errlen)
{
	struct hist *h = xcalloc(1, sizeof *h);

	if (stats_imports(tui_db(t), hist_add, h, h->err, sizeof h->err) < 0)
		snprintf(h->err, sizeof h->err, "无法读取导入记录");
	/* Newest first: the staff look for the last one. */
	for (int i = 0; i < h->n / 2; i++) {
		struct hist_row x = h->v[i];

		h->v[i] = h->v[h->n - 1 - i];
		h->v[h->n - 1 - i] = x;
	}
	h->list.n = h->n;
	h->list.rh = 1;
	*state = h;
	return 0;
}

/* Frees the rows. */
static void hist_leave(struct tui *t, void *state)
{
	struct hist *h = state;

	for (int i = 0; i < h->n; i++) {
		free(h->v[i].issuer);
		free(h->v[i].created);
		free(h->v[i].imported_at);
	}
	free(h->v);
	free(h);
}

/* Column widths of the history table. */
enum { HC_SEQ = 6, HC_AT = 18, HC_DATE = 12, HC_DOCS = 6, HC_SUB = 10 };

/* Draws cells left to right, each padded to its width. */
static void hist_cells(struct tui *t, int y, const char *const *cells, const int *w, int n,
		       int role)
{
	int x = 1, cols = tui_cols(t);

	for (int i = 0; i < n && x < cols - 1; i++) {
		int cw = i == n - 1 || x + w[i] > cols - 1 ? cols - 1 - x : w[i];

		tui_put(t, y, x, cw, cells[i], role, 1);
		x += cw;
	}
}

/* Draws one import. */
static void hist_row_draw(struct tui *t, void *ctx, int i, int y, int selected)
{
	static const int w[] = { HC_SEQ, HC_AT, HC_DATE, HC_DOCS, HC_SUB, 0 };
	struct hist *h = ctx;
	const struct hist_row *r = &h->v[i];
	char seq[32], at[24], date[16], docs[24], sub[24], who[300];
	const char *cells[6] = { seq, at, date, docs, sub, who };

	snprintf(seq, sizeof seq, "%lld", r->sequence);
	snprintf(at, sizeof at, "%.16s", r->imported_at);
	snprintf(date, sizeof date, "%.10s", r->created[0] ? r->created : "—");
	snprintf(docs, sizeof docs, "%lld", r->bulletins);
	snprintf(sub, sizeof sub, "%lld", r->subsidies);
	snprintf(who, sizeof who, "%s%s", r->issuer, r->forced ? "（重新导入）" : "");
	if (selected)
		tui_fill(t, y, 0, tui_cols(t), TUI_SELECTED);
	hist_cells(t, y, cells, w, 6, selected ? TUI_SELECTED : TUI_NORMAL);
}

/* Draws the table. */
static void hist_draw(struct tui *t, void *state)
{
	static const int w[] = { HC_SEQ, HC_AT, HC_DATE, HC_DOCS, HC_SUB, 0 };
	static const char *const head[] = { "序号", "导入时间", "数据包日期", "文件", "补贴名单", "签发单位" };
	struct hist *h = state;
	char right[64];

	snprintf(right, sizeof right, "共 %d 次", h->n);
	tui_title(t, "导入记录", right);
	if (h->err[0]) {
		tui_put(t, 2, 2, tui_cols(t) - 4, h->err, TUI_WARN, 0);
		return;
	}
	if (h->n == 0) {
		tui_put(t, 2, 2, tui_cols(t) - 4, "本机还没有导入过数据包。", TUI_HEADING, 0);
		return;
	}
	hist_cells(t, 2, head, w, 6, TUI_HEADING);
	tui_list_draw(t, &h->list, 3, tui_rows(t) - 5, hist_row_draw, h);
}

/* Scrolls. */
static int hist_key(struct tui *t, void *state, const struct tui_event *ev)
{
	struct hist *h = state;
	int r = tui_list_key(t, &h->list, ev);

	if (r)
		return r & ~TUI_LIST_CLICKED;
	if (ev->req == REQ_BACK || ev->req == REQ_HOME)
		return 0;
	return ev->req == REQ_ENTER ? TUI_BREAK : TUI_HANDLED;
}

/* The key line of a page that only shows something. */
static const struct tui_hint *page_hints(void *state)
{
	return tui_staff_back_hints;
}

const struct tui_screen_ops tui_staff_history_ops = {
	.name = "staff_history",
	.enter = hist_enter,
	.draw = hist_draw,
	.key = hist_key,
	.leave = hist_leave,
	.hints = page_hints,
	.busy = tui_staff_busy,
};

/* --- 终端状态 ----------------------------------------------------------------- */

/* Formats seconds as 3 天 4 小时 5 分钟. */
static void status_duration(long long s, char *out, size_t n)
{
	long long d = s / 86400, h = s % 86400 / 3600, m = s % 3600 / 60;

	if (d)
		snprintf(out, n, "%lld 天 %lld 小时 %lld 分钟", d, h, m);
	else if (h)
		snprintf(out, n, "%lld 小时 %lld 分钟", h, m);
	else
		snprintf(out, n, "%lld 分钟", m);
}

/* Returns how long this process has run, in seconds, or -1. */
static long long status_process_age(void)
{
	char buf[1024], *p;
	unsigned long long start = 0;
	struct sysinfo si;
	long hz = sysconf(_SC_CLK_TCK);
	FILE *f = fopen("/proc/self/stat", "r");
	size_t n;

	if (!f)
		return -1;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* After the command name in parentheses: field 22 is the start time. */
	p = strrchr(buf, ')');
	if (!p || hz <= 0 || sysinfo(&si) < 0)
		return -1;
	p++;
	for (int field = 3; field < 22 && p; field++)
		p = strchr(p + 1, ' ');
	if (!p || sscanf(p, " %llu", &start) != 1)
		return -1;
	return (long long)si.uptime - (long long)(start / (unsigned long long)hz);
}

/* Lays the status out. */
static void status_layout(struct tui *t, struct page *p)
{
	struct db_staff_import last;
	struct statvfs vfs;
	struct sysinfo si;
	long long bytes = 0, age;
	char err[256], a[64], b[64], *dir, *path;
	struct sbuf s = { 0 };
	const char *file = db_staff_file(tui_db(t));
	const struct config *cfg = tui_config(t);

	page_begin(p, tui_cols(t) - 4);
	if (db_staff_size(tui_db(t), &bytes, err, sizeof err) == 0) {
		tui_staff_bytes(bytes, a, sizeof a);
		sbuf_addf(&s, "%s（%s）", a, file);
	} else {
		sbuf_addf(&s, "无法读取：%s", err);
	}
	page_field(p, "数据大小", sbuf_str(&s));
	sbuf_reset(&s);
	if (db_staff_last_import(tui_db(t), &last, err, sizeof err) < 0)
		sbuf_addf(&s, "无法读取：%s", err);
	else if (!last.found)
		sbuf_add(&s, "还没有导入过数据包");
	else
		sbuf_addf(&s, "序号 %lld，%s，数据包日期 %.10s，导入于 %.16s", last.sequence, last.issuer,
			  last.created[0] ? last.created : "未注明", last.imported_at);
	page_field(p, "最近一次导入", sbuf_str(&s));
	sbuf_reset(&s);
	path = xstrdup(file[0] ? file : ".");
	dir = dirname(path);
	if (statvfs(dir, &vfs) == 0) {
		tui_staff_bytes((long long)vfs.f_bavail * (long long)vfs.f_frsize, a, sizeof a);
		tui_staff_bytes((long long)vfs.f_blocks * (long long)vfs.f_frsize, b, sizeof b);
		sbuf_addf(&s, "还剩 %s（共 %s，%s）", a, b, dir);
	} else {
		sbuf_addf(&s, "无法读取（%s）", dir);
	}
	free(path);
	page_field(p, "磁盘空间", sbuf_str(&s));
	sbuf_reset(&s);
	page_field(p, "程序版本", GONGKAI_VERSION[0] ? GONGKAI_VERSION : "未标注版本号（开发版）");
	if ((age = status_process_age()) >= 0) {
		status_duration(age, a, sizeof a);
		page_field(p, "程序已运行", a);
	}
	if (sysinfo(&si) == 0) {
		status_duration(si.uptime, a, sizeof a);
		page_field(p, "开机已有", a);
	}
	page_field(p, "本机", cfg && cfg->kiosk_name ? cfg->kiosk_name : "");
	page_field(p, "编号", cfg && cfg->kiosk_id ? cfg->kiosk_id : "");
	sbuf_free(&s);
}

/* Opens the status page. */
static int status_enter(struct tui *t, void **state, const void *arg, char *err, size_t errlen)
{
	struct page *p = xcalloc(1, sizeof *p);

	*state = p;
	return 0;
}

/* Frees a page. */
static void page_leave(struct tui *t, void *state)
{
	struct page *p = state;

	layout_free(&p->view.lay);
	free(p);
}

/* Draws the status, read afresh. */
static void status_draw(struct tui *t, void *state)
{
	status_layout(t, state);
	page_draw(t, state, "终端状态");
}

/* Scrolls a page; Enter closes it. */
static int page_key(struct tui *t, void *state, const struct tui_event *ev)
{
	struct page *p = state;

	if (ev->req == REQ_BACK || ev->req == REQ_HOME)
		return 0;
	if (ev->req == REQ_ENTER)
		return TUI_BREAK;
	return tui_textview_key(&p->view, ev, tui_rows(t) - 4) | TUI_HANDLED;
}

const struct tui_screen_ops tui_staff_status_ops = {
	.name = "staff_status",
	.enter = status_enter,
	.draw = status_draw,
	.key = page_key,
	.leave = page_leave,
	.hints = page_hints,
	.busy = tui_staff_busy,
};

/* --- 打印机 -------------------------------------------------------------------- */

#define PR_REFRESH_S 3.0 /* how often the state is asked again */

/* What a printer worker and the page share; mu guards the marked part. */
struct pr_run {
	/* read-only for the worker */
	int test;                /* 1: print the test page; 0: ask the state */
	char *dest, *kiosk_name;
	/* the worker's; read after the job is done */
	struct print_dest_state st;
	struct print_result res;
	/* under mu */
	pthread_mutex_t mu;
	char message[256];       /* the test page's progress */
};

struct pr {
	struct page page;
	struct print_dest_state st; /* the last answer */
	int have;                   /* st is filled */
	struct pr_run *run;
	struct tui_staff_job *job;
	double asked;               /* when the state was last asked */
	int spin;
	char *result;               /* the test page's outcome, owned; NULL = none yet */
	int result_ok;
};

/* The test page's progress, on the worker. */
static int pr_progress(void *ctx, const struct print_progress *p)
{
	struct pr_run *r = ctx;

	pthread_mutex_lock(&r->mu);
	snprintf(r->message, sizeof r->message, "%s", p->message ? p->message : "");
	pthread_mutex_unlock(&r->mu);
	return 0;
}

/* The worker: one question, or the test page. */
static void pr_work(void *ctx)
{
	static const struct print_limits lim = { .connect_ms = 2000, .request_ms = 3000 };
	struct pr_run *r = ctx;

	if (r->test)
		print_test_run(r->dest, r->kiosk_name, pr_progress, r, &r->res);
	else
		print_dest_query(r->dest, &lim, &r->st);
}

/* Frees a finished run. */
static void pr_run_free(struct pr_run *r)
{
	if (!r)
		return;
	free(r->dest);
	free(r->kiosk_name);
	pthread_mutex_destroy(&r->mu);
	free(r);
}

/* Starts the worker: a question about the state, or the test page. */
static void pr_start(struct tui *t, struct pr *p, int test)
{
	const struct config *cfg = tui_config(t);
	struct pr_run *r = xcalloc(1, sizeof *r);

	pthread_mutex_init(&r->mu, NULL);
	r->test = test;
	r->dest = xstrdup(cfg && cfg->printer ? cfg->printer : "");
	r->kiosk_name = xstrdup(cfg && cfg->kiosk_name ? cfg->kiosk_name : "");
	snprintf(r->message, sizeof r->message, "正在连接打印机…");
	p->run = r;
	p->job = tui_staff_job_start(pr_work, r);
	if (!p->job) {
		pr_run_free(r);
		p->run = NULL;
		tui_message(t, "系统忙，请稍后再试");
	}
	p->asked = tui_staff_now();
	if (test) {
		free(p->result);
		p->result = NULL;
	}
}

/* Takes a finished worker's answer; logs a test page like gongkaictl. */
static void pr_collect(struct tui *t, struct pr *p)
{
	struct pr_run *r = p->run;
	char err[256];

	tui_staff_job_join(p->job);
	p->job = NULL;
	p->run = NULL;
	if (r->test) {
		p->result_ok = r->res.status == PRINT_OK;
		free(p->result);
		if (p->result_ok)
			p->result = xasprintf("测试页已打印（打印机 %s，任务 %d）", r->res.dest, r->res.job_id);
		else
			p->result = xasprintf("测试页没有打印成功：%s%s%s", r->res.message,
					      r->res.reasons[0] ? "；" : "", r->res.reasons);
		if (db_log_print(tui_db(t), print_log_kind_word(PRINT_LOG_TEST_PAGE), "打印测试页", "", p->result_ok ? 1 : 0,
				 p->result_ok ? "完成" : r->res.message, err, sizeof err) < 0)
			tui_message(t, "打印记录没有保存：%s", err);
		p->asked = 0; /* ask the state again at once */
	} else {
		p->st = r->st;
		p->have = 1;
	}
	pr_run_free(r);
}

/* Lays the printer page out. */
static void pr_layout(struct tui *t, struct pr *p)
{
	static const char *const spin[] = { "◐", "◓", "◑", "◒" };
	const struct config *cfg = tui_config(t);
	struct page *pg = &p->page;
	char line[700];

	page_begin(pg, tui_cols(t) - 4);
	page_field(pg, "设置的打印机", cfg && cfg->printer && cfg->printer[0] ? cfg->printer : "（CUPS 默认打印机）");
	if (!p->have) {
		page_field(pg, "状态", "正在询问打印机…");
	} else if (p->st.status != PRINT_OK) {
		page_field(pg, "状态", p->st.message);
		page_field(pg, "请检查", p->st.status == PRINT_E_NO_DEST || p->st.status == PRINT_E_NO_DEFAULT
					       ? "配置 [print] printer 写的打印机名称，以及 CUPS 里是否有这台打印机"
					       : "打印服务（CUPS）是否在运行，打印机是否开机、连好");
	} else {
		if (p->st.dest[0] && !(cfg && cfg->printer && cfg->printer[0]))
			page_field(pg, "默认打印机", p->st.dest);
		page_field(pg, "状态", p->st.words);
		page_field(pg, "打印机的问题", p->st.reasons[0] ? p->st.reasons : "没有");
		if (p->st.queued >= 0)
			snprintf(line, sizeof line, "%d 个", p->st.queued);
		else
			snprintf(line, sizeof line, "不知道");
		page_field(pg, "排队的任务", line);
	}
	layout_blank(&pg->view.lay);
	if (p->run && p->run->test) {
		pthread_mutex_lock(&p->run->mu);
		snprintf(line, sizeof line, "%s 正在打印测试页：%s", spin[p->spin % 4], p->run->message);
		pthread_mutex_unlock(&p->run->mu);
		page_para(pg, line, LAYOUT_HEADING);
	} else if (p->result) {
		page_para(pg, p->result, p->result_ok ? LAYOUT_HEADING : LAYOUT_WARN);
	}
	layout_blank(&pg->view.lay);
	page_para(pg, "按回车打印一张测试页（含各类汉字、表格和金额），看看字和线是否清楚。", LAYOUT_TEXT);
}

/* Opens the printer page and asks the state. */
static int pr_enter(struct tui *t, void **state, const void *arg, char *err, size_t errlen)
{
	struct pr *p = xcalloc(1, sizeof *p);

	pr_start(t, p, 0);
	*state = p;
	return 0;
}

/* Closes the page; a worker still running is waited for (its calls are
 * bounded in time). */
static void pr_leave(struct tui *t, void *state)
{
	struct pr *p = state;

	if (p->job)
		tui_staff_job_join(p->job);
	pr_run_free(p->run);
	layout_free(&p->page.view.lay);
	free(p->result);
	free(p);
}

/* Draws the page. */
static void pr_draw(struct tui *t, void *state)
{
	struct pr *p = state;

	pr_layout(t, p);
	page_draw(t, &p->page, "打印机");
}

/* Enter prints the test page. */
static int pr_key(struct tui *t, void *state, const struct tui_event *ev)
{
	struct pr *p = state;

	if (ev->req == REQ_ENTER || ev->req == REQ_PRINT) {
		if (p->run && p->run->test)
			tui_message(t, "正在打印测试页，请稍候");
		else if (p->run)
			tui_message(t, "正在询问打印机，请稍候再按回车");
		else
			pr_start(t, p, 1);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (ev->req == REQ_BACK || ev->req == REQ_HOME)
		return 0;
	return tui_textview_key(&p->page.view, ev, tui_rows(t) - 4) | TUI_HANDLED;
}

/* Follows the worker and asks the state again now and then. */
static int pr_tick(struct tui *t, void *state)
{
	struct pr *p = state;

	if (p->job) {
		p->spin++;
		if (p->run->test)
			tui_keep_awake(t);
		if (tui_staff_job_done(p->job))
			pr_collect(t, p);
		return TUI_REDRAW;
	}
	if (tui_staff_now() - p->asked >= PR_REFRESH_S) {
		pr_start(t, p, 0);
		return 0;
	}
	return 0;
}

/* The printer page's key line. */
static const struct tui_hint *pr_hints(void *state)
{
	static const struct tui_hint hints[] = {
		{ REQ_ENTER, "打印测试页" }, { REQ_BACK, "返回" }, { REQ_NONE, NULL },
	};
	return hints;
}

const struct tui_screen_ops tui_staff_printer_ops = {
	.name = "staff_printer",
	.enter = pr_enter,
	.draw = pr_draw,
	.key = pr_key,
	.leave = pr_leave,
	.hints = pr_hints,
	.tick = pr_tick,
	.busy = tui_staff_busy,
};

/* --- 导出到U盘 -------------------------------------------------------------------- */

/* What the export worker and the page share (read after the job is done). */
struct ex_run {
	char *db_path, *dir;
	const struct config *cfg; /* borrowed: the kiosk's, never written */
	char now[20], today[11];
	int rc;
	struct export_result res;
	char err[512];
	int synced;               /* the stick's file system was flushed */
	int unmounted;            /* systemd-umount took the stick off cleanly */
};

enum ex_mode { EX_READY, EX_NO_STICK, EX_RUNNING, EX_DONE };

struct ex {
	struct page page;
	enum ex_mode mode;
	char dir[4096];
	struct ex_run *run;
	struct tui_staff_job *job;
	double t0;
	int spin;
	int ok;
	int unmounted; /* the stick was taken off after the export */
	char *result; /* owned */
};

/* The unmounter of the package's USB automount (dist/usb-mount): a polkit
 * rule lets the kiosk's user take its own sticks off. */
#define EX_UMOUNT "/usr/bin/systemd-umount"

/* Unmounts the stick at dir when dir is a mount point and the system has
 * systemd-umount, so a FAT stick is left clean (not marked dirty) and the
 * kiosk can say it is safe to pull out. Runs no shell; its output goes to
 * /dev/null, never onto the screen; given up after 15 s. Returns 1 when
 * the stick was unmounted. */
static int ex_unmount(const char *dir)
{
	static char env_path[] = "PATH=/usr/sbin:/usr/bin:/sbin:/bin", env_lang[] = "LANG=C.UTF-8";
	static char prog[] = EX_UMOUNT, dashes[] = "--";
	char *const envp[] = { env_path, env_lang, NULL };
	char *argv[] = { prog, dashes, (char *)dir, NULL };
	char parent[4096];
	struct stat a, b;
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int status = 0, rc;

	snprintf(parent, sizeof parent, "%s/..", dir);
	if (access(EX_UMOUNT, X_OK) != 0 || stat(dir, &a) != 0 || stat(parent, &b) != 0 ||
	    a.st_dev == b.st_dev)
		return 0; /* not a mount point of its own: nothing to take off */
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	rc = posix_spawn(&pid, EX_UMOUNT, &fa, NULL, argv, envp);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0)
		return 0;
	for (int i = 0; i < 150; i++) {
		pid_t w = waitpid(pid, &status, WNOHANG);

		if (w == pid)
			return WIFEXITED(status) && WEXITSTATUS(status) == 0;
		if (w < 0)
			return 0;
		usleep(100000);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	return 0;
}

/* The worker: writes the export on its own connection, then flushes the
 * stick so the data is on it before anyone says it may be pulled out. */
static void ex_work(void *ctx)
{
	struct ex_run *r = ctx;
	struct db *db = NULL;
	int fd;

	if (db_open(r->db_path, DB_READWRITE, &db, r->err, sizeof r->err) < 0) {
		r->rc = -1;
		return;
	}
	r->rc = export_write(db, r->cfg, r->dir, r->now, r->today, &r->res, r->err, sizeof r->err);
	db_close(db);
	if (r->rc < 0)
		return;
	fd = open(r->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		r->synced = syncfs(fd) == 0;
		close(fd);
	}
	sync();
	if (fd < 0)
		r->synced = 1; /* sync() returned: everything is written */
	if (r->synced)
		r->unmounted = ex_unmount(r->dir);
}

/* Looks for the stick. */
static void ex_find(struct tui *t, struct ex *e)
{
	const struct config *cfg = tui_config(t);

	e->mode = staff_find_stick(cfg ? cfg->mount_roots : "", e->dir, sizeof e->dir) == 0 ? EX_READY
											    : EX_NO_STICK;
}

/* Opens the export page. */
static int ex_enter(struct tui *t, void **state, const void *arg, char *err, size_t errlen)
{
	struct ex *e = xcalloc(1, sizeof *e);

	ex_find(t, e);
	*state = e;
	return 0;
}

/* Frees a run. */
static void ex_run_free(struct ex_run *r)
{
	if (!r)
		return;
	free(r->db_path);
	free(r->dir);
	free(r);
}

/* Closes the page; an export under way is waited for (a stick pulled out
 * mid-export keeps the previous export whole, export.h). */
static void ex_leave(struct tui *t, void *state)
{
	struct ex *e = state;

	if (e->job)
		tui_staff_job_join(e->job);
	ex_run_free(e->run);
	layout_free(&e->page.view.lay);
	free(e->result);
	free(e);
}

/* Starts the export. */
static void ex_start(struct tui *t, struct ex *e)
{
	struct ex_run *r = xcalloc(1, sizeof *r);

	r->db_path = xstrdup(db_staff_file(tui_db(t)));
	r->dir = xstrdup(e->dir);
	r->cfg = tui_config(t);
	util_now(r->now);
	snprintf(r->today, sizeof r->today, "%s", tui_today(t));
	e->run = r;
	e->t0 = tui_staff_now();
	e->job = tui_staff_job_start(ex_work, r);
	if (!e->job) {
		ex_run_free(r);
		e->run = NULL;
		tui_message(t, "导出没有开始（系统忙），请稍后再试");
		return;
	}
	e->mode = EX_RUNNING;
	tui_keep_awake(t);
}

/* Takes the export's outcome. */
static void ex_collect(struct tui *t, struct ex *e)
{
	struct ex_run *r = e->run;

	tui_staff_job_join(e->job);
	e->job = NULL;
	e->run = NULL;
	e->ok = r->rc == 0 && r->synced;
	e->unmounted = r->unmounted;
	free(e->result);
	if (r->rc < 0)
		e->result = xasprintf("没有导出成功：%s", r->err);
	else if (!r->synced)
		e->result = xasprintf("已导出 %ld 份申请，但没能确认数据已写进U盘，请先不要拔出，再导出一次。",
				      r->res.applications);
	else
		e->result = xasprintf("已导出 %ld 份申请、%ld 个咨询登记，写在 %s。", r->res.applications,
				      r->res.consultations, r->res.path[0] ? r->res.path : r->dir);
	e->mode = EX_DONE;
	ex_run_free(r);
}

/* Lays the export page out. */
static void ex_layout(struct tui *t, struct ex *e)
{
	static const char *const spin[] = { "◐", "◓", "◑", "◒" };
	const struct config *cfg = tui_config(t);
	struct page *pg = &e->page;
	char *s;

	page_begin(pg, tui_cols(t) - 4);
	switch (e->mode) {
	case EX_NO_STICK:
		s = xasprintf("没有找到可以写入的U盘。请插入U盘，稍等几秒后按回车再找。查找的位置：%s",
			      cfg && cfg->mount_roots ? cfg->mount_roots : "");
		page_para(pg, s, LAYOUT_WARN);
		free(s);
		break;
	case EX_READY:
		page_field(pg, "导出到", e->dir);
		layout_blank(&pg->view.lay);
		page_para(pg, "将把本机收到的申请（已加密，只有县政府办公室能打开）写到U盘上的 gongkai-export 文件夹。"
			      "按回车开始导出。", LAYOUT_TEXT);
		break;
	case EX_RUNNING:
		page_field(pg, "导出到", e->dir);
		layout_blank(&pg->view.lay);
		s = xasprintf("%s 正在导出，请不要拔出U盘…（已用 %d 秒）", spin[e->spin % 4],
			      (int)(tui_staff_now() - e->t0));
		page_para(pg, s, LAYOUT_HEADING);
		free(s);
		break;
	case EX_DONE:
		page_field(pg, "导出到", e->dir);
		layout_blank(&pg->view.lay);
		page_para(pg, e->result ? e->result : "", e->ok ? LAYOUT_HEADING : LAYOUT_WARN);
		if (e->ok) {
			layout_blank(&pg->view.lay);
			page_para(pg, e->unmounted ? "U盘已经安全卸载，可以拔出U盘。"
						   : "数据已经写进U盘，可以拔出U盘。",
				  LAYOUT_HEADING);
		}
		break;
	}
}

/* Draws the export page. */
static void ex_draw(struct tui *t, void *state)
{
	struct ex *e = state;

	ex_layout(t, e);
	page_draw(t, &e->page, "导出到U盘");
}

/* Enter exports (or looks for the stick again). */
static int ex_key(struct tui *t, void *state, const struct tui_event *ev)
{
	struct ex *e = state;

	if (e->mode == EX_RUNNING) {
		if (ev->req == REQ_BACK || ev->req == REQ_HOME)
			tui_message(t, "正在导出，请稍候");
		return TUI_HANDLED;
	}
	if (ev->req == REQ_ENTER) {
		if (e->mode == EX_NO_STICK)
			ex_find(t, e);
		else if (e->mode == EX_READY)
			ex_start(t, e);
		else
			return TUI_BREAK;
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (ev->req == REQ_BACK || ev->req == REQ_HOME)
		return 0;
	return tui_textview_key(&e->page.view, ev, tui_rows(t) - 4) | TUI_HANDLED;
}

/* Follows the export. */
static int ex_tick(struct tui *t, void *state)
{
	struct ex *e = state;

	if (e->mode != EX_RUNNING)
		return 0;
	tui_keep_awake(t);
	e->spin++;
	if (tui_staff_job_done(e->job))
		ex_collect(t, e);
	return TUI_REDRAW;
}

/* The export page's key line. */
static const struct tui_hint *ex_hints(void *state)
{
	static const struct tui_hint ready[] = {
		{ REQ_ENTER, "开始导出" }, { REQ_BACK, "返回" }, { REQ_NONE, NULL },
	};
	static const struct tui_hint none[] = {
		{ REQ_ENTER, "再找一次" }, { REQ_BACK, "返回" }, { REQ_NONE, NULL },
	};
	static const struct tui_hint running[] = { { REQ_NONE, NULL } };
	static const struct tui_hint done[] = {
		{ REQ_ENTER, "确定" }, { REQ_BACK, "返回" }, { REQ_NONE, NULL },
	};
	const struct ex *e = state;

	switch (e->mode) {
	case EX_READY:
		return ready;
	case EX_NO_STICK:
		return none;
	case EX_RUNNING:
		return running;
	default:
		return done;
	}
}

const struct tui_screen_ops tui_staff_export_ops = {
	.name = "staff_export",
	.enter = ex_enter,
	.draw = ex_draw,
	.key = ex_key,
	.leave = ex_leave,
	.hints = ex_hints,
	.tick = ex_tick,
	.busy = tui_staff_busy,
};
