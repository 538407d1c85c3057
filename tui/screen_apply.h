/*
 * screen_apply.h - the 申请政府信息公开 screens (interfaces.md "Applications
 * (申请)"): the menu (填写申请, 查询进度, 收费标准, 空白申请表), the form
 * asked one question per screen with its confirmation, submission and
 * receipt, the status lookup and the fee estimate.
 *
 * The staff menu opens the same form with by_staff = 1 (代为填写, 条例
 * Art. 29): tui_push(t, &tui_apply_form_ops, &(struct tui_apply_arg){ 1 }).
 *
 * Privacy: the answers live in one struct apply_form and the form's
 * fields; both are wiped (sodium_memzero) when the form screen closes,
 * which the idle wipe and the kiosk's exit also do.
 */
#ifndef GK_SCREEN_APPLY_H
#define GK_SCREEN_APPLY_H

#include "kiosk/apply.h"
#include "tui/tui_internal.h"

/* What the form screen is opened with. */
struct tui_apply_arg {
	int by_staff; /* 1: staff fill the form in for the applicant */
};

/* The screens. */
extern const struct tui_screen_ops tui_apply_menu_ops;   /* arg: none */
extern const struct tui_screen_ops tui_apply_form_ops;   /* arg: struct tui_apply_arg, NULL = by the villager */
extern const struct tui_screen_ops tui_apply_status_ops; /* arg: none (查询进度) */
extern const struct tui_screen_ops tui_apply_fee_ops;    /* arg: none (收费标准) */

/* Decodes [trust] seal_pubkey into pk. Returns 0, or -1 with a plain
 * message in msg when the kiosk cannot accept applications. */
int tui_apply_key(struct tui *t, unsigned char pk[APPLY_PK_BYTES], char *msg, size_t msglen);

/* Opens the print dialog for the blank form (a normal printout: page
 * count, the session's quota). Returns TUI_* bits. */
int tui_apply_print_blank(struct tui *t);

/* --- for screen_apply*.c only ------------------------------------------ */

/* Printing the filled form and the receipt at once on submission, with no
 * dialog and outside the session's page quota (screen_apply_print.c): the
 * PDFs are rendered on the loop's thread into private temporary files and
 * sent one after the other as print jobs (printing/job.h), each removing
 * its file once CUPS has it or the job failed. The print log gets kind 申请表 / 回执 and a title that
 * names only the 受理编号; so does the CUPS job. */
enum { TUI_APPLY_PRINT_FORM = 1, TUI_APPLY_PRINT_RECEIPT = 2 };
struct tui_apply_printing;

/* Renders the printouts in mask and starts the worker. Returns the run,
 * or NULL with err in plain Chinese (nothing was sent). */
struct tui_apply_printing *tui_apply_print_start(struct tui *t, const struct apply_form *f,
						 const struct apply_stamp *s, int mask, char *err,
						 size_t errlen);
/* Renders one ready document (doc and what it points to are borrowed for
 * the call) and sends it the same way: no dialog, outside the quota. kind
 * is the print log's kind, and its word (print_log_kind_word) is shown
 * while printing; title (copied) names the CUPS job and the log entry and must
 * name no person. A failure sets bit 1 of *failed in tui_apply_print_poll.
 * Returns the run, or NULL with err. */
struct tui_apply_printing *tui_print_now_start(struct tui *t, const struct print_doc *doc,
					       enum print_log_kind kind, const char *title, char *err,
					       size_t errlen);
/* Writes what the run is doing now, for the screen. */
void tui_apply_print_status(struct tui_apply_printing *r, char *out, size_t n);
/* Returns 0 while the run goes on. Once it has ended: logs every job,
 * sets *failed to the mask of printouts that did not print and msg to what
 * to tell the villager, frees the run and returns 1. */
int tui_apply_print_poll(struct tui *t, struct tui_apply_printing *r, int *failed, char *msg,
			 size_t msglen);
/* Cancels a run still going (the screen closes), waits for it and logs
 * it; frees it. */
void tui_apply_print_stop(struct tui *t, struct tui_apply_printing *r);

/* Wipes every line of a layout that held answers, then frees it. */
void tui_apply_layout_wipe(struct layout *l);

#endif
