/*
 * screen_consult.h - the consultation register on the 问答 screen
 * (interfaces.md "Policy Q&A"): 登记问题 takes a question the Q&A library
 * has no answer for (and an optional phone), gives a 咨询编号 and a 答复期限
 * and prints the slip at once; 查询答复 looks a 咨询编号 up and shows the
 * office's answer, or 尚未答复 with the 答复期限 (已超期 once it passed).
 *
 * The 问答 list (screen_list.c) offers both with two calls: it draws
 * tui_consult_qa_draw() and passes its keys to tui_consult_qa_key() first.
 *
 * Privacy: the question and phone live only in the form's fields (wiped
 * when the screen closes, also by the idle wipe) and in the sealed record.
 */
#ifndef GK_SCREEN_CONSULT_H
#define GK_SCREEN_CONSULT_H

#include "tui/tui_internal.h"

/* What 登记问题 is opened with. */
struct tui_consult_arg {
	const char *text; /* borrowed: what was searched, the question's start; NULL = none */
};

extern const struct tui_screen_ops tui_consult_form_ops;   /* 登记问题; arg: struct tui_consult_arg or NULL */
extern const struct tui_screen_ops tui_consult_lookup_ops; /* 查询答复; arg: none */

/* Draws the 问答 list's two entries (F5 登记问题, F6 查询答复) at the
 * right of the status row, as click targets; with nothing_found, also the
 * offer to register what was searched, on the row under the "没有找到"
 * line. */
void tui_consult_qa_draw(struct tui *t, int nothing_found);

/* Handles F5 / F6 and clicks on the entries, and Enter when nothing_found
 * (the list found nothing for query): opens 登记问题 (starting from query)
 * or 查询答复. Returns TUI_* bits, 0 when the event is not the register's. */
int tui_consult_qa_key(struct tui *t, const struct tui_event *ev, const char *query,
		       int nothing_found);

#endif
