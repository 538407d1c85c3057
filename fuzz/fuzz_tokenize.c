/*
 * fuzz_tokenize.c - libFuzzer harness for the gk tokenizer (db/tokenize.c)
 * through FTS5, as bundle text and a villager's query reach it. The input
 * is a document and a query separated by the first NUL (no NUL: the whole
 * input is both). The document is stored as a bulletin's title and body,
 * searched with db_fts_query(query), then deleted, which tokenizes it again:
 * FTS5's integrity check then fails if the two tokenizations differ. Besides
 * crashes and sanitizer reports it aborts when a promise breaks: a query of
 * ideographs alone (the common case, 政务公开) that stands in the document
 * as it is must find it.
 */
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "db/db_internal.h"
#include "kiosk/width.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Returns 1 when text is valid UTF-8 of ideographs only (at least one). */
static int fuzz_all_ideographs(const char *text)
{
	size_t n = strlen(text), i = 0;

	if (!n)
		return 0;
	while (i < n) {
		uint32_t cp;
		int k = width_decode(text + i, n - i, &cp);

		if (k <= 0 || cp == 0xFFFD ||
		    !((cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF)))
			return 0;
		i += (size_t)k;
	}
	return 1;
}

/* Runs sql with one text parameter; returns the first column's integer or
 * -1 when the statement fails. */
static long long fuzz_count(struct db *db, const char *sql, const char *text)
{
	sqlite3_stmt *st;
	long long n = -1;

	if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL) != SQLITE_OK)
		abort();
	if (text)
		sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct db *db;
	char err[256], *doc, *query, *match;
	const uint8_t *nul = memchr(data, 0, size);
	sqlite3_stmt *st;

	if (!db) {
		if (db_open(":memory:", DB_READWRITE, &db, err, sizeof err) < 0 ||
		    sqlite3_exec(db->conn,
				 "INSERT INTO imports(issuer,sequence,imported_at,manifest_sha256)"
				 " VALUES('fuzz',1,'t','h')",
				 NULL, NULL, NULL) != SQLITE_OK)
			abort();
	}
	if (size > 4096)
		return 0;
	doc = malloc(size + 1);
	if (!doc)
		abort();
	memcpy(doc, data, size);
	doc[size] = '\0';
	query = nul ? doc + (nul - data) + 1 : doc;
	if (sqlite3_prepare_v2(db->conn,
			       "INSERT INTO bulletins(index_no,category,title,doc_no,issuer,published,"
			       "body,body_path,import_id) VALUES('f','通知公告',?1,'','x','2026-01-01',"
			       "?1,'b',1)",
			       -1, &st, NULL) != SQLITE_OK)
		abort();
	sqlite3_bind_text(st, 1, doc, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		abort();
	sqlite3_finalize(st);
	match = db_fts_query(query);
	if (match) {
		long long n = fuzz_count(db, "SELECT count(*) FROM bulletins_fts WHERE bulletins_fts"
					     " MATCH ?1", match);

		if (n < 0)
			abort(); /* a query db_fts_query built must parse */
		if (n != 1 && fuzz_all_ideographs(query) && strstr(doc, query))
			abort(); /* the characters as they stand must be found */
		free(match);
	}
	if (sqlite3_exec(db->conn, "DELETE FROM bulletins", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db->conn, "INSERT INTO bulletins_fts(bulletins_fts) VALUES('integrity-check')",
			 NULL, NULL, NULL) != SQLITE_OK)
		abort(); /* deleting tokenized the text differently */
	free(doc);
	return 0;
}
