/*
 * encoding.h - turns the bytes of a bundle's CSV and .txt files into valid
 * UTF-8 (shared/spec/bundle-format.md, "manifest.txt": encoding).
 *
 * Rules:
 *  - ENC_AUTO: a file that is valid UTF-8 as a whole (a BOM is allowed) is
 *    UTF-8, anything else is GB18030.
 *  - GBK (code page 936, what Excel on Chinese Windows writes) and GB18030 are
 *    both decoded with glibc's GB18030 converter, a superset of GBK, and a
 *    single byte 0x80 is read as the euro sign U+20AC as CP936 has it
 *    (glibc's GB18030 rejects it). So a CP936 file "just works" whether the
 *    manifest says GBK, GB18030 or nothing.
 *  - A leading BOM is dropped: EF BB BF in UTF-8, 84 31 95 33 in GB18030.
 *    A file declared GB18030/GBK that starts with the UTF-8 BOM is read as
 *    UTF-8: the BOM is unambiguous, and Excel's "CSV UTF-8" adds it.
 *  - NUL bytes are invalid in every encoding (they would cut C strings).
 *  - Invalid bytes stop decoding with an error naming the line (1 + the
 *    newlines decoded before the bad bytes); everything before them has been
 *    handed out already.
 *
 * The decoder streams: it reads the input in chunks (default 128 KiB) and
 * converts each chunk with one iconv() call, so memory stays small whatever
 * the file size. ENC_AUTO over a seekable descriptor validates UTF-8 in a
 * first pass and seeks back (that pass ends at the first invalid byte, which
 * in a Chinese GB18030 file is within the first line). Over a pipe, where no
 * second pass is possible, the decoder starts as UTF-8 and switches to
 * GB18030 at the first invalid byte provided nothing but ASCII has been
 * handed out yet; otherwise it reports the invalid bytes as UTF-8.
 */
#ifndef GK_ENCODING_H
#define GK_ENCODING_H

#include <stddef.h>

enum enc {
	ENC_AUTO,    /* UTF-8 when the whole file is valid UTF-8, else GB18030 */
	ENC_UTF8,
	ENC_GB18030,
	ENC_GBK      /* CP936; decoded as GB18030 plus 0x80 = U+20AC */
};

/* Parses an encoding name as the manifest writes it: UTF-8, UTF8, GB18030,
 * GBK or CP936 (case-insensitive, surrounding spaces ignored). Returns 0, or
 * -1 for an unknown name (out untouched). */
int encoding_from_name(const char *name, enum enc *out);

/* Returns the display name of an encoding ("UTF-8", "GB18030", "GBK",
 * "auto"); static storage. */
const char *encoding_name(enum enc e);

/* The default input chunk size of a decoder. */
#define DECODER_CHUNK_DEFAULT ((size_t)128 * 1024)

/* What stopped a decoder. */
enum decoder_err {
	DECODER_OK = 0,
	DECODER_BAD_BYTES, /* the input is not valid in its encoding */
	DECODER_IO         /* read() failed or iconv is missing: the environment */
};

struct decoder;

/* Opens a decoder over fd, which it takes ownership of (closed by
 * decoder_close, or at once if opening fails). chunk is the read size in
 * bytes (0 = DECODER_CHUNK_DEFAULT; tests use tiny sizes to split characters
 * across reads). ENC_AUTO reads a seekable fd once to detect the encoding and
 * seeks back to where it was. Returns NULL with err filled on failure.
 * Caller frees with decoder_close. */
struct decoder *decoder_open_fd(int fd, enum enc e, size_t chunk, char *err, size_t errlen);

/* Opens a decoder over a memory buffer, which it borrows until
 * decoder_close. chunk as for decoder_open_fd. Returns NULL with err filled
 * on failure. Caller frees with decoder_close. */
struct decoder *decoder_open_mem(const char *data, size_t len, enum enc e, size_t chunk,
				 char *err, size_t errlen);

/* Decodes the next block: points *out at valid UTF-8 text (never a split
 * character, never a NUL; borrowed, valid until the next call) and returns
 * its length (> 0), 0 at the end of the input, or -1 on error (see
 * decoder_error*). After -1 every further call returns -1. */
long decoder_read(struct decoder *d, const char **out);

/* Returns the encoding actually used: ENC_UTF8, ENC_GB18030 or ENC_GBK
 * (ENC_AUTO resolved). */
enum enc decoder_encoding(const struct decoder *d);

/* Returns why the decoder stopped (DECODER_OK while it has not). */
enum decoder_err decoder_error_kind(const struct decoder *d);

/* Returns the error text, e.g. "invalid bytes in GB18030" ("" when none);
 * borrowed, valid until decoder_close. */
const char *decoder_error(const struct decoder *d);

/* Returns the 1-based line of the invalid bytes (0 when none). */
long decoder_error_line(const struct decoder *d);

/* Returns how many newlines the decoder has handed out so far. */
long decoder_newlines(const struct decoder *d);

/* Closes the descriptor (if any) and frees the decoder; NULL is fine. */
void decoder_close(struct decoder *d);

/* Converts a whole buffer (a small .txt body) to UTF-8 by the same rules.
 * On success returns 0 and sets *out (NUL-terminated, caller frees) and
 * *outlen. On invalid bytes returns -1 with *bad_line set to the line and err
 * to "invalid bytes in ENCODING"; *out is then NULL. bad_line may be NULL. */
int encoding_convert(const char *in, size_t len, enum enc e, char **out, size_t *outlen,
		     long *bad_line, char *err, size_t errlen);

/* Returns 1 when s[0..len) is valid UTF-8 (NUL bytes allowed), else 0. */
int encoding_is_utf8(const char *s, size_t len);

#endif
