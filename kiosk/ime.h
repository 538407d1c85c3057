/*
 * ime.h - the kiosk's own Chinese input: pinyin, five-stroke and direct
 * entry, without an input method of the system.
 *
 * Screens never see librime: a field feeds keys in and reads back what is
 * being composed, the candidates on the current page and what was
 * committed (after librime's rime_api_console: keys in, a context out; the
 * host draws, rime never touches the terminal).
 *
 * One struct ime serves the whole kiosk and holds one composition, that of
 * the field with focus; a field calls ime_reset() when it takes focus or
 * loses it. It never learns from what people type: nothing typed is
 * written anywhere (a kiosk is shared; no personal words may persist).
 *
 * In name context (ime_set_context(IME_CTX_NAME)), whole names come first:
 * surnames for the first syllable, given-name characters by how often they
 * occur in names (a built-in table of published name frequencies, plus the
 * names the county published in its subsidy lists, ime_add_names()).
 *
 * Not thread-safe: call from the event loop's thread only.
 */
#ifndef GK_IME_H
#define GK_IME_H

#include <stddef.h>

/* Input modes, cycled by Tab in this order. */
enum ime_mode {
	IME_PINYIN, /* Latin letters are pinyin (full syllables or initials) */
	IME_STROKE, /* keys 1-5 are strokes: 1 横 2 竖 3 撇 4 点 5 折 */
	IME_DIRECT, /* letters and digits as typed */
	IME_NMODES
};

/* What the characters typed are for: ranking differs. */
enum ime_context {
	IME_CTX_TEXT, /* free text and searches: the dictionary's order */
	IME_CTX_NAME  /* a person's name: whole names, surnames first */
};

/* Keys other than printable characters (which are passed as themselves,
 * Unicode code points). */
enum {
	IME_KEY_BACKSPACE = -1,
	IME_KEY_ESC = -2,
	IME_KEY_ENTER = -3,
	IME_KEY_LEFT = -4,
	IME_KEY_RIGHT = -5,
	IME_KEY_PGUP = -6,
	IME_KEY_PGDN = -7
};

/* What ime_key() did with a key. */
enum {
	IME_IGNORED = 0,  /* not the input method's: the field handles it (a
			   * letter in direct mode, Backspace with nothing
			   * composed, a digit with no candidates showing) */
	IME_CONSUMED = 1, /* the composition changed: draw again */
	IME_COMMITTED = 2 /* text was committed: read it with ime_commit() */
};

/* Candidates shown per page. */
#define IME_PAGE_SIZE 9
/* Bytes of one candidate, NUL included (longer ones are dropped). */
#define IME_CAND_MAX 96
/* Bytes of the composition shown (raw letters or stroke symbols), NUL
 * included. */
#define IME_PREEDIT_MAX 128

/* What is being composed: the field draws this. */
struct ime_view {
	int composing;                              /* 1 while keys are being composed */
	char input[IME_PREEDIT_MAX];                /* the keys composed, as typed: "lxy", "12" */
	char preedit[IME_PREEDIT_MAX];              /* as shown: "li xiu ying", "一丨" */
	int ncand;                                  /* candidates on this page, 0..IME_PAGE_SIZE */
	char cand[IME_PAGE_SIZE][IME_CAND_MAX];     /* UTF-8 */
	int highlighted;                            /* 0..ncand-1: what Space/Enter take */
	int page;                                   /* 0 for the first page */
	int last_page;                              /* 1 when no page follows */
};

struct ime;

/* Starts the input method. shared_dir is the read-only data of the Debian
 * packages (NULL = /usr/share/rime-data); user_dir is a folder the kiosk
 * owns, made if missing (NULL = a private temporary folder that
 * ime_close() removes). The kiosk's own schemas are built into the
 * program and written into user_dir before librime deploys them. librime's
 * log goes nowhere near the terminal. Returns 0 and *out, or -1 with err
 * (the kiosk then runs with direct input only). */
int ime_open(struct ime **out, const char *shared_dir, const char *user_dir, char *err, size_t errlen);

/* Stops the input method and frees it; NULL is ignored. */
void ime_close(struct ime *m);

/* Counts the characters of published names (UTF-8, borrowed for the call)
 * into the name ranking. Call ime_clear_names() first when the published
 * names changed (an import), so old lists do not count twice. */
void ime_add_names(struct ime *m, const char *const *names, size_t n);
/* Forgets the published names counted so far. */
void ime_clear_names(struct ime *m);

/* Forgets the composition (a field takes or loses focus, the session is
 * wiped) and the last commit. */
void ime_reset(struct ime *m);

/* Sets the mode and forgets the composition. */
void ime_set_mode(struct ime *m, int mode);
/* Returns the current mode. */
int ime_mode(const struct ime *m);
/* Returns the mode's short name for the field's side: "拼音", "笔画", "直接". */
const char *ime_mode_name(int mode);

/* Sets the ranking context (enum ime_context) and forgets the composition. */
void ime_set_context(struct ime *m, int ctx);

/* Feeds one key: a Unicode code point, or an IME_KEY_*. Returns IME_*.
 * Pinyin: a-z compose; 1-9 take a candidate, Space the highlighted one,
 * -/= and PgUp/PgDn page, Backspace erases a letter, Esc drops the
 * composition, Enter commits the letters as typed. Stroke: 1-5 compose
 * (h s p n z work too), Left/Right move the highlight, Space/Enter take
 * it, -/= page. In both, Left/Right move the highlight (across pages), and
 * while something is composed every other key (6-9 in stroke mode,
 * capitals, punctuation) is swallowed (IME_CONSUMED, nothing changes) so it
 * cannot land inside a composition. Taking a candidate that converts only
 * part of the input returns IME_CONSUMED; the rest composes on and
 * IME_COMMITTED comes when all of it is converted. */
int ime_key(struct ime *m, int key);

/* Takes candidate i (0-based) of the current page, as a click would.
 * Returns IME_COMMITTED, IME_CONSUMED when it converts only part of the
 * input (a surname; the rest composes on), or IME_IGNORED when there is no
 * such candidate. */
int ime_select(struct ime *m, int i);

/* Fills *v with what is being composed. */
void ime_view(struct ime *m, struct ime_view *v);

/* Returns the text committed by the last IME_COMMITTED (borrowed, valid
 * until the next call into the module), or "". */
const char *ime_commit(const struct ime *m);

#endif
