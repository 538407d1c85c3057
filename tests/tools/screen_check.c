/*
 * screen_check.c - checks a captured terminal screen (tmux capture-pane -p)
 * in display columns, for the terminal tests:
 *
 *   screen_check width COLS   every line fits in COLS columns and has no
 *                             U+FFFD (a character cut in half); exit 1 if not
 *   screen_check col TEXT     prints the display column where TEXT starts,
 *                             once per line that contains it
 *   screen_check kinsoku      exit 1 when a line's first non-blank character
 *                             is closing punctuation (，。、；：？！」』）》…)
 *
 * The screen is read from standard input.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/util.h"
#include "kiosk/width.h"

/* Returns the first code point after leading blanks (ASCII and U+3000). */
static uint32_t first_cp(const char *s)
{
	size_t n = strlen(s), i = 0;

	while (i < n) {
		uint32_t cp;

		i += (size_t)width_decode(s + i, n - i, &cp);
		if (cp != ' ' && cp != 0x3000)
			return cp;
	}
	return 0;
}

/* Runs one check over the lines of stdin. */
int main(int argc, char **argv)
{
	char line[8192];
	int lineno = 0, bad = 0;

	setlocale(LC_ALL, "C.UTF-8");
	if (argc != 3 && !(argc == 2 && strcmp(argv[1], "kinsoku") == 0)) {
		fprintf(stderr, "usage: screen_check width COLS | col TEXT | kinsoku\n");
		return 2;
	}
	while (fgets(line, sizeof line, stdin)) {
		size_t n = strcspn(line, "\n");

		line[n] = '\0';
		lineno++;
		if (strcmp(argv[1], "width") == 0) {
			if (width_str(line) > atoi(argv[2]) || strstr(line, "\xEF\xBF\xBD")) {
				printf("line %d: %d columns or a broken character: %s\n", lineno,
				       width_str(line), line);
				bad = 1;
			}
		} else if (strcmp(argv[1], "col") == 0) {
			const char *hit = strstr(line, argv[2]);

			if (hit)
				printf("%d\n", width_strn(line, (size_t)(hit - line)));
		} else if (strcmp(argv[1], "kinsoku") == 0) {
			if (width_no_line_start(first_cp(line))) {
				printf("line %d starts with closing punctuation: %s\n", lineno, line);
				bad = 1;
			}
		}
	}
	return bad;
}
