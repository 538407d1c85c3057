/*
 * screen_subsidy.c - 补贴公示: the menus that lead to a village's list
 * (programs → years and batches → townships → villages), each with the
 * sums of what it holds, and the search field that finds a villager's own
 * lines from any of them: on the first screen across every program and
 * year, deeper down within the program, batch or township chosen.
 *
 * Also the helpers the subsidy screens share (screen_subsidy.h): money and
 * counts in cells, the search row, and the recipient names the search
 * matches, read once per kiosk run.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/ime.h"
#include "kiosk/width.h"
#include "printing/print.h"
#include "tui/screen_subsidy.h"

#define MENU_TOP 4 /* first row of the entries */

/* --- shared helpers ------------------------------------------------------ */

/* The names of the kiosk's database, kept between visits: the only state
 * of this file that outlives a screen, keyed by the database it was read
 * from and replaced when an import has changed that database. */
static struct {
	struct db *db;
	struct subsidy_names *names;
} subsidy_cache;

/* Returns the cached names, reading them when missing or out of date. */
const struct subsidy_names *subsidy_tui_names(struct tui *t, char *err, size_t errlen)
{
	struct db *db = tui_db(t);
	struct subsidy_names *d;

	if (subsidy_cache.names && subsidy_cache.db == db &&
	    subsidy_names_current(db, subsidy_cache.names))
		return subsidy_cache.names;
	if (subsidy_names_load(db, &d, err, errlen) < 0)
		return NULL;
	subsidy_names_free(subsidy_cache.names);
	subsidy_cache.db = db;
	subsidy_cache.names = d;
	/* The names the county published (never what people type) rank
	 * first in a name field; handed over in chunks, not copied whole. */
	if (tui_ime(t)) {
		const char *chunk[256];
		long n = subsidy_names_count(d), i = 0;

		ime_clear_names(tui_ime(t)); /* an import replaced the lists */
		while (i < n) {
			size_t k = 0;

			while (k < sizeof chunk / sizeof chunk[0] && i < n)
				chunk[k++] = subsidy_names_at(d, i++);
			ime_add_names(tui_ime(t), chunk, k);
		}
	}
	return d;
}

/* Appends s right-aligned in cols columns. */
void subsidy_cell_right(struct sbuf *b, const char *s, int cols)
{
	struct sbuf fit = {0};
	int w = width_fit(&fit, s, cols);

	for (; w < cols; w++)
		sbuf_addc(b, ' ');
	sbuf_add(b, sbuf_str(&fit));
	sbuf_free(&fit);
}

/* Formats fen as yuan. */
char *subsidy_yuan(int64_t fen, char *out, size_t n)
{
	return print_format_yuan(fen, out, n);
}

/* Formats a count with thousands separators ("106,384"). */
void subsidy_count(long v, char *out, size_t n)
{
	char yuan[40];
	char *dot;

	/* The yuan formatter groups digits; a count is whole "yuan". */
	print_format_yuan((int64_t)v * 100, yuan, sizeof yuan);
	dot = strchr(yuan, '.');
	if (dot)
		*dot = '\0';
	snprintf(out, n, "%s", yuan);
}

/* Formats a batch's year and name. */
void subsidy_batch_label(int year, const char *batch, char *out, size_t n)
{
	if (batch && batch[0])
		snprintf(out, n, "%d年 %s", year, batch);
	else
		snprintf(out, n, "%d年", year);
}

/* Formats "N 人，X 元" (人次 when people repeat over batches). */
static void subsidy_sum_unit(const struct subsidy_sum *s, const char *unit, char *out, size_t n)
{
	char people[40], yuan[40];

	subsidy_count(s->people, people, sizeof people);
	subsidy_yuan(s->total_fen, yuan, sizeof yuan);
	snprintf(out, n, "%s %s，%s 元", people, unit, yuan);
}

/* Formats "N 人，X 元". */
void subsidy_sum_text(const struct subsidy_sum *s, char *out, size_t n)
{
	subsidy_sum_unit(s, "人", out, n);
}

/* Returns the warning of a name search too short to search by. */
const char *subsidy_search_warn(const struct tui_search *s)
{
	struct subsidy_query q;
	const char *text = tui_search_query(s);

	return text[0] && !subsidy_query_parse(text, &q) ? "再输入一个字" : NULL;
}

/* --- the menus ----------------------------------------------------------- */

struct menu_entry {
	char *label;        /* program, year and batch, township, village */
	char *note;         /* programs: years and batches */
	long people;
	int64_t total_fen;
	long long batch_id; /* batches: the batch */
	int whole;          /* villages: the township's whole list */
};

struct menu {
	int level;
	char *program, *township;
	long long batch_id;
	struct subsidy_batch batch; /* from SUBSIDY_TOWNS down */
	int have_batch;
	struct menu_entry *e;
	int n, cap;
	struct tui_list list;       /* the entries on screen */
	struct subsidy_totals tot;
	long batches;               /* programs: lists in all */
	char error[256];
};

/* Appends one entry (label and note are copied). */
static struct menu_entry *menu_add(struct menu *m, const char *label, const char *note,
				   long people, int64_t fen)
{
	struct menu_entry *e;

	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 16;
		m->e = xrealloc(m->e, (size_t)m->cap * sizeof *m->e);
	}
	e = &m->e[m->n++];
	memset(e, 0, sizeof *e);
	e->label = xstrdup(label);
	e->note = xstrdup(note ? note : "");
	e->people = people;
	e->total_fen = fen;
	return e;
}

/* Reads the programs. */
static int menu_load_programs(struct tui *t, struct menu *m)
{
	struct subsidy_program *p;
	int n;

	if (subsidy_programs(tui_db(t), &p, &n, m->error, sizeof m->error) < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		char note[64];

		if (p[i].first_year == p[i].last_year)
			snprintf(note, sizeof note, "%d年 %d批", p[i].first_year, p[i].batches);
		else
			snprintf(note, sizeof note, "%d–%d年 %d批", p[i].first_year, p[i].last_year,
				 p[i].batches);
		menu_add(m, p[i].program, note, p[i].people, p[i].total_fen);
		m->batches += p[i].batches;
		m->tot.batch.people += p[i].people;
		m->tot.batch.total_fen += p[i].total_fen;
	}
	subsidy_programs_free(p, n);
	return 0;
}

/* Reads a program's batches. */
static int menu_load_batches(struct tui *t, struct menu *m)
{
	struct subsidy_batch *b;
	int n;

	if (subsidy_batches(tui_db(t), m->program, &b, &n, m->error, sizeof m->error) < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		char label[128];

		subsidy_batch_label(b[i].year, b[i].batch, label, sizeof label);
		menu_add(m, label, NULL, b[i].people, b[i].total_fen)->batch_id = b[i].id;
		m->tot.batch.people += b[i].people;
		m->tot.batch.total_fen += b[i].total_fen;
	}
	subsidy_batches_free(b, n);
	return 0;
}

/* Reads a batch's townships, or a township's villages. */
static int menu_load_places(struct tui *t, struct menu *m)
{
	struct subsidy_scope s = { NULL, m->batch_id, m->township, NULL };
	struct subsidy_place *p;
	int n;

	if (subsidy_totals_get(tui_db(t), &s, &m->tot, m->error, sizeof m->error) < 0 ||
	    subsidy_places(tui_db(t), m->batch_id, m->township, &p, &n, m->error, sizeof m->error) < 0)
		return -1;
	if (m->township) {
		char label[256];

		snprintf(label, sizeof label, "【%s全部名单】", m->township);
		menu_add(m, label, NULL, m->tot.township.people, m->tot.township.total_fen)->whole = 1;
	}
	for (int i = 0; i < n; i++)
		menu_add(m, m->township ? p[i].village : p[i].township, NULL, p[i].people,
			 p[i].total_fen);
	subsidy_places_free(p, n);
	return 0;
}

/* Copies the arguments and reads the entries. */
static int menu_enter(struct tui *t, void **state, const void *argp, char *err, size_t errlen)
{
	const struct subsidy_arg *a = argp;
	struct menu *m = xcalloc(1, sizeof *m);
	int rc;

	m->level = a ? a->level : SUBSIDY_PROGRAMS;
	m->program = a && a->program ? xstrdup(a->program) : NULL;
	m->township = a && a->township && m->level == SUBSIDY_VILLAGES ? xstrdup(a->township) : NULL;
	m->batch_id = a && m->level >= SUBSIDY_TOWNS ? a->batch_id : 0;
	if (m->batch_id) {
		rc = subsidy_batch_get(tui_db(t), m->batch_id, &m->batch, m->error, sizeof m->error);
		m->have_batch = rc == 0;
	}
	switch (m->level) {
	case SUBSIDY_PROGRAMS:
		menu_load_programs(t, m);
		/* Read the names now, so the first keystroke of a search is quick. */
		subsidy_tui_names(t, m->error, sizeof m->error);
		break;
	case SUBSIDY_BATCHES:
		menu_load_batches(t, m);
		break;
	default:
		menu_load_places(t, m);
		break;
	}
	*state = m;
	return 0;
}

/* Frees the state. */
static void menu_leave(struct tui *t, void *state)
{
	struct menu *m = state;

	for (int i = 0; i < m->n; i++) {
		free(m->e[i].label);
		free(m->e[i].note);
	}
	free(m->e);
	if (m->have_batch)
		subsidy_batch_clear(&m->batch);
	free(m->program);
	free(m->township);
	free(m);
}

/* Returns how many entries fit. */
static int menu_rows(struct tui *t)
{
	int n = tui_rows(t) - MENU_TOP - 2;

	return n < 1 ? 1 : n;
}

/* Writes the batch's label ("耕地地力保护补贴 2025年 第一批"). */
static void menu_batch_text(const struct menu *m, char *out, size_t n)
{
	char label[128];

	if (!m->have_batch) {
		snprintf(out, n, "%s", m->program ? m->program : "");
		return;
	}
	subsidy_batch_label(m->batch.year, m->batch.batch, label, sizeof label);
	snprintf(out, n, "%s %s", m->batch.program, label);
}

/* Draws the title and the sums of what the menu holds. */
static void menu_draw_head(struct tui *t, struct menu *m)
{
	char title[512], right[64], sum[256], line[640], batch[256];
	int cols = tui_cols(t);

	menu_batch_text(m, batch, sizeof batch);
	switch (m->level) {
	case SUBSIDY_PROGRAMS:
		snprintf(title, sizeof title, "补贴公示");
		snprintf(right, sizeof right, "惠民惠农补贴“一卡通”发放名单");
		subsidy_sum_unit(&m->tot.batch, "人次", sum, sizeof sum);
		snprintf(line, sizeof line, "共 %d 个补贴项目、%ld 批名单；累计 %s", m->n, m->batches, sum);
		break;
	case SUBSIDY_BATCHES:
		snprintf(title, sizeof title, "补贴公示 › %s", m->program);
		snprintf(right, sizeof right, "共 %d 批", m->n);
		subsidy_sum_unit(&m->tot.batch, "人次", sum, sizeof sum);
		snprintf(line, sizeof line, "各年度、批次累计 %s", sum);
		break;
	case SUBSIDY_TOWNS:
		snprintf(title, sizeof title, "%s", batch);
		snprintf(right, sizeof right, "共 %d 个乡镇（街道）", m->n);
		subsidy_sum_text(&m->tot.batch, sum, sizeof sum);
		snprintf(line, sizeof line, "本批合计 %s", sum);
		break;
	default: {
		char tsum[256];

		snprintf(title, sizeof title, "%s › %s", batch, m->township);
		snprintf(right, sizeof right, "共 %d 个村（社区）", m->n > 0 ? m->n - 1 : 0);
		subsidy_sum_text(&m->tot.batch, sum, sizeof sum);
		subsidy_sum_text(&m->tot.township, tsum, sizeof tsum);
		snprintf(line, sizeof line, "%s合计 %s    本批合计 %s", m->township, tsum, sum);
		break;
	}
	}
	tui_title(t, title, right);
	tui_put(t, 2, 1, cols - 2, line, TUI_HEADING, 0);
}

/* Returns the width of the label column. */
static int menu_label_cols(struct tui *t, const struct menu *m)
{
	int w = tui_cols(t) - 3 - 2 - 12 - 2 - 18 - (m->level == SUBSIDY_PROGRAMS ? 18 : 0);

	return w < 8 ? 8 : w;
}

/* Draws one entry in aligned columns. */
static void menu_draw_entry(struct tui *t, struct menu *m, int i, int y)
{
	const struct menu_entry *e = &m->e[i];
	int sel = i == m->list.sel, role = sel ? TUI_SELECTED : TUI_NORMAL, cols = tui_cols(t);
	char people[40], yuan[40];
	struct sbuf b = {0};

	if (sel) {
		tui_fill(t, y, 0, cols, TUI_SELECTED);
		tui_put(t, y, 0, 2, "▶", TUI_SELECTED, 0);
	}
	width_pad(&b, e->label, menu_label_cols(t, m));
	if (m->level == SUBSIDY_PROGRAMS) {
		sbuf_add(&b, "  ");
		width_pad(&b, e->note, 16);
	}
	subsidy_count(e->people, people, sizeof people);
	sbuf_add(&b, "  ");
	subsidy_cell_right(&b, people, 12);
	subsidy_yuan(e->total_fen, yuan, sizeof yuan);
	sbuf_add(&b, "  ");
	subsidy_cell_right(&b, yuan, 18);
	tui_put(t, y, 2, cols - 3, sbuf_str(&b), e->whole && !sel ? TUI_HEADING : role, 0);
	sbuf_free(&b);
}

/* Draws the column titles. */
static void menu_draw_columns(struct tui *t, struct menu *m, int y)
{
	static const char *const first[] = { "补贴项目", "年度、批次", "乡镇（街道）", "村（社区）" };
	struct sbuf b = {0};

	width_pad(&b, first[m->level], menu_label_cols(t, m));
	if (m->level == SUBSIDY_PROGRAMS) {
		sbuf_add(&b, "  ");
		width_pad(&b, "年度", 16);
	}
	sbuf_add(&b, "  ");
	subsidy_cell_right(&b, m->level == SUBSIDY_PROGRAMS ? "人次" : "人数", 12);
	sbuf_add(&b, "  ");
	subsidy_cell_right(&b, "金额（元）", 18);
	tui_put(t, y, 2, tui_cols(t) - 3, sbuf_str(&b), TUI_HEADING, 0);
	sbuf_free(&b);
}

/* Draws entry i at row y (a list row). */
static void menu_draw_row(struct tui *t, void *ctx, int i, int y, int selected)
{
	menu_draw_entry(t, ctx, i, y);
}

/* Draws the menu. */
static void menu_draw(struct tui *t, void *state)
{
	struct menu *m = state;
	int rows = tui_rows(t), cols = tui_cols(t), shown = menu_rows(t);
	char status[128];

	menu_draw_head(t, m);
	tui_put(t, 1, 1, cols - 2,
		m->level == SUBSIDY_PROGRAMS ? "找自己的名字：直接输入姓名或拼音首字母，如 王芳、lxy、王芳 1245"
					     : "按 / 键或直接输入姓名，在这里查找",
		TUI_NORMAL, 0);
	tui_target(t, 1, 0, cols, TUI_TARGET_FIELD);
	if (m->error[0] && m->n == 0) {
		tui_put(t, MENU_TOP, 2, cols - 4, "暂时无法读取补贴名单，请稍后再试或联系工作人员。", TUI_WARN, 0);
		tui_put(t, MENU_TOP + 1, 2, cols - 4, m->error, TUI_NORMAL, 0);
		return;
	}
	if (m->n == 0) {
		tui_put(t, MENU_TOP, 4, cols - 6, "这里还没有补贴公示名单。", TUI_HEADING, 0);
		return;
	}
	menu_draw_columns(t, m, MENU_TOP - 1);
	m->list.n = m->n;
	m->list.rh = 1;
	tui_list_draw(t, &m->list, MENU_TOP, shown, menu_draw_row, m);
	if (m->n > shown) {
		snprintf(status, sizeof status, "第 %d/%d 页%s", m->list.top / shown + 1, (m->n + shown - 1) / shown,
			 m->list.top + shown < m->n ? "    ↓ 下面还有" : "");
		tui_put(t, rows - 2, 2, cols - 4, status, TUI_NORMAL, 0);
	}
}

/* Opens the selected entry one level down. */
static int menu_open(struct tui *t, struct menu *m)
{
	const struct menu_entry *e;
	struct subsidy_arg a = {0};

	if (m->list.sel < 0 || m->list.sel >= m->n)
		return TUI_HANDLED;
	e = &m->e[m->list.sel];
	a.program = m->program;
	a.batch_id = m->batch_id;
	a.township = m->township;
	switch (m->level) {
	case SUBSIDY_PROGRAMS:
		a.level = SUBSIDY_BATCHES;
		a.program = e->label;
		tui_push(t, &tui_subsidy_ops, &a);
		break;
	case SUBSIDY_BATCHES:
		a.level = SUBSIDY_TOWNS;
		a.batch_id = e->batch_id;
		tui_push(t, &tui_subsidy_ops, &a);
		break;
	case SUBSIDY_TOWNS:
		a.level = SUBSIDY_VILLAGES;
		a.township = e->label;
		tui_push(t, &tui_subsidy_ops, &a);
		break;
	default:
		a.village = e->whole ? NULL : e->label;
		tui_push(t, &subsidy_list_ops, &a);
		break;
	}
	return TUI_HANDLED | TUI_REDRAW;
}

/* Opens the search, scoped to what this menu holds. */
static int menu_search(struct tui *t, struct menu *m, int first_key)
{
	struct subsidy_arg a = {0};
	char where[512], batch[256];

	menu_batch_text(m, batch, sizeof batch);
	a.text = "";
	a.first_key = first_key;
	a.where = where;
	switch (m->level) {
	case SUBSIDY_PROGRAMS:
		snprintf(where, sizeof where, "全部补贴项目和年度");
		break;
	case SUBSIDY_BATCHES:
		a.program = m->program;
		snprintf(where, sizeof where, "%s（各年度）", m->program);
		break;
	case SUBSIDY_TOWNS:
		a.batch_id = m->batch_id;
		snprintf(where, sizeof where, "%s", batch);
		break;
	default:
		a.batch_id = m->batch_id;
		a.township = m->township;
		snprintf(where, sizeof where, "%s %s", batch, m->township);
		break;
	}
	tui_push(t, &subsidy_people_ops, &a);
	return TUI_HANDLED | TUI_REDRAW;
}

/* Handles keys and taps. */
static int menu_key(struct tui *t, void *state, const struct tui_event *ev)
{
	struct menu *m = state;
	int r;

	/* A menu prints nothing, so p starts a pinyin search like any letter. */
	if (ev->req == REQ_PRINT && ev->is_key)
		return 0;
	if (ev->req == REQ_CLICK && tui_search_clicked(t, ev))
		return menu_search(t, m, 0);
	switch (ev->req) {
	case REQ_ENTER:
		return menu_open(t, m);
	case REQ_SEARCH:
		return menu_search(t, m, 0);
	case REQ_PRINT:
	case REQ_TEXT:
		return menu_search(t, m, ev->ch);
	case REQ_CLICK:
		if (ev->y == tui_rows(t) - 2 && m->list.top + m->list.shown < m->n)
			return tui_list_key(t, &m->list, &(struct tui_event){ .req = REQ_PGDN });
		r = tui_list_key(t, &m->list, ev);
		return r & TUI_LIST_CLICKED ? menu_open(t, m) : TUI_HANDLED;
	default:
		return tui_list_key(t, &m->list, ev);
	}
}

/* The key line. */
static const struct tui_hint *menu_hints(void *state)
{
	static const struct tui_hint hints[] = {
		{ REQ_DOWN, NULL }, { REQ_ENTER, NULL }, { REQ_PGDN, NULL }, { REQ_SEARCH, NULL },
		{ REQ_BACK, NULL }, { REQ_HOME, NULL }, { REQ_HELP, NULL }, { REQ_NONE, NULL },
	};
	return hints;
}

const struct tui_screen_ops tui_subsidy_ops = {
	.name = "subsidy",
	.enter = menu_enter,
	.draw = menu_draw,
	.key = menu_key,
	.leave = menu_leave,
	.hints = menu_hints,
};
