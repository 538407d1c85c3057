/*
 * csv.h - a streaming RFC 4180 reader for the bundle's CSV files
 * (shared/spec/bundle-format.md, "CSV files"), on top of the decoder of
 * kiosk/encoding.h, so a file of any size is read in constant memory.
 *
 * What it accepts:
 *  - comma-separated fields; double quotes around fields holding commas,
 *    quotes ("" inside) or line breaks; LF, CRLF or CR line ends (a line break
 *    inside quotes is kept as '\n');
 *  - blanks before an opening quote and after a closing one; text after a
 *    closing quote is kept as literal text ("ab"c -> abc); a quote inside an
 *    unquoted field is a literal quote;
 *  - rows of any width (Excel writes "a,b,,,"): the caller looks fields up by
 *    header index (csv_field gives "" for a column the row lacks);
 *  - every field is trimmed of surrounding ASCII spaces, tabs, line breaks and
 *    U+3000;
 *  - empty rows (nothing but blanks and commas) are skipped but still counted.
 *
 * Row numbers are what the office sees in its spreadsheet: every record,
 * empty or not, is one row, the first being row 1 (normally the header); a
 * line break inside quotes does not start a row. The physical line where a
 * record starts is kept as well.
 *
 * Limits (a file beyond them is refused, so memory stays bounded even when a
 * quote is never closed): CSV_MAX_RECORD bytes per record, CSV_MAX_FIELDS
 * fields per record.
 */
#ifndef GK_CSV_H
#define GK_CSV_H

#include <stddef.h>

#include "kiosk/encoding.h"
#include "kiosk/report.h"

#define CSV_MAX_RECORD ((size_t)4 * 1024 * 1024)
#define CSV_MAX_FIELDS 16384

struct csv_reader;

/* One record. Everything is borrowed from the reader and valid until the
 * next csv_next or csv_close. */
struct csv_row {
	size_t nfields;  /* at least 1 */
	char **fields;   /* nfields trimmed, NUL-terminated UTF-8 strings */
	long line;       /* spreadsheet row number (header = 1) */
	long phys_line;  /* physical line of the file where the record starts */
};

/* Opens a reader over fd, which it takes ownership of (closed by csv_close,
 * or at once on failure). display_name is copied and used in messages only.
 * Returns NULL with err filled on failure. Caller frees with csv_close. */
struct csv_reader *csv_open_fd(int fd, const char *display_name, enum enc e, char *err,
			       size_t errlen);

/* Opens a reader over a memory buffer, borrowed until csv_close. Returns
 * NULL with err filled on failure. Caller frees with csv_close. */
struct csv_reader *csv_open_mem(const char *data, size_t len, const char *display_name,
				enum enc e, char *err, size_t errlen);

/* Opens a reader over a decoder, which it takes ownership of (tests use it
 * to choose the chunk size). Never fails. Caller frees with csv_close. */
struct csv_reader *csv_open_decoder(struct decoder *d, const char *display_name);

/* Reads the next non-empty record into *row. Returns 1 for a record, 0 at
 * the end, -1 on error (csv_error, csv_error_line). After 0 or -1 every
 * further call returns the same. */
int csv_next(struct csv_reader *r, struct csv_row *row);

/* Returns the error text ("" when none), e.g. "invalid bytes in GB18030" or
 * "quoted field never closed (the quote opens on line 7)"; the caller writes
 * it as file:line: TEXT. Borrowed, valid until csv_close. */
const char *csv_error(const struct csv_reader *r);

/* Returns the spreadsheet row of the error (0 when none). */
long csv_error_line(const struct csv_reader *r);

/* Returns the physical line of the error (0 when none). */
long csv_error_phys_line(const struct csv_reader *r);

/* Returns 1 when the error was the environment (a read failure), not the
 * file's content. */
int csv_error_is_io(const struct csv_reader *r);

/* Returns the encoding the file is read in (ENC_AUTO resolved). */
enum enc csv_encoding(const struct csv_reader *r);

/* Returns the display name given at open; borrowed. */
const char *csv_name(const struct csv_reader *r);

/* Closes the input and frees the reader; NULL is fine. */
void csv_close(struct csv_reader *r);

/* Returns field idx of row, or "" when idx < 0 (column absent) or the row is
 * shorter. Borrowed like the row. */
const char *csv_field(const struct csv_row *row, int idx);

/* A column the caller expects. */
struct csv_col {
	const char *name;     /* header name, e.g. "索引号" */
	const char *alt;      /* accepted alternative name ("编号"), or NULL */
	int required;         /* a file without it is refused */
};

/* Maps the header row onto cols: index_out[i] is the field index of
 * cols[i], or -1 when the file lacks it. Names match after trimming and
 * folding full-width ASCII (so 村（社区） is 村(社区)); a BOM left on the
 * first name is ignored. Reports to rep, as file:ROW: NAME: problem, each
 * unknown column (warning "unknown column ignored"; empty header cells are
 * ignored silently), each missing required column ("required column
 * missing") and each column given twice ("duplicate column"). Returns 0, or
 * -1 when an error was reported. */
int csv_map_header(const struct csv_row *header, const char *file, const struct csv_col *cols,
		   size_t ncols, int *index_out, struct report *rep);

#endif
