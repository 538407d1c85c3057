/*
 * test_pinyin.c - pinyin initials: heteronym surnames, matching rules,
 * index keys and variants, and coverage of GB18030's Hanzi checked by
 * decoding every GB18030 code with iconv.
 */
#include "kiosk/pinyin.h"
#include "tests/unit/check.h"

#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>

#define BIT(c) PINYIN_LETTER_BIT(c)

/* Ideographs of GB18030 that no source gives a Mandarin reading (see
 * docs/PINYIN-DATA.md): GB18030 components and IBM compatibility
 * ideographs in the two-byte region, then Ext-A characters. */
static const unsigned no_reading_2byte[] = {
	0xFA0E, 0xFA0F, 0xFA13, 0xFA14, 0xFA1F, 0xFA21, 0xFA23, 0xFA24, 0xFA27,
	0xFA28, 0xFA29, 0x20089, 0x9FB4, 0x9FB6, 0x9FB7, 0x9FB8, 0x9FB9, 0x9FBA,
};
static const unsigned no_reading_ext_a[] = {
	0x3584, 0x363B, 0x36B3, 0x3801, 0x39DD, 0x39FF, 0x3CA3, 0x3E67, 0x4098,
	0x4370, 0x44EA, 0x4617, 0x462F, 0x4A15, 0x4AEF, 0x4B8C, 0x4DAF,
};

/* Returns 1 when cp is in list[0..n). */
static int in_list(const unsigned *list, size_t n, unsigned cp)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (list[i] == cp)
			return 1;
	return 0;
}

/* Encodes cp as UTF-8 into out[5]. */
static void utf8_put(unsigned cp, char out[5])
{
	if (cp < 0x80) {
		out[0] = (char)cp; out[1] = 0;
	} else if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6)); out[1] = (char)(0x80 | (cp & 0x3F)); out[2] = 0;
	} else if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12)); out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F)); out[3] = 0;
	} else {
		out[0] = (char)(0xF0 | (cp >> 18)); out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		out[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); out[3] = (char)(0x80 | (cp & 0x3F));
		out[4] = 0;
	}
}

/* Decodes one GB18030 sequence to a code point with iconv; 0 if invalid. */
static unsigned gb_decode(iconv_t cd, const unsigned char *in, size_t inlen)
{
	char ib[4], *ip = ib, *op;
	unsigned char ob[16];
	size_t il = inlen, ol = sizeof ob;

	memcpy(ib, in, inlen);
	op = (char *)ob;
	iconv(cd, NULL, NULL, NULL, NULL);
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 || il != 0 || ol != sizeof ob - 4)
		return 0;
	return ob[0] | ob[1] << 8 | ob[2] << 16 | (unsigned)ob[3] << 24;
}

/* Tells whether the UTF-8 character s has initial c among its initials. */
static int has_initial(const char *s, int c)
{
	char q[2] = { (char)c, 0 };

	return pinyin_match_initials(s, q);
}

/* lxy finds 李秀英; both readings of 单 and 曾 find their names. */
static void test_examples_from_the_issue(void)
{
	CHECK_INT(pinyin_match_initials("李秀英", "lxy"), 1);
	CHECK_INT(pinyin_match_initials("单德发", "sdf"), 1);
	CHECK_INT(pinyin_match_initials("单德发", "ddf"), 1);
	CHECK_INT(pinyin_match_initials("曾国藩", "zgf"), 1);
	CHECK_INT(pinyin_match_initials("曾国藩", "cgf"), 1);
	/* wrong letters, wrong order, too long */
	CHECK_INT(pinyin_match_initials("李秀英", "lxz"), 0);
	CHECK_INT(pinyin_match_initials("李秀英", "xly"), 0);
	CHECK_INT(pinyin_match_initials("李秀英", "lxyy"), 0);
	CHECK_INT(pinyin_match_initials("单德发", "tdf"), 0);
	CHECK_INT(pinyin_match_initials("曾国藩", "sgf"), 0);
	CHECK_INT(pinyin_initials_mask(0x5355) , BIT('d') | BIT('s') | BIT('c')); /* 单 */
	CHECK_INT(pinyin_initials_mask(0x66FE), BIT('z') | BIT('c'));            /* 曾 */
}

/* Each heteronym surname, and each compound surname, matches by every reading. */
static void test_every_heteronym_surname_matches_both_readings(void)
{
	static const struct { const char *name; const char *a, *b; } t[] = {
		{ "单雄信", "sxx", "dxx" }, { "曾国藩", "zgf", "cgf" },
		{ "解缙", "xj", "jj" },     { "区寄", "oj", "qj" },
		{ "仇英", "qy", "cy" },     { "朴正熙", "pzx", "pzx" },
		{ "查良镛", "zly", "cly" }, { "尉缭", "wl", "yl" },
		{ "乐毅", "yy", "ly" },     { "盖叫天", "gjt", "gjt" },
		{ "缪钺", "my", "my" },     { "覃振", "qz", "tz" },
		{ "重耳", "ce", "ze" },     { "召公", "sg", "zg" },
		{ "万俟卨", "mqx", "wsx" }, { "尉迟恭", "ycg", "wcg" },
		{ "长孙无忌", "zswj", "cswj" },
	};
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		if (!pinyin_match_initials(t[i].name, t[i].a) ||
		    !pinyin_match_initials(t[i].name, t[i].b)) {
			printf("  %s should match %s and %s\n", t[i].name, t[i].a, t[i].b);
			CHECK(0);
		}
	}
	/* Both readings of each listed surname are in its mask. */
	CHECK(has_initial("解", 'x') && has_initial("解", 'j'));
	CHECK(has_initial("区", 'o') && has_initial("区", 'q'));
	CHECK(has_initial("朴", 'p') && !has_initial("朴", 'b'));
	CHECK(has_initial("盖", 'g'));
	CHECK(has_initial("缪", 'm'));
	CHECK(has_initial("召", 's') && has_initial("召", 'z'));
	CHECK(has_initial("重", 'c') && has_initial("重", 'z'));
	CHECK(has_initial("万", 'w') && has_initial("万", 'm'));
	CHECK(has_initial("俟", 's') && has_initial("俟", 'q'));
	CHECK(has_initial("长", 'c') && has_initial("长", 'z'));
	CHECK(has_initial("宓", 'f') && has_initial("宓", 'm'));
}

/* Keys of names read the surname as a surname; plain keys take the commonest reading. */
static void test_surname_keys_use_the_surname_reading(void)
{
	static const struct { const char *name, *key, *plain; } t[] = {
		{ "单德发", "sdf", "ddf" }, { "曾国藩", "zgf", "cgf" },
		{ "解缙", "xj", "jj" },     { "区寄", "oj", "qj" },
		{ "仇英", "qy", "cy" },     { "查良镛", "zly", "cly" },
		{ "乐毅", "yy", "ly" },     { "覃振", "qz", "qz" },
		{ "重耳", "ce", "ze" },     { "召公", "sg", "zg" },
		{ "万俟卨", "mqx", "wsx" }, { "尉迟恭", "ycg", "wcg" },
		{ "长孙无忌", "zswj", "cswj" }, { "李秀英", "lxy", "lxy" },
		{ "  单 德发", "sdf", "ddf" },
	};
	char key[32];
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		CHECK_INT(pinyin_initials_key(t[i].name, 1, key, sizeof key), strlen(t[i].key));
		CHECK_STR(key, t[i].key);
		pinyin_initials_key(t[i].name, 0, key, sizeof key);
		CHECK_STR(key, t[i].plain);
	}
	/* Only the first character is a surname. */
	pinyin_initials_key("李单", 1, key, sizeof key);
	CHECK_STR(key, "ld");
}

/* Ext-A 䶮 (yǎn, in personal names) has the initial y. */
static void test_ext_a_yan(void)
{
	const char *r[4];

	CHECK_INT(pinyin_initials_mask(0x4DAE), BIT('y'));   /* 䶮 */
	CHECK_INT(pinyin_primary_initial(0x4DAE), 'y');
	CHECK_INT(pinyin_is_hanzi(0x4DAE), 1);
	CHECK_INT(pinyin_readings(0x4DAE, r, 4), 1);
	CHECK_STR(r[0], "yan");
	CHECK_INT(pinyin_match_initials("刘䶮", "ly"), 1);
	CHECK_INT(pinyin_match_initials("刘䶮", "lx"), 0);
}

/* Every Hanzi of GB18030's two-byte codes has initials, but the 18 listed
 * that no source reads, which match any letter. */
static void test_gb18030_two_byte_hanzi_all_have_initials(void)
{
	iconv_t cd = iconv_open("UTF-32LE", "GB18030");
	unsigned a, b, hanzi = 0, bad = 0, none = 0;

	CHECK(cd != (iconv_t)-1);
	if (cd == (iconv_t)-1)
		return;
	for (a = 0x81; a <= 0xFE; a++) {
		for (b = 0x40; b <= 0xFE; b++) {
			unsigned char s[2] = { (unsigned char)a, (unsigned char)b };
			unsigned cp;
			char u[5];

			if (b == 0x7F || !(cp = gb_decode(cd, s, 2)) || !pinyin_is_hanzi(cp))
				continue;
			hanzi++;
			if (pinyin_initials_mask(cp))
				continue;
			utf8_put(cp, u);
			if (!in_list(no_reading_2byte, sizeof no_reading_2byte / sizeof no_reading_2byte[0], cp)) {
				if (bad++ < 10)
					printf("  no initials: U+%04X %s (GB18030 %02X%02X)\n", cp, u, a, b);
			} else {
				none++;
				/* no reading anywhere: found by any letter */
				CHECK(pinyin_match_initials(u, "q") && pinyin_match_initials(u, "b"));
			}
		}
	}
	iconv_close(cd);
	CHECK(hanzi >= 20900);   /* GBK's 21,003 Hanzi, less radicals and PUA */
	CHECK_INT(bad, 0);
	CHECK_INT(none, sizeof no_reading_2byte / sizeof no_reading_2byte[0]);
}

/* Every Ext-A Hanzi of GB18030's four-byte codes has initials, but the listed 17. */
static void test_gb18030_ext_a_has_initials(void)
{
	iconv_t cd = iconv_open("UTF-32LE", "GB18030");
	unsigned a, b, c, d, exta = 0, bad = 0, none = 0;

	CHECK(cd != (iconv_t)-1);
	if (cd == (iconv_t)-1)
		return;
	/* The four-byte BMP region holds Ext-A U+3400..U+4DB5. */
	for (a = 0x81; a <= 0x84; a++)
		for (b = 0x30; b <= 0x39; b++)
			for (c = 0x81; c <= 0xFE; c++)
				for (d = 0x30; d <= 0x39; d++) {
					unsigned char s[4] = { (unsigned char)a, (unsigned char)b,
							       (unsigned char)c, (unsigned char)d };
					unsigned cp = gb_decode(cd, s, 4);

					if (cp < 0x3400 || cp > 0x4DB5)
						continue;
					exta++;
					if (pinyin_initials_mask(cp))
						continue;
					if (in_list(no_reading_ext_a, sizeof no_reading_ext_a /
						    sizeof no_reading_ext_a[0], cp))
						none++;
					else if (bad++ < 10)
						printf("  no initials: U+%04X\n", cp);
				}
	iconv_close(cd);
	CHECK_INT(exta + 52, 0x4DB6 - 0x3400);   /* 52 Ext-A are two-byte codes */
	CHECK_INT(bad, 0);
	CHECK_INT(none, sizeof no_reading_ext_a / sizeof no_reading_ext_a[0]);
	CHECK_INT(pinyin_initials_mask(0x3584), 0);     /* 㖄: listed, no reading */
	CHECK_INT(pinyin_match_initials("李㖄英", "lqy"), 1);
}

/* Letters, kana, punctuation, emoji and out-of-range values have no initials. */
static void test_non_hanzi_have_no_initials(void)
{
	CHECK_INT(pinyin_initials_mask('a'), 0);
	CHECK_INT(pinyin_initials_mask('L'), 0);
	CHECK_INT(pinyin_initials_mask(0x3042), 0);   /* あ */
	CHECK_INT(pinyin_initials_mask(0xFF0C), 0);   /* ， */
	CHECK_INT(pinyin_initials_mask(0x3002), 0);   /* 。 */
	CHECK_INT(pinyin_initials_mask(0xAC00), 0);   /* 가 */
	CHECK_INT(pinyin_initials_mask(0x1F600), 0);
	CHECK_INT(pinyin_initials_mask(0x10FFFF), 0);
	CHECK_INT(pinyin_initials_mask(0xFFFFFFFFu), 0);
	CHECK_INT(pinyin_primary_initial('a'), 0);
	CHECK_INT(pinyin_is_hanzi('a'), 0);
	CHECK_INT(pinyin_is_hanzi(0x3002), 0);
	CHECK_INT(pinyin_is_hanzi(0x4E00), 1);
	CHECK_INT(pinyin_is_hanzi(0x20000), 1);
	CHECK_INT(pinyin_initials_mask(0x4E00), BIT('y'));   /* 一 */
	CHECK_INT(pinyin_initials_mask(0x3007), BIT('l'));   /* 〇 */
	CHECK(pinyin_initials_mask(0x20087) & BIT('z'));     /* 𠂇 zuǒ, Ext-B */
	CHECK(pinyin_initials_mask(0xF9E7) != 0);            /* 裏 compatibility form */
}

/* Every code point, U+0000..U+10FFFF and a few values past it, looks up
 * inside the table (the ASan build checks the reads) and gives consistent
 * answers: initials only for Hanzi, the primary initial among them and
 * equal to the first reading's, readings of plain letters whose initials
 * are in the mask, none for guessed characters. */
static void test_every_code_point_looks_up_consistently(void)
{
	static const unsigned extra[] = { 0x110000, 0x1FFFFF, 0x7FFFFFFF, 0xFFFFFFFFu };
	unsigned cp, bad = 0, hanzi = 0, with_initials = 0;
	size_t k;

	for (cp = 0; cp <= 0x10FFFF + sizeof extra / sizeof extra[0]; cp++) {
		unsigned c = cp <= 0x10FFFF ? cp : extra[cp - 0x110000];
		unsigned mask = pinyin_initials_mask(c);
		int prim = pinyin_primary_initial(c), hz = pinyin_is_hanzi(c);
		int guessed = pinyin_initials_guessed(c);
		const char *r[8];
		size_t n = pinyin_readings(c, r, 8), i;
		int ok = 1;

		hanzi += hz != 0;
		with_initials += mask != 0;
		if (!hz && (mask || prim || n || guessed))
			ok = 0;
		if (mask & ~0x3FFFFFFu)
			ok = 0;
		if (mask ? prim < 'a' || prim > 'z' || !(mask & BIT(prim)) : prim != 0 || n != 0)
			ok = 0;
		if (guessed && (n != 0 || !mask))
			ok = 0;
		if (mask && !guessed && (n == 0 || n > 32 || r[0][0] != prim))
			ok = 0;
		for (i = 0; ok && i < n && i < 8; i++) {
			const char *p = r[i];

			if (!*p || !(mask & BIT(*p)))
				ok = 0;
			for (; ok && *p; p++)
				if (*p < 'a' || *p > 'z')
					ok = 0;
		}
		if (!ok && bad++ < 10)
			printf("  inconsistent: U+%04X mask %07x primary %d hanzi %d guessed %d readings %zu\n",
			       c, mask, prim, hz, guessed, n);
	}
	CHECK_INT(bad, 0);
	/* 〇, Ext-A, URO, compatibility ideographs and planes 2 and 3 */
	CHECK_INT(hanzi, 1 + 0x19C0 + 0x5200 + 0x200 + 0x20000);
	CHECK(with_initials > 45000);   /* 47,319 in the Unicode 15.0 table */
	for (k = 0; k < sizeof extra / sizeof extra[0]; k++)
		CHECK_INT(pinyin_is_hanzi(extra[k]), 0);
}

/* The last 48 code points of Ext-H (U+32380..U+323AF, past the last whole
 * 64-code-point block of the table) are Hanzi that no source reads in
 * Unicode 15.0: no initials or readings, any letter matches them, keys drop
 * them.  The rest of Ext-H keeps its data (guessed 𲁔 U+32054, lai6). */
static void test_ext_h_tail(void)
{
	char text[48 * 4 + 8], u[5];
	const char *r[4], *syl[2];
	size_t len = 0;
	unsigned cp;

	CHECK_INT(pinyin_is_hanzi(0x31350), 1);
	CHECK_INT(pinyin_is_hanzi(0x323AF), 1);
	for (cp = 0x32380; cp <= 0x323AF; cp++) {
		CHECK_INT(pinyin_is_hanzi(cp), 1);
		CHECK_INT(pinyin_initials_mask(cp), 0);
		CHECK_INT(pinyin_primary_initial(cp), 0);
		CHECK_INT(pinyin_initials_guessed(cp), 0);
		CHECK_INT(pinyin_readings(cp, r, 4), 0);
		utf8_put(cp, u);
		CHECK_INT(pinyin_match_initials(u, "q"), 1);
		CHECK_INT(pinyin_surname(u, syl, NULL), 0);
		memcpy(text + len, u, 4);
		len += 4;
	}
	memcpy(text + len, "李", 4);   /* with its NUL */
	CHECK_INT(pinyin_initials_key(text, 1, u, sizeof u), 1);
	CHECK_STR(u, "l");
	CHECK_INT(pinyin_match_initials(text, "abcl"), 1);
	CHECK_INT(pinyin_initials_mask(0x323B0), 0);
	CHECK(pinyin_initials_mask(0x32054) & BIT('l'));
	CHECK_INT(pinyin_initials_guessed(0x32054), 1);
}

/* Case, separators, other scripts, ASCII and digits in text and query. */
static void test_matching_rules(void)
{
	/* case-insensitive query, query spaces and punctuation ignored */
	CHECK_INT(pinyin_match_initials("李秀英", "LXY"), 1);
	CHECK_INT(pinyin_match_initials("李秀英", "l x-y"), 1);
	CHECK_INT(pinyin_match_initials("李秀英", "ｌｘｙ"), 1);
	/* substring anywhere */
	CHECK_INT(pinyin_match_initials("王李秀英", "xy"), 1);
	CHECK_INT(pinyin_match_initials("王李秀英", "wl"), 1);
	CHECK_INT(pinyin_match_initials("王李秀英", "wx"), 0);
	/* spaces and punctuation in the text are skipped */
	CHECK_INT(pinyin_match_initials("李 秀英", "lxy"), 1);
	CHECK_INT(pinyin_match_initials("关于《行政许可法》的通知", "xzxkf"), 1);
	CHECK_INT(pinyin_match_initials("关于《行政许可法》的通知", "gyxz"), 1);
	CHECK_INT(pinyin_match_initials("阿沛·阿旺晋美", "apa"), 1);
	CHECK_INT(pinyin_match_initials("李，秀。英", "lxy"), 1);
	/* other scripts and invalid bytes break a run */
	CHECK_INT(pinyin_match_initials("李あ秀英", "lxy"), 0);
	CHECK_INT(pinyin_match_initials("李あ秀英", "xy"), 1);
	CHECK_INT(pinyin_match_initials("李\xff秀英", "lxy"), 0);
	CHECK_INT(pinyin_match_initials("李\xff秀英", "xy"), 1);
	CHECK_INT(pinyin_match_initials("\xe6\x9d", "l"), 0);   /* truncated 李 */
	/* ASCII letters and digits in the text match themselves */
	CHECK_INT(pinyin_match_initials("ABC公司", "bcgs"), 1);
	CHECK_INT(pinyin_match_initials("2023年财政预算", "2023ncz"), 1);
	CHECK_INT(pinyin_match_initials("2023年财政预算", "2024n"), 0);
	CHECK_INT(pinyin_match_initials("ＡＢＣ公司", "abc"), 1);
	/* queries that match nothing */
	CHECK_INT(pinyin_match_initials("李秀英", ""), 0);
	CHECK_INT(pinyin_match_initials("李秀英", " ,"), 0);
	CHECK_INT(pinyin_match_initials("李秀英", NULL), 0);
	CHECK_INT(pinyin_match_initials(NULL, "l"), 0);
	CHECK_INT(pinyin_match_initials("李秀英", "李x"), 0);
	CHECK_INT(pinyin_match_initials("", "l"), 0);
	/* heteronyms in titles: 行 is xing or hang */
	CHECK_INT(pinyin_match_initials("中国银行", "zgyh"), 1);
	CHECK_INT(pinyin_match_initials("中国银行", "zgyx"), 1);
}

/* Queries up to 64 letters match; longer ones match nothing. */
static void test_long_queries(void)
{
	char text[65 * 3 + 1], q[67];
	struct pinyin_query pq;
	int i;

	/* 64 letters is the limit: 一 (yi) 64 times matches "y" * 64 */
	for (i = 0; i < 65; i++)
		memcpy(text + 3 * i, "一", 3);
	text[65 * 3] = 0;
	memset(q, 'y', 64);
	q[64] = 0;
	CHECK_INT(pinyin_match_initials(text, q), 1);
	q[64] = 'y';
	q[65] = 0;
	CHECK_INT(pinyin_query_init(&pq, q), -1);
	CHECK_INT(pinyin_match_initials(text, q), 0);
	/* the last position of a 64-letter query is bit 63 */
	memset(q, 'y', 63);
	q[63] = 'x';
	q[64] = 0;
	CHECK_INT(pinyin_match_initials(text, q), 0);
}

/* One prepared query picks the right rows out of many. */
static void test_prepared_query_matches_many_rows(void)
{
	static const char *rows[] = { "张三", "李秀英", "王五", "李晓燕", "单德发", "黎小云" };
	struct pinyin_query q;
	int hits = 0;
	size_t i;

	CHECK_INT(pinyin_query_init(&q, "lxy"), 0);
	CHECK_INT(q.len, 3);
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++)
		hits += pinyin_query_match(&q, rows[i]);
	CHECK_INT(hits, 3);
	CHECK_INT(pinyin_query_init(&q, "张"), -1);
	CHECK_INT(pinyin_query_match(&q, "张三"), 0);
}

/* Keys: letters only, most likely initial, cut like snprintf. */
static void test_keys(void)
{
	char key[8];

	CHECK_INT(pinyin_initials_key("李秀英", 0, key, sizeof key), 3);
	CHECK_STR(key, "lxy");
	CHECK_INT(pinyin_initials_key("ABC公司2023年报", 0, key, sizeof key), 7);
	CHECK_STR(key, "abcgsnb");
	CHECK_INT(pinyin_initials_key("阿沛·阿旺晋美", 1, key, sizeof key), 6);
	CHECK_STR(key, "apawjm");
	CHECK_INT(pinyin_initials_key("Ｌi秀あ英", 0, key, sizeof key), 4);
	CHECK_STR(key, "lixy");
	/* cut like snprintf */
	CHECK_INT(pinyin_initials_key("李秀英王五", 0, key, 3), 5);
	CHECK_STR(key, "lx");
	CHECK_INT(pinyin_initials_key("李秀英", 0, NULL, 0), 3);
	CHECK_INT(pinyin_initials_key("", 1, key, sizeof key), 0);
	CHECK_STR(key, "");
	CHECK_INT(pinyin_initials_key(NULL, 1, key, sizeof key), 0);
	CHECK_STR(key, "");
	/* a Hanzi with no reading is left out */
	CHECK_INT(pinyin_initials_key("李㖄英", 0, key, sizeof key), 2);
	CHECK_STR(key, "ly");
	/* most likely readings: 的 de, 行 xing, 长 chang, 重 zhong */
	pinyin_initials_key("的行长重", 0, key, sizeof key);
	CHECK_STR(key, "dxcz");
}

/* Tells whether s is among the first n variants. */
static int has_variant(char v[][PINYIN_VARIANT_LEN], size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return 1;
	return 0;
}

/* Variants cover every combination of 单曾解, once each, most likely first. */
static void test_variants_of_heteronym_names(void)
{
	char v[32][PINYIN_VARIANT_LEN], key[16];
	static const char *const all[] = {
		"szx", "szj", "scx", "scj", "dzx", "dzj", "dcx", "dcj", "czx", "czj", "ccx", "ccj",
	};
	size_t n, i, j;

	/* 单 {s,d,c} × 曾 {z,c} × 解 {x,j}: all 12, each once */
	n = pinyin_initials_variants("单曾解", 1, v, 32);
	CHECK_INT(n, 12);
	for (i = 0; i < 12; i++)
		CHECK(has_variant(v, n, all[i]));
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			CHECK(strcmp(v[i], v[j]) != 0);
	pinyin_initials_key("单曾解", 1, key, sizeof key);
	CHECK_STR(v[0], key);
	CHECK_STR(v[0], "scj");   /* surname shàn, then céng and jiě, the commoner */
	/* capped, most likely first */
	n = pinyin_initials_variants("单曾解", 1, v, 5);
	CHECK_INT(n, 5);
	CHECK_STR(v[0], "scj");
	/* non-name order starts with the common readings */
	n = pinyin_initials_variants("单曾解", 0, v, 32);
	CHECK_INT(n, 12);
	pinyin_initials_key("单曾解", 0, key, sizeof key);
	CHECK_STR(v[0], key);

	n = pinyin_initials_variants("单德发", 1, v, 16);
	CHECK_INT(n, 3);
	CHECK_STR(v[0], "sdf");
	CHECK(has_variant(v, n, "ddf") && has_variant(v, n, "cdf"));
	n = pinyin_initials_variants("曾国藩", 1, v, 16);
	CHECK_INT(n, 2);
	CHECK_STR(v[0], "zgf");
	CHECK_STR(v[1], "cgf");
	n = pinyin_initials_variants("李秀英", 1, v, 16);
	CHECK_INT(n, 1);
	CHECK_STR(v[0], "lxy");
	n = pinyin_initials_variants("万俟卨", 1, v, 16);
	CHECK_STR(v[0], "mqx");
	CHECK(has_variant(v, n, "wsx"));
	/* non-Hanzi: ASCII letters kept lowercase, the rest dropped */
	n = pinyin_initials_variants("Li·秀英", 1, v, 16);
	CHECK_INT(n, 1);
	CHECK_STR(v[0], "lixy");
	CHECK_INT(pinyin_initials_variants("", 1, v, 16), 0);
	CHECK_INT(pinyin_initials_variants("123", 1, v, 16), 0);
	CHECK_INT(pinyin_initials_variants("李秀英", 1, v, 0), 0);
	/* long names keep their first 15 letters */
	n = pinyin_initials_variants("abcdefghijklmnopqrstuvwxyz", 0, v, 16);
	CHECK_INT(n, 1);
	CHECK_STR(v[0], "abcdefghijklmno");
}

/* Full readings, most likely first, and the surname lookup. */
static void test_readings_and_surnames(void)
{
	const char *r[8], *syl[2];
	size_t n, nb = 0, i;
	int dan = 0, shan = 0, chan = 0;

	n = pinyin_readings(0x5355, r, 8);   /* 单 */
	CHECK(n >= 3);
	for (i = 0; i < n && i < 8; i++) {
		dan |= strcmp(r[i], "dan") == 0;
		shan |= strcmp(r[i], "shan") == 0;
		chan |= strcmp(r[i], "chan") == 0;
	}
	CHECK(dan && shan && chan);
	CHECK_STR(r[0], "dan");
	n = pinyin_readings(0x7EFF, r, 8);   /* 绿 lǜ */
	CHECK(n >= 1);
	CHECK_STR(r[0], "lv");
	CHECK_INT(pinyin_readings('a', r, 8), 0);
	n = pinyin_readings(0x5355, r, 8);
	CHECK_INT(pinyin_readings(0x5355, r, 1), n);

	CHECK_INT(pinyin_surname("万俟卨", syl, &nb), 2);
	CHECK_STR(syl[0], "mo");
	CHECK_STR(syl[1], "qi");
	CHECK_INT(nb, 6);
	CHECK_INT(pinyin_surname("单德发", syl, &nb), 1);
	CHECK_STR(syl[0], "shan");
	CHECK_INT(nb, 3);
	CHECK_INT(pinyin_surname("李秀英", syl, NULL), 0);
	CHECK_INT(pinyin_surname("", syl, NULL), 0);
	CHECK_INT(pinyin_surname("单", syl, NULL), 1);
}

int main(void)
{
	TEST(test_examples_from_the_issue);
	TEST(test_every_heteronym_surname_matches_both_readings);
	TEST(test_surname_keys_use_the_surname_reading);
	TEST(test_ext_a_yan);
	TEST(test_gb18030_two_byte_hanzi_all_have_initials);
	TEST(test_gb18030_ext_a_has_initials);
	TEST(test_non_hanzi_have_no_initials);
	TEST(test_every_code_point_looks_up_consistently);
	TEST(test_ext_h_tail);
	TEST(test_matching_rules);
	TEST(test_long_queries);
	TEST(test_prepared_query_matches_many_rows);
	TEST(test_keys);
	TEST(test_variants_of_heteronym_names);
	TEST(test_readings_and_surnames);
	return CHECK_EXIT();
}
