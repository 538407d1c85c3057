/*
 * screen_filter.c - choosing a topic (主题) or a year for a list. The
 * choices come from the database's index; choosing one writes it into the
 * list through tui_return() (struct tui_filter_arg) and closes.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/browse.h"
#include "tui/widget.h"

#define FILTER_MAX_TOPICS 60
#define FILTER_MAX_YEARS 30
#define FILTER_TOP 2

enum { OPT_CLEAR, OPT_TOPIC_ANY, OPT_TOPIC, OPT_YEAR_ANY, OPT_YEAR };

struct filter_opt {
	int type;
	int year;
	char *label; /* owned */
	const char *topic; /* borrowed from topics[] */
};

struct filter {
	char *topic; /* the list's topic, "" = any */
	int year;    /* the list's year, 0 = any */
	char **topics;
	int ntopics;
	struct filter_opt opts[FILTER_MAX_TOPICS + FILTER_MAX_YEARS + 4];
	int nopts;
	struct tui_list list; /* the choices */
};

/* Adds a choice. */
static void filter_add(struct filter *f, int type, int year, const char *topic, char *label)
{
	struct filter_opt *o = &f->opts[f->nopts++];

	o->type = type;
	o->year = year;
	o->topic = topic;
	o->label = label;
}

/* Reads the topics and years and builds the choices. */
static int filter_enter(struct tui *t, void **state, const void *argp, char *err, size_t errlen)
{
	const struct tui_filter_arg *a = argp;
	struct filter *f = xcalloc(1, sizeof *f);
	int years[FILTER_MAX_YEARS], ny = 0;

	f->topic = xstrdup(a->topic ? a->topic : "");
	f->year = a->year;
	if (browse_topics(tui_db(t), a->category, FILTER_MAX_TOPICS, &f->topics, &f->ntopics, err,
			  errlen) < 0 ||
	    browse_years(tui_db(t), a->category, years, FILTER_MAX_YEARS, &ny, err, errlen) < 0) {
		browse_strings_free(f->topics, f->ntopics);
		free(f->topic);
		free(f);
		return -1;
	}
	filter_add(f, OPT_CLEAR, 0, NULL, xstrdup("不筛选，显示全部"));
	filter_add(f, OPT_TOPIC_ANY, 0, NULL, xstrdup("主题：全部"));
	for (int i = 0; i < f->ntopics; i++)
		filter_add(f, OPT_TOPIC, 0, f->topics[i], xasprintf("主题：%s", f->topics[i]));
	filter_add(f, OPT_YEAR_ANY, 0, NULL, xstrdup("年份：全部"));
	for (int i = 0; i < ny; i++)
		filter_add(f, OPT_YEAR, years[i], NULL, xasprintf("年份：%d年", years[i]));
	*state = f;
	return 0;
}

/* Frees the state. */
static void filter_leave(struct tui *t, void *state)
{
	struct filter *f = state;

	for (int i = 0; i < f->nopts; i++)
		free(f->opts[i].label);
	browse_strings_free(f->topics, f->ntopics);
	free(f->topic);
	free(f);
}

/* Says whether a choice is the list's current setting. */
static int filter_current(const struct filter *f, const struct filter_opt *o)
{
	switch (o->type) {
	case OPT_TOPIC_ANY:
		return f->topic[0] == '\0';
	case OPT_TOPIC:
		return strcmp(f->topic, o->topic) == 0;
	case OPT_YEAR_ANY:
		return f->year == 0;
	case OPT_YEAR:
		return f->year == o->year;
	default:
		return 0;
	}
}

/* Draws choice i at row y. */
static void filter_draw_row(struct tui *t, void *ctx, int i, int y, int sel)
{
	struct filter *f = ctx;
	int cols = tui_cols(t);
	char line[300];

	snprintf(line, sizeof line, "%s %s", filter_current(f, &f->opts[i]) ? "●" : " ", f->opts[i].label);
	if (sel) {
		tui_fill(t, y, 0, cols, TUI_SELECTED);
		tui_put(t, y, 0, 2, "▶", TUI_SELECTED, 0);
	}
	tui_put(t, y, 2, cols - 4, line, sel ? TUI_SELECTED : TUI_NORMAL, 0);
}

/* Draws the choices, one per row. */
static void filter_draw(struct tui *t, void *state)
{
	struct filter *f = state;
	int rows = tui_rows(t) - FILTER_TOP - 2, cols = tui_cols(t);

	tui_title(t, "筛选：选一个主题或年份，按回车", NULL);
	tui_put(t, 1, 2, cols - 4, "当前的选择前面有 ● 号", TUI_NORMAL, 0);
	f->list.n = f->nopts;
	f->list.rh = 1;
	tui_list_draw(t, &f->list, FILTER_TOP, rows, filter_draw_row, f);
}

/* Hands choice i back to the list and closes. */
static int filter_choose(struct tui *t, struct filter *f, int i)
{
	const struct filter_opt *o;
	struct tui_filter_arg r = { NULL, f->topic, f->year };

	if (i < 0 || i >= f->nopts)
		return TUI_HANDLED;
	o = &f->opts[i];
	switch (o->type) {
	case OPT_CLEAR:
		r.topic = "";
		r.year = 0;
		break;
	case OPT_TOPIC_ANY:
		r.topic = "";
		break;
	case OPT_TOPIC:
		r.topic = o->topic;
		break;
	case OPT_YEAR_ANY:
		r.year = 0;
		break;
	case OPT_YEAR:
		r.year = o->year;
		break;
	}
	return tui_return(t, &r);
}

/* Handles moving and choosing. */
static int filter_key(struct tui *t, void *state, const struct tui_event *ev)
{
	struct filter *f = state;
	int r;

	if (ev->req == REQ_ENTER)
		return filter_choose(t, f, f->list.sel);
	r = tui_list_key(t, &f->list, ev);
	if (r & TUI_LIST_CLICKED)
		return filter_choose(t, f, f->list.sel);
	return r ? r : ev->req == REQ_CLICK ? TUI_HANDLED : 0;
}

/* The key line. */
static const struct tui_hint *filter_hints(void *state)
{
	static const struct tui_hint hints[] = {
		{ REQ_DOWN, NULL }, { REQ_ENTER, "确定" }, { REQ_PGDN, NULL }, { REQ_BACK, NULL },
		{ REQ_HOME, NULL }, { REQ_NONE, NULL },
	};
	return hints;
}

const struct tui_screen_ops tui_filter_ops = {
	.name = "filter",
	.enter = filter_enter,
	.draw = filter_draw,
	.key = filter_key,
	.leave = filter_leave,
	.hints = filter_hints,
};
