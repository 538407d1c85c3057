/*
 * layout.c - wrapping paragraphs with Chinese line-breaking rules, fields,
 * and tab-separated tables with aligned columns.
 *
 * A paragraph is cut into units that a line never splits: one non-ASCII
 * character, a run of ASCII letters, digits and signs (a word, a number, a
 * 文号 part), or a run of spaces. Lines are filled greedily; at a break the
 * line-start and line-end rules move a unit or two down to the next line.
 */
#include "kiosk/layout.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/doc.h"
#include "kiosk/util.h"
#include "kiosk/width.h"

enum { UNIT_CHAR, UNIT_WORD, UNIT_SPACE };

struct unit {
	size_t off, len; /* bytes of the paragraph */
	int w;           /* columns */
	int kind;
	uint32_t first, last; /* first and last code point */
};

/* How many units at most move down to keep punctuation off a line start. */
#define LAYOUT_MAX_PULL 4

/* Starts an empty layout. */
void layout_init(struct layout *l, int cols)
{
	memset(l, 0, sizeof *l);
	l->cols = cols < 4 ? 4 : cols;
}

/* Frees the lines. */
void layout_free(struct layout *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->lines[i].text);
	free(l->lines);
	l->lines = NULL;
	l->n = l->cap = 0;
}

/* Appends one line, taking ownership of text. */
static void layout_add(struct layout *l, char *text, int style, int cont, int link,
		       int label_cols)
{
	struct layout_line *ln;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->lines = xrealloc(l->lines, (size_t)l->cap * sizeof *l->lines);
	}
	ln = &l->lines[l->n++];
	ln->text = text;
	ln->style = (unsigned char)style;
	ln->cont = (unsigned char)cont;
	ln->link = (short)link;
	ln->label_cols = label_cols;
}

/* Adds a blank line unless one is already last. */
void layout_blank(struct layout *l)
{
	if (l->n == 0 || l->lines[l->n - 1].style == LAYOUT_BLANK)
		return;
	layout_add(l, xstrdup(""), LAYOUT_BLANK, 0, -1, 0);
}

/* Adds a separator. */
void layout_rule(struct layout *l)
{
	struct sbuf b = {0};

	for (int i = 0; i < l->cols; i++)
		sbuf_add(&b, "\xE2\x94\x80");
	layout_add(l, sbuf_detach(&b), LAYOUT_RULE, 0, -1, 0);
}

/* Returns 1 for a printable ASCII byte that belongs to a word. */
static int layout_wordc(unsigned char c)
{
	return c > 0x20 && c < 0x7F;
}

/* Cuts text into units; words wider than maxw become single characters. */
static struct unit *layout_units(const char *s, size_t n, int maxw, int *count)
{
	struct unit *u = NULL;
	int nu = 0, cap = 0;
	size_t i = 0, split_until = 0;

	while (i < n) {
		struct unit x = { .off = i };
		uint32_t cp;
		int len = width_decode(s + i, n - i, &cp);

		x.first = x.last = cp;
		if (cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n') {
			x.kind = UNIT_SPACE;
			while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
				i++, x.w++;
		} else if (layout_wordc((unsigned char)s[i])) {
			size_t j = i;

			while (j < n && layout_wordc((unsigned char)s[j]))
				j++;
			if (i >= split_until && (int)(j - i) > maxw)
				split_until = j; /* too long for a line: cut anywhere */
			if (i >= split_until) {
				x.kind = UNIT_WORD;
				x.w = (int)(j - i);
				x.last = (unsigned char)s[j - 1];
				i = j;
			} else {
				x.kind = UNIT_CHAR;
				x.w = 1;
				i++;
			}
		} else {
			x.kind = UNIT_CHAR;
			x.w = width_strn(s + i, (size_t)len);
			i += (size_t)len;
		}
		x.len = i - x.off;
		if (nu == cap) {
			cap = cap ? cap * 2 : 64;
			u = xrealloc(u, (size_t)cap * sizeof *u);
		}
		u[nu++] = x;
	}
	*count = nu;
	return u;
}

/* Returns 1 when the line that would start at unit b starts with closing
 * punctuation (spaces at a break are dropped, so look past them). */
static int layout_bad_start(const struct unit *u, int b, int nu)
{
	while (b < nu && u[b].kind == UNIT_SPACE)
		b++;
	return b < nu && width_no_line_start(u[b].first);
}

/* Emits units [from, to) after a prefix, dropping trailing spaces. */
static void layout_emit(struct layout *l, const char *s, const struct unit *u, int from, int to,
			const char *prefix, int pad, int style, int cont, int link, int label_cols)
{
	struct sbuf b = {0};

	while (to > from && u[to - 1].kind == UNIT_SPACE)
		to--;
	if (prefix)
		sbuf_add(&b, prefix);
	for (int i = 0; i < pad; i++)
		sbuf_addc(&b, ' ');
	for (int i = from; i < to; i++) {
		if (u[i].kind == UNIT_SPACE) {
			for (int k = 0; k < u[i].w; k++)
				sbuf_addc(&b, ' ');
		} else {
			width_addn(&b, s + u[i].off, u[i].len);
		}
	}
	layout_add(l, b.s ? sbuf_detach(&b) : xstrdup(""), style, cont, link, label_cols);
}

/* Wraps a paragraph whose first line starts with prefix (pw columns, or pw
 * spaces when prefix is NULL) and whose other lines start hang columns in. */
static void layout_wrap(struct layout *l, const char *prefix, int pw, int hang, const char *s,
			size_t n, int style, int link, int label_cols)
{
	int nu, ls = 0, first = 1;
	int maxw = l->cols - (hang > pw ? hang : pw);
	struct unit *u;

	if (maxw < 2) {
		hang = pw = 0;
		prefix = NULL;
		maxw = l->cols;
	}
	u = layout_units(s, n, maxw, &nu);
	if (nu == 0)
		layout_emit(l, s, u, 0, 0, prefix, prefix ? 0 : pw, style, 0, link, label_cols);
	while (ls < nu) {
		int avail, used = 0, i, b;

		if (!first)
			while (ls < nu && u[ls].kind == UNIT_SPACE)
				ls++;
		if (ls >= nu)
			break;
		avail = l->cols - (first ? pw : hang);
		for (i = ls; i < nu && used + u[i].w <= avail; i++)
			used += u[i].w;
		if (i == ls)
			i = ls + 1; /* cannot happen with maxw, but never loop forever */
		b = i;
		if (i < nu) {
			int pulled = 0;

			while (b > ls + 1 && pulled < LAYOUT_MAX_PULL && layout_bad_start(u, b, nu))
				b--, pulled++;
			if (layout_bad_start(u, b, nu))
				b = i; /* a line of nothing but punctuation: let it be */
			while (b > ls + 1 && u[b - 1].kind == UNIT_CHAR && width_no_line_end(u[b - 1].last))
				b--;
		}
		layout_emit(l, s, u, ls, b, first ? prefix : NULL, first ? (prefix ? 0 : pw) : hang,
			    style, !first, link, first ? label_cols : 0);
		ls = b;
		first = 0;
	}
	free(u);
}

/* Wraps one paragraph. */
void layout_para(struct layout *l, const char *text, size_t len, int indent, int hang,
		 int style, int link)
{
	layout_wrap(l, NULL, indent, hang, text, len, style, link, 0);
}

/* Adds a labelled field. */
void layout_field(struct layout *l, const char *label, int label_cols, const char *value,
		  int style, int link)
{
	struct sbuf p = {0};
	int lw;

	sbuf_add(&p, label);
	sbuf_add(&p, "\xEF\xBC\x9A"); /* ： */
	lw = width_str(sbuf_str(&p));
	if (label_cols < lw)
		label_cols = lw;
	if (l->cols < label_cols + 12) {
		/* Narrow: the label on a line of its own, the value below. */
		layout_add(l, width_clean(sbuf_str(&p)), style, 0, link, lw);
		layout_wrap(l, NULL, 2, 2, value, strlen(value), style, link, 0);
	} else {
		for (; lw < label_cols; lw++)
			sbuf_addc(&p, ' ');
		layout_wrap(l, sbuf_str(&p), label_cols, label_cols, value, strlen(value), style, link,
			    label_cols);
	}
	sbuf_free(&p);
}

/* Returns the length without trailing blanks (ASCII blanks and U+3000). */
static size_t layout_rtrim(const char *s, size_t n)
{
	for (;;) {
		if (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
			n--;
		else if (n >= 3 && memcmp(s + n - 3, "\xE3\x80\x80", 3) == 0)
			n -= 3;
		else
			return n;
	}
}

struct layout_row {
	char **cells; /* trimmed, owned */
	int n;
};

/* Shares the width avail among columns of natural widths nat: small columns
 * keep their width, the rest split what remains evenly. */
static void layout_share(const int *nat, int ncols, int avail, int *out)
{
	int left = ncols, remaining = avail;
	char *done = xcalloc((size_t)ncols, 1);

	while (left > 0) {
		int share = remaining / left, changed = 0;

		for (int c = 0; c < ncols; c++) {
			if (!done[c] && nat[c] <= share) {
				out[c] = nat[c];
				remaining -= nat[c];
				done[c] = 1;
				left--;
				changed = 1;
			}
		}
		if (!changed) {
			for (int c = 0; c < ncols; c++) {
				if (!done[c]) {
					out[c] = remaining / left;
					remaining -= out[c];
					done[c] = 1;
					left--;
				}
			}
		}
	}
	free(done);
}

/* Lays out consecutive tab-separated rows as a table. */
static void layout_table(struct layout *l, struct layout_row *rows, int nrows, int indent)
{
	const int gap = 2;
	int ncols = 0, total, avail, wrapped = 0;
	int *nat, *cw;

	for (int r = 0; r < nrows; r++)
		if (rows[r].n > ncols)
			ncols = rows[r].n;
	nat = xcalloc((size_t)ncols, sizeof *nat);
	cw = xcalloc((size_t)ncols, sizeof *cw);
	for (int r = 0; r < nrows; r++)
		for (int c = 0; c < rows[r].n; c++) {
			int w = width_str(rows[r].cells[c]);

			if (w > nat[c])
				nat[c] = w;
		}
	total = indent + gap * (ncols - 1);
	for (int c = 0; c < ncols; c++)
		total += nat[c];
	avail = l->cols - indent - gap * (ncols - 1);
	if (avail < ncols * 4) {
		/* Too many columns for the screen: each row becomes a paragraph. */
		for (int r = 0; r < nrows; r++) {
			struct sbuf b = {0};

			for (int c = 0; c < rows[r].n; c++) {
				if (c)
					sbuf_add(&b, "  ");
				sbuf_add(&b, rows[r].cells[c]);
			}
			layout_para(l, sbuf_str(&b), b.len, indent, indent + 2, LAYOUT_TABLE, -1);
			sbuf_free(&b);
		}
		goto out;
	}
	/* Rows whose cells wrap are told apart by a rule between rows. */
	wrapped = total > l->cols;
	if (!wrapped)
		memcpy(cw, nat, (size_t)ncols * sizeof *cw);
	else
		layout_share(nat, ncols, avail, cw);
	for (int r = 0; r < nrows; r++) {
		struct layout *cells = xcalloc((size_t)ncols, sizeof *cells);
		int height = 1;

		for (int c = 0; c < ncols; c++) {
			const char *t = c < rows[r].n ? rows[r].cells[c] : "";

			layout_init(&cells[c], cw[c] < 1 ? 1 : cw[c]);
			if (cw[c] > 0 && *t)
				layout_para(&cells[c], t, strlen(t), 0, 0, LAYOUT_TABLE, -1);
			if (cells[c].n > height)
				height = cells[c].n;
		}
		if (wrapped && r > 0)
			layout_rule(l);
		for (int k = 0; k < height; k++) {
			struct sbuf b = {0};
			size_t keep;

			for (int i = 0; i < indent; i++)
				sbuf_addc(&b, ' ');
			for (int c = 0; c < ncols; c++) {
				if (c)
					sbuf_add(&b, "  ");
				width_pad(&b, k < cells[c].n ? cells[c].lines[k].text : "", cw[c]);
			}
			keep = layout_rtrim(sbuf_str(&b), b.len);
			b.s[keep] = '\0';
			b.len = keep;
			layout_add(l, sbuf_detach(&b), LAYOUT_TABLE, k > 0, -1, 0);
		}
		for (int c = 0; c < ncols; c++)
			layout_free(&cells[c]);
		free(cells);
	}
out:
	free(nat);
	free(cw);
}

/* Lays out a body text, as parsed by doc_parse (kiosk/doc.h). */
void layout_body(struct layout *l, const char *body)
{
	struct doc d;

	doc_parse(body, &d);
	for (int i = 0; i < d.n; i++) {
		const struct doc_block *b = &d.blocks[i];
		int indent = b->level * 2;

		if (b->gap)
			layout_blank(l);
		if (b->kind == DOC_PARA) {
			layout_para(l, b->text, b->len, indent, indent, LAYOUT_TEXT, -1);
			continue;
		}
		{
			struct layout_row *rows = xcalloc((size_t)b->nrows, sizeof *rows);

			for (int r = 0; r < b->nrows; r++) {
				rows[r].n = b->rows[r].ncells;
				rows[r].cells = xcalloc((size_t)rows[r].n, sizeof *rows[r].cells);
				for (int c = 0; c < rows[r].n; c++)
					rows[r].cells[c] = xstrndup(b->rows[r].cells[c].s, b->rows[r].cells[c].n);
			}
			layout_table(l, rows, b->nrows, indent);
			for (int r = 0; r < b->nrows; r++) {
				for (int c = 0; c < rows[r].n; c++)
					free(rows[r].cells[c]);
				free(rows[r].cells);
			}
			free(rows);
		}
	}
	doc_free(&d);
	/* No trailing blank line. */
	if (l->n > 0 && l->lines[l->n - 1].style == LAYOUT_BLANK) {
		free(l->lines[l->n - 1].text);
		l->n--;
	}
}
