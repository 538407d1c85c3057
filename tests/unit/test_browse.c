/*
 * test_browse.c - the reading screens' queries: pages newest first that
 * join up going forward and back, topic and year filters, search by two
 * Hanzi, 文号 and pinyin initials, validity, interpretation links, guides
 * and Q&A, and that the lists read from their index without sorting.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/browse.h"
#include "db/db.h"
#include "db/db_internal.h"
#include "db/store.h"
#include "kiosk/util.h"
#include "tests/unit/check.h"

static char tmpdir[] = "/tmp/gk-test-browse.XXXXXX";
static struct db *db;

/* Adds one bulletin. */
static void add(const char *idx, const char *cat, const char *title, const char *doc_no,
		const char *published, const char *validity, const char *topic, const char *body,
		const char *related, const char *py)
{
	char err[256];
	struct store_bulletin b = { idx, cat, title, doc_no, "东乡街道办事处", "", published,
				    validity, topic, body, "bodies/x.txt", related, "", py };

	if (store_bulletin_put(db, 1, &b, err, sizeof err) < 0)
		printf("  put %s: %s\n", idx, err);
}

/* Builds the test database: 25 notices over 2024-2026 and a few others. */
static void setup(void)
{
	char path[256], err[256];
	long long imp;
	struct store_import in = { "测试", 1, "", "", "0", "test", 0 };

	if (!mkdtemp(tmpdir))
		return;
	snprintf(path, sizeof path, "%s/b.db", tmpdir);
	if (db_open(path, DB_READWRITE, &db, err, sizeof err) < 0) {
		printf("  open: %s\n", err);
		return;
	}
	db_begin(db, err, sizeof err);
	store_import_begin(db, &in, &imp, err, sizeof err);
	for (int i = 1; i <= 25; i++) {
		char idx[32], title[128], pub[64];

		snprintf(idx, sizeof idx, "N-%02d", i);
		snprintf(title, sizeof title, "第%02d号通知", i);
		/* Two rows share each date so the id breaks ties. */
		snprintf(pub, sizeof pub, "%04d-%02d-01", 2024 + (i - 1) / 10, 1 + ((i - 1) / 2) % 12);
		add(idx, "通知公告", title, "", pub, "", i % 2 ? "农业农村" : "社会救助",
		    "普通正文。", "", "");
	}
	add("P-1", "规范性文件", "东乡街道农村低保审核确认办法", "东乡府规〔2024〕1号", "2024-03-01",
	    "现行有效", "社会救助", "第一条　为规范审核确认工作，制定本办法。", "", "");
	add("P-2", "规范性文件", "临时救助实施细则", "东乡府规〔2019〕2号", "2019-04-10", "失效",
	    "社会救助", "正文", "", "");
	add("I-1", "政策解读", "《低保审核确认办法》政策解读", "", "2024-03-05", "", "社会救助",
	    "解读正文", "P-1", "");
	add("L-1", "通知公告", "李秀英同志先进事迹通报", "", "2025-06-01", "", "社会救助",
	    "王䶮同志和李秀英同志。", "", "lxytzxjsjtb");
	store_qa_add(db, "QA-1", "低保申请要带哪些材料？", "带户口簿。", "低保", "P-1", "社会事务办",
		     "2026-08-02", "dbsqydnxcl", err, sizeof err);
	{
		struct store_guide g = { "GD-001", "最低生活保障申请", "社会事务办", "", "收入低于标准",
					 "申请书", "申请→审核", "20个工作日", "不收费", "2号窗口",
					 "周一至周五", "0818-5210123", "zdshbzsq" };
		store_guide_add(db, &g, err, sizeof err);
	}
	if (db_commit(db, err, sizeof err) < 0)
		printf("  commit: %s\n", err);
}

/* Reads a page of notices, optionally narrowed. */
static int page(const struct browse_query *q, const struct browse_item *from, int dir, int n,
		struct browse_page *p)
{
	char err[256];
	int rc = browse_list(db, q, from, dir, n, p, err, sizeof err);

	if (rc < 0)
		printf("  browse_list: %s\n", err);
	return rc;
}

/* Pages forward are newest first and continue exactly; a page back returns
 * the rows before, in the same order. */
static void paging(void)
{
	struct browse_query q = { BROWSE_BULLETINS, "通知公告", NULL, 0, NULL };
	struct browse_page a, b, c;

	CHECK_INT(page(&q, NULL, BROWSE_NEXT, 10, &a), 0);
	CHECK_INT(a.n, 10);
	CHECK(a.more);
	CHECK_STR(a.items[0].title, "第24号通知"); /* 2026-12-01, the newest */
	for (int i = 1; i < a.n; i++)
		CHECK(strcmp(a.items[i - 1].date, a.items[i].date) > 0 ||
		      (strcmp(a.items[i - 1].date, a.items[i].date) == 0 &&
		       a.items[i - 1].id > a.items[i].id));
	CHECK_INT(page(&q, &a.items[9], BROWSE_NEXT, 10, &b), 0);
	CHECK_INT(b.n, 10);
	CHECK(strcmp(b.items[0].date, a.items[9].date) <= 0);
	CHECK(b.items[0].id != a.items[9].id);
	CHECK_INT(page(&q, &b.items[0], BROWSE_PREV, 10, &c), 0);
	CHECK_INT(c.n, 10);
	for (int i = 0; i < 10 && i < c.n; i++)
		CHECK_INT(c.items[i].id, a.items[i].id);
	CHECK_INT(c.more, 0);
	browse_page_free(&c);
	CHECK_INT(page(&q, &b.items[9], BROWSE_NEXT, 10, &c), 0);
	CHECK_INT(c.n, 6); /* 26 notices in all */
	CHECK_INT(c.more, 0);
	browse_page_free(&a);
	browse_page_free(&b);
	browse_page_free(&c);
}

/* Topic and year narrow the list; topics and years come from the index. */
static void filters(void)
{
	struct browse_query q = { BROWSE_BULLETINS, "通知公告", "农业农村", 2025, NULL };
	struct browse_page p;
	char **topics, err[256];
	int n, years[8], ny;
	long count;

	CHECK_INT(page(&q, NULL, BROWSE_NEXT, 50, &p), 0);
	CHECK_INT(p.n, 5);
	for (int i = 0; i < p.n; i++) {
		CHECK_STR(p.items[i].topic, "农业农村");
		CHECK(strncmp(p.items[i].date, "2025", 4) == 0);
	}
	browse_page_free(&p);
	CHECK_INT(browse_count(db, &q, &count, err, sizeof err), 0);
	CHECK_INT(count, 5);
	CHECK_INT(browse_topics(db, "通知公告", 10, &topics, &n, err, sizeof err), 0);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(topics[0], "农业农村");
		CHECK_STR(topics[1], "社会救助");
	}
	browse_strings_free(topics, n);
	CHECK_INT(browse_years(db, "通知公告", years, 8, &ny, err, sizeof err), 0);
	CHECK_INT(ny, 3);
	CHECK_INT(years[0], 2026);
	CHECK_INT(years[2], 2024);
}

/* Two Hanzi anywhere in title or body, a 文号, and pinyin initials. */
static void search(void)
{
	struct browse_query q = { BROWSE_BULLETINS, NULL, NULL, 0, "审核" };
	struct browse_page p;

	CHECK_INT(page(&q, NULL, BROWSE_NEXT, 10, &p), 0);
	CHECK_INT(p.n, 2); /* 办法 (title and body) and its interpretation (title) */
	browse_page_free(&p);
	q.category = "规范性文件";
	CHECK_INT(page(&q, NULL, BROWSE_NEXT, 10, &p), 0);
	CHECK_INT(p.n, 1);
	if (p.n == 1) {
		CHECK_STR(p.items[0].validity, "现行有效");
		CHECK_STR(p.items[0].number, "东乡府规〔2024〕1号");
	}
	browse_page_free(&p);
	q.text = "府规〔2019〕";
	CHECK_INT(page(&q, NULL, BROWSE_NEXT, 10, &p), 0);
	CHECK_INT(p.n, 1);
	if (p.n == 1)
		CHECK_STR(p.items[0].validity, "失效");
	browse_page_free(&p);
	q.category = NULL;
	q.text = "王䶮"; /* Ext-A in a body */
	CHECK_INT(page(&q, NULL, BROWSE_NEXT, 10, &p), 0);
	CHECK_INT(p.n, 1);
	browse_page_free(&p);
	q.text = "lxy";
	CHECK_INT(page(&q, NULL, BROWSE_NEXT, 10, &p), 0);
	CHECK_INT(p.n, 1);
	if (p.n == 1)
		CHECK_STR(p.items[0].title, "李秀英同志先进事迹通报");
	browse_page_free(&p);
	q.text = "、。";
	CHECK_INT(page(&q, NULL, BROWSE_NEXT, 10, &p), 0);
	CHECK_INT(p.n, 0);
	browse_page_free(&p);
	q.text = "没有这样";
	CHECK_INT(page(&q, NULL, BROWSE_NEXT, 10, &p), 0);
	CHECK_INT(p.n, 0);
	browse_page_free(&p);
	CHECK(browse_is_pinyin("l x y"));
	CHECK(!browse_is_pinyin("李x"));
	CHECK(!browse_is_pinyin("48"));
}

/* The interpretation names its policy; the policy lists it. */
static void links(void)
{
	struct browse_doc d = {0};
	struct browse_page p;
	long long id;
	char err[256];

	CHECK_INT(browse_doc_by_index(db, "P-1", &id, err, sizeof err), 0);
	CHECK(id > 0);
	CHECK_INT(browse_doc_get(db, id, &d, err, sizeof err), 0);
	CHECK_STR(d.title, "东乡街道农村低保审核确认办法");
	CHECK_STR(d.validity, "现行有效");
	CHECK_INT(browse_interpretations(db, d.index_no, 5, &p, err, sizeof err), 0);
	CHECK_INT(p.n, 1);
	if (p.n == 1)
		CHECK_STR(p.items[0].category, "政策解读");
	browse_page_free(&p);
	browse_doc_free(&d);
	CHECK_INT(browse_doc_get(db, 999999, &d, err, sizeof err), 1);
	CHECK_INT(browse_doc_by_index(db, "nope", &id, err, sizeof err), 0);
	CHECK_INT(id, 0);
}

/* Guides and Q&A list, search and read. */
static void guides_and_qa(void)
{
	struct browse_query q = { BROWSE_GUIDES, NULL, NULL, 0, "生活" };
	struct browse_page p;
	struct browse_guide g = {0};
	struct browse_qa a = {0};
	char err[256];

	CHECK_INT(page(&q, NULL, BROWSE_NEXT, 10, &p), 0);
	CHECK_INT(p.n, 1);
	if (p.n == 1) {
		CHECK_INT(browse_guide_get(db, p.items[0].id, &g, err, sizeof err), 0);
		CHECK_STR(g.time_limit, "20个工作日");
		CHECK_STR(g.phone, "0818-5210123");
		browse_guide_free(&g);
	}
	browse_page_free(&p);
	q.text = "窗口"; /* the location, indexed in the guide's body */
	CHECK_INT(page(&q, NULL, BROWSE_NEXT, 10, &p), 0);
	CHECK_INT(p.n, 1);
	browse_page_free(&p);
	q.kind = BROWSE_QA;
	q.text = "材料";
	CHECK_INT(page(&q, NULL, BROWSE_NEXT, 10, &p), 0);
	CHECK_INT(p.n, 1);
	if (p.n == 1) {
		CHECK_INT(browse_qa_get(db, p.items[0].id, &a, err, sizeof err), 0);
		CHECK_STR(a.answer, "带户口簿。");
		CHECK_STR(a.related, "P-1");
		browse_qa_free(&a);
	}
	browse_page_free(&p);
}

/* Walks a whole search result page by page, forward then back, and checks
 * the order and the count. */
static int walk(struct browse_query *q, int per)
{
	struct browse_page p, next;
	int total = 0, pages = 0;
	long long first_id;

	if (page(q, NULL, BROWSE_NEXT, per, &p) < 0)
		return -1;
	first_id = p.n ? p.items[0].id : 0;
	for (;;) {
		total += p.n;
		pages++;
		for (int i = 1; i < p.n; i++)
			CHECK(strcmp(p.items[i - 1].date, p.items[i].date) >= 0);
		if (!p.more || p.n == 0)
			break;
		CHECK_INT(page(q, &p.items[p.n - 1], BROWSE_NEXT, per, &next), 0);
		browse_page_free(&p);
		p = next;
	}
	/* And back to the start. */
	while (pages-- > 1) {
		CHECK_INT(page(q, &p.items[0], BROWSE_PREV, per, &next), 0);
		CHECK_INT(next.n, per);
		browse_page_free(&p);
		p = next;
	}
	CHECK(p.n == 0 || p.items[0].id == first_id);
	browse_page_free(&p);
	return total;
}

/* Common words (more matches than the probe reads) page through the list's
 * index; a word common elsewhere but absent from the newest rows of this
 * list falls back to the full match; rare words page through their ids. */
static void search_strategies(void)
{
	char err[256];
	struct browse_query q = { BROWSE_BULLETINS, "政府公报", NULL, 0, "常见词" };

	db_begin(db, err, sizeof err);
	for (int i = 0; i < 300; i++) {
		char idx[32], title[64], pub[64];

		snprintf(idx, sizeof idx, "G-%03d", i);
		snprintf(title, sizeof title, "公报第%d期", i);
		snprintf(pub, sizeof pub, "20%02d-%02d-%02d", 10 + i % 15, 1 + i % 12, 1 + i % 28);
		add(idx, "政府公报", title, "", pub, "", "公报", i % 3 ? "常见词在这里。" : "别的内容。", "", "");
	}
	for (int i = 0; i < 100; i++) {
		char idx[32], pub[64];

		snprintf(idx, sizeof idx, "F-%03d", i);
		snprintf(pub, sizeof pub, "2027-01-%02d", 1 + i % 28);
		add(idx, "通知公告", "新近的通知", "", pub, "", "其他", "没有那个词。", "", "");
	}
	for (int i = 0; i < 3; i++) {
		char idx[32];

		snprintf(idx, sizeof idx, "OLD-%d", i);
		add(idx, "通知公告", "很早的通知", "", "2001-01-01", "", "其他", "这里也有常见词。", "", "");
	}
	db_commit(db, err, sizeof err);
	CHECK_INT(walk(&q, 7), 200);   /* window path: two of three gazettes */
	q.category = "通知公告";
	CHECK_INT(walk(&q, 7), 3);     /* window misses, full match finds them */
	q.category = NULL;
	CHECK_INT(walk(&q, 9), 203);   /* every category */
	q.text = "很早";
	CHECK_INT(walk(&q, 2), 3);     /* rare: the ids themselves */
	q.category = "政府公报";
	q.text = "常见词";
	q.year = 2011;
	CHECK_INT(walk(&q, 5), 20);    /* with a year: the 2011 gazettes, all matching */
}

/* Collects the EXPLAIN QUERY PLAN details of a statement. */
static void plan_of(const char *sql, struct sbuf *out)
{
	char *eqp = xasprintf("EXPLAIN QUERY PLAN %s", sql);
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db->conn, eqp, -1, &st, NULL) == SQLITE_OK) {
		while (sqlite3_step(st) == SQLITE_ROW) {
			sbuf_add(out, (const char *)sqlite3_column_text(st, 3));
			sbuf_addc(out, '\n');
		}
		sqlite3_finalize(st);
	}
	free(eqp);
}

/* The unsearched lists walk an index in order: no sort, no full scan. */
static void plans(void)
{
	struct sbuf p = {0};

	plan_of("SELECT id FROM bulletins WHERE category = ?1 AND published >= ?2 AND published < ?3"
		" AND (published, id) < (?5, ?6) ORDER BY published DESC, id DESC LIMIT ?7", &p);
	CHECK(strstr(sbuf_str(&p), "bulletins_list") != NULL);
	CHECK(strstr(sbuf_str(&p), "TEMP B-TREE") == NULL);
	sbuf_reset(&p);
	plan_of("SELECT id FROM bulletins WHERE category = ?1 AND topic = ?4 AND published >= ?2"
		" AND published < ?3 AND (published, id) < (?5, ?6)"
		" ORDER BY published DESC, id DESC LIMIT ?7", &p);
	CHECK(strstr(sbuf_str(&p), "bulletins_topic") != NULL);
	CHECK(strstr(sbuf_str(&p), "TEMP B-TREE") == NULL);
	sbuf_free(&p);
}

/* Runs the tests on one database. */
int main(void)
{
	setup();
	if (!db) {
		printf("FAIL: setup\n");
		return 1;
	}
	TEST(paging);
	TEST(filters);
	TEST(search);
	TEST(links);
	TEST(guides_and_qa);
	TEST(plans);
	TEST(search_strategies);
	db_close(db);
	{
		char cmd[300];

		snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
		if (system(cmd) != 0)
			printf("  could not remove %s\n", tmpdir);
	}
	return CHECK_EXIT();
}
