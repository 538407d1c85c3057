/*
 * screen_more.h - 更多公开信息 (screen_more.c): what every government
 * publishes besides the home screen's lists (公开指南, 政府信息公开工作年度报告,
 * 财政预决算, 其他) and every topic of the published documents; and the
 * list of one topic over every category that it opens (screen_list.c).
 */
#ifndef GK_TUI_SCREEN_MORE_H
#define GK_TUI_SCREEN_MORE_H

#include "tui/tui_internal.h"

/* The arg of tui_topic_list_ops: a list narrowed to one topic. */
struct tui_topic_list_arg {
	struct tui_list_arg list; /* category NULL = every category */
	const char *topic;        /* 主题, borrowed for the enter call */
};

extern const struct tui_screen_ops tui_more_ops;       /* arg: none */
extern const struct tui_screen_ops tui_topic_list_ops; /* arg: struct tui_topic_list_arg */

#endif
