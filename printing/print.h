/*
 * print.h - print-ready PDF documents and CUPS jobs for the kiosk.
 *
 * Generic text filters turn Chinese into boxes, so the kiosk lays its
 * printouts out itself (cairo + pango, Noto CJK fonts embedded, A4 portrait)
 * and hands CUPS a finished PDF. This module knows nothing about curses or
 * the database: callers (the TUI print dialog, gongkaictl) build a
 * struct print_doc from their data, render it, show the page count, submit
 * the file and log the outcome themselves.
 *
 * Typical use:
 *
 *     struct print_doc d = { .kind = PRINT_KIND_DOC, .kiosk_name = ..., ... };
 *     int pages;
 *     if (print_render_pdf(&d, path, &pages, err, sizeof err) < 0) ...
 *     // the dialog shows `pages`; on Enter:
 *     struct print_result r;
 *     print_submit(printer, path, d.title, on_progress, ui, &r);
 *     // r.status, r.message (Chinese, for the screen), r.detail (log)
 *
 * Every function is synchronous and returns within its time limits. No
 * call keeps state for the next or shares any with another (each render has
 * its own pango font map; libcups keeps its state per thread), so a worker
 * thread may print while the event loop renders the next document.
 */
#ifndef GK_PRINT_H
#define GK_PRINT_H

#include <stddef.h>
#include <stdint.h>

/* ------------------------------------------------------------------ */
/* Documents                                                           */
/* ------------------------------------------------------------------ */

/* What kind of printout a print_doc describes. */
enum print_kind {
	PRINT_KIND_DOC,   /* a bulletin: metadata block, title, wrapped body */
	PRINT_KIND_GUIDE, /* a service guide (办事指南): ruled label/value sheet */
	PRINT_KIND_TABLE  /* a list (e.g. subsidy recipients): ruled table streamed from a callback */
};

/* One label/value line of a metadata block or a guide sheet. Both strings
 * are borrowed for the duration of the call; NULL or "" values print as
 * empty cells (metadata pairs with an empty value are left out). */
struct print_pair {
	const char *label;
	const char *value;
};

/* How a table column prints its cells. */
enum print_col_type {
	PRINT_COL_TEXT = 0, /* wrapped, left aligned */
	PRINT_COL_NUMBER,   /* right aligned (sequence numbers, areas, counts) */
	PRINT_COL_MONEY,    /* the row's amount_fen as yuan ("1,234.50"), right aligned,
			     * summed into page subtotals and a grand total; at most one */
	PRINT_COL_ID,       /* resident id: anything not already masked is masked to
			     * 前6位********后4位 before it is printed */
	PRINT_COL_ACCOUNT   /* account number: masked to ************后4位 unless masked */
};

/* Most columns a table (or a tab-separated body row) can have; extra body
 * cells are joined into the last column. */
#define PRINT_MAX_COLS 16

/* One column of a PRINT_KIND_TABLE. */
struct print_column {
	const char *title;        /* header cell, borrowed */
	enum print_col_type type;
	int weight;               /* relative width; 0 = derived from the title */
};

/* A row handed over by the caller's row callback. */
struct print_row {
	const char *cells[PRINT_MAX_COLS]; /* borrowed until the next callback call;
					    * NULL = empty; ignored for the money column */
	int64_t amount_fen;                /* value of the PRINT_COL_MONEY column, in fen */
};

/* Row source of a PRINT_KIND_TABLE. Fills *row with row number `index`
 * (0-based) and returns 1, returns 0 after the last row, or returns a
 * negative value with err filled to abort the rendering.
 *
 * Rows are asked for strictly in order 0, 1, 2, ... . The renderer walks the
 * list more than once (to size the columns from the first rows, to count
 * pages, to draw them), so being asked for index 0 again means "start over
 * from the first row"; every walk must yield the same rows. Nothing is kept between calls, so 10,000+ row lists
 * stream through in bounded memory. */
typedef int (*print_row_fn)(void *ctx, long index, struct print_row *row,
			    char *err, size_t errlen);

/* A document to print. Every pointer is borrowed for the duration of the
 * render call; the struct can be zero-initialised and filled with
 * designated initializers. Text is UTF-8; invalid bytes print as U+FFFD. */
struct print_doc {
	enum print_kind kind;
	const char *kiosk_name; /* page header, left; NULL = none */
	const char *title;      /* page header, right, and the big title on page 1 */
	const char *index_no;   /* 索引号 in every page footer; NULL/"" = none */
	const char *validity;   /* 有效性: "失效" or "废止" stamps every page with that
				 * mark; anything else (现行有效, NULL) prints nothing */
	const char *print_time; /* footer time "YYYY-MM-DD HH:MM"; NULL = now */

	/* DOC and TABLE: label/value pairs printed above the title (索引号, 标题,
	 * 文号, 发布机构, 成文日期, 发布日期, 有效性, 主题 ...). */
	const struct print_pair *meta;
	size_t nmeta;

	/* DOC and GUIDE: a QR code on the first page, right of qr_caption and
	 * the text itself (扫码带走: a 原文链接, a 受理编号). NULL = none. The
	 * caller checks the text (kiosk/qr.h qr_url_ok for addresses). */
	const char *qr_text;
	const char *qr_caption;

	/* DOC: the body. Lines are paragraphs; runs of blank lines collapse to
	 * one gap; consecutive lines containing tabs form a ruled table whose
	 * cells are the tab-separated fields. */
	const char *body;

	/* GUIDE: the sheet's rows (受理条件, 申请材料, 办理流程 ...); values may
	 * contain newlines. */
	const struct print_pair *fields;
	size_t nfields;

	/* TABLE: columns, the row source, and an optional note printed under
	 * the table's last row (e.g. 数据来源). The header row repeats on every
	 * page; with a PRINT_COL_MONEY column every page ends with 本页小计 and
	 * the list with 合计. */
	const struct print_column *columns;
	int ncolumns;
	print_row_fn rows;
	void *rows_ctx;
	const char *note;

	/* 大字版: 1 sets the text about 1.5 times larger (the page header and
	 * footer stay as they are); a list keeps at most six columns, leaving
	 * out masked resident ids, then masked account numbers. */
	int large;
};

/* Status codes of the render and submit calls (0 = success). */
enum print_status {
	PRINT_OK = 0,
	PRINT_E_INVALID = -1,     /* the print_doc or an argument is unusable */
	PRINT_E_IO = -2,          /* the PDF could not be written or read */
	PRINT_E_DATA = -3,        /* the row callback failed or changed between walks */
	PRINT_E_RANGE = -4,       /* the page range lies outside the document */
	PRINT_E_NO_DEST = -10,    /* no such destination */
	PRINT_E_NO_DEFAULT = -11, /* no destination named and no default printer */
	PRINT_E_DISABLED = -12,   /* the queue is stopped (cupsdisable) */
	PRINT_E_REJECTING = -13,  /* the queue does not accept jobs (cupsreject) */
	PRINT_E_SERVER = -14,     /* the CUPS server cannot be reached */
	PRINT_E_REFUSED = -15,    /* CUPS refused the job (IPP error, permission) */
	PRINT_E_ABORTED = -16,    /* the job was aborted by the system (printer error) */
	PRINT_E_CANCELED = -17,   /* the job was canceled (by staff or the progress callback) */
	PRINT_E_PRINTER = -18,    /* the printer stopped or stayed in error (缺纸, 卡纸, 离线) */
	PRINT_E_TIMEOUT = -19     /* a time limit ran out */
};

/* Renders doc into a PDF file at path (created or truncated) and stores the
 * number of pages written in *pages (may be NULL). Lays the document out
 * twice - once to count pages for "共 M 页", once to draw - so the count is
 * exact before anything is printed. Returns PRINT_OK, or a negative
 * print_status with a Chinese message in err; on failure path is removed. */
int print_render_pdf(const struct print_doc *doc, const char *path, int *pages,
		     char *err, size_t errlen);

/* Like print_render_pdf, but writes only pages first..last (1-based,
 * inclusive; 0 = from the first / to the last page), keeping the page
 * numbers, subtotals and "共 M 页" of the whole document - for lists larger
 * than the session's page quota. *written gets the pages in the file and
 * *total the pages of the whole document (either may be NULL). A range
 * outside the document gives PRINT_E_RANGE. */
int print_render_pdf_range(const struct print_doc *doc, const char *path, int first,
			   int last, int *written, int *total, char *err, size_t errlen);

/* Lays doc out without writing anything and stores its page count in *pages.
 * Costs one layout pass; print_render_pdf already reports the count, so use
 * this only when no file is wanted. Returns PRINT_OK or a negative status. */
int print_count_pages(const struct print_doc *doc, int *pages, char *err, size_t errlen);

/* Renders the printer test page to path: every glyph class the kiosk prints
 * (CJK, CJK punctuation, Ext-A 䶮, Latin, digits, ￥, full-width forms), a
 * metadata block, a ruled table and a validity mark. print_time may be NULL
 * (now). *pages gets the page count (may be NULL). */
int print_test_page(const char *kiosk_name, const char *path, const char *print_time,
		    int *pages, char *err, size_t errlen);

/* ------------------------------------------------------------------ */
/* Formatting helpers (also used by the screens)                       */
/* ------------------------------------------------------------------ */

/* Formats fen as yuan with thousands separators and two decimals
 * ("-1,234.50"). out needs 32 bytes; returns out. */
char *print_format_yuan(int64_t fen, char *out, size_t outlen);

/* Masks a resident id for printing: an already masked value (containing
 * '*') is kept; otherwise all but the first 6 and last 4 characters become
 * '*' (values of 10 characters or fewer keep only the last 4). Returns out. */
char *print_mask_id(const char *id, char *out, size_t outlen);

/* Masks an account number: already masked values are kept, otherwise all
 * but the last 4 characters become '*'. Returns out. */
char *print_mask_account(const char *acct, char *out, size_t outlen);

/* ------------------------------------------------------------------ */
/* CUPS                                                                */
/* ------------------------------------------------------------------ */

/* Where a job is while print_submit follows it. */
enum print_stage {
	PRINT_STAGE_CONNECT,  /* looking up the destination */
	PRINT_STAGE_SEND,     /* sending the PDF (bytes_sent of bytes_total) */
	PRINT_STAGE_QUEUED,   /* the job waits in the queue */
	PRINT_STAGE_PRINTING, /* the printer is working on the job */
	PRINT_STAGE_DONE      /* final state reached (see print_result) */
};

/* A progress report; every pointer is borrowed for the callback only. */
struct print_progress {
	enum print_stage stage;
	int job_id;           /* 0 until the job exists */
	int job_state;        /* IPP job-state (3 pending ... 9 completed), 0 unknown */
	int pages_done;       /* job-impressions-completed when the printer reports it */
	long long bytes_sent;
	long long bytes_total;
	const char *message;  /* one short Chinese status line for the screen */
	const char *reasons;  /* printer problems in plain Chinese ("" = none) */
};

/* Progress callback: called at each stage and at every poll while the job
 * is followed (about 4 times a second). Return 0 to continue, non-zero to
 * cancel the job (print_submit then ends with PRINT_E_CANCELED). */
typedef int (*print_progress_fn)(void *ctx, const struct print_progress *p);

/* Outcome of print_submit; fixed-size, caller-owned, always NUL-terminated
 * and cut at character boundaries. */
struct print_result {
	int status;          /* PRINT_OK or a negative print_status */
	int job_id;          /* 0 when no job was created */
	int job_state;       /* last IPP job-state seen, 0 unknown */
	int pages_done;      /* job-impressions-completed if reported, else 0 */
	char dest[128];      /* the destination used (the default's name when none was given) */
	char message[512];   /* one sentence in plain Chinese for the villager */
	char reasons[512];   /* printer problems in plain Chinese, "；"-separated, "" = none */
	char detail[512];    /* technical detail for the log (CUPS's words, English) */
};

/* Bytes of an IPP name (job-name, document-name), NUL included. */
#define PRINT_IPP_NAME_MAX 256

/* Makes text (a title from a bundle, UTF-8 or not) safe as an IPP name for
 * CUPS: control characters (C0, DEL, C1, line breaks), ASCII spaces and
 * invalid bytes become "_", runs of them one; the result is cut at a
 * character boundary to fit out (n bytes, at most PRINT_IPP_NAME_MAX).
 * cupsd 2.4.2-3+deb12u10 crashes in Send-Document on a document-name with
 * a space and stops answering on one with a line break, so nothing from a
 * bundle reaches an IPP attribute without this. "" becomes "政务公开资料". */
void print_ipp_name(const char *text, char *out, size_t n);

/* Time limits of print_submit_ex, in milliseconds (0 = the default). */
struct print_limits {
	int connect_ms; /* connecting to cupsd (default 3000) */
	int request_ms; /* each IPP request, including the upload (default 5000) */
	int job_ms;     /* whole call, until the job completes (default 300000) */
	int stall_ms;   /* a queued/printing job whose printer reports an error
			 * (缺纸, 卡纸, 离线) for this long is given up (default 60000) */
	int poll_ms;    /* job state polling interval (default 250) */
};

/* Sends the PDF at pdf_path to the CUPS destination dest (NULL or "" = the
 * server's default) as job_title, and follows the job until it completes,
 * fails or a time limit runs out, reporting through progress (may be NULL).
 * The server is the one libcups would use (CUPS_SERVER, client.conf), over a
 * private connection whose every call is bounded in time, so a dead printer
 * or a stopped cupsd never hangs the kiosk; no password is ever prompted.
 * A job given up (time limit, printer stopped or in error) is canceled so
 * nothing prints unexpectedly later. Fills *out (always) and returns
 * out->status. */
int print_submit(const char *dest, const char *pdf_path, const char *job_title,
		 print_progress_fn progress, void *ctx, struct print_result *out);

/* print_submit with explicit time limits (lim may be NULL = defaults). */
int print_submit_ex(const char *dest, const char *pdf_path, const char *job_title,
		    const struct print_limits *lim, print_progress_fn progress, void *ctx,
		    struct print_result *out);

/* Translates one IPP printer-state-reasons / job-state-reasons keyword
 * (with or without its -error/-warning/-report suffix) into plain Chinese
 * for villagers. Returns NULL for keywords that need no words (none,
 * internal cups-* states). The string is static. */
const char *print_reason_text(const char *keyword);

/* Renders the test page for kiosk_name to a temporary file and prints it on
 * printer (the [print] printer setting; NULL/"" = the default), for
 * `gongkaictl print-test`. Fills *out like print_submit (rendering failures
 * come back as PRINT_E_IO etc. with the message in out->message) and returns
 * out->status. progress may be NULL. */
int print_test_run(const char *printer, const char *kiosk_name, print_progress_fn progress,
		   void *ctx, struct print_result *out);

/* The state of a CUPS destination, for the staff's printer page. */
struct print_dest_state {
	int status;        /* PRINT_OK (the fields below are known), or PRINT_E_SERVER,
			    * PRINT_E_NO_DEST, PRINT_E_NO_DEFAULT, PRINT_E_TIMEOUT */
	char dest[128];    /* the destination (the default's name when none was given) */
	int state;         /* IPP printer-state: 3 idle, 4 processing, 5 stopped; 0 unknown */
	int accepting;     /* 1 when the queue accepts jobs */
	int queued;        /* jobs waiting or printing (queued-job-count), -1 unknown */
	char words[256];   /* the state in plain Chinese ("空闲，可以打印", "已暂停使用") */
	char reasons[512]; /* the printer's problems in plain Chinese, "" = none */
	char message[512]; /* status != PRINT_OK: what went wrong, in plain Chinese */
	char detail[512];  /* technical detail (CUPS's words, English) */
};

/* Asks the CUPS server libcups would use about dest (NULL or "" = the
 * server's default) within the time limits lim (NULL = defaults; only
 * connect_ms and request_ms apply): its state, whether it accepts jobs,
 * its problems and how many jobs it holds. Fills *out and returns
 * out->status. */
int print_dest_query(const char *dest, const struct print_limits *lim,
		     struct print_dest_state *out);

/* Returns a short English name of a print_status ("PRINT_E_NO_DEST") for logs. */
const char *print_status_name(int status);

#endif
