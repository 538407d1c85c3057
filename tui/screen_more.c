/*
 * screen_more.c - 更多公开信息: one screen leading to everything published
 * that has no home entry of its own. The fixed entries are what every
 * government must publish (the 公开指南, the yearly 政府信息公开工作年度报告
 * found by its title, 财政预决算 by its topic, and the 其他 category), led
 * by the 公共服务名录 of the bundle's directory.csv; below
 * them, every topic present in the data, each opening the documents of
 * that topic over every category.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/browse.h"
#include "kiosk/width.h"
#include "tui/screen_directory.h"
#include "tui/screen_more.h"
#include "tui/widget.h"

#define MORE_TOP 3
#define MORE_TOPICS 40

enum { MORE_CATEGORY, MORE_SEARCH, MORE_TOPIC, MORE_DIRECTORY };

struct more_entry {
	int type;
	const char *label;  /* what the row says */
	const char *note;
	const char *value;  /* the category, the search text or the topic */
};

static const struct more_entry more_fixed[] = {
	{ MORE_DIRECTORY, "公共服务名录", "学校、卫生院、水电、公交等的地址、时间和电话", NULL },
	{ MORE_CATEGORY, "公开指南", "怎样向政府申请公开信息、到哪里查", "公开指南" },
	{ MORE_SEARCH, "政府信息公开工作年度报告", "每年一份，说明上一年公开了什么", "年度报告" },
	{ MORE_TOPIC, "财政预决算", "政府花钱的预算和决算", "财政预决算" },
	{ MORE_CATEGORY, "其他公开信息", "不属于上面各类的公开文件", "其他" },
};
#define MORE_NFIXED ((int)(sizeof more_fixed / sizeof more_fixed[0]))

struct more {
	char **topics; /* every topic in the data, sorted */
	int ntopics;
	int sel, scroll;
	long units; /* of the 公共服务名录; 0 = the kiosk has none */
	char error[256];
};

/* Returns the number of rows that can be chosen. */
static int more_count(const struct more *m)
{
	return MORE_NFIXED + m->ntopics;
}

/* Reads the topics. */
static int more_enter(struct tui *t, void **state, const void *arg, char *err, size_t errlen)
{
	struct more *m = xcalloc(1, sizeof *m);

	m->units = tui_directory_count(t);
	if (browse_topics(tui_db(t), NULL, MORE_TOPICS, &m->topics, &m->ntopics, m->error,
			  sizeof m->error) < 0) {
		m->topics = NULL;
		m->ntopics = 0;
	}
	/* A topic that is a fixed entry already is listed once. */
	for (int i = 0; i < m->ntopics; i++)
		for (int k = 0; k < MORE_NFIXED; k++)
			if (more_fixed[k].type == MORE_TOPIC && strcmp(m->topics[i], more_fixed[k].value) == 0) {
				free(m->topics[i]);
				memmove(m->topics + i, m->topics + i + 1,
					(size_t)(m->ntopics - i - 1) * sizeof *m->topics);
				m->ntopics--;
				i--;
				break;
			}
	*state = m;
	return 0;
}

/* Frees the state. */
static void more_leave(struct tui *t, void *state)
{
	struct more *m = state;

	browse_strings_free(m->topics, m->ntopics);
	free(m);
}

/* Returns the screen row of choice i (the topics follow a heading row). */
static int more_line(int i)
{
	return i < MORE_NFIXED ? i : i + 2;
}

/* Draws the fixed entries, then the topics. */
static void more_draw(struct tui *t, void *state)
{
	struct more *m = state;
	int cols = tui_cols(t), avail = tui_rows(t) - MORE_TOP - 2;

	tui_title(t, "更多公开信息", "政府主动公开的其他信息");
	tui_put(t, 1, 2, cols - 4, "请按数字键，或用方向键选中后按回车，也可以直接点击。", TUI_NORMAL, 0);
	if (more_line(m->sel) < m->scroll)
		m->scroll = more_line(m->sel) > MORE_NFIXED ? more_line(m->sel) : 0;
	if (more_line(m->sel) >= m->scroll + avail)
		m->scroll = more_line(m->sel) - avail + 1;
	for (int i = 0; i < more_count(m); i++) {
		int y = MORE_TOP + more_line(i) - m->scroll, sel = i == m->sel, used;
		int role = sel ? TUI_SELECTED : TUI_NORMAL;
		char num[16];

		if (i == MORE_NFIXED && y - 1 >= MORE_TOP && y - 1 < MORE_TOP + avail)
			tui_put(t, y - 1, 2, cols - 4, "■ 按主题查看", TUI_HEADING, 0);
		if (y < MORE_TOP || y >= MORE_TOP + avail)
			continue;
		if (sel) {
			tui_fill(t, y, 0, cols, TUI_SELECTED);
			tui_put(t, y, 0, 2, "▶", TUI_SELECTED, 0);
		}
		tui_list_target(t, y, 1, i);
		if (i < 9)
			snprintf(num, sizeof num, " %d ", i + 1);
		else
			snprintf(num, sizeof num, "   ");
		used = 2 + tui_put(t, y, 2, 4, num, i < 9 ? TUI_KEY : role, 0);
		used += tui_put(t, y, used, 2, "  ", role, 0);
		if (i < MORE_NFIXED) {
			used += tui_put(t, y, used, cols - used - 1, more_fixed[i].label,
					sel ? TUI_SELECTED : TUI_HEADING, 0);
			if (cols - used > 12) {
				used += tui_put(t, y, used, 2, "  ", role, 0);
				tui_put(t, y, used, cols - used - 1,
					more_fixed[i].type == MORE_DIRECTORY && m->units == 0
						? "本机还没有公共服务名录" : more_fixed[i].note, role, 0);
			}
		} else {
			tui_put(t, y, used, cols - used - 1, m->topics[i - MORE_NFIXED],
				sel ? TUI_SELECTED : TUI_HEADING, 0);
		}
	}
}

/* Opens choice i: a category's list, a search, or a topic's list. */
static int more_open(struct tui *t, struct more *m, int i)
{
	const struct more_entry *e;
	struct more_entry topic;

	if (i < 0 || i >= more_count(m))
		return TUI_HANDLED;
	m->sel = i;
	if (i < MORE_NFIXED) {
		e = &more_fixed[i];
	} else {
		topic = (struct more_entry){ MORE_TOPIC, m->topics[i - MORE_NFIXED], NULL,
					     m->topics[i - MORE_NFIXED] };
		e = &topic;
	}
	if (e->type == MORE_DIRECTORY) {
		if (m->units == 0)
			tui_message(t, "本机还没有公共服务名录；要找学校、卫生院、派出所等的电话，请问工作人员");
		else
			tui_push(t, &tui_directory_ops, NULL);
	} else if (e->type == MORE_CATEGORY) {
		struct tui_list_arg a = { BROWSE_BULLETINS, e->value, e->label, NULL };

		tui_push(t, &tui_list_ops, &a);
	} else if (e->type == MORE_SEARCH) {
		struct tui_list_arg a = { BROWSE_BULLETINS, NULL, e->label, e->value };

		tui_push(t, &tui_list_ops, &a);
	} else {
		struct tui_topic_list_arg a = { { BROWSE_BULLETINS, NULL, e->label, NULL }, e->value };

		tui_push(t, &tui_topic_list_ops, &a);
	}
	return TUI_HANDLED | TUI_REDRAW;
}

/* Handles digits, arrows, Enter and taps. */
static int more_key(struct tui *t, void *state, const struct tui_event *ev)
{
	struct more *m = state;
	int n = more_count(m), row;

	if (ev->text && ev->ch >= '1' && ev->ch <= '9')
		return ev->ch - '1' < n ? more_open(t, m, ev->ch - '1') : TUI_HANDLED;
	switch (ev->req) {
	case REQ_UP:
		if (m->sel > 0)
			m->sel--;
		return TUI_HANDLED | TUI_REDRAW;
	case REQ_DOWN:
		if (m->sel + 1 < n)
			m->sel++;
		return TUI_HANDLED | TUI_REDRAW;
	case REQ_ENTER:
		return more_open(t, m, m->sel);
	case REQ_CLICK:
		row = tui_list_hit(t, ev);
		return row >= 0 ? more_open(t, m, row) : TUI_HANDLED;
	default:
		return 0;
	}
}

/* The key line. */
static const struct tui_hint *more_hints(void *state)
{
	static const struct tui_hint hints[] = {
		{ REQ_DOWN, NULL }, { REQ_ENTER, NULL }, { REQ_BACK, NULL }, { REQ_HOME, NULL },
		{ REQ_NONE, NULL },
	};
	return hints;
}

const struct tui_screen_ops tui_more_ops = {
	.name = "more",
	.enter = more_enter,
	.draw = more_draw,
	.key = more_key,
	.leave = more_leave,
	.hints = more_hints,
};
