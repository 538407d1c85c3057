/*
 * job.h - one kiosk print job, from "print this" to the result and the
 * print log's record, without a terminal.
 *
 * A job renders a print_doc into a private temporary file (in its own 0700
 * directory), sends it on a worker thread with print_submit_ex within time
 * limits, removes the file as soon as CUPS has it or the job failed, and
 * hands back the result, the pages to count against the session's quota
 * and the record for the print log. The print dialog (tui/screen_print.c),
 * the instant printouts of applications and consultations
 * (tui/screen_apply_print.c) and the tests and bench drive the same code.
 *
 *     struct print_job_spec s = { .doc = &doc, .dest = printer, .title = title,
 *                                 .kind = PRINT_LOG_DOC, .index_no = no, .max_pages = left };
 *     struct print_job *j;
 *     if (print_job_start(&s, &j, err, sizeof err) != PRINT_OK) ... // err: for the screen
 *     while (!print_job_poll(j, &snap)) ... draw snap, maybe print_job_cancel(j) ...
 *     print_job_finish(j, &out);   // joins, removes the files, frees j
 *     db_log_print(db, out.log.kind, out.log.title, out.log.index_no, out.log.pages,
 *                  out.log.result, ...);
 *     print_log_record_free(&out.log);
 *
 * Like the rest of printing/ this knows neither curses nor the database:
 * the job returns its log record and the caller writes it (see
 * print_log_record below for why it is a value and not a callback). Every
 * function except the worker runs on the caller's thread; print_job_poll and
 * print_job_cancel only take the job's mutex, so an event loop can call them
 * on every tick.
 */
#ifndef GK_PRINT_JOB_H
#define GK_PRINT_JOB_H

#include <stddef.h>

#include "printing/print.h"

/* What a printout was, for the print log. The words each kind is stored
 * as (print_log_kind_word) are part of the log's format: existing databases
 * and gongkaictl's history and stats read them, so they never change. */
enum print_log_kind {
	PRINT_LOG_DOC,         /* 文件: a bulletin, gazette, normative document */
	PRINT_LOG_GUIDE,       /* 办事指南 */
	PRINT_LOG_QA,          /* 政策问答 */
	PRINT_LOG_SUBSIDY,     /* 补贴名单 */
	PRINT_LOG_APPLICATION, /* 申请表: a filled application form */
	PRINT_LOG_RECEIPT,     /* 回执: an application's receipt */
	PRINT_LOG_CONSULT,     /* 咨询回执: the consultation slip */
	PRINT_LOG_BLANK_FORM,  /* 空白申请表 */
	PRINT_LOG_TEST_PAGE,   /* 测试页 */
	PRINT_LOG_DIRECTORY,   /* 公共服务名录 */
	PRINT_LOG_KIND_COUNT
};

/* Returns the words kind is stored as in the print log (and named by on
 * screen, "正在打印回执"); static. An unknown value gives "文件". */
const char *print_log_kind_word(enum print_log_kind kind);

/* A print log record: what was printed and how it went - never who printed
 * it, nor a choice's label (it may name the villager). */
struct print_log_record {
	const char *kind; /* print_log_kind_word(); static */
	char *title;      /* owned: the title, "（第 x–y 页）" added for a part */
	char *index_no;   /* owned: 索引号, "" = none */
	int pages;        /* pages printed (counted against the quota) */
	char *result;     /* owned: "完成", or the failure in plain Chinese */
};

/* Fills *rec for one attempt (pure: no I/O, no state). first..last is the
 * page range printed (0, 0 = the whole printout); message NULL means the
 * job completed ("完成"). The record keeps copies; free it with
 * print_log_record_free.
 *
 * A value rather than a log callback: the caller writes it where its
 * database lives (the loop's thread), failures before any job exists
 * (nothing rendered, no worker) are logged through the same function, and
 * a test can read the record without a database. */
void print_log_record(struct print_log_record *rec, enum print_log_kind kind,
		      const char *title, const char *index_no, int first, int last, int pages,
		      const char *message);

/* Frees what print_log_record allocated; safe on a zeroed record. */
void print_log_record_free(struct print_log_record *rec);

/* The session's page quota: which pages of a pages-page printout may be
 * printed when left pages remain. Returns the pages to print and sets
 * *first, *last: 0, 0 for the whole printout (pages <= left), 1, left for
 * its first left pages, or returns 0 when nothing may be printed. */
int print_quota_pages(int pages, int left, int *first, int *last);

/* A bulletin's fields (文件: notices, gazettes, normative documents), all
 * borrowed; NULL or "" leaves a metadata line out. */
struct print_bulletin {
	const char *index_no, *title, *doc_no, *issuer, *written, *published, *validity,
		*topic, *body;
	const char *effective_on, *valid_until; /* 施行日期, 有效期至; NULL or "" = none */
};

/* Metadata lines of a bulletin's printout. */
#define PRINT_BULLETIN_PAIRS 10

/* Fills *doc (zeroed first) with a bulletin as the kiosk prints it: the
 * metadata block (索引号, 标题, 文号, 发布机构, 成文日期, 发布日期, 有效性,
 * 施行日期, 有效期至, 主题; empty ones left out) in pairs, the title, 索引号 and validity mark, the body. doc borrows
 * pairs and b's strings; the caller adds kiosk_name and a QR code. The one
 * builder of the print hook and the print bench. */
void print_bulletin_doc(const struct print_bulletin *b, struct print_pair pairs[PRINT_BULLETIN_PAIRS],
			struct print_doc *doc);

/* The kiosk's print limits: CUPS's defaults, but a jammed or empty printer
 * is given up after half a minute rather than a whole one. */
extern const struct print_limits print_job_kiosk_limits;

/* What to print and where. Pointers are borrowed for print_job_prepare /
 * print_job_start only (the job copies what it keeps). */
struct print_job_spec {
	const struct print_doc *doc; /* rendered at once (on the caller's thread) */
	int first, last;             /* page range to print, 0, 0 = every page */
	int max_pages;               /* refuse a file of more pages (the quota
				      * has changed under the dialog); 0 = no limit,
				      * negative = none left, refuse any */
	const char *dest;            /* CUPS destination, NULL/"" = the default */
	const char *title;           /* CUPS job name (made safe by print_submit_ex)
				      * and the log's title; NULL/"" = 政务公开资料 */
	enum print_log_kind kind;    /* for the log record */
	const char *index_no;        /* 索引号 for the log record, NULL = "" */
	const struct print_limits *limits; /* NULL = print_job_kiosk_limits */
	const char *tmpdir;          /* where the private directory goes;
				      * NULL = $TMPDIR, else /tmp */
};

/* A job; opaque. */
struct print_job;

/* Where a running job is, copied under the job's mutex. */
struct print_job_snapshot {
	enum print_stage stage;
	int done;             /* the worker has ended: print_job_finish will not wait */
	int canceling;        /* print_job_cancel was called */
	int job_id;           /* CUPS job id, 0 until it exists */
	int pages;            /* pages in the file sent */
	int pages_done;       /* pages the printer reports printed */
	long long bytes_sent, bytes_total;
	double seconds;       /* since the worker started */
	char message[256];    /* CUPS's stage in one short Chinese line */
	char reasons[512];    /* the printer's problems in plain Chinese, "" = none */
};

/* A finished job. */
struct print_job_outcome {
	struct print_result res; /* print_submit_ex's result (status, message, reasons,
				  * detail); a job never run says 打印已取消 */
	int pages;               /* pages in the file */
	int pages_used;          /* pages to count against the quota: all of them when
				  * it printed, else only those the printer reports */
	struct print_log_record log; /* caller frees with print_log_record_free */
};

/* Renders spec->doc (pages spec->first..last) into a private file and
 * returns the job, ready to run, in *out. Returns PRINT_OK, or a negative
 * print_status with err filled with the sentence to show (no job then;
 * log it with print_log_record and pages 0). */
int print_job_prepare(const struct print_job_spec *spec, struct print_job **out, char *err,
		      size_t errlen);

/* Starts the worker of a prepared job (asynchronous signals blocked in it,
 * so they keep reaching the caller's thread). Returns PRINT_OK, or
 * PRINT_E_IO with err (the job stays prepared; finish it). */
int print_job_run(struct print_job *job, char *err, size_t errlen);

/* print_job_prepare, then print_job_run; on a failed run the job is
 * finished and freed. Returns PRINT_OK with *out set, or a negative status
 * with err (*out NULL). */
int print_job_start(const struct print_job_spec *spec, struct print_job **out, char *err,
		    size_t errlen);

/* Pages in the job's file. */
int print_job_pages(const struct print_job *job);

/* Copies the job's progress into *snap (may be NULL) and returns 1 when the
 * worker has ended (or never ran), 0 while it runs. Never blocks for long. */
int print_job_poll(struct print_job *job, struct print_job_snapshot *snap);

/* Asks the job to stop: the worker cancels the CUPS job at its next
 * progress report (within the poll interval); a job not run never runs. */
void print_job_cancel(struct print_job *job);

/* Waits for the worker (bounded by the job's limits), removes the private
 * file and directory, fills *out (may be NULL) and frees the job. Returns
 * out->res.status. */
int print_job_finish(struct print_job *job, struct print_job_outcome *out);

#endif
