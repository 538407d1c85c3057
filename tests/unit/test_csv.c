/*
 * test_csv.c - the CSV reader as the office's spreadsheets produce files:
 * quoted commas and line breaks, CRLF, trailing empty columns, blank rows,
 * row numbers as the spreadsheet shows them, GBK bytes, and the header
 * mapping's reports.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/csv.h"
#include "kiosk/report.h"
#include "kiosk/util.h"
#include "tests/unit/check.h"

/* Reads every row of a reader into a text dump: one line per row,
 * "LINE/PHYS:f1|f2|...", then "END" or "ERR LINE/PHYS:message". */
static char *dump_reader(struct csv_reader *r)
{
	struct sbuf b = {0};
	struct csv_row row;
	int rc;

	while ((rc = csv_next(r, &row)) == 1) {
		size_t i;
		sbuf_addf(&b, "%ld/%ld:", row.line, row.phys_line);
		for (i = 0; i < row.nfields; i++)
			sbuf_addf(&b, "%s%s", i ? "|" : "", row.fields[i]);
		sbuf_addc(&b, '\n');
	}
	if (rc == 0)
		sbuf_add(&b, "END");
	else
		sbuf_addf(&b, "ERR %ld/%ld:%s", csv_error_line(r), csv_error_phys_line(r), csv_error(r));
	return sbuf_detach(&b);
}

/* Dumps a buffer read with encoding e and decoder chunk size chunk. */
static char *dump(const char *data, size_t len, enum enc e, size_t chunk)
{
	char err[128];
	struct decoder *d = decoder_open_mem(data, len, e, chunk, err, sizeof err);
	struct csv_reader *r;
	char *out;

	if (!d)
		return xstrdup(err);
	r = csv_open_decoder(d, "t.csv");
	out = dump_reader(r);
	csv_close(r);
	return out;
}

/* Dumps a string as UTF-8 and checks that every chunk size agrees. */
static char *dump_all_chunks(const char *s, enum enc e)
{
	char *ref = dump(s, strlen(s), e, 0);
	size_t chunk;

	for (chunk = 1; chunk <= 9; chunk++) {
		char *o = dump(s, strlen(s), e, chunk);
		if (strcmp(o, ref) != 0)
			printf("  chunk %zu differs:\n%s\n--- vs ---\n%s\n", chunk, o, ref);
		CHECK_STR(o, ref);
		free(o);
	}
	return ref;
}

/* Plain rows, LF and CRLF, fields trimmed. */
static void test_basic(void)
{
	char *o = dump_all_chunks("编号,标题\n1, 通知 \n2,\t公报\t\n", ENC_AUTO);

	CHECK_STR(o, "1/1:编号|标题\n2/2:1|通知\n3/3:2|公报\nEND");
	free(o);
	o = dump_all_chunks("a,b\r\n1,2\r\n3,4", ENC_UTF8);
	CHECK_STR(o, "1/1:a|b\n2/2:1|2\n3/3:3|4\nEND");
	free(o);
	/* Old Mac CR line ends. */
	o = dump_all_chunks("a,b\r1,2\r", ENC_UTF8);
	CHECK_STR(o, "1/1:a|b\n2/2:1|2\nEND");
	free(o);
	/* Full-width spaces around fields are trimmed too. */
	o = dump_all_chunks("\xE3\x80\x80村\xE3\x80\x80,　李秀英　\n", ENC_UTF8);
	CHECK_STR(o, "1/1:村|李秀英\nEND");
	free(o);
	/* Empty input. */
	o = dump_all_chunks("", ENC_AUTO);
	CHECK_STR(o, "END");
	free(o);
}

/* Quoted fields: commas, doubled quotes, line breaks that do not start a row. */
static void test_quotes(void)
{
	char *o = dump_all_chunks(
		"索引号,标题,正文\n"
		"\"2024-001\",\"关于\"\"一卡通\"\"的通知, 第一批\",a.txt\n"
		"2024-002,\"第一行\r\n第二行\n第三行\",b.txt\n"
		"2024-003,\"\",c.txt\n", ENC_UTF8);

	CHECK_STR(o, "1/1:索引号|标题|正文\n"
		     "2/2:2024-001|关于\"一卡通\"的通知, 第一批|a.txt\n"
		     "3/3:2024-002|第一行\n第二行\n第三行|b.txt\n"
		     "4/6:2024-003||c.txt\nEND");
	free(o);
	/* Blanks around the quotes; text after a closing quote; stray quotes. */
	o = dump_all_chunks("h1,h2,h3,h4\n  \"a,b\"  ,\"x\"y,ab\"c,\"\"\"\"\n", ENC_UTF8);
	CHECK_STR(o, "1/1:h1|h2|h3|h4\n2/2:a,b|xy|ab\"c|\"\nEND");
	free(o);
	/* Spaces inside quotes are trimmed like any other field. */
	o = dump_all_chunks("h\n\"  x  \"\n", ENC_UTF8);
	CHECK_STR(o, "1/1:h\n2/2:x\nEND");
	free(o);
	/* A quote at the very end of the file closes the field. */
	o = dump_all_chunks("h\n\"end\"", ENC_UTF8);
	CHECK_STR(o, "1/1:h\n2/2:end\nEND");
	free(o);
}

/* Trailing empty columns are kept, blank rows skipped but counted. */
static void test_blank_rows(void)
{
	char *o = dump_all_chunks("a,b,,,\n\n,,,\n  ,\t\n1,2,,,\r\n\r\n3\n", ENC_UTF8);

	CHECK_STR(o, "1/1:a|b|||\n5/5:1|2|||\n7/7:3\nEND");
	free(o);
	/* A blank row made of an empty quoted field is blank too. */
	o = dump_all_chunks("h\n\"\"\nx\n", ENC_UTF8);
	CHECK_STR(o, "1/1:h\n3/3:x\nEND");
	free(o);
}

/* An unterminated quote names the row (and line) where it opened. */
static void test_unterminated(void)
{
	char *o = dump_all_chunks("h1,h2\n1,ok\n2,\"never closed\n\nmore\n", ENC_UTF8);

	CHECK_STR(o, "1/1:h1|h2\n2/2:1|ok\n"
		     "ERR 3/3:引号没有配对（这一格的引号从第 3 行开始）：请在表格软件里检查这一格，再重新导出 CSV");
	free(o);
	/* After a multi-line field the row number still counts records. */
	o = dump_all_chunks("h\n\"a\nb\nc\"\n\"x", ENC_UTF8);
	CHECK_STR(o, "1/1:h\n2/2:a\nb\nc\nERR 3/5:引号没有配对（这一格的引号从第 5 行开始）：请在表格软件里检查这一格，再重新导出 CSV");
	free(o);
}

/* GBK bytes (with CP936's 0x80) decode; invalid bytes name the row. */
static void test_gbk(void)
{
	/* 姓名,发放金额 / 张三,€5 in GBK */
	const char *gbk = "\xd0\xd5\xc3\xfb,\xb7\xa2\xb7\xc5\xbd\xf0\xb6\xee\r\n\xd5\xc5\xc8\xfd,\x80" "5\r\n";
	const char *bad = "h\r\n\"a\r\nb\",1\r\nc\xff\r\n";
	char *o;
	enum enc modes[3] = {ENC_AUTO, ENC_GBK, ENC_GB18030};
	int m;

	for (m = 0; m < 3; m++) {
		o = dump_all_chunks(gbk, modes[m]);
		CHECK_STR(o, "1/1:姓名|发放金额\n2/2:张三|€5\nEND");
		free(o);
	}
	o = dump_all_chunks(bad, ENC_GB18030);
	CHECK_STR(o, "1/1:h\n2/2:a\nb|1\nERR 3/4:有不符合 GB18030 编码的字节：请把文件另存为 UTF-8 编码，再重新制作数据包");
	free(o);
	/* Invalid UTF-8 when UTF-8 is declared. */
	o = dump_all_chunks("h\n1\n2\xc3\n", ENC_UTF8);
	CHECK_STR(o, "1/1:h\n2/2:1\nERR 3/3:有不符合 UTF-8 编码的字节：请把文件另存为 UTF-8 编码，再重新制作数据包");
	free(o);
	/* NUL bytes are refused. */
	o = dump("h\n1\0\n", 5, ENC_UTF8, 0);
	CHECK_STR(o, "1/1:h\nERR 2/2:有不符合 UTF-8 编码的字节：请把文件另存为 UTF-8 编码，再重新制作数据包");
	free(o);
}

/* A never-closed quote cannot eat all memory: the record limit stops it. */
static void test_limits(void)
{
	size_t n = CSV_MAX_RECORD + 100, i;
	char *big = xmalloc(n), *o;

	memcpy(big, "h\n\"", 3);
	memset(big + 3, 'x', n - 3);
	o = dump(big, n, ENC_UTF8, 0);
	CHECK_STR(o, "1/1:h\nERR 2/2:这一行超过 4 MB，多半是某个引号没有配对：请检查这一行的引号，再重新导出 CSV");
	free(o);
	/* Too many columns. */
	for (i = 0; i < n; i++)
		big[i] = ',';
	memcpy(big, "h\n", 2);
	o = dump(big, (size_t)CSV_MAX_FIELDS + 10, ENC_UTF8, 0);
	CHECK_STR(o, "1/1:h\nERR 2/2:这一行超过 16384 列：请确认这是表格软件导出的 CSV 文件，再重新导出");
	free(o);
	free(big);
}

/* Reading from a file descriptor; csv_field on short rows. */
static void test_fd(void)
{
	char path[] = "/tmp/gk-test-csv.XXXXXX", err[128];
	const char *text = "\xEF\xBB\xBF" "a,b,c\n1\n";
	int fd = mkstemp(path);
	struct csv_reader *r;
	struct csv_row row;

	CHECK(fd >= 0);
	if (fd < 0)
		return;
	CHECK(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
	close(fd);
	fd = open(path, O_RDONLY);
	unlink(path);
	r = csv_open_fd(fd, "subsidies.csv", ENC_AUTO, err, sizeof err);
	CHECK(r != NULL);
	if (!r)
		return;
	CHECK_STR(csv_name(r), "subsidies.csv");
	CHECK_INT(csv_encoding(r), ENC_UTF8);
	CHECK_INT(csv_next(r, &row), 1);
	CHECK_INT(row.nfields, 3);
	CHECK_STR(row.fields[0], "a");
	CHECK_INT(csv_next(r, &row), 1);
	CHECK_STR(csv_field(&row, 0), "1");
	CHECK_STR(csv_field(&row, 2), "");
	CHECK_STR(csv_field(&row, -1), "");
	CHECK_INT(csv_next(r, &row), 0);
	CHECK_INT(csv_next(r, &row), 0);
	CHECK_STR(csv_error(r), "");
	CHECK_INT(csv_error_is_io(r), 0);
	csv_close(r);
	CHECK(csv_open_fd(-1, "x.csv", ENC_UTF8, err, sizeof err) == NULL);
}

static const struct csv_col bulletin_cols[] = {
	{"索引号", "编号", 1},
	{"类别", NULL, 1},
	{"标题", NULL, 1},
	{"文号", NULL, 0},
	{"村(社区)", NULL, 0},
};
#define NCOLS (sizeof bulletin_cols / sizeof bulletin_cols[0])

/* Maps the first row of text onto bulletin_cols. Returns the result. */
static int map(const char *text, int *idx, struct report *rep)
{
	char err[128];
	struct csv_reader *r = csv_open_mem(text, strlen(text), "bulletins.csv", ENC_AUTO, err,
					    sizeof err);
	struct csv_row row;
	int rc = -99;

	memset(rep, 0, sizeof *rep);
	if (r && csv_next(r, &row) == 1)
		rc = csv_map_header(&row, "bulletins.csv", bulletin_cols, NCOLS, idx, rep);
	csv_close(r);
	return rc;
}

/* Columns are found by name in any order, with the accepted alternative. */
static void test_header_map(void)
{
	int idx[NCOLS];
	struct report rep;

	CHECK_INT(map("标题,类别,索引号\n", idx, &rep), 0);
	CHECK_INT(idx[0], 2);
	CHECK_INT(idx[1], 1);
	CHECK_INT(idx[2], 0);
	CHECK_INT(idx[3], -1);
	CHECK_INT(idx[4], -1);
	CHECK_INT(rep.nerrors, 0);
	CHECK_INT(rep.nwarnings, 0);
	report_free(&rep);

	/* 编号 for 索引号; full-width brackets; a second BOM left in the
	 * first name; blanks around names; empty trailing header cells. */
	CHECK_INT(map("\xEF\xBB\xBF\xEF\xBB\xBF" "编号, 类别 ,标题,村（社区）,,\n", idx, &rep), 0);
	CHECK_INT(idx[0], 0);
	CHECK_INT(idx[1], 1);
	CHECK_INT(idx[4], 3);
	CHECK_INT(rep.nwarnings, 0);
	report_free(&rep);

	/* Unknown columns: a warning each. */
	CHECK_INT(map("索引号,类别,标题,备注\n", idx, &rep), 0);
	CHECK_INT(rep.nwarnings, 1);
	CHECK_STR(sbuf_str(&rep.warnings), "注意：bulletins.csv:1: 备注: 未知的列，已忽略\n");
	report_free(&rep);

	/* Missing required columns: an error each. */
	CHECK_INT(map("索引号,文号\n", idx, &rep), -1);
	CHECK_INT(rep.nerrors, 2);
	CHECK_STR(sbuf_str(&rep.errors), "bulletins.csv:1: 类别: 缺少必需的列\n"
					 "bulletins.csv:1: 标题: 缺少必需的列\n");
	report_free(&rep);

	/* The same column twice (also under its alternative name). */
	CHECK_INT(map("索引号,类别,标题,编号\n", idx, &rep), -1);
	CHECK_INT(rep.nerrors, 1);
	CHECK_STR(sbuf_str(&rep.errors), "bulletins.csv:1: 编号: 列名重复\n");
	CHECK_INT(idx[0], 0);
	report_free(&rep);

	/* A header after blank rows is reported on its own row. */
	CHECK_INT(map("\n\n索引号\n", idx, &rep), -1);
	CHECK(strstr(sbuf_str(&rep.errors), "bulletins.csv:3: 类别:") != NULL);
	report_free(&rep);
}

/* Runs the CSV tests. */
int main(void)
{
	TEST(test_basic);
	TEST(test_quotes);
	TEST(test_blank_rows);
	TEST(test_unterminated);
	TEST(test_gbk);
	TEST(test_limits);
	TEST(test_fd);
	TEST(test_header_map);
	return CHECK_EXIT();
}
