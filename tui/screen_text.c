/*
 * screen_text.c - screens that are just text to read: help, written from
 * the request table and the home entries (so it never disagrees with the
 * keys), and the polite "coming soon" screen for entries still being built.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/width.h"
#include "tui/tui_internal.h"

#define TEXT_MAX_WIDTH 100

struct text {
	char *title;
	char *feature; /* soon: the feature's name; help: NULL */
	struct tui_textview view;
	int width;
};

/* Lays out the help: the home entries, then every request that has help. */
static void text_help(struct layout *l)
{
	static const char intro[] =
		"本机可以查看政府发布的通知公告、政策文件、办事指南和补贴公示，不用登录，也不收费。"
		"不会用也没关系，随时按 Home 键（或 F1）回到首页；有问题请问工作人员。";
	const struct tui_home_entry *e;
	int n;

	layout_para(l, intro, strlen(intro), 0, 0, LAYOUT_TEXT, -1);
	layout_blank(l);
	layout_para(l, "【首页上的数字】", strlen("【首页上的数字】"), 0, 0, LAYOUT_HEADING, -1);
	e = tui_home_entries(&n);
	for (int i = 0; i < n; i++) {
		char key[8], *text;

		snprintf(key, sizeof key, "%d", e[i].digit);
		text = xasprintf("%s：%s", e[i].label, e[i].note);
		layout_field(l, key, 6, text, LAYOUT_FIELD, -1);
		free(text);
	}
	layout_blank(l);
	layout_para(l, "【按键】", strlen("【按键】"), 0, 0, LAYOUT_HEADING, -1);
	for (int r = 0; r < REQ_COUNT; r++) {
		const struct tui_req_info *ri = tui_req_info(r);

		if (ri->help)
			layout_field(l, ri->key, 8, ri->help, LAYOUT_FIELD, -1);
	}
	layout_blank(l);
	layout_para(l, "【触摸屏】", strlen("【触摸屏】"), 0, 0, LAYOUT_HEADING, -1);
	{
		static const char touch[] =
			"用手指点一下列表中的一项就能打开；点屏幕最下面一行的字，和按那个键一样。"
			"一段时间不操作，本机会自动回到首页，并清除您输入的内容。";

		layout_para(l, touch, strlen(touch), 0, 0, LAYOUT_TEXT, -1);
	}
}

/* Lays out the "coming soon" text. */
static void text_soon(struct layout *l, const char *feature)
{
	char *s = xasprintf("“%s”功能正在建设中，此功能即将开放。", feature);
	static const char more[] =
		"现在可以先到便民服务中心窗口办理，工作人员会帮助您。按 Esc 返回上一屏，按 Home 回到首页。";

	layout_blank(l);
	layout_para(l, s, strlen(s), 2, 2, LAYOUT_HEADING, -1);
	layout_blank(l);
	layout_para(l, more, strlen(more), 2, 2, LAYOUT_TEXT, -1);
	free(s);
}

/* Lays the text out for the current width. */
static void text_layout(struct tui *t, struct text *x)
{
	int w = tui_cols(t) - 4;

	x->width = w > TEXT_MAX_WIDTH ? TEXT_MAX_WIDTH : w;
	layout_free(&x->view.lay);
	layout_init(&x->view.lay, x->width);
	if (x->feature)
		text_soon(&x->view.lay, x->feature);
	else
		text_help(&x->view.lay);
	if (x->view.top >= x->view.lay.n)
		x->view.top = 0;
}

/* Opens the help screen. */
static int help_enter(struct tui *t, void **state, const void *arg, char *err, size_t errlen)
{
	struct text *x = xcalloc(1, sizeof *x);

	x->title = xstrdup("使用帮助");
	text_layout(t, x);
	*state = x;
	return 0;
}

/* Opens the "coming soon" screen for the feature named by arg. */
static int soon_enter(struct tui *t, void **state, const void *arg, char *err, size_t errlen)
{
	struct text *x = xcalloc(1, sizeof *x);

	x->feature = xstrdup(arg ? (const char *)arg : "这项");
	x->title = xstrdup(x->feature);
	text_layout(t, x);
	*state = x;
	return 0;
}

/* Frees the state. */
static void text_leave(struct tui *t, void *state)
{
	struct text *x = state;

	layout_free(&x->view.lay);
	free(x->title);
	free(x->feature);
	free(x);
}

/* Lays out again for a new width. */
static void text_resize(struct tui *t, void *state)
{
	text_layout(t, state);
}

/* Draws the text. */
static void text_draw(struct tui *t, void *state)
{
	struct text *x = state;
	int rows = tui_rows(t) - 3;
	char pos[64];

	tui_textview_pos(&x->view, rows, pos, sizeof pos);
	tui_title(t, x->title, pos);
	tui_textview_draw(t, &x->view, 1, rows, (tui_cols(t) - x->width) / 2);
}

/* Scrolls. */
static int text_key(struct tui *t, void *state, const struct tui_event *ev)
{
	struct text *x = state;

	if (ev->req == REQ_ENTER)
		return TUI_BREAK; /* Enter closes, as a villager expects of a notice */
	return tui_textview_key(&x->view, ev, tui_rows(t) - 3);
}

/* The key line. */
static const struct tui_hint *text_hints(void *state)
{
	static const struct tui_hint hints[] = {
		{ REQ_PGDN, NULL }, { REQ_PGUP, NULL }, { REQ_BACK, NULL }, { REQ_HOME, NULL },
		{ REQ_NONE, NULL },
	};
	return hints;
}

const struct tui_screen_ops tui_help_ops = {
	.name = "help",
	.enter = help_enter,
	.draw = text_draw,
	.key = text_key,
	.resize = text_resize,
	.leave = text_leave,
	.hints = text_hints,
};

const struct tui_screen_ops tui_soon_ops = {
	.name = "soon",
	.enter = soon_enter,
	.draw = text_draw,
	.key = text_key,
	.resize = text_resize,
	.leave = text_leave,
	.hints = text_hints,
};
