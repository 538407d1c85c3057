/*
 * screen_apply.c - the 申请政府信息公开 entry: its menu (填写申请, 查询进度,
 * 收费标准, 空白申请表), the status lookup (查询进度: 受理编号 and the last
 * four digits of the phone) and the fee estimate (收费标准, 国办函〔2020〕
 * 109号). The form itself is screen_apply_form.c.
 *
 * Without a usable [trust] seal_pubkey the menu says in plain words that
 * this kiosk cannot take applications yet and what to do, and offers only
 * the fee estimate and the blank form.
 */
#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/apply.h"
#include "kiosk/width.h"
#include "printing/apply_print.h"
#include "printing/print.h"
#include "tui/screen_apply.h"
#include "tui/widget.h"

#define APPLY_TEXT_MAX 100 /* the widest a paragraph is laid out */

/* Returns the width text is laid out at on this terminal. */
static int apply_text_width(struct tui *t)
{
	int w = tui_cols(t) - 4;

	return w > APPLY_TEXT_MAX ? APPLY_TEXT_MAX : w < 10 ? 10 : w;
}

/* Decodes the office's sealing key. */
int tui_apply_key(struct tui *t, unsigned char pk[APPLY_PK_BYTES], char *msg, size_t msglen)
{
	const struct config *cfg = tui_config(t);

	if (!cfg || !cfg->seal_pubkey || !cfg->seal_pubkey[0]) {
		snprintf(msg, msglen, "没有填写县政府办公室的加密公钥（seal_pubkey）");
		return -1;
	}
	return apply_seal_key(cfg->seal_pubkey, pk, msg, msglen);
}

/* --- the blank form -------------------------------------------------------- */

/* The blank form's printout, owned by the print dialog. */
struct blank_src {
	struct apply_print sheet;
	char *kiosk;
	struct tui_print_choice choice;
};

/* Frees the blank form's source (the dialog's free_owned). */
static void blank_free(void *p)
{
	struct blank_src *b = p;

	if (!b)
		return;
	apply_print_free(&b->sheet);
	free(b->kiosk);
	free(b);
}

/* Fills the blank form's document (the choice's build). */
static int blank_build(void *ctx, struct print_doc *doc, char *err, size_t errlen)
{
	struct blank_src *b = ctx;

	apply_print_free(&b->sheet);
	apply_print_blank(&b->sheet, b->kiosk, doc);
	return 0;
}

/* Opens the print dialog for the blank form. */
int tui_apply_print_blank(struct tui *t)
{
	struct blank_src *b = xcalloc(1, sizeof *b);
	const struct config *cfg = tui_config(t);
	struct tui_print_job job = { 0 };
	struct tui_print_arg a;

	if (cfg && cfg->max_pages_per_session <= 0) {
		free(b);
		tui_message(t, "这台机器暂不提供打印；空白申请表请到窗口向工作人员领取");
		return TUI_HANDLED | TUI_REDRAW;
	}
	b->kiosk = xstrdup(cfg && cfg->kiosk_name ? cfg->kiosk_name : "");
	b->choice.label = "空白申请表";
	b->choice.build = blank_build;
	b->choice.ctx = b;
	job.kind = PRINT_LOG_BLANK_FORM;
	job.title = APPLY_PRINT_BLANK_TITLE;
	job.index_no = "";
	job.choices = &b->choice;
	job.nchoices = 1;
	a.job = &job;
	a.owned = b;
	a.free_owned = blank_free;
	if (tui_push(t, &tui_print_ops, &a) < 0)
		blank_free(b);
	return TUI_HANDLED | TUI_REDRAW;
}

/* --- the menu -------------------------------------------------------------- */

enum { ACT_FORM, ACT_STATUS, ACT_FEE, ACT_BLANK };

static const struct menu_item {
	int act;
	const char *label;
	const char *note;
	int needs_key; /* offered only when the kiosk can accept applications */
} menu_items[] = {
	{ ACT_FORM, "填写申请", "一步一步回答，当场打印申请表和回执", 1 },
	{ ACT_STATUS, "查询进度", "用受理编号和联系电话后四位查询", 1 },
	{ ACT_FEE, "收费标准", "一般不收费；算一算要不要交费", 0 },
	{ ACT_BLANK, "空白申请表", "打印一张空白表，带回家填写", 0 },
};

#define MENU_N ((int)(sizeof menu_items / sizeof menu_items[0]))

struct menu {
	int can;          /* the kiosk can accept applications */
	char why[256];    /* why not */
	int items[MENU_N]; /* menu_items offered, in order */
	int n;
	struct tui_list list;
	struct tui_textview intro;
	int width;
};

/* Lays the introduction out for the current width. */
static void menu_layout(struct tui *t, struct menu *m)
{
	static const char can[] =
		"向政府申请公开您需要、但还没有公开的政府信息。申请一般不收费，"
		"办理机关自收到申请之日起20个工作日内答复。";
	static const char cannot[] = "这台机器现在还不能受理政府信息公开申请。";
	static const char todo[] =
		"要申请的话，请到便民服务中心窗口找工作人员，当面提交；也可以先打印一张空白申请表，"
		"填好后交到窗口。";
	static const char staff[] =
		"（工作人员请注意：需要在设置中填写县政府办公室的加密公钥 seal_pubkey，本机才能受理申请。）";

	layout_free(&m->intro.lay);
	m->width = apply_text_width(t);
	layout_init(&m->intro.lay, m->width);
	if (m->can) {
		layout_para(&m->intro.lay, can, strlen(can), 0, 0, LAYOUT_TEXT, -1);
	} else {
		layout_para(&m->intro.lay, cannot, strlen(cannot), 0, 0, LAYOUT_WARN, -1);
		layout_para(&m->intro.lay, todo, strlen(todo), 0, 0, LAYOUT_TEXT, -1);
		layout_para(&m->intro.lay, staff, strlen(staff), 0, 0, LAYOUT_TEXT, -1);
	}
}

/* Opens the menu: can the kiosk take applications? */
static int menu_enter(struct tui *t, void **state, const void *arg, char *err, size_t errlen)
{
	struct menu *m = xcalloc(1, sizeof *m);
	unsigned char pk[APPLY_PK_BYTES];

	m->can = tui_apply_key(t, pk, m->why, sizeof m->why) == 0;
	sodium_memzero(pk, sizeof pk);
	for (int i = 0; i < MENU_N; i++)
		if (m->can || !menu_items[i].needs_key)
			m->items[m->n++] = i;
	m->list.n = m->n;
	m->list.rh = 2;
	menu_layout(t, m);
	*state = m;
	return 0;
}

/* Frees the menu. */
static void menu_leave(struct tui *t, void *state)
{
	struct menu *m = state;

	layout_free(&m->intro.lay);
	free(m);
}

/* Lays the text out again for a new width. */
static void menu_resize(struct tui *t, void *state)
{
	menu_layout(t, state);
}

/* Draws one entry: its digit, label and note. */
static void menu_row(struct tui *t, void *ctx, int i, int y, int selected)
{
	const struct menu *m = ctx;
	const struct menu_item *it = &menu_items[m->items[i]];
	int cols = tui_cols(t), x = 2, role = selected ? TUI_SELECTED : TUI_NORMAL;
	char num[16];

	if (selected) {
		tui_fill(t, y, 0, cols, TUI_SELECTED);
		tui_put(t, y, 0, 1, "▶", TUI_SELECTED, 0);
	}
	snprintf(num, sizeof num, " %d ", i + 1);
	x += tui_put(t, y, x, 4, num, TUI_KEY, 0);
	x += tui_put(t, y, x, 2, "  ", role, 0);
	x += tui_put(t, y, x, 12, it->label, selected ? TUI_SELECTED : TUI_HEADING, 0);
	if (cols - x > 16) {
		int w = 12 - width_str(it->label);

		x += tui_put(t, y, x, w > 0 ? w : 1, "", role, 1);
		tui_put(t, y, x, cols - x - 1, it->note, role, 0);
	}
}

/* Draws the introduction and the entries. */
static void menu_draw(struct tui *t, void *state)
{
	struct menu *m = state;
	int rows = tui_rows(t), y = 2, shown = m->intro.lay.n;

	tui_title(t, "申请政府信息公开", tui_today(t));
	if (shown > rows - 6 - 2 * m->n)
		shown = rows - 6 - 2 * m->n > 1 ? rows - 6 - 2 * m->n : 1;
	tui_textview_draw(t, &m->intro, y, shown, 2);
	y += shown + 1;
	tui_list_draw(t, &m->list, y, rows - 2 - y, menu_row, m);
}

/* Opens entry i. */
static int menu_open(struct tui *t, struct menu *m, int i)
{
	if (i < 0 || i >= m->n)
		return TUI_HANDLED;
	m->list.sel = i;
	switch (menu_items[m->items[i]].act) {
	case ACT_FORM:
		tui_push(t, &tui_apply_form_ops, NULL);
		break;
	case ACT_STATUS:
		tui_push(t, &tui_apply_status_ops, NULL);
		break;
	case ACT_FEE:
		tui_push(t, &tui_apply_fee_ops, NULL);
		break;
	default:
		return tui_apply_print_blank(t);
	}
	return TUI_HANDLED | TUI_REDRAW;
}

/* Digits, arrows, Enter and taps. */
static int menu_key(struct tui *t, void *state, const struct tui_event *ev)
{
	struct menu *m = state;
	int r;

	if (ev->text && ev->ch >= '1' && ev->ch <= '9')
		return menu_open(t, m, ev->ch - '1');
	if (ev->req == REQ_ENTER)
		return menu_open(t, m, m->list.sel);
	r = tui_list_key(t, &m->list, ev);
	if (r & TUI_LIST_CLICKED)
		return menu_open(t, m, m->list.sel);
	if (ev->req == REQ_CLICK)
		return TUI_HANDLED;
	return r;
}

/* The menu's key line. */
static const struct tui_hint *menu_hints(void *state)
{
	static const struct tui_hint hints[] = {
		{ REQ_DOWN, NULL }, { REQ_ENTER, NULL }, { REQ_BACK, NULL }, { REQ_HOME, NULL },
		{ REQ_HELP, NULL }, { REQ_NONE, NULL },
	};
	return hints;
}

const struct tui_screen_ops tui_apply_menu_ops = {
	.name = "apply",
	.enter = menu_enter,
	.draw = menu_draw,
	.key = menu_key,
	.resize = menu_resize,
	.leave = menu_leave,
	.hints = menu_hints,
};

/* --- 查询进度 -------------------------------------------------------------- */

/* Checks the last four digits of the phone. */
static int status_check_tail(const char *text, char *msg, size_t msglen)
{
	int n = 0;

	for (const char *p = text; *p; p++) {
		if (*p == ' ')
			continue;
		if (!isdigit((unsigned char)*p)) {
			snprintf(msg, msglen, "这里只填数字：联系电话的最后四位");
			return -1;
		}
		n++;
	}
	if (n != 4) {
		snprintf(msg, msglen, "请填联系电话的最后四位数字");
		return -1;
	}
	return 0;
}

/* Checks a 受理编号's characters (letters, digits, dashes). */
static int status_check_no(const char *text, char *msg, size_t msglen)
{
	for (const char *p = text; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != ' ') {
			snprintf(msg, msglen, "受理编号只有字母、数字和短横线，请照回执上的填写");
			return -1;
		}
	return 0;
}

static const struct tui_form_item status_items[] = {
	{ "受理编号", "例如：XH-DX-01-20261124-0001（在回执上）", TUI_FIELD_NUMBER,
	  APPLY_TRACKING_MAX - 1, 1, status_check_no },
	{ "联系电话后四位", "例如：5678（申请时填的联系电话的最后四位）", TUI_FIELD_NUMBER, 4, 1,
	  status_check_tail },
};

struct status {
	struct tui_form form;
	int showing;      /* the answer is on screen */
	char notfound[256];
	struct tui_textview view;
	int width;
	struct db_app app;
};

/* Lays the answer out. */
static void status_layout(struct tui *t, struct status *s)
{
	const struct db_app *a = &s->app;
	char explain[1024], *line;
	int lw = 10;

	layout_free(&s->view.lay);
	s->width = apply_text_width(t);
	layout_init(&s->view.lay, s->width);
	if (!s->showing)
		return;
	layout_field(&s->view.lay, "受理编号", lw, a->tracking_no, LAYOUT_FIELD, -1);
	layout_field(&s->view.lay, "提交时间", lw, a->submitted_at, LAYOUT_FIELD, -1);
	layout_field(&s->view.lay, "收到日期", lw, a->received_on, LAYOUT_FIELD, -1);
	if (a->overdue) {
		line = xasprintf("%s 已超期", a->due_on);
		layout_field(&s->view.lay, "答复期限", lw, line, LAYOUT_WARN, -1);
		free(line);
	} else if (!a->due_on[0]) {
		layout_field(&s->view.lay, "答复期限", lw, "暂停计算（等您补正以后重新计算）",
			     LAYOUT_FIELD, -1);
	} else {
		layout_field(&s->view.lay, "答复期限", lw, a->due_on, LAYOUT_FIELD, -1);
	}
	layout_field(&s->view.lay, "状态", lw, a->status, a->overdue ? LAYOUT_WARN : LAYOUT_FIELD,
		     -1);
	if (a->overdue)
		layout_field(&s->view.lay, "", lw,
			     "已超期：答复期限已过，还没有答复。可以向窗口工作人员反映，"
			     "也可以向上一级机关投诉。",
			     LAYOUT_WARN, -1);
	if (a->reply_type[0]) {
		line = a->reply_sub[0] ? xasprintf("%s（%s）", a->reply_type, a->reply_sub)
				       : xstrdup(a->reply_type);
		layout_field(&s->view.lay, "答复类型", lw, line, LAYOUT_FIELD, -1);
		free(line);
	}
	if (a->reply_on[0])
		layout_field(&s->view.lay, "答复日期", lw, a->reply_on, LAYOUT_FIELD, -1);
	if (a->reply_note[0])
		layout_field(&s->view.lay, "答复说明", lw, a->reply_note, LAYOUT_FIELD, -1);
	layout_blank(&s->view.lay);
	apply_explain(a->status, a->reply_type, a->reply_sub, explain, sizeof explain);
	layout_field(&s->view.lay, "这是什么意思", 14, explain, LAYOUT_FIELD, -1);
}

/* Opens the lookup with the 受理编号 field ready. */
static int status_enter(struct tui *t, void **state, const void *arg, char *err, size_t errlen)
{
	struct status *s = xcalloc(1, sizeof *s);

	tui_form_init(t, &s->form, status_items, 2, 0);
	status_layout(t, s);
	*state = s;
	return 0;
}

/* Wipes what was typed and found. */
static void status_leave(struct tui *t, void *state)
{
	struct status *s = state;

	tui_form_free(t, &s->form);
	layout_free(&s->view.lay);
	sodium_memzero(s, sizeof *s);
	free(s);
}

/* Lays the answer out again for a new width. */
static void status_resize(struct tui *t, void *state)
{
	status_layout(t, state);
}

/* Looks the application up. */
static void status_find(struct tui *t, struct status *s)
{
	char no[APPLY_TRACKING_MAX], tail[8], err[256];
	const char *p;
	size_t k = 0;
	int rc;

	/* The kiosk id is written in capitals; spaces typed are dropped. */
	for (p = tui_field_text(&s->form.fields[0]); *p && k + 1 < sizeof no; p++)
		if (*p != ' ')
			no[k++] = (char)toupper((unsigned char)*p);
	no[k] = '\0';
	k = 0;
	for (p = tui_field_text(&s->form.fields[1]); *p && k + 1 < sizeof tail; p++)
		if (*p != ' ')
			tail[k++] = *p;
	tail[k] = '\0';
	s->notfound[0] = '\0';
	rc = db_apply_find(tui_db(t), no, tail, tui_today(t), &s->app, err, sizeof err);
	sodium_memzero(tail, sizeof tail);
	if (rc < 0) {
		snprintf(s->notfound, sizeof s->notfound, "暂时无法查询，请找工作人员。");
	} else if (rc == 0) {
		snprintf(s->notfound, sizeof s->notfound,
			 "没有找到这份申请。请对照回执核对受理编号和联系电话后四位，再试一次；"
			 "也可以问窗口工作人员。");
	} else {
		s->showing = 1;
		s->view.top = 0;
		tui_field_blur(t, &s->form.fields[s->form.focus]);
		status_layout(t, s);
	}
}

/* Draws the two fields, or the answer. */
static void status_draw(struct tui *t, void *state)
{
	struct status *s = state;
	int rows = tui_rows(t), cols = tui_cols(t);

	if (s->showing) {
		char pos[64];

		tui_textview_pos(&s->view, rows - 4, pos, sizeof pos);
		tui_title(t, "查询进度", pos);
		tui_textview_draw(t, &s->view, 2, rows - 4, 2);
		return;
	}
	tui_title(t, "查询进度", tui_today(t));
	tui_put(t, 1, 2, cols - 4, "请填写回执上的受理编号，和申请时填的联系电话的最后四位，然后按回车。",
		TUI_NORMAL, 0);
	if (s->notfound[0]) {
		struct layout lay;

		layout_init(&lay, apply_text_width(t));
		layout_para(&lay, s->notfound, strlen(s->notfound), 0, 0, LAYOUT_WARN, -1);
		for (int i = 0; i < lay.n && i < 2; i++)
			tui_put(t, 10 + i, 2, cols - 4, lay.lines[i].text, TUI_WARN, 0);
		layout_free(&lay);
	}
	tui_form_draw(t, &s->form, 3, 6);
}

/* Typing, then the answer. */
static int status_key(struct tui *t, void *state, const struct tui_event *ev)
{
	struct status *s = state;

	if (s->showing) {
		if (ev->req == REQ_BACK || ev->req == REQ_ENTER) {
			/* Back to the question, to look up another one. */
			s->showing = 0;
			status_layout(t, s);
			tui_form_focus(t, &s->form, 0);
			return TUI_HANDLED | TUI_REDRAW;
		}
		return tui_textview_key(&s->view, ev, tui_rows(t) - 4);
	}
	if (ev->req == REQ_CLICK && !s->form.fields[s->form.focus].focused)
		tui_form_focus(t, &s->form, s->form.focus);
	switch (tui_form_key(t, &s->form, ev)) {
	case TUI_FORM_REDRAW:
		if (ev->req != REQ_ENTER)
			s->notfound[0] = '\0';
		return TUI_HANDLED | TUI_REDRAW;
	case TUI_FORM_DONE:
		status_find(t, s);
		return TUI_HANDLED | TUI_REDRAW;
	case TUI_FORM_BACK:
		return TUI_BREAK;
	default:
		return ev->req == REQ_CLICK ? TUI_HANDLED : 0;
	}
}

/* Keys go to the fields while the question is on screen. */
static int status_typing(void *state)
{
	const struct status *s = state;

	return !s->showing;
}

/* The key line. */
static const struct tui_hint *status_hints(void *state)
{
	static const struct tui_hint asking[] = {
		{ REQ_ENTER, "下一项" }, { REQ_UP, "上一项" }, { REQ_MODE, NULL }, { REQ_ERASE, NULL },
		{ REQ_BACK, "返回" }, { REQ_HOME, NULL }, { REQ_NONE, NULL },
	};
	static const struct tui_hint showing[] = {
		{ REQ_PGDN, NULL }, { REQ_PGUP, NULL }, { REQ_BACK, "再查一份" }, { REQ_HOME, NULL },
		{ REQ_NONE, NULL },
	};
	const struct status *s = state;

	return s->showing ? showing : asking;
}

const struct tui_screen_ops tui_apply_status_ops = {
	.name = "apply_status",
	.enter = status_enter,
	.draw = status_draw,
	.key = status_key,
	.resize = status_resize,
	.leave = status_leave,
	.hints = status_hints,
	.typing = status_typing,
};

/* --- 收费标准 -------------------------------------------------------------- */

/* Checks a whole number of applications or pages. */
static int fee_check(const char *text, char *msg, size_t msglen)
{
	int n = 0;

	for (const char *p = text; *p; p++) {
		if (*p == ' ')
			continue;
		if (!isdigit((unsigned char)*p)) {
			snprintf(msg, msglen, "这里只填数字，例如 12");
			return -1;
		}
		n++;
	}
	if (n > 6) {
		snprintf(msg, msglen, "数字太大了，请再看一看");
		return -1;
	}
	return 0;
}

static const struct tui_form_item fee_items[] = {
	{ "按件：本月第几件", "例如：12（同一个人这个月的第 12 件申请）", TUI_FIELD_NUMBER, 6, 0,
	  fee_check },
	{ "按量：一共几页", "例如：45（一件申请要的信息有 45 页）", TUI_FIELD_NUMBER, 6, 0, fee_check },
};

struct fee {
	struct tui_form form;
	struct tui_textview intro;
	int width;
};

/* Lays the explanation out. */
static void fee_layout(struct tui *t, struct fee *f)
{
	static const char *const paras[] = {
		"申请政府信息公开一般不收费。",
		"只有同一个人申请特别多、或者一次要的信息特别多的时候，才按国家规定（国办函〔2020〕109号）"
		"收取信息处理费，两种办法只用一种：",
		"按件：一个自然月里第1到10件不收费，第11到30件每件100元，以后每多10件、每件再加100元"
		"（第31到40件每件200元，第41到50件每件300元……）。",
		"按量：一件申请的信息30页以内不收费，第31到100页每页10元，第101到200页每页20元，"
		"201页起每页40元。",
	};

	layout_free(&f->intro.lay);
	f->width = apply_text_width(t);
	layout_init(&f->intro.lay, f->width);
	for (size_t i = 0; i < sizeof paras / sizeof paras[0]; i++)
		layout_para(&f->intro.lay, paras[i], strlen(paras[i]), 0, i >= 2 ? 6 : 0,
			    i ? LAYOUT_TEXT : LAYOUT_HEADING, -1);
}

/* Opens the fee estimate. */
static int fee_enter(struct tui *t, void **state, const void *arg, char *err, size_t errlen)
{
	struct fee *f = xcalloc(1, sizeof *f);

	tui_form_init(t, &f->form, fee_items, 2, 0);
	fee_layout(t, f);
	*state = f;
	return 0;
}

/* Frees it. */
static void fee_leave(struct tui *t, void *state)
{
	struct fee *f = state;

	tui_form_free(t, &f->form);
	layout_free(&f->intro.lay);
	free(f);
}

/* Lays out again for a new width. */
static void fee_resize(struct tui *t, void *state)
{
	fee_layout(t, state);
}

/* Reads a field as a whole number; -1 when empty or not a number. */
static long fee_number(const struct tui_field *fl)
{
	const char *s = tui_field_text(fl);
	long n = 0;
	int any = 0;

	for (; *s; s++) {
		if (*s == ' ')
			continue;
		if (!isdigit((unsigned char)*s) || n > 1000000)
			return -1;
		n = n * 10 + (*s - '0');
		any = 1;
	}
	return any ? n : -1;
}

/* Draws the explanation, the two questions and the fees. */
static void fee_draw(struct tui *t, void *state)
{
	struct fee *f = state;
	int rows = tui_rows(t), cols = tui_cols(t), shown = f->intro.lay.n, y;
	long count = fee_number(&f->form.fields[0]), pages = fee_number(&f->form.fields[1]);
	char a[32], b[32], line[256];

	tui_title(t, "收费标准", tui_today(t));
	if (shown > rows - 13)
		shown = rows - 13 > 1 ? rows - 13 : 1;
	tui_textview_draw(t, &f->intro, 1, shown, 2);
	y = shown + 2;
	/* The fees first, so the candidate bar under a field never hides them. */
	if (count > 0) {
		print_format_yuan(apply_fee_by_count(count) - apply_fee_by_count(count - 1), a, sizeof a);
		print_format_yuan(apply_fee_by_count(count), b, sizeof b);
		snprintf(line, sizeof line, "按件：第 %ld 件收 %s 元；本月这 %ld 件一共 %s 元", count, a,
			 count, b);
	} else {
		snprintf(line, sizeof line, "按件：填上本月第几件申请，就能算出费用");
	}
	tui_put(t, y + 6, 2, cols - 4, line, count > 0 ? TUI_HEADING : TUI_NORMAL, 0);
	if (pages >= 0) {
		print_format_yuan(apply_fee_by_pages(pages), a, sizeof a);
		snprintf(line, sizeof line, "按量：%ld 页收 %s 元", pages, a);
	} else {
		snprintf(line, sizeof line, "按量：填上一共几页，就能算出费用");
	}
	tui_put(t, y + 7, 2, cols - 4, line, pages >= 0 ? TUI_HEADING : TUI_NORMAL, 0);
	tui_form_draw(t, &f->form, y, 6);
}

/* Typing; Esc goes back. */
static int fee_key(struct tui *t, void *state, const struct tui_event *ev)
{
	struct fee *f = state;

	switch (tui_form_key(t, &f->form, ev)) {
	case TUI_FORM_REDRAW:
		return TUI_HANDLED | TUI_REDRAW;
	case TUI_FORM_DONE:
		tui_form_focus(t, &f->form, 0);
		return TUI_HANDLED | TUI_REDRAW;
	case TUI_FORM_BACK:
		return TUI_BREAK;
	default:
		return ev->req == REQ_CLICK ? TUI_HANDLED : 0;
	}
}

/* Keys always go to the fields. */
static int fee_typing(void *state)
{
	return 1;
}

/* The key line. */
static const struct tui_hint *fee_hints(void *state)
{
	static const struct tui_hint hints[] = {
		{ REQ_ENTER, "下一项" }, { REQ_UP, "上一项" }, { REQ_ERASE, NULL }, { REQ_BACK, "返回" },
		{ REQ_HOME, NULL }, { REQ_NONE, NULL },
	};
	return hints;
}

const struct tui_screen_ops tui_apply_fee_ops = {
	.name = "apply_fee",
	.enter = fee_enter,
	.draw = fee_draw,
	.key = fee_key,
	.resize = fee_resize,
	.leave = fee_leave,
	.hints = fee_hints,
	.typing = fee_typing,
};
