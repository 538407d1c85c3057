/*
 * fuzz_privacy.c - libFuzzer harness for the privacy screen and the text
 * rules of bundle fields: privacy_scan, privacy_scan_spans, privacy_mask,
 * field_text_clean, field_resident_id and field_account. The input is
 * scanned from an exact-size heap copy (no NUL), so a read past the end is
 * an ASan report. Besides crashes it aborts when a promise breaks: a sample
 * that shows more than 6 + 4 characters of an id, a span that is not a
 * valid id or a Luhn card, spans out of order, a masked text that differs
 * from the spans' replacement or still holds a planted id, a cleaned text
 * that grows, keeps a refused character or changes when cleaned again.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/fields.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What the span callback saw, checked against the text. */
struct spans {
	const unsigned char *text;
	size_t len, last_end;
	int n;
	size_t elen, read;
	int overflow;
	char expect[1 << 16]; /* the text with every span replaced by its sample (last) */
};

/* Aborts unless sample is a well-formed masked id or card. */
static void check_sample(const char *kind, const char *sample)
{
	size_t n = strlen(sample);

	if (strcmp(kind, "resident id") == 0) {
		if (n != 18 || sample[0] < '1' || sample[0] > '8' || strspn(sample, "0123456789") != 6 ||
		    strspn(sample + 6, "*") != 8 || strspn(sample + 14, "0123456789") < 3 ||
		    (sample[17] != 'X' && (sample[17] < '0' || sample[17] > '9')))
			abort();
	} else if (strcmp(kind, "UnionPay card number") == 0) {
		if (n != 16 || strspn(sample, "*") != 12 || strspn(sample + 12, "0123456789") != 4)
			abort();
	} else {
		abort();
	}
}

/* Collects the digits (ASCII and full-width) and X of text[a, b). */
static size_t span_digits(const unsigned char *t, size_t a, size_t b, char *out, size_t max)
{
	size_t n = 0;

	while (a < b && n + 1 < max) {
		if (t[a] >= '0' && t[a] <= '9') {
			out[n++] = (char)t[a++];
		} else if ((t[a] | 0x20) == 'x') {
			out[n++] = 'X';
			a++;
		} else if (t[a] == 0xEF && a + 2 < b &&
			   t[a + 1] == 0xBC && t[a + 2] >= 0x90 && t[a + 2] <= 0x99) {
			out[n++] = (char)('0' + t[a + 2] - 0x90);
			a += 3;
		} else if (t[a] == 0xEF && a + 2 < b && ((t[a + 1] == 0xBC && t[a + 2] == 0xB8) ||
						       (t[a + 1] == 0xBD && t[a + 2] == 0x98))) {
			out[n++] = 'X'; /* Ｘ ｘ */
			a += 3;
		} else {
			a++;
		}
	}
	out[n] = '\0';
	return n;
}

/* Checks one span: in order, inside the text, really an id or a card. */
static void on_span(void *ctx, size_t start, size_t end, const char *kind, const char *sample)
{
	struct spans *s = ctx;
	char dg[64];
	size_t n;

	check_sample(kind, sample);
	if (start < s->last_end || end <= start || end > s->len || strlen(sample) > end - start)
		abort();
	n = span_digits(s->text, start, end, dg, sizeof dg);
	if (strcmp(kind, "resident id") == 0) {
		if (n != 18 || !field_resident_id_valid(dg) || memcmp(dg, sample, 6) != 0 ||
		    memcmp(dg + 14, sample + 14, 4) != 0)
			abort();
	} else if (n < 16 || n > 19 || !field_luhn(dg) || memcmp(dg + n - 4, sample + 12, 4) != 0) {
		abort();
	}
	s->last_end = end;
	s->n++;
	if (s->elen + (start - s->read) + strlen(sample) < sizeof s->expect) {
		memcpy(s->expect + s->elen, s->text + s->read, start - s->read);
		s->elen += start - s->read;
		memcpy(s->expect + s->elen, sample, strlen(sample));
		s->elen += strlen(sample);
	} else {
		s->overflow = 1;
	}
	s->read = end;
}

/* Checks a line hit's sample and line number. */
static void on_hit(void *ctx, long line, const char *kind, const char *sample)
{
	long *lines = ctx;

	check_sample(kind, sample);
	if (line < 7 || line > 7 + lines[0])
		abort();
}

/* Scans, spans and masks one text and checks they agree. */
static void check_text(const unsigned char *text, size_t len)
{
	static struct spans s;
	unsigned char *copy = malloc(len ? len : 1);
	long newlines = 0;
	size_t i, mlen;
	int hits;

	for (i = 0; i < len; i++)
		newlines += text[i] == '\n';
	memcpy(copy, text, len);
	hits = privacy_scan((const char *)copy, len, 7, on_hit, &newlines);
	memset(&s, 0, offsetof(struct spans, expect));
	s.text = copy;
	s.len = len;
	if (privacy_scan_spans((const char *)copy, len, on_span, &s) != hits || s.n != hits)
		abort();
	mlen = privacy_mask((char *)copy, len);
	if (mlen > len)
		abort();
	if (!s.overflow && s.elen + (len - s.read) < sizeof s.expect) {
		memcpy(s.expect + s.elen, text + s.read, len - s.read);
		s.elen += len - s.read;
		if (s.elen != mlen || memcmp(s.expect, copy, mlen) != 0)
			abort();
	}
	free(copy);
}

/* Plants an id built from the input in clean surroundings, in groups and
 * separators chosen by the input, and checks it is found and masked. */
static void check_planted(const uint8_t *data, size_t size)
{
	static const char *const seps[] = { " ", "-", "\xc2\xa0", "\xe3\x80\x80", "\n", "\r\n",
					    "\xef\xbc\x8d", "\xe2\x80\x8b", " - ", "\xe2\x80\x89" };
	static const int weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	char id[19], text[256], dg[64];
	size_t n = 0, i, mlen;
	int sum = 0, pos = 0;

	if (size < 24)
		return;
	/* region 1-8, a birth date in 1950-1999, digits from the input */
	memcpy(id, "5", 1);
	for (i = 1; i < 6; i++)
		id[i] = (char)('0' + data[i] % 10);
	id[6] = '1';
	id[7] = '9';
	id[8] = (char)('5' + data[6] % 5);
	id[9] = (char)('0' + data[7] % 10);
	id[10] = '0';
	id[11] = (char)('1' + data[8] % 9);
	id[12] = (char)('0' + data[9] % 3);
	id[13] = (char)('1' + data[10] % 8);
	for (i = 14; i < 17; i++)
		id[i] = (char)('0' + data[i] % 10);
	for (i = 0; i < 17; i++)
		sum += (id[i] - '0') * weights[i];
	id[17] = "10X98765432"[sum % 11];
	id[18] = '\0';
	memcpy(text, "号码：", 9);
	n = 9;
	for (i = 0; i < 6 && pos < 18; i++) {
		int g = 1 + data[17 + i] % 8;
		if (pos + g > 18 || i == 5)
			g = 18 - pos;
		memcpy(text + n, id + pos, (size_t)g);
		n += (size_t)g;
		pos += g;
		if (pos < 18) {
			const char *sep = seps[data[17 + i] / 8 % 10];
			memcpy(text + n, sep, strlen(sep));
			n += strlen(sep);
		}
	}
	if (data[23] & 1) {
		memcpy(text + n, "abc", 3); /* glued to letters */
		n += 3;
	} else {
		memcpy(text + n, "。", 3);
		n += 3;
	}
	if (privacy_scan(text, n, 1, NULL, NULL) != 1)
		abort();
	mlen = privacy_mask(text, n);
	span_digits((const unsigned char *)text, 0, mlen, dg, sizeof dg);
	if (strstr(dg, id) || memmem(text, mlen, id + 6, 8))
		abort();
}

/* Cleans a copy of the input in every mode and checks the result. */
static void check_clean(const uint8_t *data, size_t size)
{
	static const enum field_text_mode modes[] = { FIELD_TEXT_LINE, FIELD_TEXT_LINES,
						      FIELD_TEXT_BODY };
	char *a = malloc(size + 1), *b = malloc(size + 1);

	for (size_t m = 0; m < 3; m++) {
		struct field_text_problem bad;
		size_t n = size, n2;
		int rc;

		memcpy(a, data, size);
		a[size] = '\0';
		rc = field_text_clean(a, &n, modes[m], &bad);
		if (n > size || a[n] != '\0' || (rc == 0) != (bad.kind == FIELD_TEXT_OK))
			abort();
		if (rc < 0 && (bad.line < 1 || !field_text_kind_text(bad.kind)))
			abort();
		if (rc != 0)
			continue;
		if (modes[m] == FIELD_TEXT_LINE && (memchr(a, '\n', n) || memchr(a, '\r', n)))
			abort();
		memcpy(b, a, n + 1);
		n2 = n;
		if (field_text_clean(b, &n2, modes[m], &bad) != 0 || n2 != n || memcmp(a, b, n) != 0)
			abort();
	}
	free(a);
	free(b);
}

/* Runs every check over one input. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char f[256], masked[19], acct[32];
	const char *why;
	enum id_class c;

	if (size > 60000)
		return 0;
	check_text(data, size);
	check_planted(data, size);
	check_clean(data, size);
	if (size < sizeof f) {
		memcpy(f, data, size);
		f[size] = '\0';
		c = field_resident_id(f, masked, &why);
		if ((c == ID_FULL || c == ID_MASKED) &&
		    (strlen(masked) != 18 || strspn(masked + 6, "*") != 8))
			abort();
		if (field_account(f, acct, sizeof acct, &why) == 0 && acct[0] &&
		    (strlen(acct) != 16 || strspn(acct, "*") != 12))
			abort();
	}
	return 0;
}
