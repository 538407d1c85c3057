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

/* A small set of IPP state-reason keywords. */
#define MAX_KW 24
struct kwset {
	int n;
	char kw[MAX_KW][64];
};

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
	struct kwset cur;     /* problems the printer and job report now */
	struct kwset seen;    /* every problem reported since the job was created */
	char cur_text[512];   /* cur in Chinese, for progress reports */
	int printer_state;    /* IPP printer-state, 0 unknown */
	int sub_id;           /* notification subscription, 0 = none */
	int seq;              /* last notification sequence number read */
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

/* Adds a keyword to a set once ("none" is no keyword). */
static void kw_add(struct kwset *k, const char *kw)
{
	if (!kw || !*kw || strcmp(kw, "none") == 0 || strlen(kw) >= sizeof k->kw[0])
		return;
	for (int i = 0; i < k->n; i++)
		if (strcmp(k->kw[i], kw) == 0)
			return;
	if (k->n < MAX_KW)
		memcpy(k->kw[k->n++], kw, strlen(kw) + 1);
}

/* Adds every keyword of an IPP attribute (NULL is fine). */
static void kw_add_attr(struct kwset *k, ipp_attribute_t *a)
{
	for (int i = 0; a && i < ippGetCount(a); i++)
		kw_add(k, ippGetString(a, i, NULL));
}

/* Returns 1 when a state-reason keyword means the printer cannot go on. */
static int kw_blocks(const char *kw)
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

/* Returns 1 when any keyword of k blocks printing. */
static int kw_blocking(const struct kwset *k)
{
	for (int i = 0; i < k->n; i++)
		if (kw_blocks(k->kw[i]))
			return 1;
	return 0;
}

/* Returns the Chinese words for kw; a job that failed while connecting
 * failed because the printer could not be reached. */
static const char *kw_words(const char *kw, int failed)
{
	if (failed && strncmp(kw, "connecting-to-device", 20) == 0)
		return "无法连接打印机，请联系工作人员";
	return print_reason_text(kw);
}

/* Appends the words of the keywords of k to out (blocking ones first when
 * pass is 0, the rest when pass is 1), each sentence once. */
static void kw_words_into(const struct kwset *k, int failed, int pass, struct sbuf *out)
{
	for (int i = 0; i < k->n; i++) {
		const char *w;

		if (kw_blocks(k->kw[i]) != (pass == 0))
			continue;
		w = kw_words(k->kw[i], failed);
		if (!w || (out->s && strstr(out->s, w)))
			continue;
		if (out->len)
			sbuf_add(out, "；");
		sbuf_add(out, w);
	}
}

/* Writes the Chinese words of a and b (b may be NULL) into out. */
static void kw_text(const struct kwset *a, const struct kwset *b, int failed, char *out,
		    size_t n)
{
	struct sbuf t = { 0 };

	for (int pass = 0; pass < 2; pass++) {
		kw_words_into(a, failed, pass, &t);
		if (b)
			kw_words_into(b, failed, pass, &t);
	}
	copy_utf8(out, n, sbuf_str(&t));
	sbuf_free(&t);
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
	kw_text(&s->cur, NULL, 0, s->cur_text, sizeof s->cur_text);
	s->prog.stage = stage;
	s->prog.message = msg;
	s->prog.reasons = s->cur_text;
	s->prog.job_id = s->out->job_id;
	s->prog.job_state = s->out->job_state;
	s->prog.pages_done = s->out->pages_done;
	return s->fn ? s->fn(s->ctx, &s->prog) : 0;
}

/* Fills the result (status, message, reasons, detail), reports the end and
 * returns status. A failure lists every problem seen during the job. */
static int finish(struct sub *s, int status, const char *message, const char *detail)
{
	struct print_result *o = s->out;

	o->status = status;
	copy_utf8(o->message, sizeof o->message, message);
	if (status == PRINT_OK)
		kw_text(&s->cur, NULL, 0, o->reasons, sizeof o->reasons);
	else
		kw_text(&s->cur, &s->seen, 1, o->reasons, sizeof o->reasons);
	if (detail)
		copy_utf8(o->detail, sizeof o->detail, detail);
	report(s, PRINT_STAGE_DONE, o->message);
	return status;
}

/* Returns the message for a failed job: the words of the first blocking
 * problem (now or earlier in the job), or dflt. */
static const char *fail_message(const struct sub *s, const char *dflt)
{
	const struct kwset *sets[2] = { &s->cur, &s->seen };

	for (int k = 0; k < 2; k++)
		for (int i = 0; i < sets[k]->n; i++)
			if (kw_blocks(sets[k]->kw[i]) && kw_words(sets[k]->kw[i], 1))
				return kw_words(sets[k]->kw[i], 1);
	return dflt;
}

/* Fails with the status fitting the last libcups error (or our timeout). */
static int fail_cups(struct sub *s, int status, const char *message, const char *what)
{
	char detail[512];

	if (s->timed_out || now_s() >= s->t_end) {
		snprintf(detail, sizeof detail, "%s: no answer within the time limit (%d ms a request)",
			 what, s->lim.request_ms);
		return finish(s, PRINT_E_TIMEOUT,
			      s->out->job_id ? "打印机长时间没有响应，请联系工作人员"
					     : "打印服务没有响应，请联系工作人员",
			      detail);
	}
	snprintf(detail, sizeof detail, "%s: %s (%s)", what, cupsLastErrorString(),
		 ippErrorString(cupsLastError()));
	if (cupsLastError() == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE || httpError(s->http) != 0)
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
		return fail_cups(s, PRINT_E_NO_DEST, "找不到设置的打印机，请联系工作人员", what);
	default:
		return fail_cups(s, PRINT_E_REFUSED, "打印服务拒绝了这份文件，请联系工作人员", what);
	}
}

/* Returns 1 when an IPP status is an error. */
static int ipp_failed(ipp_status_t st)
{
	return st > IPP_STATUS_OK_EVENTS_COMPLETE;
}

/* Starts a request addressed to uri with the usual operation attributes. */
static ipp_t *new_request(ipp_op_t op, const char *uri_name, const char *uri)
{
	ipp_t *req = ippNewRequest(op);

	ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, uri_name, NULL, uri);
	ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL, cupsUser());
	return req;
}

/* Sends a request on our connection within the request time limit.
 * Returns the response (caller frees) or NULL; cupsLastError() tells why. */
static ipp_t *do_request(struct sub *s, ipp_t *req)
{
	ipp_t *resp;

	call_begin(s);
	resp = cupsDoRequest(s->http, req, "/");
	if (resp && ipp_failed(cupsLastError())) {
		ippDelete(resp);
		resp = NULL;
	}
	return resp;
}

/* Sends a Get-Printer-Attributes for uri. Returns the response or NULL. */
static ipp_t *get_printer_attrs(struct sub *s, const char *uri)
{
	static const char *const attrs[] = { "printer-name", "printer-state", "printer-state-reasons",
					     "printer-is-accepting-jobs", "printer-state-message" };
	ipp_t *req = new_request(IPP_OP_GET_PRINTER_ATTRIBUTES, "printer-uri", uri);

	ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
		      (int)(sizeof attrs / sizeof attrs[0]), NULL, attrs);
	return do_request(s, req);
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
	char detail[300];
	int accepting = 1;

	if (!dest || !*dest) {
		static const char *const attrs[] = { "printer-name" };
		ipp_t *req = ippNewRequest(IPP_OP_CUPS_GET_DEFAULT);
		ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 1,
			      NULL, attrs);
		resp = do_request(s, req);
		if (!resp) {
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
		if (!resp && (cupsLastError() != IPP_STATUS_ERROR_NOT_FOUND || s->timed_out))
			return fail_cups(s, PRINT_E_SERVER, "打印服务没有响应，请联系工作人员",
					 "Get-Printer-Attributes");
	}
	if (!resp) {
		snprintf(detail, sizeof detail, "destination \"%s\" not found", s->name);
		return finish(s, PRINT_E_NO_DEST, "找不到设置的打印机，请联系工作人员", detail);
	}
	if ((a = ippFindAttribute(resp, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN)))
		accepting = ippGetBoolean(a, 0);
	if ((a = ippFindAttribute(resp, "printer-state", IPP_TAG_ENUM)))
		s->printer_state = ippGetInteger(a, 0);
	kw_add_attr(&s->cur, ippFindAttribute(resp, "printer-state-reasons", IPP_TAG_KEYWORD));
	a = ippFindAttribute(resp, "printer-state-message", IPP_TAG_TEXT);
	snprintf(detail, sizeof detail, "%s: state %d, accepting %d, message \"%s\"", s->name,
		 s->printer_state, accepting,
		 a && ippGetString(a, 0, NULL) ? ippGetString(a, 0, NULL) : "");
	ippDelete(resp);
	if (!accepting)
		return finish(s, PRINT_E_REJECTING, "打印机暂不接受打印任务，请联系工作人员", detail);
	if (s->printer_state == IPP_PSTATE_STOPPED)
		return finish(s, PRINT_E_DISABLED, "打印机已暂停使用，请联系工作人员", detail);
	/* Problems from before our job (a cleared paper jam) do not count. */
	s->cur.n = 0;
	return PRINT_OK;
}

/* Subscribes to the printer's state changes, so problems a backend reports
 * only for a moment (STATE: +offline-report, then exit) are not missed
 * between polls. Without a subscription the polls still work. */
static void subscribe(struct sub *s)
{
	ipp_t *req = new_request(IPP_OP_CREATE_PRINTER_SUBSCRIPTIONS, "printer-uri", s->printer_uri);
	ipp_t *resp;
	ipp_attribute_t *a;

	ippAddString(req, IPP_TAG_SUBSCRIPTION, IPP_TAG_KEYWORD, "notify-pull-method", NULL,
		     "ippget");
	ippAddString(req, IPP_TAG_SUBSCRIPTION, IPP_TAG_KEYWORD, "notify-events", NULL,
		     "printer-state-changed");
	ippAddInteger(req, IPP_TAG_SUBSCRIPTION, IPP_TAG_INTEGER, "notify-lease-duration",
		      s->lim.job_ms / 1000 + 60);
	if ((resp = do_request(s, req))) {
		if ((a = ippFindAttribute(resp, "notify-subscription-id", IPP_TAG_INTEGER)))
			s->sub_id = ippGetInteger(a, 0);
		ippDelete(resp);
	}
}

/* Reads the printer state changes since the last call into s->seen. */
static void pull_events(struct sub *s)
{
	ipp_t *req, *resp;

	if (s->sub_id <= 0)
		return;
	req = new_request(IPP_OP_GET_NOTIFICATIONS, "printer-uri", s->printer_uri);
	ippAddInteger(req, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "notify-subscription-ids", s->sub_id);
	ippAddInteger(req, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "notify-sequence-numbers",
		      s->seq + 1);
	ippAddBoolean(req, IPP_TAG_OPERATION, "notify-wait", 0);
	if (!(resp = do_request(s, req)))
		return;
	for (ipp_attribute_t *a = ippFirstAttribute(resp); a; a = ippNextAttribute(resp)) {
		const char *n = ippGetName(a);
		if (ippGetGroupTag(a) != IPP_TAG_EVENT_NOTIFICATION || !n)
			continue;
		if (strcmp(n, "notify-sequence-number") == 0 && ippGetInteger(a, 0) > s->seq)
			s->seq = ippGetInteger(a, 0);
		else if (strcmp(n, "printer-state-reasons") == 0)
			kw_add_attr(&s->seen, a);
	}
	ippDelete(resp);
}

/* Ends the subscription (best effort; its lease ends it anyway). */
static void unsubscribe(struct sub *s)
{
	ipp_t *req;

	if (s->sub_id <= 0 || !s->http || s->timed_out || httpError(s->http) != 0)
		return;
	req = new_request(IPP_OP_CANCEL_SUBSCRIPTION, "printer-uri", s->printer_uri);
	ippAddInteger(req, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "notify-subscription-id", s->sub_id);
	ippDelete(do_request(s, req));
	s->sub_id = 0;
}

/* Cancels a job we are giving up on, over a fresh connection when the old
 * one is unusable or busy with an upload (fresh); best effort, bounded by
 * one request time limit. */
static void cancel_job(struct sub *s, cups_dest_t *d, int job_id, int fresh)
{
	double saved_end = s->t_end;

	if (job_id <= 0)
		return;
	/* Give the cancel its own short budget even after the deadline. */
	s->t_end = now_s() + s->lim.request_ms / 1000.0;
	if (fresh || s->timed_out || !s->http || httpError(s->http) != 0) {
		httpClose(s->http);
		s->http = open_http(s, s->lim.connect_ms < s->lim.request_ms ? s->lim.connect_ms
									      : s->lim.request_ms);
	}
	if (s->http) {
		call_begin(s);
		if (d) {
			cupsCancelDestJob(s->http, d, job_id);
		} else {
			char uri[1024];
			httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", NULL, "localhost",
					 ippPort(), "/jobs/%d", job_id);
			ippDelete(do_request(s, new_request(IPP_OP_CANCEL_JOB, "job-uri", uri)));
		}
	}
	s->t_end = saved_end;
}

/* Polls the job and its printer once; fills job state, pages and the
 * current problems. Returns 0, or -1 when the server did not answer. */
static int poll_job(struct sub *s, int job_id)
{
	static const char *const jattrs[] = { "job-state", "job-state-reasons",
					      "job-impressions-completed", "job-printer-state-reasons" };
	char uri[1024];
	ipp_t *req, *resp;
	ipp_attribute_t *a;

	httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", NULL, "localhost", ippPort(),
			 "/jobs/%d", job_id);
	req = new_request(IPP_OP_GET_JOB_ATTRIBUTES, "job-uri", uri);
	ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
		      (int)(sizeof jattrs / sizeof jattrs[0]), NULL, jattrs);
	if (!(resp = do_request(s, req)))
		return -1;
	s->cur.n = 0;
	if ((a = ippFindAttribute(resp, "job-state", IPP_TAG_ENUM)))
		s->out->job_state = ippGetInteger(a, 0);
	if ((a = ippFindAttribute(resp, "job-impressions-completed", IPP_TAG_INTEGER)))
		s->out->pages_done = ippGetInteger(a, 0);
	kw_add_attr(&s->cur, ippFindAttribute(resp, "job-printer-state-reasons", IPP_TAG_KEYWORD));
	/* Job reasons only speak when something went wrong with the job. */
	if (s->out->job_state >= IPP_JSTATE_STOPPED || s->out->job_state == IPP_JSTATE_HELD)
		kw_add_attr(&s->seen, ippFindAttribute(resp, "job-state-reasons", IPP_TAG_KEYWORD));
	ippDelete(resp);

	if ((resp = get_printer_attrs(s, s->printer_uri))) {
		if ((a = ippFindAttribute(resp, "printer-state", IPP_TAG_ENUM)))
			s->printer_state = ippGetInteger(a, 0);
		kw_add_attr(&s->cur, ippFindAttribute(resp, "printer-state-reasons", IPP_TAG_KEYWORD));
		ippDelete(resp);
	} else if (s->timed_out) {
		return -1;
	}
	pull_events(s);
	if (s->timed_out)
		return -1;
	for (int i = 0; i < s->cur.n; i++)
		kw_add(&s->seen, s->cur.kw[i]);
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

/* Follows job_id until it ends, fails or a limit runs out. */
static int follow(struct sub *s, cups_dest_t *d, int job_id)
{
	double t_bad = 0; /* when the printer started reporting a blocking problem */
	char detail[256];

	for (;;) {
		int st;

		if (poll_job(s, job_id) < 0) {
			int timed_out = s->timed_out || now_s() >= s->t_end;
			if (timed_out)
				cancel_job(s, d, job_id, 0);
			s->timed_out = timed_out;
			return fail_cups(s, PRINT_E_SERVER, "打印服务没有响应，请联系工作人员",
					 "Get-Job-Attributes");
		}
		st = s->out->job_state;
		snprintf(detail, sizeof detail, "job %d state %d printer-state %d", job_id, st,
			 s->printer_state);
		switch (st) {
		case IPP_JSTATE_COMPLETED:
			return finish(s, PRINT_OK, "打印完成，请在打印机出纸口取走文件", detail);
		case IPP_JSTATE_CANCELED:
			return finish(s, PRINT_E_CANCELED, "打印已取消", detail);
		case IPP_JSTATE_ABORTED:
			return finish(s, PRINT_E_ABORTED,
				      fail_message(s, "打印机出错，打印已中止，请联系工作人员"), detail);
		case IPP_JSTATE_HELD:
			/* Held after a backend failure, or by staff: it will not
			 * print by itself. Say why and take the job back. */
			cancel_job(s, d, job_id, 0);
			return finish(s, PRINT_E_PRINTER,
				      fail_message(s, "打印任务被暂停，请联系工作人员"), detail);
		default:
			break;
		}
		/* A queue stopped under a waiting job (the printer's error policy
		 * stopped it, or staff paused it) will not print it either. */
		if (st == IPP_JSTATE_PENDING && s->printer_state == IPP_PSTATE_STOPPED) {
			cancel_job(s, d, job_id, 0);
			return finish(s, PRINT_E_PRINTER,
				      fail_message(s, "打印机已停止工作，请联系工作人员"), detail);
		}
		if (kw_blocking(&s->cur)) {
			if (t_bad == 0)
				t_bad = now_s();
			else if ((now_s() - t_bad) * 1000.0 >= s->lim.stall_ms) {
				cancel_job(s, d, job_id, 0);
				return finish(s, PRINT_E_PRINTER,
					      fail_message(s, "打印机出现故障，请联系工作人员"), detail);
			}
		} else {
			t_bad = 0;
		}
		if (report(s, st == IPP_JSTATE_PROCESSING || st == IPP_JSTATE_STOPPED
				      ? PRINT_STAGE_PRINTING
				      : PRINT_STAGE_QUEUED,
			   st == IPP_JSTATE_PROCESSING ? "正在打印…" : "正在排队等待打印…")) {
			cancel_job(s, d, job_id, 0);
			return finish(s, PRINT_E_CANCELED, "打印已取消", "canceled by the caller");
		}
		if (now_s() >= s->t_end) {
			cancel_job(s, d, job_id, 0);
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
	subscribe(s);
	call_begin(s);
	st = cupsCreateDestJob(s->http, d, info, &job_id, title, 0, NULL);
	if (ipp_failed(st) || job_id <= 0) {
		rc = fail_job_request(s, st, "cupsCreateDestJob");
		goto out;
	}
	s->out->job_id = job_id;
	s->prog.bytes_total = size;
	if (report(s, PRINT_STAGE_SEND, "正在发送文件…")) {
		cancel_job(s, d, job_id, 0);
		rc = finish(s, PRINT_E_CANCELED, "打印已取消", "canceled by the caller");
		goto out;
	}
	call_begin(s);
	if (cupsStartDestDocument(s->http, d, info, job_id, title, CUPS_FORMAT_PDF, 0, NULL, 1) !=
	    HTTP_STATUS_CONTINUE) {
		rc = fail_job_request(s, cupsLastError(), "cupsStartDestDocument");
		cancel_job(s, d, job_id, 1);
		goto out;
	}
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		call_begin(s);
		if (cupsWriteRequestData(s->http, buf, n) != HTTP_STATUS_CONTINUE) {
			rc = fail_cups(s, PRINT_E_SERVER, "打印服务没有响应，请联系工作人员",
				       "cupsWriteRequestData");
			cancel_job(s, d, job_id, 1);
			goto out;
		}
		s->prog.bytes_sent += (long long)n;
		if (report(s, PRINT_STAGE_SEND, "正在发送文件…")) {
			/* The job is incomplete: cancel it rather than finish it. */
			cancel_job(s, d, job_id, 1);
			rc = finish(s, PRINT_E_CANCELED, "打印已取消", "canceled by the caller");
			goto out;
		}
	}
	if (ferror(f)) {
		cancel_job(s, d, job_id, 1);
		rc = finish(s, PRINT_E_IO, "无法读取打印文件", strerror(errno));
		goto out;
	}
	call_begin(s);
	st = cupsFinishDestDocument(s->http, d, info);
	if (ipp_failed(st)) {
		rc = fail_job_request(s, st, "cupsFinishDestDocument");
		cancel_job(s, d, job_id, 0);
		goto out;
	}
	rc = follow(s, d, job_id);
out:
	unsubscribe(s);
	cupsFreeDestInfo(info);
	cupsFreeDests(1, d);
	return rc;
}

/* Returns the bytes of the valid UTF-8 character at s (n bytes left) that
 * is not a control character, or 0. */
static size_t ipp_char(const unsigned char *s, size_t n)
{
	size_t len = s[0] < 0x80 ? 1 : (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3 : (s[0] & 0xF8) == 0xF0 ? 4 : 0;
	unsigned cp;

	if (len == 0 || len > n)
		return 0;
	for (size_t i = 1; i < len; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	cp = len == 1 ? s[0] : len == 2 ? (s[0] & 0x1Fu) << 6 | (s[1] & 0x3Fu)
		: len == 3 ? (s[0] & 0x0Fu) << 12 | (s[1] & 0x3Fu) << 6 | (s[2] & 0x3Fu)
			   : (s[0] & 0x07u) << 18 | (s[1] & 0x3Fu) << 12 | (s[2] & 0x3Fu) << 6 | (s[3] & 0x3Fu);
	if (cp <= 0x20 || (cp >= 0x7F && cp < 0xA0) || (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF) ||
	    cp == 0x2028 || cp == 0x2029)
		return 0;
	return len;
}

/* Makes a title safe as an IPP name. */
void print_ipp_name(const char *text, char *out, size_t n)
{
	const unsigned char *s = (const unsigned char *)(text ? text : "");
	size_t len = strlen((const char *)s), o = 0;
	int gap = 0;

	if (n == 0)
		return;
	if (n > PRINT_IPP_NAME_MAX)
		n = PRINT_IPP_NAME_MAX;
	for (size_t i = 0; i < len;) {
		size_t k = ipp_char(s + i, len - i);

		if (k == 0) {
			gap = o > 0; /* a run of unsafe bytes is one "_" between words */
			i++;
			continue;
		}
		if (o + (size_t)gap + k >= n)
			break;
		if (gap)
			out[o++] = '_';
		gap = 0;
		memcpy(out + o, s + i, k);
		o += k;
		i += k;
	}
	out[o] = '\0';
	if (o == 0)
		snprintf(out, n, "%s", "政务公开资料");
}

/* Sends a PDF to a CUPS destination and follows the job, within limits. */
int print_submit_ex(const char *dest, const char *pdf_path, const char *job_title,
		    const struct print_limits *lim, print_progress_fn progress, void *ctx,
		    struct print_result *out)
{
	struct sub s;
	struct print_result dummy;
	char head[5] = { 0 }, detail[600], safe_title[PRINT_IPP_NAME_MAX];
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
	/* Nothing from a bundle reaches an IPP attribute as it came. */
	print_ipp_name(job_title, safe_title, sizeof safe_title);
	job_title = safe_title;

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
	errno = 0;
	s.http = open_http(&s, s.lim.connect_ms);
	if (!s.http) {
		int err = errno ? errno : ECONNREFUSED;
		snprintf(detail, sizeof detail, "cannot connect to %s:%d: %s", cupsServer(), ippPort(),
			 strerror(err));
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
	rc = print_test_page(kiosk_name, path, NULL, &pages, err, sizeof err);
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

/* Writes the plain words for a printer's state. */
static void dest_words(struct print_dest_state *o)
{
	const char *w;

	if (!o->accepting)
		w = "不接受打印任务（队列已被设为拒绝）";
	else if (o->state == IPP_PSTATE_STOPPED)
		w = "已暂停使用";
	else if (o->state == IPP_PSTATE_PROCESSING)
		w = "正在打印";
	else if (o->state == IPP_PSTATE_IDLE)
		w = "空闲，可以打印";
	else
		w = "状态不明";
	copy_utf8(o->words, sizeof o->words, w);
}

/* Asks CUPS about a destination: state, problems, jobs held. */
int print_dest_query(const char *dest, const struct print_limits *lim,
		     struct print_dest_state *out)
{
	static const char *const attrs[] = { "printer-state", "printer-state-reasons",
					     "printer-is-accepting-jobs", "queued-job-count" };
	struct print_result res;
	struct sub s;
	ipp_t *req, *resp;
	ipp_attribute_t *a;
	int rc;

	memset(out, 0, sizeof *out);
	memset(&res, 0, sizeof res);
	memset(&s, 0, sizeof s);
	out->queued = -1;
	s.out = &res;
	if (lim)
		s.lim = *lim;
	s.lim.connect_ms = s.lim.connect_ms > 0 ? s.lim.connect_ms : DEF_CONNECT_MS;
	s.lim.request_ms = s.lim.request_ms > 0 ? s.lim.request_ms : DEF_REQUEST_MS;
	/* A few requests at most: the whole question gets three of them. */
	s.t_end = now_s() + (s.lim.connect_ms + 3.0 * s.lim.request_ms) / 1000.0;
	cupsSetPasswordCB2(no_password, NULL);
	errno = 0;
	s.http = open_http(&s, s.lim.connect_ms);
	if (!s.http) {
		out->status = PRINT_E_SERVER;
		copy_utf8(out->message, sizeof out->message, "打印服务没有运行");
		snprintf(out->detail, sizeof out->detail, "cannot connect to %s:%d: %s", cupsServer(),
			 ippPort(), strerror(errno ? errno : ECONNREFUSED));
		return out->status;
	}
	rc = find_dest(&s, dest);
	copy_utf8(out->dest, sizeof out->dest, res.dest);
	/* A stopped or rejecting queue is a state to show, not a failure. */
	if (rc != PRINT_OK && rc != PRINT_E_DISABLED && rc != PRINT_E_REJECTING) {
		out->status = rc;
		copy_utf8(out->message, sizeof out->message, res.message);
		copy_utf8(out->detail, sizeof out->detail, res.detail);
		httpClose(s.http);
		return out->status;
	}
	req = new_request(IPP_OP_GET_PRINTER_ATTRIBUTES, "printer-uri", s.printer_uri);
	ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
		      (int)(sizeof attrs / sizeof attrs[0]), NULL, attrs);
	resp = do_request(&s, req);
	if (!resp) {
		out->status = s.timed_out ? PRINT_E_TIMEOUT : PRINT_E_SERVER;
		copy_utf8(out->message, sizeof out->message, "打印服务没有响应");
		snprintf(out->detail, sizeof out->detail, "Get-Printer-Attributes: %s",
			 cupsLastErrorString());
		httpClose(s.http);
		return out->status;
	}
	s.cur.n = 0;
	out->accepting = 1;
	if ((a = ippFindAttribute(resp, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN)))
		out->accepting = ippGetBoolean(a, 0);
	if ((a = ippFindAttribute(resp, "printer-state", IPP_TAG_ENUM)))
		out->state = ippGetInteger(a, 0);
	if ((a = ippFindAttribute(resp, "queued-job-count", IPP_TAG_INTEGER)))
		out->queued = ippGetInteger(a, 0);
	kw_add_attr(&s.cur, ippFindAttribute(resp, "printer-state-reasons", IPP_TAG_KEYWORD));
	ippDelete(resp);
	kw_text(&s.cur, NULL, 0, out->reasons, sizeof out->reasons);
	dest_words(out);
	snprintf(out->detail, sizeof out->detail, "%s: state %d, accepting %d, jobs %d", out->dest,
		 out->state, out->accepting, out->queued);
	httpClose(s.http);
	return out->status = PRINT_OK;
}
