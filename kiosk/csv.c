/*
 * csv.c - streaming RFC 4180 reader. Bytes are copied from the decoder's
 * blocks into one reused record buffer in runs (never one call per byte),
 * fields are NUL-terminated in place, so reading a row allocates nothing
 * once the buffers have grown to the widest row.
 */
#include "kiosk/csv.h"

#include <stdlib.h>
#include <string.h>

#include "kiosk/fields.h"
#include "kiosk/util.h"

enum { S_UNQ, S_Q, S_QQ };

/* Bit 1: ends a run in an unquoted field; bit 2: ends a run inside quotes. */
static const unsigned char csv_cls[256] = {
	[','] = 1, ['"'] = 3, ['\r'] = 3, ['\n'] = 3,
};

struct csv_reader {
	struct decoder *dec;   /* owned */
	char *name;            /* owned */
	const char *blk;       /* the decoder's current block (borrowed) */
	size_t blk_len, blk_pos;
	char *buf;             /* record bytes, fields NUL-terminated */
	size_t len, cap;
	size_t *starts;        /* field start offsets into buf */
	size_t nfields, starts_cap;
	char **fields;         /* handed out in struct csv_row */
	size_t fields_cap;
	long rows;             /* records completed, empty ones included */
	long phys;             /* physical line being read */
	long rec_phys;         /* physical line where the record started */
	int skip_lf;           /* a CR just ended a line: a following LF is part of it */
	int done, failed, io;
	long err_line, err_phys;
	char errmsg[320];
};

/* Builds a reader around a decoder. */
struct csv_reader *csv_open_decoder(struct decoder *d, const char *display_name)
{
	struct csv_reader *r = xcalloc(1, sizeof *r);

	r->dec = d;
	r->name = xstrdup(display_name ? display_name : "");
	r->phys = 1;
	r->cap = 4096;
	r->buf = xmalloc(r->cap);
	r->starts_cap = 64;
	r->starts = xmalloc(r->starts_cap * sizeof *r->starts);
	return r;
}

/* Opens a reader over a file descriptor (owned). */
struct csv_reader *csv_open_fd(int fd, const char *display_name, enum enc e, char *err,
			       size_t errlen)
{
	struct decoder *d = decoder_open_fd(fd, e, 0, err, errlen);

	return d ? csv_open_decoder(d, display_name) : NULL;
}

/* Opens a reader over a borrowed buffer. */
struct csv_reader *csv_open_mem(const char *data, size_t len, const char *display_name,
				enum enc e, char *err, size_t errlen)
{
	struct decoder *d = decoder_open_mem(data, len, e, 0, err, errlen);

	return d ? csv_open_decoder(d, display_name) : NULL;
}

/* Records a content error at the record being read. */
static int csv_fail(struct csv_reader *r, long phys, const char *msg)
{
	r->failed = 1;
	r->err_line = r->rows + 1;
	r->err_phys = phys;
	util_errf(r->errmsg, sizeof r->errmsg, "%s", msg);
	return -1;
}

/* Appends n bytes to the record. Returns 0, or -1 past the record limit. */
static int csv_append(struct csv_reader *r, const unsigned char *s, size_t n)
{
	if (r->len + n + 1 > r->cap) {
		size_t cap = r->cap;
		if (r->len + n > CSV_MAX_RECORD) {
			char msg[200];
			util_errf(msg, sizeof msg, "这一行超过 %zu MB，多半是某个引号没有配对："
				  "请检查这一行的引号，再重新导出 CSV", CSV_MAX_RECORD >> 20);
			return csv_fail(r, r->rec_phys, msg);
		}
		while (r->len + n + 1 > cap)
			cap *= 2;
		r->buf = xrealloc(r->buf, cap);
		r->cap = cap;
	}
	memcpy(r->buf + r->len, s, n);
	r->len += n;
	return 0;
}

/* Returns 1 when buf[from, to) holds only blanks (space, tab, U+3000). */
static int csv_blank(const char *buf, size_t from, size_t to)
{
	while (from < to) {
		if (buf[from] == ' ' || buf[from] == '\t') {
			from++;
		} else if (to - from >= 3 && memcmp(buf + from, "\xE3\x80\x80", 3) == 0) {
			from += 3;
		} else {
			return 0;
		}
	}
	return 1;
}

/* Returns the length of the blank at buf[i] (0 when none). */
static size_t csv_blank_at(const char *buf, size_t i, size_t end)
{
	if (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\n' || buf[i] == '\r')
		return 1;
	if (end - i >= 3 && memcmp(buf + i, "\xE3\x80\x80", 3) == 0)
		return 3;
	return 0;
}

/* Ends the field that started at *field_start: trims it, NUL-terminates it
 * and starts the next. Returns 0, or -1 past the field limit. */
static int csv_end_field(struct csv_reader *r, size_t *field_start)
{
	size_t s = *field_start, e = r->len, n;

	while (s < e && (n = csv_blank_at(r->buf, s, e)) > 0)
		s += n;
	while (e > s) {
		if (r->buf[e - 1] == ' ' || r->buf[e - 1] == '\t' || r->buf[e - 1] == '\n' ||
		    r->buf[e - 1] == '\r')
			e--;
		else if (e - s >= 3 && memcmp(r->buf + e - 3, "\xE3\x80\x80", 3) == 0)
			e -= 3;
		else
			break;
	}
	if (r->nfields >= CSV_MAX_FIELDS) {
		char msg[200];
		util_errf(msg, sizeof msg, "这一行超过 %d 列：请确认这是表格软件导出的 CSV 文件，再重新导出",
			  CSV_MAX_FIELDS);
		return csv_fail(r, r->rec_phys, msg);
	}
	if (r->nfields == r->starts_cap) {
		r->starts_cap *= 2;
		r->starts = xrealloc(r->starts, r->starts_cap * sizeof *r->starts);
	}
	r->starts[r->nfields++] = s;
	if (e + 2 > r->cap) { /* room for the NUL and the next one */
		r->cap *= 2;
		r->buf = xrealloc(r->buf, r->cap);
	}
	r->buf[e] = '\0';
	r->len = e + 1;
	*field_start = r->len;
	return 0;
}

/* Ends a line at the CR or LF just consumed (c), swallowing the LF of a CRLF
 * now or, at the block end, with the next block. Returns the new position. */
static const unsigned char *csv_eol(struct csv_reader *r, unsigned char c, const unsigned char *p,
				    const unsigned char *end)
{
	r->phys++;
	if (c == '\r') {
		if (p < end) {
			if (*p == '\n')
				p++;
		} else {
			r->skip_lf = 1;
		}
	}
	return p;
}

/* Reads one record into the buffer. Returns 1, 0 at the end (no record), or
 * -1 on error. */
static int csv_parse_record(struct csv_reader *r)
{
	int state = S_UNQ, started = 0;
	size_t field_start = 0;
	long quote_phys = 0;

	r->len = 0;
	r->nfields = 0;
	for (;;) {
		const unsigned char *p, *end;

		if (r->blk_pos == r->blk_len) {
			const char *b;
			long n = decoder_read(r->dec, &b);
			if (n < 0) {
				r->io = decoder_error_kind(r->dec) == DECODER_IO;
				return csv_fail(r, r->phys, decoder_error(r->dec));
			}
			if (n == 0) {
				if (!started)
					return 0;
				if (state == S_Q) {
					char msg[200];
					util_errf(msg, sizeof msg,
						  "引号没有配对（这一格的引号从第 %ld 行开始）："
						  "请在表格软件里检查这一格，再重新导出 CSV",
						  quote_phys);
					return csv_fail(r, quote_phys, msg);
				}
				return csv_end_field(r, &field_start) == 0 ? 1 : -1;
			}
			r->blk = b;
			r->blk_len = (size_t)n;
			r->blk_pos = 0;
		}
		p = (const unsigned char *)r->blk + r->blk_pos;
		end = (const unsigned char *)r->blk + r->blk_len;
		if (r->skip_lf) {
			r->skip_lf = 0;
			if (*p == '\n') {
				r->blk_pos++;
				continue;
			}
		}
		if (!started) {
			started = 1;
			r->rec_phys = r->phys;
		}
		while (p < end) {
			const unsigned char *q = p;
			unsigned char c;

			if (state == S_UNQ) {
				while (q < end && !(csv_cls[*q] & 1))
					q++;
				if (q > p && csv_append(r, p, (size_t)(q - p)) != 0)
					return -1;
				p = q;
				if (p == end)
					break;
				c = *p++;
				if (c == ',') {
					if (csv_end_field(r, &field_start) != 0)
						return -1;
				} else if (c == '"') {
					if (csv_blank(r->buf, field_start, r->len)) {
						r->len = field_start;
						state = S_Q;
						quote_phys = r->phys;
					} else if (csv_append(r, &c, 1) != 0) {
						return -1;
					}
				} else {
					p = csv_eol(r, c, p, end);
					r->blk_pos = (size_t)(p - (const unsigned char *)r->blk);
					return csv_end_field(r, &field_start) == 0 ? 1 : -1;
				}
			} else if (state == S_Q) {
				while (q < end && !(csv_cls[*q] & 2))
					q++;
				if (q > p && csv_append(r, p, (size_t)(q - p)) != 0)
					return -1;
				p = q;
				if (p == end)
					break;
				c = *p++;
				if (c == '"') {
					state = S_QQ;
				} else {
					static const unsigned char nl = '\n';
					p = csv_eol(r, c, p, end);
					if (csv_append(r, &nl, 1) != 0)
						return -1;
				}
			} else { /* S_QQ: a quote inside quotes, closing or doubled */
				c = *p;
				if (c == '"') {
					p++;
					if (csv_append(r, &c, 1) != 0)
						return -1;
					state = S_Q;
				} else {
					state = S_UNQ; /* the field goes on unquoted */
				}
			}
		}
		r->blk_pos = r->blk_len;
	}
}

/* Reads the next non-empty record. */
int csv_next(struct csv_reader *r, struct csv_row *row)
{
	if (r->failed)
		return -1;
	if (r->done)
		return 0;
	for (;;) {
		size_t i;
		int rc = csv_parse_record(r), empty = 1;

		if (rc < 0)
			return -1;
		if (rc == 0) {
			r->done = 1;
			return 0;
		}
		r->rows++;
		for (i = 0; i < r->nfields && empty; i++)
			empty = r->buf[r->starts[i]] == '\0';
		if (empty)
			continue;
		if (r->nfields > r->fields_cap) {
			r->fields_cap = r->nfields + 16;
			r->fields = xrealloc(r->fields, r->fields_cap * sizeof *r->fields);
		}
		for (i = 0; i < r->nfields; i++)
			r->fields[i] = r->buf + r->starts[i];
		row->nfields = r->nfields;
		row->fields = r->fields;
		row->line = r->rows;
		row->phys_line = r->rec_phys;
		return 1;
	}
}

/* Returns the error text. */
const char *csv_error(const struct csv_reader *r)
{
	return r->failed ? r->errmsg : "";
}

/* Returns the spreadsheet row of the error. */
long csv_error_line(const struct csv_reader *r)
{
	return r->failed ? r->err_line : 0;
}

/* Returns the physical line of the error. */
long csv_error_phys_line(const struct csv_reader *r)
{
	return r->failed ? r->err_phys : 0;
}

/* Says whether the error was a read failure. */
int csv_error_is_io(const struct csv_reader *r)
{
	return r->failed && r->io;
}

/* Returns the encoding in use. */
enum enc csv_encoding(const struct csv_reader *r)
{
	return decoder_encoding(r->dec);
}

/* Returns the display name. */
const char *csv_name(const struct csv_reader *r)
{
	return r->name;
}

/* Frees the reader and closes its input. */
void csv_close(struct csv_reader *r)
{
	if (!r)
		return;
	decoder_close(r->dec);
	free(r->name);
	free(r->buf);
	free(r->starts);
	free(r->fields);
	free(r);
}

/* Returns a field by index, "" when absent. */
const char *csv_field(const struct csv_row *row, int idx)
{
	if (idx < 0 || (size_t)idx >= row->nfields)
		return "";
	return row->fields[idx];
}

/* Maps header names onto the expected columns. */
int csv_map_header(const struct csv_row *header, const char *file, const struct csv_col *cols,
		   size_t ncols, int *index_out, struct report *rep)
{
	size_t f, i;
	int rc = 0;
	long line = header->line > 0 ? header->line : 1;

	for (i = 0; i < ncols; i++)
		index_out[i] = -1;
	for (f = 0; f < header->nfields; f++) {
		const char *h = header->fields[f];
		char name[256], want[256];
		int found = -1;

		if (f == 0 && strncmp(h, "\xEF\xBB\xBF", 3) == 0)
			h += 3;
		field_fold(h, name, sizeof name);
		if (!name[0])
			continue;
		for (i = 0; i < ncols && found < 0; i++) {
			field_fold(cols[i].name, want, sizeof want);
			if (strcmp(name, want) == 0) {
				found = (int)i;
				break;
			}
			if (cols[i].alt) {
				field_fold(cols[i].alt, want, sizeof want);
				if (strcmp(name, want) == 0)
					found = (int)i;
			}
		}
		if (found < 0) {
			report_warning(rep, file, line, h, "未知的列，已忽略");
		} else if (index_out[found] >= 0) {
			report_error(rep, file, line, h, "列名重复");
			rc = -1;
		} else {
			index_out[found] = (int)f;
		}
	}
	for (i = 0; i < ncols; i++) {
		if (cols[i].required && index_out[i] < 0) {
			report_error(rep, file, line, cols[i].name, "缺少必需的列");
			rc = -1;
		}
	}
	return rc;
}
