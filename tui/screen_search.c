/*
 * screen_search.c - searching everything at once from the home screen, with
 * the results grouped by kind as government portals show them: 政策文件
 * (every bulletin category), 办事指南, 政策问答. Each group shows its newest
 * few; "查看全部" opens that group's full list with the same search.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/browse.h"
#include "kiosk/width.h"
#include "tui/tui_internal.h"

#define SEARCH_TOP 3

enum { GROUP_DOCS, GROUP_GUIDES, GROUP_QA, NGROUPS };

static const struct {
	const char *name;
	int kind;
	int limit;
} search_groups[NGROUPS] = {
	{ "政策文件", BROWSE_BULLETINS, 5 },
	{ "办事指南", BROWSE_GUIDES, 3 },
	{ "政策问答", BROWSE_QA, 3 },
};

enum { ROW_HEADER, ROW_ITEM, ROW_MORE, ROW_NONE };

struct search_row {
	int type, group, item;
};

struct search {
	struct sbuf text;
	int editing;
	struct browse_page found[NGROUPS];
	struct search_row rows[NGROUPS * 8];
	int nrows, sel; /* sel indexes rows[] and is never a header */
	int scroll;     /* first row shown */
	char error[256];
};

/* Counts non-space characters. */
static int search_chars(const char *s)
{
	int n = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p & 0xC0) != 0x80 && *p != ' ')
			n++;
	return n;
}

/* Runs the three searches and lays out the rows. */
static void search_run(struct tui *t, struct search *s)
{
	const char *text = sbuf_str(&s->text);

	s->nrows = 0;
	s->sel = -1;
	s->scroll = 0;
	s->error[0] = '\0';
	for (int g = 0; g < NGROUPS; g++)
		browse_page_free(&s->found[g]);
	if (search_chars(text) < 2)
		return;
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
	for (int i = 0; i < s->nrows; i++)
		if (s->rows[i].type == ROW_ITEM || s->rows[i].type == ROW_MORE) {
			s->sel = i;
			break;
		}
}

/* Opens with the search field ready for typing. */
static int search_enter(struct tui *t, void **state, const void *arg, char *err, size_t errlen)
{
	struct search *s = xcalloc(1, sizeof *s);

	s->editing = 1;
	s->sel = -1;
	*state = s;
	return 0;
}

/* Frees the state. */
static void search_leave(struct tui *t, void *state)
{
	struct search *s = state;

	for (int g = 0; g < NGROUPS; g++)
		browse_page_free(&s->found[g]);
	sbuf_free(&s->text);
	free(s);
}

/* Returns the rows available for results. */
static int search_rows(struct tui *t)
{
	return tui_rows(t) - SEARCH_TOP - 2;
}

/* Draws the field and the grouped results. */
static void search_draw(struct tui *t, void *state)
{
	struct search *s = state;
	int cols = tui_cols(t), avail = search_rows(t), x = 2, shown;

	tui_title(t, "搜索全部", tui_today(t));
	x += tui_put(t, 1, x, 6, "搜索：", TUI_HEADING, 0);
	tui_fill(t, 1, x, cols > 50 ? 40 : cols - x - 2, s->editing ? TUI_INPUT : TUI_NORMAL);
	shown = tui_put(t, 1, x, cols > 50 ? 40 : cols - x - 2, sbuf_str(&s->text),
			s->editing ? TUI_INPUT : TUI_HEADING, 0);
	if (s->editing)
		tui_cursor(t, 1, x + shown);
	if (s->error[0]) {
		tui_put(t, SEARCH_TOP, 2, cols - 4, "暂时无法查询，请联系工作人员。", TUI_WARN, 0);
		return;
	}
	if (search_chars(sbuf_str(&s->text)) < 2) {
		tui_put(t, SEARCH_TOP, 2, cols - 4,
			"请输入要找的字，两个字就能找到，例如“补贴”“低保”；也可以输入拼音首字母。", TUI_NORMAL, 0);
		return;
	}
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
		switch (row->type) {
		case ROW_HEADER:
			snprintf(line, sizeof line, "■ %s", search_groups[row->group].name);
			tui_put(t, y, 1, cols - 2, line, TUI_HEADING, 0);
			break;
		case ROW_NONE:
			tui_put(t, y, 4, cols - 6, "（没有找到）", TUI_NORMAL, 0);
			break;
		case ROW_MORE:
			snprintf(line, sizeof line, "查看全部%s结果 →", search_groups[row->group].name);
			tui_put(t, y, 4, cols - 6, line, sel ? TUI_SELECTED : TUI_LINK, 0);
			break;
		default: {
			const struct browse_item *it = &s->found[row->group].items[row->item];
			struct sbuf b = {0};
			int dw = it->date[0] ? 12 : 0, tw = cols - 8 - dw - (row->group == GROUP_DOCS ? 14 : 0);

			if (row->group == GROUP_DOCS) {
				sbuf_add(&b, "【");
				width_pad(&b, it->category, 10);
				sbuf_add(&b, "】");
			}
			if (strcmp(it->validity, "失效") == 0 || strcmp(it->validity, "废止") == 0) {
				char badge[32];

				snprintf(badge, sizeof badge, "（%s）", it->validity);
				tw -= width_str(badge);
				width_pad(&b, it->title, tw);
				sbuf_add(&b, badge);
			} else {
				width_pad(&b, it->title, tw);
			}
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
		if (s->rows[i].type == ROW_ITEM || s->rows[i].type == ROW_MORE) {
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
	if (row->type == ROW_ITEM) {
		struct tui_doc_arg a = { search_groups[row->group].kind,
					 s->found[row->group].items[row->item].id };

		tui_push(t, &tui_reader_ops, &a);
	} else if (row->type == ROW_MORE) {
		struct tui_list_arg a = { search_groups[row->group].kind, NULL,
					  search_groups[row->group].name, sbuf_str(&s->text) };

		tui_push(t, &tui_list_ops, &a);
	}
	return TUI_HANDLED | TUI_REDRAW;
}

/* Deletes the last character. */
static void search_backspace(struct search *s)
{
	while (s->text.len > 0) {
		unsigned char c = (unsigned char)s->text.s[--s->text.len];

		if ((c & 0xC0) != 0x80)
			break;
	}
	if (s->text.s)
		s->text.s[s->text.len] = '\0';
}

/* Handles typing, moving and opening. */
static int search_key(struct tui *t, void *state, const struct tui_event *ev)
{
	struct search *s = state;

	if (s->editing && ev->text && ev->req != REQ_ENTER) {
		if (s->text.len < 200) {
			struct sbuf c = {0};

			width_put(&c, (uint32_t)ev->ch);
			sbuf_add(&s->text, sbuf_str(&c));
			sbuf_free(&c);
		}
		search_run(t, s);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (!s->editing && ev->req == REQ_TEXT) {
		s->editing = 1;
		return search_key(t, state, ev);
	}
	switch (ev->req) {
	case REQ_BACK:
		if (s->editing && !(!ev->is_key && ev->ch == 27)) {
			search_backspace(s);
			search_run(t, s);
			return TUI_HANDLED | TUI_REDRAW;
		}
		return 0; /* Esc: back to the home screen */
	case REQ_SEARCH:
		s->editing = 1;
		return TUI_HANDLED | TUI_REDRAW;
	case REQ_ENTER:
		if (s->editing) {
			s->editing = 0;
			return TUI_HANDLED | TUI_REDRAW;
		}
		return search_open(t, s, s->sel);
	case REQ_UP:
		search_move(s, -1);
		return TUI_HANDLED | TUI_REDRAW;
	case REQ_DOWN:
		search_move(s, 1);
		return TUI_HANDLED | TUI_REDRAW;
	case REQ_CLICK:
		if (ev->y == 1) {
			s->editing = 1;
			return TUI_HANDLED | TUI_REDRAW;
		}
		if (ev->y >= SEARCH_TOP)
			return search_open(t, s, s->scroll + ev->y - SEARCH_TOP);
		return TUI_HANDLED;
	default:
		return 0;
	}
}

/* The key line while typing and while choosing. */
static const struct tui_hint *search_hints(void *state)
{
	static const struct tui_hint typing[] = {
		{ REQ_ENTER, "确定" }, { REQ_DOWN, NULL }, { REQ_BACK, NULL }, { REQ_HOME, NULL },
		{ REQ_NONE, NULL },
	};
	static const struct tui_hint choosing[] = {
		{ REQ_DOWN, NULL }, { REQ_ENTER, NULL }, { REQ_SEARCH, NULL }, { REQ_BACK, NULL },
		{ REQ_HOME, NULL }, { REQ_NONE, NULL },
	};
	const struct search *s = state;

	return s->editing ? typing : choosing;
}

const struct tui_screen_ops tui_searchall_ops = {
	.name = "search",
	.enter = search_enter,
	.draw = search_draw,
	.key = search_key,
	.leave = search_leave,
	.hints = search_hints,
};
