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
	/* Deleting the row removes it from the index too. */
	CHECK(sqlite3_exec(db->conn, "DELETE FROM bulletins", NULL, NULL, NULL) == SQLITE_OK);
	q = db_fts_query("地力");
	CHECK_INT(count(db, "SELECT count(*) FROM bulletins_fts WHERE bulletins_fts MATCH ?", q), 0);
	free(q);
	db_close(db);
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
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
	if (system(cmd) != 0)
		return 3;
	return CHECK_EXIT();
}
