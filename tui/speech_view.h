/*
 * speech_view.h - read-aloud on a screen of laid-out lines (the reader, a
 * person's subsidy lines, the receipt): r starts reading from the top line
 * shown, the line being read is marked, the view follows it a page at a
 * time, and any key stops it (the key is swallowed). The speaking itself is
 * kiosk/speech.h, polled from the screen's tick op: nothing here blocks.
 */
#ifndef GK_TUI_SPEECH_VIEW_H
#define GK_TUI_SPEECH_VIEW_H

#include "kiosk/layout.h"

struct tui;
struct speech;

/* One screen's reading state; zero-initialise. */
struct tui_speech {
	struct speech *sp; /* owned; NULL when not reading */
	int from;          /* the layout line of the first line queued */
	int line;          /* the layout line being read, or -1 */
};

/* Starts reading lay's lines from line from (stopping any reading under
 * way), with the [access] settings. Shows a message saying how to stop, or
 * why it cannot read. Returns TUI_HANDLED | TUI_REDRAW. */
int tui_speech_start(struct tui *t, struct tui_speech *s, const struct layout *lay, int from);

/* Called first by the screen's key op: when reading, stops and returns
 * TUI_HANDLED | TUI_REDRAW (the key is swallowed); else returns 0. */
int tui_speech_key(struct tui *t, struct tui_speech *s);

/* The screen's tick: starts the next line when one ends, moves *top (a view
 * of rows lines; NULL = fixed) so the line read is on screen, keeps the
 * session awake. Returns TUI_REDRAW when the marked line changed, else 0. */
int tui_speech_tick(struct tui *t, struct tui_speech *s, int *top, int rows);

/* Draws the line being read again in the selected role, for a view of lay
 * drawn from line top at rows y0 .. y0 + rows - 1, column x0. */
void tui_speech_mark(struct tui *t, const struct tui_speech *s, const struct layout *lay,
		     int top, int y0, int rows, int x0);

/* Returns 1 while reading. */
int tui_speech_active(const struct tui_speech *s);

/* Stops and frees; the screen's leave op calls it. */
void tui_speech_end(struct tui_speech *s);

#endif
