/*
 * util.h - allocation, growable strings and error reporting shared by every
 * module (db/, kiosk/, printing/, tui/).
 *
 * Conventions used across the project:
 *  - Functions that can fail return 0 on success or a negative status, and
 *    fill a caller-owned message buffer (char *err, size_t errlen).
 *  - Allocation never fails visibly: xmalloc() and friends call the fatal
 *    hook (which the TUI sets to restore the terminal) and exit(3).
 */
#ifndef GK_UTIL_H
#define GK_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Exit statuses of both programs (see shared/spec/interfaces.md). */
enum {
	GK_EXIT_OK = 0,      /* done */
	GK_EXIT_REFUSED = 1, /* the input was refused */
	GK_EXIT_USAGE = 2,   /* wrong usage */
	GK_EXIT_ENV = 3      /* the environment failed (database, printer, disk) */
};

/* Registers a function run before exiting on allocation failure or a fatal
 * error; the TUI uses it to restore the terminal. NULL clears it. */
void util_set_fatal_hook(void (*hook)(void));

/* Runs the fatal hook, prints "gongkai: MSG" to stderr and exits with 3. */
_Noreturn void util_fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* malloc() that never returns NULL. Caller frees. */
void *xmalloc(size_t n);
/* calloc() that never returns NULL. Caller frees. */
void *xcalloc(size_t nmemb, size_t size);
/* realloc() that never returns NULL. */
void *xrealloc(void *p, size_t n);
/* strdup() that never returns NULL; xstrdup(NULL) returns NULL. Caller frees. */
char *xstrdup(const char *s);
/* strndup() that never returns NULL. Caller frees. */
char *xstrndup(const char *s, size_t n);
/* Returns a newly allocated printf-formatted string. Caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Formats into a caller-owned error buffer; safe with err == NULL. */
void util_errf(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A growable, always NUL-terminated byte string. Zero-initialise to use. */
struct sbuf {
	char *s;    /* owned; NULL until the first append */
	size_t len; /* bytes used, excluding the NUL */
	size_t cap; /* bytes allocated */
};

/* Appends n bytes. */
void sbuf_addn(struct sbuf *b, const char *s, size_t n);
/* Appends a NUL-terminated string. */
void sbuf_add(struct sbuf *b, const char *s);
/* Appends one byte. */
void sbuf_addc(struct sbuf *b, char c);
/* Appends printf-formatted text. */
void sbuf_addf(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Empties the buffer, keeping its allocation. */
void sbuf_reset(struct sbuf *b);
/* Returns the contents ("" when empty); borrowed, valid until the next change. */
const char *sbuf_str(const struct sbuf *b);
/* Takes the contents out (caller frees) and leaves the buffer empty. */
char *sbuf_detach(struct sbuf *b);
/* Frees the buffer's storage. */
void sbuf_free(struct sbuf *b);

/* Reads a whole file into memory (NUL-terminated). Caller frees *out.
 * Returns 0, or -1 with err filled. Refuses files larger than max bytes. */
int util_read_file(const char *path, size_t max, char **out, size_t *outlen,
		   char *err, size_t errlen);

/* Returns today's date as an ISO string (YYYY-MM-DD) in out[11], honouring
 * GONGKAI_TODAY for tests. */
void util_today(char out[11]);

/* Returns the current local time as "YYYY-MM-DD HH:MM:SS" in out[20]. */
void util_now(char out[20]);

#endif
