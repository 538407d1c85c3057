/*
 * screen_subsidy.c - 补贴公示 (subsidy lists): a placeholder until the
 * subsidy screens land. The home screen's entry 6 opens tui_subsidy_ops;
 * replace this file's table with the real screen (same name) and nothing
 * else needs to change.
 */
#include <curses.h>
#include <stdlib.h>

#include "tui/tui_internal.h"

/* Draws the polite notice. */
static void subsidy_draw(struct tui *t, void *state)
{
	int cols = tui_cols(t);

	tui_title(t, "补贴公示", NULL);
	tui_put(t, 3, 4, cols - 8, "惠民惠农补贴公示查询正在建设中，此功能即将开放。", TUI_HEADING, 0);
	tui_put(t, 5, 4, cols - 8, "现在可以到便民服务中心窗口查询，工作人员会帮助您。", TUI_NORMAL, 0);
}

/* Enter closes the notice; other keys keep their global meaning. */
static int subsidy_key(struct tui *t, void *state, const struct tui_event *ev)
{
	return ev->req == REQ_ENTER ? TUI_BREAK : 0;
}

/* The key line. */
static const struct tui_hint *subsidy_hints(void *state)
{
	static const struct tui_hint hints[] = {
		{ REQ_BACK, NULL }, { REQ_HOME, NULL }, { REQ_NONE, NULL },
	};
	return hints;
}

const struct tui_screen_ops tui_subsidy_ops = {
	.name = "subsidy",
	.draw = subsidy_draw,
	.key = subsidy_key,
	.hints = subsidy_hints,
};
