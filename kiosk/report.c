/*
 * report.c - the file:line: column: problem lines of a bundle check.
 */
#include "kiosk/report.h"

#include <stdio.h>

/* Appends one formatted report line to buf. */
static void report_vadd(struct sbuf *buf, const char *prefix, const char *file, long line,
			const char *column, const char *fmt, va_list ap)
{
	char msg[1024];

	vsnprintf(msg, sizeof msg, fmt, ap);
	sbuf_add(buf, prefix);
	if (file) {
		sbuf_add(buf, file);
		if (line > 0)
			sbuf_addf(buf, ":%ld", line);
		sbuf_add(buf, ": ");
	}
	if (column && *column)
		sbuf_addf(buf, "%s: ", column);
	sbuf_add(buf, msg);
	sbuf_addc(buf, '\n');
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
			sbuf_add(&r->errors, "... more problems not listed\n");
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
	report_vadd(&r->warnings, "warning: ", file, line, column, fmt, ap);
	va_end(ap);
}

/* Releases the report's buffers. */
void report_free(struct report *r)
{
	sbuf_free(&r->errors);
	sbuf_free(&r->warnings);
	r->nerrors = r->nwarnings = 0;
}
