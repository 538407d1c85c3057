/*
 * consult_print.h - the slip printed at once when a question is registered
 * (政策咨询登记回执): the 咨询编号 (also as a QR code), when it was
 * registered, the 答复期限 and how to look the answer up. A ruled
 * label/value sheet (PRINT_KIND_GUIDE) the caller renders with
 * print_render_pdf.
 *
 * Privacy: the slip carries neither the question nor the phone: it may be
 * left at the printer, and the 咨询编号 is all that is needed to find the
 * answer.
 */
#ifndef GK_CONSULT_PRINT_H
#define GK_CONSULT_PRINT_H

#include "printing/print.h"

/* The slip's title (page header and big title). */
#define CONSULT_PRINT_TITLE "政策咨询登记回执"

/* A slip being printed: its rows and the copies of their values. */
struct consult_print {
	struct print_pair rows[8];
	size_t nrows;
	char *owned[8]; /* values copied; freed by consult_print_free */
	int nowned;
};

/* Fills doc (zeroed first) with the slip of the question numbered no,
 * registered at registered_at ("YYYY-MM-DD HH:MM:SS"), due by due_on
 * (working_days after it counts as received), at kiosk_name (borrowed:
 * the page header). p holds what doc points to until consult_print_free. */
void consult_print_slip(struct consult_print *p, const char *no, const char *registered_at,
			const char *due_on, int working_days, const char *kiosk_name,
			struct print_doc *doc);

/* Frees what p copied. */
void consult_print_free(struct consult_print *p);

#endif
