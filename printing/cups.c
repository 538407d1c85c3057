/*
 * cups.c - hands a finished PDF to CUPS and follows the job to its end.
 *
 * libcups' destination API does the work (cupsGetNamedDest,
 * cupsCopyDestInfo, cupsCreateDestJob, cupsStartDestDocument,
 * cupsWriteRequestData, cupsFinishDestDocument), over a private connection
 * to the server libcups would use by default (cupsServer()/ippPort(), so
 * CUPS_SERVER and client.conf are honoured). The private connection is what
 * makes the kiosk safe on a bad day: it is opened with a connect timeout,
 * every request runs under a timeout callback that gives up at a per-call
 * deadline, and the whole call has an overall deadline. A stopped cupsd, a
 * hung cupsd or a printer that never comes back all end in an error code
 * and a plain Chinese sentence instead of a frozen screen.
 *
 * The destination is checked with our own Get-Printer-Attributes before the
 * destination API sees it: that tells "no such printer" from "server down"
 * and keeps cupsGetNamedDest from its network-browsing fallback (which uses
 * a default connection without our time limits).
 */
#include "printing/print.h"

#include <cups/cups.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kiosk/util.h"

#define DEF_CONNECT_MS 3000
#define DEF_REQUEST_MS 5000
#define DEF_JOB_MS 300000
#define DEF_STALL_MS 60000
#define DEF_POLL_MS 250

/* One print_submit call. */
struct sub {
	struct print_result *out;
	print_progress_fn fn;
	void *ctx;
	struct print_limits lim;
	double t_end;         /* overall deadline (monotonic seconds) */
	double t_call;        /* deadline of the request in flight */
	int timed_out;        /* the request in flight ran out of time */
	http_t *http;
	char name[128];       /* destination name */
	char printer_uri[1024];
	struct print_progress prog;
	char msg[256];
	char reasons[512];    /* current problems in Chinese */
	int blocking;         /* a current problem stops printing */
	int printer_state;    /* IPP printer-state, 0 unknown */
};

/* Returns monotonic time in seconds. */
static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Copies src into dst (n bytes), cutting at a UTF-8 character boundary. */
static void copy_utf8(char *dst, size_t n, const char *src)
{
	size_t len;

	if (n == 0)
		return;
	if (!src)
		src = "";
	len = strlen(src);
	if (len >= n) {
		len = n - 1;
		while (len > 0 && ((unsigned char)src[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(dst, src, len);
	dst[len] = '\0';
}

/* libcups timeout callback: keep waiting until the call's deadline. */
static int on_timeout(http_t *http, void *data)
{
	struct sub *s = data;

	(void)http;
	if (now_s() < s->t_call)
		return 1;
	s->timed_out = 1;
	return 0;
}

/* Never asks for a password: a kiosk has nobody to type it. */
static const char *no_password(const char *prompt, http_t *http, const char *method,
			       const char *resource, void *data)
{
	(void)prompt, (void)http, (void)method, (void)resource, (void)data;
	return NULL;
}

/* Starts the clock of one request. */
static void call_begin(struct sub *s)
{
	double t = now_s() + s->lim.request_ms / 1000.0;

	s->t_call = t < s->t_end ? t : s->t_end;
	s->timed_out = 0;
}

/* Opens a connection to the CUPS server with our time limits. */
static http_t *open_http(struct sub *s, int connect_ms)
{
	http_t *h;
	double left = (s->t_end - now_s()) * 1000.0;
	int ms = connect_ms;

	if (left < ms)
		ms = left > 100 ? (int)left : 100;
	h = httpConnect2(cupsServer(), ippPort(), NULL, AF_UNSPEC, cupsEncryption(), 1, ms, NULL);
	if (h)
		httpSetTimeout(h, 0.25, on_timeout, s);
	return h;
}

/* Reports progress; returns non-zero when the caller wants to cancel. */
static int report(struct sub *s, enum print_stage stage, const char *msg)
{
	s->prog.stage = stage;
	s->prog.message = msg;
	s->prog.reasons = s->reasons;
	s->prog.job_id = s->out->job_id;
	s->prog.job_state = s->out->job_state;
	s->prog.pages_done = s->out->pages_done;
	return s->fn ? s->fn(s->ctx, &s->prog) : 0;
}

/* Fills the result with a failure and returns status. */
static int finish(struct sub *s, int status, const char *message, const char *detail)
{
	struct print_result *o = s->out;

	o->status = status;
	copy_utf8(o->message, sizeof o->message, message);
	copy_utf8(o->reasons, sizeof o->reasons, s->reasons);
	if (detail)
		copy_utf8(o->detail, sizeof o->detail, detail);
	report(s, PRINT_STAGE_DONE, o->message);
	return status;
}

/* Fails with the status fitting the last libcups error (or our timeout). */
static int fail_cups(struct sub *s, int status, const char *message, const char *what)
{
	char detail[512];

	snprintf(detail, sizeof detail, "%s: %s (%s)", what, cupsLastErrorString(),
		 ippErrorString(cupsLastError()));
	if (s->timed_out || now_s() >= s->t_end)
		return finish(s, PRINT_E_TIMEOUT, "打印机长时间没有响应，请联系工作人员", detail);
	if (cupsLastError() == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE ||
	    httpError(s->http) != 0)
		return finish(s, PRINT_E_SERVER, "打印服务没有响应，请联系工作人员", detail);
	return finish(s, status, message, detail);
}

/* Maps an IPP error of a job request to our status and message. */
static int fail_job_request(struct sub *s, ipp_status_t st, const char *what)
{
	switch (st) {
	case IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS:
		return fail_cups(s, PRINT_E_REJECTING, "打印机暂不接受打印任务，请联系工作人员", what);
	case IPP_STATUS_ERROR_NOT_FOUND:
		return fail_cups(s, PRINT_E_NO_DEST, "找不到打印机，请联系工作人员", what);
	default:
		return fail_cups(s, PRINT_E_REFUSED, "打印服务拒绝了这份文件，请联系工作人员", what);
	}
}

/* Returns 1 when an IPP status is an error. */
static int ipp_failed(ipp_status_t st)
{
	return st > IPP_STATUS_OK_EVENTS_COMPLETE;
}

/* Returns 1 when a state-reason keyword means the printer cannot go on. */
static int reason_blocks(const char *kw)
{
	static const char *const names[] = { "offline", "paused", "shutdown", "stopped",
					     "connecting-to-device", "timed-out" };
	size_t n = strlen(kw);

	if (n > 6 && strcmp(kw + n - 6, "-error") == 0)
		return 1;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		size_t l = strlen(names[i]);
		if (strncmp(kw, names[i], l) == 0 && (kw[l] == '\0' || kw[l] == '-'))
			return 1;
	}
	return 0;
}

/* Adds the Chinese words for each keyword of attr to s->reasons (once
 * each) and notes whether any of them blocks printing. */
static void add_reasons(struct sub *s, struct sbuf *zh, ipp_attribute_t *attr)
{
	for (int i = 0; attr && i < ippGetCount(attr); i++) {
		const char *kw = ippGetString(attr, i, NULL);
		const char *text = kw ? print_reason_text(kw) : NULL;

		if (!kw)
			continue;
		if (reason_blocks(kw))
			s->blocking = 1;
		if (!text || (zh->s && strstr(zh->s, text)))
			continue;
		if (zh->len)
			sbuf_add(zh, "；");
		sbuf_add(zh, text);
	}
}

/* Sends a Get-Printer-Attributes for uri. Returns the response or NULL. */
static ipp_t *get_printer_attrs(struct sub *s, const char *uri)
{
	static const char *const attrs[] = { "printer-name", "printer-state", "printer-state-reasons",
					     "printer-is-accepting-jobs", "printer-state-message" };
	ipp_t *req = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);

	ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, uri);
	ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL, cupsUser());
	ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
		      (int)(sizeof attrs / sizeof attrs[0]), NULL, attrs);
	call_begin(s);
	return cupsDoRequest(s->http, req, "/");
}

/* Returns 1 when name is an acceptable CUPS destination name. */
static int valid_name(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n >= 128)
		return 0;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p <= ' ' || *p == '/' || *p == '#' || *p == '\\' || *p == '\'' || *p == '"' ||
		    *p == 0x7F)
			return 0;
	return 1;
}

/* Finds the destination: the named one or the server's default. Fills
 * s->name and s->printer_uri and checks that the queue takes jobs.
 * Returns PRINT_OK or a finished failure status. */
static int find_dest(struct sub *s, const char *dest)
{
	ipp_t *resp = NULL;
	ipp_attribute_t *a;
	struct sbuf zh = { 0 };
	char detail[300];
	int accepting = 1;

	if (!dest || !*dest) {
		static const char *const attrs[] = { "printer-name" };
		ipp_t *req = ippNewRequest(IPP_OP_CUPS_GET_DEFAULT);
		ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 1,
			      NULL, attrs);
		call_begin(s);
		resp = cupsDoRequest(s->http, req, "/");
		if (!resp || ipp_failed(cupsLastError())) {
			ippDelete(resp);
			if (cupsLastError() == IPP_STATUS_ERROR_NOT_FOUND && !s->timed_out)
				return finish(s, PRINT_E_NO_DEFAULT,
					      "没有设置默认打印机，请联系工作人员",
					      "CUPS-Get-Default: no default destination");
			return fail_cups(s, PRINT_E_SERVER, "打印服务没有响应，请联系工作人员",
					 "CUPS-Get-Default");
		}
		a = ippFindAttribute(resp, "printer-name", IPP_TAG_NAME);
		if (!a || !ippGetString(a, 0, NULL)) {
			ippDelete(resp);
			return finish(s, PRINT_E_NO_DEFAULT, "没有设置默认打印机，请联系工作人员",
				      "CUPS-Get-Default: no printer-name");
		}
		copy_utf8(s->name, sizeof s->name, ippGetString(a, 0, NULL));
		ippDelete(resp);
		resp = NULL;
	} else {
		copy_utf8(s->name, sizeof s->name, dest);
	}
	copy_utf8(s->out->dest, sizeof s->out->dest, s->name);
	if (!valid_name(s->name)) {
		snprintf(detail, sizeof detail, "invalid destination name \"%s\"", s->name);
		return finish(s, PRINT_E_NO_DEST, "找不到设置的打印机，请联系工作人员", detail);
	}

	/* Printers first, then classes of printers. */
	for (int cls = 0; cls < 2 && !resp; cls++) {
		httpAssembleURIf(HTTP_URI_CODING_ALL, s->printer_uri, sizeof s->printer_uri, "ipp",
				 NULL, "localhost", ippPort(), cls ? "/classes/%s" : "/printers/%s",
				 s->name);
		resp = get_printer_attrs(s, s->printer_uri);
		if (!resp || ipp_failed(cupsLastError())) {
			ippDelete(resp);
			resp = NULL;
			if (cupsLastError() != IPP_STATUS_ERROR_NOT_FOUND || s->timed_out)
				return fail_cups(s, PRINT_E_SERVER, "打印服务没有响应，请联系工作人员",
						 "Get-Printer-Attributes");
		}
	}
	if (!resp) {
		snprintf(detail, sizeof detail, "destination \"%s\" not found", s->name);
		return finish(s, PRINT_E_NO_DEST, "找不到设置的打印机，请联系工作人员", detail);
	}
	if ((a = ippFindAttribute(resp, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN)))
		accepting = ippGetBoolean(a, 0);
	if ((a = ippFindAttribute(resp, "printer-state", IPP_TAG_ENUM)))
		s->printer_state = ippGetInteger(a, 0);
	s->blocking = 0;
	add_reasons(s, &zh, ippFindAttribute(resp, "printer-state-reasons", IPP_TAG_KEYWORD));
	copy_utf8(s->reasons, sizeof s->reasons, sbuf_str(&zh));
	sbuf_free(&zh);
	a = ippFindAttribute(resp, "printer-state-message", IPP_TAG_TEXT);
	snprintf(detail, sizeof detail, "%s: state %d, accepting %d, message \"%s\"", s->name,
		 s->printer_state, accepting, a && ippGetString(a, 0, NULL) ? ippGetString(a, 0, NULL) : "");
	ippDelete(resp);
	if (!accepting)
		return finish(s, PRINT_E_REJECTING, "打印机暂不接受打印任务，请联系工作人员", detail);
	if (s->printer_state == IPP_PSTATE_STOPPED)
		return finish(s, PRINT_E_DISABLED, "打印机已暂停使用，请联系工作人员", detail);
	return PRINT_OK;
}

/* Cancels a job we are giving up on, over a fresh connection when the old
 * one is unusable; best effort, bounded by the connect and request limits. */
static void cancel_job(struct sub *s, cups_dest_t *d, int job_id)
{
	http_t *h = s->http;
	double saved_end = s->t_end;

	if (job_id <= 0)
		return;
	/* Give the cancel its own short budget even after the deadline. */
	s->t_end = now_s() + (s->lim.connect_ms + s->lim.request_ms) / 1000.0;
	if (s->timed_out || httpError(h) != 0) {
		httpClose(s->http);
		s->http = h = open_http(s, s->lim.connect_ms);
	}
	if (h) {
		call_begin(s);
		if (d) {
			cupsCancelDestJob(h, d, job_id);
		} else {
			char uri[1024];
			ipp_t *req = ippNewRequest(IPP_OP_CANCEL_JOB);
			httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", NULL, "localhost",
					 ippPort(), "/jobs/%d", job_id);
			ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri", NULL, uri);
			ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name",
				     NULL, cupsUser());
			ippDelete(cupsDoRequest(h, req, "/jobs/"));
		}
	}
	s->t_end = saved_end;
}

/* Polls the job and its printer once; fills job state, pages and reasons.
 * Returns 0, or -1 when the server did not answer. */
static int poll_job(struct sub *s, int job_id)
{
	static const char *const jattrs[] = { "job-state", "job-state-reasons",
					      "job-impressions-completed", "job-printer-state-reasons",
					      "job-printer-state-message" };
	char uri[1024];
	ipp_t *req, *resp;
	ipp_attribute_t *a;
	struct sbuf zh = { 0 };

	httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", NULL, "localhost", ippPort(),
			 "/jobs/%d", job_id);
	req = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
	ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri", NULL, uri);
	ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL, cupsUser());
	ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
		      (int)(sizeof jattrs / sizeof jattrs[0]), NULL, jattrs);
	call_begin(s);
	resp = cupsDoRequest(s->http, req, "/");
	if (!resp || ipp_failed(cupsLastError())) {
		ippDelete(resp);
		return -1;
	}
	s->blocking = 0;
	if ((a = ippFindAttribute(resp, "job-state", IPP_TAG_ENUM)))
		s->out->job_state = ippGetInteger(a, 0);
	if ((a = ippFindAttribute(resp, "job-impressions-completed", IPP_TAG_INTEGER)))
		s->out->pages_done = ippGetInteger(a, 0);
	add_reasons(s, &zh, ippFindAttribute(resp, "job-printer-state-reasons", IPP_TAG_KEYWORD));
	/* Job reasons only speak when something went wrong with the job. */
	if (s->out->job_state >= IPP_JSTATE_STOPPED) {
		int keep = s->blocking;
		add_reasons(s, &zh, ippFindAttribute(resp, "job-state-reasons", IPP_TAG_KEYWORD));
		s->blocking = keep;
	}
	ippDelete(resp);

	resp = get_printer_attrs(s, s->printer_uri);
	if (resp && !ipp_failed(cupsLastError())) {
		if ((a = ippFindAttribute(resp, "printer-state", IPP_TAG_ENUM)))
			s->printer_state = ippGetInteger(a, 0);
		add_reasons(s, &zh, ippFindAttribute(resp, "printer-state-reasons", IPP_TAG_KEYWORD));
	} else if (s->timed_out) {
		ippDelete(resp);
		sbuf_free(&zh);
		return -1;
	}
	ippDelete(resp);
	copy_utf8(s->reasons, sizeof s->reasons, sbuf_str(&zh));
	sbuf_free(&zh);
	return 0;
}

/* Sleeps ms milliseconds, but not past the overall deadline. */
static void nap(struct sub *s, int ms)
{
	double left = s->t_end - now_s();
	struct timespec ts;

	if (left * 1000.0 < ms)
		ms = left > 0 ? (int)(left * 1000.0) : 0;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (long)(ms % 1000) * 1000000L;
	nanosleep(&ts, NULL);
}

/* Returns the first sentence of the reasons (for the message), or dflt. */
static const char *first_reason(struct sub *s, const char *dflt, char *buf, size_t n)
{
	const char *sep;

	if (!s->reasons[0])
		return dflt;
	copy_utf8(buf, n, s->reasons);
	if ((sep = strstr(buf, "；")))
		buf[sep - buf] = '\0';
	return buf;
}

/* Follows job_id until it ends, fails or a limit runs out. */
static int follow(struct sub *s, cups_dest_t *d, int job_id)
{
	double t_bad = 0; /* when the printer started reporting a blocking problem */
	char buf[256], detail[256];

	for (;;) {
		int st;

		if (poll_job(s, job_id) < 0) {
			if (s->timed_out || now_s() >= s->t_end) {
				cancel_job(s, d, job_id);
				s->timed_out = 1;
			}
			return fail_cups(s, PRINT_E_SERVER, "打印服务没有响应，请联系工作人员",
					 "Get-Job-Attributes");
		}
		st = s->out->job_state;
		snprintf(detail, sizeof detail, "job %d state %d printer-state %d", job_id, st,
			 s->printer_state);
		switch (st) {
		case IPP_JSTATE_COMPLETED:
			s->out->status = PRINT_OK;
			copy_utf8(s->out->message, sizeof s->out->message,
				  "打印完成，请在打印机出纸口取走文件");
			copy_utf8(s->out->reasons, sizeof s->out->reasons, s->reasons);
			copy_utf8(s->out->detail, sizeof s->out->detail, detail);
			report(s, PRINT_STAGE_DONE, s->out->message);
			return PRINT_OK;
		case IPP_JSTATE_CANCELED:
			return finish(s, PRINT_E_CANCELED, "打印已取消", detail);
		case IPP_JSTATE_ABORTED:
			return finish(s, PRINT_E_ABORTED,
				      first_reason(s, "打印机出错，打印已中止，请联系工作人员", buf,
						   sizeof buf),
				      detail);
		default:
			break;
		}
		/* A queue stopped under a waiting job (the backend failed and the
		 * printer's error policy stopped it, or staff paused it) will not
		 * print it; say why and take the job back. */
		if ((st == IPP_JSTATE_PENDING || st == IPP_JSTATE_HELD) &&
		    s->printer_state == IPP_PSTATE_STOPPED) {
			cancel_job(s, d, job_id);
			return finish(s, PRINT_E_PRINTER,
				      first_reason(s, "打印机已停止工作，请联系工作人员", buf, sizeof buf),
				      detail);
		}
		if (s->blocking) {
			if (t_bad == 0)
				t_bad = now_s();
			else if ((now_s() - t_bad) * 1000.0 >= s->lim.stall_ms) {
				cancel_job(s, d, job_id);
				return finish(s, PRINT_E_PRINTER,
					      first_reason(s, "打印机出现故障，请联系工作人员", buf,
							   sizeof buf),
					      detail);
			}
		} else {
			t_bad = 0;
		}
		if (report(s, st == IPP_JSTATE_PROCESSING || st == IPP_JSTATE_STOPPED
				      ? PRINT_STAGE_PRINTING
				      : PRINT_STAGE_QUEUED,
			   st == IPP_JSTATE_PROCESSING ? "正在打印…" : "正在排队等待打印…")) {
			cancel_job(s, d, job_id);
			return finish(s, PRINT_E_CANCELED, "打印已取消", "canceled by the caller");
		}
		if (now_s() >= s->t_end) {
			cancel_job(s, d, job_id);
			return finish(s, PRINT_E_TIMEOUT, "打印机长时间没有完成打印，请联系工作人员",
				      detail);
		}
		nap(s, s->lim.poll_ms);
	}
}

/* Creates the job, uploads the file and follows the job. */
static int send_job(struct sub *s, FILE *f, long long size, const char *title)
{
	cups_dest_t *d;
	cups_dinfo_t *info = NULL;
	ipp_status_t st;
	int job_id = 0, rc;
	char buf[65536];
	size_t n;

	call_begin(s);
	d = cupsGetNamedDest(s->http, s->name, NULL);
	if (!d)
		return fail_cups(s, PRINT_E_NO_DEST, "找不到设置的打印机，请联系工作人员",
				 "cupsGetNamedDest");
	call_begin(s);
	info = cupsCopyDestInfo(s->http, d);
	if (!info) {
		rc = fail_cups(s, PRINT_E_REFUSED, "无法读取打印机设置，请联系工作人员",
			       "cupsCopyDestInfo");
		goto out;
	}
	call_begin(s);
	st = cupsCreateDestJob(s->http, d, info, &job_id, title, 0, NULL);
	if (ipp_failed(st) || job_id <= 0) {
		rc = fail_job_request(s, st, "cupsCreateDestJob");
		goto out;
	}
	s->out->job_id = job_id;
	s->prog.bytes_total = size;
	if (report(s, PRINT_STAGE_SEND, "正在发送文件…")) {
		cancel_job(s, d, job_id);
		rc = finish(s, PRINT_E_CANCELED, "打印已取消", "canceled by the caller");
		goto out;
	}
	call_begin(s);
	if (cupsStartDestDocument(s->http, d, info, job_id, title, CUPS_FORMAT_PDF, 0, NULL, 1) !=
	    HTTP_STATUS_CONTINUE) {
		rc = fail_job_request(s, cupsLastError(), "cupsStartDestDocument");
		cancel_job(s, d, job_id);
		goto out;
	}
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		call_begin(s);
		if (cupsWriteRequestData(s->http, buf, n) != HTTP_STATUS_CONTINUE) {
			rc = fail_cups(s, PRINT_E_SERVER, "打印服务没有响应，请联系工作人员",
				       "cupsWriteRequestData");
			cancel_job(s, d, job_id);
			goto out;
		}
		s->prog.bytes_sent += (long long)n;
	}
	if (ferror(f)) {
		cancel_job(s, d, job_id);
		rc = finish(s, PRINT_E_IO, "无法读取打印文件", strerror(errno));
		goto out;
	}
	call_begin(s);
	st = cupsFinishDestDocument(s->http, d, info);
	if (ipp_failed(st)) {
		rc = fail_job_request(s, st, "cupsFinishDestDocument");
		cancel_job(s, d, job_id);
		goto out;
	}
	rc = follow(s, d, job_id);
out:
	cupsFreeDestInfo(info);
	cupsFreeDests(1, d);
	return rc;
}

/* Sends a PDF to a CUPS destination and follows the job, within limits. */
int print_submit_ex(const char *dest, const char *pdf_path, const char *job_title,
		    const struct print_limits *lim, print_progress_fn progress, void *ctx,
		    struct print_result *out)
{
	struct sub s;
	struct print_result dummy;
	char head[5] = { 0 }, detail[600];
	FILE *f;
	long long size;
	int rc;

	if (!out)
		out = &dummy;
	memset(out, 0, sizeof *out);
	memset(&s, 0, sizeof s);
	s.out = out;
	s.fn = progress;
	s.ctx = ctx;
	if (lim)
		s.lim = *lim;
	s.lim.connect_ms = s.lim.connect_ms > 0 ? s.lim.connect_ms : DEF_CONNECT_MS;
	s.lim.request_ms = s.lim.request_ms > 0 ? s.lim.request_ms : DEF_REQUEST_MS;
	s.lim.job_ms = s.lim.job_ms > 0 ? s.lim.job_ms : DEF_JOB_MS;
	s.lim.stall_ms = s.lim.stall_ms > 0 ? s.lim.stall_ms : DEF_STALL_MS;
	s.lim.poll_ms = s.lim.poll_ms > 0 ? s.lim.poll_ms : DEF_POLL_MS;
	s.t_end = now_s() + s.lim.job_ms / 1000.0;
	if (!job_title || !*job_title)
		job_title = "政务公开资料";

	if (!pdf_path || !(f = fopen(pdf_path, "rb"))) {
		snprintf(detail, sizeof detail, "%s: %s", pdf_path ? pdf_path : "(null)",
			 strerror(errno));
		return finish(&s, PRINT_E_IO, "无法读取打印文件", detail);
	}
	if (fread(head, 1, 4, f) != 4 || memcmp(head, "%PDF", 4) != 0 ||
	    fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		snprintf(detail, sizeof detail, "%s: not a PDF file", pdf_path);
		return finish(&s, PRINT_E_INVALID, "打印文件有误，请重新打印", detail);
	}

	cupsSetPasswordCB2(no_password, NULL);
	report(&s, PRINT_STAGE_CONNECT, "正在连接打印机…");
	s.http = open_http(&s, s.lim.connect_ms);
	if (!s.http) {
		snprintf(detail, sizeof detail, "cannot connect to %s:%d: %s", cupsServer(), ippPort(),
			 cupsLastErrorString());
		fclose(f);
		return finish(&s, PRINT_E_SERVER, "打印服务没有运行，请联系工作人员", detail);
	}
	rc = find_dest(&s, dest);
	if (rc == PRINT_OK)
		rc = send_job(&s, f, size, job_title);
	fclose(f);
	httpClose(s.http);
	return rc;
}

/* Sends a PDF with the default time limits. */
int print_submit(const char *dest, const char *pdf_path, const char *job_title,
		 print_progress_fn progress, void *ctx, struct print_result *out)
{
	return print_submit_ex(dest, pdf_path, job_title, NULL, progress, ctx, out);
}

/* Renders the test page to a temporary file and prints it. */
int print_test_run(const char *printer, const char *kiosk_name, print_progress_fn progress,
		   void *ctx, struct print_result *out)
{
	struct print_result dummy;
	const char *tmp = getenv("TMPDIR");
	char path[4096], err[512];
	int fd, rc, pages;

	if (!out)
		out = &dummy;
	memset(out, 0, sizeof *out);
	snprintf(path, sizeof path, "%s/gongkai-testpage-XXXXXX.pdf", tmp && *tmp ? tmp : "/tmp");
	if ((fd = mkstemps(path, 4)) < 0) {
		out->status = PRINT_E_IO;
		copy_utf8(out->message, sizeof out->message, "无法生成测试页");
		snprintf(out->detail, sizeof out->detail, "mkstemps: %s", strerror(errno));
		return out->status;
	}
	close(fd);
	rc = print_test_page(kiosk_name, NULL, path, &pages, err, sizeof err);
	if (rc != PRINT_OK) {
		unlink(path);
		out->status = rc;
		copy_utf8(out->message, sizeof out->message, "无法生成测试页");
		copy_utf8(out->detail, sizeof out->detail, err);
		return rc;
	}
	rc = print_submit(printer, path, "打印机测试页", progress, ctx, out);
	unlink(path);
	return rc;
}
