/*
 * doc.c - parsing a document body into paragraphs, gaps and tables; see
 * doc.h.
 */
#include "kiosk/doc.h"

#include <stdlib.h>
#include <string.h>

#include "kiosk/util.h"

/* Length of the line at s (up to '\n' or the end). */
static size_t doc_linelen(const char *s)
{
	const char *nl = strchr(s, '\n');

	return nl ? (size_t)(nl - s) : strlen(s);
}

/* Length without trailing blanks (ASCII blanks and U+3000). */
static size_t doc_rtrim(const char *s, size_t n)
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

static size_t doc_tabs(const char *s, size_t n)
{
	size_t t = 0;

	while (t < n && s[t] == '\t')
		t++;
	return t;
}

/* Splits a row into trimmed cells; extra cells join the last one. */
static void doc_split(const char *s, size_t n, struct doc_row *r)
{
	size_t i = 0;

	r->ncells = 0;
	while (i <= n) {
		size_t j = i;

		while (j < n && s[j] != '\t')
			j++;
		if (r->ncells < DOC_MAX_COLS) {
			r->cells[r->ncells].s = s + i;
			r->cells[r->ncells].n = j - i;
			r->ncells++;
		} else {
			struct doc_cell *c = &r->cells[DOC_MAX_COLS - 1];

			c->n = (size_t)(s + j - c->s);
		}
		i = j + 1;
	}
	for (int k = 0; k < r->ncells; k++) {
		struct doc_cell *c = &r->cells[k];

		while (c->n > 0 && c->s[0] == ' ')
			c->s++, c->n--;
		while (c->n > 0 && c->s[c->n - 1] == ' ')
			c->n--;
	}
}

static int has(const char *s, size_t n, const char *what)
{
	return memmem(s, n, what, strlen(what)) != NULL;
}

static int ends_with(const char *s, size_t n, const char *what)
{
	size_t k = strlen(what);

	return n >= k && memcmp(s + n - k, what, k) == 0;
}

/* Body text takes the first-line indent unless it is a salutation or
 * already starts with a blank. */
static int doc_body_indent(const char *s, size_t n)
{
	if (n == 0 || s[0] == ' ' || (n >= 3 && memcmp(s, "\xE3\x80\x80", 3) == 0))
		return 0;
	if ((ends_with(s, n, "：") || ends_with(s, n, ":")) && !has(s, n, "。") &&
	    !has(s, n, "；") && !has(s, n, "？") && !has(s, n, "！"))
		return 0;
	return 1;
}

/* Returns 1 when s[n] holds one of the bytes of set. */
static int strpbrk_n(const char *s, size_t n, const char *set)
{
	for (size_t i = 0; i < n; i++)
		if (strchr(set, s[i]) && s[i])
			return 1;
	return 0;
}

/* Returns 1 when s[n] is a date written out: 2026年10月9日. */
static int doc_is_date(const char *s, size_t n)
{
	size_t i = 0, k;

	for (k = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++, k++)
		;
	if (k != 4 || !(n - i >= 3 && memcmp(s + i, "年", 3) == 0))
		return 0;
	i += 3;
	for (k = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++, k++)
		;
	if (k < 1 || k > 2 || !(n - i >= 3 && memcmp(s + i, "月", 3) == 0))
		return 0;
	i += 3;
	for (k = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++, k++)
		;
	return k >= 1 && k <= 2 && n - i == 3 && memcmp(s + i, "日", 3) == 0;
}

/* Marks the closing block: a date as the last paragraph, and up to two
 * short lines just above it (the issuer) that end in no punctuation. */
static void doc_mark_sign(struct doc *d)
{
	struct doc_block *b;

	if (d->n < 2)
		return;
	b = &d->blocks[d->n - 1];
	if (b->kind != DOC_PARA || !doc_is_date(b->text, b->len))
		return;
	b->sign = 1;
	for (int i = d->n - 2, k = 0; i >= 1 && k < 2; i--, k++) {
		b = &d->blocks[i];
		if (b->kind != DOC_PARA || b->len > 60 || b->gap > 1 || ends_with(b->text, b->len, "。") ||
		    ends_with(b->text, b->len, "：") || ends_with(b->text, b->len, "；") ||
		    ends_with(b->text, b->len, "，") || has(b->text, b->len, "：") ||
		    has(b->text, b->len, ":") || strpbrk_n(b->text, b->len, "0123456789"))
			break;
		b->sign = 1;
	}
	for (int i = 0; i < d->n; i++)
		if (d->blocks[i].sign)
			d->blocks[i].body_indent = 0;
}

static struct doc_block *doc_add(struct doc *d, int kind, int gap, int level)
{
	struct doc_block *b;

	if (d->n == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 32;
		d->blocks = xrealloc(d->blocks, (size_t)d->cap * sizeof *d->blocks);
	}
	b = &d->blocks[d->n++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->gap = gap;
	b->level = level;
	return b;
}

int doc_parse(const char *body, struct doc *d)
{
	const char *s = body ? body : "";
	int gap = 0;

	memset(d, 0, sizeof *d);
	while (*s) {
		size_t n = doc_linelen(s), next = n + (s[n] ? 1 : 0);
		size_t len = doc_rtrim(s, n), t = doc_tabs(s, len);
		int level = t > DOC_MAX_LEVEL ? DOC_MAX_LEVEL : (int)t;
		struct doc_block *b;

		if (t >= len) {
			gap = 1;
			s += next;
			continue;
		}
		if (memchr(s + t, '\t', len - t)) {
			b = doc_add(d, DOC_TABLE, gap, level);
			for (;;) {
				b->rows = xrealloc(b->rows, (size_t)(b->nrows + 1) * sizeof *b->rows);
				doc_split(s + t, len - t, &b->rows[b->nrows]);
				if (b->rows[b->nrows].ncells > b->ncols)
					b->ncols = b->rows[b->nrows].ncells;
				b->nrows++;
				s += next;
				n = doc_linelen(s);
				next = n + (s[n] ? 1 : 0);
				len = doc_rtrim(s, n);
				t = doc_tabs(s, len);
				if (!*s || t >= len || !memchr(s + t, '\t', len - t))
					break;
			}
		} else {
			b = doc_add(d, DOC_PARA, gap, level);
			b->text = s + t;
			b->len = len - t;
			b->body_indent = doc_body_indent(b->text, b->len);
			s += next;
		}
		gap = 0;
	}
	doc_mark_sign(d);
	return 0;
}

char *doc_book_title(const char *title)
{
	struct sbuf b = {0};
	const char *s = title ? title : "";
	size_t n = strlen(s);

	/* already 《…》 as a whole: the outer marks are the ones we add */
	if (n >= 6 && memcmp(s, "《", 3) == 0 && memcmp(s + n - 3, "》", 3) == 0) {
		int depth = 0, whole = 1;

		for (size_t i = 0; i + 3 <= n; i++) {
			if (memcmp(s + i, "《", 3) == 0)
				depth++;
			else if (memcmp(s + i, "》", 3) == 0 && --depth == 0 && i + 3 < n)
				whole = 0;
		}
		if (whole) {
			s += 3;
			n -= 6;
		}
	}
	sbuf_add(&b, "《");
	for (size_t i = 0; i < n;) {
		if (i + 3 <= n && memcmp(s + i, "《", 3) == 0) {
			sbuf_add(&b, "〈");
			i += 3;
		} else if (i + 3 <= n && memcmp(s + i, "》", 3) == 0) {
			sbuf_add(&b, "〉");
			i += 3;
		} else {
			sbuf_addc(&b, s[i++]);
		}
	}
	sbuf_add(&b, "》");
	return sbuf_detach(&b);
}

void doc_free(struct doc *d)
{
	for (int i = 0; i < d->n; i++)
		free(d->blocks[i].rows);
	free(d->blocks);
	memset(d, 0, sizeof *d);
}
