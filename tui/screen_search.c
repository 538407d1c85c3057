/*
 * screen_search.c - searching everything at once from the home screen, with
 * the results grouped by kind as government portals show them: 政策文件
 * (every bulletin category), 办事指南, 政策问答, and 公共服务 (the units of
 * the 公共服务名录, when the kiosk has one). Each group shows its newest
 * few; "查看全部" opens that group's full list with the same search.
 *
 * A name is never listed here: when the text is a name that the subsidy
 * lists carry, one line says how many entries carry it, and Enter opens
 * 补贴公示's name search on it, where the lines are shown as the lists
 * publish them.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/browse.h"
#include "db/directory.h"
#include "db/subsidy.h"
#include "kiosk/searchlog.h"
#include "kiosk/width.h"
#include "tui/screen_directory.h"
#include "tui/screen_subsidy.h"
#include "tui/widget.h"

#define SEARCH_TOP 3

/* The browse groups, then the directory's (read by db/directory). */
enum { GROUP_DOCS, GROUP_GUIDES, GROUP_QA, NGROUPS, GROUP_DIR = NGROUPS, NALLGROUPS };

static const struct {
	const char *name;
	int kind;
	int limit;
} search_groups[NALLGROUPS] = {
	{ "政策文件", BROWSE_BULLETINS, 5 },
	{ "办事指南", BROWSE_GUIDES, 3 },
	{ "政策问答", BROWSE_QA, 3 },
	{ "公共服务", -1, 3 },
};

enum { ROW_HEADER, ROW_ITEM, ROW_MORE, ROW_NONE, ROW_SUBSIDY };

struct search_row {
	int type, group, item;
};

struct search {
	struct tui_field field; /* what to find */
	struct sbuf query;      /* the field's text with letters being composed */
	struct browse_page found[NGROUPS];
	struct directory_unit *units; /* GROUP_DIR: up to its limit + 1 (more) */
	int nunits;
	long dir_total;         /* units in the directory: 0 = no 公共服务 group */
	struct search_row rows[NALLGROUPS * 8 + 1];
	long subsidy_rows;      /* entries of the subsidy lists with exactly this name */
	char subsidy_name[64];  /* that name */
	int nrows, sel; /* sel indexes rows[] and is never a header */
	int scroll;     /* first row shown */
	char error[256];
};

/* Says whether Enter opens something on this row. */
static int search_openable(const struct search_row *r)
{
	return r->type == ROW_ITEM || r->type == ROW_MORE || r->type == ROW_SUBSIDY;
}

/* Counts the subsidy entries whose name is exactly text (Chinese text
 * only: letters are initials, which name nobody). */
static void search_subsidy(struct tui *t, struct search *s, const char *text)
{
	const struct subsidy_names *d;
	struct subsidy_query q;
	struct subsidy_match *m;
	char err[256];

	if (browse_is_pinyin(text) || !subsidy_query_parse(text, &q) || q.pinyin || q.tail[0] ||
	    strlen(q.text) >= sizeof s->subsidy_name)
		return;
	d = subsidy_tui_names(t, err, sizeof err);
	if (!d)
		return; /* the documents still answer */
	m = subsidy_match_new(d, &q);
	/* Matches come whole name first. */
	if (subsidy_match_names(m) > 0 && strcmp(subsidy_match_name(m, 0), q.text) == 0) {
		s->subsidy_rows = subsidy_match_name_rows(m, 0);
		size_t n = strlen(q.text);

		/* a name longer than the field is cut on a character */
		if (n >= sizeof s->subsidy_name) {
			n = sizeof s->subsidy_name - 1;
			while (n > 0 && ((unsigned char)q.text[n] & 0xC0) == 0x80)
				n--;
		}
		memcpy(s->subsidy_name, q.text, n);
		s->subsidy_name[n] = '\0';
	}
	subsidy_match_free(m);
}

/* Runs the three searches and lays out the rows. */
static void search_run(struct tui *t, struct search *s)
{
	const char *text;

	tui_field_query(t, &s->field, &s->query);
	text = sbuf_str(&s->query);
	s->nrows = 0;
	s->sel = -1;
	s->scroll = 0;
	s->error[0] = '\0';
	for (int g = 0; g < NGROUPS; g++)
		browse_page_free(&s->found[g]);
	directory_units_free(s->units, s->nunits);
	s->units = NULL;
	s->nunits = 0;
	s->subsidy_rows = 0;
	if (tui_search_chars(text) < 2)
		return;
	search_subsidy(t, s, text);
	if (s->subsidy_rows > 0)
		s->rows[s->nrows++] = (struct search_row){ ROW_SUBSIDY, 0, 0 };
	for (int g = 0; g < NGROUPS; g++) {
		struct browse_query q = { search_groups[g].kind, NULL, NULL, 0, text };

		if (browse_list(tui_db(t), &q, NULL, BROWSE_NEXT, search_groups[g].limit, &s->found[g],
				s->error, sizeof s->error) < 0)
			return;
		s->rows[s->nrows++] = (struct search_row){ ROW_HEADER, g, 0 };
		if (s->found[g].n == 0)
			s->rows[s->nrows++] = (struct search_row){ ROW_NONE, g, 0 };
		for (int i = 0; i < s->found[g].n; i++)
			s->rows[s->nrows++] = (struct search_row){ ROW_ITEM, g, i };
		if (s->found[g].more)
			s->rows[s->nrows++] = (struct search_row){ ROW_MORE, g, 0 };
	}
	if (s->dir_total > 0) {
		int shown;

		if (directory_search(tui_db(t), text, NULL, search_groups[GROUP_DIR].limit + 1, &s->units,
				     &s->nunits, s->error, sizeof s->error) < 0)
			return;
		shown = s->nunits < search_groups[GROUP_DIR].limit ? s->nunits : search_groups[GROUP_DIR].limit;
		s->rows[s->nrows++] = (struct search_row){ ROW_HEADER, GROUP_DIR, 0 };
		if (shown == 0)
			s->rows[s->nrows++] = (struct search_row){ ROW_NONE, GROUP_DIR, 0 };
		for (int i = 0; i < shown; i++)
			s->rows[s->nrows++] = (struct search_row){ ROW_ITEM, GROUP_DIR, i };
		if (s->nunits > shown)
			s->rows[s->nrows++] = (struct search_row){ ROW_MORE, GROUP_DIR, 0 };
	}
	for (int i = 0; i < s->nrows; i++)
		if (search_openable(&s->rows[i])) {
			s->sel = i;
			break;
		}
}

/* Counts a kept search that found nothing for the office (a name that the
 * subsidy lists carry is never counted). */
static void search_log(struct tui *t, const struct search *s)
{
	const char *text = sbuf_str(&s->query);

	if (s->error[0] || s->subsidy_rows > 0 || tui_search_chars(text) < 2)
		return;
	for (int g = 0; g < NGROUPS; g++)
		if (s->found[g].n > 0)
			return;
	if (s->nunits > 0)
		return;
	searchlog_nothing_found(tui_db(t), text);
}

/* Opens with the search field ready for typing. */
static int search_enter(struct tui *t, void **state, const void *arg, char *err, size_t errlen)
{
	struct search *s = xcalloc(1, sizeof *s);

	tui_field_init(&s->field, TUI_FIELD_SEARCH, 60);
	tui_field_focus(t, &s->field);
	s->sel = -1;
	s->dir_total = tui_directory_count(t);
	*state = s;
	return 0;
}

/* Frees the state. */
static void search_leave(struct tui *t, void *state)
{
	struct search *s = state;

	for (int g = 0; g < NGROUPS; g++)
		browse_page_free(&s->found[g]);
	directory_units_free(s->units, s->nunits);
	tui_field_blur(t, &s->field);
	tui_field_free(&s->field);
	sbuf_free(&s->query);
	free(s);
}

/* Returns the rows available for results. */
static int search_rows(struct tui *t)
{
	return tui_rows(t) - SEARCH_TOP - 2;
}

static void search_draw_rows(struct tui *t, struct search *s, int avail);

/* Draws the field and the grouped results. */
static void search_draw(struct tui *t, void *state)
{
	struct search *s = state;
	int cols = tui_cols(t), avail = search_rows(t), x = 2;

	tui_title(t, "搜索全部", tui_today(t));
	x += tui_put(t, 1, x, 6, "搜索：", TUI_HEADING, 0);
	tui_field_draw(t, &s->field, 1, x, cols - x - 2 > 56 ? 56 : cols - x - 2);
	if (s->error[0]) {
		tui_put(t, SEARCH_TOP, 2, cols - 4, "暂时无法查询，请联系工作人员。", TUI_WARN, 0);
	} else if (tui_search_chars(sbuf_str(&s->query)) < 2) {
		tui_put(t, SEARCH_TOP, 2, cols - 4,
			"请输入要找的字，两个字就能找到，例如“补贴”“低保”；也可以输入拼音首字母。", TUI_NORMAL, 0);
	} else {
		search_draw_rows(t, s, avail);
	}
	tui_field_draw_popups(t, &s->field, 2);
}

/* Draws a unit of the 公共服务名录 found: its name (the words marked),
 * category, township and phone. */
static void search_draw_unit(struct tui *t, struct search *s, const struct directory_unit *u, int y,
			     int role)
{
	struct sbuf b = {0};
	char *name = browse_mark(u->name, sbuf_str(&s->query));
	int cols = tui_cols(t), nw = cols - 6 - 8 - 10 - 20 - 6;

	width_pad(&b, name, nw < 8 ? 8 : nw);
	sbuf_add(&b, "  ");
	width_pad(&b, u->category, 8);
	sbuf_add(&b, "  ");
	width_pad(&b, u->township, 10);
	sbuf_add(&b, "  ");
	width_fit(&b, u->phone, 20);
	tui_put(t, y, 4, cols - 6, sbuf_str(&b), role, 0);
	free(name);
	sbuf_free(&b);
}

/* Draws the result rows from s->scroll, keeping the selection in view. */
static void search_draw_rows(struct tui *t, struct search *s, int avail)
{
	int cols = tui_cols(t);

	if (s->sel >= 0) {
		if (s->sel < s->scroll)
			s->scroll = s->sel > 0 && s->rows[s->sel - 1].type == ROW_HEADER ? s->sel - 1 : s->sel;
		if (s->sel >= s->scroll + avail)
			s->scroll = s->sel - avail + 1;
	}
	for (int r = 0; r < avail && s->scroll + r < s->nrows; r++) {
		const struct search_row *row = &s->rows[s->scroll + r];
		int y = SEARCH_TOP + r, sel = s->scroll + r == s->sel;
		int role = sel ? TUI_SELECTED : TUI_NORMAL;
		char line[512];

		if (sel)
			tui_fill(t, y, 0, cols, TUI_SELECTED);
		if (row->type == ROW_ITEM || row->type == ROW_MORE || row->type == ROW_SUBSIDY)
			tui_list_target(t, y, 1, s->scroll + r);
		switch (row->type) {
		case ROW_HEADER:
			snprintf(line, sizeof line, "■ %s", search_groups[row->group].name);
			tui_put(t, y, 1, cols - 2, line, TUI_HEADING, 0);
			break;
		case ROW_SUBSIDY:
			snprintf(line, sizeof line, "补贴公示里有 %ld 条“%s”的记录，按回车查看 →",
				 s->subsidy_rows, s->subsidy_name);
			tui_put(t, y, 1, cols - 2, line, sel ? TUI_SELECTED : TUI_LINK, 0);
			break;
		case ROW_NONE:
			tui_put(t, y, 4, cols - 6, "（没有找到）", TUI_NORMAL, 0);
			break;
		case ROW_MORE:
			snprintf(line, sizeof line, "查看全部%s结果 →", search_groups[row->group].name);
			tui_put(t, y, 4, cols - 6, line, sel ? TUI_SELECTED : TUI_LINK, 0);
			break;
		default: {
			if (row->group == GROUP_DIR) {
				search_draw_unit(t, s, &s->units[row->item], y, role);
				break;
			}
			const struct browse_item *it = &s->found[row->group].items[row->item];
			struct sbuf b = {0};
			char *title;
			int dw = it->date[0] ? 12 : 0, tw = cols - 8 - dw - (row->group == GROUP_DOCS ? 14 : 0);

			if (row->group == GROUP_DOCS) {
				sbuf_add(&b, "【");
				width_pad(&b, it->category, 10);
				sbuf_add(&b, "】");
			}
			title = browse_mark(it->title, sbuf_str(&s->query));
			if (strcmp(it->validity, "失效") == 0 || strcmp(it->validity, "废止") == 0) {
				char badge[32];

				snprintf(badge, sizeof badge, "（%s）", it->validity);
				tw -= width_str(badge);
				width_pad(&b, title, tw);
				sbuf_add(&b, badge);
			} else {
				width_pad(&b, title, tw);
			}
			free(title);
			if (dw) {
				sbuf_add(&b, "  ");
				sbuf_add(&b, it->date);
			}
			tui_put(t, y, 4, cols - 6, sbuf_str(&b), role, 0);
			sbuf_free(&b);
		}
		}
	}
}

/* Moves the selection over the rows that can be opened. */
static void search_move(struct search *s, int step)
{
	for (int i = s->sel + step; i >= 0 && i < s->nrows; i += step)
		if (search_openable(&s->rows[i])) {
			s->sel = i;
			return;
		}
}

/* Opens the selected row: a document, or a group's full list. */
static int search_open(struct tui *t, struct search *s, int i)
{
	const struct search_row *row;

	if (i < 0 || i >= s->nrows)
		return TUI_HANDLED;
	row = &s->rows[i];
	s->sel = i;
	if (row->type == ROW_ITEM && row->group == GROUP_DIR) {
		struct tui_directory_unit_arg a = { s->units[row->item].id };

		tui_push(t, &tui_directory_unit_ops, &a);
	} else if (row->type == ROW_MORE && row->group == GROUP_DIR) {
		tui_push(t, &tui_directory_ops, sbuf_str(&s->query));
	} else if (row->type == ROW_ITEM) {
		struct tui_doc_arg a = { search_groups[row->group].kind,
					 s->found[row->group].items[row->item].id };

		tui_push(t, &tui_reader_ops, &a);
	} else if (row->type == ROW_SUBSIDY) {
		/* 补贴公示, and its name search over every program on top. */
		struct subsidy_arg a = { .level = SUBSIDY_PROGRAMS, .text = s->subsidy_name,
					 .where = "全部补贴项目和年度" };

		if (tui_push(t, &tui_subsidy_ops, NULL) == 0)
			tui_push(t, &subsidy_people_ops, &a);
	} else if (row->type == ROW_MORE) {
		struct tui_list_arg a = { search_groups[row->group].kind, NULL,
					  search_groups[row->group].name, sbuf_str(&s->query) };

		tui_push(t, &tui_list_ops, &a);
	}
	return TUI_HANDLED | TUI_REDRAW;
}

/* Handles typing, moving and opening. */
static int search_key(struct tui *t, void *state, const struct tui_event *ev)
{
	struct search *s = state;
	int row;

	if (s->field.focused) {
		switch (tui_field_key(t, &s->field, ev)) {
		case TUI_FIELD_CHANGED:
			search_run(t, s);
			return TUI_HANDLED | TUI_REDRAW;
		case TUI_FIELD_MOVED:
			return TUI_HANDLED | TUI_REDRAW;
		case TUI_FIELD_KEPT:
			tui_field_blur(t, &s->field);
			search_run(t, s);
			search_log(t, s);
			return TUI_HANDLED | TUI_REDRAW;
		case TUI_FIELD_ESCAPED:
			return 0; /* Esc: back to the home screen */
		default:
			break;
		}
	}
	switch (ev->req) {
	case REQ_TEXT:
	case REQ_SEARCH:
		tui_field_focus(t, &s->field);
		return ev->req == REQ_TEXT ? search_key(t, state, ev) : TUI_HANDLED | TUI_REDRAW;
	case REQ_ENTER:
		return search_open(t, s, s->sel);
	case REQ_UP:
		search_move(s, -1);
		return TUI_HANDLED | TUI_REDRAW;
	case REQ_DOWN:
		search_move(s, 1);
		return TUI_HANDLED | TUI_REDRAW;
	case REQ_CLICK:
		if (tui_target_at(t, ev->y, ev->x) >= TUI_TARGET_FIELD &&
		    tui_target_at(t, ev->y, ev->x) < TUI_TARGET_LIST) {
			tui_field_focus(t, &s->field);
			return TUI_HANDLED | TUI_REDRAW;
		}
		row = tui_list_hit(t, ev);
		return row >= 0 ? search_open(t, s, row) : TUI_HANDLED;
	default:
		return 0;
	}
}

/* Keys go to the field while it has focus. */
static int search_typing(void *state)
{
	const struct search *s = state;

	return s->field.focused;
}

/* The key line while typing and while choosing. */
static const struct tui_hint *search_hints(void *state)
{
	static const struct tui_hint choosing[] = {
		{ REQ_DOWN, NULL }, { REQ_ENTER, NULL }, { REQ_SEARCH, NULL }, { REQ_BACK, NULL },
		{ REQ_HOME, NULL }, { REQ_NONE, NULL },
	};
	const struct search *s = state;

	return s->field.focused ? tui_field_hints : choosing;
}

const struct tui_screen_ops tui_searchall_ops = {
	.name = "search",
	.enter = search_enter,
	.draw = search_draw,
	.key = search_key,
	.leave = search_leave,
	.hints = search_hints,
	.typing = search_typing,
};
