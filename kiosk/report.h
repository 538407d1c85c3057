/*
 * report.h - collects the problems found while checking or importing a
 * bundle, one line each in the form the office can act on:
 *
 *     file:line: column: problem
 *
 * (": column" is left out when no column applies, ":line" when no line does).
 * The importer never stops at the first problem: it reports them all.
 * Each line is kept with every resident id and card number in it masked
 * (privacy_mask), so a quoted cell or file name never shows one in full.
 */
#ifndef GK_REPORT_H
#define GK_REPORT_H

#include "kiosk/util.h"

struct report {
	struct sbuf errors;   /* one problem per line */
	struct sbuf warnings; /* one warning per line ("warning: " prefixed) */
	long nerrors;
	long nwarnings;
	long max_errors;      /* stop recording text after this many (0 = 1000) */
};

/* Records an error. file may be NULL; line <= 0 means "no line"; column may be NULL. */
void report_error(struct report *r, const char *file, long line, const char *column,
		  const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Records a warning, same shape as report_error. */
void report_warning(struct report *r, const char *file, long line, const char *column,
		    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Frees the report's text. */
void report_free(struct report *r);

#endif
