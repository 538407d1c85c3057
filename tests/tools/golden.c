/*
 * golden.c - draws the kiosk off-screen (tui/offscreen.h) at a fixed size,
 * plays a case file of keys, clicks and waits, and prints the screens as
 * text, for the golden-screen tests (tests/sh/golden.sh, after tig's
 * test/ scripts).
 *
 *   golden [--config FILE] [--ime DIR] [--every] DB CASEFILE ROWS COLS
 *
 * --config  the kiosk configuration (default assets/demo.conf)
 * --ime     start the kiosk's Chinese input with DIR as its folder (reused
 *           between runs, so its schemas are built once); without it the
 *           fields take direct input only
 * --every   also print the screen after every command, marked
 *
 * A case file has one command per line; blank lines and lines starting
 * with # are skipped:
 *
 *   key NAME...      keys by name: DOWN UP LEFT RIGHT ENTER ESC BACKSPACE
 *                    DEL HOME END PGDN PGUP TAB SPACE F1 .. F12
 *   type TEXT        each code point of TEXT typed as one key
 *   click Y X        a left click on row Y, column X (0-based; a negative
 *                    Y counts from the bottom: -1 is the key line)
 *   wait SECONDS     time passes without input (idle countdown, wipe)
 *   resize ROWS COLS the window changes size; `resize` alone goes back
 *   snap             print the screen now, marked "=== snap N (line L) ==="
 *
 * The screen at the end is printed last (marked "=== final ===" when
 * other screens were printed before it). Rows keep their place; trailing
 * spaces are removed. Exit status: 0, 2 usage or a bad case file, 3 the
 * configuration, database, input method or curses failed.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "kiosk/config.h"
#include "kiosk/ime.h"
#include "kiosk/util.h"
#include "kiosk/width.h"
#include "tui/offscreen.h"
#include "tui/tui.h"

/* What the run holds, for the commands and for the way out. */
struct golden {
	struct tui_offscreen *off;
	int rows, cols;  /* the case's size, for `resize` alone */
	int now_rows;    /* the size now, for clicks counted from the bottom */
	int every;       /* --every */
	int printed;     /* screens printed so far */
	const char *path;
};

/* Prints the screen under a mark (NULL = no mark). */
static void golden_print(struct golden *g, const char *mark)
{
	struct sbuf b = {0};

	tui_offscreen_dump(g->off, &b);
	if (mark)
		printf("=== %s ===\n", mark);
	fputs(sbuf_str(&b), stdout);
	sbuf_free(&b);
	g->printed++;
}

/* Parses a whole non-negative number; returns it, or -1. */
static int golden_num(const char *s)
{
	char *end;
	long v;

	if (!s || !*s)
		return -1;
	v = strtol(s, &end, 10);
	return *end || v < 0 || v > 100000 ? -1 : (int)v;
}

/* Runs one line of the case file. Returns 0, or -1 with err. */
static int golden_line(struct golden *g, char *line, int lineno, char *err, size_t errlen)
{
	size_t len = strlen(line);
	char *cmd = strtok(line, " "), *arg;
	char mark[64];

	if (strcmp(cmd, "type") == 0) {
		const char *s = line + strlen(cmd) + 1, *end = line + len;

		if (s >= end) {
			util_errf(err, errlen, "type: nothing to type");
			return -1;
		}
		while (s < end) {
			uint32_t cp;

			s += width_decode(s, (size_t)(end - s), &cp);
			tui_offscreen_key(g->off, 0, (int)cp);
		}
	} else if (strcmp(cmd, "key") == 0) {
		int n = 0;

		while ((arg = strtok(NULL, " "))) {
			int is_key, ch;

			if (tui_offscreen_keyname(arg, &is_key, &ch) < 0) {
				util_errf(err, errlen, "key: unknown key name %s", arg);
				return -1;
			}
			tui_offscreen_key(g->off, is_key, ch);
			n++;
		}
		if (!n) {
			util_errf(err, errlen, "key: no key named");
			return -1;
		}
	} else if (strcmp(cmd, "click") == 0) {
		const char *ys = strtok(NULL, " ");
		int y = ys && ys[0] == '-' ? g->now_rows - golden_num(ys + 1) : golden_num(ys);
		int x = golden_num(strtok(NULL, " "));

		if (y < 0 || y >= g->now_rows || x < 0 || strtok(NULL, " ")) {
			util_errf(err, errlen, "click: want Y X");
			return -1;
		}
		tui_offscreen_click(g->off, y, x);
	} else if (strcmp(cmd, "wait") == 0) {
		int s = golden_num(strtok(NULL, " "));

		if (s < 0 || strtok(NULL, " ")) {
			util_errf(err, errlen, "wait: want SECONDS");
			return -1;
		}
		tui_offscreen_wait(g->off, s);
	} else if (strcmp(cmd, "resize") == 0) {
		char *r = strtok(NULL, " "), *c = strtok(NULL, " ");
		int rows = r ? golden_num(r) : g->rows, cols = r ? golden_num(c) : g->cols;

		if (rows < 1 || cols < 1 || strtok(NULL, " ")) {
			util_errf(err, errlen, "resize: want ROWS COLS, or nothing");
			return -1;
		}
		tui_offscreen_resize(g->off, rows, cols);
		g->now_rows = rows;
	} else if (strcmp(cmd, "snap") == 0) {
		snprintf(mark, sizeof mark, "snap %d (line %d)", g->printed + 1, lineno);
		golden_print(g, mark);
		return 0;
	} else {
		util_errf(err, errlen, "unknown command %s", cmd);
		return -1;
	}
	if (g->every) {
		snprintf(mark, sizeof mark, "after line %d", lineno);
		golden_print(g, mark);
	}
	return 0;
}

/* Plays the case file. Returns 0, or -1 after saying where it went wrong. */
static int golden_play(struct golden *g, FILE *f)
{
	char *line = NULL, err[256];
	size_t cap = 0;
	ssize_t n;
	int lineno = 0, rc = 0;

	while ((n = getline(&line, &cap, f)) >= 0) {
		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (!line[0] || line[0] == '#' || !line[strspn(line, " \t")])
			continue;
		if (golden_line(g, line, lineno, err, sizeof err) < 0) {
			fprintf(stderr, "%s:%d: %s\n", g->path, lineno, err);
			rc = -1;
			break;
		}
	}
	free(line);
	return rc;
}

/* Says how to call the tool. */
static int golden_usage(void)
{
	fputs("usage: golden [--config FILE] [--ime DIR] [--every] DB CASEFILE ROWS COLS\n", stderr);
	return GK_EXIT_USAGE;
}

/* Opens everything, plays the case, prints the screens. */
int main(int argc, char **argv)
{
	const char *config_path = "assets/demo.conf", *ime_dir = NULL;
	struct golden g = { 0 };
	struct config cfg;
	struct db *db = NULL;
	struct ime *ime = NULL;
	char err[512];
	FILE *f;
	int i = 1, rc = GK_EXIT_ENV;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--config") == 0 && i + 1 < argc)
			config_path = argv[++i];
		else if (strcmp(argv[i], "--ime") == 0 && i + 1 < argc)
			ime_dir = argv[++i];
		else if (strcmp(argv[i], "--every") == 0)
			g.every = 1;
		else
			return golden_usage();
	}
	if (argc - i != 4 || (g.rows = golden_num(argv[i + 2])) < 1 || (g.cols = golden_num(argv[i + 3])) < 1)
		return golden_usage();
	g.path = argv[i + 1];
	g.now_rows = g.rows;
	/* The screens are text in UTF-8 whatever the caller's locale. */
	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "");
	f = fopen(g.path, "r");
	if (!f) {
		perror(g.path);
		return GK_EXIT_USAGE;
	}
	if (config_load(config_path, &cfg, err, sizeof err) < 0) {
		fprintf(stderr, "golden: %s\n", err);
		fclose(f);
		return GK_EXIT_ENV;
	}
	if (db_open(argv[i], DB_READWRITE, &db, err, sizeof err) < 0)
		fprintf(stderr, "golden: %s\n", err);
	else if (ime_dir && ime_open(&ime, NULL, ime_dir, err, sizeof err) < 0)
		fprintf(stderr, "golden: the input method: %s\n", err);
	else if (!(g.off = tui_offscreen_open(db, &cfg, ime, TUI_THEME_DEFAULT, g.rows, g.cols, err, sizeof err)))
		fprintf(stderr, "golden: %s\n", err);
	else if (golden_play(&g, f) < 0)
		rc = GK_EXIT_USAGE;
	else {
		golden_print(&g, g.printed ? "final" : NULL);
		rc = GK_EXIT_OK;
	}
	tui_offscreen_close(g.off);
	ime_close(ime);
	db_close(db);
	config_free(&cfg);
	fclose(f);
	return rc;
}
