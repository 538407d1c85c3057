/*
 * screen_home.c - the home screen: the kiosk's name, today's date and big
 * numbered entries. A digit opens its entry at once; arrows and Enter, or a
 * tap on the entry, do the same. `/` searches everything.
 *
 * The entries are one const table; an entry whose screen is still being
 * built points at a screen that says so politely (tui_soon_ops); 补贴公示
 * is tui_subsidy_ops in screen_subsidy.c, 申请 tui_apply_menu_ops in
 * screen_apply.c, 更多公开信息 tui_more_ops in screen_more.c. Help is the
 * entry 0 (and the ? key).
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/browse.h"
#include "kiosk/width.h"
#include "tui/screen_apply.h"
#include "tui/screen_more.h"
#include "tui/tui_internal.h"

static const struct tui_list_arg home_notices = { BROWSE_BULLETINS, "通知公告", "通知公告", NULL };
static const struct tui_list_arg home_gazette = { BROWSE_BULLETINS, "政府公报", "政府公报", NULL };
static const struct tui_list_arg home_rules = { BROWSE_BULLETINS, "规范性文件", "规范性文件", NULL };
static const struct tui_list_arg home_interp = { BROWSE_BULLETINS, "政策解读", "政策解读", NULL };
static const struct tui_list_arg home_guides = { BROWSE_GUIDES, NULL, "办事指南", NULL };
static const struct tui_list_arg home_qa = { BROWSE_QA, NULL, "政策问答", NULL };

static const struct home_item {
	struct tui_home_entry e;
	const struct tui_screen_ops *ops;
	const void *arg;
} home_items[] = {
	{ { 1, "通知公告", "通知、公告" }, &tui_list_ops, &home_notices },
	{ { 2, "政府公报", "政府公报各期" }, &tui_list_ops, &home_gazette },
	{ { 3, "规范性文件", "注明现行有效、失效、废止" }, &tui_list_ops, &home_rules },
	{ { 4, "政策解读", "政策怎么理解" }, &tui_list_ops, &home_interp },
	{ { 5, "办事指南", "带什么材料、到哪里办" }, &tui_list_ops, &home_guides },
	{ { 6, "补贴公示", "惠民惠农补贴发放名单" }, &tui_subsidy_ops, NULL },
	{ { 7, "申请政府信息公开", "向政府申请公开信息" }, &tui_apply_menu_ops, NULL },
	{ { 8, "政策问答", "常见问题的答复" }, &tui_list_ops, &home_qa },
	{ { 9, "更多公开信息", "服务名录、公开指南、年度报告、财政预决算等" }, &tui_more_ops, NULL },
	{ { 0, "使用帮助", "怎么使用本机（0 或 ? 键）" }, &tui_help_ops, NULL },
};

#define HOME_N ((int)(sizeof home_items / sizeof home_items[0]))

struct home {
	int sel;
	/* Where the last frame put each entry, for taps. */
};

/* Returns the entries for the help screen. */
const struct tui_home_entry *tui_home_entries(int *n)
{
	static struct tui_home_entry e[HOME_N];

	for (int i = 0; i < HOME_N; i++)
		e[i] = home_items[i].e;
	*n = HOME_N;
	return e;
}

/* Allocates the screen state. */
static int home_enter(struct tui *t, void **state, const void *arg, char *err, size_t errlen)
{
	*state = xcalloc(1, sizeof(struct home));
	return 0;
}

/* Frees the state. */
static void home_leave(struct tui *t, void *state)
{
	free(state);
}

/* Formats an ISO date as 2026年11月24日 星期二. */
static void home_date(const char *iso, char *out, size_t n)
{
	static const char *const wd[] = { "日", "一", "二", "三", "四", "五", "六" };
	int y = atoi(iso), m = atoi(iso + 5), d = atoi(iso + 8);
	int yy = m <= 2 ? y - 1 : y, era = yy / 400, yoe = yy - era * 400;
	int doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	long days = (long)era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
	int w = (int)(((days % 7) + 7 + 4) % 7); /* 1970-01-01 was a Thursday */

	snprintf(out, n, "%d年%d月%d日 星期%s", y, m, d, wd[w]);
}

/* Draws the title, the greeting and the grid of entries. */
static void home_draw(struct tui *t, void *state)
{
	struct home *h = state;
	const struct config *cfg = tui_config(t);
	int rows = tui_rows(t), cols = tui_cols(t);
	int ncol = cols >= 60 ? 2 : 1, nrow = (HOME_N + ncol - 1) / ncol;
	int top = 3, avail = rows - 2 - top, cellh, cellw, gap = 2;
	char date[64];

	home_date(tui_today(t), date, sizeof date);
	tui_title(t, cfg && cfg->kiosk_name ? cfg->kiosk_name : "政务公开专区", date);
	tui_put(t, 1, 2, cols - 4, "欢迎查询政府信息。请按数字键，或用方向键选中后按回车，也可以直接点击。",
		TUI_NORMAL, 0);
	cellh = avail / nrow;
	if (cellh > 5)
		cellh = 5;
	if (cellh < 1)
		cellh = 1;
	cellw = (cols - 4 - gap * (ncol - 1)) / ncol;
	if (cellw > 70)
		cellw = 70;
	{
		int gridw = ncol * cellw + gap * (ncol - 1), x0 = (cols - gridw) / 2;
		int gridh = nrow * cellh, y0 = top + (avail - gridh) / 2;

		if (y0 < top)
			y0 = top;
		for (int i = 0; i < HOME_N; i++) {
			const struct home_item *it = &home_items[i];
			/* Fill columns first, so 1-5 run down the left and 6-9 down the right. */
			int r = i % nrow, c = i / nrow;
			int y = y0 + r * cellh, x = x0 + c * (cellw + gap);
			int boxh = cellh >= 3 ? cellh - 1 : 1, sel = i == h->sel;
			int mid = y + (boxh - 1) / 2, role = sel ? TUI_SELECTED : TUI_NORMAL, used;
			char num[8];

			for (int k = 0; k < boxh; k++)
				tui_target(t, y + k, x, x + cellw, i);
			if (sel) {
				for (int k = 0; k < boxh; k++)
					tui_fill(t, y + k, x, cellw, TUI_SELECTED);
				tui_put(t, mid, x, 1, "▶", TUI_SELECTED, 0);
			}
			snprintf(num, sizeof num, " %d ", it->e.digit);
			used = tui_put(t, mid, x + 1, cellw - 1, num, TUI_KEY, 0);
			used += tui_put(t, mid, x + 1 + used, cellw - 1 - used, "  ", role, 0);
			used += tui_put(t, mid, x + 1 + used, cellw - 1 - used, it->e.label,
					sel ? TUI_SELECTED : TUI_HEADING, 0);
			if (cellw - 1 - used > 8) {
				used += tui_put(t, mid, x + 1 + used, 2, "  ", role, 0);
				tui_put(t, mid, x + 1 + used, cellw - 1 - used, it->e.note, role, 0);
			}
		}
	}
}

/* Opens entry i. */
static int home_open(struct tui *t, struct home *h, int i)
{
	h->sel = i;
	tui_push(t, home_items[i].ops, home_items[i].arg);
	return TUI_HANDLED | TUI_REDRAW;
}

/* Handles digits, arrows, Enter, taps and `/`. */
static int home_key(struct tui *t, void *state, const struct tui_event *ev)
{
	struct home *h = state;
	int hit;
	int nrow = (HOME_N + 1) / 2;

	if (ev->text && ev->ch >= '1' && ev->ch <= '9') {
		for (int i = 0; i < HOME_N; i++)
			if (home_items[i].e.digit == ev->ch - '0')
				return home_open(t, h, i);
		return TUI_HANDLED;
	}
	if (ev->text && ev->ch == '0') {
		tui_push(t, &tui_help_ops, NULL);
		return TUI_HANDLED | TUI_REDRAW;
	}
	switch (ev->req) {
	case REQ_UP:
		h->sel = (h->sel + HOME_N - 1) % HOME_N;
		return TUI_HANDLED | TUI_REDRAW;
	case REQ_DOWN:
		h->sel = (h->sel + 1) % HOME_N;
		return TUI_HANDLED | TUI_REDRAW;
	case REQ_LEFT:
		if (h->sel >= nrow)
			h->sel -= nrow;
		return TUI_HANDLED | TUI_REDRAW;
	case REQ_RIGHT:
		if (h->sel + nrow < HOME_N)
			h->sel += nrow;
		return TUI_HANDLED | TUI_REDRAW;
	case REQ_ENTER:
		return home_open(t, h, h->sel);
	case REQ_SEARCH:
		tui_push(t, &tui_searchall_ops, NULL);
		return TUI_HANDLED | TUI_REDRAW;
	case REQ_CLICK:
		hit = tui_target_at(t, ev->y, ev->x);
		return hit >= 0 && hit < HOME_N ? home_open(t, h, hit) : TUI_HANDLED;
	case REQ_BACK:
	case REQ_HOME:
	case REQ_PGDN:
	case REQ_PGUP:
		return TUI_HANDLED; /* already home */
	default:
		return 0;
	}
}

/* The key line of the home screen. */
static const struct tui_hint *home_hints(void *state)
{
	static const struct tui_hint hints[] = {
		{ REQ_DOWN, NULL }, { REQ_ENTER, NULL }, { REQ_SEARCH, "搜索全部" },
		{ REQ_HELP, NULL }, { REQ_NONE, NULL },
	};
	return hints;
}

const struct tui_screen_ops tui_home_ops = {
	.name = "home",
	.enter = home_enter,
	.draw = home_draw,
	.key = home_key,
	.leave = home_leave,
	.hints = home_hints,
};
