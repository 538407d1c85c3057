/*
 * test_names.c - the name ranker without librime: syllable cuts, whole
 * names before anything else for common names, a surname alone, given
 * names after a surname, published names, and 220 common full names.
 */
#include "kiosk/names.h"
#include "tests/unit/check.h"

#include <stdio.h>
#include <string.h>

#include "tests/unit/common_names.inc"

static struct names *nm;

/* Returns the rank (0-based) of want among the names for letters, or -1. */
static int rank_of(const char *letters, int given_only, const char *want)
{
	struct names_cand c[8];
	size_t n = names_rank(nm, letters, given_only, c, 8), i;

	for (i = 0; i < n; i++)
		if (!strcmp(c[i].text, want))
			return (int)i;
	return -1;
}

/* Letters are cut into syllables, the last one possibly short. */
static void test_syllables(void)
{
	CHECK_INT(names_syllables(nm, "lixiuying"), 3);
	CHECK_INT(names_syllables(nm, "zhangxiulan"), 3);
	CHECK_INT(names_syllables(nm, "ouyangxiuying"), 4);
	CHECK_INT(names_syllables(nm, "lixiuy"), 3);
	CHECK_INT(names_syllables(nm, "qqq"), 0);
	CHECK_INT(names_syllables(nm, ""), 0);
}

/* The two names Debian's dictionary gets wrong come first here. */
static void test_whole_names_first(void)
{
	CHECK_INT(rank_of("lixiuying", 0, "李秀英"), 0);
	CHECK_INT(rank_of("zhangxiulan", 0, "张秀兰"), 0);
	CHECK(rank_of("wangfang", 0, "王芳") >= 0);
	CHECK(rank_of("lixiuy", 0, "李秀英") >= 0);   /* last syllable cut short */
	CHECK(rank_of("ouyangxiuying", 0, "欧阳秀英") >= 0);
	CHECK(rank_of("shanxiuying", 0, "单秀英") >= 0); /* 单 read shan as a surname */
}

/* After the whole names comes the surname alone, covering its letters. */
static void test_surname_alone(void)
{
	struct names_cand c[6];
	size_t n = names_rank(nm, "lixiuying", 0, c, 6);

	CHECK(n == 6);
	if (n == 6) {
		CHECK_STR(c[5].text, "李");
		CHECK_INT(c[5].nletters, 2);
		CHECK_INT(c[0].nletters, 9);
	}
	/* Two syllables: two-character names, the surname alone last. */
	n = names_rank(nm, "wangfang", 0, c, 6);
	CHECK(n >= 2);
	CHECK_STR(c[n - 1].text, "王");
}

/* A given name alone once the surname is taken. */
static void test_given_only(void)
{
	CHECK_INT(rank_of("xiuying", 1, "秀英"), 0);
	CHECK(rank_of("fang", 1, "芳") >= 0);
	CHECK_INT(rank_of("xiuying", 1, "李秀英"), -1);
}

/* Names the county published rise; other input is refused quietly. */
static void test_published(void)
{
	CHECK_INT(rank_of("zhangxiulan", 0, "张修岚"), -1);
	names_add_published(nm, "张修岚");
	names_add_published(nm, "x");        /* ignored: not Hanzi */
	names_add_published(nm, "张");       /* ignored: too short */
	CHECK(rank_of("zhangxiulan", 0, "张修岚") >= 0);
	CHECK_INT(names_rank(nm, "ABC", 0, NULL, 0), 0);
	CHECK_INT(rank_of("zhang-xiu", 0, "张秀"), -1);
	/* A new import replaces the published names: the old ones go. */
	names_clear_published(nm);
	names_clear_published(nm);
	CHECK_INT(rank_of("zhangxiulan", 0, "张修岚"), -1);
	names_add_published(nm, "张修岚");
	CHECK(rank_of("zhangxiulan", 0, "张修岚") >= 0);
	names_clear_published(nm);
}

/* 220 common full names each come among the first five. */
static void test_common_names(void)
{
	size_t i, ok = 0, n = sizeof common_names / sizeof common_names[0];

	for (i = 0; i < n; i++) {
		int r = rank_of(common_names[i].pinyin, 0, common_names[i].name);

		if (r >= 0 && r < 5)
			ok++;
		else
			printf("  %s (%s): rank %d\n", common_names[i].name, common_names[i].pinyin, r);
	}
	printf("  %zu of %zu common names among the first five\n", ok, n);
	CHECK_INT(ok, n);
}

/* Runs the tests. */
int main(void)
{
	nm = names_new();
	TEST(test_syllables);
	TEST(test_whole_names_first);
	TEST(test_surname_alone);
	TEST(test_given_only);
	TEST(test_common_names);
	TEST(test_published);
	names_free(nm);
	return CHECK_EXIT();
}
