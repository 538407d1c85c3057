/*
 * tui_internal.h - what the screens and the event loop share: the screen
 * operation table, events, the handler results, drawing helpers and the
 * screens' ops tables. Only tui/ includes this (and curses).
 *
 * How a screen works (after tmux's window_mode and htop's Panel):
 *  - the loop keeps a stack of screens; tui_push() opens one on top;
 *  - each key, click or idle tick goes to the top screen's key op, which
 *    returns TUI_HANDLED/TUI_REDRAW/TUI_BREAK bits, or 0 when it does not
 *    care, and then the loop applies the request's global meaning (Esc goes
 *    back, Home goes home, p prints through the print op, ? opens help);
 *  - the loop draws the top screen, then the message row and the key line.
 */
#ifndef GK_TUI_INTERNAL_H
#define GK_TUI_INTERNAL_H

#include <stddef.h>

#include "db/db.h"
#include "kiosk/config.h"
#include "kiosk/layout.h"
#include "kiosk/util.h"
#include "printing/job.h"
#include "tui/request.h"

struct tui;

/* One input event, after key mapping. */
struct tui_event {
	int req;    /* enum tui_req */
	int ch;     /* the wide character or KEY_* code read */
	int is_key; /* 1 when ch is a KEY_* code */
	int text;   /* 1 when ch is a printable character the user typed */
	int y, x;   /* REQ_CLICK: the cell clicked */
};

/* Results of a screen's key op; 0 means "not mine". */
enum {
	TUI_HANDLED = 1, /* the event was used */
	TUI_REDRAW = 2,  /* the screen must be drawn again */
	TUI_BREAK = 4    /* close this screen (as Esc would) */
};

/* A screen: a const table of operations, one per moment of its life. */
struct tui_screen_ops {
	const char *name; /* short English name, for tests and statistics */
	/* Called by tui_push(): allocates the screen's state into *state from
	 * arg (borrowed, valid only during the call). Returns 0, or -1 with err
	 * (the screen is not opened and err is shown as a message). */
	int (*enter)(struct tui *t, void **state, const void *arg, char *err, size_t errlen);
	/* Draws rows 0 .. tui_rows(t) - 2 (the last row is the key line; the
	 * row above it may be covered by a message). */
	void (*draw)(struct tui *t, void *state);
	/* Handles one event; returns TUI_* bits, or 0 to let the loop apply the
	 * request's global meaning. */
	int (*key)(struct tui *t, void *state, const struct tui_event *ev);
	/* Called after the terminal changed size (for every screen on the
	 * stack), before the next draw. NULL = nothing to do. */
	void (*resize)(struct tui *t, void *state);
	/* Called when the screen is on top again after the one above closed.
	 * NULL = nothing to do. */
	void (*resume)(struct tui *t, void *state);
	/* Frees the state: the screen closes or the session is wiped. */
	void (*leave)(struct tui *t, void *state);
	/* Prints what the screen shows (REQ_PRINT). NULL = "本页不能打印". */
	int (*print)(struct tui *t, void *state);
	/* Returns the key line items for the screen's current mode. */
	const struct tui_hint *(*hints)(void *state);
	/* Called about five times a second while the screen is on top, for
	 * screens that wait on something (a print job). NULL = never.
	 * Returns TUI_REDRAW to draw again, TUI_BREAK to close, or 0. */
	int (*tick)(struct tui *t, void *state);
	/* Returns 1 while a text field of the screen has focus: the loop then
	 * reads keys in the text-entry key mode (tui_key_to_req_text), so p,
	 * /, digits and space are text, Backspace is REQ_ERASE and Home
	 * REQ_LINESTART. NULL = never. Outside it, REQ_ERASE and REQ_DELETE
	 * reach the screen as REQ_BACK. */
	int (*typing)(void *state);
	/* Called when a screen this one opened hands back a result with
	 * tui_return() (before that screen closes and resume is called);
	 * result is borrowed for the call and its type is the child's
	 * (from names the child). NULL = results are ignored. */
	void (*result)(struct tui *t, void *state, const struct tui_screen_ops *from, const void *result);
	/* Returns 1 while the screen must not be closed under the user (a
	 * print job under way); the loop then waits before it acts on data
	 * that changed under the screens. NULL = never busy. */
	int (*busy)(void *state);
};

/* Hands result (borrowed for the call) to the screen below the top one
 * and returns TUI_BREAK, for the top screen's key op to return: it then
 * closes. */
int tui_return(struct tui *t, const void *result);

/* What a screen's text means; the theme turns it into attributes. */
enum tui_role {
	TUI_NORMAL,   /* body text */
	TUI_TITLE,    /* the title bar */
	TUI_SELECTED, /* the selected entry */
	TUI_KEY,      /* a key on the key line */
	TUI_KEYLABEL, /* the key line's words */
	TUI_HEADING,  /* headings and labels */
	TUI_WARN,     /* 失效, 废止, errors */
	TUI_LINK,     /* a link Enter follows */
	TUI_INPUT,    /* the search field */
	TUI_MESSAGE,  /* the message row */
	TUI_QR,       /* a QR code: black on white whatever the theme */
	TUI_NROLES
};

/* Opens a screen on top of the stack. Returns 0, or -1 after showing the
 * enter op's error as a message. */
int tui_push(struct tui *t, const struct tui_screen_ops *ops, const void *arg);

/* Sets the message shown above the key line until the next key. */
void tui_message(struct tui *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The database, borrowed. */
struct db *tui_db(struct tui *t);
/* The configuration, borrowed. */
const struct config *tui_config(struct tui *t);
/* Terminal size. */
int tui_rows(struct tui *t);
int tui_cols(struct tui *t);
/* Today as YYYY-MM-DD (GONGKAI_TODAY honoured). */
const char *tui_today(struct tui *t);

/* Draws text at (y, x) fitted into cols columns (cut with "…"), padded with
 * the role's background when pad is 1. Returns the columns drawn. */
int tui_put(struct tui *t, int y, int x, int cols, const char *text, int role, int pad);
/* Fills cols cells of row y from x with the role's background. */
void tui_fill(struct tui *t, int y, int x, int cols, int role);
/* Draws the title bar (row 0): title left, right text at the right edge. */
void tui_title(struct tui *t, const char *title, const char *right);
/* Places the terminal cursor (visible) at (y, x), or hides it when y < 0. */
void tui_cursor(struct tui *t, int y, int x);
/* Records that a click on row y, columns x0 .. x1 - 1, means id (a
 * screen's own number, >= 0) to the screen being drawn; the last target
 * recorded over a cell wins (a box drawn over a list). */
void tui_target(struct tui *t, int y, int x0, int x1, int id);
/* Forgets every click target: a new frame begins (tui_draw calls it). */
void tui_targets_reset(struct tui *t);
/* Returns the id of the top screen's target under (y, x), or -1. */
int tui_target_at(struct tui *t, int y, int x);

struct ime;
/* The kiosk's Chinese input (borrowed), or NULL when it could not start:
 * fields then take direct input only. */
struct ime *tui_ime(struct tui *t);

/* Draws the screen under the top one, for a dialog drawn over the page it
 * belongs to (hides the cursor that screen may have placed). */
void tui_draw_under(struct tui *t);
/* Restarts the idle timer as a key would: a screen waiting on the printer
 * keeps the session from being wiped. */
void tui_keep_awake(struct tui *t);
/* Pages this session may still print: [print] max_pages_per_session minus
 * the pages printed since the session began (the idle wipe starts a new
 * session). */
int tui_print_left(struct tui *t);
/* Counts pages printed against the session's quota. */
void tui_print_count(struct tui *t, int pages);

/* A scrolling view of laid-out text, shared by the reader and help. */
struct tui_textview {
	struct layout lay; /* the lines, built by the screen for the current width */
	int top;           /* first line shown */
};

/* Draws the lines from v->top into rows y0 .. y0 + rows - 1 at column x0. */
void tui_textview_draw(struct tui *t, const struct tui_textview *v, int y0, int rows, int x0);
/* Scrolls for UP, DOWN, PGUP, PGDN and END, a view of rows lines high.
 * Returns TUI_HANDLED | TUI_REDRAW, or 0 for other requests. */
int tui_textview_key(struct tui_textview *v, const struct tui_event *ev, int rows);
/* Writes "第 x/y 页" for a view of rows lines into out. */
void tui_textview_pos(const struct tui_textview *v, int rows, char *out, size_t n);
/* Returns the link number of the line drawn at screen row y (drawn from
 * y0), or -1. */
int tui_textview_link_at(const struct tui_textview *v, int y0, int y);

struct print_doc;

/* Most ways to print one job (struct tui_print_job.choices). */
#define TUI_PRINT_MAX_CHOICES 4

/* One way to print what a screen shows, for printouts the hook cannot load
 * by id (lists): the whole list, the rows on screen, the villager's own
 * lines. */
struct tui_print_choice {
	const char *label; /* the dialog's words for it ("整个名单", "本页名单");
			    * shown, never logged, so it may name the villager */
	/* Fills *doc (zeroed by the caller). The dialog calls it when it opens,
	 * to count pages, and again to print. Everything doc points to (and
	 * the row callback's context) must stay valid until the next call or
	 * until the dialog closes; the screen's state below the dialog lives
	 * that long. No personal data in doc->title: it names the CUPS job and
	 * the print log. Returns 0, or -1 with err in plain Chinese. */
	int (*build)(void *ctx, struct print_doc *doc, char *err, size_t errlen);
	void *ctx;
};

/* What a screen asks to print (REQ_PRINT). Borrowed for the hook call,
 * except the choices' ctx (see above). */
struct tui_print_job {
	enum print_log_kind kind; /* PRINT_LOG_DOC, _GUIDE, _QA, _SUBSIDY ... (printing/job.h):
				   * the print log's kind; 0 = PRINT_LOG_DOC */
	long long id;         /* the row's id, when choices is NULL */
	const char *title;    /* for the print log and the CUPS job; may be "" when id is set */
	const char *index_no; /* 索引号 for the print log; "" = none / look it up */
	/* NULL: the hook loads kind DOC, GUIDE or QA by id from the
	 * database. Otherwise nchoices (1 .. TUI_PRINT_MAX_CHOICES) ways to
	 * print, the first one preselected. */
	const struct tui_print_choice *choices;
	int nchoices;
};

/* Opens the print dialog for job (tui/print_hook.c, tui/screen_print.c):
 * page count, the session's remaining pages, Enter prints, Esc cancels,
 * progress, the result; then the screen below is as it was. Returns TUI_*
 * bits for the calling screen's print op. */
int tui_print_hook(struct tui *t, const struct tui_print_job *job);

/* The print dialog's arg (tui_print_ops): the job, and what the dialog
 * frees when it closes. */
struct tui_print_arg {
	const struct tui_print_job *job; /* borrowed for the enter call */
	void *owned;                     /* owned by the dialog once it opened */
	void (*free_owned)(void *owned); /* frees owned; NULL = nothing to free */
};

/* What a list screen shows (the arg of tui_list_ops). */
struct tui_list_arg {
	int kind;             /* enum browse_kind */
	const char *category; /* bulletins: the category, NULL = every category */
	const char *title;    /* the title bar's text */
	const char *text;     /* search text to start with, NULL = none */
};

/* What a document screen shows (the arg of tui_reader_ops). */
struct tui_doc_arg {
	int kind; /* enum browse_kind */
	long long id;
};

/* The screens. */
extern const struct tui_screen_ops tui_home_ops;      /* arg: none */
extern const struct tui_screen_ops tui_list_ops;      /* arg: struct tui_list_arg */
extern const struct tui_screen_ops tui_reader_ops;    /* arg: struct tui_doc_arg */
extern const struct tui_screen_ops tui_searchall_ops; /* arg: none */
extern const struct tui_screen_ops tui_filter_ops;    /* arg: struct tui_filter_arg */
extern const struct tui_screen_ops tui_help_ops;      /* arg: none */
extern const struct tui_screen_ops tui_soon_ops;      /* arg: const char *feature name */
extern const struct tui_screen_ops tui_subsidy_ops;   /* arg: none (补贴公示) */
extern const struct tui_screen_ops tui_print_ops;     /* arg: struct tui_print_arg */
extern const struct tui_screen_ops tui_qr_ops;        /* arg: struct tui_qr_arg */

/* What the QR screen shows: text encoded (checked by the caller, e.g.
 * qr_url_ok), and a caption above it. Both borrowed for the enter call. */
struct tui_qr_arg {
	const char *text;
	const char *caption;
};

/* What the filter screen offers, and what it hands back (tui_return)
 * when the user chose: the same struct, with the new topic and year. */
struct tui_filter_arg {
	const char *category; /* whose topics and years to offer */
	const char *topic;    /* the topic, "" = any */
	int year;             /* the year, 0 = any */
};

/* The home screen's entries, in order (for the help screen). */
struct tui_home_entry {
	int digit;
	const char *label;
	const char *note;
};
/* Returns the home entries and their number. */
const struct tui_home_entry *tui_home_entries(int *n);

#endif
