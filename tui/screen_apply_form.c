/*
 * screen_apply_form.c - filing a 政府信息公开申请, one question per screen in
 * the order of interfaces.md "Applications (申请)": 申请人类型, 姓名/名称,
 * 证件类型/证件号码, 联系电话, 所需信息 (then the documents already
 * published that match it, 条例 Art. 36 (1)), 提供方式/获取方式, 确认; then
 * the submission, the printouts and the receipt on screen.
 *
 * Choices are lists (a digit, Enter or a tap); text questions are one
 * tui_form per step with one_per_screen, so Esc goes back one question
 * and nothing typed is lost going back. The title bar (row 0) names the
 * question; the form's own step line is overwritten with the seven steps
 * of the whole application.
 *
 * Privacy: the answers live in the forms' fields and in one struct
 * apply_form; the leave op (also run by the idle wipe and at exit) wipes
 * both. The 证件号码 is kept in the apply_form once accepted and its field
 * emptied, so a full resident id is never shown again: the confirmation,
 * the receipt and the printouts show apply_mask_id().
 */
#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/apply.h"
#include "db/browse.h"
#include "kiosk/width.h"
#include "printing/apply_print.h"
#include "tui/screen_apply.h"
#include "tui/speech_view.h"
#include "tui/widget.h"

#define AP_STEPS 7
#define AP_FOUND_MAX 8  /* published documents shown on step 5 */
#define AP_TEXT_MAX 100 /* the widest a paragraph is laid out */

/* The screens of the form, in order. */
enum ap_screen {
	S_TYPE,    /* 1 申请人类型 */
	S_ORGKIND, /* 1 its kind (法人或其他组织) */
	S_NAME,    /* 2 姓名 / 名称, 统一社会信用代码, 法定代表人 */
	S_IDTYPE,  /* 3 证件类型 */
	S_IDNO,    /* 3 证件号码 */
	S_CONTACT, /* 4 联系电话, 通信地址, 邮政编码, 电子邮箱 */
	S_INFO,    /* 5 所需信息, 文号或索引号 */
	S_FOUND,   /* 5 documents already published */
	S_MEDIUM,  /* 6 提供方式 */
	S_PICKUP,  /* 6 获取方式 */
	S_CONFIRM, /* 7 确认 */
	S_DONE     /* the receipt */
};

static const struct {
	int step;
	const char *title; /* the title bar's words (S_NAME: by applicant type) */
} ap_screens[] = {
	[S_TYPE] = { 1, "申请人类型" },   [S_ORGKIND] = { 1, "申请人类型" },
	[S_NAME] = { 2, "姓名" },         [S_IDTYPE] = { 3, "证件类型" },
	[S_IDNO] = { 3, "证件号码" },     [S_CONTACT] = { 4, "联系电话" },
	[S_INFO] = { 5, "所需信息" },     [S_FOUND] = { 5, "所需信息" },
	[S_MEDIUM] = { 6, "提供方式" },   [S_PICKUP] = { 6, "获取方式" },
	[S_CONFIRM] = { 7, "确认" },      [S_DONE] = { 7, "申请已提交" },
};

/* --- the questions ----------------------------------------------------------- */

static const struct tui_form_item person_items[] = {
	{ "姓名", "例如：王秀英（请写身份证上的名字）", TUI_FIELD_NAME, APPLY_NAME_CHARS, 1,
	  apply_check_text },
};
static const struct tui_form_item org_items[] = {
	{ "名称", "例如：东乡镇红星农机专业合作社（写全称）", TUI_FIELD_TEXT, APPLY_NAME_CHARS, 1,
	  apply_check_text },
	{ "统一社会信用代码", "例如：91500237MA5U4XXX7K（18位，在营业执照上；没有可以不填）",
	  TUI_FIELD_NUMBER, APPLY_SHORT_CHARS, 0, apply_check_credit_code },
	{ "法定代表人", "例如：李建国（没有可以不填）", TUI_FIELD_NAME, APPLY_NAME_CHARS, 0,
	  apply_check_text },
};
/* 证件号码: required is enforced by the screen (an accepted number is kept
 * out of the field), the check by the 证件类型. */
static const struct tui_form_item id_resident_items[] = {
	{ "证件号码", "例如：500237195001011234（18位身份证号码，最后一位可能是X）",
	  TUI_FIELD_NUMBER, APPLY_SHORT_CHARS, 0, apply_check_resident_id },
};
static const struct tui_form_item id_other_items[] = {
	{ "证件号码", "例如：E12345678（照证件上的号码填写）", TUI_FIELD_NUMBER, APPLY_SHORT_CHARS, 0,
	  apply_check_text },
};
static const struct tui_form_item contact_items[] = {
	{ "联系电话", "例如：13812345678，或带区号的座机 0818-1234567", TUI_FIELD_NUMBER,
	  APPLY_SHORT_CHARS, 1, apply_check_phone },
	{ "通信地址", "例如：东乡镇红星村三组12号（选邮寄的必须填；不邮寄可以不填）", TUI_FIELD_TEXT,
	  APPLY_ADDR_CHARS, 0, apply_check_text },
	{ "邮政编码", "例如：636000（可以不填）", TUI_FIELD_NUMBER, APPLY_SHORT_CHARS, 0,
	  apply_check_postcode },
	{ "电子邮箱", "例如：wangfang@163.com（要电子邮件的必须填；没有可以不填）", TUI_FIELD_NUMBER,
	  APPLY_ADDR_CHARS, 0, apply_check_email },
};
static const struct tui_form_item info_items[] = {
	{ "所需信息", "例如：2025年东乡镇红星村道路硬化工程的招标文件和验收报告", TUI_FIELD_TEXT,
	  APPLY_INFO_CHARS, 1, apply_check_text },
	{ "文号或索引号", "例如：东府发〔2025〕12号（知道就填，不知道可以不填）", TUI_FIELD_NUMBER,
	  APPLY_ADDR_CHARS, 0, apply_check_text },
};

/* What each list question offers. */
static const char *const ap_types[] = { "公民", "法人或其他组织" };
static const char *const ap_type_notes[] = { "以个人名义申请", "以企业、单位、社会组织名义申请" };

/* A published document found for the description. */
struct ap_found {
	long long id;
	char *title, *date;
};

struct ap {
	struct tui_speech speech; /* 朗读 of the receipt */
	struct layout say;        /* what is read */
	struct apply_form form; /* the answers (text fields copied in at confirmation) */
	int by_staff;
	unsigned char pk[APPLY_PK_BYTES];
	int screen;             /* enum ap_screen */
	int editing;            /* came from 确认 to change one answer */
	int edit_type;          /* the 申请人类型 when that edit began */
	struct tui_list list;   /* the list question on screen */
	struct tui_form f_person, f_org, f_id, f_contact, f_info;
	char id_note[320];      /* 证件号码: what is kept, masked */
	/* step 5 */
	struct ap_found found[AP_FOUND_MAX];
	int nfound;
	int found_failed;
	/* 确认 */
	char problem[512];      /* why it cannot be submitted yet */
	int submit_y, submit_x0, submit_x1; /* the 提交 button */
	/* after submission */
	struct apply_stamp stamp;
	struct tui_apply_printing *printing;
	int print_failed;       /* TUI_APPLY_PRINT_* that did not print */
	char print_msg[512];
	int printed_once;       /* the first attempt has ended */
};

/* Returns the text form on screen, or NULL on a list or page. */
static struct tui_form *ap_form(struct ap *a)
{
	switch (a->screen) {
	case S_NAME:
		return a->form.applicant == APPLY_ORG ? &a->f_org : &a->f_person;
	case S_IDNO:
		return &a->f_id;
	case S_CONTACT:
		return &a->f_contact;
	case S_INFO:
		return &a->f_info;
	default:
		return NULL;
	}
}

/* Returns the choices of the list question on screen; *n gets their number. */
static const char *const *ap_choices(const struct ap *a, int *n)
{
	switch (a->screen) {
	case S_TYPE:
		*n = 2;
		return ap_types;
	case S_ORGKIND:
		*n = APPLY_ORG_N;
		return apply_org_kinds;
	case S_IDTYPE:
		*n = APPLY_ID_OTHER_N;
		return apply_id_types;
	case S_MEDIUM:
		*n = APPLY_MEDIUM_N;
		return apply_media;
	case S_PICKUP:
		*n = APPLY_PICKUP_N;
		return apply_pickups;
	default:
		*n = 0;
		return NULL;
	}
}

/* Returns the answer a list question has now. */
static int *ap_choice_slot(struct ap *a)
{
	switch (a->screen) {
	case S_TYPE:
		return &a->form.applicant;
	case S_ORGKIND:
		return &a->form.org_kind;
	case S_IDTYPE:
		return &a->form.id_type;
	case S_MEDIUM:
		return &a->form.medium;
	case S_PICKUP:
		return &a->form.pickup;
	default:
		return NULL;
	}
}

/* Copies the text answers from the fields into the form (the 证件号码 is
 * copied when it is accepted). */
static void ap_sync(struct ap *a)
{
	struct apply_form *f = &a->form;

	if (f->applicant == APPLY_ORG) {
		apply_copy(f->name, sizeof f->name, tui_field_text(&a->f_org.fields[0]));
		apply_copy(f->credit_code, sizeof f->credit_code, tui_field_text(&a->f_org.fields[1]));
		apply_copy(f->legal_rep, sizeof f->legal_rep, tui_field_text(&a->f_org.fields[2]));
	} else {
		apply_copy(f->name, sizeof f->name, tui_field_text(&a->f_person.fields[0]));
		f->credit_code[0] = '\0';
		f->legal_rep[0] = '\0';
	}
	apply_copy(f->phone, sizeof f->phone, tui_field_text(&a->f_contact.fields[0]));
	apply_copy(f->address, sizeof f->address, tui_field_text(&a->f_contact.fields[1]));
	apply_copy(f->postcode, sizeof f->postcode, tui_field_text(&a->f_contact.fields[2]));
	apply_copy(f->email, sizeof f->email, tui_field_text(&a->f_contact.fields[3]));
	apply_copy(f->info, sizeof f->info, tui_field_text(&a->f_info.fields[0]));
	apply_copy(f->doc_no, sizeof f->doc_no, tui_field_text(&a->f_info.fields[1]));
}

/* --- the published documents of step 5 ------------------------------------------ */

/* Forgets the documents found. */
static void ap_found_free(struct ap *a)
{
	for (int i = 0; i < a->nfound; i++) {
		free(a->found[i].title);
		free(a->found[i].date);
	}
	a->nfound = 0;
}

/* Adds the bulletins matching text, leaving out those already found.
 * Returns 0 or -1. */
static int ap_found_add(struct tui *t, struct ap *a, const char *text)
{
	struct browse_query q = { BROWSE_BULLETINS, NULL, NULL, 0, text };
	struct browse_page pg = { 0 };
	char err[256];

	if (a->nfound >= AP_FOUND_MAX || tui_search_chars(text) < 2)
		return 0;
	if (browse_list(tui_db(t), &q, NULL, BROWSE_NEXT, AP_FOUND_MAX, &pg, err, sizeof err) < 0)
		return -1;
	for (int i = 0; i < pg.n && a->nfound < AP_FOUND_MAX; i++) {
		int seen = 0;

		for (int k = 0; k < a->nfound; k++)
			seen |= a->found[k].id == pg.items[i].id;
		if (seen)
			continue;
		a->found[a->nfound].id = pg.items[i].id;
		a->found[a->nfound].title = xstrdup(pg.items[i].title);
		a->found[a->nfound].date = xstrdup(pg.items[i].date);
		a->nfound++;
	}
	browse_page_free(&pg);
	return 0;
}

/* Returns 1 when cp separates the parts of a description searched one by
 * one: spaces, punctuation, and 的 (which joins two things asked for). */
static int ap_separator(uint32_t cp)
{
	return (cp < 0x80 && !isalnum((int)cp)) || (cp >= 0x3000 && cp <= 0x303f) ||
	       (cp >= 0xff01 && cp <= 0xff0f) || (cp >= 0xff1a && cp <= 0xff20) ||
	       (cp >= 0xff3b && cp <= 0xff40) || (cp >= 0xff5b && cp <= 0xff65) || cp == 0x7684;
}

/* Returns part without the words a request starts with ("我想要", "申请",
 * "关于" ...), which no title holds; part itself when nothing is left. */
static const char *ap_unfill(const char *part)
{
	static const char *const lead[] = {
		"我想要", "我想", "我要", "想要", "希望", "请求", "申请公开", "申请", "公开", "查询",
		"查看", "了解", "提供", "关于", "有关", "要", "看",
	};
	const char *p = part;
	int again = 1;

	while (again) {
		again = 0;
		for (size_t i = 0; i < sizeof lead / sizeof lead[0]; i++) {
			size_t n = strlen(lead[i]);

			if (strncmp(p, lead[i], n) == 0 && tui_search_chars(p + n) >= 2) {
				p += n;
				again = 1;
				break;
			}
		}
	}
	return p;
}

/* Searches the published documents for the description: as a whole, and
 * when that finds nothing, each of its parts, longest first (a villager
 * writes a sentence; titles hold its words). */
static void ap_search(struct tui *t, struct ap *a)
{
	const char *s = tui_field_text(&a->f_info.fields[0]);
	size_t n = strlen(s), i = 0;
	struct { size_t off, len; } parts[64];
	int np = 0;

	ap_found_free(a);
	a->found_failed = 0;
	if (ap_found_add(t, a, s) < 0) {
		a->found_failed = 1;
		return;
	}
	if (a->nfound > 0)
		return;
	while (i < n && np < 64) {
		size_t start = i;
		uint32_t cp;
		int k;

		while (i < n && (k = width_decode(s + i, n - i, &cp)) > 0 && !ap_separator(cp))
			i += (size_t)k;
		if (i > start) {
			parts[np].off = start;
			parts[np].len = i - start;
			np++;
		}
		if (i < n) {
			k = width_decode(s + i, n - i, &cp);
			i += (size_t)(k > 0 ? k : 1); /* the separator */
		}
	}
	/* Longest parts first: they say the most. */
	for (int x = 1; x < np; x++)
		for (int y = x; y > 0 && parts[y].len > parts[y - 1].len; y--) {
			size_t o = parts[y].off, l = parts[y].len;

			parts[y] = parts[y - 1];
			parts[y - 1].off = o;
			parts[y - 1].len = l;
		}
	for (int x = 0; x < np && a->nfound < AP_FOUND_MAX; x++) {
		char *part = xasprintf("%.*s", (int)parts[x].len, s + parts[x].off);
		int rc = ap_found_add(t, a, ap_unfill(part));

		sodium_memzero(part, strlen(part));
		free(part);
		if (rc < 0) {
			a->found_failed = 1;
			return;
		}
	}
}

/* --- moving between questions -------------------------------------------------- */

/* The 证件号码 question: the check its type needs; an accepted number is
 * kept out of the field and only named, masked. */
static void ap_id_setup(struct ap *a)
{
	char masked[APPLY_BYTES(APPLY_SHORT_CHARS)];

	a->f_id.items = a->form.id_type == APPLY_ID_RESIDENT ? id_resident_items : id_other_items;
	a->id_note[0] = '\0';
	if (a->form.id_no[0]) {
		apply_mask_id(a->form.id_no, masked, sizeof masked);
		snprintf(a->id_note, sizeof a->id_note, "已填写：%s。不用改就直接按回车；要改请重新输入。",
			 masked);
		sodium_memzero(masked, sizeof masked);
	}
}

/* Shows screen sc; a form gets focus on its first question, or on its last
 * when coming back to it. */
static void ap_go(struct tui *t, struct ap *a, int sc, int back)
{
	struct tui_form *fm = ap_form(a);
	int *slot;

	if (fm && fm->focus >= 0 && fm->focus < fm->n)
		tui_field_blur(t, &fm->fields[fm->focus]);
	a->screen = sc;
	if (sc == S_IDNO)
		ap_id_setup(a);
	fm = ap_form(a);
	if (fm)
		tui_form_focus(t, fm, back ? fm->n - 1 : 0);
	slot = ap_choice_slot(a);
	if (slot) {
		int n;

		ap_choices(a, &n);
		a->list = (struct tui_list){ .n = n, .sel = *slot >= 0 && *slot < n ? *slot : 0, .rh = 2 };
	}
	if (sc == S_FOUND)
		a->list = (struct tui_list){ .n = a->nfound, .sel = 0, .rh = 1 };
	if (sc == S_CONFIRM) {
		ap_sync(a);
		a->editing = 0;
		if (apply_form_check(&a->form, a->problem, sizeof a->problem) == 0)
			a->problem[0] = '\0';
	}
}

/* Goes on after screen sc was answered. */
static void ap_next(struct tui *t, struct ap *a)
{
	int sc = a->screen, next;

	switch (sc) {
	case S_TYPE:
		next = a->form.applicant == APPLY_ORG ? S_ORGKIND : S_NAME;
		if (a->editing && a->form.applicant == a->edit_type && next == S_NAME)
			next = S_CONFIRM;
		break;
	case S_ORGKIND:
		next = a->editing && a->edit_type == APPLY_ORG ? S_CONFIRM : S_NAME;
		break;
	case S_INFO:
		ap_search(t, a);
		next = S_FOUND;
		break;
	case S_NAME:
	case S_IDNO:
	case S_CONTACT:
	case S_FOUND:
	case S_PICKUP:
		next = a->editing ? S_CONFIRM : sc + 1;
		if (sc == S_PICKUP && next == S_CONFIRM) {
			/* 邮寄 needs the address, 电子邮件 the mailbox: ask for it now. */
			ap_sync(a);
			if ((a->form.medium == 1 || a->form.pickup == 2) && !a->form.email[0]) {
				ap_go(t, a, S_CONTACT, 0);
				tui_form_focus(t, &a->f_contact, 3);
				snprintf(a->f_contact.msg[3], sizeof a->f_contact.msg[3],
					 "选择了电子邮件，请填写电子邮箱");
				a->editing = 1;
				return;
			}
			if (a->form.pickup == 1 && !a->form.address[0]) {
				ap_go(t, a, S_CONTACT, 0);
				tui_form_focus(t, &a->f_contact, 1);
				snprintf(a->f_contact.msg[1], sizeof a->f_contact.msg[1],
					 "选择了邮寄，请填写通信地址");
				a->editing = 1;
				return;
			}
		}
		break;
	default:
		next = sc + 1;
		break;
	}
	ap_go(t, a, next, 0);
}

/* Goes back one question. Returns 1 when there is none before (the form
 * closes, back to the 申请 menu). */
static int ap_prev(struct tui *t, struct ap *a)
{
	int sc = a->screen, prev;

	if (a->editing && (sc == S_TYPE || sc == S_NAME || sc == S_IDTYPE || sc == S_CONTACT ||
			   sc == S_INFO || sc == S_MEDIUM)) {
		ap_go(t, a, S_CONFIRM, 0);
		return 0;
	}
	switch (sc) {
	case S_TYPE:
		return 1;
	case S_NAME:
		prev = a->form.applicant == APPLY_ORG ? S_ORGKIND : S_TYPE;
		break;
	case S_MEDIUM:
		prev = S_INFO; /* the list of documents found is no question */
		break;
	case S_CONFIRM:
		prev = S_PICKUP;
		break;
	default:
		prev = sc - 1;
		break;
	}
	ap_go(t, a, prev, 1);
	return 0;
}

/* Starts changing answer group g (1-6) from the confirmation. */
static void ap_edit(struct tui *t, struct ap *a, int g)
{
	static const int first[] = { 0, S_TYPE, S_NAME, S_IDTYPE, S_CONTACT, S_INFO, S_MEDIUM };

	if (g < 1 || g > 6)
		return;
	ap_go(t, a, first[g], 0);
	a->editing = 1;
	a->edit_type = a->form.applicant;
}

/* --- submitting ------------------------------------------------------------------- */

/* Writes now as "YYYY-MM-DD HH:MM:SS" on the kiosk's today. */
static void ap_now(struct tui *t, char out[20])
{
	time_t now = time(NULL);
	struct tm tm;
	char hms[16];

	localtime_r(&now, &tm);
	strftime(hms, sizeof hms, "%H:%M:%S", &tm);
	snprintf(out, 20, "%.10s %.8s", tui_today(t), hms);
}

/* Starts printing the printouts in mask. */
static void ap_print(struct tui *t, struct ap *a, int mask)
{
	char err[256];

	a->print_msg[0] = '\0';
	a->printing = tui_apply_print_start(t, &a->form, &a->stamp, mask, err, sizeof err);
	if (!a->printing) {
		a->print_failed = mask;
		a->printed_once = 1;
		snprintf(a->print_msg, sizeof a->print_msg, "%s", err);
	}
	tui_keep_awake(t);
}

/* Submits the application, then prints it and shows the receipt. */
static void ap_submit(struct tui *t, struct ap *a)
{
	const struct config *cfg = tui_config(t);
	char now[20], err[256];

	ap_sync(a);
	if (apply_form_check(&a->form, a->problem, sizeof a->problem) < 0)
		return;
	a->problem[0] = '\0';
	ap_now(t, now);
	if (db_apply_submit(tui_db(t), cfg && cfg->kiosk_id ? cfg->kiosk_id : "", now, a->pk,
			    &a->form, &a->stamp, err, sizeof err) < 0) {
		snprintf(a->problem, sizeof a->problem, "没有提交成功，请找工作人员帮忙。（%s）", err);
		return;
	}
	a->screen = S_DONE;
	ap_print(t, a, TUI_APPLY_PRINT_FORM | TUI_APPLY_PRINT_RECEIPT);
}

/* --- the screen's life ------------------------------------------------------------ */

/* Opens the form on its first question. */
static int ap_enter(struct tui *t, void **state, const void *arg, char *err, size_t errlen)
{
	const struct tui_apply_arg *aa = arg;
	struct ap *a;
	char why[256];
	unsigned char pk[APPLY_PK_BYTES];

	if (tui_apply_key(t, pk, why, sizeof why) < 0) {
		sodium_memzero(pk, sizeof pk);
		util_errf(err, errlen, "这台机器还不能受理申请，请到窗口找工作人员（%s）", why);
		return -1;
	}
	a = xcalloc(1, sizeof *a);
	memcpy(a->pk, pk, sizeof pk);
	sodium_memzero(pk, sizeof pk);
	apply_form_wipe(&a->form);
	a->by_staff = aa && aa->by_staff;
	a->form.by_staff = a->by_staff;
	tui_form_init(t, &a->f_person, person_items, 1, 1);
	tui_form_init(t, &a->f_org, org_items, 3, 1);
	tui_form_init(t, &a->f_id, id_resident_items, 1, 1);
	tui_form_init(t, &a->f_contact, contact_items, 4, 1);
	tui_form_init(t, &a->f_info, info_items, 2, 1);
	/* tui_form_init focused each form's first field: only the one on
	 * screen keeps focus. */
	tui_field_blur(t, &a->f_person.fields[0]);
	tui_field_blur(t, &a->f_org.fields[0]);
	tui_field_blur(t, &a->f_id.fields[0]);
	tui_field_blur(t, &a->f_contact.fields[0]);
	tui_field_blur(t, &a->f_info.fields[0]);
	ap_go(t, a, S_TYPE, 0);
	*state = a;
	return 0;
}

/* Wipes every answer and frees the screen (closing, the idle wipe, exit). */
static void ap_leave(struct tui *t, void *state)
{
	struct ap *a = state;

	tui_speech_end(&a->speech);
	layout_free(&a->say);
	if (a->printing)
		tui_apply_print_stop(t, a->printing);
	tui_form_free(t, &a->f_person);
	tui_form_free(t, &a->f_org);
	tui_form_free(t, &a->f_id);
	tui_form_free(t, &a->f_contact);
	tui_form_free(t, &a->f_info);
	ap_found_free(a);
	apply_form_wipe(&a->form);
	sodium_memzero(a, sizeof *a);
	free(a);
}

/* --- drawing ------------------------------------------------------------------------ */

/* Draws the title bar: the question's words, the step, 代为填写. */
static void ap_title(struct tui *t, struct ap *a)
{
	const char *words = ap_screens[a->screen].title;
	char title[128], right[96];

	if (a->screen == S_NAME && a->form.applicant == APPLY_ORG)
		words = "名称";
	if (a->screen == S_DONE)
		snprintf(title, sizeof title, "申请已提交");
	else
		snprintf(title, sizeof title, "填写申请：%s", words);
	if (a->screen == S_DONE)
		snprintf(right, sizeof right, "%s", a->by_staff ? "工作人员代为填写" : "");
	else
		snprintf(right, sizeof right, "%s第 %d 步，共 %d 步", a->by_staff ? "工作人员代为填写  " : "",
			 ap_screens[a->screen].step, AP_STEPS);
	tui_title(t, title, right);
}

/* Draws wrapped text from row y at column x; returns the rows used (at
 * most max). Answers drawn this way are wiped from the layout after. */
static int ap_para_hang(struct tui *t, int y, int x, int max, const char *text, int role, int hang)
{
	struct layout lay;
	int n;

	layout_init(&lay, tui_cols(t) - x - 2 > AP_TEXT_MAX ? AP_TEXT_MAX : tui_cols(t) - x - 2);
	layout_para(&lay, text, strlen(text), 0, hang, LAYOUT_TEXT, -1);
	for (n = 0; n < lay.n && n < max; n++)
		tui_put(t, y + n, x, lay.cols, lay.lines[n].text, role, 0);
	tui_apply_layout_wipe(&lay);
	return n;
}

/* Draws wrapped text from row y at column x; returns the rows used. */
static int ap_para(struct tui *t, int y, int x, int max, const char *text, int role)
{
	return ap_para_hang(t, y, x, max, text, role, 0);
}

/* Draws one choice of a list question. */
static void ap_choice_row(struct tui *t, void *ctx, int i, int y, int selected)
{
	struct ap *a = ctx;
	int n, cols = tui_cols(t), x = 4, role = selected ? TUI_SELECTED : TUI_NORMAL;
	const char *const *names = ap_choices(a, &n);
	char num[16];

	if (selected) {
		tui_fill(t, y, 2, cols - 4, TUI_SELECTED);
		tui_put(t, y, 2, 1, "▶", TUI_SELECTED, 0);
	}
	snprintf(num, sizeof num, " %d ", i + 1);
	x += tui_put(t, y, x, 4, num, TUI_KEY, 0);
	x += tui_put(t, y, x, 2, "  ", role, 0);
	if (a->screen == S_TYPE && cols - x > 40) {
		struct sbuf b = {0};

		width_pad(&b, names[i], 18);
		x += tui_put(t, y, x, 18, sbuf_str(&b), selected ? TUI_SELECTED : TUI_HEADING, 0);
		sbuf_free(&b);
		tui_put(t, y, x, cols - x - 2, ap_type_notes[i], role, 0);
	} else {
		tui_put(t, y, x, cols - x - 2, names[i], selected ? TUI_SELECTED : TUI_HEADING, 0);
	}
}

/* The question above each list. */
static const char *ap_list_question(const struct ap *a)
{
	switch (a->screen) {
	case S_TYPE:
		return "您是以什么身份申请？";
	case S_ORGKIND:
		return "是哪一类组织？";
	case S_IDTYPE:
		return "申请人用什么证件？一般是居民身份证。";
	case S_MEDIUM:
		return "信息用什么形式给您？";
	default:
		return "您想怎么拿到信息？";
	}
}

/* Draws the step line every question screen has. */
static void ap_step_line(struct tui *t, struct ap *a, int y)
{
	char step[96];
	struct tui_form *fm = ap_form(a);

	/* The title bar says which of the seven steps; this line which
	 * question of the step. */
	tui_fill(t, y, 0, tui_cols(t), TUI_NORMAL);
	if (!fm || fm->n < 2)
		return;
	snprintf(step, sizeof step, "这一步有 %d 项，现在填第 %d 项", fm->n, fm->focus + 1);
	tui_put(t, y, 4, tui_cols(t) - 5, step, TUI_NORMAL, 0);
}

/* Draws a list question. */
static void ap_draw_list(struct tui *t, struct ap *a)
{
	int rows = tui_rows(t);

	tui_put(t, 2, 4, tui_cols(t) - 6, ap_list_question(a), TUI_HEADING, 0);
	tui_put(t, 3, 4, tui_cols(t) - 6, "按数字键选，或者用 ↑↓ 选中后按回车，也可以直接点。", TUI_NORMAL, 0);
	tui_list_draw(t, &a->list, 5, rows - 7, ap_choice_row, a);
}

/* Draws a text question: the form, then what the step adds under it. */
static void ap_draw_form(struct tui *t, struct ap *a)
{
	struct tui_form *fm = ap_form(a);
	int rows = tui_rows(t), x = 4;

	tui_form_draw(t, fm, 1, rows - 3);
	ap_step_line(t, a, 2);
	if (a->screen == S_IDNO && a->id_note[0] && !fm->msg[0][0])
		ap_para(t, 11, x, 2, a->id_note, TUI_NORMAL);
	if (a->screen == S_INFO && fm->focus == 0 && !fm->msg[0][0])
		ap_para(t, 11, x, 3,
			"请写清楚要什么信息：哪一年、哪个地方、哪个部门的什么文件或者什么事。"
			"写好按回车，本机会先帮您找一找是不是已经公开了。",
			TUI_NORMAL);
	/* The popups (candidates, keyboard) go over everything. */
	tui_field_draw_popups(t, &fm->fields[fm->focus], 7);
}

/* Draws one found document. */
static void ap_found_row(struct tui *t, void *ctx, int i, int y, int selected)
{
	struct ap *a = ctx;
	int cols = tui_cols(t), dw = a->found[i].date[0] ? 12 : 0;
	struct sbuf b = {0};

	if (selected)
		tui_fill(t, y, 2, cols - 4, TUI_SELECTED);
	sbuf_addf(&b, "%s %d. ", selected ? "▶" : " ", i + 1);
	width_pad(&b, a->found[i].title, cols - 8 - dw - 6);
	if (dw)
		sbuf_addf(&b, "  %s", a->found[i].date);
	tui_put(t, y, 2, cols - 4, sbuf_str(&b), selected ? TUI_SELECTED : TUI_LINK, 0);
	sbuf_free(&b);
}

/* Draws the documents already published that match the description. */
static void ap_draw_found(struct tui *t, struct ap *a)
{
	int rows = tui_rows(t), cols = tui_cols(t), y = 4, btn = rows - 3;
	const char *label = "[ c 继续申请 ]";

	ap_step_line(t, a, 2);
	if (a->found_failed) {
		y += ap_para(t, y, 4, 3, "暂时无法查找已经公开的文件。按回车继续申请。", TUI_WARN);
	} else if (a->nfound == 0) {
		y += ap_para(t, y, 4, 3,
			     "本机没有找到已经公开的相关文件，请继续申请。按回车继续。", TUI_HEADING);
	} else {
		y += ap_para(t, y, 4, 3,
			     "下面这些文件已经公开，可能就有您要的信息。按回车打开看看（看完按 Esc 回来）；"
			     "都不是的话，按 c 继续申请。",
			     TUI_HEADING);
		y++;
		tui_list_draw(t, &a->list, y, btn - 1 - y, ap_found_row, a);
	}
	a->submit_y = btn;
	a->submit_x0 = 4;
	a->submit_x1 = 4 + width_str(label);
	if (a->nfound == 0) {
		label = "[ 回车 继续申请 ]";
		a->submit_x1 = 4 + width_str(label);
	}
	tui_put(t, btn, 4, cols - 6, label, TUI_KEY, 0);
	tui_target(t, btn, a->submit_x0, a->submit_x1, 1);
}

/* Draws one numbered answer of the confirmation; returns the rows used. */
static int ap_answer(struct tui *t, int y, int max, int num, const char *label, const char *value)
{
	int cols = tui_cols(t), lw = 24, x = 2;
	char head[64];

	if (max <= 0)
		return 0;
	if (num > 0) {
		snprintf(head, sizeof head, " %d ", num);
		tui_put(t, y, x, 3, head, TUI_KEY, 0);
		tui_target(t, y, 0, cols, 100 + num);
	}
	tui_put(t, y, x + 4, lw - 4, label, TUI_HEADING, 0);
	return ap_para(t, y, x + lw, max, value[0] ? value : "（没有填）", TUI_NORMAL);
}

/* Draws every answer on one page, and the 提交 button. */
static void ap_draw_confirm(struct tui *t, struct ap *a)
{
	const struct apply_form *f = &a->form;
	int rows = tui_rows(t), cols = tui_cols(t), y = 1, last = rows - 4;
	char who[128], line[APPLY_BYTES(APPLY_ADDR_CHARS) + 64], masked[APPLY_BYTES(APPLY_SHORT_CHARS)];
	const char *btn = "[ 提交 ]";

	y += ap_para(t, y, 2, 2,
		     "请核对下面的内容。要改哪一项，按它前面的数字；都对了，按回车（或点“提交”）提交。",
		     TUI_NORMAL);
	apply_applicant_words(f, who, sizeof who);
	y += ap_answer(t, y, last - y, 1, "申请人类型", who);
	if (f->applicant == APPLY_ORG) {
		y += ap_answer(t, y, last - y, 2, "名称", f->name);
		y += ap_answer(t, y, last - y, 0, "统一社会信用代码", f->credit_code);
		y += ap_answer(t, y, last - y, 0, "法定代表人", f->legal_rep);
	} else {
		y += ap_answer(t, y, last - y, 2, "姓名", f->name);
	}
	apply_mask_id(f->id_no, masked, sizeof masked);
	snprintf(line, sizeof line, "%s  %s", apply_id_types[f->id_type], masked);
	y += ap_answer(t, y, last - y, 3, "证件类型、号码", line);
	sodium_memzero(masked, sizeof masked);
	y += ap_answer(t, y, last - y, 4, "联系电话", f->phone);
	y += ap_answer(t, y, last - y > 2 ? 2 : last - y, 0, "通信地址", f->address);
	y += ap_answer(t, y, last - y, 0, "邮政编码", f->postcode);
	y += ap_answer(t, y, last - y, 0, "电子邮箱", f->email);
	y += ap_answer(t, y, last - y > 3 ? 3 : last - y, 5, "所需信息", f->info);
	y += ap_answer(t, y, last - y, 0, "文号或索引号", f->doc_no);
	snprintf(line, sizeof line, "%s；%s", apply_media[f->medium], apply_pickups[f->pickup]);
	y += ap_answer(t, y, last - y, 6, "提供方式、获取方式", line);
	sodium_memzero(line, sizeof line);
	if (a->problem[0])
		ap_para(t, rows - 4, 2, 1, a->problem, TUI_WARN);
	a->submit_y = rows - 3;
	a->submit_x0 = 4;
	a->submit_x1 = 4 + width_str(btn);
	tui_put(t, a->submit_y, a->submit_x0, cols - 6, btn, a->problem[0] ? TUI_NORMAL : TUI_SELECTED, 0);
	tui_put(t, a->submit_y, a->submit_x1 + 2, cols - a->submit_x1 - 4,
		a->by_staff ? "提交后打印申请表（注明工作人员代为填写）和回执" : "提交后马上打印申请表和回执",
		TUI_NORMAL, 0);
	tui_target(t, a->submit_y, a->submit_x0, a->submit_x1, 1);
}

/* Draws the receipt and how printing went. */
static void ap_draw_done(struct tui *t, struct ap *a)
{
	const struct config *cfg = tui_config(t);
	int rows = tui_rows(t), cols = tui_cols(t), y = 2, lw = 12;
	char line[1024];

	tui_put(t, y++, 2, cols - 4, "您的申请已经提交。请收好打印出来的回执。", TUI_HEADING, 0);
	y++;
	tui_put(t, y, 4, lw, "受理编号：", TUI_HEADING, 0);
	tui_put(t, y++, 4 + lw, cols - lw - 6, a->stamp.tracking_no, TUI_HEADING, 0);
	tui_put(t, y, 4, lw, "收到日期：", TUI_HEADING, 0);
	tui_put(t, y++, 4 + lw, cols - lw - 6, a->stamp.received_on, TUI_NORMAL, 0);
	snprintf(line, sizeof line, "%s（收到日期后第 %d 个工作日）", a->stamp.due_on, APPLY_WORKING_DAYS);
	tui_put(t, y, 4, lw, "答复期限：", TUI_HEADING, 0);
	tui_put(t, y++, 4 + lw, cols - lw - 6, line, TUI_NORMAL, 0);
	tui_put(t, y, 4, lw, "受理地点：", TUI_HEADING, 0);
	tui_put(t, y++, 4 + lw, cols - lw - 6, cfg && cfg->kiosk_name ? cfg->kiosk_name : "", TUI_NORMAL, 0);
	y++;
	tui_put(t, y++, 2, cols - 4, "接下来：", TUI_HEADING, 0);
	for (int i = 0; apply_print_next_steps[i] && y < rows - 6; i++) {
		snprintf(line, sizeof line, "%d. %s", i + 1, apply_print_next_steps[i]);
		y += ap_para_hang(t, y, 4, 2, line, TUI_NORMAL, 3);
	}
	y = rows - 5;
	if (a->printing) {
		tui_apply_print_status(a->printing, line, sizeof line);
		ap_para(t, y, 2, 2, line, TUI_NORMAL);
	} else if (a->print_failed) {
		const char *what = a->print_failed == TUI_APPLY_PRINT_FORM      ? "申请表"
				   : a->print_failed == TUI_APPLY_PRINT_RECEIPT ? "回执"
										: "申请表和回执";

		snprintf(line, sizeof line,
			 "%s没有打印成功：%s。请抄下上面的受理编号，或者按 p 重新打印；也可以找工作人员帮忙。",
			 what, a->print_msg[0] ? a->print_msg : "打印机没有回应");
		ap_para(t, y, 2, 2, line, TUI_WARN);
		tui_put(t, rows - 3, 4, 16, "[ 重新打印 ]", TUI_SELECTED, 0);
		tui_target(t, rows - 3, 4, 4 + width_str("[ 重新打印 ]"), 2);
	} else if (a->printed_once) {
		ap_para(t, y, 2, 2, "申请表和回执已经打印好，请在打印机出纸口取走。在申请表上签名后交给窗口工作人员。",
			TUI_HEADING);
	}
}

/* Draws the screen on top. */
static void ap_draw(struct tui *t, void *state)
{
	struct ap *a = state;

	ap_title(t, a);
	switch (a->screen) {
	case S_TYPE:
	case S_ORGKIND:
	case S_IDTYPE:
	case S_MEDIUM:
	case S_PICKUP:
		ap_draw_list(t, a);
		break;
	case S_FOUND:
		ap_draw_found(t, a);
		break;
	case S_CONFIRM:
		ap_draw_confirm(t, a);
		break;
	case S_DONE:
		ap_draw_done(t, a);
		break;
	default:
		ap_draw_form(t, a);
		break;
	}
}

/* --- keys --------------------------------------------------------------------------- */

/* Takes choice i of the list question on screen and goes on. */
static int ap_choose(struct tui *t, struct ap *a, int i)
{
	int n, *slot = ap_choice_slot(a);

	ap_choices(a, &n);
	if (!slot || i < 0 || i >= n)
		return TUI_HANDLED;
	*slot = i;
	ap_next(t, a);
	return TUI_HANDLED | TUI_REDRAW;
}

/* A list question's keys. */
static int ap_key_list(struct tui *t, struct ap *a, const struct tui_event *ev)
{
	int r;

	if (ev->text && ev->ch >= '1' && ev->ch <= '9')
		return ap_choose(t, a, ev->ch - '1');
	if (ev->req == REQ_ENTER)
		return ap_choose(t, a, a->list.sel);
	if (ev->req == REQ_BACK)
		return ap_prev(t, a) ? TUI_BREAK : TUI_HANDLED | TUI_REDRAW;
	r = tui_list_key(t, &a->list, ev);
	if (r & TUI_LIST_CLICKED)
		return ap_choose(t, a, a->list.sel);
	return r ? r : ev->req == REQ_CLICK ? TUI_HANDLED : 0;
}

/* The 证件号码 question is done: take the new number, or keep the old. */
static int ap_id_done(struct tui *t, struct ap *a)
{
	const char *typed = tui_field_text(&a->f_id.fields[0]);
	char *msg = a->f_id.msg[0];
	size_t msglen = sizeof a->f_id.msg[0];

	if (tui_search_chars(typed) > 0) {
		apply_copy(a->form.id_no, sizeof a->form.id_no, typed);
		/* Strip spaces typed between the groups of digits. */
		{
			char *w = a->form.id_no;

			for (const char *p = a->form.id_no; *p; p++)
				if (*p != ' ')
					*w++ = (char)toupper((unsigned char)*p);
			*w = '\0';
		}
		tui_field_set(&a->f_id.fields[0], "");
		return 1;
	}
	if (!a->form.id_no[0]) {
		snprintf(msg, msglen, "请填写证件号码");
		return 0;
	}
	if (a->form.id_type == APPLY_ID_RESIDENT &&
	    apply_check_resident_id(a->form.id_no, msg, msglen) < 0) {
		snprintf(msg, msglen, "已填写的号码不是正确的身份证号码，请重新输入");
		return 0;
	}
	return 1;
}

/* A text question's keys. */
static int ap_key_form(struct tui *t, struct ap *a, const struct tui_event *ev)
{
	struct tui_form *fm = ap_form(a);

	if (ev->req == REQ_CLICK && tui_list_hit(t, ev) >= 0)
		return TUI_HANDLED; /* one question per screen: no other field to tap */
	switch (tui_form_key(t, fm, ev)) {
	case TUI_FORM_REDRAW:
		return TUI_HANDLED | TUI_REDRAW;
	case TUI_FORM_DONE:
		if (a->screen == S_IDNO && !ap_id_done(t, a))
			return TUI_HANDLED | TUI_REDRAW;
		ap_next(t, a);
		return TUI_HANDLED | TUI_REDRAW;
	case TUI_FORM_BACK:
		return ap_prev(t, a) ? TUI_BREAK : TUI_HANDLED | TUI_REDRAW;
	default:
		/* Keys the field does not take keep their global meaning
		 * (F1 goes home, wiping the answers). */
		return ev->req == REQ_CLICK ? TUI_HANDLED : 0;
	}
}

/* The found documents' keys: Enter opens one, c goes on. */
static int ap_key_found(struct tui *t, struct ap *a, const struct tui_event *ev)
{
	int r;

	/* c, Enter with nothing found, the button, or the key line's item
	 * (a click there is REQ_TEXT without a character). */
	if ((ev->text && (ev->ch == 'c' || ev->ch == 'C')) || (ev->req == REQ_TEXT && !ev->text) ||
	    (ev->req == REQ_ENTER && a->nfound == 0) ||
	    (ev->req == REQ_CLICK && tui_target_at(t, ev->y, ev->x) == 1)) {
		ap_next(t, a);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (ev->req == REQ_BACK)
		return ap_prev(t, a) ? TUI_BREAK : TUI_HANDLED | TUI_REDRAW;
	if (ev->req == REQ_ENTER || (ev->text && ev->ch >= '1' && ev->ch < '1' + a->nfound)) {
		struct tui_doc_arg d;

		if (ev->text)
			a->list.sel = ev->ch - '1';
		d.kind = BROWSE_BULLETINS;
		d.id = a->found[a->list.sel].id;
		tui_push(t, &tui_reader_ops, &d);
		return TUI_HANDLED | TUI_REDRAW;
	}
	r = tui_list_key(t, &a->list, ev);
	if (r & TUI_LIST_CLICKED) {
		struct tui_doc_arg d = { BROWSE_BULLETINS, a->found[a->list.sel].id };

		tui_push(t, &tui_reader_ops, &d);
		return TUI_HANDLED | TUI_REDRAW;
	}
	return r ? r : ev->req == REQ_CLICK ? TUI_HANDLED : 0;
}

/* The confirmation's keys: Enter or 提交 submits, a digit edits. */
static int ap_key_confirm(struct tui *t, struct ap *a, const struct tui_event *ev)
{
	int id;

	if (ev->text && ev->ch >= '1' && ev->ch <= '6') {
		ap_edit(t, a, ev->ch - '0');
		return TUI_HANDLED | TUI_REDRAW;
	}
	switch (ev->req) {
	case REQ_ENTER:
		ap_submit(t, a);
		return TUI_HANDLED | TUI_REDRAW;
	case REQ_BACK:
		ap_prev(t, a);
		return TUI_HANDLED | TUI_REDRAW;
	case REQ_CLICK:
		id = tui_target_at(t, ev->y, ev->x);
		if (id == 1)
			ap_submit(t, a);
		else if (id > 100 && id <= 106)
			ap_edit(t, a, id - 100);
		return TUI_HANDLED | TUI_REDRAW;
	default:
		return 0;
	}
}

/* Adds one sentence to what the receipt reads aloud. */
static void ap_say(struct ap *a, const char *text)
{
	layout_para(&a->say, text, strlen(text), 0, 0, LAYOUT_TEXT, -1);
}

/* Reads the receipt aloud: the 受理编号 (character by character), the
 * dates, the place and the next steps. */
static int ap_read_receipt(struct tui *t, struct ap *a)
{
	const struct config *cfg = tui_config(t);
	struct sbuf b = { 0 };
	char line[1024];

	layout_free(&a->say);
	layout_init(&a->say, 1000);
	ap_say(a, "您的申请已经提交。请收好打印出来的回执。");
	sbuf_add(&b, "受理编号：");
	for (const char *p = a->stamp.tracking_no; *p; p++) {
		sbuf_addc(&b, *p);
		sbuf_addc(&b, ' ');
	}
	sbuf_add(&b, "。");
	ap_say(a, sbuf_str(&b));
	sbuf_free(&b);
	snprintf(line, sizeof line, "收到日期：%s。", a->stamp.received_on);
	ap_say(a, line);
	snprintf(line, sizeof line, "答复期限：%s，收到日期后第%d个工作日。", a->stamp.due_on,
		 APPLY_WORKING_DAYS);
	ap_say(a, line);
	snprintf(line, sizeof line, "受理地点：%s。", cfg && cfg->kiosk_name ? cfg->kiosk_name : "");
	ap_say(a, line);
	ap_say(a, "接下来：");
	for (int i = 0; apply_print_next_steps[i]; i++) {
		snprintf(line, sizeof line, "%d，%s", i + 1, apply_print_next_steps[i]);
		ap_say(a, line);
	}
	return tui_speech_start(t, &a->speech, &a->say, 0);
}

/* The receipt's keys: 重新打印 after a failure; Enter or Esc closes. */
static int ap_key_done(struct tui *t, struct ap *a, const struct tui_event *ev)
{
	int retry = ev->req == REQ_PRINT ||
		    (ev->req == REQ_CLICK && tui_target_at(t, ev->y, ev->x) == 2);
	int rs;

	if ((rs = tui_speech_key(t, &a->speech)) != 0)
		return rs;
	if (ev->req == REQ_READ)
		return ap_read_receipt(t, a);

	if (a->printing) {
		if (ev->req == REQ_BACK || ev->req == REQ_HOME || ev->req == REQ_ENTER)
			tui_message(t, "正在打印申请表和回执，请稍候，打印完再离开");
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (retry) {
		if (a->print_failed)
			ap_print(t, a, a->print_failed);
		else
			tui_message(t, "申请表和回执已经打印好了");
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (ev->req == REQ_ENTER || ev->req == REQ_BACK)
		return TUI_BREAK;
	return ev->req == REQ_HOME ? 0 : TUI_HANDLED;
}

/* Handles one event. */
static int ap_key(struct tui *t, void *state, const struct tui_event *ev)
{
	struct ap *a = state;

	switch (a->screen) {
	case S_TYPE:
	case S_ORGKIND:
	case S_IDTYPE:
	case S_MEDIUM:
	case S_PICKUP:
		return ap_key_list(t, a, ev);
	case S_FOUND:
		return ap_key_found(t, a, ev);
	case S_CONFIRM:
		return ap_key_confirm(t, a, ev);
	case S_DONE:
		return ap_key_done(t, a, ev);
	default:
		return ap_key_form(t, a, ev);
	}
}

/* Follows the printing and keeps the session awake meanwhile. */
static int ap_tick(struct tui *t, void *state)
{
	struct ap *a = state;
	int rs = tui_speech_tick(t, &a->speech, NULL, 0);

	if (!a->printing)
		return rs;
	tui_keep_awake(t);
	if (tui_apply_print_poll(t, a->printing, &a->print_failed, a->print_msg, sizeof a->print_msg)) {
		a->printing = NULL;
		a->printed_once = 1;
	}
	return TUI_REDRAW;
}

/* Keys go to the field while a text question is on screen. */
static int ap_typing(void *state)
{
	const struct ap *a = state;

	return a->screen == S_NAME || a->screen == S_IDNO || a->screen == S_CONTACT ||
	       a->screen == S_INFO;
}

/* A print job under way is never closed under the villager. */
static int ap_busy(void *state)
{
	const struct ap *a = state;

	return a->printing != NULL;
}

/* The key line of each screen. */
static const struct tui_hint *ap_hints(void *state)
{
	static const struct tui_hint list[] = {
		{ REQ_DOWN, NULL }, { REQ_ENTER, "选定" }, { REQ_BACK, "上一步" }, { REQ_HOME, NULL },
		{ REQ_NONE, NULL },
	};
	static const struct tui_hint form[] = {
		{ REQ_ENTER, "下一步" }, { REQ_MODE, NULL }, { REQ_KEYBOARD, NULL }, { REQ_ERASE, NULL },
		{ REQ_BACK, "上一步" }, { REQ_HOME, NULL }, { REQ_NONE, NULL },
	};
	static const struct tui_hint found[] = {
		{ REQ_DOWN, NULL }, { REQ_ENTER, "打开" }, { REQ_TEXT, "c 继续申请" },
		{ REQ_BACK, "上一步" }, { REQ_HOME, NULL }, { REQ_NONE, NULL },
	};
	static const struct tui_hint none_found[] = {
		{ REQ_ENTER, "继续申请" }, { REQ_BACK, "上一步" }, { REQ_HOME, NULL }, { REQ_NONE, NULL },
	};
	static const struct tui_hint confirm[] = {
		{ REQ_ENTER, "提交" }, { REQ_TEXT, "1-6 修改" }, { REQ_BACK, "上一步" }, { REQ_HOME, NULL },
		{ REQ_NONE, NULL },
	};
	static const struct tui_hint printing[] = {
		{ REQ_BACK, "打印完再返回" }, { REQ_NONE, NULL },
	};
	static const struct tui_hint failed[] = {
		{ REQ_PRINT, "重新打印" }, { REQ_READ, NULL }, { REQ_ENTER, "完成" }, { REQ_BACK, "返回" },
		{ REQ_HOME, NULL }, { REQ_NONE, NULL },
	};
	static const struct tui_hint done[] = {
		{ REQ_READ, NULL }, { REQ_ENTER, "完成" }, { REQ_BACK, "返回" }, { REQ_HOME, NULL },
		{ REQ_NONE, NULL },
	};
	const struct ap *a = state;

	switch (a->screen) {
	case S_FOUND:
		return a->nfound ? found : none_found;
	case S_CONFIRM:
		return confirm;
	case S_DONE:
		return a->printing ? printing : a->print_failed ? failed : done;
	default:
		return ap_typing(state) ? form : list;
	}
}

const struct tui_screen_ops tui_apply_form_ops = {
	.name = "apply_form",
	.enter = ap_enter,
	.draw = ap_draw,
	.key = ap_key,
	.leave = ap_leave,
	.hints = ap_hints,
	.tick = ap_tick,
	.typing = ap_typing,
	.busy = ap_busy,
};
