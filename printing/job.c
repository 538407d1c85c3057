/*
 * job.c - one kiosk print job: render into a private file, send it on a
 * worker thread within time limits, follow it, remove the file, and return
 * the result with its print log record (printing/job.h).
 *
 * The worker sees only the file, the destination and the title; the
 * caller's thread renders (cairo) and reads progress under the job's mutex.
 * The PDF may hold a villager's lines (their subsidy rows, an application),
 * so it lives in a 0700 directory of its own and is removed as soon as
 * CUPS has queued it, or when the job ends otherwise.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kiosk/util.h"
#include "printing/job.h"

/* The log's words of each kind, in enum order. */
static const char *const log_words[PRINT_LOG_KIND_COUNT] = {
	[PRINT_LOG_DOC] = "文件",
	[PRINT_LOG_GUIDE] = "办事指南",
	[PRINT_LOG_QA] = "政策问答",
	[PRINT_LOG_SUBSIDY] = "补贴名单",
	[PRINT_LOG_APPLICATION] = "申请表",
	[PRINT_LOG_RECEIPT] = "回执",
	[PRINT_LOG_CONSULT] = "咨询回执",
	[PRINT_LOG_BLANK_FORM] = "空白申请表",
	[PRINT_LOG_TEST_PAGE] = "测试页",
	[PRINT_LOG_DIRECTORY] = "公共服务名录",
};

const struct print_limits print_job_kiosk_limits = {
	.connect_ms = 3000,
	.request_ms = 5000,
	.job_ms = 300000,
	.stall_ms = 30000,
	.poll_ms = 250,
};

struct print_job {
	/* set before the worker starts, read-only afterwards */
	char *dir, *path;        /* the private directory and the PDF in it */
	char *dest, *title, *cups_title, *index_no;
	enum print_log_kind kind;
	int first, last, pages;
	struct print_limits lim;
	pthread_t th;
	int started;             /* the worker was created */
	double t0;               /* monotonic seconds at the start */
	/* under mu */
	pthread_mutex_t mu;
	int cancel, done, removed;
	enum print_stage stage;
	int job_id, pages_done;
	long long sent, total;
	char message[256], reasons[512];
	struct print_result res;
};

/* Returns the words kind is stored as. */
const char *print_log_kind_word(enum print_log_kind kind)
{
	if ((int)kind < 0 || kind >= PRINT_LOG_KIND_COUNT || !log_words[kind])
		return log_words[PRINT_LOG_DOC];
	return log_words[kind];
}

/* Fills a print log record. */
void print_log_record(struct print_log_record *rec, enum print_log_kind kind,
		      const char *title, const char *index_no, int first, int last, int pages,
		      const char *message)
{
	title = title ? title : "";
	rec->kind = print_log_kind_word(kind);
	rec->title = first ? xasprintf("%s（第 %d–%d 页）", title, first, last) : xstrdup(title);
	rec->index_no = xstrdup(index_no ? index_no : "");
	rec->pages = pages;
	rec->result = xstrdup(message ? message : "完成");
}

/* Frees a record's strings. */
void print_log_record_free(struct print_log_record *rec)
{
	free(rec->title);
	free(rec->index_no);
	free(rec->result);
	rec->title = rec->index_no = rec->result = NULL;
}

/* Decides which pages the quota lets through. */
int print_quota_pages(int pages, int left, int *first, int *last)
{
	*first = *last = 0;
	if (pages <= 0 || left <= 0)
		return 0;
	if (pages <= left)
		return pages;
	*first = 1;
	*last = left;
	return left;
}

/* Fills a bulletin's print_doc. */
void print_bulletin_doc(const struct print_bulletin *b, struct print_pair pairs[PRINT_BULLETIN_PAIRS],
			struct print_doc *doc)
{
	const struct print_pair all[PRINT_BULLETIN_PAIRS] = {
		{ "索引号", b->index_no }, { "标题", b->title },      { "文号", b->doc_no },
		{ "发布机构", b->issuer }, { "成文日期", b->written }, { "发布日期", b->published },
		{ "有效性", b->validity }, { "施行日期", b->effective_on },
		{ "有效期至", b->valid_until }, { "主题", b->topic },
	};
	size_t n = 0;

	memset(doc, 0, sizeof *doc);
	for (size_t i = 0; i < PRINT_BULLETIN_PAIRS; i++)
		if (all[i].value && *all[i].value)
			pairs[n++] = all[i];
	doc->kind = PRINT_KIND_DOC;
	doc->title = b->title;
	doc->index_no = b->index_no;
	doc->validity = b->validity;
	doc->meta = pairs;
	doc->nmeta = n;
	doc->body = b->body;
}

/* Returns monotonic seconds. */
static double job_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Removes the PDF once (the worker, once CUPS has it; or the finisher). */
static void job_remove_file(struct print_job *j)
{
	int removed;

	pthread_mutex_lock(&j->mu);
	removed = j->removed;
	j->removed = 1;
	pthread_mutex_unlock(&j->mu);
	if (!removed && j->path)
		unlink(j->path);
}

/* Progress on the worker: copies the report, removes the file once the job
 * is queued (CUPS has all of it), answers "cancel?". */
static int job_progress(void *ctx, const struct print_progress *p)
{
	struct print_job *j = ctx;
	int cancel;

	pthread_mutex_lock(&j->mu);
	j->stage = p->stage;
	j->job_id = p->job_id;
	j->pages_done = p->pages_done;
	j->sent = p->bytes_sent;
	j->total = p->bytes_total;
	snprintf(j->message, sizeof j->message, "%s", p->message ? p->message : "");
	snprintf(j->reasons, sizeof j->reasons, "%s", p->reasons ? p->reasons : "");
	cancel = j->cancel;
	pthread_mutex_unlock(&j->mu);
	/* print_submit_ex keeps its descriptor open; the name can go now. */
	if (p->stage == PRINT_STAGE_QUEUED || p->stage == PRINT_STAGE_PRINTING)
		job_remove_file(j);
	return cancel;
}

/* The worker: sends the PDF and follows the job to its end. */
static void *job_worker(void *arg)
{
	struct print_job *j = arg;
	struct print_result res;

	print_submit_ex(j->dest, j->path, j->cups_title, &j->lim, job_progress, j, &res);
	job_remove_file(j);
	pthread_mutex_lock(&j->mu);
	j->res = res;
	j->stage = PRINT_STAGE_DONE;
	j->done = 1;
	pthread_mutex_unlock(&j->mu);
	return NULL;
}

/* Frees a job's memory (its files already removed). */
static void job_free(struct print_job *j)
{
	free(j->dir);
	free(j->path);
	free(j->dest);
	free(j->title);
	free(j->cups_title);
	free(j->index_no);
	pthread_mutex_destroy(&j->mu);
	free(j);
}

/* Removes the file (if still there) and the private directory. */
static void job_remove_all(struct print_job *j)
{
	job_remove_file(j);
	if (j->dir)
		rmdir(j->dir);
}

/* Makes the private directory and an empty 0600 file in it. Returns 0 or -1. */
static int job_mkfile(struct print_job *j, const char *tmpdir)
{
	int fd;

	if (!tmpdir || !*tmpdir)
		tmpdir = getenv("TMPDIR");
	j->dir = xasprintf("%s/gongkai-print-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
	if (!mkdtemp(j->dir)) { /* mode 0700 */
		free(j->dir);
		j->dir = NULL;
		return -1;
	}
	j->path = xasprintf("%s/job.pdf", j->dir);
	fd = open(j->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		rmdir(j->dir);
		return -1;
	}
	close(fd);
	return 0;
}

/* Renders the document into a private file: the job, ready to run. */
int print_job_prepare(const struct print_job_spec *spec, struct print_job **out, char *err,
		      size_t errlen)
{
	struct print_job *j;
	char e[512];
	int rc, written = 0, total = 0;

	*out = NULL;
	if (!spec || !spec->doc) {
		util_errf(err, errlen, "无法准备打印的内容");
		return PRINT_E_INVALID;
	}
	j = xcalloc(1, sizeof *j);
	pthread_mutex_init(&j->mu, NULL);
	j->dest = xstrdup(spec->dest ? spec->dest : "");
	j->title = xstrdup(spec->title ? spec->title : "");
	j->cups_title = xstrdup(spec->title && *spec->title ? spec->title : "政务公开资料");
	j->index_no = xstrdup(spec->index_no ? spec->index_no : "");
	j->kind = spec->kind;
	j->first = spec->first;
	j->last = spec->last;
	j->lim = spec->limits ? *spec->limits : print_job_kiosk_limits;
	snprintf(j->message, sizeof j->message, "正在连接打印机…");
	if (job_mkfile(j, spec->tmpdir) < 0) {
		job_free(j);
		util_errf(err, errlen, "无法生成打印文件（临时文件夹不能写），请联系工作人员");
		return PRINT_E_IO;
	}
	if (spec->first)
		rc = print_render_pdf_range(spec->doc, j->path, spec->first, spec->last, &written,
					    &total, e, sizeof e);
	else
		rc = print_render_pdf(spec->doc, j->path, &written, e, sizeof e);
	if (rc != PRINT_OK || written <= 0 || (spec->max_pages != 0 && written > spec->max_pages)) {
		if (rc != PRINT_OK)
			util_errf(err, errlen, "无法生成打印文件：%s", e);
		else
			util_errf(err, errlen, "打印内容刚刚有了变化，请按 Esc 返回后重新打印");
		job_remove_all(j);
		job_free(j);
		return rc != PRINT_OK ? rc : PRINT_E_RANGE;
	}
	j->pages = written;
	*out = j;
	return PRINT_OK;
}

/* Starts the worker with the asynchronous signals blocked. */
int print_job_run(struct print_job *j, char *err, size_t errlen)
{
	static const int sigs[] = { SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGWINCH,
				    SIGPIPE, SIGALRM, SIGCHLD, SIGUSR1, SIGUSR2 };
	sigset_t block, old;
	int rc;

	if (j->started)
		return PRINT_OK;
	sigemptyset(&block);
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaddset(&block, sigs[i]);
	j->t0 = job_now();
	pthread_sigmask(SIG_BLOCK, &block, &old);
	rc = pthread_create(&j->th, NULL, job_worker, j);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		util_errf(err, errlen, "打印没有开始（系统忙），请稍后再试");
		return PRINT_E_IO;
	}
	j->started = 1;
	return PRINT_OK;
}

/* Prepares and runs a job. */
int print_job_start(const struct print_job_spec *spec, struct print_job **out, char *err,
		    size_t errlen)
{
	int rc = print_job_prepare(spec, out, err, errlen);

	if (rc != PRINT_OK)
		return rc;
	rc = print_job_run(*out, err, errlen);
	if (rc != PRINT_OK) {
		print_job_finish(*out, NULL);
		*out = NULL;
	}
	return rc;
}

/* Pages in the job's file. */
int print_job_pages(const struct print_job *j)
{
	return j->pages;
}

/* Copies the progress; 1 when the worker has ended or never ran. */
int print_job_poll(struct print_job *j, struct print_job_snapshot *snap)
{
	int done;

	pthread_mutex_lock(&j->mu);
	done = j->done || !j->started;
	if (snap) {
		snap->stage = j->stage;
		snap->done = done;
		snap->canceling = j->cancel;
		snap->job_id = j->job_id;
		snap->pages = j->pages;
		snap->pages_done = j->pages_done;
		snap->bytes_sent = j->sent;
		snap->bytes_total = j->total;
		snap->seconds = j->started ? job_now() - j->t0 : 0;
		snprintf(snap->message, sizeof snap->message, "%s", j->message);
		snprintf(snap->reasons, sizeof snap->reasons, "%s", j->reasons);
	}
	pthread_mutex_unlock(&j->mu);
	return done;
}

/* Asks the job to stop. */
void print_job_cancel(struct print_job *j)
{
	pthread_mutex_lock(&j->mu);
	j->cancel = 1;
	pthread_mutex_unlock(&j->mu);
}

/* Joins the worker, removes the files, fills the outcome, frees the job. */
int print_job_finish(struct print_job *j, struct print_job_outcome *out)
{
	struct print_job_outcome dummy;
	const struct print_result *res;
	int pages;

	if (!out)
		out = &dummy;
	memset(out, 0, sizeof *out);
	if (j->started) {
		pthread_join(j->th, NULL);
		out->res = j->res;
	} else {
		out->res.status = PRINT_E_CANCELED;
		snprintf(out->res.message, sizeof out->res.message, "打印已取消");
		snprintf(out->res.detail, sizeof out->res.detail, "job not started");
	}
	job_remove_all(j);
	res = &out->res;
	/* A failed job counts only the pages the printer says it printed. */
	pages = res->status == PRINT_OK ? j->pages : res->job_id ? res->pages_done : 0;
	if (pages > j->pages)
		pages = j->pages;
	if (pages < 0)
		pages = 0;
	out->pages = j->pages;
	out->pages_used = pages;
	print_log_record(&out->log, j->kind, j->title, j->index_no, j->first, j->last, pages,
			 res->status == PRINT_OK ? NULL
			 : res->message[0]        ? res->message
						  : "没有打印成功，请联系工作人员");
	job_free(j);
	if (out == &dummy)
		print_log_record_free(&dummy.log);
	return out->res.status;
}
