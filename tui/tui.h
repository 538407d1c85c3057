/*
 * tui.h - the kiosk's full-screen interface, as main sees it: one call that
 * owns the terminal until the kiosk is told to stop (SIGTERM or SIGHUP),
 * and always gives the terminal back as it found it.
 *
 * Everything that touches curses lives in tui/; screens are const tables
 * of operations (tui_internal.h), keys and clicks become requests
 * (request.h), and text goes through kiosk/width.h.
 */
#ifndef GK_TUI_H
#define GK_TUI_H

#include <stddef.h>

struct db;
struct config;
struct ime;

enum tui_theme {
	TUI_THEME_DEFAULT,  /* colours, with attributes that also carry the meaning */
	TUI_THEME_CONTRAST, /* high contrast: bold white and yellow on black */
	TUI_THEME_MONO      /* attributes only (bold, reverse, underline) */
};

/* Returns the theme named name ("default", "contrast", "mono"), or -1. */
int tui_theme_parse(const char *name);

/* Runs the kiosk on the database db (borrowed) with the configuration cfg
 * (borrowed) and the input method ime (borrowed; NULL = direct input only)
 * until SIGTERM/SIGHUP. Ctrl-C, Ctrl-Z and Ctrl-\ do not stop it. Returns
 * 0, or -1 with err when the terminal cannot be used. */
int tui_run(struct db *db, const struct config *cfg, struct ime *ime, int theme, char *err, size_t errlen);

#endif
