/*
 * test_rank.c - search answers best match first, on the demo bundle: the
 * document a person means comes before the newest ones that mention the
 * word (养老 → the 养老保险 办法), the question that is about the word before
 * answers that mention it (自助 → the 自助机 question), a whole name before
 * names that only hold its initials (wf → 王芳 before 余文发), and paging
 * by position joins up forward and back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/browse.h"
#include "db/db.h"
#include "db/subsidy.h"
#include "db/synonym.h"
#include "kiosk/bundle.h"
#include "kiosk/searchlog.h"
#include "kiosk/report.h"
#include "kiosk/util.h"
#include "tests/unit/check.h"

#define DEMO_KEY "RWQURiJj1TZCkOCrsG1NTYmpZvCFHr4ABGHgDFlA7vYgQaDhqybc7IAj"

static char tmpdir[] = "/tmp/gk-test-rank.XXXXXX";
static struct db *db;

/* Imports the demo bundle into a new database. */
static void setup(void)
{
	char path[256], err[256];
	struct bundle_opts o = { "assets/demo-bundle/gongkai-bundle", DEMO_KEY, 0, 1, "test",
				 NULL, NULL };
	struct bundle_result res;
	struct report rep = { 0 };

	if (!mkdtemp(tmpdir))
		return;
	snprintf(path, sizeof path, "%s/r.db", tmpdir);
	if (db_open(path, DB_READWRITE, &db, err, sizeof err) < 0) {
		printf("  open: %s\n", err);
		db = NULL;
		return;
	}
	if (bundle_import(db, &o, &rep, &res, err, sizeof err) != BUNDLE_OK) {
		printf("  import: %s %s\n", err, sbuf_str(&rep.errors));
		db_close(db);
		db = NULL;
	}
	report_free(&rep);
}

/* Returns the position (0-based) of the first row whose title holds s in
 * the first n rows of a search, or -1. */
static int rank_of(int kind, const char *category, const char *text, const char *s, int n)
{
	struct browse_query q = { kind, category, NULL, 0, text };
	struct browse_page p;
	char err[256];
	int at = -1;

	if (browse_list(db, &q, NULL, BROWSE_NEXT, n, &p, err, sizeof err) < 0) {
		printf("  browse_list: %s\n", err);
		return -1;
	}
	for (int i = 0; i < p.n && at < 0; i++)
		if (strstr(p.items[i].title, s))
			at = i;
	browse_page_free(&p);
	return at;
}

/* 养老 on the home screen: the 办法 itself before the notices that mention it. */
static void bulletins(void)
{
	int law = rank_of(BROWSE_BULLETINS, NULL, "养老", "基本养老保险实施办法》的通知", 10);
	int open_day = rank_of(BROWSE_BULLETINS, NULL, "养老", "政府开放日", 10);

	CHECK(law >= 0 && law < 3);
	CHECK(open_day < 0 || open_day > law);
	/* A title holding the words as typed comes before body-only matches. */
	CHECK(rank_of(BROWSE_BULLETINS, NULL, "临时救助", "临时救助实施办法", 3) >= 0);
	/* In a category list too. */
	CHECK(rank_of(BROWSE_BULLETINS, "规范性文件", "养老", "基本养老保险", 1) == 0);
}

/* 自助 in 问答: the question about the 自助机 first. */
static void questions(void)
{
	int kiosk = rank_of(BROWSE_QA, NULL, "自助", "自助机", 10);
	int pension = rank_of(BROWSE_QA, NULL, "自助", "养老金每月什么时候发", 10);

	CHECK(kiosk == 0);
	CHECK(pension < 0 || pension > kiosk);
}

/* Pages of a ranked search join up forward and back. */
static void paging(void)
{
	struct browse_query q = { BROWSE_BULLETINS, NULL, NULL, 0, "宣汉" };
	struct browse_page a, b, c;
	char err[256];

	CHECK(browse_list(db, &q, NULL, BROWSE_NEXT, 3, &a, err, sizeof err) == 0);
	CHECK(a.n == 3 && a.more);
	CHECK(browse_list(db, &q, &a.items[2], BROWSE_NEXT, 3, &b, err, sizeof err) == 0);
	CHECK(b.n == 3);
	for (int i = 0; i < a.n; i++)
		for (int j = 0; j < b.n; j++)
			CHECK(a.items[i].id != b.items[j].id);
	CHECK(browse_list(db, &q, &b.items[0], BROWSE_PREV, 3, &c, err, sizeof err) == 0);
	CHECK(c.n == 3);
	for (int i = 0; i < c.n && i < a.n; i++)
		CHECK(c.items[i].id == a.items[i].id);
	browse_page_free(&a);
	browse_page_free(&b);
	browse_page_free(&c);
}

/* wf: 王芳 (the whole name's initials) before 余文发 and 杨文发. */
static void names(void)
{
	struct subsidy_names *d = NULL;
	struct subsidy_query q;
	struct subsidy_match *m;
	char err[256];
	long wang = -1, yu = -1;

	CHECK(subsidy_names_load(db, &d, err, sizeof err) == 0);
	subsidy_query_parse("wf", &q);
	m = subsidy_match_new(d, &q);
	for (long i = 0; i < subsidy_match_names(m); i++) {
		if (strcmp(subsidy_match_name(m, i), "王芳") == 0)
			wang = i;
		if (strcmp(subsidy_match_name(m, i), "余文发") == 0)
			yu = i;
	}
	CHECK(wang == 0);
	CHECK(yu > wang);
	subsidy_match_free(m);
	/* The exact name before longer names holding it. */
	subsidy_query_parse("王芳", &q);
	m = subsidy_match_new(d, &q);
	CHECK(subsidy_match_names(m) >= 1 && strcmp(subsidy_match_name(m, 0), "王芳") == 0);
	subsidy_match_free(m);
	subsidy_names_free(d);
}

/* Synonyms widen a search both ways: built in, and added by the office. */
static void synonyms(void)
{
	char err[256], *m;
	int failed;

	m = synonym_fts_query(db, "养老金", &failed, err, sizeof err);
	CHECK(m && strcmp(m, "(\"养老金\" OR \"养老保险\")") == 0);
	free(m);
	m = synonym_fts_query(db, "最低生活保障 申请", &failed, err, sizeof err);
	CHECK(m && strcmp(m, "(\"最低生活保障\" OR \"低保\") \"申请\"") == 0);
	free(m);
	m = synonym_fts_query(db, "办事", &failed, err, sizeof err);
	CHECK(m && strcmp(m, "\"办事\"") == 0);
	free(m);
	/* 养老金 finds the 养老保险 办法, whose title never says 养老金. */
	CHECK(rank_of(BROWSE_BULLETINS, "规范性文件", "养老金", "基本养老保险实施办法", 3) >= 0);
	/* The office's own pair, both ways. */
	CHECK(rank_of(BROWSE_BULLETINS, NULL, "群众开放", "政府开放日", 10) < 0);
	CHECK(synonym_add(db, "开放日", "群众开放", err, sizeof err) == 0);
	CHECK(rank_of(BROWSE_BULLETINS, NULL, "群众开放", "政府开放日", 10) >= 0);
	CHECK(synonym_clear(db, err, sizeof err) == 0);
	CHECK(rank_of(BROWSE_BULLETINS, NULL, "群众开放", "政府开放日", 10) < 0);
}

/* The words of a search that found nothing are kept only when they
 * cannot name a person. */
static void keepable(void)
{
	CHECK(searchlog_keepable("火星基地"));
	CHECK(searchlog_keepable("宅基地 确权"));
	CHECK(!searchlog_keepable("王小明"));       /* a surname and a given name */
	CHECK(!searchlog_keepable("欧阳秀英"));
	CHECK(!searchlog_keepable("13912345678"));  /* a phone */
	CHECK(!searchlog_keepable("低保１３９"));      /* full-width digits */
	CHECK(!searchlog_keepable("510722195503170021"));
	CHECK(!searchlog_keepable("wf"));           /* initials */
	CHECK(!searchlog_keepable("我家老人去年生病住院花了很多钱能不能申请救助"));
	CHECK(!searchlog_keepable("救"));
}

/* Runs the tests on the demo data. */
int main(void)
{
	setup();
	if (!db) {
		printf("FAIL: setup\n");
		return 1;
	}
	TEST(bulletins);
	TEST(questions);
	TEST(paging);
	TEST(names);
	TEST(synonyms);
	TEST(keepable);
	db_close(db);
	{
		char cmd[300];

		snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
		if (system(cmd) != 0)
			printf("  could not remove %s\n", tmpdir);
	}
	return CHECK_EXIT();
}
