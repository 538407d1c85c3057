/*
 * loop.c - the one event loop that owns the terminal: the screen stack,
 * keys, clicks, resizing, the idle timer (a countdown over the last 15
 * seconds, then the wipe of the session), the key line, themes, and
 * restoring the terminal on every way out (normal stop, SIGTERM/SIGHUP, a
 * fatal error through util_set_fatal_hook, and crash signals, whose handler
 * calls endwin() and re-raises). The loop's pieces (tui/loop.h) also drive
 * the off-screen surface of the golden tests (tui/offscreen.c).
 *
 * A kiosk must not be left by a passer-by: the terminal is in raw mode, so
 * Ctrl-C, Ctrl-Z and Ctrl-\ arrive as plain keys that mean nothing, and
 * SIGINT, SIGQUIT and SIGTSTP are ignored as well. Staff stop the kiosk
 * with SIGTERM (systemctl stop) or 退出程序 in staff mode (F10, PIN).
 */
#include "tui/tui.h"

#include <curses.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kiosk/ime.h"
#include "kiosk/util.h"
#include "kiosk/width.h"
#include "tui/loop.h"
#include "tui/screen_staff.h"
#include "tui/widget.h"

#define TUI_MAX_DEPTH 16
#define TUI_MAX_SPANS 24
#define TUI_MAX_TARGETS 512
#define TUI_MIN_COLS 40
#define TUI_MIN_ROWS 12
#define TUI_TICK_S 0.2 /* how often a screen with a tick op is called */
#define TUI_WARN_S 15  /* the idle countdown's length, in seconds */

struct tui_frame {
	const struct tui_screen_ops *ops;
	void *state;
};

struct tui_span { /* where a key line item was drawn, for clicks */
	int x0, x1, req;
};

struct tui_hit { /* where a screen drew something a click can hit */
	short y, x0, x1;
	int id;
};

struct tui {
	struct db *db;
	const struct config *cfg;
	struct tui_frame stack[TUI_MAX_DEPTH];
	int depth;
	int rows, cols;
	char message[512];
	struct tui_span spans[TUI_MAX_SPANS];
	int nspans;
	struct tui_hit hits[TUI_MAX_TARGETS]; /* the top screen's, this frame */
	int nhits;
	int drawing_under;                    /* tui_draw_under() is drawing */
	struct ime *ime;                      /* borrowed; NULL = direct input */
	attr_t attrs[TUI_NROLES];
	char today[11];
	int cursor_y, cursor_x;
	int cursor_shown;  /* what curs_set() was last told */
	double last_input; /* monotonic seconds */
	double last_tick;  /* monotonic seconds of the top screen's last tick */
	int dirty;         /* the session holds something to forget */
	int printed;       /* pages printed this session (max_pages_per_session) */
	int warn;          /* seconds the idle countdown shows, 0 = not shown */
	long long data_version; /* db_data_version() when the screens read their data */
	int clock_frozen;  /* tests: tui_now() reads clock_at (tui_clock_freeze) */
	double clock_at;
};

static double tui_now(struct tui *t);

/* Set by the SIGTERM/SIGHUP handler; read by the loop. */
static volatile sig_atomic_t tui_stop_flag;
/* 1 while curses owns the terminal, for the crash and fatal paths. */
static volatile sig_atomic_t tui_curses_on;

/* --- themes ------------------------------------------------------------- */

struct tui_style {
	short fg, bg; /* -1 = the terminal's default */
	attr_t attr;  /* carries the meaning even without colour */
};

/* Per theme and role. The attributes alone keep every role distinct, so
 * the mono theme (and a monochrome terminal) reads the same. */
static const struct tui_style tui_themes[3][TUI_NROLES] = {
	[TUI_THEME_DEFAULT] = {
		[TUI_NORMAL] = { -1, -1, A_NORMAL },
		[TUI_TITLE] = { COLOR_WHITE, COLOR_BLUE, A_BOLD | A_REVERSE },
		[TUI_SELECTED] = { COLOR_BLACK, COLOR_CYAN, A_REVERSE },
		[TUI_KEY] = { COLOR_BLACK, COLOR_WHITE, A_BOLD | A_REVERSE },
		[TUI_KEYLABEL] = { -1, -1, A_NORMAL },
		[TUI_HEADING] = { COLOR_BLUE, -1, A_BOLD },
		[TUI_WARN] = { COLOR_RED, -1, A_BOLD | A_UNDERLINE },
		[TUI_LINK] = { COLOR_BLUE, -1, A_UNDERLINE },
		[TUI_INPUT] = { COLOR_BLACK, COLOR_YELLOW, A_UNDERLINE },
		[TUI_MESSAGE] = { COLOR_BLACK, COLOR_YELLOW, A_BOLD },
		[TUI_QR] = { COLOR_BLACK, COLOR_WHITE, A_REVERSE },
	},
	[TUI_THEME_CONTRAST] = {
		[TUI_NORMAL] = { COLOR_WHITE, COLOR_BLACK, A_BOLD },
		[TUI_TITLE] = { COLOR_BLACK, COLOR_WHITE, A_BOLD },
		[TUI_SELECTED] = { COLOR_BLACK, COLOR_YELLOW, A_BOLD },
		[TUI_KEY] = { COLOR_BLACK, COLOR_YELLOW, A_BOLD },
		[TUI_KEYLABEL] = { COLOR_WHITE, COLOR_BLACK, A_BOLD },
		[TUI_HEADING] = { COLOR_YELLOW, COLOR_BLACK, A_BOLD },
		[TUI_WARN] = { COLOR_YELLOW, COLOR_BLACK, A_BOLD | A_UNDERLINE },
		[TUI_LINK] = { COLOR_CYAN, COLOR_BLACK, A_BOLD | A_UNDERLINE },
		[TUI_INPUT] = { COLOR_BLACK, COLOR_WHITE, A_BOLD | A_UNDERLINE },
		[TUI_MESSAGE] = { COLOR_BLACK, COLOR_YELLOW, A_BOLD },
		[TUI_QR] = { COLOR_BLACK, COLOR_WHITE, A_REVERSE },
	},
	[TUI_THEME_MONO] = {
		[TUI_NORMAL] = { -1, -1, A_NORMAL },
		[TUI_TITLE] = { -1, -1, A_BOLD | A_REVERSE },
		[TUI_SELECTED] = { -1, -1, A_REVERSE },
		[TUI_KEY] = { -1, -1, A_BOLD | A_REVERSE },
		[TUI_KEYLABEL] = { -1, -1, A_NORMAL },
		[TUI_HEADING] = { -1, -1, A_BOLD },
		[TUI_WARN] = { -1, -1, A_BOLD | A_UNDERLINE },
		[TUI_LINK] = { -1, -1, A_UNDERLINE },
		[TUI_INPUT] = { -1, -1, A_UNDERLINE | A_BOLD },
		[TUI_MESSAGE] = { -1, -1, A_BOLD | A_REVERSE },
		/* reverse: a space shows the light foreground, a block the dark */
		[TUI_QR] = { -1, -1, A_REVERSE },
	},
};

/* Parses a theme name. */
int tui_theme_parse(const char *name)
{
	if (!name || strcmp(name, "default") == 0)
		return TUI_THEME_DEFAULT;
	if (strcmp(name, "contrast") == 0)
		return TUI_THEME_CONTRAST;
	if (strcmp(name, "mono") == 0)
		return TUI_THEME_MONO;
	return -1;
}

/* Sets up colour pairs for the theme, or attributes only. */
static void tui_theme_init(struct tui *t, int theme)
{
	const struct tui_style *s = tui_themes[theme];
	int colour = theme != TUI_THEME_MONO && has_colors() && start_color() == OK;

	if (colour)
		use_default_colors();
	for (int r = 0; r < TUI_NROLES; r++) {
		t->attrs[r] = s[r].attr;
		if (colour && (s[r].fg >= 0 || s[r].bg >= 0) && init_pair((short)(r + 1), s[r].fg, s[r].bg) == OK) {
			/* Colour makes the reverse attribute redundant. */
			t->attrs[r] = (s[r].attr & ~A_REVERSE) | COLOR_PAIR(r + 1);
		}
	}
	bkgdset(' ' | t->attrs[TUI_NORMAL]);
}

/* --- accessors and drawing helpers ------------------------------------- */

/* Returns the database. */
struct db *tui_db(struct tui *t)
{
	return t->db;
}

/* Returns the configuration. */
const struct config *tui_config(struct tui *t)
{
	return t->cfg;
}

/* Returns the number of rows. */
int tui_rows(struct tui *t)
{
	return t->rows;
}

/* Returns the number of columns. */
int tui_cols(struct tui *t)
{
	return t->cols;
}

/* Returns the input method. */
struct ime *tui_ime(struct tui *t)
{
	return t->ime;
}

/* Records a click target of the screen being drawn. */
void tui_target(struct tui *t, int y, int x0, int x1, int id)
{
	struct tui_hit *h;

	if (t->drawing_under || t->nhits == TUI_MAX_TARGETS || x1 <= x0 || y < 0)
		return;
	h = &t->hits[t->nhits++];
	h->y = (short)y;
	h->x0 = (short)x0;
	h->x1 = (short)x1;
	h->id = id;
}

/* Forgets the click targets. */
void tui_targets_reset(struct tui *t)
{
	t->nhits = 0;
}

/* Returns the target under a cell, the last recorded first. */
int tui_target_at(struct tui *t, int y, int x)
{
	for (int i = t->nhits - 1; i >= 0; i--)
		if (t->hits[i].y == y && x >= t->hits[i].x0 && x < t->hits[i].x1)
			return t->hits[i].id;
	return -1;
}

/* Returns today's date. */
const char *tui_today(struct tui *t)
{
	return t->today;
}

/* Sets the message row's text. */
void tui_message(struct tui *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->message, sizeof t->message, fmt, ap);
	va_end(ap);
}

/* Draws fitted text. */
int tui_put(struct tui *t, int y, int x, int cols, const char *text, int role, int pad)
{
	struct sbuf b = {0};
	int used;

	if (y < 0 || y >= t->rows || x >= t->cols || cols <= 0)
		return 0;
	if (x + cols > t->cols)
		cols = t->cols - x;
	used = pad ? width_pad(&b, text, cols) : width_fit(&b, text, cols);
	attrset(t->attrs[role]);
	mvaddstr(y, x, sbuf_str(&b));
	attrset(t->attrs[TUI_NORMAL]);
	sbuf_free(&b);
	return used;
}

/* Fills part of a row. */
void tui_fill(struct tui *t, int y, int x, int cols, int role)
{
	if (y < 0 || y >= t->rows || x >= t->cols)
		return;
	if (x + cols > t->cols)
		cols = t->cols - x;
	attrset(t->attrs[role]);
	mvhline(y, x, ' ', cols);
	attrset(t->attrs[TUI_NORMAL]);
}

/* Draws the title bar. */
void tui_title(struct tui *t, const char *title, const char *right)
{
	int rw = right ? width_str(right) : 0;

	tui_fill(t, 0, 0, t->cols, TUI_TITLE);
	if (rw > t->cols / 2)
		rw = t->cols / 2;
	tui_put(t, 0, 1, t->cols - rw - 3, title, TUI_TITLE, 0);
	if (right)
		tui_put(t, 0, t->cols - rw - 1, rw, right, TUI_TITLE, 0);
}

/* Returns the pages the session may still print. */
int tui_print_left(struct tui *t)
{
	int max = t->cfg ? t->cfg->max_pages_per_session : 30;

	return max > t->printed ? max - t->printed : 0;
}

/* Counts printed pages against the session's quota. */
void tui_print_count(struct tui *t, int pages)
{
	if (pages > 0)
		t->printed += pages;
}

/* Restarts the idle timer, as a key would. */
void tui_keep_awake(struct tui *t)
{
	t->last_input = tui_now(t);
}

/* Draws the screen under the top one (a dialog's background). */
void tui_draw_under(struct tui *t)
{
	struct tui_frame *f;

	if (t->depth < 2)
		return;
	f = &t->stack[t->depth - 2];
	t->drawing_under = 1;
	f->ops->draw(t, f->state);
	t->drawing_under = 0;
	t->cursor_y = -1;
}

/* Asks for the terminal cursor at (y, x) after this frame. */
void tui_cursor(struct tui *t, int y, int x)
{
	t->cursor_y = y;
	t->cursor_x = x;
}

/* --- terminal state ----------------------------------------------------- */

/* Gives the terminal back; safe to call more than once. */
static void tui_restore(void)
{
	if (tui_curses_on) {
		tui_curses_on = 0;
		endwin();
	}
}

/* A crash: give the terminal back, then die of the same signal. */
static void tui_crash(int sig)
{
	tui_restore();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* SIGTERM/SIGHUP: stop at the next turn of the loop. */
static void tui_on_stop(int sig)
{
	tui_stop_flag = 1;
}

/* Installs the signal dispositions a kiosk needs. */
static void tui_signals(void)
{
	static const int crash[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = tui_on_stop; /* no SA_RESTART: interrupt the wait */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sigaction(SIGTSTP, &sa, NULL);
	sigaction(SIGPIPE, &sa, NULL);
	sa.sa_handler = tui_crash;
	sa.sa_flags = SA_RESETHAND;
	for (size_t i = 0; i < sizeof crash / sizeof crash[0]; i++)
		sigaction(crash[i], &sa, NULL);
}

/* Stops the loop after this turn (退出程序 in staff mode). */
void tui_quit(struct tui *t)
{
	(void)t;
	tui_stop_flag = 1;
}

/* Returns monotonic seconds, or the frozen clock of a test. */
static double tui_now(struct tui *t)
{
	struct timespec ts;

	if (t->clock_frozen)
		return t->clock_at;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Freezes the clock at a fixed reading (a whole number, so steps of a
 * quarter second add up exactly) and restarts the idle timer there. */
void tui_clock_freeze(struct tui *t)
{
	t->clock_frozen = 1;
	t->clock_at = 1000.0;
	t->last_input = t->clock_at;
	t->last_tick = 0;
}

/* Moves the frozen clock on. */
void tui_clock_advance(struct tui *t, double seconds)
{
	t->clock_at += seconds;
}

/* --- the screen stack ---------------------------------------------------- */

/* Opens a screen on top. */
int tui_push(struct tui *t, const struct tui_screen_ops *ops, const void *arg)
{
	char err[256] = "";
	void *state = NULL;

	if (t->depth == TUI_MAX_DEPTH) {
		tui_message(t, "打开的页面太多了，请按 Home 回到首页");
		return -1;
	}
	if (ops->enter && ops->enter(t, &state, arg, err, sizeof err) < 0) {
		tui_message(t, "%s", err[0] ? err : "无法打开");
		return -1;
	}
	t->stack[t->depth].ops = ops;
	t->stack[t->depth].state = state;
	t->depth++;
	if (t->depth > 1)
		t->dirty = 1;
	return 0;
}

/* Hands a result to the screen below the top one. */
int tui_return(struct tui *t, const void *result)
{
	struct tui_frame *below;

	if (t->depth >= 2) {
		below = &t->stack[t->depth - 2];
		if (below->ops->result)
			below->ops->result(t, below->state, t->stack[t->depth - 1].ops, result);
	}
	return TUI_BREAK;
}

/* Closes the top screen and tells the one below it. */
static void tui_pop(struct tui *t)
{
	struct tui_frame *f;

	if (t->depth <= 1)
		return;
	f = &t->stack[--t->depth];
	if (f->ops->leave)
		f->ops->leave(t, f->state);
	f = &t->stack[t->depth - 1];
	if (f->ops->resume)
		f->ops->resume(t, f->state);
}

/* Closes every screen, the home screen too. */
static void tui_pop_all(struct tui *t)
{
	while (t->depth > 0) {
		struct tui_frame *f = &t->stack[--t->depth];

		if (f->ops->leave)
			f->ops->leave(t, f->state);
	}
}

/* Forgets the session: every screen closes, the print quota starts again
 * and a fresh home screen opens. */
static void tui_wipe(struct tui *t)
{
	tui_pop_all(t);
	t->message[0] = '\0';
	t->printed = 0;
	if (t->ime)
		ime_reset(t->ime);
	if (tui_push(t, &tui_home_ops, NULL) < 0)
		util_fatal("cannot open the home screen");
	t->dirty = 0;
}

/* --- drawing a frame ----------------------------------------------------- */

/* Draws the key line of the top screen and records where each item is. */
static void tui_keyline(struct tui *t, const struct tui_hint *hints)
{
	int y = t->rows - 1, n = 0, total = 0, gap = 2, x = 0;
	int widths[TUI_MAX_SPANS];
	const char *labels[TUI_MAX_SPANS], *keys[TUI_MAX_SPANS];
	const struct tui_frame *f = &t->stack[t->depth - 1];
	int typing = f->ops->typing && f->ops->typing(f->state);

	tui_fill(t, y, 0, t->cols, TUI_KEYLABEL);
	t->nspans = 0;
	for (; hints && hints[n].req != REQ_NONE && n < TUI_MAX_SPANS; n++) {
		const struct tui_req_info *ri = tui_req_info(hints[n].req);

		labels[n] = hints[n].label ? hints[n].label : ri->label ? ri->label : "";
		keys[n] = typing && hints[n].req == REQ_HOME ? "F1" : ri->key; /* Home moves in a field */
		widths[n] = width_str(keys[n]) + 1 + width_str(labels[n]);
		total += widths[n];
	}
	if (total + 2 * n > t->cols)
		gap = 1;
	for (int i = 0; i < n; i++) {
		int x0 = x;

		if (x + widths[i] > t->cols)
			break; /* a 40-column window: the first keys matter most */
		x += tui_put(t, y, x, t->cols - x, keys[i], TUI_KEY, 0);
		x += tui_put(t, y, x, 1, " ", TUI_KEYLABEL, 0);
		x += tui_put(t, y, x, t->cols - x, labels[i], TUI_KEYLABEL, 0);
		t->spans[t->nspans].x0 = x0;
		t->spans[t->nspans].x1 = x;
		t->spans[t->nspans].req = hints[i].req;
		t->nspans++;
		x += gap;
	}
}

/* Draws the idle countdown: a box over the frame saying the session is
 * about to go, how many seconds are left and that any key keeps it. */
static void tui_countdown(struct tui *t)
{
	struct tui_rect r = tui_box_centre(t, 5, 28);
	char secs[64];

	tui_box(t, &r, NULL, TUI_WARN);
	snprintf(secs, sizeof secs, "%d 秒", t->warn);
	tui_put(t, r.y + 1, r.x + (r.w - width_str("即将回到首页")) / 2, r.w - 2, "即将回到首页", TUI_WARN, 0);
	tui_put(t, r.y + 2, r.x + (r.w - width_str(secs)) / 2, r.w - 2, secs, TUI_HEADING, 0);
	tui_put(t, r.y + 3, r.x + (r.w - width_str("按任意键继续")) / 2, r.w - 2, "按任意键继续", TUI_NORMAL, 0);
}

/* Draws the whole frame: the top screen, the message row, the key line,
 * and the idle countdown over them. */
void tui_draw(struct tui *t)
{
	struct tui_frame *f = &t->stack[t->depth - 1];

	util_today(t->today);
	getmaxyx(stdscr, t->rows, t->cols);
	t->cursor_y = -1;
	tui_targets_reset(t);
	erase();
	if (t->cols < TUI_MIN_COLS || t->rows < TUI_MIN_ROWS) {
		static const struct tui_hint small[] = { { REQ_HOME, NULL }, { REQ_NONE, NULL } };

		tui_put(t, 0, 0, t->cols, "窗口太小，请放大", TUI_WARN, 0);
		tui_keyline(t, small);
	} else {
		f->ops->draw(t, f->state);
		if (t->message[0])
			tui_put(t, t->rows - 2, 0, t->cols, t->message, TUI_MESSAGE, 1);
		tui_keyline(t, f->ops->hints ? f->ops->hints(f->state) : NULL);
	}
	if (t->warn > 0) {
		tui_countdown(t);
		t->cursor_y = -1; /* the box covers any field */
	}
	/* Switch the cursor only when it changes: each switch is output. */
	if ((t->cursor_y >= 0) != t->cursor_shown) {
		t->cursor_shown = t->cursor_y >= 0;
		curs_set(t->cursor_shown);
		leaveok(stdscr, !t->cursor_shown);
	}
	if (t->cursor_y >= 0)
		move(t->cursor_y, t->cursor_x);
	refresh();
}

/* --- input --------------------------------------------------------------- */

/* Turns a mouse report into an event; returns 0 when it means nothing. */
static int tui_mouse(struct tui *t, const MEVENT *me, struct tui_event *ev)
{
	if (me->bstate & BUTTON4_PRESSED) {
		ev->req = REQ_UP;
		return 1;
	}
#ifdef BUTTON5_PRESSED
	if (me->bstate & BUTTON5_PRESSED) {
		ev->req = REQ_DOWN;
		return 1;
	}
#endif
	if (!(me->bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)))
		return 0;
	if (me->y == t->rows - 1) {
		/* The key line: a click is the key under the finger. */
		for (int i = 0; i < t->nspans; i++)
			if (me->x >= t->spans[i].x0 && me->x < t->spans[i].x1) {
				ev->req = t->spans[i].req;
				return 1;
			}
		return 0;
	}
	ev->req = REQ_CLICK;
	ev->y = me->y;
	ev->x = me->x;
	return 1;
}

/* Gives the event to the top screen, then applies its global meaning.
 * Returns 1 when the frame must be drawn again. */
static int tui_dispatch(struct tui *t, const struct tui_event *ev)
{
	struct tui_frame *f = &t->stack[t->depth - 1];
	int r = f->ops->key ? f->ops->key(t, f->state, ev) : 0;

	if (r & TUI_BREAK) {
		tui_pop(t);
		return 1;
	}
	if (r)
		return (r & TUI_REDRAW) != 0 || t->stack[t->depth - 1].ops != f->ops;
	switch (ev->req) {
	case REQ_BACK:
		tui_pop(t);
		return 1;
	case REQ_HOME:
		while (t->depth > 1)
			tui_pop(t);
		return 1;
	case REQ_HELP:
		if (f->ops != &tui_help_ops)
			tui_push(t, &tui_help_ops, NULL);
		return 1;
	case REQ_PRINT:
		if (f->ops->print)
			return f->ops->print(t, f->state) != 0;
		tui_message(t, "本页不能打印");
		return 1;
	case REQ_REDRAW:
		clearok(curscr, TRUE);
		return 1;
	case REQ_STAFF:
		/* Staff mode opens over the home screen: the villager's
		 * screens close first, as the idle wipe would close them. */
		while (t->depth > 1)
			tui_pop(t);
		if (t->ime)
			ime_reset(t->ime);
		/* Only the home screen is left, and it shows no data: a change
		 * made before now needs no notice (tui/screen_staff.h). */
		t->data_version = db_data_version(t->db);
		tui_push(t, &tui_staff_ops, NULL);
		return 1;
	default:
		return 0;
	}
}

/* Tells every screen the terminal changed size. */
static void tui_resized(struct tui *t)
{
	getmaxyx(stdscr, t->rows, t->cols);
	for (int i = 0; i < t->depth; i++)
		if (t->stack[i].ops->resize)
			t->stack[i].ops->resize(t, t->stack[i].state);
}

/* Calls the top screen's tick op when one is due. */
int tui_tick(struct tui *t)
{
	struct tui_frame *f = &t->stack[t->depth - 1];
	double now = tui_now(t);
	int r;

	if (!f->ops->tick || now - t->last_tick < TUI_TICK_S * 0.9)
		return 0;
	t->last_tick = now;
	r = f->ops->tick(t, f->state);
	if (r & TUI_BREAK) {
		tui_pop(t);
		return 1;
	}
	return (r & TUI_REDRAW) != 0;
}

/* Maps a key to its request in the top screen's key mode: the text-entry
 * mode while a field has focus; elsewhere Backspace and Delete go back. */
static int tui_event_req(struct tui *t, int is_key, int ch)
{
	const struct tui_frame *f = &t->stack[t->depth - 1];
	int req;

	if (f->ops->typing && f->ops->typing(f->state))
		return tui_key_to_req_text(is_key, ch);
	req = tui_key_to_req(is_key, ch);
	return req == REQ_ERASE || req == REQ_DELETE ? REQ_BACK : req;
}

/* Notices that another program (an import) committed to the database: what
 * the screens show may be gone or counted differently (a list's head count,
 * the print dialog's pages), so the screens close back to the home screen,
 * which says so. A screen that is busy (a print job under way) is left to
 * finish; the check comes again. Returns 1 when it closed screens. */
static int tui_data_check(struct tui *t)
{
	long long v = db_data_version(t->db);
	const struct tui_frame *top = &t->stack[t->depth - 1];

	if (v < 0 || v == t->data_version)
		return 0;
	if (top->ops->busy && top->ops->busy(top->state))
		return 0;
	t->data_version = v;
	if (t->depth <= 1)
		return 0;
	while (t->depth > 1)
		tui_pop(t);
	if (t->ime)
		ime_reset(t->ime);
	tui_message(t, "资料刚刚更新过，请重新选择要看的内容");
	return 1;
}

/* Takes one key: resizing, the countdown, the request, the dispatch. */
int tui_input(struct tui *t, int is_key, int ch, const MEVENT *me)
{
	struct tui_event ev = { 0 };
	int redraw = 0;

	t->last_input = tui_now(t);
	if (is_key && ch == KEY_RESIZE) {
		t->warn = 0;
		tui_resized(t);
		return 1;
	}
	if (t->warn) {
		/* The countdown was showing: the key keeps the session, and
		 * only that (the passer-by may not know what it would do). */
		t->warn = 0;
		return 1;
	}
	if (tui_data_check(t))
		return 1; /* the key was meant for a screen that is gone */
	ev.ch = ch;
	ev.is_key = is_key;
	ev.req = tui_event_req(t, is_key, ch);
	ev.text = !is_key && ch >= 0x20 && ch != 127;
	if (ev.req == REQ_CLICK && !(me && tui_mouse(t, me, &ev)))
		return 0;
	if (t->message[0]) {
		t->message[0] = '\0';
		redraw = 1;
	}
	t->dirty = 1;
	return tui_dispatch(t, &ev) | redraw;
}

/* Returns the idle time before a wipe, in seconds. */
static int tui_idle_limit(const struct tui *t)
{
	return t->cfg && t->cfg->idle_timeout > 0 ? t->cfg->idle_timeout : 120;
}

/* Returns ceil(x) for x > 0, without libm. */
static int tui_ceil(double x)
{
	int i = (int)x;

	return i < x ? i + 1 : i;
}

/* Updates the countdown, wipes an idle session, notices midnight. */
int tui_idle(struct tui *t)
{
	double left = t->last_input + tui_idle_limit(t) - tui_now(t);
	int session = t->dirty || t->depth > 1 || t->message[0];
	int warn = session && left > 0 && left <= TUI_WARN_S ? tui_ceil(left) : 0;
	char today[11];

	if (tui_data_check(t))
		return 1;
	if (left <= 0) {
		if (session)
			tui_wipe(t);
		t->last_input = tui_now(t);
		t->warn = 0;
		return 1;
	}
	if (warn != t->warn) {
		t->warn = warn;
		return 1;
	}
	util_today(today);
	return strcmp(today, t->today) != 0; /* midnight */
}

/* Returns how long the loop may wait for a key, in milliseconds: until the
 * idle seconds left next drop by one (the countdown's next number, or the
 * wipe), or the top screen's next tick. */
static int tui_wait_ms(struct tui *t)
{
	double left = t->last_input + tui_idle_limit(t) - tui_now(t);
	double wait = left > 0 ? left - tui_ceil(left) + 1 : 1;

	if (t->stack[t->depth - 1].ops->tick && wait > TUI_TICK_S)
		wait = TUI_TICK_S;
	return (int)(wait * 1000) + 1;
}

/* The event loop: runs until SIGTERM/SIGHUP. */
static void tui_loop(struct tui *t)
{
	int redraw = 1;

	t->last_input = tui_now(t);
	while (!tui_stop_flag) {
		MEVENT me;
		wint_t wch;
		int rc, mouse;

		if (redraw) {
			tui_draw(t);
			redraw = 0;
		}
		timeout(tui_wait_ms(t));
		rc = get_wch(&wch);
		redraw |= tui_tick(t);
		if (rc == ERR) {
			redraw |= tui_idle(t);
			continue;
		}
		mouse = rc == KEY_CODE_YES && wch == KEY_MOUSE && getmouse(&me) == OK;
		redraw |= tui_input(t, rc == KEY_CODE_YES, (int)wch, mouse ? &me : NULL);
	}
}

/* Makes the session state and sets up the current curses screen for it. */
struct tui *tui_open(struct db *db, const struct config *cfg, struct ime *ime, int theme)
{
	struct tui *t = xcalloc(1, sizeof *t);

	if (theme < 0 || theme > TUI_THEME_MONO)
		theme = TUI_THEME_DEFAULT;
	t->db = db;
	t->cfg = cfg;
	t->ime = ime;
	t->data_version = db_data_version(db);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	intrflush(stdscr, FALSE);
	leaveok(stdscr, TRUE);  /* the hidden cursor may stay where drawing ends */
	typeahead(-1);          /* draw whole frames; keys wait for the next turn */
	set_escdelay(25);
	/* Home and End as terminals other than the one in TERM send them
	 * (tmux, the Linux console, rxvt): the kiosk must go home on any. */
	define_key("\033[1~", KEY_HOME);
	define_key("\033[7~", KEY_HOME);
	define_key("\033[H", KEY_HOME);
	define_key("\033OH", KEY_HOME);
	define_key("\033[4~", KEY_END);
	define_key("\033[8~", KEY_END);
	define_key("\033[F", KEY_END);
	define_key("\033OF", KEY_END);
	mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
		  | BUTTON5_PRESSED
#endif
		  , NULL);
	mouseinterval(0);
	curs_set(0);
	tui_theme_init(t, theme);
	getmaxyx(stdscr, t->rows, t->cols);
	util_today(t->today);
	tui_wipe(t);
	t->last_input = tui_now(t);
	return t;
}

/* Closes every screen and frees the state. */
void tui_close(struct tui *t)
{
	if (!t)
		return;
	tui_pop_all(t);
	free(t);
}

/* Sets up the terminal, runs the loop, and gives the terminal back. */
int tui_run(struct db *db, const struct config *cfg, struct ime *ime, int theme, char *err, size_t errlen)
{
	struct tui *t;
	SCREEN *screen;

	screen = newterm(NULL, stdout, stdin);
	if (!screen) {
		util_errf(err, errlen, "cannot use this terminal (TERM=%s)",
			  getenv("TERM") ? getenv("TERM") : "");
		return -1;
	}
	tui_curses_on = 1;
	util_set_fatal_hook(tui_restore);
	tui_signals();
	t = tui_open(db, cfg, ime, theme);
	tui_loop(t);
	tui_close(t);
	tui_restore();
	delscreen(screen);
	util_set_fatal_hook(NULL);
	return 0;
}
