/*
 * fuzz_pinyin.c - libFuzzer harness for the pinyin module (kiosk/pinyin.h):
 * table lookups of every code point decoded from the input and of raw
 * 32-bit values read from it, the surname lookup, index keys and variants
 * (as a name and not), query preparation, and matching with the input split
 * in two (at its first NUL byte, else in the middle) as query and text.
 *
 * Besides crashes and sanitizer reports it aborts when a promise of
 * pinyin.h breaks: initials for a non-Hanzi, a primary initial outside the
 * mask, readings that are not lowercase letters or start outside the mask,
 * a key that is not lowercase letters or is cut unlike snprintf, variants
 * that repeat or do not start with the key, a prepared query that differs
 * from the one-call match, or a text that its own key or variants fail to
 * match.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/pinyin.h"
#include "kiosk/width.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_MAX_VARIANTS 64

/* Decodes one UTF-8 character at s (n bytes left) into *cp with the width
 * module's decoder; returns its length (1 with U+FFFD for an invalid byte). */
static size_t fuzz_decode(const unsigned char *s, size_t n, unsigned *cp)
{
	uint32_t c;
	int len = width_decode((const char *)s, n, &c);

	*cp = c;
	return (size_t)len;
}

/* Tells whether s is a non-empty run of lowercase ASCII letters. */
static int fuzz_lower(const char *s)
{
	if (!s || !*s)
		return 0;
	for (; *s; s++)
		if (*s < 'a' || *s > 'z')
			return 0;
	return 1;
}

/* Checks every per-code-point function on cp against the others. */
static void fuzz_code_point(unsigned cp)
{
	unsigned mask = pinyin_initials_mask(cp);
	int prim = pinyin_primary_initial(cp), hz = pinyin_is_hanzi(cp);
	int guessed = pinyin_initials_guessed(cp);
	const char *r[8];
	size_t n = pinyin_readings(cp, r, 8), i;

	if (!hz && (mask || prim || guessed || n))
		abort();
	if (mask & ~0x3FFFFFFu)
		abort();
	if (mask ? prim < 'a' || prim > 'z' || !(mask & PINYIN_LETTER_BIT(prim)) : prim || n)
		abort();
	if (guessed && (n || !mask))
		abort();
	if (mask && !guessed && (!n || r[0][0] != prim))
		abort();
	for (i = 0; i < n && i < 8; i++)
		if (!fuzz_lower(r[i]) || !(mask & PINYIN_LETTER_BIT(r[i][0])))
			abort();
	if (pinyin_readings(cp, r, 0) != n)
		abort();
}

/* Checks the query fields: len positions, each holding exactly one symbol. */
static void fuzz_query_shape(const struct pinyin_query *q, int rc)
{
	uint64_t all = 0, letters = 0, want;
	unsigned i;

	if ((rc == 0) != (q->len > 0) || q->len > PINYIN_QUERY_MAX)
		abort();
	for (i = 0; i < 36; i++) {
		if (all & q->pos[i])
			abort();
		all |= q->pos[i];
		if (i < 26)
			letters |= q->pos[i];
	}
	want = q->len == 64 ? ~(uint64_t)0 : ((uint64_t)1 << q->len) - 1;
	if (all != want || letters != q->letters)
		abort();
}

/* Checks the surname lookup at the start of text. */
static void fuzz_surname(const char *text)
{
	const char *syl[2] = { NULL, NULL };
	size_t nb = 0, k = pinyin_surname(text, syl, &nb);

	if (k == 0)
		return;
	if (k > 2 || !fuzz_lower(syl[0]) || nb == 0 || nb > strlen(text) ||
	    (k == 2 ? !fuzz_lower(syl[1]) : syl[1] != NULL))
		abort();
	if (pinyin_surname(text, syl, NULL) != k)
		abort();
}

/* Checks the key and the variants of text, read as a name or not; returns
 * the key's full length. */
static size_t fuzz_keys(const char *text, int is_name)
{
	char key[96], cut[5], v[FUZZ_MAX_VARIANTS][PINYIN_VARIANT_LEN];
	size_t len = pinyin_initials_key(text, is_name, key, sizeof key), n, i, j;
	size_t vlen;

	if (len != pinyin_initials_key(text, is_name, NULL, 0))
		abort();
	if (strlen(key) != (len < sizeof key ? len : sizeof key - 1) || (len && !fuzz_lower(key)))
		abort();
	if (pinyin_initials_key(text, is_name, cut, sizeof cut) != len ||
	    strncmp(cut, key, sizeof cut - 1) != 0 || strlen(cut) != (len < 4 ? len : 4))
		abort();
	n = pinyin_initials_variants(text, is_name, v, FUZZ_MAX_VARIANTS);
	vlen = len < PINYIN_VARIANT_LEN - 1 ? len : PINYIN_VARIANT_LEN - 1;
	if ((len == 0) != (n == 0) || n > FUZZ_MAX_VARIANTS)
		abort();
	for (i = 0; i < n; i++) {
		if (strlen(v[i]) != vlen || !fuzz_lower(v[i]))
			abort();
		for (j = 0; j < i; j++)
			if (strcmp(v[i], v[j]) == 0)
				abort();
	}
	if (n && (strncmp(v[0], key, vlen) != 0 || pinyin_initials_variants(text, is_name, v, 1) != 1))
		abort();
	return len;
}

/* Appends the UTF-8 of cp to out at *len. */
static void fuzz_put(char *out, size_t *len, unsigned cp)
{
	unsigned char *o = (unsigned char *)out + *len;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		*len += 1;
	} else if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		*len += 2;
	} else if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		*len += 3;
	} else {
		o[0] = (unsigned char)(0xF0 | (cp >> 18));
		o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
		o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[3] = (unsigned char)(0x80 | (cp & 0x3F));
		*len += 4;
	}
}

/* Keeps the ASCII letters and read Hanzi of text (a run every key letter
 * stands on) and checks that its key and every variant match it. */
static void fuzz_self_match(const char *text, size_t size)
{
	char *run = malloc(size + 1), v[FUZZ_MAX_VARIANTS][PINYIN_VARIANT_LEN];
	char key[PINYIN_QUERY_MAX + 1];
	size_t i = 0, len = 0, n, k;
	unsigned cp;

	if (!run)
		abort();
	while (i < size) {
		i += fuzz_decode((const unsigned char *)text + i, size - i, &cp);
		if (((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ||
		    (pinyin_initials_mask(cp) && !pinyin_initials_guessed(cp)))
			fuzz_put(run, &len, cp);
	}
	run[len] = '\0';
	pinyin_initials_key(run, 0, key, sizeof key);
	if (key[0] && pinyin_match_initials(run, key) != 1)
		abort();
	for (int is_name = 0; is_name < 2; is_name++) {
		n = pinyin_initials_variants(run, is_name, v, FUZZ_MAX_VARIANTS);
		for (k = 0; k < n; k++)
			if (pinyin_match_initials(run, v[k]) != 1)
				abort();
	}
	free(run);
}

/* Runs one input through every function of pinyin.h. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 1), *copy;
	const char *query, *text;
	struct pinyin_query q;
	size_t i, half, from;
	unsigned cp;
	int rc;

	if (!buf)
		abort();
	memcpy(buf, data, size);
	buf[size] = '\0';

	/* every code point of the input, and raw 32-bit values from it */
	for (i = 0; i < size;) {
		i += fuzz_decode(data + i, size - i, &cp);
		fuzz_code_point(cp);
	}
	for (i = 0; i + 4 <= size; i += 4) {
		uint32_t raw = (uint32_t)data[i] | (uint32_t)data[i + 1] << 8 |
			       (uint32_t)data[i + 2] << 16 | (uint32_t)data[i + 3] << 24;

		fuzz_code_point(raw);
		fuzz_code_point(raw & 0x3FFFF);
	}

	/* the whole input as a query, a name and a title */
	rc = pinyin_query_init(&q, buf);
	fuzz_query_shape(&q, rc);
	fuzz_surname(buf);
	if (fuzz_keys(buf, 0) != fuzz_keys(buf, 1))
		abort();   /* a surname changes letters, never their number */
	fuzz_self_match(buf, strlen(buf));

	/* split in two at the first NUL, else in the middle: query, then text */
	half = strlen(buf);
	if (half == size)
		half = from = size / 2;
	else
		from = half + 1;   /* the text starts after the NUL */
	text = copy = malloc(size - from + 1);
	if (!copy)
		abort();
	memcpy(copy, data + from, size - from);
	copy[size - from] = '\0';
	buf[half] = '\0';
	query = buf;
	for (int swap = 0; swap < 2; swap++) {
		const char *qs = swap ? text : query, *ts = swap ? query : text;

		rc = pinyin_query_init(&q, qs);
		fuzz_query_shape(&q, rc);
		if (pinyin_query_match(&q, ts) != pinyin_match_initials(ts, qs))
			abort();
		if (rc != 0 && pinyin_query_match(&q, ts) != 0)
			abort();
	}
	fuzz_surname(text);
	free(copy);
	free(buf);
	return 0;
}
