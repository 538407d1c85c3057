/*
 * fuzz_manifest.c - libFuzzer harness for manifest.txt: the parser and the
 * path-safety rule. Besides crashes and sanitizer reports it aborts when a
 * promise breaks: a manifest accepted without issuer or a positive sequence,
 * an accepted entry whose path is unsafe, entries out of order or listed
 * twice, an entry that manifest_find cannot find, a refusal that reports
 * nothing, or a refused manifest that still holds data.
 */
#include <stdint.h>
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
