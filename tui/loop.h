/*
 * loop.h - the event loop in pieces, for the two drivers of one struct tui:
 * tui_run() (a real terminal, tui/loop.c) and the off-screen test driver
 * (tui/offscreen.c). Both set the screen up, draw, feed input and check
 * the idle timer through these same calls, so a test sees exactly what the
 * kiosk does. Only tui/loop.c and tui/offscreen.c include this.
 */
#ifndef GK_TUI_LOOP_H
#define GK_TUI_LOOP_H

#include <curses.h>

#include "tui/tui_internal.h"

/* Makes the session state for db, cfg and ime (all borrowed) on the
 * current curses screen: sets the terminal modes and keys, the theme's
 * colours, and opens the home screen. Caller frees with tui_close(). */
struct tui *tui_open(struct db *db, const struct config *cfg, struct ime *ime, int theme);
/* Closes every screen and frees t (the curses screen stays). */
void tui_close(struct tui *t);

/* Draws the whole frame: the top screen, the message row, the key line and
 * the idle countdown, then refreshes the terminal. */
void tui_draw(struct tui *t);

/* Takes one key as get_wch() returns it (ch a KEY_* code when is_key is 1;
 * for KEY_MOUSE, me is the report, NULL = none) through the top screen's
 * key mode to its request and dispatches it. Returns 1 when the frame must
 * be drawn again. */
int tui_input(struct tui *t, int is_key, int ch, const MEVENT *me);

/* Called when no input came within the loop's wait: updates the idle
 * countdown, wipes the session when the idle time is up, and notices
 * midnight. Returns 1 when the frame must be drawn again. */
int tui_idle(struct tui *t);

/* Calls the top screen's tick op when one is due. Returns 1 when the frame
 * must be drawn again. */
int tui_tick(struct tui *t);

/* Stops the clock the loop reads at a fixed reading and restarts the idle
 * timer there; from then on only tui_clock_advance() moves it. For tests:
 * the kiosk never calls it. */
void tui_clock_freeze(struct tui *t);
/* Moves a frozen clock on by seconds. */
void tui_clock_advance(struct tui *t, double seconds);

#endif
