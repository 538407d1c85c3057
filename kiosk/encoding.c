/*
 * encoding.c - streaming conversion of bundle files to UTF-8: UTF-8 is
 * validated in place (no copy), GB18030/GBK goes through one iconv() call per
 * chunk with a carry-over for characters split across reads.
 */
#include "kiosk/encoding.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>
#include <unistd.h>

#include "kiosk/util.h"

/* Room kept before the chunk for the carried bytes of a split character. */
#define CARRY_MAX 8

struct decoder {
	int fd;               /* owned; -1 for memory sources */
	const char *mem;      /* borrowed memory source, or NULL */
	size_t mem_len, mem_pos;
	enum enc named;       /* the encoding named in messages */
	int gb;               /* 1 = decoding through iconv GB18030 */
	int hybrid;           /* AUTO over a pipe: UTF-8 that may still turn GB18030 */
	int sent_nonascii;    /* hybrid: a non-ASCII byte has been handed out */
	int sniff_bom;        /* declared GB: still to check for a UTF-8 BOM */
	int first;            /* the first output block is still to come (BOM drop) */
	iconv_t cd;           /* (iconv_t)-1 until opened */
	char *in;             /* input buffer: CARRY_MAX + chunk bytes */
	size_t chunk;
	size_t in_start, in_end; /* unconsumed input is in[in_start, in_end) */
	int eof;
	char *out;            /* GB output buffer */
	size_t out_cap;
	long newlines;        /* newlines handed out */
	enum decoder_err err_kind;
	int err_pending;      /* the error follows the block just handed out */
	long err_line;
	char errmsg[256];
};

/* Parses a manifest encoding name. */
int encoding_from_name(const char *name, enum enc *out)
{
	static const struct {
		const char *name;
		enum enc e;
	} names[] = {
		{"UTF-8", ENC_UTF8}, {"UTF8", ENC_UTF8}, {"GB18030", ENC_GB18030},
		{"GBK", ENC_GBK}, {"CP936", ENC_GBK},
	};
	size_t i, n;

	if (!name)
		return -1;
	while (*name == ' ' || *name == '\t')
		name++;
	n = strlen(name);
	while (n > 0 && (name[n - 1] == ' ' || name[n - 1] == '\t' || name[n - 1] == '\r'))
		n--;
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (strlen(names[i].name) == n && strncasecmp(names[i].name, name, n) == 0) {
			*out = names[i].e;
			return 0;
		}
	}
	return -1;
}

/* Names an encoding for messages. */
const char *encoding_name(enum enc e)
{
	switch (e) {
	case ENC_UTF8:
		return "UTF-8";
	case ENC_GB18030:
		return "GB18030";
	case ENC_GBK:
		return "GBK";
	case ENC_AUTO:
		break;
	}
	return "auto";
}

enum { U8_ALL = 0, U8_PARTIAL = 1, U8_BAD = 2 };

/* Returns the length of the longest prefix of s made of complete valid UTF-8
 * characters; *status says whether all of s was valid, s ends inside a
 * character that more bytes may complete, or an invalid byte (or a NUL when
 * nul_bad) follows. *nonascii is set when the prefix holds a byte >= 0x80. */
static size_t utf8_scan(const unsigned char *s, size_t n, int nul_bad, int *status,
			int *nonascii)
{
	const uint64_t high = 0x8080808080808080ULL, ones = 0x0101010101010101ULL;
	size_t i = 0;

	*nonascii = 0;
	while (i < n) {
		unsigned c;
		size_t need, k;
		unsigned lo = 0x80, hi = 0xBF;

		/* Eight ASCII bytes at a time while there is no NUL to reject. */
		while (i + 8 <= n) {
			uint64_t v;
			memcpy(&v, s + i, 8);
			if (v & high)
				break;
			if (nul_bad && ((v - ones) & ~v & high))
				break;
			i += 8;
		}
		if (i >= n)
			break;
		c = s[i];
		if (c < 0x80) {
			if (c == 0 && nul_bad) {
				*status = U8_BAD;
				return i;
			}
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			need = 1;
		} else if (c >= 0xE0 && c <= 0xEF) {
			need = 2;
			if (c == 0xE0)
				lo = 0xA0;
			else if (c == 0xED)
				hi = 0x9F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			need = 3;
			if (c == 0xF0)
				lo = 0x90;
			else if (c == 0xF4)
				hi = 0x8F;
		} else {
			*status = U8_BAD;
			return i;
		}
		for (k = 1; k <= need; k++) {
			unsigned t;
			if (i + k >= n) {
				*status = U8_PARTIAL;
				return i;
			}
			t = s[i + k];
			if (k == 1 ? (t < lo || t > hi) : (t < 0x80 || t > 0xBF)) {
				*status = U8_BAD;
				return i;
			}
		}
		*nonascii = 1;
		i += need + 1;
	}
	*status = U8_ALL;
	return n;
}

/* Checks that a whole buffer is valid UTF-8. */
int encoding_is_utf8(const char *s, size_t len)
{
	int status, nonascii;

	utf8_scan((const unsigned char *)s, len, 0, &status, &nonascii);
	return status == U8_ALL;
}

/* Counts newlines in a block. */
static long count_newlines(const char *s, size_t n)
{
	const char *end = s + n;
	long c = 0;

	while (s < end && (s = memchr(s, '\n', (size_t)(end - s))) != NULL) {
		c++;
		s++;
	}
	return c;
}

/* Moves the carried bytes to the buffer start and reads up to one chunk
 * after them. Returns the bytes read, 0 at the end, -1 on a read error. */
static long dec_fill(struct decoder *d)
{
	size_t keep = d->in_end - d->in_start;
	ssize_t n;

	if (d->in_start > 0) {
		memmove(d->in, d->in + d->in_start, keep);
		d->in_start = 0;
		d->in_end = keep;
	}
	if (d->mem) {
		size_t left = d->mem_len - d->mem_pos;
		n = (ssize_t)(left < d->chunk ? left : d->chunk);
		memcpy(d->in + keep, d->mem + d->mem_pos, (size_t)n);
		d->mem_pos += (size_t)n;
	} else {
		do
			n = read(d->fd, d->in + keep, d->chunk);
		while (n < 0 && errno == EINTR);
		if (n < 0) {
			d->err_kind = DECODER_IO;
			util_errf(d->errmsg, sizeof d->errmsg, "读取失败（%s）", strerror(errno));
			return -1;
		}
	}
	d->in_end = keep + (size_t)n;
	return (long)n;
}

/* Records an invalid-bytes error at the line after the handed-out text. */
static void dec_bad(struct decoder *d, long extra_newlines)
{
	d->err_kind = DECODER_BAD_BYTES;
	d->err_line = 1 + d->newlines + extra_newlines;
	util_errf(d->errmsg, sizeof d->errmsg, "有不符合 %s 编码的字节：请把文件另存为 UTF-8 编码，"
		  "再重新制作数据包", encoding_name(d->named));
}

/* Opens the GB18030 converter. Returns 0 or -1 with the error recorded. */
static int dec_start_gb(struct decoder *d)
{
	d->gb = 1;
	if (d->cd != (iconv_t)-1)
		return 0;
	d->cd = iconv_open("UTF-8", "GB18030");
	if (d->cd == (iconv_t)-1) {
		d->err_kind = DECODER_IO;
		util_errf(d->errmsg, sizeof d->errmsg, "系统缺少 GB18030 转换器（%s）：请安装 glibc 的字符集转换模块",
			  strerror(errno));
		return -1;
	}
	if (!d->out) {
		/* GB18030 grows by at most 3/2, a lone 0x80 by 3: twice the
		 * chunk plus slack holds one chunk in the usual case, and E2BIG
		 * handles the rest. */
		d->out_cap = 2 * (d->chunk + CARRY_MAX) + 16;
		d->out = xmalloc(d->out_cap);
	}
	return 0;
}

/* Reads the whole source once to see whether it is valid UTF-8, then goes
 * back to the start. Returns 1 (UTF-8), 0 (not), -1 (read error), -2 (the
 * fd cannot seek). */
static int dec_detect(struct decoder *d)
{
	off_t start;
	int status = U8_ALL, nonascii, result = 1;

	if (d->mem)
		return encoding_is_utf8(d->mem, d->mem_len);
	start = lseek(d->fd, 0, SEEK_CUR);
	if (start < 0)
		return -2;
	for (;;) {
		long n = dec_fill(d);
		size_t v;
		if (n < 0)
			return -1;
		if (n == 0) {
			if (d->in_end > d->in_start)
				result = 0; /* ends inside a character */
			break;
		}
		v = utf8_scan((const unsigned char *)d->in + d->in_start, d->in_end - d->in_start, 0,
			      &status, &nonascii);
		d->in_start += v;
		if (status == U8_BAD) {
			result = 0;
			break;
		}
	}
	d->in_start = d->in_end = 0;
	if (lseek(d->fd, start, SEEK_SET) < 0) {
		d->err_kind = DECODER_IO;
		util_errf(d->errmsg, sizeof d->errmsg, "无法回到文件开头（%s）", strerror(errno));
		return -1;
	}
	return result;
}

/* Builds a decoder around an fd or a memory buffer. */
static struct decoder *dec_new(int fd, const char *mem, size_t mem_len, enum enc e, size_t chunk,
			       char *err, size_t errlen)
{
	struct decoder *d = xcalloc(1, sizeof *d);

	d->fd = fd;
	d->mem = mem;
	d->mem_len = mem_len;
	d->chunk = chunk ? chunk : DECODER_CHUNK_DEFAULT;
	d->in = xmalloc(CARRY_MAX + d->chunk);
	d->cd = (iconv_t)-1;
	d->first = 1;
	d->named = e;
	if (e == ENC_AUTO) {
		int r = dec_detect(d);
		if (r == -1) {
			util_errf(err, errlen, "%s", d->errmsg);
			decoder_close(d);
			return NULL;
		}
		if (r == -2) {
			d->hybrid = 1;
			d->named = ENC_UTF8;
		} else {
			d->named = r ? ENC_UTF8 : ENC_GB18030;
		}
	}
	if (d->named == ENC_GB18030 || d->named == ENC_GBK) {
		d->sniff_bom = 1;
		if (dec_start_gb(d) != 0) {
			util_errf(err, errlen, "%s", d->errmsg);
			decoder_close(d);
			return NULL;
		}
	}
	return d;
}

/* Opens a decoder over a file descriptor (owned). */
struct decoder *decoder_open_fd(int fd, enum enc e, size_t chunk, char *err, size_t errlen)
{
	if (fd < 0) {
		util_errf(err, errlen, "没有可读的文件");
		return NULL;
	}
	return dec_new(fd, NULL, 0, e, chunk, err, errlen);
}

/* Opens a decoder over a borrowed buffer. */
struct decoder *decoder_open_mem(const char *data, size_t len, enum enc e, size_t chunk,
				 char *err, size_t errlen)
{
	return dec_new(-1, data ? data : "", data ? len : 0, e, chunk, err, errlen);
}

/* Decodes UTF-8 input: validates in place and hands out the valid prefix.
 * Returns as decoder_read, or -2 when a hybrid decoder switched to GB. */
static long dec_read_utf8(struct decoder *d, const char **out)
{
	for (;;) {
		size_t avail = d->in_end - d->in_start;

		if (avail > 0) {
			const char *p = d->in + d->in_start;
			int status, nonascii;
			size_t v = utf8_scan((const unsigned char *)p, avail, 1, &status, &nonascii);

			if (status == U8_BAD && d->hybrid && !d->sent_nonascii) {
				/* Hand out the ASCII before the first non-ASCII
				 * byte, then read the rest as GB18030. */
				size_t a = 0;
				while (a < v && (unsigned char)p[a] < 0x80)
					a++;
				d->in_start += a;
				d->named = ENC_GB18030;
				d->hybrid = 0;
				if (dec_start_gb(d) != 0)
					return -1;
				if (a > 0) {
					d->newlines += count_newlines(p, a);
					d->first = 0;
					*out = p;
					return (long)a;
				}
				return -2;
			}
			if (v > 0) {
				d->in_start += v;
				if (d->first) {
					d->first = 0;
					if (v >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
						p += 3;
						v -= 3;
					}
				}
				if (nonascii)
					d->sent_nonascii = 1;
				d->newlines += count_newlines(p, v);
				if (status == U8_BAD) {
					dec_bad(d, 0);
					d->err_pending = 1;
				}
				if (v > 0) {
					*out = p;
					return (long)v;
				}
				if (d->err_pending)
					return -1;
				continue;
			}
			if (status == U8_BAD) {
				dec_bad(d, 0);
				return -1;
			}
		}
		if (d->eof) {
			if (d->in_end > d->in_start) {
				dec_bad(d, 0); /* ends inside a character */
				return -1;
			}
			return 0;
		}
		{
			long n = dec_fill(d);
			if (n < 0)
				return -1;
			if (n == 0)
				d->eof = 1;
		}
	}
}

/* Runs iconv over the unconsumed input into the output buffer, reading a
 * lone 0x80 as the euro sign. Returns the bytes produced; *bad is set when
 * an invalid sequence stopped it. */
static size_t dec_iconv(struct decoder *d, int *bad)
{
	char *ip = d->in + d->in_start, *op = d->out;
	size_t il = d->in_end - d->in_start, ol = d->out_cap;

	*bad = 0;
	while (il > 0) {
		size_t r = iconv(d->cd, &ip, &il, &op, &ol);
		if (r != (size_t)-1)
			break;
		if (errno == EILSEQ && (unsigned char)*ip == 0x80) {
			if (ol < 3)
				break;
			memcpy(op, "\xE2\x82\xAC", 3);
			op += 3;
			ol -= 3;
			ip++;
			il--;
			continue;
		}
		if (errno == EILSEQ)
			*bad = 1;
		break; /* E2BIG: more next time; EINVAL: a split character */
	}
	d->in_start = (size_t)(ip - d->in);
	return (size_t)(op - d->out);
}

/* Decodes GB18030/GBK input through iconv. Returns as decoder_read. */
static long dec_read_gb(struct decoder *d, const char **out)
{
	for (;;) {
		if (d->sniff_bom) {
			size_t avail = d->in_end - d->in_start;
			if (avail < 3 && !d->eof) {
				long n = dec_fill(d);
				if (n < 0)
					return -1;
				if (n == 0)
					d->eof = 1;
				continue;
			}
			d->sniff_bom = 0;
			if (avail >= 3 && memcmp(d->in + d->in_start, "\xEF\xBB\xBF", 3) == 0) {
				d->gb = 0;
				d->named = ENC_UTF8;
				return dec_read_utf8(d, out);
			}
		}
		if (d->in_end > d->in_start) {
			int bad;
			size_t n = dec_iconv(d, &bad);
			char *p = d->out, *nul = memchr(p, '\0', n);

			if (nul) {
				n = (size_t)(nul - p);
				bad = 1;
			}
			if (d->first && n > 0) {
				d->first = 0;
				if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
					p += 3;
					n -= 3;
				}
			}
			d->newlines += count_newlines(p, n);
			if (bad) {
				dec_bad(d, 0);
				if (n == 0)
					return -1;
				d->err_pending = 1;
			}
			if (n > 0) {
				*out = p;
				return (long)n;
			}
		}
		if (d->eof) {
			if (d->in_end > d->in_start) {
				dec_bad(d, 0); /* ends inside a character */
				return -1;
			}
			return 0;
		}
		{
			long r = dec_fill(d);
			if (r < 0)
				return -1;
			if (r == 0)
				d->eof = 1;
		}
	}
}

/* Hands out the next block of UTF-8. */
long decoder_read(struct decoder *d, const char **out)
{
	long n;

	if (d->err_kind != DECODER_OK)
		return -1;
	if (!d->gb) {
		n = dec_read_utf8(d, out);
		if (n != -2)
			return n;
	}
	return dec_read_gb(d, out);
}

/* Reports the encoding in use. */
enum enc decoder_encoding(const struct decoder *d)
{
	return d->named;
}

/* Reports why decoding stopped. */
enum decoder_err decoder_error_kind(const struct decoder *d)
{
	return d->err_kind;
}

/* Returns the error message. */
const char *decoder_error(const struct decoder *d)
{
	return d->err_kind != DECODER_OK ? d->errmsg : "";
}

/* Returns the line of the invalid bytes. */
long decoder_error_line(const struct decoder *d)
{
	return d->err_kind == DECODER_BAD_BYTES ? d->err_line : 0;
}

/* Returns the newlines handed out so far. */
long decoder_newlines(const struct decoder *d)
{
	return d->newlines;
}

/* Frees the decoder and closes its descriptor. */
void decoder_close(struct decoder *d)
{
	if (!d)
		return;
	if (d->cd != (iconv_t)-1)
		iconv_close(d->cd);
	if (d->fd >= 0)
		close(d->fd);
	free(d->in);
	free(d->out);
	free(d);
}

/* Converts a whole buffer to UTF-8. */
int encoding_convert(const char *in, size_t len, enum enc e, char **out, size_t *outlen,
		     long *bad_line, char *err, size_t errlen)
{
	struct decoder *d;
	struct sbuf b = {0};
	const char *blk;
	long n;

	*out = NULL;
	if (outlen)
		*outlen = 0;
	if (bad_line)
		*bad_line = 0;
	d = decoder_open_mem(in, len, e, len < DECODER_CHUNK_DEFAULT ? len + 1 : 0, err, errlen);
	if (!d)
		return -1;
	while ((n = decoder_read(d, &blk)) > 0)
		sbuf_addn(&b, blk, (size_t)n);
	if (n < 0) {
		if (bad_line)
			*bad_line = decoder_error_line(d);
		util_errf(err, errlen, "%s", decoder_error(d));
		decoder_close(d);
		sbuf_free(&b);
		return -1;
	}
	decoder_close(d);
	if (outlen)
		*outlen = b.len;
	*out = b.s ? sbuf_detach(&b) : xstrdup("");
	return 0;
}
