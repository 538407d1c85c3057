/*
 * fuzz_csv.c - libFuzzer harness for the text layer of bundle import: the
 * decoder (auto-detected and GBK, with a chunk size taken from the input so
 * characters split at every offset), the CSV reader, the header mapping and
 * the field rules applied to every field. Besides crashes and sanitizer
 * reports it aborts when a promise breaks: output that is not valid UTF-8,
 * row numbers that do not increase, or a mask that shows more than it may.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/csv.h"
#include "kiosk/encoding.h"
#include "kiosk/fields.h"
#include "kiosk/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct csv_col fuzz_cols[] = {
	{"补贴项目", NULL, 1}, {"年度", NULL, 1},  {"乡镇", NULL, 1},
	{"村(社区)", NULL, 1}, {"姓名", NULL, 1},  {"身份证号", NULL, 0},
	{"发放金额", NULL, 1}, {"发放日期", NULL, 0}, {"一卡通账号", NULL, 0},
	{"索引号", "编号", 0},
};
#define FUZZ_NCOLS (sizeof fuzz_cols / sizeof fuzz_cols[0])

/* Counts privacy hits and checks their samples are masked. */
static void fuzz_hit(void *ctx, long line, const char *kind, const char *sample)
{
	(void)kind;
	if (!strchr(sample, '*') || line < *(long *)ctx)
		abort();
}

/* Applies every field rule to one field and checks the results' shapes. */
static void fuzz_field(const char *f, long line)
{
	char date[11], masked[19], acct[32];
	long long fen;
	const char *why;
	enum id_class c;

	if (!encoding_is_utf8(f, strlen(f)))
		abort();
	if (field_date(f, date) == 0 && (strlen(date) != 10 || date[4] != '-' || date[7] != '-'))
		abort();
	if (field_money(f, &fen) == 0 && fen < 0)
		abort();
	c = field_resident_id(f, masked, &why);
	if (c == ID_FULL || c == ID_MASKED) {
		if (strlen(masked) != 18 || strspn(masked + 6, "*") != 8)
			abort();
	} else if (masked[0] != '\0' || (c == ID_BAD && !why)) {
		abort();
	}
	if (field_account(f, acct, sizeof acct, &why) == 0 && acct[0] &&
	    (strlen(acct) != 16 || strspn(acct, "*") != 12))
		abort();
	privacy_scan(f, strlen(f), line, fuzz_hit, &line);
}

/* Reads all rows of the input with one encoding and chunk size. */
static void fuzz_read(const uint8_t *data, size_t size, enum enc e, size_t chunk)
{
	char err[128];
	struct decoder *d = decoder_open_mem((const char *)data, size, e, chunk, err, sizeof err);
	struct csv_reader *r;
	struct csv_row row;
	struct report rep = {0};
	int idx[FUZZ_NCOLS], first = 1, rc;
	long last = 0;

	if (!d)
		return;
	r = csv_open_decoder(d, "fuzz.csv");
	while ((rc = csv_next(r, &row)) == 1) {
		size_t i;
		if (row.line <= last || row.phys_line < row.line || row.nfields == 0)
			abort();
		last = row.line;
		if (first) {
			csv_map_header(&row, "fuzz.csv", fuzz_cols, FUZZ_NCOLS, idx, &rep);
			first = 0;
			continue;
		}
		for (i = 0; i < FUZZ_NCOLS; i++)
			(void)csv_field(&row, idx[i]);
		for (i = 0; i < row.nfields; i++)
			fuzz_field(row.fields[i], row.line);
	}
	if (rc < 0 && (csv_error(r)[0] == '\0' || csv_error_line(r) <= last))
		abort();
	csv_close(r);
	report_free(&rep);
}

/* Runs one input through both encodings and whole-buffer conversion. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t chunk = size > 0 ? (size_t)(data[0] % 13) + 1 : 1;
	char *out, err[128];
	size_t outlen;
	long bad;

	fuzz_read(data, size, ENC_AUTO, 0);
	fuzz_read(data, size, ENC_AUTO, chunk);
	fuzz_read(data, size, ENC_GBK, chunk);
	if (encoding_convert((const char *)data, size, ENC_AUTO, &out, &outlen, &bad, err,
			     sizeof err) == 0) {
		if (!encoding_is_utf8(out, outlen) || memchr(out, '\0', outlen))
			abort();
		free(out);
	} else if (bad < 1) {
		abort();
	}
	return 0;
}
