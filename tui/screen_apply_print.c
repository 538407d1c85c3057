/*
 * screen_apply_print.c - printing an application as it is submitted: the
 * filled form for the applicant to sign and the receipt, at once, with no
 * dialog and outside the session's page quota (interfaces.md
 * "Applications"). Like the print dialog (screen_print.c) the PDFs are
 * rendered on the loop's thread and a worker thread sends them and follows
 * the jobs, every call bounded in time; the database is touched on the
 * loop's thread only.
 *
 * tui_print_now_start sends any one ready document the same way (the
 * consultation slip of screen_consult.c).
 *
 * Privacy: the form's PDF holds the name and phone (the 证件号码 masked)
 * and lives in a private temporary file only until CUPS has it; the CUPS
 * job and the print log are named by the 受理编号 alone.
 */
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/log.h"
#include "printing/apply_print.h"
#include "printing/print.h"
#include "tui/screen_apply.h"

/* Bounded like the print dialog's jobs: a jammed printer is given up
 * after half a minute. */
static const struct print_limits ap_limits = {
	.connect_ms = 3000,
	.request_ms = 5000,
	.job_ms = 120000,
	.stall_ms = 30000,
	.poll_ms = 250,
};

/* One printout of the run. */
struct ap_job {
	int which;        /* TUI_APPLY_PRINT_* */
	const char *kind; /* the print log's kind, also named on screen while printing */
	char *path;       /* the PDF; removed by the worker */
	char *title;      /* CUPS job and print log title: names the 受理编号 only */
	int pages;
	struct print_result res; /* under mu once the worker wrote it */
};

/* What the worker and the screen share; mu guards the marked part. */
struct tui_apply_printing {
	pthread_t th;
	char *dest;
	struct ap_job job[2];
	int njobs;
	pthread_mutex_t mu;
	/* under mu */
	int cancel, done, current;
	char message[256], reasons[512];
};

/* Progress on the worker: copies the report, answers "cancel?". */
static int ap_progress(void *ctx, const struct print_progress *p)
{
	struct tui_apply_printing *r = ctx;
	int cancel;

	pthread_mutex_lock(&r->mu);
	snprintf(r->message, sizeof r->message, "%s", p->message ? p->message : "");
	snprintf(r->reasons, sizeof r->reasons, "%s", p->reasons ? p->reasons : "");
	cancel = r->cancel;
	pthread_mutex_unlock(&r->mu);
	return cancel;
}

/* The worker: sends each PDF in turn and removes it. */
static void *ap_worker(void *arg)
{
	struct tui_apply_printing *r = arg;

	for (int i = 0; i < r->njobs; i++) {
		struct ap_job *j = &r->job[i];
		struct print_result res;
		int cancel;

		pthread_mutex_lock(&r->mu);
		r->current = i;
		cancel = r->cancel;
		pthread_mutex_unlock(&r->mu);
		if (cancel) {
			memset(&res, 0, sizeof res);
			res.status = PRINT_E_CANCELED;
			snprintf(res.message, sizeof res.message, "打印已取消");
		} else {
			print_submit_ex(r->dest, j->path, j->title, &ap_limits, ap_progress, r, &res);
		}
		unlink(j->path);
		pthread_mutex_lock(&r->mu);
		j->res = res;
		pthread_mutex_unlock(&r->mu);
	}
	pthread_mutex_lock(&r->mu);
	r->done = 1;
	pthread_mutex_unlock(&r->mu);
	return NULL;
}

/* Frees the run (its files are gone or never sent: removed again). */
static void ap_free(struct tui_apply_printing *r)
{
	for (int i = 0; i < r->njobs; i++) {
		if (r->job[i].path) {
			unlink(r->job[i].path);
			free(r->job[i].path);
		}
		free(r->job[i].title);
	}
	free(r->dest);
	pthread_mutex_destroy(&r->mu);
	free(r);
}

/* Renders one printout into a private temporary file. Returns 0, or -1
 * with err. */
static int ap_render(struct ap_job *j, const struct print_doc *doc, char *err, size_t errlen)
{
	const char *tmp = getenv("TMPDIR");
	char e[256];
	int fd;

	j->path = xasprintf("%s/gongkai-apply-XXXXXX.pdf", tmp && *tmp ? tmp : "/tmp");
	fd = mkstemps(j->path, 4);
	if (fd < 0) {
		free(j->path);
		j->path = NULL;
		util_errf(err, errlen, "无法生成打印文件（临时文件夹不能写）");
		return -1;
	}
	close(fd);
	if (print_render_pdf(doc, j->path, &j->pages, e, sizeof e) != PRINT_OK) {
		unlink(j->path);
		util_errf(err, errlen, "无法生成打印文件：%s", e);
		return -1;
	}
	return 0;
}

/* Starts the worker with the asynchronous signals blocked, so they keep
 * reaching the loop's thread. Returns 0 or -1. */
static int ap_spawn(struct tui_apply_printing *r)
{
	static const int sigs[] = { SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGWINCH,
				    SIGPIPE, SIGALRM, SIGCHLD, SIGUSR1, SIGUSR2 };
	sigset_t block, old;
	int rc;

	sigemptyset(&block);
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaddset(&block, sigs[i]);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	rc = pthread_create(&r->th, NULL, ap_worker, r);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return rc == 0 ? 0 : -1;
}

/* A new run to the configured printer, with no job yet. */
static struct tui_apply_printing *ap_new(struct tui *t)
{
	const struct config *cfg = tui_config(t);
	struct tui_apply_printing *r = xcalloc(1, sizeof *r);

	pthread_mutex_init(&r->mu, NULL);
	r->dest = xstrdup(cfg && cfg->printer ? cfg->printer : "");
	return r;
}

/* Starts the worker on the rendered jobs. Returns the run, or NULL with
 * err (the run is freed). */
static struct tui_apply_printing *ap_go(struct tui_apply_printing *r, char *err, size_t errlen)
{
	snprintf(r->message, sizeof r->message, "正在连接打印机…");
	if (r->njobs == 0 || ap_spawn(r) < 0) {
		ap_free(r);
		util_errf(err, errlen, "打印没有开始（系统忙），请稍后再试");
		return NULL;
	}
	return r;
}

/* Renders one ready document and starts sending it. */
struct tui_apply_printing *tui_print_now_start(struct tui *t, const struct print_doc *doc,
					       const char *kind, const char *title, char *err,
					       size_t errlen)
{
	struct tui_apply_printing *r = ap_new(t);
	struct ap_job *j = &r->job[r->njobs++];

	j->which = 1;
	j->kind = kind;
	j->title = xstrdup(title);
	if (ap_render(j, doc, err, errlen) < 0) {
		ap_free(r);
		return NULL;
	}
	return ap_go(r, err, errlen);
}

/* Renders the printouts and starts sending them. */
struct tui_apply_printing *tui_apply_print_start(struct tui *t, const struct apply_form *f,
						 const struct apply_stamp *s, int mask, char *err,
						 size_t errlen)
{
	const struct config *cfg = tui_config(t);
	const char *kiosk = cfg && cfg->kiosk_name ? cfg->kiosk_name : "";
	struct tui_apply_printing *r = ap_new(t);

	for (int which = TUI_APPLY_PRINT_FORM; which <= TUI_APPLY_PRINT_RECEIPT; which <<= 1) {
		struct ap_job *j;
		struct apply_print sheet;
		struct print_doc doc;
		int rc;

		if (!(mask & which))
			continue;
		j = &r->job[r->njobs++];
		j->which = which;
		if (which == TUI_APPLY_PRINT_FORM) {
			j->kind = "申请表";
			j->title = xasprintf("%s（%s）", APPLY_PRINT_FORM_TITLE, s->tracking_no);
			apply_print_form(&sheet, f, s, kiosk, &doc);
		} else {
			j->kind = "回执";
			j->title = xasprintf("%s（%s）", APPLY_PRINT_RECEIPT_TITLE, s->tracking_no);
			apply_print_receipt(&sheet, s, kiosk, &doc);
		}
		rc = ap_render(j, &doc, err, errlen);
		apply_print_free(&sheet);
		if (rc < 0) {
			ap_free(r);
			return NULL;
		}
	}
	return ap_go(r, err, errlen);
}

/* Writes what the run is doing. */
void tui_apply_print_status(struct tui_apply_printing *r, char *out, size_t n)
{
	int cur;
	char msg[256], reasons[512];

	pthread_mutex_lock(&r->mu);
	cur = r->current;
	snprintf(msg, sizeof msg, "%s", r->message);
	snprintf(reasons, sizeof reasons, "%s", r->reasons);
	pthread_mutex_unlock(&r->mu);
	snprintf(out, n, "正在打印%s（%d/%d）：%s%s%s", r->job[cur].kind, cur + 1, r->njobs, msg[0] ? msg : "请稍候…", reasons[0] ? "；打印机：" : "", reasons);
}

/* Logs the jobs of an ended run, fills failed and msg, frees it. */
static void ap_collect(struct tui *t, struct tui_apply_printing *r, int *failed, char *msg,
		       size_t msglen)
{
	char err[256];
	int bad = 0;

	pthread_join(r->th, NULL);
	msg[0] = '\0';
	for (int i = 0; i < r->njobs; i++) {
		struct ap_job *j = &r->job[i];
		int ok = j->res.status == PRINT_OK;
		int pages = ok ? j->pages : j->res.job_id ? j->res.pages_done : 0;

		if (pages > j->pages)
			pages = j->pages;
		if (db_log_print(tui_db(t), j->kind, j->title, "", pages, ok ? "完成" : j->res.message,
				 err, sizeof err) < 0)
			tui_message(t, "打印记录没有保存：%s", err);
		if (!ok) {
			bad |= j->which;
			if (!msg[0]) {
				if (j->res.reasons[0] && !strstr(j->res.message, j->res.reasons))
					snprintf(msg, msglen, "%s（打印机：%s）", j->res.message,
						 j->res.reasons);
				else
					snprintf(msg, msglen, "%s",
						 j->res.message[0] ? j->res.message : "没有打印成功");
			}
		}
	}
	*failed = bad;
	ap_free(r);
}

/* Collects an ended run. */
int tui_apply_print_poll(struct tui *t, struct tui_apply_printing *r, int *failed, char *msg,
			 size_t msglen)
{
	int done;

	pthread_mutex_lock(&r->mu);
	done = r->done;
	pthread_mutex_unlock(&r->mu);
	if (!done)
		return 0;
	ap_collect(t, r, failed, msg, msglen);
	return 1;
}

/* Cancels, waits and logs. */
void tui_apply_print_stop(struct tui *t, struct tui_apply_printing *r)
{
	char msg[256];
	int failed;

	pthread_mutex_lock(&r->mu);
	r->cancel = 1;
	pthread_mutex_unlock(&r->mu);
	ap_collect(t, r, &failed, msg, sizeof msg);
}

/* Wipes a layout's lines, then frees it. */
void tui_apply_layout_wipe(struct layout *l)
{
	for (int i = 0; i < l->n; i++)
		if (l->lines[i].text)
			sodium_memzero(l->lines[i].text, strlen(l->lines[i].text));
	layout_free(l);
}
