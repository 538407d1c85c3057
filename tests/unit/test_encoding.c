/*
 * test_encoding.c - the decoder's promises: UTF-8 or GB18030 by the spec's
 * rule, BOMs dropped, CP936's euro byte, characters split across reads, and
 * invalid bytes reported on the right line.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/encoding.h"
#include "kiosk/util.h"
#include "tests/unit/check.h"

/* "补贴发放€😀ä中\n第二行" in GB18030 and in UTF-8. */
#define GB_TEXT "\xb2\xb9\xcc\xf9\xb7\xa2\xb7\xc5\xa2\xe3\x94\x39\xfc\x36\x81\x30\x8a\x31\xd6\xd0" \
		"\n\xb5\xda\xb6\xfe\xd0\xd0"
#define U8_TEXT "补贴发放€😀ä中\n第二行"

/* Decodes all of d into *out (caller frees). Returns the last read status. */
static long drain(struct decoder *d, char **out)
{
	struct sbuf b = {0};
	const char *blk;
	long n;

	while ((n = decoder_read(d, &blk)) > 0) {
		CHECK(memchr(blk, '\0', (size_t)n) == NULL);
		sbuf_addn(&b, blk, (size_t)n);
	}
	*out = b.s ? sbuf_detach(&b) : xstrdup("");
	return n;
}

/* Decodes a buffer with the given encoding and chunk size. Returns the
 * status; *out as drain, *used the encoding used, *line the error line. */
static long decode_mem(const char *data, size_t len, enum enc e, size_t chunk, char **out,
		       enum enc *used, long *line)
{
	char err[128];
	struct decoder *d = decoder_open_mem(data, len, e, chunk, err, sizeof err);
	long rc;

	*out = NULL;
	if (!d) {
		printf("  open: %s\n", err);
		return -99;
	}
	rc = drain(d, out);
	if (used)
		*used = decoder_encoding(d);
	if (line)
		*line = decoder_error_line(d);
	decoder_close(d);
	return rc;
}

/* Writes data to a fresh temp file and returns an fd open for reading. */
static int temp_fd(const char *data, size_t len)
{
	char path[] = "/tmp/gk-test-enc.XXXXXX";
	int fd = mkstemp(path);

	if (fd < 0)
		return -1;
	unlink(path);
	if (write(fd, data, len) != (ssize_t)len || lseek(fd, 0, SEEK_SET) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Manifest names are recognised in any case; others are refused. */
static void test_names(void)
{
	enum enc e = ENC_AUTO;

	CHECK_INT(encoding_from_name("UTF-8", &e), 0);
	CHECK_INT(e, ENC_UTF8);
	CHECK_INT(encoding_from_name("utf8", &e), 0);
	CHECK_INT(e, ENC_UTF8);
	CHECK_INT(encoding_from_name("gb18030", &e), 0);
	CHECK_INT(e, ENC_GB18030);
	CHECK_INT(encoding_from_name(" GBK ", &e), 0);
	CHECK_INT(e, ENC_GBK);
	CHECK_INT(encoding_from_name("Cp936", &e), 0);
	CHECK_INT(e, ENC_GBK);
	e = ENC_UTF8;
	CHECK_INT(encoding_from_name("latin1", &e), -1);
	CHECK_INT(encoding_from_name("", &e), -1);
	CHECK_INT(encoding_from_name("GB2312x", &e), -1);
	CHECK_INT(e, ENC_UTF8);
	CHECK_STR(encoding_name(ENC_GB18030), "GB18030");
	CHECK_STR(encoding_name(ENC_UTF8), "UTF-8");
}

/* Without a declared encoding, valid UTF-8 is UTF-8 and the rest GB18030. */
static void test_auto_detect(void)
{
	char *out;
	enum enc used;

	CHECK_INT(decode_mem(U8_TEXT, strlen(U8_TEXT), ENC_AUTO, 0, &out, &used, NULL), 0);
	CHECK_INT(used, ENC_UTF8);
	CHECK_STR(out, U8_TEXT);
	free(out);

	CHECK_INT(decode_mem(GB_TEXT, strlen(GB_TEXT), ENC_AUTO, 0, &out, &used, NULL), 0);
	CHECK_INT(used, ENC_GB18030);
	CHECK_STR(out, U8_TEXT);
	free(out);

	/* Valid UTF-8 for a long stretch, then one GB character at the end:
	 * the file as a whole is not UTF-8, so all of it is GB18030. */
	{
		const char *mixed = "abc\xc3\xa4\n\xd6\xd0";
		CHECK_INT(decode_mem(mixed, strlen(mixed), ENC_AUTO, 2, &out, &used, NULL), 0);
		CHECK_INT(used, ENC_GB18030);
		/* C3 A4 in GB18030 is 盲 */
		CHECK_STR(out, "abc盲\n中");
		free(out);
	}
	/* Pure ASCII is UTF-8; an empty file decodes to nothing. */
	CHECK_INT(decode_mem("a,b\n", 4, ENC_AUTO, 0, &out, &used, NULL), 0);
	CHECK_INT(used, ENC_UTF8);
	CHECK_STR(out, "a,b\n");
	free(out);
	CHECK_INT(decode_mem("", 0, ENC_AUTO, 0, &out, &used, NULL), 0);
	CHECK_STR(out, "");
	free(out);
}

/* A UTF-8 BOM and a GB18030 BOM are both dropped, only at the start. */
static void test_boms(void)
{
	char *out;
	enum enc used;
	const char *u8bom = "\xEF\xBB\xBF" "编号,标题\n";
	const char *gbbom = "\x84\x31\x95\x33" "\xb2\xb9\xcc\xf9\n";
	const char *inner = "a\xEF\xBB\xBF" "b";

	CHECK_INT(decode_mem(u8bom, strlen(u8bom), ENC_AUTO, 0, &out, &used, NULL), 0);
	CHECK_INT(used, ENC_UTF8);
	CHECK_STR(out, "编号,标题\n");
	free(out);
	CHECK_INT(decode_mem(u8bom, strlen(u8bom), ENC_UTF8, 1, &out, &used, NULL), 0);
	CHECK_STR(out, "编号,标题\n");
	free(out);

	CHECK_INT(decode_mem(gbbom, strlen(gbbom), ENC_AUTO, 0, &out, &used, NULL), 0);
	CHECK_INT(used, ENC_GB18030);
	CHECK_STR(out, "补贴\n");
	free(out);
	CHECK_INT(decode_mem(gbbom, strlen(gbbom), ENC_GBK, 3, &out, &used, NULL), 0);
	CHECK_STR(out, "补贴\n");
	free(out);

	/* A BOM-only file is empty. */
	CHECK_INT(decode_mem("\xEF\xBB\xBF", 3, ENC_AUTO, 0, &out, &used, NULL), 0);
	CHECK_STR(out, "");
	free(out);

	/* U+FEFF in the middle is text, not a BOM. */
	CHECK_INT(decode_mem(inner, strlen(inner), ENC_UTF8, 0, &out, &used, NULL), 0);
	CHECK_STR(out, inner);
	free(out);

	/* Declared GB18030 but saved as Excel "CSV UTF-8": the BOM wins. */
	CHECK_INT(decode_mem(u8bom, strlen(u8bom), ENC_GB18030, 0, &out, &used, NULL), 0);
	CHECK_INT(used, ENC_UTF8);
	CHECK_STR(out, "编号,标题\n");
	free(out);
}

/* CP936's single byte 0x80 is the euro sign in every GB mode. */
static void test_gbk_euro(void)
{
	const char *gbk = "\xb7\xa2\xb7\xc5 \x80" "5\n\x80";
	const char *want = "发放 €5\n€";
	enum enc modes[3] = {ENC_GBK, ENC_GB18030, ENC_AUTO};
	size_t chunks[4] = {0, 1, 2, 5};
	int m, c;

	for (m = 0; m < 3; m++) {
		for (c = 0; c < 4; c++) {
			char *out;
			CHECK_INT(decode_mem(gbk, strlen(gbk), modes[m], chunks[c], &out, NULL, NULL), 0);
			CHECK_STR(out, want);
			free(out);
		}
	}
	/* 0x80 as the second byte of a pair is part of that character. */
	{
		char *out;
		CHECK_INT(decode_mem("\xb2\x80", 2, ENC_GBK, 0, &out, NULL, NULL), 0);
		CHECK_STR(out, "瞼");
		free(out);
	}
}

/* Every chunk size gives the same text: characters split across reads
 * (2- and 4-byte GB18030, 2- to 4-byte UTF-8) carry over. */
static void test_split_characters(void)
{
	size_t chunk;

	for (chunk = 1; chunk <= 24; chunk++) {
		char *out;
		enum enc used = ENC_AUTO;
		CHECK_INT(decode_mem(GB_TEXT, strlen(GB_TEXT), ENC_GB18030, chunk, &out, NULL, NULL), 0);
		CHECK_STR(out, U8_TEXT);
		free(out);
		CHECK_INT(decode_mem(GB_TEXT, strlen(GB_TEXT), ENC_AUTO, chunk, &out, &used, NULL), 0);
		CHECK_INT(used, ENC_GB18030);
		CHECK_STR(out, U8_TEXT);
		free(out);
		CHECK_INT(decode_mem(U8_TEXT, strlen(U8_TEXT), ENC_UTF8, chunk, &out, NULL, NULL), 0);
		CHECK_STR(out, U8_TEXT);
		free(out);
	}
	/* Exactly at the boundary: "ab" + the first byte of 补 fill a 3-byte
	 * chunk, the second byte starts the next one. */
	{
		char *out;
		const char *s = "ab\xb2\xb9" "c";
		CHECK_INT(decode_mem(s, strlen(s), ENC_GB18030, 3, &out, NULL, NULL), 0);
		CHECK_STR(out, "ab补c");
		free(out);
		/* A 4-byte sequence cut after its second byte. */
		s = "xy\x94\x39\xfc\x36";
		CHECK_INT(decode_mem(s, strlen(s), ENC_GB18030, 4, &out, NULL, NULL), 0);
		CHECK_STR(out, "xy😀");
		free(out);
	}
}

/* Invalid bytes stop decoding with the line they are on. */
static void test_invalid_bytes(void)
{
	char *out, err[128];
	long line;
	size_t chunk;
	const char *gb_bad = "\xb2\xb9\n\xcc\xf9\nok\xff\n";
	const char *u8_bad = "第一\n第二\n第三\xc3\x28\n";

	for (chunk = 1; chunk <= 9; chunk += 4) {
		CHECK_INT(decode_mem(gb_bad, strlen(gb_bad), ENC_GB18030, chunk, &out, NULL, &line), -1);
		CHECK_INT(line, 3);
		CHECK_STR(out, "补\n贴\nok");
		free(out);
		CHECK_INT(decode_mem(u8_bad, strlen(u8_bad), ENC_UTF8, chunk, &out, NULL, &line), -1);
		CHECK_INT(line, 3);
		CHECK_STR(out, "第一\n第二\n第三");
		free(out);
	}
	/* Under auto a file that is not UTF-8 is judged as GB18030. */
	CHECK_INT(decode_mem(u8_bad, strlen(u8_bad), ENC_AUTO, 0, &out, NULL, &line), -1);
	CHECK_INT(line, 3); /* read as GB18030, only C3 28 is invalid */
	free(out);

	/* The message names the encoding. */
	{
		struct decoder *d = decoder_open_mem("a\n\xff", 3, ENC_GBK, 0, err, sizeof err);
		CHECK(d != NULL);
		if (d) {
			CHECK_INT(drain(d, &out), -1);
			free(out);
			CHECK_INT(decoder_error_kind(d), DECODER_BAD_BYTES);
			CHECK_STR(decoder_error(d), "有不符合 GBK 编码的字节：请把文件另存为 UTF-8 编码，再重新制作数据包");
			CHECK_INT(decoder_error_line(d), 2);
			/* Stays failed. */
			{
				const char *blk;
				CHECK_INT(decoder_read(d, &blk), -1);
			}
			decoder_close(d);
		}
	}
	/* Truncated characters at the end of the file. */
	CHECK_INT(decode_mem("ab\xb2", 3, ENC_GB18030, 0, &out, NULL, &line), -1);
	CHECK_INT(line, 1);
	free(out);
	CHECK_INT(decode_mem("a\n\xe4\xb8", 4, ENC_UTF8, 0, &out, NULL, &line), -1);
	CHECK_INT(line, 2);
	free(out);
	/* Overlong, surrogate and out-of-range UTF-8. */
	CHECK_INT(decode_mem("\xc0\x80", 2, ENC_UTF8, 0, &out, NULL, &line), -1);
	free(out);
	CHECK_INT(decode_mem("\xed\xa0\x80", 3, ENC_UTF8, 0, &out, NULL, &line), -1);
	free(out);
	CHECK_INT(decode_mem("\xf4\x90\x80\x80", 4, ENC_UTF8, 0, &out, NULL, &line), -1);
	free(out);
	CHECK(!encoding_is_utf8("\xc0\x80", 2));
	CHECK(encoding_is_utf8("\xe4\xb8\xad", 3));
	/* NUL bytes are refused in every encoding. */
	CHECK_INT(decode_mem("a\nb\0c", 5, ENC_UTF8, 0, &out, NULL, &line), -1);
	CHECK_INT(line, 2);
	CHECK_STR(out, "a\nb");
	free(out);
	CHECK_INT(decode_mem("a\nb\n\0", 5, ENC_GB18030, 0, &out, NULL, &line), -1);
	CHECK_INT(line, 3);
	free(out);
	/* A UTF-16 file (Excel's "Unicode text") is refused at once. */
	CHECK_INT(decode_mem("\xff\xfe" "a\0", 4, ENC_AUTO, 0, &out, NULL, &line), -1);
	CHECK_INT(line, 1);
	free(out);
}

/* A file descriptor is streamed; auto detection seeks back after its pass. */
static void test_fd(void)
{
	char err[128], *out;
	int fd;
	struct decoder *d;

	fd = temp_fd(GB_TEXT, strlen(GB_TEXT));
	CHECK(fd >= 0);
	d = decoder_open_fd(fd, ENC_AUTO, 3, err, sizeof err);
	CHECK(d != NULL);
	if (d) {
		CHECK_INT(decoder_encoding(d), ENC_GB18030);
		CHECK_INT(drain(d, &out), 0);
		CHECK_STR(out, U8_TEXT);
		CHECK_INT(decoder_newlines(d), 1);
		free(out);
		decoder_close(d);
	}
	fd = temp_fd(U8_TEXT, strlen(U8_TEXT));
	d = decoder_open_fd(fd, ENC_AUTO, 5, err, sizeof err);
	CHECK(d != NULL);
	if (d) {
		CHECK_INT(decoder_encoding(d), ENC_UTF8);
		CHECK_INT(drain(d, &out), 0);
		CHECK_STR(out, U8_TEXT);
		free(out);
		decoder_close(d);
	}
	/* A bad descriptor is refused. */
	CHECK(decoder_open_fd(-1, ENC_UTF8, 0, err, sizeof err) == NULL);
}

/* Writes data into a pipe (small enough not to block) and returns the
 * reading end. */
static int pipe_fd(const char *data, size_t len)
{
	int p[2];

	if (pipe(p) != 0)
		return -1;
	if (write(p[1], data, len) != (ssize_t)len) {
		close(p[0]);
		close(p[1]);
		return -1;
	}
	close(p[1]);
	return p[0];
}

/* Over a pipe auto detection decides on the go: ASCII then GB bytes is GB18030. */
static void test_pipe(void)
{
	char err[128], *out;
	const char *gb = "id,name\n1,\xd6\xd0\n";
	struct decoder *d = decoder_open_fd(pipe_fd(gb, strlen(gb)), ENC_AUTO, 4, err, sizeof err);

	CHECK(d != NULL);
	if (d) {
		CHECK_INT(drain(d, &out), 0);
		CHECK_STR(out, "id,name\n1,中\n");
		CHECK_INT(decoder_encoding(d), ENC_GB18030);
		free(out);
		decoder_close(d);
	}
	d = decoder_open_fd(pipe_fd(U8_TEXT, strlen(U8_TEXT)), ENC_AUTO, 0, err, sizeof err);
	CHECK(d != NULL);
	if (d) {
		CHECK_INT(drain(d, &out), 0);
		CHECK_STR(out, U8_TEXT);
		CHECK_INT(decoder_encoding(d), ENC_UTF8);
		free(out);
		decoder_close(d);
	}
}

/* Whole-buffer conversion for .txt bodies follows the same rules. */
static void test_convert(void)
{
	char *out, err[128];
	size_t len;
	long line;

	CHECK_INT(encoding_convert(GB_TEXT, strlen(GB_TEXT), ENC_AUTO, &out, &len, &line, err,
				   sizeof err), 0);
	CHECK_STR(out, U8_TEXT);
	CHECK_INT(len, strlen(U8_TEXT));
	free(out);
	CHECK_INT(encoding_convert("\xEF\xBB\xBFhi", 5, ENC_UTF8, &out, &len, &line, err, sizeof err), 0);
	CHECK_STR(out, "hi");
	free(out);
	CHECK_INT(encoding_convert("", 0, ENC_AUTO, &out, &len, &line, err, sizeof err), 0);
	CHECK_STR(out, "");
	CHECK_INT(len, 0);
	free(out);
	CHECK_INT(encoding_convert("1\n2\n3\n\xb2", 7, ENC_GB18030, &out, &len, &line, err, sizeof err), -1);
	CHECK(out == NULL);
	CHECK_INT(line, 4);
	CHECK_STR(err, "有不符合 GB18030 编码的字节：请把文件另存为 UTF-8 编码，再重新制作数据包");
}

/* Runs the encoding tests. */
int main(void)
{
	TEST(test_names);
	TEST(test_auto_detect);
	TEST(test_boms);
	TEST(test_gbk_euro);
	TEST(test_split_characters);
	TEST(test_invalid_bytes);
	TEST(test_fd);
	TEST(test_pipe);
	TEST(test_convert);
	return CHECK_EXIT();
}
