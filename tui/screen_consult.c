/*
 * screen_consult.c - 登记问题 and 查询答复 (see screen_consult.h): the
 * question form, registration with the slip printed at once through the
 * applications' instant print path (screen_apply_print.c), and the lookup
 * of an answer by 咨询编号.
 *
 * Without a usable [trust] seal_pubkey, 登记问题 does not open: the
 * message says that this kiosk cannot take questions yet and what to do.
 */
#include <curses.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/consult.h"
#include "kiosk/apply.h"
#include "kiosk/width.h"
#include "printing/consult_print.h"
#include "printing/print.h"
#include "tui/screen_apply.h"
#include "tui/screen_consult.h"
#include "tui/widget.h"

#define CONSULT_TEXT_MAX 100 /* the widest a paragraph is laid out */

/* Click targets of the 问答 list's entries (below TUI_TARGET_WIDGET). */
enum { CT_REGISTER = 0x7c01, CT_LOOKUP, CT_REPRINT };

/* The entries' words. */
#define CT_REGISTER_WORDS "F5 登记问题"
#define CT_LOOKUP_WORDS "F6 查询答复"

/* Returns the width text is laid out at on this terminal. */
static int ct_text_width(struct tui *t)
{
	int w = tui_cols(t) - 4;

	return w > CONSULT_TEXT_MAX ? CONSULT_TEXT_MAX : w < 10 ? 10 : w;
}

/* Draws a paragraph wrapped from (y, x); returns the rows used (at most max). */
static int ct_para(struct tui *t, int y, int x, const char *text, int role, int max)
{
	struct layout lay;
	int n;

	layout_init(&lay, tui_cols(t) - x - 2 > CONSULT_TEXT_MAX ? CONSULT_TEXT_MAX
								 : tui_cols(t) - x - 2);
	layout_para(&lay, text, strlen(text), 0, 0, LAYOUT_TEXT, -1);
	for (n = 0; n < lay.n && n < max; n++)
		tui_put(t, y + n, x, tui_cols(t) - x - 1, lay.lines[n].text, role, 0);
	layout_free(&lay);
	return n;
}

/* --- the 问答 list's entries ---------------------------------------------- */

void tui_consult_qa_draw(struct tui *t, int nothing_found)
{
	int rows = tui_rows(t), cols = tui_cols(t);
	int w1 = width_str(CT_REGISTER_WORDS), w2 = width_str(CT_LOOKUP_WORDS);
	int x2 = cols - 2 - w2, x1 = x2 - 2 - w1;

	if (x1 > cols / 3) {
		tui_put(t, rows - 2, x1, w1, CT_REGISTER_WORDS, TUI_LINK, 0);
		tui_target(t, rows - 2, x1, x1 + w1, CT_REGISTER);
		tui_put(t, rows - 2, x2, w2, CT_LOOKUP_WORDS, TUI_LINK, 0);
		tui_target(t, rows - 2, x2, x2 + w2, CT_LOOKUP);
	}
	if (nothing_found) {
		static const char offer[] = "没有合适的答复？按回车登记您的问题，5 个工作日内答复。";

		tui_put(t, 5, 4, cols - 6, offer, TUI_LINK, 0);
		tui_target(t, 5, 4, 4 + width_str(offer) < cols - 2 ? 4 + width_str(offer) : cols - 2,
			   CT_REGISTER);
	}
}

int tui_consult_qa_key(struct tui *t, const struct tui_event *ev, const char *query,
		       int nothing_found)
{
	struct tui_consult_arg a = { query && *query ? query : NULL };
	int id = ev->req == REQ_CLICK ? tui_target_at(t, ev->y, ev->x) : -1;

	if ((ev->is_key && ev->ch == KEY_F(5)) || id == CT_REGISTER ||
	    (nothing_found && ev->req == REQ_ENTER)) {
		tui_push(t, &tui_consult_form_ops, &a);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if ((ev->is_key && ev->ch == KEY_F(6)) || id == CT_LOOKUP) {
		tui_push(t, &tui_consult_lookup_ops, NULL);
		return TUI_HANDLED | TUI_REDRAW;
	}
	return 0;
}

/* --- 登记问题 ---------------------------------------------------------------- */

/* Refuses a question of fewer than two characters. */
static int ct_check_question(const char *text, char *msg, size_t msglen)
{
	if (apply_check_text(text, msg, msglen) < 0)
		return -1;
	if (*text && width_str(text) < 4) {
		snprintf(msg, msglen, "请把问题写得详细一点（至少两个字）");
		return -1;
	}
	return 0;
}

static const struct tui_form_item ct_items[] = {
	{ "您的问题", "例如：我家的房子属于危房，可以申请改造补助吗？", TUI_FIELD_TEXT,
	  CONSULT_QUESTION_CHARS, 1, ct_check_question },
	{ "联系电话（可以不填）", "填了电话，有关部门可以打电话答复您", TUI_FIELD_NUMBER,
	  APPLY_SHORT_CHARS, 0, apply_check_phone },
};

struct ct {
	struct tui_form form;
	unsigned char pk[APPLY_PK_BYTES];
	int done;                 /* registered: the slip's screen */
	char problem[320];        /* why registering failed */
	struct db_consult stamp;  /* the clear facts once registered */
	struct tui_apply_printing *printing; /* the slip being printed */
	int print_failed, printed_once;
	char print_msg[256];
};

/* Writes now as "YYYY-MM-DD HH:MM:SS" on the kiosk's today. */
static void ct_now(struct tui *t, char out[20])
{
	time_t now = time(NULL);
	struct tm tm;
	char hms[16];

	localtime_r(&now, &tm);
	strftime(hms, sizeof hms, "%H:%M:%S", &tm);
	snprintf(out, 20, "%.10s %.8s", tui_today(t), hms);
}

/* Prints the slip at once (no dialog, outside the quota). */
static void ct_print(struct tui *t, struct ct *c)
{
	const struct config *cfg = tui_config(t);
	struct consult_print sheet;
	struct print_doc doc;
	char err[256], *title;

	consult_print_slip(&sheet, c->stamp.no, c->stamp.registered_at, c->stamp.due_on,
			   CONSULT_WORKING_DAYS, cfg && cfg->kiosk_name ? cfg->kiosk_name : "", &doc);
	title = xasprintf("%s（%s）", CONSULT_PRINT_TITLE, c->stamp.no);
	c->print_msg[0] = '\0';
	c->print_failed = 0;
	c->printing = tui_print_now_start(t, &doc, PRINT_LOG_CONSULT, title, err, sizeof err);
	free(title);
	consult_print_free(&sheet);
	if (!c->printing) {
		c->print_failed = 1;
		c->printed_once = 1;
		snprintf(c->print_msg, sizeof c->print_msg, "%s", err);
	}
	tui_keep_awake(t);
}

/* Registers the question, wipes the form, prints the slip. */
static void ct_register(struct tui *t, struct ct *c)
{
	const struct config *cfg = tui_config(t);
	char now[20], err[256];

	ct_now(t, now);
	if (db_consult_register(tui_db(t), cfg && cfg->kiosk_id ? cfg->kiosk_id : "", now, c->pk,
				tui_field_text(&c->form.fields[0]), tui_field_text(&c->form.fields[1]),
				&c->stamp, err, sizeof err) < 0) {
		snprintf(c->problem, sizeof c->problem, "没有登记成功，请找工作人员帮忙。（%s）", err);
		return;
	}
	/* The question and phone are sealed; nothing here keeps them. */
	tui_form_free(t, &c->form);
	c->done = 1;
	ct_print(t, c);
}

/* Opens the form, the question starting from what was searched. */
static int ct_enter(struct tui *t, void **state, const void *argp, char *err, size_t errlen)
{
	const struct tui_consult_arg *arg = argp;
	unsigned char pk[APPLY_PK_BYTES];
	char why[256];
	struct ct *c;

	if (tui_apply_key(t, pk, why, sizeof why) < 0) {
		sodium_memzero(pk, sizeof pk);
		util_errf(err, errlen, "这台机器还不能登记问题，请到窗口找工作人员（%s）", why);
		return -1;
	}
	c = xcalloc(1, sizeof *c);
	memcpy(c->pk, pk, sizeof pk);
	sodium_memzero(pk, sizeof pk);
	tui_form_init(t, &c->form, ct_items, 2, 0);
	if (arg && arg->text)
		tui_field_set(&c->form.fields[0], arg->text);
	*state = c;
	return 0;
}

/* Stops printing and wipes what was typed. */
static void ct_leave(struct tui *t, void *state)
{
	struct ct *c = state;

	if (c->printing)
		tui_apply_print_stop(t, c->printing);
	tui_form_free(t, &c->form);
	sodium_memzero(c, sizeof *c);
	free(c);
}

/* Draws the slip's screen and how printing went. */
static void ct_draw_done(struct tui *t, struct ct *c)
{
	int rows = tui_rows(t), cols = tui_cols(t), y = 2, lw = 12;
	char line[512];

	tui_title(t, "登记问题", "已登记");
	tui_put(t, y++, 2, cols - 4, "您的问题已经登记。请收好打印出来的回执。", TUI_HEADING, 0);
	y++;
	tui_put(t, y, 4, lw, "咨询编号：", TUI_HEADING, 0);
	tui_put(t, y++, 4 + lw, cols - lw - 6, c->stamp.no, TUI_HEADING, 0);
	tui_put(t, y, 4, lw, "登记时间：", TUI_HEADING, 0);
	tui_put(t, y++, 4 + lw, cols - lw - 6, c->stamp.registered_at, TUI_NORMAL, 0);
	snprintf(line, sizeof line, "%s（登记之日起第 %d 个工作日）", c->stamp.due_on,
		 CONSULT_WORKING_DAYS);
	tui_put(t, y, 4, lw, "答复期限：", TUI_HEADING, 0);
	tui_put(t, y++, 4 + lw, cols - lw - 6, line, TUI_NORMAL, 0);
	y++;
	y += ct_para(t, y, 2,
		     "有关部门会在答复期限之前答复。到时在“政策问答”里按 F6 查询答复，"
		     "输入上面的咨询编号，就能看到答复。您的问题和电话已加密保存，"
		     "只有县政府办公室能看到。",
		     TUI_NORMAL, 4);
	y = rows - 5;
	if (c->printing) {
		tui_apply_print_status(c->printing, line, sizeof line);
		ct_para(t, y, 2, line, TUI_NORMAL, 2);
	} else if (c->print_failed) {
		snprintf(line, sizeof line,
			 "回执没有打印成功：%s。请抄下上面的咨询编号，或者按 p 重新打印；也可以找工作人员帮忙。",
			 c->print_msg[0] ? c->print_msg : "打印机没有回应");
		ct_para(t, y, 2, line, TUI_WARN, 2);
		tui_put(t, rows - 3, 4, 16, "[ 重新打印 ]", TUI_SELECTED, 0);
		tui_target(t, rows - 3, 4, 4 + width_str("[ 重新打印 ]"), CT_REPRINT);
	} else if (c->printed_once) {
		ct_para(t, y, 2, "回执已经打印好，请在打印机出纸口取走。", TUI_HEADING, 2);
	}
}

/* Draws the form, or the slip's screen. */
static void ct_draw(struct tui *t, void *state)
{
	struct ct *c = state;
	int cols = tui_cols(t);

	if (c->done) {
		ct_draw_done(t, c);
		return;
	}
	tui_title(t, "登记问题", tui_today(t));
	ct_para(t, 1, 2,
		"没有找到答复的问题，可以在这里登记。有关部门会在 5 个工作日内答复，"
		"答复可以在本机“查询答复”里看到。写好后按回车。",
		TUI_NORMAL, 2);
	if (c->problem[0])
		tui_put(t, 13, 2, cols - 4, c->problem, TUI_WARN, 0);
	tui_form_draw(t, &c->form, 4, 8);
}

/* Typing, registering, then the slip. */
static int ct_key(struct tui *t, void *state, const struct tui_event *ev)
{
	struct ct *c = state;

	if (c->done) {
		if (c->printing)
			return ev->req == REQ_BACK ? TUI_HANDLED : 0;
		if ((ev->req == REQ_PRINT ||
		     (ev->req == REQ_CLICK && tui_target_at(t, ev->y, ev->x) == CT_REPRINT)) &&
		    c->print_failed) {
			ct_print(t, c);
			return TUI_HANDLED | TUI_REDRAW;
		}
		if (ev->req == REQ_ENTER || ev->req == REQ_BACK)
			return TUI_BREAK;
		return ev->req == REQ_CLICK ? TUI_HANDLED : 0;
	}
	if (ev->req == REQ_CLICK && !c->form.fields[c->form.focus].focused)
		tui_form_focus(t, &c->form, c->form.focus);
	switch (tui_form_key(t, &c->form, ev)) {
	case TUI_FORM_REDRAW:
		return TUI_HANDLED | TUI_REDRAW;
	case TUI_FORM_DONE:
		c->problem[0] = '\0';
		ct_register(t, c);
		return TUI_HANDLED | TUI_REDRAW;
	case TUI_FORM_BACK:
		return TUI_BREAK;
	default:
		return ev->req == REQ_CLICK ? TUI_HANDLED : 0;
	}
}

/* Follows the printing and keeps the session awake meanwhile. */
static int ct_tick(struct tui *t, void *state)
{
	struct ct *c = state;

	if (!c->printing)
		return 0;
	tui_keep_awake(t);
	if (tui_apply_print_poll(t, c->printing, &c->print_failed, c->print_msg,
				 sizeof c->print_msg)) {
		c->printing = NULL;
		c->printed_once = 1;
	}
	return TUI_REDRAW;
}

/* Keys go to the fields until the question is registered. */
static int ct_typing(void *state)
{
	const struct ct *c = state;

	return !c->done;
}

/* The slip being printed is never closed under the villager. */
static int ct_busy(void *state)
{
	const struct ct *c = state;

	return c->printing != NULL;
}

/* The key line. */
static const struct tui_hint *ct_hints(void *state)
{
	static const struct tui_hint form[] = {
		{ REQ_ENTER, "下一项" }, { REQ_UP, "上一项" }, { REQ_MODE, NULL }, { REQ_KEYBOARD, NULL },
		{ REQ_ERASE, NULL }, { REQ_BACK, "返回" }, { REQ_HOME, NULL }, { REQ_NONE, NULL },
	};
	static const struct tui_hint printing[] = {
		{ REQ_BACK, "打印完再返回" }, { REQ_NONE, NULL },
	};
	static const struct tui_hint failed[] = {
		{ REQ_PRINT, "重新打印" }, { REQ_ENTER, "完成" }, { REQ_HOME, NULL }, { REQ_NONE, NULL },
	};
	static const struct tui_hint done[] = {
		{ REQ_ENTER, "完成" }, { REQ_HOME, NULL }, { REQ_NONE, NULL },
	};
	const struct ct *c = state;

	if (!c->done)
		return form;
	return c->printing ? printing : c->print_failed ? failed : done;
}

const struct tui_screen_ops tui_consult_form_ops = {
	.name = "consult_form",
	.enter = ct_enter,
	.draw = ct_draw,
	.key = ct_key,
	.leave = ct_leave,
	.hints = ct_hints,
	.tick = ct_tick,
	.typing = ct_typing,
	.busy = ct_busy,
};

/* --- 查询答复 ---------------------------------------------------------------- */

/* Checks a 咨询编号's characters (letters, digits, dashes). */
static int ct_check_no(const char *text, char *msg, size_t msglen)
{
	char no[CONSULT_NO_MAX];

	db_consult_no_clean(text, no, sizeof no);
	if (*no && !db_consult_no_ok(no)) {
		snprintf(msg, msglen, "咨询编号不对：应像 XH-DX-01-Z-20261124-0001，请照回执上的填写");
		return -1;
	}
	return 0;
}

static const struct tui_form_item lk_items[] = {
	{ "咨询编号", "例如：XH-DX-01-Z-20261124-0001（在咨询回执上）", TUI_FIELD_NUMBER,
	  CONSULT_NO_MAX - 1, 1, ct_check_no },
};

struct lk {
	struct tui_form form;
	int showing;
	char no[CONSULT_NO_MAX];
	int answered, known, overdue;
	char due_on[11];
	struct db_consult_answer ans;
	char problem[256];
	struct tui_textview view;
};

/* Lays the answer (or its absence) out. */
static void lk_layout(struct tui *t, struct lk *k)
{
	int lw = 10;
	char *line;

	layout_free(&k->view.lay);
	layout_init(&k->view.lay, ct_text_width(t));
	if (!k->showing)
		return;
	layout_field(&k->view.lay, "咨询编号", lw, k->no, LAYOUT_FIELD, -1);
	if (k->answered) {
		layout_field(&k->view.lay, "状态", lw, "已答复", LAYOUT_FIELD, -1);
		if (k->ans.department && *k->ans.department)
			layout_field(&k->view.lay, "答复部门", lw, k->ans.department, LAYOUT_FIELD, -1);
		if (k->ans.answered_on && *k->ans.answered_on)
			layout_field(&k->view.lay, "答复日期", lw, k->ans.answered_on, LAYOUT_FIELD, -1);
		layout_blank(&k->view.lay);
		layout_field(&k->view.lay, "问题", lw, k->ans.question, LAYOUT_FIELD, -1);
		layout_blank(&k->view.lay);
		layout_para(&k->view.lay, "【答复】", strlen("【答复】"), 0, 0, LAYOUT_HEADING, -1);
		layout_body(&k->view.lay, k->ans.answer);
		return;
	}
	layout_field(&k->view.lay, "状态", lw, k->overdue ? "尚未答复，已超期" : "尚未答复",
		     k->overdue ? LAYOUT_WARN : LAYOUT_FIELD, -1);
	line = xasprintf("%s%s", k->due_on, k->overdue ? " 已超期" : "");
	layout_field(&k->view.lay, "答复期限", lw, line, k->overdue ? LAYOUT_WARN : LAYOUT_FIELD, -1);
	free(line);
	layout_blank(&k->view.lay);
	if (k->overdue)
		layout_para(&k->view.lay,
			    "已超期：答复期限已过，还没有答复。可以向窗口工作人员反映。",
			    strlen("已超期：答复期限已过，还没有答复。可以向窗口工作人员反映。"), 0,
			    0, LAYOUT_WARN, -1);
	else
		layout_para(&k->view.lay,
			    "有关部门还在办理。答复到了以后（最晚在答复期限当天），再来这里查看。",
			    strlen("有关部门还在办理。答复到了以后（最晚在答复期限当天），再来这里查看。"),
			    0, 0, LAYOUT_TEXT, -1);
	if (!k->known)
		layout_para(&k->view.lay, "（这个问题不是在本机登记的：答复期限按编号上的日期计算。）",
			    strlen("（这个问题不是在本机登记的：答复期限按编号上的日期计算。）"), 0, 0,
			    LAYOUT_TEXT, -1);
}

/* Opens the lookup with the 咨询编号 field ready. */
static int lk_enter(struct tui *t, void **state, const void *arg, char *err, size_t errlen)
{
	struct lk *k = xcalloc(1, sizeof *k);

	tui_form_init(t, &k->form, lk_items, 1, 0);
	lk_layout(t, k);
	*state = k;
	return 0;
}

/* Frees what was found. */
static void lk_leave(struct tui *t, void *state)
{
	struct lk *k = state;

	tui_form_free(t, &k->form);
	layout_free(&k->view.lay);
	db_consult_answer_free(&k->ans);
	free(k);
}

/* Lays the answer out again for a new width. */
static void lk_resize(struct tui *t, void *state)
{
	lk_layout(t, state);
}

/* Looks the 咨询编号 up: the answer, else the register's dates, else the
 * dates the number itself gives. */
static void lk_find(struct tui *t, struct lk *k)
{
	struct db_consult c;
	char err[256], received[11], day[11];
	const char *z;
	int rc;

	db_consult_no_clean(tui_field_text(&k->form.fields[0]), k->no, sizeof k->no);
	db_consult_answer_free(&k->ans);
	k->problem[0] = '\0';
	k->known = k->answered = k->overdue = 0;
	rc = db_consult_answer(tui_db(t), k->no, &k->ans, err, sizeof err);
	if (rc > 0) {
		k->answered = 1;
	} else if (rc == 0) {
		rc = db_consult_find(tui_db(t), k->no, tui_today(t), &c, err, sizeof err);
		if (rc > 0) {
			k->known = 1;
			snprintf(k->due_on, sizeof k->due_on, "%s", c.due_on);
		} else if (rc == 0) {
			/* registered at another kiosk: the number carries its day */
			z = strstr(k->no, "-Z-");
			while (z && strstr(z + 1, "-Z-"))
				z = strstr(z + 1, "-Z-");
			snprintf(day, sizeof day, "%.4s-%.2s-%.2s", z + 3, z + 7, z + 9);
			if (db_consult_dates(tui_db(t), day, received, k->due_on) < 0)
				rc = -1;
		}
		k->overdue = rc >= 0 && strcmp(k->due_on, tui_today(t)) < 0;
	}
	if (rc < 0) {
		snprintf(k->problem, sizeof k->problem, "暂时无法查询，请找工作人员。");
		return;
	}
	k->showing = 1;
	k->view.top = 0;
	tui_field_blur(t, &k->form.fields[0]);
	lk_layout(t, k);
}

/* Draws the field, or the answer. */
static void lk_draw(struct tui *t, void *state)
{
	struct lk *k = state;
	int rows = tui_rows(t), cols = tui_cols(t);

	if (k->showing) {
		char pos[64];

		tui_textview_pos(&k->view, rows - 4, pos, sizeof pos);
		tui_title(t, "查询答复", pos);
		tui_textview_draw(t, &k->view, 2, rows - 4, 2);
		return;
	}
	tui_title(t, "查询答复", tui_today(t));
	tui_put(t, 1, 2, cols - 4, "请填写咨询回执上的咨询编号，然后按回车。", TUI_NORMAL, 0);
	if (k->problem[0])
		tui_put(t, 9, 2, cols - 4, k->problem, TUI_WARN, 0);
	tui_form_draw(t, &k->form, 3, 5);
}

/* Typing, then the answer. */
static int lk_key(struct tui *t, void *state, const struct tui_event *ev)
{
	struct lk *k = state;

	if (k->showing) {
		if (ev->req == REQ_BACK || ev->req == REQ_ENTER) {
			k->showing = 0;
			lk_layout(t, k);
			tui_form_focus(t, &k->form, 0);
			return TUI_HANDLED | TUI_REDRAW;
		}
		return tui_textview_key(&k->view, ev, tui_rows(t) - 4);
	}
	if (ev->req == REQ_CLICK && !k->form.fields[k->form.focus].focused)
		tui_form_focus(t, &k->form, k->form.focus);
	switch (tui_form_key(t, &k->form, ev)) {
	case TUI_FORM_REDRAW:
		return TUI_HANDLED | TUI_REDRAW;
	case TUI_FORM_DONE:
		lk_find(t, k);
		return TUI_HANDLED | TUI_REDRAW;
	case TUI_FORM_BACK:
		return TUI_BREAK;
	default:
		return ev->req == REQ_CLICK ? TUI_HANDLED : 0;
	}
}

/* Keys go to the field while the question is on screen. */
static int lk_typing(void *state)
{
	const struct lk *k = state;

	return !k->showing;
}

/* The key line. */
static const struct tui_hint *lk_hints(void *state)
{
	static const struct tui_hint asking[] = {
		{ REQ_ENTER, "查询" }, { REQ_MODE, NULL }, { REQ_ERASE, NULL }, { REQ_BACK, "返回" },
		{ REQ_HOME, NULL }, { REQ_NONE, NULL },
	};
	static const struct tui_hint showing[] = {
		{ REQ_PGDN, NULL }, { REQ_PGUP, NULL }, { REQ_BACK, "再查一个" }, { REQ_HOME, NULL },
		{ REQ_NONE, NULL },
	};
	const struct lk *k = state;

	return k->showing ? showing : asking;
}

const struct tui_screen_ops tui_consult_lookup_ops = {
	.name = "consult_lookup",
	.enter = lk_enter,
	.draw = lk_draw,
	.key = lk_key,
	.resize = lk_resize,
	.leave = lk_leave,
	.hints = lk_hints,
	.typing = lk_typing,
};
