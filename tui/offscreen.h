/*
 * offscreen.h - the kiosk drawn without a terminal, for tests (after tig's
 * golden-screen tests): ncurses itself on /dev/null at a fixed size, driven
 * by the event loop's own pieces (tui/loop.h), so keys, clicks, the idle
 * countdown and the wipe behave exactly as in the kiosk, and the screen is
 * read back as text.
 *
 * The clock the loop reads is frozen when the surface opens; only
 * tui_offscreen_wait() moves it, so the countdown's numbers do not depend
 * on how fast the test runs. Nothing here is used by the kiosk itself.
 * One surface at a time (curses has one current screen).
 */
#ifndef GK_TUI_OFFSCREEN_H
#define GK_TUI_OFFSCREEN_H

#include <stddef.h>

#include "kiosk/util.h"

struct db;
struct config;
struct ime;
struct tui;
struct tui_offscreen;

/* Opens a surface of rows x cols showing the kiosk's home screen, on db,
 * cfg and ime (borrowed, ime may be NULL = direct input) in theme (enum
 * tui_theme). Returns it (caller closes with tui_offscreen_close), or NULL
 * with err. */
struct tui_offscreen *tui_offscreen_open(struct db *db, const struct config *cfg, struct ime *ime,
					 int theme, int rows, int cols, char *err, size_t errlen);

/* Finds the key a name means (DOWN UP LEFT RIGHT ENTER ESC BACKSPACE DEL
 * HOME END PGDN PGUP TAB SPACE F1 .. F12) as the terminal's get_wch gives
 * it: *is_key 1 with a KEY_* code in *ch, or 0 with a character. Returns 0,
 * or -1 for an unknown name. */
int tui_offscreen_keyname(const char *name, int *is_key, int *ch);

/* Feeds one key as get_wch would return it (ch a KEY_* code when is_key is
 * 1, else a character), through the loop's key mapping and dispatch, and
 * draws the frame when the loop would. */
void tui_offscreen_key(struct tui_offscreen *o, int is_key, int ch);

/* Feeds a left click at row y, column x, as the terminal's mouse report
 * would arrive (a click on the key line is the key under it). */
void tui_offscreen_click(struct tui_offscreen *o, int y, int x);

/* Lets seconds pass without input, in the loop's steps: the screens' ticks,
 * the idle countdown and the wipe happen as they would. */
void tui_offscreen_wait(struct tui_offscreen *o, int seconds);

/* Changes the surface's size as a terminal resize would. */
void tui_offscreen_resize(struct tui_offscreen *o, int rows, int cols);

/* Appends the screen to out as UTF-8 text, one line per row with trailing
 * spaces removed (a wide character's second cell is not repeated). */
void tui_offscreen_dump(struct tui_offscreen *o, struct sbuf *out);

/* Returns the session behind the surface (borrowed), for unit tests that
 * drive a widget (tui/widget.h) directly. */
struct tui *tui_offscreen_tui(struct tui_offscreen *o);

/* Closes the screens and the surface; NULL is ignored. */
void tui_offscreen_close(struct tui_offscreen *o);

#endif
