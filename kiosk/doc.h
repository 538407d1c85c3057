/*
 * doc.h - the one parsed form of a document body, which the screen reader
 * (kiosk/layout.c) and the printout (printing/layout.c) both render, so they
 * never disagree on what is a paragraph, a gap or a table.
 *
 * The rules, as offices write bodies in a spreadsheet or a text editor:
 *  - each line is a paragraph; leading tabs indent it (one level each, at
 *    most four); trailing blanks (ASCII and U+3000) are dropped;
 *  - a run of blank lines is one gap before the next block;
 *  - consecutive lines with a tab between cells (after their leading tabs)
 *    are the rows of one table; cells are trimmed of ASCII spaces; a row
 *    has at most DOC_MAX_COLS cells, the last one keeping the rest of the
 *    line (tabs and all).
 * Every text points into the body: the parse copies nothing.
 */
#ifndef GK_DOC_H
#define GK_DOC_H

#include <stddef.h>

#define DOC_MAX_COLS 16
#define DOC_MAX_LEVEL 4

enum doc_kind { DOC_PARA, DOC_TABLE };

struct doc_cell {
	const char *s;
	size_t n;
};

struct doc_row {
	int ncells;
	struct doc_cell cells[DOC_MAX_COLS];
};

struct doc_block {
	int kind;        /* enum doc_kind */
	int gap;         /* 1 when blank lines come before it (also before the first block) */
	int level;       /* leading tabs, 0 .. DOC_MAX_LEVEL */
	/* DOC_PARA */
	const char *text; /* without the leading tabs and trailing blanks */
	size_t len;
	int body_indent; /* 1 when body text takes a first-line indent of two
			  * characters (GB/T 9704): not a salutation ("各乡镇人民政府："),
			  * not text already starting with a blank, not a table */
	int sign;        /* part of the closing block (落款): the issuer's name and the
			  * date that end the body, printed right and kept with the
			  * text above */
	/* DOC_TABLE */
	struct doc_row *rows; /* owned */
	int nrows, ncols;
};

struct doc {
	struct doc_block *blocks; /* owned */
	int n, cap;
};

/* Parses body (NUL-terminated, may be NULL) into d. Returns 0. */
int doc_parse(const char *body, struct doc *d);

/* Returns title between book-title marks as a reader writes it (malloc'd):
 * 《title》, with 《》 inside it turned into 〈〉 so the marks never nest
 * (《关于印发〈政务公开工作要点〉的通知》), and a title already wrapped
 * whole in 《》 not wrapped again. */
char *doc_book_title(const char *title);

/* Frees what doc_parse allocated; the doc can be parsed into again. */
void doc_free(struct doc *d);

#endif
