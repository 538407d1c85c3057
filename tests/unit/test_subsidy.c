/*
 * test_subsidy.c - the subsidy screens' queries: programs, batches (every
 * year kept), township and village sums, village and township lists that
 * page by keyset forwards and back and read their index without sorting,
 * search text understood (name, id tail, pinyin, full-width), names found
 * by any two characters, Ext-A and heteronym initials, people grouped with
 * their lines and totals in every scope, and money as yuan.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/db.h"
#include "db/db_internal.h"
#include "db/store.h"
#include "db/subsidy.h"
#include "kiosk/pinyin.h"
#include "kiosk/util.h"
#include "printing/print.h"
#include "tests/unit/check.h"

static char tmpdir[] = "/tmp/gk-test-subsidy.XXXXXX";
static struct db *db;
static long long b_farm24, b_farm25, b_grain1, b_grain2;

/* Adds one row to a batch. */
static void row(long long batch, const char *town, const char *village, const char *name,
		const char *id_masked, long long fen, const char *paid)
{
	char err[256], py[16][PINYIN_VARIANT_LEN], tail[8] = "";
	struct store_subsidy s = {0};
	static long line = 2;

	if (id_masked[0])
		snprintf(tail, sizeof tail, "%s", id_masked + strlen(id_masked) - 4);
	s.batch_id = batch;
	s.township = town;
	s.village = village;
	s.name = name;
	s.id_masked = id_masked;
	s.id_tail = tail;
	s.basis = "2.5亩";
	s.paid_on = paid;
	s.fund_source = "中央财政";
	s.account_masked = "************5678";
	s.amount_fen = fen;
	s.line = line++;
	s.npy = pinyin_initials_variants(name, 1, py, 16);
	s.py = (const char (*)[16])py;
	if (store_subsidy_add(db, &s, err, sizeof err) < 0)
		printf("  add %s: %s\n", name, err);
}

/* Builds the test database: two programs, three years of lists, two
 * townships, the people of the assets README and 40 rows in 黄桷村. */
static void setup(void)
{
	char path[256], err[256];
	long long imp, b23;
	struct store_import in = { "测试", 1, "", "", "0", "test", 0 };

	if (!mkdtemp(tmpdir))
		return;
	snprintf(path, sizeof path, "%s/s.db", tmpdir);
	if (db_open(path, DB_READWRITE, &db, err, sizeof err) < 0) {
		printf("  open: %s\n", err);
		return;
	}
	db_begin(db, err, sizeof err);
	store_import_begin(db, &in, &imp, err, sizeof err);
	store_batch_replace(db, imp, "耕地地力保护补贴", 2023, "", &b23, err, sizeof err);
	store_batch_replace(db, imp, "耕地地力保护补贴", 2024, "", &b_farm24, err, sizeof err);
	store_batch_replace(db, imp, "耕地地力保护补贴", 2025, "", &b_farm25, err, sizeof err);
	store_batch_replace(db, imp, "实际种粮农民一次性补贴", 2025, "第一批", &b_grain1, err, sizeof err);
	store_batch_replace(db, imp, "实际种粮农民一次性补贴", 2025, "第二批", &b_grain2, err, sizeof err);
	row(b23, "南坝镇", "黄桷村", "王芳", "511722********0861", 30000, "2023-05-05");
	for (int y = 0; y < 2; y++) {
		long long b = y ? b_farm25 : b_farm24;
		const char *paid = y ? "2025-05-05" : "2024-05-05";

		row(b, "东乡街道", "新华社区", "王芳", "511722********1245", 33600 + y, paid);
		row(b, "南坝镇", "黄桷村", "王芳", "511722********0861", 30000 + y, paid);
		row(b, "南坝镇", "柏树村", "李秀英", "513022********062X", 18000, paid);
		row(b, "东乡街道", "西城社区", "刘䶮", "511722********0176", 50400, paid);
		row(b, "南坝镇", "西城社区", "单德发", "513021********2152", 43200, paid);
		row(b, "东乡街道", "新华社区", "曾国藩", "511722********1935", 61200, paid);
		row(b, "东乡街道", "新华社区", "王芳芳", "511722********7777", 1000, paid);
		row(b, "东乡街道", "新华社区", "欧阳明", "", 151200, paid);
		for (int i = 0; i < 40; i++) {
			char name[32];

			snprintf(name, sizeof name, "张%s%s", (const char *[]){ "德", "国", "建", "明" }[i % 4],
				 (const char *[]){ "发", "华", "军", "平", "强" }[i / 4 % 5]);
			row(b, "南坝镇", "黄桷村", name, "", 10000 + i, paid);
		}
	}
	row(b_grain1, "东乡街道", "新华社区", "王芳", "511722********1245", 3003, "2025-06-10");
	row(b_grain2, "东乡街道", "新华社区", "王芳", "511722********1245", 1551, "2025-09-10");
	row(b_grain1, "南坝镇", "柏树村", "李秀英", "513022********062X", 2000, "2025-06-10");
	store_batch_totals(db, b23, err, sizeof err);
	store_batch_totals(db, b_farm24, err, sizeof err);
	store_batch_totals(db, b_farm25, err, sizeof err);
	store_batch_totals(db, b_grain1, err, sizeof err);
	store_batch_totals(db, b_grain2, err, sizeof err);
	store_import_finish(db, imp, &(struct store_counts){ 0 }, err, sizeof err);
	if (db_commit(db, err, sizeof err) < 0)
		printf("  commit: %s\n", err);
}

/* Search text: names, id tails, pinyin, full-width forms. */
static void query_parse(void)
{
	struct subsidy_query q;

	CHECK_INT(subsidy_query_parse("王芳 1245", &q), 1);
	CHECK_STR(q.text, "王芳");
	CHECK_STR(q.tail, "1245");
	CHECK_INT(q.pinyin, 0);
	CHECK_INT(subsidy_query_parse("王芳1245", &q), 1);
	CHECK_STR(q.text, "王芳");
	CHECK_STR(q.tail, "1245");
	CHECK_INT(subsidy_query_parse("李秀英　062x", &q), 1);
	CHECK_STR(q.text, "李秀英");
	CHECK_STR(q.tail, "062X");
	CHECK_INT(subsidy_query_parse("LXY", &q), 1);
	CHECK_STR(q.text, "lxy");
	CHECK_INT(q.pinyin, 1);
	CHECK_INT(subsidy_query_parse("ｌｘｙ", &q), 1);
	CHECK_STR(q.text, "lxy");
	CHECK_INT(subsidy_query_parse(" 欧 阳 ", &q), 1);
	CHECK_STR(q.text, "欧阳");
	CHECK_INT(subsidy_query_parse("王", &q), 0);
	CHECK_INT(subsidy_query_parse("1245", &q), 0);
	CHECK_STR(q.tail, "1245");
	CHECK_INT(subsidy_query_parse("", &q), 0);
	CHECK_INT(subsidy_query_parse(NULL, &q), 0);
	/* Twelve digits are no tail: searched as text (and found nowhere). */
	CHECK_INT(subsidy_query_parse("王芳123456789012", &q), 1);
	CHECK_STR(q.tail, "");
}

/* Programs in pinyin order with their years; batches newest first, kept
 * for every year. */
static void programs_and_batches(void)
{
	struct subsidy_program *p;
	struct subsidy_batch *b, one;
	char err[256];
	int n;

	CHECK_INT(subsidy_programs(db, &p, &n, err, sizeof err), 0);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(p[0].program, "耕地地力保护补贴"); /* geng before shi */
		CHECK_INT(p[0].batches, 3);
		CHECK_INT(p[0].first_year, 2023);
		CHECK_INT(p[0].last_year, 2025);
		CHECK_INT(p[0].people, 1 + 2 * 48);
		CHECK_STR(p[1].program, "实际种粮农民一次性补贴");
		CHECK_INT(p[1].people, 3);
		CHECK_INT(p[1].total_fen, 3003 + 1551 + 2000);
	}
	subsidy_programs_free(p, n);
	CHECK_INT(subsidy_batches(db, "耕地地力保护补贴", &b, &n, err, sizeof err), 0);
	CHECK_INT(n, 3);
	if (n == 3) {
		CHECK_INT(b[0].year, 2025);
		CHECK_INT(b[2].year, 2023);
		CHECK_INT(b[2].people, 1);
	}
	subsidy_batches_free(b, n);
	CHECK_INT(subsidy_batches(db, "实际种粮农民一次性补贴", &b, &n, err, sizeof err), 0);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(b[0].batch, "第一批");
		CHECK_STR(b[1].batch, "第二批");
	}
	subsidy_batches_free(b, n);
	CHECK_INT(subsidy_batches(db, NULL, &b, &n, err, sizeof err), 0);
	CHECK_INT(n, 5);
	subsidy_batches_free(b, n);
	CHECK_INT(subsidy_batch_get(db, b_grain2, &one, err, sizeof err), 0);
	CHECK_STR(one.batch, "第二批");
	CHECK_INT(one.total_fen, 1551);
	subsidy_batch_clear(&one);
	CHECK_INT(subsidy_batch_get(db, 9999, &one, err, sizeof err), 1);
}

/* Townships and villages in pinyin order, with sums that add up. */
static void places_and_totals(void)
{
	struct subsidy_place *p;
	struct subsidy_totals t;
	struct subsidy_scope s = { NULL, b_farm25, "南坝镇", "黄桷村" };
	char err[256];
	long people = 0;
	int64_t fen = 0;
	int n;

	CHECK_INT(subsidy_places(db, b_farm25, NULL, &p, &n, err, sizeof err), 0);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(p[0].township, "东乡街道"); /* dong before nan */
		CHECK_STR(p[0].village, "");
		CHECK_INT(p[0].people, 5);
		CHECK_STR(p[1].township, "南坝镇");
		CHECK_INT(p[1].people, 43);
	}
	subsidy_places_free(p, n);
	CHECK_INT(subsidy_places(db, b_farm25, "南坝镇", &p, &n, err, sizeof err), 0);
	CHECK_INT(n, 3);
	if (n == 3) {
		/* bai, huang, xi */
		CHECK_STR(p[0].village, "柏树村");
		CHECK_STR(p[1].village, "黄桷村");
		CHECK_STR(p[2].village, "西城社区");
		CHECK_INT(p[1].people, 41);
	}
	for (int i = 0; i < n; i++) {
		people += p[i].people;
		fen += p[i].total_fen;
	}
	subsidy_places_free(p, n);
	CHECK_INT(subsidy_totals_get(db, &s, &t, err, sizeof err), 0);
	CHECK_INT(t.batch.people, 48);
	CHECK_INT(t.township.people, people);
	CHECK_INT(t.township.total_fen, fen);
	CHECK_INT(t.village.people, 41);
	/* 王芳 30001 + 40 rows of 10000 + i. */
	CHECK_INT(t.village.total_fen, 30001 + 40 * 10000 + 780);
	s.batch_id = 0;
	s.program = "实际种粮农民一次性补贴";
	CHECK_INT(subsidy_totals_get(db, &s, &t, err, sizeof err), 0);
	CHECK_INT(t.batch.people, 3);
	CHECK_INT(t.township.people, 0);
}

/* Returns the list statement that ran last with this SQL fragment. */
static sqlite3_stmt *find_stmt(const char *fragment)
{
	for (sqlite3_stmt *st = sqlite3_next_stmt(db->conn, NULL); st; st = sqlite3_next_stmt(db->conn, st))
		if (strstr(sqlite3_sql(st), fragment))
			return st;
	return NULL;
}

/* A village list pages forwards and back by keyset, joining up exactly,
 * and reads the place index without sorting or scanning. */
static void list_paging(void)
{
	struct subsidy_scope s = { NULL, b_farm25, "南坝镇", "黄桷村" };
	struct subsidy_page pg, next;
	long long seen[64];
	int nseen = 0, pages = 0;
	char err[256];
	sqlite3_stmt *st;

	CHECK_INT(subsidy_list(db, &s, NULL, NULL, SUBSIDY_NEXT, 7, &pg, err, sizeof err), 0);
	CHECK_INT(pg.n, 7);
	CHECK_INT(pg.more, 1);
	for (;;) {
		pages++;
		for (int i = 0; i < pg.n && nseen < 64; i++) {
			if (nseen)
				CHECK(pg.rows[i].id > seen[nseen - 1]);
			CHECK_STR(pg.rows[i].village, "黄桷村");
			seen[nseen++] = pg.rows[i].id;
		}
		if (!pg.more)
			break;
		CHECK_INT(subsidy_list(db, &s, NULL, &pg.rows[pg.n - 1], SUBSIDY_NEXT, 7, &next, err,
				       sizeof err), 0);
		subsidy_page_free(&pg);
		pg = next;
	}
	CHECK_INT(nseen, 41);
	CHECK_INT(pages, 6);
	CHECK_INT(pg.n, 6);
	/* Back from the last page: the 7 rows before it, in order. */
	CHECK_INT(subsidy_list(db, &s, NULL, &pg.rows[0], SUBSIDY_PREV, 7, &next, err, sizeof err), 0);
	CHECK_INT(next.n, 7);
	CHECK_INT(next.more, 1);
	if (next.n == 7) {
		CHECK_INT(next.rows[0].id, seen[28]);
		CHECK_INT(next.rows[6].id, seen[34]);
	}
	subsidy_page_free(&next);
	subsidy_page_free(&pg);
	st = find_stmt("AND s.id > ?4 ORDER BY s.id ASC");
	CHECK(st != NULL);
	if (st) {
		CHECK_INT(sqlite3_stmt_status(st, SQLITE_STMTSTATUS_SORT, 0), 0);
		CHECK_INT(sqlite3_stmt_status(st, SQLITE_STMTSTATUS_FULLSCAN_STEP, 0), 0);
	}

	/* The whole township: by village, then id; pages join up. */
	s.village = NULL;
	nseen = 0;
	CHECK_INT(subsidy_list(db, &s, NULL, NULL, SUBSIDY_NEXT, 5, &pg, err, sizeof err), 0);
	for (;;) {
		nseen += pg.n;
		if (!pg.more)
			break;
		CHECK_INT(subsidy_list(db, &s, NULL, &pg.rows[pg.n - 1], SUBSIDY_NEXT, 5, &next, err,
				       sizeof err), 0);
		if (next.n && pg.n) {
			int c = strcmp(next.rows[0].village, pg.rows[pg.n - 1].village);

			CHECK(c > 0 || (c == 0 && next.rows[0].id > pg.rows[pg.n - 1].id));
		}
		subsidy_page_free(&pg);
		pg = next;
	}
	subsidy_page_free(&pg);
	CHECK_INT(nseen, 43);
	st = find_stmt("AND (s.village, s.id) > (?3, ?4) ORDER BY");
	CHECK(st != NULL);
	if (st) {
		CHECK_INT(sqlite3_stmt_status(st, SQLITE_STMTSTATUS_SORT, 0), 0);
		CHECK_INT(sqlite3_stmt_status(st, SQLITE_STMTSTATUS_FULLSCAN_STEP, 0), 0);
	}
}

/* The search field narrows a list: name, pinyin with heteronyms, id tail. */
static void list_search(void)
{
	struct subsidy_scope s = { NULL, b_farm25, "南坝镇", NULL };
	struct subsidy_query q;
	struct subsidy_page pg;
	struct subsidy_sum sum;
	char err[256];

	subsidy_query_parse("德华", &q);
	CHECK_INT(subsidy_list(db, &s, &q, NULL, SUBSIDY_NEXT, 20, &pg, err, sizeof err), 0);
	CHECK_INT(pg.n, 2); /* 张德华 twice */
	if (pg.n)
		CHECK_STR(pg.rows[0].name, "张德华");
	subsidy_page_free(&pg);
	CHECK_INT(subsidy_list_sum(db, &s, &q, &sum, err, sizeof err), 0);
	CHECK_INT(sum.people, 2);
	CHECK_INT(sum.total_fen, 10000 + 4 + 10000 + 24);
	for (int i = 0; i < 2; i++) {
		subsidy_query_parse(i ? "sdf" : "ddf", &q);
		CHECK_INT(subsidy_list(db, &s, &q, NULL, SUBSIDY_NEXT, 20, &pg, err, sizeof err), 0);
		CHECK_INT(pg.n, 1);
		if (pg.n)
			CHECK_STR(pg.rows[0].name, "单德发");
		subsidy_page_free(&pg);
	}
	subsidy_query_parse("王芳 0861", &q);
	s.village = "黄桷村";
	CHECK_INT(subsidy_list(db, &s, &q, NULL, SUBSIDY_NEXT, 20, &pg, err, sizeof err), 0);
	CHECK_INT(pg.n, 1);
	if (pg.n)
		CHECK_STR(pg.rows[0].id_masked, "511722********0861");
	subsidy_page_free(&pg);
	subsidy_query_parse("王芳 9999", &q);
	CHECK_INT(subsidy_list(db, &s, &q, NULL, SUBSIDY_NEXT, 20, &pg, err, sizeof err), 0);
	CHECK_INT(pg.n, 0);
	CHECK_INT(pg.more, 0);
	subsidy_page_free(&pg);
}

/* Returns the names a query matches, joined by spaces. */
static char *matched(const struct subsidy_names *d, const char *text)
{
	struct subsidy_query q;
	struct subsidy_match *m;
	struct sbuf b = {0};

	subsidy_query_parse(text, &q);
	m = subsidy_match_new(d, &q);
	for (long i = 0; i < subsidy_match_names(m); i++) {
		if (i)
			sbuf_addc(&b, ' ');
		sbuf_add(&b, subsidy_match_name(m, i));
	}
	subsidy_match_free(m);
	return b.s ? sbuf_detach(&b) : xstrdup("");
}

/* Names are found by any two characters, Ext-A characters and the
 * initials of every reading. */
static void name_matching(void)
{
	struct subsidy_names *d;
	char err[256];
	static const struct {
		const char *text, *names;
	} cases[] = {
		{ "王芳", "王芳 王芳芳" },
		{ "芳芳", "王芳芳" },
		{ "欧阳", "欧阳明" },
		{ "秀英", "李秀英" },
		{ "刘䶮", "刘䶮" },
		{ "lxy", "李秀英" },
		{ "ly", "刘䶮" }, /* 䶮 yan */
		{ "ddf", "单德发" },
		{ "sdf", "单德发" },
		{ "cgf", "曾国藩" },
		{ "zgf", "张国发 曾国藩" },
		{ "oym", "欧阳明" },
		{ "xy", "李秀英" },
		{ "王五", "" },
	};

	CHECK_INT(subsidy_names_load(db, &d, err, sizeof err), 0);
	CHECK_INT(subsidy_names_count(d), 7 + 20);
	CHECK_INT(subsidy_names_current(db, d), 1);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = matched(d, cases[i].text);

		if (strcmp(got, cases[i].names) != 0)
			printf("  %s: got \"%s\", want \"%s\"\n", cases[i].text, got, cases[i].names);
		CHECK_STR(got, cases[i].names);
		free(got);
	}
	subsidy_names_free(d);
}

/* Reads every person of a search in scope, one page of `limit` at a time. */
static int people_all(const struct subsidy_match *m, const struct subsidy_scope *s, int limit,
		      char out[][64], int max)
{
	struct subsidy_people p, next;
	char err[256];
	int n = 0;

	if (subsidy_find(db, m, s, NULL, SUBSIDY_NEXT, limit, &p, err, sizeof err) < 0)
		return -1;
	for (;;) {
		for (int i = 0; i < p.n && n < max; i++)
			snprintf(out[n++], 64, "%s %s", p.p[i].name, p.p[i].id_tail);
		if (!p.more || p.n == 0)
			break;
		{
			struct subsidy_person_key k = { p.p[p.n - 1].name, p.p[p.n - 1].id_tail };

			if (subsidy_find(db, m, s, &k, SUBSIDY_NEXT, limit, &next, err, sizeof err) < 0)
				return -1;
		}
		subsidy_people_free(&p);
		p = next;
	}
	subsidy_people_free(&p);
	return n;
}

/* People come grouped with every program and year of theirs, in scope,
 * with totals; pages of people join up both ways. */
static void people(void)
{
	struct subsidy_names *d;
	struct subsidy_query q;
	struct subsidy_match *m;
	struct subsidy_people p, back;
	struct subsidy_scope batch = { NULL, b_farm25, NULL, NULL };
	struct subsidy_scope prog = { "实际种粮农民一次性补贴", 0, NULL, NULL };
	struct subsidy_scope town = { NULL, b_farm25, "东乡街道", NULL };
	char err[256], got[16][64];
	int n;

	if (subsidy_names_load(db, &d, err, sizeof err) < 0)
		return;
	subsidy_query_parse("王芳", &q);
	m = subsidy_match_new(d, &q);
	CHECK_INT(subsidy_match_names(m), 2);
	CHECK_INT(subsidy_match_rows(m), 1 + 4 + 2 + 2);
	CHECK_INT(subsidy_find(db, m, NULL, NULL, SUBSIDY_NEXT, 10, &p, err, sizeof err), 0);
	CHECK_INT(p.n, 3);
	CHECK_INT(p.more, 0);
	if (p.n == 3) {
		/* 0861 first: by name, then id tail. */
		CHECK_STR(p.p[0].id_masked, "511722********0861");
		CHECK_STR(p.p[0].village, "黄桷村");
		CHECK_INT(p.p[0].n, 3); /* 2023, 2024, 2025 */
		CHECK_INT(p.p[0].total_fen, 30000 + 30000 + 30001);
		CHECK_INT(p.p[0].rows[0].year, 2025);
		CHECK_INT(p.p[0].rows[2].year, 2023);
		CHECK_STR(p.p[1].id_masked, "511722********1245");
		CHECK_INT(p.p[1].n, 4);
		CHECK_INT(p.p[1].programs, 2);
		CHECK_INT(p.p[1].total_fen, 33600 + 33601 + 3003 + 1551);
		/* Grouped by program: the two 种粮 batches sit together. */
		CHECK_STR(p.p[1].rows[0].program, "实际种粮农民一次性补贴");
		CHECK_STR(p.p[1].rows[0].batch, "第一批");
		CHECK_STR(p.p[1].rows[1].batch, "第二批");
		CHECK_STR(p.p[1].rows[2].program, "耕地地力保护补贴");
		CHECK_STR(p.p[2].name, "王芳芳");
	}
	subsidy_people_free(&p);

	/* One page of one person at a time, forwards, then back. */
	n = people_all(m, NULL, 1, got, 16);
	CHECK_INT(n, 3);
	if (n == 3) {
		CHECK_STR(got[0], "王芳 0861");
		CHECK_STR(got[1], "王芳 1245");
		CHECK_STR(got[2], "王芳芳 7777");
	}
	{
		struct subsidy_person_key k = { "王芳芳", "7777" };

		CHECK_INT(subsidy_find(db, m, NULL, &k, SUBSIDY_PREV, 1, &back, err, sizeof err), 0);
		CHECK_INT(back.n, 1);
		CHECK_INT(back.more, 1);
		if (back.n)
			CHECK_STR(back.p[0].id_tail, "1245");
		subsidy_people_free(&back);
		CHECK_INT(subsidy_find(db, m, NULL, &k, SUBSIDY_PREV, 5, &back, err, sizeof err), 0);
		CHECK_INT(back.n, 2);
		CHECK_INT(back.more, 0);
		if (back.n == 2) {
			CHECK_STR(back.p[0].id_tail, "0861");
			CHECK_STR(back.p[1].id_tail, "1245");
		}
		subsidy_people_free(&back);
	}

	/* Scopes: one batch, one program, one township. */
	CHECK_INT(subsidy_find(db, m, &batch, NULL, SUBSIDY_NEXT, 10, &p, err, sizeof err), 0);
	CHECK_INT(p.n, 3);
	for (int i = 0; i < p.n; i++) {
		CHECK_INT(p.p[i].n, 1);
		CHECK_INT(p.p[i].rows[0].batch_id, b_farm25);
	}
	subsidy_people_free(&p);
	CHECK_INT(subsidy_find(db, m, &prog, NULL, SUBSIDY_NEXT, 10, &p, err, sizeof err), 0);
	CHECK_INT(p.n, 1);
	if (p.n) {
		CHECK_STR(p.p[0].id_tail, "1245");
		CHECK_INT(p.p[0].n, 2);
		CHECK_INT(p.p[0].total_fen, 3003 + 1551);
	}
	subsidy_people_free(&p);
	CHECK_INT(subsidy_find(db, m, &town, NULL, SUBSIDY_NEXT, 10, &p, err, sizeof err), 0);
	CHECK_INT(p.n, 2);
	if (p.n == 2) {
		CHECK_STR(p.p[0].township, "东乡街道");
		CHECK_STR(p.p[1].name, "王芳芳");
	}
	subsidy_people_free(&p);
	subsidy_match_free(m);

	/* The id's last four pick one of the namesakes. */
	subsidy_query_parse("王芳 1245", &q);
	m = subsidy_match_new(d, &q);
	CHECK_INT(subsidy_find(db, m, NULL, NULL, SUBSIDY_NEXT, 10, &p, err, sizeof err), 0);
	CHECK_INT(p.n, 1);
	if (p.n)
		CHECK_STR(p.p[0].id_masked, "511722********1245");
	subsidy_people_free(&p);
	subsidy_match_free(m);

	/* Without an id, a person is a name in one village. */
	subsidy_query_parse("张德发", &q);
	m = subsidy_match_new(d, &q);
	CHECK_INT(subsidy_find(db, m, NULL, NULL, SUBSIDY_NEXT, 10, &p, err, sizeof err), 0);
	CHECK_INT(p.n, 1);
	if (p.n) {
		CHECK_STR(p.p[0].id_masked, "");
		CHECK_INT(p.p[0].n, 4); /* 2 rows a year in 黄桷村, 2024 and 2025 */
	}
	subsidy_people_free(&p);
	subsidy_match_free(m);

	/* A query that matches nothing. */
	subsidy_query_parse("王五", &q);
	m = subsidy_match_new(d, &q);
	CHECK_INT(subsidy_find(db, m, NULL, NULL, SUBSIDY_NEXT, 10, &p, err, sizeof err), 0);
	CHECK_INT(p.n, 0);
	CHECK_INT(p.more, 0);
	subsidy_match_free(m);
	subsidy_names_free(d);
}

/* An import makes the names out of date. */
static void names_follow_imports(void)
{
	struct subsidy_names *d;
	struct store_import in = { "测试", 2, "", "", "0", "test", 0 };
	char err[256];
	long long imp;

	if (subsidy_names_load(db, &d, err, sizeof err) < 0)
		return;
	CHECK_INT(subsidy_names_current(db, d), 1);
	db_begin(db, err, sizeof err);
	store_import_begin(db, &in, &imp, err, sizeof err);
	db_commit(db, err, sizeof err);
	CHECK_INT(subsidy_names_current(db, d), 0);
	CHECK_INT(subsidy_names_current(db, NULL), 0);
	subsidy_names_free(d);
}

/* Money is integer fen shown as yuan with thousands separators. */
static void money(void)
{
	char b[32];

	CHECK_STR(print_format_yuan(0, b, sizeof b), "0.00");
	CHECK_STR(print_format_yuan(5, b, sizeof b), "0.05");
	CHECK_STR(print_format_yuan(33600, b, sizeof b), "336.00");
	CHECK_STR(print_format_yuan(123456, b, sizeof b), "1,234.56");
	CHECK_STR(print_format_yuan(1234567890, b, sizeof b), "12,345,678.90");
	CHECK_STR(print_format_yuan(100000000, b, sizeof b), "1,000,000.00");
}

int main(void)
{
	setup();
	if (!db) {
		printf("FAIL: setup\n");
		return 1;
	}
	TEST(query_parse);
	TEST(programs_and_batches);
	TEST(places_and_totals);
	TEST(list_paging);
	TEST(list_search);
	TEST(name_matching);
	TEST(people);
	TEST(names_follow_imports);
	TEST(money);
	db_close(db);
	{
		char cmd[300];

		snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
		if (system(cmd) != 0)
			printf("  could not remove %s\n", tmpdir);
	}
	return CHECK_EXIT();
}
