/*
 * apply_print.h - the printouts of a 政府信息公开申请: the filled form the
 * applicant signs, the receipt (回执) she keeps, and the blank form to fill
 * in by hand. Each is a ruled label/value sheet (PRINT_KIND_GUIDE) that the
 * caller renders with print_render_pdf.
 *
 * Privacy: the filled form carries the name, phone and address (the
 * applicant signs it), the 证件号码 only as apply_mask_id() writes it; the
 * receipt carries no personal data at all. Every value this module copies
 * is wiped (sodium_memzero) by apply_print_free. The document's title
 * names the printout, never the applicant: it is also the page header.
 */
#ifndef GK_APPLY_PRINT_H
#define GK_APPLY_PRINT_H

#include <stddef.h>

#include "kiosk/apply.h"
#include "printing/print.h"

/* Most rows a sheet has. */
#define APPLY_PRINT_ROWS 24

/* A sheet being printed: its rows and the copies of their values. */
struct apply_print {
	struct print_pair meta[6];
	size_t nmeta;
	struct print_pair rows[APPLY_PRINT_ROWS];
	size_t nrows;
	char *owned[APPLY_PRINT_ROWS + 6]; /* values copied; wiped and freed by apply_print_free */
	int nowned;
};

/* The titles of the three printouts (page header and big title). */
#define APPLY_PRINT_FORM_TITLE "政府信息公开申请表"
#define APPLY_PRINT_RECEIPT_TITLE "政府信息公开申请回执"
#define APPLY_PRINT_BLANK_TITLE "政府信息公开申请表（空白）"

/* Fills doc (zeroed first) with the filled form of f as stamped by s, for
 * the applicant to sign; kiosk_name (borrowed) heads every page. p holds
 * what doc points to until apply_print_free(p). */
void apply_print_form(struct apply_print *p, const struct apply_form *f,
		      const struct apply_stamp *s, const char *kiosk_name, struct print_doc *doc);

/* Fills doc with the receipt of s: 受理编号, 提交时间, 收到日期, 答复期限,
 * where it was filed (kiosk_name) and what happens next. */
void apply_print_receipt(struct apply_print *p, const struct apply_stamp *s,
			 const char *kiosk_name, struct print_doc *doc);

/* Fills doc with the blank form: every question, the choices as boxes to
 * tick, room to write. */
void apply_print_blank(struct apply_print *p, const char *kiosk_name, struct print_doc *doc);

/* Wipes and frees what p copied; p can be filled again afterwards. */
void apply_print_free(struct apply_print *p);

/* The sentences of "what happens next" shared by the receipt on paper and
 * on screen (static strings, NULL-terminated). */
extern const char *const apply_print_next_steps[];

#endif
