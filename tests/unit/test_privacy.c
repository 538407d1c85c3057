/*
 * test_privacy.c - the privacy screen finds resident ids and UnionPay card
 * numbers in published text, with their line, without ever handing out the
 * full number, and leaves phone numbers alone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/fields.h"
#include "tests/unit/check.h"

/* What the callback saw. */
struct hits {
	int n;
	long line[8];
	char kind[8][32];
	char sample[8][32];
};

/* Records a hit. */
static void on_hit(void *ctx, long line, const char *kind, const char *masked)
{
	struct hits *h = ctx;

	if (h->n < 8) {
		h->line[h->n] = line;
		snprintf(h->kind[h->n], sizeof h->kind[0], "%s", kind);
		snprintf(h->sample[h->n], sizeof h->sample[0], "%s", masked);
	}
	h->n++;
}

/* Scans a string from line 1. */
static int scan(const char *text, struct hits *h)
{
	memset(h, 0, sizeof *h);
	return privacy_scan(text, strlen(text), 1, on_hit, h);
}

/* Completes 17 digits with their GB 11643 check character. */
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

/* Completes digits with a Luhn check digit. */
static void make_card(const char *body, char *out)
{
	size_t n = strlen(body), i;
	int sum = 0;

	for (i = 0; i < n; i++) {
		int v = body[n - 1 - i] - '0';
		if (i % 2 == 0) {
			v *= 2;
			if (v > 9)
				v -= 9;
		}
		sum += v;
	}
	memcpy(out, body, n);
	out[n] = (char)('0' + (10 - sum % 10) % 10);
	out[n + 1] = '\0';
}

/* Writes the digits of card into out in groups of four split by sep. */
static void group4(const char *card, char sep, char *out)
{
	size_t i, o = 0;

	for (i = 0; card[i]; i++) {
		if (i > 0 && i % 4 == 0)
			out[o++] = sep;
		out[o++] = card[i];
	}
	out[o] = '\0';
}

/* Returns 1 when no hit handed out the full number. */
static int never_full(const struct hits *h, const char *full)
{
	int i;

	for (i = 0; i < h->n && i < 8; i++)
		if (strstr(h->sample[i], full) || !strchr(h->sample[i], '*'))
			return 0;
	return 1;
}

/* A resident id in running Chinese text is found, with its line. */
static void test_resident_id(void)
{
	char id[19], text[256], want[19];
	struct hits h;

	make_id("51072219900101123", id);
	snprintf(text, sizeof text, "关于张三的公示\n申请人身份证号%s，联系电话13812345678。\n", id);
	CHECK_INT(scan(text, &h), 1);
	CHECK_INT(h.line[0], 2);
	CHECK_STR(h.kind[0], "resident id");
	snprintf(want, sizeof want, "510722********%s", id + 14);
	CHECK_STR(h.sample[0], want);
	CHECK(never_full(&h, id));

	/* Lines count from first_line. */
	memset(&h, 0, sizeof h);
	CHECK_INT(privacy_scan(text, strlen(text), 40, on_hit, &h), 1);
	CHECK_INT(h.line[0], 41);

	/* At the very start and end of the text, and between punctuation. */
	CHECK_INT(scan(id, &h), 1);
	snprintf(text, sizeof text, "(%s)", id);
	CHECK_INT(scan(text, &h), 1);
}

/* Ids ending in X (or x, or full-width) and written in full-width digits. */
static void test_resident_id_forms(void)
{
	char id[19], text[256];
	struct hits h;
	int n;

	for (n = 0; n < 1000; n++) {
		char d17[40];
		snprintf(d17, sizeof d17, "420106197703%02d%03d", n % 28 + 1, n);
		make_id(d17, id);
		if (id[17] == 'X')
			break;
	}
	CHECK(id[17] == 'X');
	snprintf(text, sizeof text, "号码：%s。", id);
	CHECK_INT(scan(text, &h), 1);
	CHECK(h.sample[0][17] == 'X');
	id[17] = 'x';
	snprintf(text, sizeof text, "号码：%s。", id);
	CHECK_INT(scan(text, &h), 1);
	id[17] = '\0';
	snprintf(text, sizeof text, "号码：%sＸ。", id);
	CHECK_INT(scan(text, &h), 1);

	/* １１０１０５... in full-width digits. */
	{
		char full[19], fw[128];
		size_t i, o = 0;
		make_id("11010519850612345", full);
		for (i = 0; i < 18; i++) {
			if (full[i] == 'X') {
				memcpy(fw + o, "Ｘ", 3);
			} else {
				fw[o] = (char)0xEF;
				fw[o + 1] = (char)0xBC;
				fw[o + 2] = (char)(0x90 + full[i] - '0');
			}
			o += 3;
		}
		fw[o] = '\0';
		snprintf(text, sizeof text, "身份证%s号", fw);
		CHECK_INT(scan(text, &h), 1);
		CHECK_STR(h.kind[0], "resident id");
		CHECK(strncmp(h.sample[0], "110105********", 14) == 0);
	}
}

/* Numbers that only look like ids are not hits. */
static void test_not_ids(void)
{
	char id[19], text[256];
	struct hits h;

	make_id("51072219900101123", id);
	/* Inside a longer number. Touching a letter is still an id
	 * ("ID510722...", issue 12): see test_id_spellings. */
	snprintf(text, sizeof text, "单号9%s", id);
	CHECK_INT(scan(text, &h), 0);
	snprintf(text, sizeof text, "%s7", id);
	CHECK_INT(scan(text, &h), 0);
	snprintf(text, sizeof text, "A%s", id);
	CHECK_INT(scan(text, &h), 1);
	snprintf(text, sizeof text, "%sb", id);
	CHECK_INT(scan(text, &h), 1);
	/* Wrong check digit, impossible birth date, region 9. */
	id[17] = id[17] == '0' ? '1' : '0';
	CHECK_INT(scan(id, &h), 0);
	make_id("51072219990230123", id);
	CHECK_INT(scan(id, &h), 0);
	make_id("91072219900101123", id);
	CHECK_INT(scan(id, &h), 0);
	/* Already masked ids are fine to publish. */
	CHECK_INT(scan("510722********1234", &h), 0);
}

/* UnionPay cards, solid or in groups of four, are found. */
static void test_cards(void)
{
	char card[24], grouped[40], text[128];
	struct hits h;

	make_card("622202123456789012", card); /* 19 digits */
	CHECK_INT(strlen(card), 19);
	snprintf(text, sizeof text, "账号：%s，户名李四", card);
	CHECK_INT(scan(text, &h), 1);
	CHECK_STR(h.kind[0], "UnionPay card number");
	CHECK(strlen(h.sample[0]) == 16 && strcmp(h.sample[0] + 12, card + 15) == 0);
	CHECK(never_full(&h, card));

	group4(card, ' ', grouped);
	snprintf(text, sizeof text, "卡号 %s 已停用", grouped);
	CHECK_INT(scan(text, &h), 1);
	CHECK(never_full(&h, card));
	group4(card, '-', grouped);
	CHECK_INT(scan(grouped, &h), 1);

	/* 16 digits in four groups, followed by a year after a space. */
	make_card("622848001234567", card);
	CHECK_INT(strlen(card), 16);
	group4(card, ' ', grouped);
	snprintf(text, sizeof text, "%s 2024年", grouped);
	CHECK_INT(scan(text, &h), 1);
	CHECK_INT(scan(card, &h), 1);
	/* No callback: hits are still counted. */
	CHECK_INT(privacy_scan(card, strlen(card), 1, NULL, NULL), 1);

	/* Two on different lines. */
	snprintf(text, sizeof text, "a\n%s\nb\n%s", card, card);
	CHECK_INT(scan(text, &h), 2);
	CHECK_INT(h.line[0], 2);
	CHECK_INT(h.line[1], 4);
}

/* Card-like numbers that are not cards, and phone numbers, are left alone. */
static void test_not_cards(void)
{
	char card[24], text[128];
	struct hits h;

	make_card("622202123456789012", card);
	card[18] = card[18] == '0' ? '1' : '0'; /* Luhn fails */
	CHECK_INT(scan(card, &h), 0);
	make_card("602202123456789012", card); /* not 62 */
	CHECK_INT(scan(card, &h), 0);
	make_card("622202123456789012", card);
	snprintf(text, sizeof text, "1%s", card); /* 20 digits */
	CHECK_INT(scan(text, &h), 0);
	make_card("62220212345678", card); /* 15 digits */
	CHECK_INT(scan(card, &h), 0);
	/* Groups that are not fours. */
	CHECK_INT(scan("62220 21234 56789 0128", &h), 0);

	CHECK_INT(scan("咨询电话：13812345678，0818-1234567，(028)86012345，"
		       "400-123-4567，12345，0818-5212345转8001", &h), 0);
	CHECK_INT(scan("＋86 138 1234 5678", &h), 0);
	CHECK_INT(scan("发放金额 1,234.50 元，2024年3月5日，文号〔2021〕48号", &h), 0);
	CHECK_INT(scan("", &h), 0);
}

/* Invalid UTF-8 and odd bytes are scanned without harm. */
static void test_odd_bytes(void)
{
	struct hits h;
	char id[19], text[64];

	CHECK_INT(scan("\xff\xfe\xef\xbc", &h), 0);
	CHECK_INT(scan("\xef", &h), 0);
	make_id("51072219900101123", id);
	snprintf(text, sizeof text, "\xe4\xb8%s", id);
	CHECK_INT(scan(text, &h), 1);
}

/* Expects exactly one resident-id hit on line 1, masked. */
static void expect_id(const char *text, const char *masked)
{
	struct hits h;

	if (scan(text, &h) != 1 || strcmp(h.kind[0], "resident id") != 0 ||
	    strcmp(h.sample[0], masked) != 0) {
		printf("  missed or wrong (%d hits, '%s'): %s\n", h.n, h.n ? h.sample[0] : "", text);
		CHECK(0);
	}
}

/* Ids written the way people write them: groups, odd spaces, letters, line ends. */
static void test_id_spellings(void)
{
	struct hits h;
	const char *m = "511722********7898";

	expect_id("联系人 511722 19750101 7898。", m);
	expect_id("511722-1975-0101-7898", m);
	expect_id("511722-19750101-7898", m);
	expect_id("511 722 1975 0101 7898", m);
	expect_id("5 1 1 7 2 2 1 9 7 5 0 1 0 1 7 8 9 8", m);
	expect_id("511722\xc2\xa0" "19750101\xc2\xa0" "7898", m);          /* U+00A0 */
	expect_id("511722\xe3\x80\x80" "19750101\xe3\x80\x80" "7898", m);  /* U+3000 */
	expect_id("511722\xe2\x80\x89" "19750101\xe2\x80\xaf" "7898", m);  /* thin, narrow nbsp */
	expect_id("511722\xef\xbc\x8d" "1975\xef\xbc\x8d" "0101\xef\xbc\x8d" "7898", m); /* － */
	expect_id("５１１７２２　１９７５０１０１　７８９８", m);
	expect_id("ID511722197501017898", m);
	expect_id("511722197501017898abc", m);
	expect_id("ID:511722197501017898号", m);
	expect_id("sfz511722 19750101 7898x", m);
	expect_id("511722197501\n017898", m);
	expect_id("511722197501\r\n017898", m);
	expect_id("511722 19750101\n  7898", m);
	expect_id("51172219750101789\xe2\x80\x8b" "8", m); /* zero-width space */
	/* X as the check character, glued to letters or spaced. */
	expect_id("ID 11010519491231002X", "110105********002X");
	expect_id("110105 19491231 002x", "110105********002X");
	expect_id("110105-1949-1231-002X号", "110105********002X");
	expect_id("1 1 0 1 0 5 1 9 4 9 1 2 3 1 0 0 2 X", "110105********002X");
	/* The line of a hit is its first line; lines after it still count. */
	CHECK_INT(scan("a\n511722197501\n017898\nb 511722-1975-0101-7898", &h), 2);
	CHECK_INT(h.line[0], 2);
	CHECK_INT(h.line[1], 4);
	/* One id among other numbers in the same run of groups. */
	CHECK_INT(scan("编号 12 511722 19750101 7898 2026", &h), 1);
	CHECK_INT(scan("2026 511722-1975-0101-7898-11", &h), 1);
}

/* What is not an id stays allowed in the same spellings. */
static void test_id_false_positives(void)
{
	struct hits h;

	CHECK_INT(scan("2026-11-20 至 2026-12-31，电话 0818-5123000、138 1234 5678、+86 138-1234-5678", &h), 0);
	CHECK_INT(scan("金额 1,234.50 元，12 345 678.90 元，合计 337.60", &h), 0);
	CHECK_INT(scan("宣府发〔2026〕12号，川府发〔2019〕7 号，文号 2026-12", &h), 0);
	CHECK_INT(scan("2026 11 20 0818 5123 000 1234 5678 9012", &h), 0);
	CHECK_INT(scan("索引号 6107280000/2024-001001，6107280000-2024-001002", &h), 0);
	/* A wrong check digit, a future birth date, a bad region: not ids. */
	CHECK_INT(scan("511722 19750101 7897", &h), 0);
	CHECK_INT(scan("511722 20991231 0011", &h), 0);
	CHECK_INT(scan("911722 19750101 7898", &h), 0);
	/* Separators are single: two blank lines or a sentence between groups split them. */
	CHECK_INT(scan("511722\n\n\n19750101\n\n\n7898", &h), 0);
	CHECK_INT(scan("511722，19750101，7898", &h), 0);
	/* Digits glued on either side make it a longer number, not an id. */
	CHECK_INT(scan("9511722197501017898", &h), 0);
	CHECK_INT(scan("5117221975010178981", &h), 0);
}

/* privacy_mask rewrites ids and cards in place, never growing the text. */
static void test_mask(void)
{
	char buf[256];
	size_t n;

	snprintf(buf, sizeof buf, "发放日期\"511722 1975 0101 7898\"无法识别; 卡 6222 0212 3456 7890 128 完");
	n = privacy_mask(buf, strlen(buf));
	CHECK_STR(buf, "发放日期\"511722********7898\"无法识别; 卡 ************0128 完");
	CHECK_INT(n, strlen(buf));
	snprintf(buf, sizeof buf, "没有号码 2026-11-20");
	n = privacy_mask(buf, strlen(buf));
	CHECK_STR(buf, "没有号码 2026-11-20");
	CHECK_INT(n, strlen(buf));
	snprintf(buf, sizeof buf, "５１１７２２１９７５０１０１７８９８");
	n = privacy_mask(buf, strlen(buf));
	CHECK_STR(buf, "511722********7898");
	CHECK_INT(n, 18);
}

/* Runs the privacy tests. */
int main(void)
{
	TEST(test_resident_id);
	TEST(test_resident_id_forms);
	TEST(test_not_ids);
	TEST(test_cards);
	TEST(test_not_cards);
	TEST(test_odd_bytes);
	TEST(test_id_spellings);
	TEST(test_id_false_positives);
	TEST(test_mask);
	return CHECK_EXIT();
}
