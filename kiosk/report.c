/*
 * report.c - the file:line: column: problem lines of a bundle check.
 * Every line is masked before it is kept: a report quotes file names,
 * header names and cell values from the bundle, and none of them may show a
 * resident id or card number in full (issue 12).
 */
#include "kiosk/report.h"

#include <stdio.h>

#include "kiosk/fields.h"

/* Appends one formatted report line to buf. */
static void report_vadd(struct sbuf *buf, const char *prefix, const char *file, long line,
			const char *column, const char *fmt, va_list ap)
{
	char msg[1024];
	struct sbuf one = {0};

	vsnprintf(msg, sizeof msg, fmt, ap);
	sbuf_add(&one, prefix);
	if (file) {
		sbuf_add(&one, file);
		if (line > 0)
			sbuf_addf(&one, ":%ld", line);
		sbuf_add(&one, ": ");
	}
	if (column && *column)
		sbuf_addf(&one, "%s: ", column);
	sbuf_add(&one, msg);
	sbuf_addc(&one, '\n');
	sbuf_addn(buf, one.s, privacy_mask(one.s, one.len));
	sbuf_free(&one);
}

/* Records an error line, keeping the count even past the text limit. */
void report_error(struct report *r, const char *file, long line, const char *column,
		  const char *fmt, ...)
{
	va_list ap;
	long max = r->max_errors > 0 ? r->max_errors : 1000;

	r->nerrors++;
	if (r->nerrors > max) {
		if (r->nerrors == max + 1)
			sbuf_add(&r->errors, "……还有更多问题，没有一一列出\n");
		return;
	}
	va_start(ap, fmt);
	report_vadd(&r->errors, "", file, line, column, fmt, ap);
	va_end(ap);
}

/* Records a warning line. */
void report_warning(struct report *r, const char *file, long line, const char *column,
		    const char *fmt, ...)
{
	va_list ap;

	r->nwarnings++;
	if (r->nwarnings > 1000)
		return;
	va_start(ap, fmt);
	report_vadd(&r->warnings, "注意：", file, line, column, fmt, ap);
	va_end(ap);
}

/* Releases the report's buffers. */
void report_free(struct report *r)
{
	sbuf_free(&r->errors);
	sbuf_free(&r->warnings);
	r->nerrors = r->nwarnings = 0;
}
