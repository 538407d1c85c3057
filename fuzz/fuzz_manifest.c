/*
 * fuzz_manifest.c - libFuzzer harness for manifest.txt: the parser and the
 * path-safety rule. Besides crashes and sanitizer reports it aborts when a
 * promise breaks: a manifest accepted without issuer or a positive sequence,
 * an accepted entry whose path is unsafe, entries out of order or listed
 * twice, an entry that manifest_find cannot find, a refusal that reports
 * nothing, or a refused manifest that still holds data.
 *
 * The headers get their own pass: the input is cut into lines, each turned
 * into a header line ("# issuer:", "# sequence:", "# created:", "# encoding:",
 * "# gongkai-bundle", an unknown one...; the first byte picks the name and
 * its spelling) under a valid magic line, so mutations reach the values
 * rather than dying on the first line. An accepted manifest must then hold
 * one issuer that is valid UTF-8 without line breaks or edge blanks, a
 * sequence equal to the digits given, a canonical encoding name, and a
 * created value that is valid UTF-8 without line breaks.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/manifest.h"
#include "kiosk/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Returns 1 when a path has a "." or ".." component (a name such as
 * "......&" is an ordinary file name, not a way out). */
static int has_dot_component(const char *p)
{
	while (*p) {
		size_t n = strcspn(p, "/");

		if ((n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
			return 1;
		p += n;
		if (*p == '/')
			p++;
	}
	return 0;
}

/* Header names, as the office might spell them; the last ones are unknown
 * headers or not headers at all. */
static const char *const header_names[] = {
	"# issuer:", "# sequence:", "# created:", "# encoding:", "#ISSUER :", "#\tSequence:\t",
	"# Encoding:", "# gongkai-bundle ", "# generator:", "#", "# issuer", "",
};
#define NHEADERS (sizeof header_names / sizeof header_names[0])

/* Returns 1 when s is a valid UTF-8 text with no line break. */
static int clean_text(const char *s)
{
	struct manifest m;
	struct report rep = {0};
	char *t;
	int ok;

	if (strchr(s, '\n'))
		return 0;
	/* manifest_path_is_safe also checks UTF-8 but refuses '/'; a probe
	 * manifest is simpler: its comment line must parse. */
	rep.max_errors = 1;
	t = malloc(strlen(s) + 64);
	if (!t)
		abort();
	sprintf(t, "# gongkai-bundle 1\n# issuer: x\n# sequence: 1\n# c %s\n", s);
	ok = manifest_parse(t, strlen(t), &m, &rep) == 0;
	manifest_free(&m);
	report_free(&rep);
	free(t);
	return ok;
}

/* Checks the promises about the headers of an accepted manifest. */
static void check_headers(const struct manifest *m, long long digits_sequence)
{
	size_t n;

	if (!m->issuer || !*m->issuer || !clean_text(m->issuer))
		abort();
	n = strlen(m->issuer);
	if (m->issuer[0] == ' ' || m->issuer[0] == '\t' || m->issuer[n - 1] == ' ' ||
	    m->issuer[n - 1] == '\t')
		abort();
	if (m->sequence <= 0 || (digits_sequence > 0 && m->sequence != digits_sequence))
		abort();
	if (m->encoding && strcmp(m->encoding, "UTF-8") != 0 && strcmp(m->encoding, "GB18030") != 0 &&
	    strcmp(m->encoding, "GBK") != 0)
		abort();
	if (m->created && !clean_text(m->created))
		abort();
}

/* Returns the value of a decimal text of at most 18 digits (spaces around
 * allowed), or -1 when it is anything else. */
static long long plain_digits(const char *s, size_t n)
{
	long long v = 0;
	size_t i = 0, d = 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, d++)
		v = v * 10 + (s[i] - '0');
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i == n && d > 0 && d <= 18 ? v : -1;
}

/* Builds a manifest whose lines are headers made from the input's lines and
 * checks the parser's promises about them. */
static void fuzz_headers(const uint8_t *data, size_t size)
{
	struct manifest m;
	struct report rep = {0};
	char *text = malloc(24 * (size + 1) + 64); /* per line: name, value, '\n' */
	size_t len = 0, pos = 0;
	long long seq_value = 0;
	int nseq = 0;

	if (!text)
		abort();
	len += (size_t)sprintf(text, "# gongkai-bundle 1\n");
	while (pos < size) {
		const uint8_t *nl = memchr(data + pos, '\n', size - pos);
		size_t end = nl ? (size_t)(nl - data) : size;
		const char *name = header_names[data[pos] % NHEADERS];
		size_t vlen = end - pos - 1;
		const char *value = (const char *)data + pos + 1;

		if (end == pos) { /* an empty line stays one */
			text[len++] = '\n';
			pos++;
			continue;
		}
		if (data[pos] % NHEADERS == 1 || data[pos] % NHEADERS == 5) {
			nseq++;
			seq_value = plain_digits(value, vlen);
		}
		len += (size_t)sprintf(text + len, "%s", name);
		memcpy(text + len, value, vlen);
		len += vlen;
		text[len++] = '\n';
		pos = end + 1;
	}
	rep.max_errors = 50;
	if (manifest_parse(text, len, &m, &rep) == 0) {
		/* Duplicates are refused, so at most one sequence line; a value
		 * line may also spell a header itself ("#" + "sequence: 5"). */
		if (rep.nerrors != 0 || nseq > 1)
			abort();
		check_headers(&m, nseq == 1 ? seq_value : -1);
	} else if (rep.nerrors == 0 || m.issuer || m.created || m.encoding) {
		abort();
	}
	manifest_free(&m);
	report_free(&rep);
	free(text);
}

/* Parses one input and checks the parser's promises. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct manifest m;
	struct report rep = {0};
	char *copy;
	size_t i;

	rep.max_errors = 50;
	if (manifest_parse((const char *)data, size, &m, &rep) == 0) {
		if (rep.nerrors != 0 || m.version != 1 || !m.issuer || !*m.issuer || m.sequence <= 0)
			abort();
		for (i = 0; i < m.nentries; i++) {
			if (!manifest_path_is_safe(m.entries[i].path) || m.entries[i].line <= 0)
				abort();
			if (i > 0 && strcmp(m.entries[i - 1].path, m.entries[i].path) >= 0)
				abort();
			if (manifest_find(&m, m.entries[i].path) != &m.entries[i])
				abort();
		}
	} else if (rep.nerrors == 0 || m.entries || m.nentries || m.issuer || m.created ||
		   m.encoding) {
		abort();
	}
	manifest_free(&m);
	report_free(&rep);

	fuzz_headers(data, size);

	/* The whole input as one path. */
	copy = malloc(size + 1);
	if (!copy)
		abort();
	memcpy(copy, data, size);
	copy[size] = '\0';
	if (manifest_path_is_safe(copy) && (copy[0] == '/' || has_dot_component(copy)))
		abort();
	free(copy);
	return 0;
}
