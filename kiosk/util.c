/*
 * util.c - allocation that cannot fail, growable strings, error buffers and
 * the clock (which tests fix through GONGKAI_TODAY).
 */
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static void (*fatal_hook)(void);

/* Registers the hook run before a fatal exit. */
void util_set_fatal_hook(void (*hook)(void))
{
	fatal_hook = hook;
}

/* Restores whatever the hook restores, reports and exits with status 3. */
void util_fatal(const char *fmt, ...)
{
	va_list ap;

	if (fatal_hook) {
		void (*h)(void) = fatal_hook;
		fatal_hook = NULL; /* never twice, even if the hook fails */
		h();
	}
	fputs("gongkai: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(GK_EXIT_ENV);
}

/* Allocates n bytes or dies. */
void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		util_fatal("out of memory (%zu bytes)", n);
	return p;
}

/* Allocates a zeroed array or dies. */
void *xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (!p)
		util_fatal("out of memory (%zu x %zu bytes)", nmemb, size);
	return p;
}

/* Resizes an allocation or dies. */
void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		util_fatal("out of memory (%zu bytes)", n);
	return q;
}

/* Duplicates a string or dies. */
char *xstrdup(const char *s)
{
	return s ? xstrndup(s, strlen(s)) : NULL;
}

/* Duplicates at most n bytes of a string or dies. */
char *xstrndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

/* Formats into a new string or dies. */
char *xasprintf(const char *fmt, ...)
{
	struct sbuf b = {0};
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		util_fatal("bad format");
	b.s = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(b.s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return b.s;
}

/* Formats an error message into the caller's buffer. */
void util_errf(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (!err || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* Makes room for at least extra more bytes plus the NUL. */
static void sbuf_grow(struct sbuf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	b->s = xrealloc(b->s, cap);
	b->cap = cap;
}

/* Appends n bytes to the buffer. */
void sbuf_addn(struct sbuf *b, const char *s, size_t n)
{
	sbuf_grow(b, n);
	if (n)
		memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* Appends a string to the buffer. */
void sbuf_add(struct sbuf *b, const char *s)
{
	sbuf_addn(b, s, strlen(s));
}

/* Appends one byte to the buffer. */
void sbuf_addc(struct sbuf *b, char c)
{
	sbuf_addn(b, &c, 1);
}

/* Appends formatted text to the buffer. */
void sbuf_addf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	sbuf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* Empties the buffer but keeps its memory. */
void sbuf_reset(struct sbuf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

/* Returns the buffer's text, "" when nothing was added. */
const char *sbuf_str(const struct sbuf *b)
{
	return b->s ? b->s : "";
}

/* Hands the text to the caller and empties the buffer. */
char *sbuf_detach(struct sbuf *b)
{
	char *s = b->s ? b->s : xstrdup("");

	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

/* Releases the buffer's memory. */
void sbuf_free(struct sbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

/* Reads a whole regular file, refusing ones larger than max. */
int util_read_file(const char *path, size_t max, char **out, size_t *outlen,
		   char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	struct sbuf b = {0};
	char buf[65536];
	size_t n;

	if (!f) {
		util_errf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		if (b.len + n > max) {
			fclose(f);
			sbuf_free(&b);
			util_errf(err, errlen, "%s: file larger than %zu bytes", path, max);
			return -1;
		}
		sbuf_addn(&b, buf, n);
	}
	if (ferror(f)) {
		util_errf(err, errlen, "%s: read error", path);
		fclose(f);
		sbuf_free(&b);
		return -1;
	}
	fclose(f);
	if (outlen)
		*outlen = b.len;
	*out = sbuf_detach(&b);
	return 0;
}

/* Writes today's date, or GONGKAI_TODAY when it is a valid YYYY-MM-DD. */
void util_today(char out[11])
{
	const char *fixed = getenv("GONGKAI_TODAY");
	time_t t;
	struct tm tm;

	if (fixed && strlen(fixed) == 10 && fixed[4] == '-' && fixed[7] == '-') {
		memcpy(out, fixed, 10);
		out[10] = '\0';
		return;
	}
	t = time(NULL);
	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* Writes the current local date and time. */
void util_now(char out[20])
{
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}
