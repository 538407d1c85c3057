/*
 * screen_directory.c - 公共服务名录: where the township's school, clinic
 * (卫生院), water and power offices, bus and police station are, when they
 * are open and how to call them, as the county office lists them in the
 * bundle's directory.csv.
 *
 *  - the first screen lists the townships with how many units each has;
 *    typing (or /) searches every township at once;
 *  - a township lists its units by category, one line each (名称, 类别,
 *    电话), and p prints them as a ruled table;
 *  - a unit shows every field, wrapped; p prints it on one sheet.
 *
 * The directory is a few hundred rows at most, so each screen holds its
 * rows in memory and draws them with the shared list widget.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/browse.h"
#include "db/directory.h"
#include "kiosk/width.h"
#include "printing/print.h"
#include "tui/screen_directory.h"
#include "tui/widget.h"

#define DIR_TOP 4      /* first row of the entries; the column titles above */
#define DIR_FOUND 200  /* most units a search shows */
#define DIR_CAT_COLS 12
#define DIR_TOWN_COLS 10
#define DIR_PHONE_COLS 20

static const char dir_empty[] = "本机还没有公共服务名录。需要找学校、卫生院、派出所等的电话，请问工作人员。";

/* Counts the units of the kiosk's directory. */
long tui_directory_count(struct tui *t)
{
	char err[256];
	long n = 0;

	if (directory_count(tui_db(t), &n, err, sizeof err) < 0)
		return 0;
	return n;
}

/* --- what the screens share ------------------------------------------- */

/* Returns the columns left for the name on a row of cols columns. */
static int dir_name_cols(int cols, int with_town)
{
	int w = cols - 4 - 2 - DIR_CAT_COLS - 2 - DIR_PHONE_COLS - (with_town ? DIR_TOWN_COLS + 2 : 0);

	return w < 8 ? 8 : w;
}

/* Appends one unit as aligned columns: 名称, 类别, (乡镇,) 电话; the name
 * with the words of query marked 【】 when query is not NULL. */
static void dir_unit_line(struct sbuf *b, const struct directory_unit *u, int cols, int with_town,
			  const char *query)
{
	char *name = query ? browse_mark(u->name, query) : xstrdup(u->name);

	width_pad(b, name, dir_name_cols(cols, with_town));
	sbuf_add(b, "  ");
	width_pad(b, u->category, DIR_CAT_COLS);
	if (with_town) {
		sbuf_add(b, "  ");
		width_pad(b, u->township, DIR_TOWN_COLS);
	}
	sbuf_add(b, "  ");
	width_fit(b, u->phone[0] ? u->phone : "—", DIR_PHONE_COLS);
	free(name);
}

/* Draws the column titles of a unit list at row y. */
static void dir_unit_titles(struct tui *t, int y, int with_town)
{
	struct sbuf b = {0};

	width_pad(&b, "名称", dir_name_cols(tui_cols(t), with_town));
	sbuf_add(&b, "  ");
	width_pad(&b, "类别", DIR_CAT_COLS);
	if (with_town) {
		sbuf_add(&b, "  ");
		width_pad(&b, "乡镇", DIR_TOWN_COLS);
	}
	sbuf_add(&b, "  ");
	width_fit(&b, "电话", DIR_PHONE_COLS);
	tui_put(t, y, 2, tui_cols(t) - 3, sbuf_str(&b), TUI_HEADING, 0);
	sbuf_free(&b);
}

/* Draws a selected row's bar and arrow. */
static int dir_row_start(struct tui *t, int y, int selected)
{
	if (selected) {
		tui_fill(t, y, 0, tui_cols(t), TUI_SELECTED);
		tui_put(t, y, 0, 2, "▶", TUI_SELECTED, 0);
	}
	return selected ? TUI_SELECTED : TUI_NORMAL;
}

/* Returns how many list rows fit under the column titles. */
static int dir_rows(struct tui *t)
{
	int n = tui_rows(t) - DIR_TOP - 2;

	return n < 1 ? 1 : n;
}

/* Draws "第 x/y 页" under a list longer than the screen. */
static void dir_page_line(struct tui *t, const struct tui_list *l)
{
	int shown = dir_rows(t);
	char status[128];

	if (l->n <= shown)
		return;
	snprintf(status, sizeof status, "第 %d/%d 页%s", l->top / shown + 1, (l->n + shown - 1) / shown,
		 l->top + shown < l->n ? "    ↓ 下面还有" : "");
	tui_put(t, tui_rows(t) - 2, 2, tui_cols(t) - 4, status, TUI_NORMAL, 0);
}

/* Opens one unit's page. */
static int dir_open_unit(struct tui *t, const struct directory_unit *u)
{
	struct tui_directory_unit_arg a = { u->id };

	tui_push(t, &tui_directory_unit_ops, &a);
	return TUI_HANDLED | TUI_REDRAW;
}

/* A search over the directory (every township, or one). */
struct dir_find {
	struct tui_search search;
	struct directory_unit *found; /* the units found, best first */
	int nfound;
	int active;                   /* the text is enough to search by */
};

/* Runs the search again after the text changed. */
static void dir_find_run(struct tui *t, struct dir_find *f, const char *township, char *err,
			 size_t errlen)
{
	const char *q = tui_search_query(&f->search);

	directory_units_free(f->found, f->nfound);
	f->found = NULL;
	f->nfound = 0;
	f->active = tui_search_chars(q) >= 2;
	err[0] = '\0';
	if (f->active)
		directory_search(tui_db(t), q, township, DIR_FOUND, &f->found, &f->nfound, err, errlen);
}

/* Draws the search row at row 1. */
static void dir_find_draw(struct tui *t, struct dir_find *f, const char *hint)
{
	tui_search_draw(t, &f->search, 1, 2, tui_cols(t) - 4, hint,
			tui_search_chars(tui_search_query(&f->search)) == 1 ? "再输入一个字" : NULL);
}

/* Frees a search. */
static void dir_find_free(struct tui *t, struct dir_find *f)
{
	directory_units_free(f->found, f->nfound);
	tui_search_free(t, &f->search);
}

/* What dir_find_key did. */
enum { FIND_OTHER, FIND_DONE, FIND_CHANGED };

/* Handles the search's keys: opening it, typing, clearing it with Esc.
 * Returns FIND_CHANGED when the results changed, FIND_DONE when the key
 * was the search's, FIND_OTHER when not. */
static int dir_find_key(struct tui *t, struct dir_find *f, const struct tui_event *ev,
			const char *township, char *err, size_t errlen)
{
	if (tui_search_open_p(&f->search)) {
		switch (tui_search_key(t, &f->search, ev)) {
		case TUI_SEARCH_CHANGED:
			dir_find_run(t, f, township, err, errlen);
			return FIND_CHANGED;
		case TUI_SEARCH_KEPT:
		case TUI_SEARCH_REDRAW:
			return FIND_DONE;
		default:
			if (ev->req != REQ_CLICK && ev->req != REQ_ENTER)
				return FIND_OTHER;
			break;
		}
	}
	switch (ev->req) {
	case REQ_SEARCH:
		tui_search_open(t, &f->search);
		return FIND_DONE;
	case REQ_TEXT:
		tui_search_open(t, &f->search);
		return dir_find_key(t, f, ev, township, err, errlen);
	case REQ_BACK:
		if (!tui_search_query(&f->search)[0])
			return FIND_OTHER;
		tui_search_clear(t, &f->search);
		dir_find_run(t, f, township, err, errlen);
		return FIND_CHANGED;
	case REQ_CLICK:
		if (!tui_search_clicked(t, ev))
			return FIND_OTHER;
		tui_search_open(t, &f->search);
		return FIND_DONE;
	default:
		return FIND_OTHER;
	}
}

/* --- the townships ----------------------------------------------------- */

struct dir_towns {
	struct directory_town *towns;
	int ntowns;
	long total;
	struct dir_find find;
	struct tui_list list;
	char error[256];
};

/* Reads the townships; arg is the search text to start with, or NULL. */
static int towns_enter(struct tui *t, void **state, const void *arg, char *err, size_t errlen)
{
	struct dir_towns *d = xcalloc(1, sizeof *d);

	if (directory_towns(tui_db(t), &d->towns, &d->ntowns, d->error, sizeof d->error) == 0)
		for (int i = 0; i < d->ntowns; i++)
			d->total += d->towns[i].units;
	tui_search_init(&d->find.search, TUI_FIELD_SEARCH, 30, arg);
	if (arg && *(const char *)arg)
		dir_find_run(t, &d->find, NULL, d->error, sizeof d->error);
	*state = d;
	return 0;
}

/* Frees the state. */
static void towns_leave(struct tui *t, void *state)
{
	struct dir_towns *d = state;

	directory_towns_free(d->towns, d->ntowns);
	dir_find_free(t, &d->find);
	free(d);
}

/* Draws township i, or unit i of the search (a list row). */
static void towns_draw_row(struct tui *t, void *ctx, int i, int y, int selected)
{
	struct dir_towns *d = ctx;
	int role = dir_row_start(t, y, selected), cols = tui_cols(t);
	struct sbuf b = {0};

	if (d->find.active) {
		dir_unit_line(&b, &d->find.found[i], cols, 1, tui_search_query(&d->find.search));
	} else {
		char n[32];

		snprintf(n, sizeof n, "%ld 个", d->towns[i].units);
		width_pad(&b, d->towns[i].township, cols - 4 - 2 - 12);
		sbuf_add(&b, "  ");
		width_fit(&b, n, 12);
	}
	tui_put(t, y, 2, cols - 3, sbuf_str(&b), role, 0);
	sbuf_free(&b);
}

/* Draws the townships, or what the search found. */
static void towns_draw(struct tui *t, void *state)
{
	struct dir_towns *d = state;
	int cols = tui_cols(t);
	char right[64];

	snprintf(right, sizeof right, d->total ? "共 %ld 个单位" : "", d->total);
	tui_title(t, "公共服务名录", right);
	if (d->error[0] && d->ntowns == 0) {
		tui_put(t, DIR_TOP, 2, cols - 4, "暂时无法读取公共服务名录，请稍后再试或联系工作人员。", TUI_WARN, 0);
		return;
	}
	if (d->total == 0) {
		tui_put(t, DIR_TOP - 1, 2, cols - 4, dir_empty, TUI_HEADING, 0);
		return;
	}
	dir_find_draw(t, &d->find, "按 / 键搜索：如 卫生院、派出所、供电");
	if (d->find.active) {
		if (d->find.nfound == 0) {
			tui_put(t, DIR_TOP - 1, 2, cols - 4, "没有找到。请换个词试试，或按 Esc 清除搜索。", TUI_NORMAL, 0);
		} else {
			dir_unit_titles(t, DIR_TOP - 1, 1);
			d->list.n = d->find.nfound;
			d->list.rh = 1;
			tui_list_draw(t, &d->list, DIR_TOP, dir_rows(t), towns_draw_row, d);
			dir_page_line(t, &d->list);
		}
	} else {
		struct sbuf b = {0};

		width_pad(&b, "乡镇（街道）", cols - 4 - 2 - 12);
		sbuf_add(&b, "  单位数");
		tui_put(t, DIR_TOP - 1, 2, cols - 3, sbuf_str(&b), TUI_HEADING, 0);
		sbuf_free(&b);
		d->list.n = d->ntowns;
		d->list.rh = 1;
		tui_list_draw(t, &d->list, DIR_TOP, dir_rows(t), towns_draw_row, d);
		dir_page_line(t, &d->list);
	}
	tui_search_draw_popups(t, &d->find.search);
}

/* Opens the selected township, or the selected unit found. */
static int towns_open(struct tui *t, struct dir_towns *d)
{
	int i = d->list.sel;

	if (d->find.active)
		return i >= 0 && i < d->find.nfound ? dir_open_unit(t, &d->find.found[i]) : TUI_HANDLED;
	if (i < 0 || i >= d->ntowns)
		return TUI_HANDLED;
	tui_push(t, &tui_directory_town_ops, d->towns[i].township);
	return TUI_HANDLED | TUI_REDRAW;
}

/* Handles the search, moves, Enter and taps. */
static int towns_key(struct tui *t, void *state, const struct tui_event *ev)
{
	struct dir_towns *d = state;
	int r;

	if (d->total == 0)
		return 0;
	switch (dir_find_key(t, &d->find, ev, NULL, d->error, sizeof d->error)) {
	case FIND_CHANGED:
		d->list.sel = d->list.top = 0;
		return TUI_HANDLED | TUI_REDRAW;
	case FIND_DONE:
		return TUI_HANDLED | TUI_REDRAW;
	default:
		break;
	}
	if (ev->req == REQ_ENTER)
		return towns_open(t, d);
	r = tui_list_key(t, &d->list, ev);
	if (r & TUI_LIST_CLICKED)
		return towns_open(t, d);
	return r;
}

/* Keys go to the search while it is open. */
static int towns_typing(void *state)
{
	const struct dir_towns *d = state;

	return tui_search_open_p(&d->find.search);
}

/* The key line. */
static const struct tui_hint *towns_hints(void *state)
{
	static const struct tui_hint hints[] = {
		{ REQ_DOWN, NULL }, { REQ_ENTER, NULL }, { REQ_PGDN, NULL }, { REQ_SEARCH, NULL },
		{ REQ_BACK, NULL }, { REQ_HOME, NULL }, { REQ_NONE, NULL },
	};
	const struct dir_towns *d = state;

	return tui_search_open_p(&d->find.search) ? tui_field_hints : hints;
}

const struct tui_screen_ops tui_directory_ops = {
	.name = "directory",
	.enter = towns_enter,
	.draw = towns_draw,
	.key = towns_key,
	.leave = towns_leave,
	.hints = towns_hints,
	.typing = towns_typing,
};

/* --- one township ------------------------------------------------------ */

static const struct print_column town_columns[] = {
	{ "名称", PRINT_COL_TEXT, 14 }, { "类别", PRINT_COL_TEXT, 7 },
	{ "地址", PRINT_COL_TEXT, 16 }, { "办公时间", PRINT_COL_TEXT, 14 },
	{ "电话", PRINT_COL_TEXT, 12 },
};

struct dir_town {
	char *township;
	struct directory_unit *units; /* by category, then name */
	int nunits;
	struct dir_find find;
	struct tui_list list;
	char *print_title; /* the printout's title while the dialog is open */
	const char *kiosk_name;
	struct tui_print_choice choice;
	char error[256];
};

/* Returns the units shown now: the search's, or all of them. */
static const struct directory_unit *town_shown(const struct dir_town *d, int *n)
{
	*n = d->find.active ? d->find.nfound : d->nunits;
	return d->find.active ? d->find.found : d->units;
}

/* Reads the township's units. */
static int town_enter(struct tui *t, void **state, const void *arg, char *err, size_t errlen)
{
	struct dir_town *d = xcalloc(1, sizeof *d);

	d->township = xstrdup(arg ? arg : "");
	directory_units(tui_db(t), d->township, NULL, &d->units, &d->nunits, d->error,
			sizeof d->error);
	tui_search_init(&d->find.search, TUI_FIELD_SEARCH, 30, NULL);
	*state = d;
	return 0;
}

/* Frees the state. */
static void town_leave(struct tui *t, void *state)
{
	struct dir_town *d = state;

	directory_units_free(d->units, d->nunits);
	dir_find_free(t, &d->find);
	free(d->township);
	free(d->print_title);
	free(d);
}

/* Draws unit i (a list row). */
static void town_draw_row(struct tui *t, void *ctx, int i, int y, int selected)
{
	struct dir_town *d = ctx;
	int role = dir_row_start(t, y, selected), n;
	const struct directory_unit *u = town_shown(d, &n);
	struct sbuf b = {0};

	dir_unit_line(&b, &u[i], tui_cols(t), 0, d->find.active ? tui_search_query(&d->find.search) : NULL);
	tui_put(t, y, 2, tui_cols(t) - 3, sbuf_str(&b), role, 0);
	sbuf_free(&b);
}

/* Draws the township's units. */
static void town_draw(struct tui *t, void *state)
{
	struct dir_town *d = state;
	char *title = xasprintf("公共服务名录 › %s", d->township), right[64];
	int n;

	town_shown(d, &n);
	snprintf(right, sizeof right, "共 %d 个单位", d->nunits);
	tui_title(t, title, right);
	free(title);
	dir_find_draw(t, &d->find, "按 / 键在本乡镇搜索；按 p 打印本乡镇名录");
	if (d->error[0] && d->nunits == 0) {
		tui_put(t, DIR_TOP, 2, tui_cols(t) - 4, "暂时无法读取，请稍后再试或联系工作人员。", TUI_WARN, 0);
	} else if (n == 0) {
		tui_put(t, DIR_TOP - 1, 2, tui_cols(t) - 4,
			d->find.active ? "没有找到。请换个词试试，或按 Esc 清除搜索。" : "这里还没有单位。",
			TUI_NORMAL, 0);
	} else {
		dir_unit_titles(t, DIR_TOP - 1, 0);
		d->list.n = n;
		d->list.rh = 1;
		tui_list_draw(t, &d->list, DIR_TOP, dir_rows(t), town_draw_row, d);
		dir_page_line(t, &d->list);
	}
	tui_search_draw_popups(t, &d->find.search);
}

/* Handles the search, moves, Enter and taps. */
static int town_key(struct tui *t, void *state, const struct tui_event *ev)
{
	struct dir_town *d = state;
	const struct directory_unit *u;
	int n, r;

	switch (dir_find_key(t, &d->find, ev, d->township, d->error, sizeof d->error)) {
	case FIND_CHANGED:
		d->list.sel = d->list.top = 0;
		return TUI_HANDLED | TUI_REDRAW;
	case FIND_DONE:
		return TUI_HANDLED | TUI_REDRAW;
	default:
		break;
	}
	u = town_shown(d, &n);
	if (ev->req == REQ_ENTER)
		return d->list.sel >= 0 && d->list.sel < n ? dir_open_unit(t, &u[d->list.sel]) : TUI_HANDLED;
	r = tui_list_key(t, &d->list, ev);
	if ((r & TUI_LIST_CLICKED) && d->list.sel < n)
		return dir_open_unit(t, &u[d->list.sel]);
	return r;
}

/* Row source of the township's printout: every unit, by category. */
static int town_print_rows(void *ctx, long index, struct print_row *row, char *err, size_t errlen)
{
	struct dir_town *d = ctx;
	const struct directory_unit *u;

	if (index >= d->nunits)
		return 0;
	u = &d->units[index];
	memset(row, 0, sizeof *row);
	row->cells[0] = u->name;
	row->cells[1] = u->category;
	row->cells[2] = u->address;
	row->cells[3] = u->hours;
	row->cells[4] = u->phone;
	return 1;
}

/* Returns the kiosk's name from the configuration, or NULL. */
static const char *dir_kiosk_name(struct tui *t)
{
	const struct config *cfg = tui_config(t);

	return cfg && cfg->kiosk_name && cfg->kiosk_name[0] ? cfg->kiosk_name : NULL;
}

/* Builds the township's table. */
static int town_print_build(void *ctx, struct print_doc *doc, char *err, size_t errlen)
{
	struct dir_town *d = ctx;

	doc->kind = PRINT_KIND_TABLE;
	doc->kiosk_name = d->kiosk_name;
	doc->title = d->print_title;
	doc->columns = town_columns;
	doc->ncolumns = (int)(sizeof town_columns / sizeof town_columns[0]);
	doc->rows = town_print_rows;
	doc->rows_ctx = d;
	doc->note = "以上信息来自县里发布的公共服务名录；如有变动，以各单位的公告为准。";
	return 0;
}

/* Prints the township's whole directory (the search does not narrow it). */
static int town_print(struct tui *t, void *state)
{
	struct dir_town *d = state;
	struct tui_print_job job = {0};
	char *name;

	if (d->nunits == 0) {
		tui_message(t, "没有可以打印的内容");
		return TUI_REDRAW;
	}
	free(d->print_title);
	/* Bundle text: cleaned of controls and invisible characters. */
	name = width_clean(d->township);
	d->print_title = xasprintf("%s公共服务名录", name);
	free(name);
	d->kiosk_name = dir_kiosk_name(t);
	d->choice = (struct tui_print_choice){ "本乡镇全部单位", town_print_build, d };
	job.kind = PRINT_LOG_DIRECTORY;
	job.title = d->print_title;
	job.index_no = "";
	job.choices = &d->choice;
	job.nchoices = 1;
	return tui_print_hook(t, &job);
}

/* Keys go to the search while it is open. */
static int town_typing(void *state)
{
	const struct dir_town *d = state;

	return tui_search_open_p(&d->find.search);
}

/* The key line. */
static const struct tui_hint *town_hints(void *state)
{
	static const struct tui_hint hints[] = {
		{ REQ_DOWN, NULL }, { REQ_ENTER, NULL }, { REQ_SEARCH, NULL }, { REQ_PRINT, NULL },
		{ REQ_BACK, NULL }, { REQ_HOME, NULL }, { REQ_NONE, NULL },
	};
	const struct dir_town *d = state;

	return tui_search_open_p(&d->find.search) ? tui_field_hints : hints;
}

const struct tui_screen_ops tui_directory_town_ops = {
	.name = "directory_town",
	.enter = town_enter,
	.draw = town_draw,
	.key = town_key,
	.leave = town_leave,
	.print = town_print,
	.hints = town_hints,
	.typing = town_typing,
};

/* --- one unit ---------------------------------------------------------- */

#define UNIT_MAX_WIDTH 100
#define UNIT_NFIELDS 7

struct dir_unit {
	struct directory_unit u;
	struct tui_textview view;
	int width;
	char *print_title;
	const char *kiosk_name;
	struct print_pair fields[UNIT_NFIELDS];
	struct tui_print_choice choice;
};

/* Lays the unit out for the current width. */
static void unit_layout(struct tui *t, struct dir_unit *d)
{
	const char *label[UNIT_NFIELDS] = { "名称", "类别", "乡镇（街道）", "地址", "办公时间", "电话", "备注" };
	const char *value[UNIT_NFIELDS] = { d->u.name, d->u.category, d->u.township, d->u.address,
					    d->u.hours, d->u.phone, d->u.note };
	int w = tui_cols(t) - 4;

	d->width = w > UNIT_MAX_WIDTH ? UNIT_MAX_WIDTH : w;
	layout_free(&d->view.lay);
	layout_init(&d->view.lay, d->width);
	layout_blank(&d->view.lay);
	for (int i = 0; i < UNIT_NFIELDS; i++)
		if (value[i] && value[i][0])
			layout_field(&d->view.lay, label[i], 14, value[i], LAYOUT_FIELD, -1);
	layout_blank(&d->view.lay);
	{
		static const char tip[] = "按 p 打印这个单位的信息；按 Esc 返回。";

		layout_para(&d->view.lay, tip, strlen(tip), 0, 0, LAYOUT_TEXT, -1);
	}
	if (d->view.top >= d->view.lay.n)
		d->view.top = 0;
}

/* Reads the unit. */
static int unit_enter(struct tui *t, void **state, const void *arg, char *err, size_t errlen)
{
	const struct tui_directory_unit_arg *a = arg;
	struct dir_unit *d = xcalloc(1, sizeof *d);
	int rc = directory_get(tui_db(t), a->id, &d->u, err, errlen);

	if (rc != 0) {
		if (rc > 0)
			snprintf(err, errlen, "这个单位已不在名录中");
		free(d);
		return -1;
	}
	unit_layout(t, d);
	*state = d;
	return 0;
}

/* Frees the state. */
static void unit_leave(struct tui *t, void *state)
{
	struct dir_unit *d = state;

	layout_free(&d->view.lay);
	directory_unit_clear(&d->u);
	free(d->print_title);
	free(d);
}

/* Lays out again for a new width. */
static void unit_resize(struct tui *t, void *state)
{
	unit_layout(t, state);
}

/* Draws the unit. */
static void unit_draw(struct tui *t, void *state)
{
	struct dir_unit *d = state;
	int rows = tui_rows(t) - 3;
	char pos[64];

	tui_textview_pos(&d->view, rows, pos, sizeof pos);
	tui_title(t, d->u.name, pos);
	tui_textview_draw(t, &d->view, 1, rows, (tui_cols(t) - d->width) / 2);
}

/* Scrolls. */
static int unit_key(struct tui *t, void *state, const struct tui_event *ev)
{
	struct dir_unit *d = state;

	return tui_textview_key(&d->view, ev, tui_rows(t) - 3);
}

/* Builds the unit's sheet. */
static int unit_print_build(void *ctx, struct print_doc *doc, char *err, size_t errlen)
{
	struct dir_unit *d = ctx;
	const char *label[UNIT_NFIELDS] = { "名称", "类别", "乡镇（街道）", "地址", "办公时间", "电话", "备注" };
	const char *value[UNIT_NFIELDS] = { d->u.name, d->u.category, d->u.township, d->u.address,
					    d->u.hours, d->u.phone, d->u.note };
	size_t n = 0;

	for (int i = 0; i < UNIT_NFIELDS; i++)
		if (value[i][0])
			d->fields[n++] = (struct print_pair){ label[i], value[i] };
	doc->kind = PRINT_KIND_GUIDE;
	doc->kiosk_name = d->kiosk_name;
	doc->title = d->print_title;
	doc->fields = d->fields;
	doc->nfields = n;
	return 0;
}

/* Prints the unit on one sheet. */
static int unit_print(struct tui *t, void *state)
{
	struct dir_unit *d = state;
	struct tui_print_job job = {0};
	char *name = width_clean(d->u.name), *town = width_clean(d->u.township);

	free(d->print_title);
	d->print_title = xasprintf("%s公共服务名录：%s", town, name);
	free(name);
	free(town);
	d->kiosk_name = dir_kiosk_name(t);
	d->choice = (struct tui_print_choice){ "这个单位的信息", unit_print_build, d };
	job.kind = PRINT_LOG_DIRECTORY;
	job.title = d->print_title;
	job.index_no = "";
	job.choices = &d->choice;
	job.nchoices = 1;
	return tui_print_hook(t, &job);
}

/* The key line. */
static const struct tui_hint *unit_hints(void *state)
{
	static const struct tui_hint hints[] = {
		{ REQ_PGDN, NULL }, { REQ_PRINT, NULL }, { REQ_BACK, NULL }, { REQ_HOME, NULL },
		{ REQ_NONE, NULL },
	};
	return hints;
}

const struct tui_screen_ops tui_directory_unit_ops = {
	.name = "directory_unit",
	.enter = unit_enter,
	.draw = unit_draw,
	.key = unit_key,
	.resize = unit_resize,
	.leave = unit_leave,
	.print = unit_print,
	.hints = unit_hints,
};
