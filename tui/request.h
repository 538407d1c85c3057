/*
 * request.h - every action a key or a click can ask for, listed once.
 *
 * The table below is the only place a request is named: it makes the enum,
 * the key line labels at the bottom of each screen and the help screen.
 * Keys map to requests in request.c; a click on the key line becomes the
 * request under the finger, so a touch screen needs no keyboard.
 *
 * TUI_REQUESTS(X): X(name, key as shown, what the key line says, help text)
 * A NULL key line text keeps the request off the key line.
 */
#ifndef GK_TUI_REQUEST_H
#define GK_TUI_REQUEST_H

#define TUI_REQUESTS(X) \
	X(NONE,   "",      NULL,   NULL) \
	X(DOWN,   "↑↓",    "选择", "上下移动，选中一项（也可以直接点屏幕上的内容）") \
	X(UP,     "↑",     NULL,   NULL) \
	X(LEFT,   "←",     NULL,   "在首页左右移动") \
	X(RIGHT,  "→",     NULL,   NULL) \
	X(ENTER,  "回车",  "打开", "打开选中的一项；在文件里打开相关文件的链接") \
	X(PGDN,   "PgDn",  "下页", "翻到下一页（空格键或 + 键也可以）") \
	X(PGUP,   "PgUp",  "上页", "翻到上一页（- 键也可以）") \
	X(SEARCH, "/",     "搜索", "输入要找的字，两个字就能找到；拼音首字母也可以，如 lxy 找李秀英") \
	X(FILTER, "*",     "筛选", "按主题、年份筛选列表") \
	X(PRINT,  "p",     "打印", "打印屏幕上的文件") \
	X(BACK,   "Esc",   "返回", "返回上一屏（退格键也可以）") \
	X(HOME,   "Home",  "首页", "回到首页（F1 也可以）") \
	X(HELP,   "?",     "帮助", "显示本帮助") \
	X(END,    "End",   NULL,   "到文件末尾") \
	X(REDRAW, "Ctrl-L", NULL,  NULL) \
	X(STAFF,  "F10",   NULL,   NULL) \
	X(CLICK,  "",      NULL,   NULL) \
	X(TEXT,   "",      NULL,   NULL) \
	X(ERASE,  "退格",  "删字", "在输入框里删掉光标前的一个字；不在输入框时返回上一屏") \
	X(DELETE, "Del",   NULL,   "在输入框里删掉光标后的一个字") \
	X(LINESTART, "Home", NULL, NULL) \
	X(LINEEND, "End",  NULL,   NULL) \
	X(MODE,   "Tab",   "输入法", "在输入框里换输入法：拼音、笔画（1横 2竖 3撇 4点 5折）、直接输入") \
	X(KEYBOARD, "F2",  "屏幕键盘", "打开屏幕键盘，用手指点字母、笔画和数字") \
	X(QR,     "q",     "扫码",   "把原文网址变成二维码，用手机扫码带走（可以看图解、音视频解读）") \
	X(READ,   "r",     "朗读",   "把这一页读出来，正在读的一行会标出来；按任意键停止")

#define TUI_REQ_ENUM(name, key, label, help) REQ_##name,
enum tui_req { TUI_REQUESTS(TUI_REQ_ENUM) REQ_COUNT };
#undef TUI_REQ_ENUM

struct tui_req_info {
	const char *name;  /* "DOWN", for debugging */
	const char *key;   /* the key as the key line shows it */
	const char *label; /* the key line's word for it, NULL = not shown */
	const char *help;  /* the help screen's sentence, NULL = not listed */
};

/* Returns the table row of a request (never NULL; REQ_NONE for bad values). */
const struct tui_req_info *tui_req_info(int req);

/* Returns the request a key means (get_wch result: wide character ch when
 * is_key is 0, a KEY_* code when it is 1), or REQ_TEXT for a printable
 * character, or REQ_NONE. Backspace is REQ_ERASE and Delete REQ_DELETE;
 * outside a field the loop takes both as REQ_BACK. */
int tui_key_to_req(int is_key, int ch);

/* The text-entry key mode, while a field has focus: every printable key
 * (p, /, digits, space) is REQ_TEXT, Home and End move in the field
 * (REQ_LINESTART, REQ_LINEEND), Tab is REQ_MODE; Esc, Enter, arrows, the
 * page keys and F1 keep their meaning. */
int tui_key_to_req_text(int is_key, int ch);

/* One item of a screen's key line: a request, optionally with a screen's
 * own word for it (NULL = the table's label). Arrays end with REQ_NONE. */
struct tui_hint {
	int req;
	const char *label;
};

#endif
