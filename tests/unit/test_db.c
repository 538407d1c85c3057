/*
 * test_db.c - opening and migrating the database, and the gk tokenizer's
 * promise: any two adjacent Hanzi of a title or body find it.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/db.h"
#include "db/db_internal.h"
#include "kiosk/util.h"
#include "tests/unit/check.h"

static char tmpdir[] = "/tmp/gk-test-db.XXXXXX";

/* Opens a fresh database in the temp folder. */
static struct db *open_fresh(const char *name)
{
	char path[256], err[256];
	struct db *db = NULL;

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	if (db_open(path, DB_READWRITE, &db, err, sizeof err) != 0)
		printf("  open: %s\n", err);
	return db;
}

/* Counts rows of a query with one text parameter. */
static int count(struct db *db, const char *sql, const char *param)
{
	sqlite3_stmt *st;
	int n = -1;

	if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL) != SQLITE_OK) {
		printf("  prepare: %s\n", sqlite3_errmsg(db->conn));
		return -1;
	}
	if (param)
		sqlite3_bind_text(st, 1, param, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	else
		printf("  step: %s\n", sqlite3_errmsg(db->conn));
	sqlite3_finalize(st);
	return n;
}

/* A new database is migrated to the latest version, and reopening is a no-op. */
static void test_migrations(void)
{
	struct db *db = open_fresh("m.db");
	int v;

	CHECK(db != NULL);
	if (!db)
		return;
	v = db_schema_version(db);
	CHECK(v >= 1);
	db_close(db);
	db = open_fresh("m.db");
	CHECK(db != NULL);
	if (db)
		CHECK_INT(db_schema_version(db), v);
	db_close(db);
}

/* Collects tokens separated by '|'. */
static void collect(void *ctx, const char *tok, int len)
{
	struct sbuf *b = ctx;

	if (b->len)
		sbuf_addc(b, '|');
	sbuf_addn(b, tok, (size_t)len);
}

/* Each Hanzi is a token, ASCII runs are lowercased, full-width folds. */
static void test_tokenizer(void)
{
	struct sbuf b = {0};

	db_tokenize("巫山府办发〔2021〕48号", (int)strlen("巫山府办发〔2021〕48号"), collect, &b);
	CHECK_STR(sbuf_str(&b), "巫|山|府|办|发|2021|48|号");
	sbuf_reset(&b);
	db_tokenize("刘䶮 ＡＢc１２, x", (int)strlen("刘䶮 ＡＢc１２, x"), collect, &b);
	CHECK_STR(sbuf_str(&b), "刘|䶮|abc12|x");
	sbuf_reset(&b);
	db_tokenize("𠀀。！", (int)strlen("𠀀。！"), collect, &b);
	CHECK_STR(sbuf_str(&b), "𠀀");
	sbuf_free(&b);
}

/* The query builder quotes words as phrases and drops punctuation-only words. */
static void test_fts_query(void)
{
	char *q = db_fts_query("王芳 1234");

	CHECK_STR(q, "\"王芳\" \"1234\"");
	free(q);
	q = db_fts_query("  say\"hi\"　欧阳 ");
	CHECK_STR(q, "\"say\"\"hi\"\"\" \"欧阳\"");
	free(q);
	CHECK(db_fts_query("，。 ") == NULL);
	CHECK(db_fts_query("") == NULL);
}

/* Two adjacent characters find a bulletin; the same two apart do not. */
static void test_fts_phrase(void)
{
	struct db *db = open_fresh("f.db");
	char *q;

	CHECK(db != NULL);
	if (!db)
		return;
	CHECK(sqlite3_exec(db->conn,
		"INSERT INTO imports(issuer,sequence,imported_at,manifest_sha256) VALUES('x',1,'t','h');"
		"INSERT INTO bulletins(index_no,category,title,doc_no,issuer,published,body,body_path,import_id)"
		" VALUES('a','通知公告','关于耕地地力保护补贴发放的公示','巫山府办发〔2021〕48号','县农业农村局','2024-01-02','名单见附件，刘䶮等。','bodies/a.txt',1);",
		NULL, NULL, NULL) == SQLITE_OK);
	q = db_fts_query("地力");
	CHECK_INT(count(db, "SELECT count(*) FROM bulletins_fts WHERE bulletins_fts MATCH ?", q), 1);
	free(q);
	q = db_fts_query("力地");
	CHECK_INT(count(db, "SELECT count(*) FROM bulletins_fts WHERE bulletins_fts MATCH ?", q), 0);
	free(q);
	q = db_fts_query("刘䶮");
	CHECK_INT(count(db, "SELECT count(*) FROM bulletins_fts WHERE bulletins_fts MATCH ?", q), 1);
	free(q);
	q = db_fts_query("48号");
	CHECK_INT(count(db, "SELECT count(*) FROM bulletins_fts WHERE bulletins_fts MATCH ?", q), 1);
	free(q);
	/* Bigrams (db/tokenize.c): runs of every length, a run between words,
	 * one character, a line break inside a word, and no match across a
	 * character that is not there or a punctuation mark. */
	static const struct {
		const char *query;
		int n;
	} cases[] = {
		{ "耕地地力保护补贴", 1 }, { "耕", 1 }, { "保护", 1 }, { "护补", 1 },
		{ "2021〕48号", 1 }, { "〔2021", 1 }, { "发〔2021", 1 }, { "48号巫山", 0 },
		{ "办发2021", 1 }, { "府办发2021", 1 }, { "政务公开", 1 }, { "务公开专区", 1 },
		{ "政务开", 0 }, { "见附", 1 }, { "件刘", 0 }, { "附件刘䶮", 0 }, { "公示关于", 0 },
		{ "刘䶮等", 1 }, { "䶮", 1 }, { "x政务", 0 }, { "2024", 0 },
	};
	CHECK(sqlite3_exec(db->conn,
		"INSERT INTO bulletins(index_no,category,title,doc_no,issuer,published,body,body_path,import_id)"
		" VALUES('b','通知公告','说明','','县政府办','2024-01-03','请到政务\n公开专区办理。','bodies/b.txt',1);",
		NULL, NULL, NULL) == SQLITE_OK);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		q = db_fts_query(cases[i].query);
		if (count(db, "SELECT count(*) FROM bulletins_fts WHERE bulletins_fts MATCH ?", q) !=
		    cases[i].n)
			fprintf(stderr, "  query %s: expected %d\n", cases[i].query, cases[i].n);
		CHECK_INT(count(db, "SELECT count(*) FROM bulletins_fts WHERE bulletins_fts MATCH ?", q),
			  cases[i].n);
		free(q);
	}
	/* Deleting the row removes it from the index too. */
	CHECK(sqlite3_exec(db->conn, "DELETE FROM bulletins", NULL, NULL, NULL) == SQLITE_OK);
	q = db_fts_query("地力");
	CHECK_INT(count(db, "SELECT count(*) FROM bulletins_fts WHERE bulletins_fts MATCH ?", q), 0);
	free(q);
	db_close(db);
}

/* Makes n distinct SQL texts head + i + tail, each at its own address, as
 * the cache keys statements by address. Caller frees with free_sql(). */
static char **make_sql(const char *head, const char *tail, int n)
{
	char **sql = xcalloc((size_t)n, sizeof *sql);

	for (int i = 0; i < n; i++) {
		char buf[256];

		snprintf(buf, sizeof buf, "%s%d%s", head, i, tail);
		sql[i] = xstrdup(buf);
	}
	return sql;
}

/* Frees what make_sql() returned. */
static void free_sql(char **sql, int n)
{
	for (int i = 0; i < n; i++)
		free(sql[i]);
	free(sql);
}

/* Tells whether the cache still holds st for sql (so it is not finalized). */
static int still_cached(const struct db *db, const char *sql, const sqlite3_stmt *st)
{
	for (int i = 0; i < db->ncache; i++)
		if (db->cache[i].sql == sql && db->cache[i].stmt == st)
			return 1;
	return 0;
}

/* Runs cached statement "SELECT ?1 * 100000 + i" with ?1 = k; returns its value or -1. */
static long long run_cached(struct db *db, const char *sql, int k)
{
	char err[256];
	sqlite3_stmt *st = db_stmt(db, sql, err, sizeof err);
	long long v = -1;

	if (!st) {
		printf("  db_stmt: %s\n", err);
		return -1;
	}
	sqlite3_bind_int(st, 1, k);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return v;
}

/* Far more distinct statements than the cache has slots (1,200 against
 * DB_MAX_STMTS), interleaved with reuse of new and old ones, all give their
 * own results; the cache neither exits nor grows past its slots. */
static void test_stmt_cache_many_statements(void)
{
	enum { N = 1200 };
	struct db *db = open_fresh("c.db");
	char **sql = make_sql("SELECT ?1 * 100000 + ", "", N);
	int bad = 0;

	CHECK(db != NULL);
	if (!db) {
		free_sql(sql, N);
		return;
	}
	for (int i = 0; i < N; i++) {
		int k = i % 9 + 1;

		bad += run_cached(db, sql[i], k) != k * 100000LL + i;
		if (i % 3 == 0) {     /* reuse: the first, a middle one, the previous one */
			bad += run_cached(db, sql[0], 2) != 200000;
			bad += run_cached(db, sql[i / 2], 3) != 300000LL + i / 2;
			if (i)
				bad += run_cached(db, sql[i - 1], 4) != 400000LL + i - 1;
		}
	}
	for (int i = N; i-- > 0;)   /* and all of them again, backwards */
		bad += run_cached(db, sql[i], 5) != 500000LL + i;
	CHECK_INT(bad, 0);
	CHECK(db->ncache <= DB_MAX_STMTS);
	db_close(db);
	free_sql(sql, N);
}

/* A statement being stepped is never finalized under its caller: an outer
 * query walks 300 rows while each row prepares new statements that evict
 * others; a statement handed out and bound but not yet stepped survives
 * the next few calls. (The ASan build catches a use after finalize.) */
static void test_stmt_cache_keeps_statements_in_use(void)
{
	enum { N = 1500 };
	static const char outer_sql[] =
		"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300)"
		" SELECT x FROM c";
	static const char held_sql[] = "SELECT ?1 + 1";
	struct db *db = open_fresh("c2.db");
	char **sql = make_sql("SELECT ?1 * 100000 + ", "", N);
	sqlite3_stmt *outer, *held;
	char err[256];
	int next = 0, bad = 0, rc, x = 0;

	CHECK(db != NULL);
	if (!db) {
		free_sql(sql, N);
		return;
	}
	for (; next < DB_MAX_STMTS; next++)     /* fill the cache */
		bad += run_cached(db, sql[next], 1) != 100000LL + next;
	outer = db_stmt(db, outer_sql, err, sizeof err);
	CHECK(outer != NULL);
	if (!outer) {
		db_close(db);
		free_sql(sql, N);
		return;
	}
	while ((rc = sqlite3_step(outer)) == SQLITE_ROW) {
		bad += sqlite3_column_int(outer, 0) != ++x;
		for (int j = 0; j < 4 && next < N; j++, next++)
			bad += run_cached(db, sql[next], 2) != 200000LL + next;
		if (!still_cached(db, outer_sql, outer)) {
			CHECK(!"the outer statement was evicted while stepping");
			break;
		}
	}
	CHECK_INT(rc, SQLITE_DONE);
	CHECK_INT(x, 300);
	sqlite3_reset(outer);
	/* handed out, bound, then four other statements, then stepped */
	held = db_stmt(db, held_sql, err, sizeof err);
	CHECK(held != NULL);
	if (held) {
		sqlite3_bind_int(held, 1, 41);
		for (int j = 0; j < 4 && next < N; j++, next++)
			bad += run_cached(db, sql[next], 3) != 300000LL + next;
		CHECK(still_cached(db, held_sql, held));
		CHECK_INT(sqlite3_step(held), SQLITE_ROW);
		CHECK_INT(sqlite3_column_int(held, 0), 42);
		sqlite3_reset(held);
	}
	CHECK_INT(bad, 0);
	CHECK(next > 1000);
	db_close(db);
	free_sql(sql, N);
}

/* More statements stepping at once than the cache has slots: none is
 * finalized, each finishes its rows, and the cache takes new ones after.
 * A statement bound but not yet stepped when the cache is full of stepping
 * ones survives the next calls too. */
static void test_stmt_cache_all_busy(void)
{
	enum { N = DB_MAX_STMTS + 24 };
	static const char held_sql[] = "SELECT ?1 + 1";
	struct db *db = open_fresh("c3.db");
	char **sql = make_sql("SELECT ", " UNION ALL SELECT ?1", N);
	sqlite3_stmt *st[N], *held = NULL;
	char err[256];
	int bad = 0;

	CHECK(db != NULL);
	if (!db) {
		free_sql(sql, N);
		return;
	}
	for (int i = 0; i < N; i++) {
		st[i] = db_stmt(db, sql[i], err, sizeof err);
		if (!st[i]) {
			printf("  db_stmt %d: %s\n", i, err);
			bad++;
			continue;
		}
		sqlite3_bind_int(st[i], 1, -i);
		bad += sqlite3_step(st[i]) != SQLITE_ROW || sqlite3_column_int(st[i], 0) != i;
		if (i == DB_MAX_STMTS - 2) {        /* fills the last slot */
			held = db_stmt(db, held_sql, err, sizeof err);
			if (held)
				sqlite3_bind_int(held, 1, 41);
		}
		if (i == DB_MAX_STMTS + 2 && held) {   /* three calls later */
			CHECK(still_cached(db, held_sql, held));
			bad += sqlite3_step(held) != SQLITE_ROW || sqlite3_column_int(held, 0) != 42;
			sqlite3_reset(held);
		}
	}
	CHECK(held != NULL);
	for (int i = 0; i < N; i++) {
		if (!st[i])
			continue;
		bad += !still_cached(db, sql[i], st[i]);
		bad += sqlite3_step(st[i]) != SQLITE_ROW || sqlite3_column_int(st[i], 0) != -i;
		bad += sqlite3_step(st[i]) != SQLITE_DONE;
		sqlite3_reset(st[i]);
	}
	for (int i = 0; i < N; i++) {   /* reused or prepared again */
		sqlite3_stmt *s = db_stmt(db, sql[i], err, sizeof err);

		if (!s) {
			bad++;
			continue;
		}
		sqlite3_bind_int(s, 1, 7);
		bad += sqlite3_step(s) != SQLITE_ROW || sqlite3_column_int(s, 0) != i;
		sqlite3_reset(s);
	}
	CHECK_INT(bad, 0);
	CHECK(db_stmt(db, "SELECT nonsense FROM nowhere", err, sizeof err) == NULL);
	CHECK(strstr(err, "数据库") != NULL && strstr(err, "SQLite 错误码 1") != NULL);
	db_close(db);
	free_sql(sql, N);
}

/* Runs the database tests in a temporary folder. */
int main(void)
{
	if (!mkdtemp(tmpdir))
		return 3;
	TEST(test_migrations);
	TEST(test_tokenizer);
	TEST(test_fts_query);
	TEST(test_fts_phrase);
	TEST(test_stmt_cache_many_statements);
	TEST(test_stmt_cache_keeps_statements_in_use);
	TEST(test_stmt_cache_all_busy);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
	if (system(cmd) != 0)
		return 3;
	return CHECK_EXIT();
}
