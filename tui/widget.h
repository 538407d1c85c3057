/*
 * widget.h - the pieces every screen is built from (after htop's Panel and
 * tig's views): a box (a popup frame), a field (UTF-8 text with a cursor
 * and the kiosk's own Chinese input), a list (selection, paging, clicks on
 * what was drawn) and a form (labelled fields, focus, one check message
 * per field). A screen arranges them and says what its requests mean;
 * no screen keeps a copy of their code.
 *
 * Clicks: widgets record what they draw with tui_target(); a screen's own
 * target ids are below TUI_TARGET_WIDGET, the widgets' above it.
 */
#ifndef GK_TUI_WIDGET_H
#define GK_TUI_WIDGET_H

#include <stddef.h>

#include "kiosk/util.h"
#include "tui/tui_internal.h"

/* Click target ids: a screen's own are 0 .. TUI_TARGET_WIDGET - 1. */
enum {
	TUI_TARGET_NONE = 1 << 24,             /* swallowed: a box's blank area */
	TUI_TARGET_WIDGET = 1 << 20,           /* the first id widgets use */
	TUI_TARGET_FIELD = TUI_TARGET_WIDGET,  /* the field's text */
	TUI_TARGET_MODE = TUI_TARGET_WIDGET + 0x10000,  /* the mode button: next mode */
	TUI_TARGET_OSKBTN,                              /* the keyboard button */
	TUI_TARGET_CANDPREV,                            /* candidates: previous page */
	TUI_TARGET_CANDNEXT,                            /* candidates: next page */
	TUI_TARGET_CAND = TUI_TARGET_WIDGET + 0x10100,  /* + candidate index */
	TUI_TARGET_OSK = TUI_TARGET_WIDGET + 0x20000,   /* + key code of a keyboard key */
	TUI_TARGET_LIST = TUI_TARGET_WIDGET + 0x40000   /* + row of a list */
};

/* --- box -------------------------------------------------------------- */

/* A rectangle of cells. */
struct tui_rect {
	int y, x, h, w;
};

/* Draws a frame over r with title centred on its top edge, blanking the
 * rows it covers; clicks inside it do not reach the screen below. */
void tui_box(struct tui *t, const struct tui_rect *r, const char *title, int role);

/* Returns a rectangle of h rows and w columns centred between the title
 * bar and the message row, shrunk to fit the terminal. */
struct tui_rect tui_box_centre(struct tui *t, int h, int w);

/* --- field ------------------------------------------------------------ */

/* What a field holds; chooses its first input mode and its ranking. */
enum tui_field_kind {
	TUI_FIELD_TEXT,   /* free text: starts in 拼音 */
	TUI_FIELD_NAME,   /* a person's name: 拼音, whole names first */
	TUI_FIELD_SEARCH, /* a list's search: 拼音; letters composed search as initials */
	TUI_FIELD_NAME_SEARCH, /* a search for people by name: both of the above */
	TUI_FIELD_NUMBER, /* digits, ids, phones, 受理编号: starts in 直接 */
	TUI_FIELD_PIN     /* a PIN: 直接, drawn masked */
};

/* A line of UTF-8 text with a cursor. Fields own their text; a focused
 * field feeds keys to the input method (tui_ime()) first. */
struct tui_field {
	struct sbuf text;   /* owned: the text, valid UTF-8 */
	size_t cursor;      /* byte offset into text, always on a character */
	int scroll;         /* the first column shown */
	size_t max_chars;   /* the most characters it takes, 0 = no limit */
	int kind;           /* enum tui_field_kind */
	int mode;           /* enum ime_mode of the kiosk's input */
	int focused;        /* keys go to it */
	int osk;            /* the on-screen keyboard is open */
	char *saved;        /* owned: the text when it took focus, for Esc */
	int full;           /* the last character typed did not fit */
	int drawn_x;        /* the column its text was last drawn from */
};

/* The key line while a search field has focus: 确定, 输入法, 屏幕键盘,
 * 删字, 取消, F1 首页. */
extern const struct tui_hint tui_field_hints[];

/* What tui_field_key() did. */
enum {
	TUI_FIELD_OTHER = 0,   /* not the field's: a move in the list, say */
	TUI_FIELD_CHANGED = 1, /* the text (or the letters composed) changed */
	TUI_FIELD_MOVED,       /* the cursor, mode or candidates changed: draw */
	TUI_FIELD_KEPT,        /* Enter with nothing composed: the field is done */
	TUI_FIELD_ESCAPED      /* Esc with nothing composed: leave the field */
};

/* Starts an empty field of kind with a limit of max_chars characters
 * (0 = none). */
void tui_field_init(struct tui_field *f, int kind, size_t max_chars);
/* Frees the text. */
void tui_field_free(struct tui_field *f);
/* Replaces the text (cut to the limit), cursor at its end. */
void tui_field_set(struct tui_field *f, const char *text);
/* Returns the text (borrowed). */
const char *tui_field_text(const struct tui_field *f);
/* Writes into out (reset first) what a search should look for now: the
 * text with what is being composed in pinyin at the cursor: letters
 * without a vowel as they are, so `lxy` searches as initials before a
 * candidate is taken; syllables (wangfang) as the first candidate. */
void tui_field_query(struct tui *t, const struct tui_field *f, struct sbuf *out);
/* Gives the field focus: remembers the text for Esc and sets up the input
 * method for the field's kind. */
void tui_field_focus(struct tui *t, struct tui_field *f);
/* Takes focus away, dropping anything composed and the keyboard. */
void tui_field_blur(struct tui *t, struct tui_field *f);
/* Puts back the text the field had when it took focus. */
void tui_field_restore(struct tui_field *f);
/* Handles one event of the text-entry key mode; returns TUI_FIELD_*. */
int tui_field_key(struct tui *t, struct tui_field *f, const struct tui_event *ev);
/* Draws the field on row y from column x, w columns wide including its mode
 * button ("拼音", "笔画", "直接" at the right), places the cursor when it
 * has focus, and records click targets. */
void tui_field_draw(struct tui *t, struct tui_field *f, int y, int x, int w);
/* Draws what floats over the screen for a focused field: the candidate bar
 * on row y (usually the row under the field) and, when open, the on-screen
 * keyboard at the bottom. Call it last in the screen's draw. */
void tui_field_draw_popups(struct tui *t, struct tui_field *f, int y);
/* Returns 1 when the field's popups cover screen row y. */
int tui_field_covers(struct tui *t, const struct tui_field *f, int y);

/* --- a list's search ------------------------------------------------- */

/* The search row of a list: a field, and what the list should be narrowed
 * by now (the text with the pinyin letters still being composed). */
struct tui_search {
	struct tui_field field; /* the text typed */
	struct sbuf query;      /* what to search for now */
};

/* What tui_search_key() did. */
enum {
	TUI_SEARCH_OTHER = 0, /* not the search's: a move or a click elsewhere (the field closed) */
	TUI_SEARCH_CHANGED,   /* the query changed: read the list again */
	TUI_SEARCH_REDRAW,    /* only the row changed */
	TUI_SEARCH_KEPT       /* Enter closed the field keeping the query */
};

/* Starts a search of field kind with text (NULL = none), closed. */
void tui_search_init(struct tui_search *s, int kind, size_t max_chars, const char *text);
/* Frees it. */
void tui_search_free(struct tui *t, struct tui_search *s);
/* Returns what to search for now (borrowed). */
const char *tui_search_query(const struct tui_search *s);
/* Opens the field for typing (remembering the text for Esc). */
void tui_search_open(struct tui *t, struct tui_search *s);
/* Returns 1 while the field is open. */
int tui_search_open_p(const struct tui_search *s);
/* Empties the search (Esc on a narrowed list). */
void tui_search_clear(struct tui *t, struct tui_search *s);
/* Handles an event while the field is open; returns TUI_SEARCH_*. Esc
 * closes it with the text it had when it opened. */
int tui_search_key(struct tui *t, struct tui_search *s, const struct tui_event *ev);
/* Returns 1 when a click hit the search row. */
int tui_search_clicked(struct tui *t, const struct tui_event *ev);
/* Draws the search row at y from x, w columns: "搜索：" and the field
 * while open (warn, if not NULL, after it), the text searched for, or
 * hint. */
void tui_search_draw(struct tui *t, struct tui_search *s, int y, int x, int w, const char *hint,
		     const char *warn);
/* Counts the characters of s that are not spaces (ASCII, no-break or
 * ideographic): two are enough to search titles, none is a blank answer. */
int tui_search_chars(const char *s);
/* Draws the field's candidates (on the status row above the key line) and
 * keyboard; call it last. */
void tui_search_draw_popups(struct tui *t, struct tui_search *s);

/* --- list ------------------------------------------------------------- */

/* An in-memory list of n rows of h screen rows each: the selection, the
 * first row shown, and where each row was drawn. */
struct tui_list {
	int n;    /* rows */
	int sel;  /* the selected row, 0 .. n - 1 */
	int top;  /* the first row shown */
	int rh;   /* screen rows per row (1 or 2) */
	int y0;   /* where it was last drawn */
	int shown; /* rows that fit, as last drawn */
};

/* Draws one row of a list: row i at screen row y, selected or not. */
typedef void (*tui_list_row_fn)(struct tui *t, void *ctx, int i, int y, int selected);

/* Draws rows from l->top into screen rows y0 .. y0 + h - 1 with draw(),
 * keeping the selection in view, and records each row as a click target. */
void tui_list_draw(struct tui *t, struct tui_list *l, int y0, int h, tui_list_row_fn draw, void *ctx);
/* Moves the selection for UP/DOWN/PGUP/PGDN/END; a click on a row selects
 * it and returns TUI_LIST_CLICKED. Returns TUI_HANDLED | TUI_REDRAW, 0 for
 * other requests. */
int tui_list_key(struct tui *t, struct tui_list *l, const struct tui_event *ev);
/* Returned (with TUI_HANDLED) when a click selected a row: open it. */
#define TUI_LIST_CLICKED 8
/* Returns the list row drawn under a click, or -1 (for lists paged by
 * tui/pager.c that draw rows themselves with tui_list_target()). */
int tui_list_hit(struct tui *t, const struct tui_event *ev);
/* Records screen rows y .. y + h - 1 as row i of a list. */
void tui_list_target(struct tui *t, int y, int h, int i);

/* --- form ------------------------------------------------------------- */

/* Checks a field's text; returns 0, or -1 with a message in plain Chinese
 * ("请填写姓名", "身份证号码的校验位不对，请再核对一遍"). */
typedef int (*tui_form_check_fn)(const char *text, char *msg, size_t msglen);

/* One labelled field of a form. */
struct tui_form_item {
	const char *label;       /* borrowed: "姓名" */
	const char *example;     /* borrowed: shown under it, "例如：王秀英"; NULL = none */
	int kind;                /* enum tui_field_kind */
	size_t max_chars;        /* the limit, 0 = none */
	int required;            /* an empty answer is refused */
	tui_form_check_fn check; /* NULL = any text */
};

/* Labelled fields; Enter or Down goes to the next, Up to the previous
 * (Tab belongs to the input mode). One message per field. With
 * one_per_screen, each question fills the screen and Esc goes back one
 * question. */
struct tui_form {
	const struct tui_form_item *items; /* borrowed */
	int n;
	struct tui_field *fields;          /* owned, n of them */
	char (*msg)[160];                  /* owned: each field's message, "" = fine */
	int focus;                         /* the field with focus */
	int one_per_screen;
};

/* What tui_form_key() did. */
enum {
	TUI_FORM_OTHER = 0, /* not the form's */
	TUI_FORM_REDRAW,    /* something changed: draw again */
	TUI_FORM_DONE,      /* Enter on the last field and every check passed */
	TUI_FORM_BACK       /* Esc on the first question (or any, without one_per_screen) */
};

/* Starts a form over n items (borrowed for the form's life) with the first
 * field focused. */
void tui_form_init(struct tui *t, struct tui_form *fm, const struct tui_form_item *items, int n,
		   int one_per_screen);
/* Takes focus away, wipes every answer (sodium_memzero) and frees the
 * form; safe to call twice. */
void tui_form_free(struct tui *t, struct tui_form *fm);
/* Gives focus to field i (and the input method its kind wants). */
void tui_form_focus(struct tui *t, struct tui_form *fm, int i);
/* Runs field i's checks; returns 0, or -1 with its message set. */
int tui_form_check(struct tui_form *fm, int i);
/* Handles one event; returns TUI_FORM_*. */
int tui_form_key(struct tui *t, struct tui_form *fm, const struct tui_event *ev);
/* Draws the form in rows y0 .. y0 + h - 1 (one question, or all of them
 * with the focused one in view), then the focused field's popups. */
void tui_form_draw(struct tui *t, struct tui_form *fm, int y0, int h);

#endif
