/*
 * screen_apply_print.c - printing an application as it is submitted: the
 * filled form for the applicant to sign and the receipt, at once, with no
 * dialog and outside the session's page quota (interfaces.md
 * "Applications"). Like the print dialog (screen_print.c) each PDF is a
 * print job (printing/job.h): rendered on the loop's thread into a private
 * temporary file and sent by the job's worker thread, every call bounded
 * in time; the jobs of a run go one after the other, the next started from
 * the screen's poll when the last one ended. The database is touched on
 * the loop's thread only.
 *
 * tui_print_now_start sends any one ready document the same way (the
 * consultation slip of screen_consult.c).
 *
 * Privacy: the form's PDF holds the name and phone (the 证件号码 masked)
 * and lives in a private temporary file only until CUPS has it; the CUPS
 * job and the print log are named by the 受理编号 alone.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/log.h"
#include "printing/apply_print.h"
#include "printing/job.h"
#include "printing/print.h"
#include "tui/screen_apply.h"

/* Bounded like the print dialog's jobs: a jammed printer is given up
 * after half a minute, the whole job after two minutes. */
static const struct print_limits ap_limits = {
	.connect_ms = 3000,
	.request_ms = 5000,
	.job_ms = 120000,
	.stall_ms = 30000,
	.poll_ms = 250,
};

/* One printout of the run. */
struct ap_job {
	int which;                /* TUI_APPLY_PRINT_* */
	enum print_log_kind kind; /* the print log's kind, also named on screen while printing */
	struct print_job *job;    /* NULL once finished */
	struct print_job_outcome out; /* once finished */
};

/* A run: its printouts, sent in turn. */
struct tui_apply_printing {
	struct ap_job job[2];
	int njobs;
	int current; /* the printout being sent */
	int cancel;  /* stop: the jobs not yet run never run */
};

/* Finishes every job of the run still open (canceling them first when
 * asked), logs each, fills failed and msg, frees the run. */
static void ap_collect(struct tui *t, struct tui_apply_printing *r, int *failed, char *msg,
		       size_t msglen)
{
	char err[256];
	int bad = 0;

	msg[0] = '\0';
	for (int i = 0; i < r->njobs; i++) {
		struct ap_job *j = &r->job[i];
		const struct print_result *res = &j->out.res;

		if (j->job) {
			if (r->cancel)
				print_job_cancel(j->job);
			print_job_finish(j->job, &j->out);
			j->job = NULL;
		}
		if (db_log_print(tui_db(t), j->out.log.kind, j->out.log.title, j->out.log.index_no,
				 j->out.log.pages, j->out.log.result, err, sizeof err) < 0)
			tui_message(t, "打印记录没有保存：%s", err);
		if (res->status != PRINT_OK) {
			bad |= j->which;
			if (!msg[0]) {
				if (res->reasons[0] && !strstr(res->message, res->reasons))
					snprintf(msg, msglen, "%s（打印机：%s）", res->message,
						 res->reasons);
				else
					snprintf(msg, msglen, "%s",
						 res->message[0] ? res->message : "没有打印成功");
			}
		}
		print_log_record_free(&j->out.log);
	}
	*failed = bad;
	free(r);
}

/* Frees a run that never started: its prepared jobs are dropped unlogged. */
static void ap_drop(struct tui_apply_printing *r)
{
	for (int i = 0; i < r->njobs; i++) {
		if (r->job[i].job) {
			struct print_job_outcome out;

			print_job_finish(r->job[i].job, &out);
			print_log_record_free(&out.log);
		}
	}
	free(r);
}

/* Renders one printout as a prepared job. Returns 0, or -1 with err. */
static int ap_prepare(struct tui *t, struct ap_job *j, const struct print_doc *doc,
		      const char *title, char *err, size_t errlen)
{
	const struct config *cfg = tui_config(t);
	struct print_job_spec spec = { 0 };

	spec.doc = doc;
	spec.dest = cfg && cfg->printer ? cfg->printer : "";
	spec.title = title;
	spec.kind = j->kind;
	spec.limits = &ap_limits;
	return print_job_prepare(&spec, &j->job, err, errlen) == PRINT_OK ? 0 : -1;
}

/* Starts the first job of a prepared run. Returns the run, or NULL with
 * err (the run is freed). */
static struct tui_apply_printing *ap_go(struct tui_apply_printing *r, char *err, size_t errlen)
{
	if (r->njobs == 0 || print_job_run(r->job[0].job, err, errlen) != PRINT_OK) {
		ap_drop(r);
		util_errf(err, errlen, "打印没有开始（系统忙），请稍后再试");
		return NULL;
	}
	return r;
}

/* Renders one ready document and starts sending it. */
struct tui_apply_printing *tui_print_now_start(struct tui *t, const struct print_doc *doc,
					       enum print_log_kind kind, const char *title, char *err,
					       size_t errlen)
{
	struct tui_apply_printing *r = xcalloc(1, sizeof *r);
	struct ap_job *j = &r->job[r->njobs++];

	j->which = 1;
	j->kind = kind;
	if (ap_prepare(t, j, doc, title, err, errlen) < 0) {
		ap_drop(r);
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
	struct tui_apply_printing *r = xcalloc(1, sizeof *r);

	for (int which = TUI_APPLY_PRINT_FORM; which <= TUI_APPLY_PRINT_RECEIPT; which <<= 1) {
		struct ap_job *j;
		struct apply_print sheet;
		struct print_doc doc;
		char *title;
		int rc;

		if (!(mask & which))
			continue;
		j = &r->job[r->njobs++];
		j->which = which;
		if (which == TUI_APPLY_PRINT_FORM) {
			j->kind = PRINT_LOG_APPLICATION;
			title = xasprintf("%s（%s）", APPLY_PRINT_FORM_TITLE, s->tracking_no);
			apply_print_form(&sheet, f, s, kiosk, &doc);
		} else {
			j->kind = PRINT_LOG_RECEIPT;
			title = xasprintf("%s（%s）", APPLY_PRINT_RECEIPT_TITLE, s->tracking_no);
			apply_print_receipt(&sheet, s, kiosk, &doc);
		}
		rc = ap_prepare(t, j, &doc, title, err, errlen);
		apply_print_free(&sheet);
		free(title);
		if (rc < 0) {
			r->njobs--;
			ap_drop(r);
			return NULL;
		}
	}
	return ap_go(r, err, errlen);
}

/* Writes what the run is doing. */
void tui_apply_print_status(struct tui_apply_printing *r, char *out, size_t n)
{
	int cur = r->current < r->njobs ? r->current : r->njobs - 1;
	struct print_job_snapshot snap = { 0 };

	if (r->job[cur].job)
		print_job_poll(r->job[cur].job, &snap);
	snprintf(out, n, "正在打印%s（%d/%d）：%s%s%s", print_log_kind_word(r->job[cur].kind), cur + 1,
		 r->njobs, snap.message[0] ? snap.message : "请稍候…", snap.reasons[0] ? "；打印机：" : "",
		 snap.reasons);
}

/* Collects an ended run; starts its next job when the last one ended. */
int tui_apply_print_poll(struct tui *t, struct tui_apply_printing *r, int *failed, char *msg,
			 size_t msglen)
{
	while (r->current < r->njobs) {
		struct ap_job *j = &r->job[r->current];
		char err[256];

		if (!print_job_poll(j->job, NULL))
			return 0;
		print_job_finish(j->job, &j->out);
		j->job = NULL;
		if (++r->current < r->njobs &&
		    print_job_run(r->job[r->current].job, err, sizeof err) != PRINT_OK)
			break; /* not run: finished below as canceled */
	}
	ap_collect(t, r, failed, msg, msglen);
	return 1;
}

/* Cancels, waits and logs. */
void tui_apply_print_stop(struct tui *t, struct tui_apply_printing *r)
{
	char msg[256];
	int failed;

	r->cancel = 1;
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
