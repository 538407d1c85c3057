/*
 * test_fields.c - field rules of the bundle: dates in the office's three
 * spellings, money in integer fen, resident ids (GB 11643) and account
 * numbers masked as the spec shows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/fields.h"
#include "tests/unit/check.h"

/* Completes 17 digits with their GB 11643 check character, computed here
 * independently of the code under test. */
static void make_id(const char *d17, char out[19])
{
	static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	int sum = 0, i;

	for (i = 0; i < 17; i++)
		sum += (d17[i] - '0') * w[i];
	memcpy(out, d17, 17);
	out[17] = "10X98765432"[sum % 11];
	out[18] = '\0';
}

/* Returns the wrong check character for an id (any other one). */
static char wrong_check(char c)
{
	return c == '0' ? '1' : '0';
}

/* Dates in every accepted spelling become ISO. */
static void test_date_ok(void)
{
	static const struct {
		const char *in, *want;
	} ok[] = {
		{"2024-03-05", "2024-03-05"},
		{"2024-3-5", "2024-03-05"},
		{"2024/3/5", "2024-03-05"},
		{"2024/03/05", "2024-03-05"},
		{"2024年3月5日", "2024-03-05"},
		{"2024年03月05日", "2024-03-05"},
		{"2024年12月31号", "2024-12-31"},
		{"2024.3.5", "2024-03-05"},
		{"２０２４年３月５日", "2024-03-05"},
		{"２０２４／３／５", "2024-03-05"},
		{"  2024/3/5\t", "2024-03-05"},
		{"\xE3\x80\x80" "2024-03-05", "2024-03-05"},
		{"2024/3/5 0:00", "2024-03-05"},
		{"2024-03-05 08:30:00", "2024-03-05"},
		{"2024-02-29", "2024-02-29"},
		{"2000-02-29", "2000-02-29"},
		{"1900-01-01", "1900-01-01"},
		{"2100-12-31", "2100-12-31"},
	};
	size_t i;

	for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		char out[11] = "";
		int rc = field_date(ok[i].in, out);
		if (rc != 0 || strcmp(out, ok[i].want) != 0)
			printf("  date \"%s\" -> %d \"%s\"\n", ok[i].in, rc, out);
		CHECK_INT(rc, 0);
		CHECK_STR(out, ok[i].want);
	}
}

/* Impossible dates and other spellings are refused. */
static void test_date_bad(void)
{
	static const char *bad[] = {
		"", "2023-02-29", "1900-02-29", "2100-02-29", "2024-13-01", "2024-00-10", "2024-04-31",
		"2024-01-00", "1899-12-31", "2101-01-01", "24-3-5", "2024-3/5", "2024年3月5",
		"2024年3-5日", "45292", "20240305", "2024-03-05x", "2024-003-05", "2024-03-005",
		"2024/3/5 25:00", "2024/3/5 morning", "3/5/2024", "2024--3-5", "二〇二四年三月五日",
	};
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char out[11];
		int rc = field_date(bad[i], out);
		if (rc != -1)
			printf("  date \"%s\" accepted\n", bad[i]);
		CHECK_INT(rc, -1);
	}
}

/* Amounts become integer fen. */
static void test_money_ok(void)
{
	static const struct {
		const char *in;
		long long fen;
	} ok[] = {
		{"1,234.50", 123450},
		{"12.3", 1230},
		{"12", 1200},
		{"0", 0},
		{"0.01", 1},
		{"0.5", 50},
		{"1234567.89", 123456789},
		{"12,345,678.00", 1234567800},
		{"999", 99900},
		{"1,000", 100000},
		{"¥1,234.5", 123450},
		{"￥88元", 8800},
		{"88 元", 8800},
		{"１，２３４．５０", 123450},
		{" 3.20 ", 320},
		{"007", 700},
		{"900000000000000", 90000000000000000LL},
	};
	size_t i;

	for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		long long fen = -1;
		int rc = field_money(ok[i].in, &fen);
		if (rc != 0 || fen != ok[i].fen)
			printf("  money \"%s\" -> %d %lld\n", ok[i].in, rc, fen);
		CHECK_INT(rc, MONEY_OK);
		CHECK_INT(fen, ok[i].fen);
	}
}

/* Bad amounts are refused with the right reason. */
static void test_money_bad(void)
{
	static const struct {
		const char *in;
		int why;
	} bad[] = {
		{"", MONEY_EMPTY},
		{"  ", MONEY_EMPTY},
		{"0.005", MONEY_DECIMALS},
		{"1.234", MONEY_DECIMALS},
		{"12.340", MONEY_DECIMALS},
		{"1,23.4", MONEY_GROUPING},
		{"1,2345", MONEY_GROUPING},
		{"1234,567", MONEY_GROUPING},
		{"0,123", MONEY_GROUPING},
		{"1,,234", MONEY_GROUPING},
		{",123", MONEY_SYNTAX},
		{"12,34,567", MONEY_GROUPING},
		{"-5", MONEY_NEGATIVE},
		{"-0.50", MONEY_NEGATIVE},
		{"+5", MONEY_SYNTAX},
		{"abc", MONEY_SYNTAX},
		{"5.", MONEY_SYNTAX},
		{".5", MONEY_SYNTAX},
		{"1.2E+05", MONEY_SYNTAX},
		{"1 234", MONEY_SYNTAX},
		{"12.3.4", MONEY_SYNTAX},
		{"5元5", MONEY_SYNTAX},
		{"¥", MONEY_EMPTY},
		{"99999999999999999999", MONEY_RANGE},
		{"92233720368547758.07", MONEY_RANGE},
	};
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		long long fen = 4242;
		int rc = field_money(bad[i].in, &fen);
		if (rc != bad[i].why)
			printf("  money \"%s\" -> %d\n", bad[i].in, rc);
		CHECK_INT(rc, bad[i].why);
		CHECK_INT(fen, 4242);
	}
	CHECK_STR(field_money_error(MONEY_DECIMALS), "金额最多两位小数（分）：请改正后重新导出");
	CHECK(strstr(field_money_error(MONEY_GROUPING), "千位分隔符") != NULL);
	CHECK(strstr(field_money_error(MONEY_NEGATIVE), "负数") != NULL);
}

/* Real ids pass; bad dates, bad check digits and region 9 do not. */
static void test_id_valid(void)
{
	char id[19], lower[19];
	int n;

	make_id("51072219900101123", id);
	CHECK_INT(field_resident_id_valid(id), 1);
	/* A valid id ending in X, also written x. */
	for (n = 0; n < 1000; n++) {
		char d17[40];
		snprintf(d17, sizeof d17, "110105198506%02d%03d", n % 28 + 1, n);
		make_id(d17, id);
		if (id[17] == 'X')
			break;
	}
	CHECK(id[17] == 'X');
	CHECK_INT(field_resident_id_valid(id), 1);
	memcpy(lower, id, 19);
	lower[17] = 'x';
	CHECK_INT(field_resident_id_valid(lower), 1);

	/* 1999-02-30 does not exist, even with a matching check digit. */
	make_id("51072219990230123", id);
	CHECK_INT(field_resident_id_valid(id), 0);
	make_id("51072220000229123", id); /* 2000 is a leap year */
	CHECK_INT(field_resident_id_valid(id), 1);
	make_id("51072219000229123", id); /* 1900 is not */
	CHECK_INT(field_resident_id_valid(id), 0);
	make_id("51072218991231123", id);
	CHECK_INT(field_resident_id_valid(id), 0);
	/* Wrong check digit. */
	make_id("51072219900101123", id);
	id[17] = wrong_check(id[17]);
	CHECK_INT(field_resident_id_valid(id), 0);
	/* Region codes start 1-8. */
	make_id("91072219900101123", id);
	CHECK_INT(field_resident_id_valid(id), 0);
	make_id("01072219900101123", id);
	CHECK_INT(field_resident_id_valid(id), 0);
	make_id("81000019900101123", id);
	CHECK_INT(field_resident_id_valid(id), 1);
	/* Wrong lengths and characters. */
	CHECK_INT(field_resident_id_valid("51072219900101123"), 0);
	CHECK_INT(field_resident_id_valid("5107221990010112345"), 0);
	CHECK_INT(field_resident_id_valid("51072219900101123A"), 0);
	CHECK_INT(field_resident_id_valid(""), 0);
	CHECK_INT(field_resident_id_valid(NULL), 0);
	/* A birth date after today is not real. */
	setenv("GONGKAI_TODAY", "2020-06-30", 1);
	make_id("51072220200630123", id);
	CHECK_INT(field_resident_id_valid(id), 1);
	make_id("51072220200701123", id);
	CHECK_INT(field_resident_id_valid(id), 0);
	unsetenv("GONGKAI_TODAY");
}

/* The id column keeps only the first 6 and last 4 characters. */
static void test_id_mask(void)
{
	char id[19], masked[19], want[19], buf[64];
	const char *why = NULL;

	make_id("51072219900101123", id);
	CHECK_INT(field_resident_id(id, masked, &why), ID_FULL);
	snprintf(want, sizeof want, "510722********%s", id + 14);
	CHECK_STR(masked, want);
	CHECK(why == NULL);
	/* Surrounding blanks and full-width digits. */
	snprintf(buf, sizeof buf, " %s ", id);
	CHECK_INT(field_resident_id(buf, masked, &why), ID_FULL);
	CHECK_STR(masked, want);
	CHECK_INT(field_resident_id("５１０７２２********１２３４", masked, &why), ID_MASKED);
	CHECK_STR(masked, "510722********1234");

	/* Already masked ids are kept; x becomes X; visible birth dates are
	 * hidden again. */
	CHECK_INT(field_resident_id("510722********1234", masked, &why), ID_MASKED);
	CHECK_STR(masked, "510722********1234");
	CHECK_INT(field_resident_id("510722********123x", masked, &why), ID_MASKED);
	CHECK_STR(masked, "510722********123X");
	CHECK_INT(field_resident_id("5107221990****1234", masked, &why), ID_MASKED);
	CHECK_STR(masked, "510722********1234");

	CHECK_INT(field_resident_id("", masked, &why), ID_EMPTY);
	CHECK_STR(masked, "");
	CHECK_INT(field_resident_id(" \xE3\x80\x80 ", masked, &why), ID_EMPTY);

	/* Malformed: reported, never guessed. */
	why = NULL;
	CHECK_INT(field_resident_id("5.10722E+17", masked, &why), ID_BAD);
	CHECK_STR(masked, "");
	CHECK(why && strstr(why, "表格软件"));
	CHECK_INT(field_resident_id("5.10722199001011E+17", masked, &why), ID_BAD);
	CHECK_INT(field_resident_id("510722900101123", masked, &why), ID_BAD);
	CHECK(why && strstr(why, "15 位"));
	CHECK_INT(field_resident_id("51072219900101123", masked, &why), ID_BAD);
	CHECK(why && strstr(why, "18"));
	make_id("51072219990230123", id);
	CHECK_INT(field_resident_id(id, masked, &why), ID_BAD);
	CHECK(why && strstr(why, "出生日期"));
	make_id("51072219900101123", id);
	id[17] = wrong_check(id[17]);
	CHECK_INT(field_resident_id(id, masked, &why), ID_BAD);
	CHECK(why && strstr(why, "校验位"));
	make_id("91072219900101123", id);
	CHECK_INT(field_resident_id(id, masked, &why), ID_BAD);
	CHECK(why && strstr(why, "地区码"));
	CHECK_INT(field_resident_id("510722****1234", masked, &why), ID_BAD);
	CHECK_INT(field_resident_id("******19900101****", masked, &why), ID_BAD);
	CHECK_INT(field_resident_id("510722********12**", masked, &why), ID_BAD);
	CHECK_INT(field_resident_id("510722 19900101 1234", masked, &why), ID_BAD);
	CHECK_STR(masked, "");
	CHECK_INT(field_resident_id("5107221990010112341234567890123456789012345678901234567890123456789",
				    masked, NULL), ID_BAD);
}

/* Accounts become twelve stars and the last four digits. */
static void test_account(void)
{
	char m[32];
	const char *why;

	CHECK_INT(field_account("6222021234567890128", m, sizeof m, &why), 0);
	CHECK_STR(m, "************0128");
	CHECK_INT(field_account("6222 0212 3456 7890 128", m, sizeof m, &why), 0);
	CHECK_STR(m, "************0128");
	CHECK_INT(field_account("6222-0212-3456-7890", m, sizeof m, &why), 0);
	CHECK_STR(m, "************7890");
	CHECK_INT(field_account("************5678", m, sizeof m, &why), 0);
	CHECK_STR(m, "************5678");
	CHECK_INT(field_account("6222********5678", m, sizeof m, &why), 0);
	CHECK_STR(m, "************5678");
	CHECK_INT(field_account("****5678", m, sizeof m, &why), 0);
	CHECK_STR(m, "************5678");
	CHECK_INT(field_account("６２２２０２１２３４５６７８９０", m, sizeof m, &why), 0);
	CHECK_STR(m, "************7890");
	CHECK_INT(field_account("", m, sizeof m, &why), 0);
	CHECK_STR(m, "");

	why = NULL;
	CHECK_INT(field_account("6.22202E+18", m, sizeof m, &why), -1);
	CHECK(why && strstr(why, "表格软件"));
	CHECK_STR(m, "");
	CHECK_INT(field_account("abc", m, sizeof m, &why), -1);
	CHECK_INT(field_account("123456789", m, sizeof m, &why), -1);
	CHECK_INT(field_account("1234567890123456789012345678901", m, sizeof m, &why), -1);
	CHECK_INT(field_account("6222  0212 3456 7890", m, sizeof m, &why), -1);
	CHECK_INT(field_account("-6222021234567890", m, sizeof m, &why), -1);
	CHECK_INT(field_account("6222021234567***", m, sizeof m, &why), -1);
	CHECK_INT(field_account("***", m, sizeof m, &why), -1);
	CHECK_INT(field_account("6222021234567890", m, 10, &why), -1);
}

/* The Luhn check. */
static void test_luhn(void)
{
	CHECK_INT(field_luhn("79927398713"), 1);
	CHECK_INT(field_luhn("79927398710"), 0);
	CHECK_INT(field_luhn("0"), 1);
	CHECK_INT(field_luhn(""), 0);
	CHECK_INT(field_luhn(NULL), 0);
	CHECK_INT(field_luhn("7992739871a"), 0);
	CHECK_INT(field_luhn("4111111111111111"), 1);
	CHECK_INT(field_luhn("4111111111111112"), 0);
}

/* Folding: full-width ASCII and U+3000, trimmed. */
static void test_fold(void)
{
	char out[32];

	CHECK_INT(field_fold("\xE3\x80\x80 村（社区）\t", out, sizeof out), 11);
	CHECK_STR(out, "村(社区)");
	CHECK_INT(field_fold("ＡＢｃ１２３", out, sizeof out), 6);
	CHECK_STR(out, "ABc123");
	CHECK_INT(field_fold("abcdef", out, 4), -1);
	CHECK_INT(field_fold("", out, sizeof out), 0);
	CHECK_STR(out, "");
}

/* Cleans a copy of text by mode; returns the status, the result in out. */
static int clean(const char *text, enum field_text_mode mode, char *out, size_t outlen,
		 struct field_text_problem *bad)
{
	size_t n = strlen(text);

	int rc;

	snprintf(out, outlen, "%s", text);
	rc = field_text_clean(out, &n, mode, bad);
	CHECK_INT(n, strlen(out));
	return rc;
}

/* Titles and names: line breaks fold to one space, controls are refused. */
static void test_text_line(void)
{
	struct field_text_problem bad;
	char out[256];

	CHECK_INT(clean("关于做好\n补贴发放的通知", FIELD_TEXT_LINE, out, sizeof out, &bad), 0);
	CHECK_STR(out, "关于做好 补贴发放的通知");
	CHECK_INT(clean("关于做好\r\n补贴发放的通知", FIELD_TEXT_LINE, out, sizeof out, &bad), 0);
	CHECK_STR(out, "关于做好 补贴发放的通知");
	CHECK_INT(clean("关于做好 \r\n\r\n  补贴\r发放\xe2\x80\xa8的\xe2\x80\xa9通知\n", FIELD_TEXT_LINE, out,
			sizeof out, &bad), 0);
	CHECK_STR(out, "关于做好 补贴 发放 的 通知");
	CHECK_INT(clean("\n王芳", FIELD_TEXT_LINE, out, sizeof out, &bad), 0);
	CHECK_STR(out, "王芳");
	CHECK_INT(clean("普通标题 Title 2024", FIELD_TEXT_LINE, out, sizeof out, &bad), 0);
	CHECK_STR(out, "普通标题 Title 2024");
	/* Controls: ESC, BEL, NUL-free C0, TAB in a cell, DEL, C1 (U+009B CSI). */
	CHECK_INT(clean("标题\x1b[2J", FIELD_TEXT_LINE, out, sizeof out, &bad), -1);
	CHECK_INT(bad.kind, FIELD_TEXT_CONTROL);
	CHECK_INT(bad.codepoint, 0x1B);
	CHECK_INT(clean("标\x07题", FIELD_TEXT_LINE, out, sizeof out, &bad), -1);
	CHECK_INT(bad.codepoint, 0x07);
	CHECK_INT(clean("标\t题", FIELD_TEXT_LINE, out, sizeof out, &bad), -1);
	CHECK_INT(clean("标\x7f题", FIELD_TEXT_LINE, out, sizeof out, &bad), -1);
	CHECK_INT(bad.codepoint, 0x7F);
	CHECK_INT(clean("标\xc2\x9b题", FIELD_TEXT_LINE, out, sizeof out, &bad), -1);
	CHECK_INT(bad.kind, FIELD_TEXT_CONTROL);
	CHECK_INT(bad.codepoint, 0x9B);
	/* Bidi overrides, isolates and marks. */
	CHECK_INT(clean("标\xe2\x80\xae题", FIELD_TEXT_LINE, out, sizeof out, &bad), -1);
	CHECK_INT(bad.kind, FIELD_TEXT_BIDI);
	CHECK_INT(bad.codepoint, 0x202E);
	CHECK_INT(clean("\xe2\x81\xa6x", FIELD_TEXT_LINE, out, sizeof out, &bad), -1);
	CHECK_INT(bad.codepoint, 0x2066);
	CHECK_INT(clean("x\xe2\x80\x8f", FIELD_TEXT_LINE, out, sizeof out, &bad), -1);
	CHECK_INT(bad.kind, FIELD_TEXT_BIDI);
	/* Zero-width characters. */
	CHECK_INT(clean("王\xe2\x80\x8b芳", FIELD_TEXT_LINE, out, sizeof out, &bad), -1);
	CHECK_INT(bad.kind, FIELD_TEXT_ZERO_WIDTH);
	CHECK_INT(bad.codepoint, 0x200B);
	CHECK_INT(clean("王\xe2\x81\xa0芳", FIELD_TEXT_LINE, out, sizeof out, &bad), -1);
	CHECK_INT(bad.codepoint, 0x2060);
	CHECK_INT(clean("王\xef\xbb\xbf芳", FIELD_TEXT_LINE, out, sizeof out, &bad), -1);
	CHECK_INT(bad.codepoint, 0xFEFF);
	/* Ordinary non-ASCII that shares lead bytes stays: ‘’ … — ￥ （ */
	CHECK_INT(clean("\xe2\x80\x98引\xe2\x80\x99\xe2\x80\xa6\xe2\x80\x94\xef\xbf\xa5\xef\xbc\x88", FIELD_TEXT_LINE,
			out, sizeof out, &bad), 0);
	CHECK_STR(out, "\xe2\x80\x98引\xe2\x80\x99\xe2\x80\xa6\xe2\x80\x94\xef\xbf\xa5\xef\xbc\x88");
	CHECK_STR(field_text_kind_text(FIELD_TEXT_CONTROL), "含有不可见的控制字符");
}

/* Multi-line cells keep their lines; bodies keep CR and TAB too. */
static void test_text_lines_body(void)
{
	struct field_text_problem bad;
	char out[256];

	CHECK_INT(clean("1. 申请表\r\n2. 身份证件\r3. 户口簿\xe2\x80\xa8完", FIELD_TEXT_LINES, out, sizeof out, &bad), 0);
	CHECK_STR(out, "1. 申请表\n2. 身份证件\n3. 户口簿\n完");
	CHECK_INT(clean("第一行\n第二行\x1b", FIELD_TEXT_LINES, out, sizeof out, &bad), -1);
	CHECK_INT(bad.line, 2);
	CHECK_INT(clean("a\tb", FIELD_TEXT_LINES, out, sizeof out, &bad), -1);
	CHECK_INT(clean("\xef\xbb\xbf表格\t第二列\r\n下一行\n", FIELD_TEXT_BODY, out, sizeof out, &bad), 0);
	CHECK_STR(out, "表格\t第二列\r\n下一行\n");
	CHECK_INT(clean("一\n二\n三\xe2\x80\xae", FIELD_TEXT_BODY, out, sizeof out, &bad), -1);
	CHECK_INT(bad.kind, FIELD_TEXT_BIDI);
	CHECK_INT(bad.line, 3);
	CHECK_INT(clean("一\n\x0c二", FIELD_TEXT_BODY, out, sizeof out, &bad), -1);
	CHECK_INT(bad.codepoint, 0x0C);
	CHECK_INT(clean("一\xef\xbb\xbf", FIELD_TEXT_BODY, out, sizeof out, &bad), -1);
	/* Broken UTF-8 and truncated sequences at the end do no harm. */
	CHECK_INT(clean("\xe2\x80", FIELD_TEXT_LINE, out, sizeof out, &bad), 0);
	CHECK_INT(clean("\xc2", FIELD_TEXT_BODY, out, sizeof out, &bad), 0);
	CHECK_INT(clean("", FIELD_TEXT_LINE, out, sizeof out, &bad), 0);
	CHECK_STR(out, "");
}

/* Runs the field tests. */
int main(void)
{
	TEST(test_date_ok);
	TEST(test_date_bad);
	TEST(test_money_ok);
	TEST(test_money_bad);
	TEST(test_id_valid);
	TEST(test_id_mask);
	TEST(test_account);
	TEST(test_luhn);
	TEST(test_fold);
	TEST(test_text_line);
	TEST(test_text_lines_body);
	return CHECK_EXIT();
}
