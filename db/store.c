/*
 * store.c - the importer's writes, one prepared statement per question.
 */
#include "db/store.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "db/db_internal.h"
#include "kiosk/util.h"

/* Steps a write statement to completion. */
static int store_done(struct db *db, sqlite3_stmt *st, const char *what, char *err, size_t errlen)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return db_fail(db, what, err, errlen);
	return 0;
}

/* Runs a statement with one int64 parameter. */
static int store_exec_id(struct db *db, const char *sql, long long id, const char *what,
			 char *err, size_t errlen)
{
	sqlite3_stmt *st = db_stmt(db, sql, err, errlen);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return store_done(db, st, what, err, errlen);
}

/* Reads the highest imported sequence. */
int store_last_sequence(struct db *db, long long *seq, char *err, size_t errlen)
{
	static const char sql[] = "SELECT coalesce(max(sequence), 0) FROM imports";
	sqlite3_stmt *st = db_stmt(db, sql, err, errlen);

	if (!st)
		return -1;
	if (sqlite3_step(st) != SQLITE_ROW)
		return db_fail(db, "reading the last sequence", err, errlen);
	*seq = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

/* Inserts the import's history row. */
int store_import_begin(struct db *db, const struct store_import *imp, long long *id,
		       char *err, size_t errlen)
{
	static const char sql[] =
		"INSERT INTO imports(issuer, sequence, created, imported_at, forced, source,"
		" manifest_sha256, operator) VALUES (?,?,?,?,?,?,?,?)";
	sqlite3_stmt *st = db_stmt(db, sql, err, errlen);
	char now[20];

	if (!st)
		return -1;
	util_now(now);
	db_bind_text(st, 1, imp->issuer);
	sqlite3_bind_int64(st, 2, imp->sequence);
	db_bind_text(st, 3, imp->created);
	db_bind_text(st, 4, now);
	sqlite3_bind_int(st, 5, imp->forced);
	db_bind_text(st, 6, imp->source);
	db_bind_text(st, 7, imp->manifest_sha256);
	db_bind_text(st, 8, imp->operator_name);
	if (store_done(db, st, "recording the import", err, errlen) < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(db->conn);
	return 0;
}

/* Stores the counts of what the import brought. */
int store_import_finish(struct db *db, long long id, const struct store_counts *n,
			char *err, size_t errlen)
{
	static const char sql[] =
		"UPDATE imports SET n_bulletins=?, n_guides=?, n_subsidies=?, n_qa=?,"
		" n_calendar=?, n_replies=? WHERE id=?";
	sqlite3_stmt *st = db_stmt(db, sql, err, errlen);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, n->bulletins);
	sqlite3_bind_int64(st, 2, n->guides);
	sqlite3_bind_int64(st, 3, n->subsidies);
	sqlite3_bind_int64(st, 4, n->qa);
	sqlite3_bind_int64(st, 5, n->calendar);
	sqlite3_bind_int64(st, 6, n->replies);
	sqlite3_bind_int64(st, 7, id);
	return store_done(db, st, "recording the import counts", err, errlen);
}

/* Replaces a bulletin by 索引号 (the delete trigger updates the index). */
int store_bulletin_put(struct db *db, long long import_id, const struct store_bulletin *b,
		       char *err, size_t errlen)
{
	static const char del[] = "DELETE FROM bulletins WHERE index_no = ?";
	static const char ins[] =
		"INSERT INTO bulletins(index_no, category, title, doc_no, issuer, written, published,"
		" validity, topic, body, body_path, related, url, title_py, import_id)"
		" VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
	sqlite3_stmt *st = db_stmt(db, del, err, errlen);

	if (!st)
		return -1;
	db_bind_text(st, 1, b->index_no);
	if (store_done(db, st, "replacing a bulletin", err, errlen) < 0)
		return -1;
	st = db_stmt(db, ins, err, errlen);
	if (!st)
		return -1;
	db_bind_text(st, 1, b->index_no);
	db_bind_text(st, 2, b->category);
	db_bind_text(st, 3, b->title);
	db_bind_text(st, 4, b->doc_no);
	db_bind_text(st, 5, b->issuer);
	db_bind_text(st, 6, b->written);
	db_bind_text(st, 7, b->published);
	db_bind_text(st, 8, b->validity);
	db_bind_text(st, 9, b->topic);
	db_bind_text(st, 10, b->body);
	db_bind_text(st, 11, b->body_path);
	db_bind_text(st, 12, b->related);
	db_bind_text(st, 13, b->url);
	db_bind_text(st, 14, b->title_py);
	sqlite3_bind_int64(st, 15, import_id);
	return store_done(db, st, "adding a bulletin", err, errlen);
}

/* Sets a bulletin's 施行日期 and 有效期至 (columns of migration 5). */
int store_bulletin_dates(struct db *db, const char *index_no, const char *effective_on,
			 const char *valid_until, char *err, size_t errlen)
{
	static const char sql[] = "UPDATE bulletins SET effective_on = ?2, valid_until = ?3"
				  " WHERE index_no = ?1";
	sqlite3_stmt *st = db_stmt(db, sql, err, errlen);

	if (!st)
		return -1;
	db_bind_text(st, 1, index_no);
	db_bind_text(st, 2, effective_on);
	db_bind_text(st, 3, valid_until);
	return store_done(db, st, "dating a bulletin", err, errlen);
}

/* Tells whether a bulletin is stored. */
int store_bulletin_exists(struct db *db, const char *index_no, int *exists, char *err,
			  size_t errlen)
{
	static const char sql[] = "SELECT 1 FROM bulletins WHERE index_no = ?";
	sqlite3_stmt *st = db_stmt(db, sql, err, errlen);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, index_no);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, "looking up a bulletin", err, errlen);
	*exists = rc == SQLITE_ROW;
	return 0;
}

/* Empties the guides and their index. */
int store_guides_clear(struct db *db, char *err, size_t errlen)
{
	static const char fts[] = "INSERT INTO guides_fts(guides_fts) VALUES ('delete-all')";
	static const char del[] = "DELETE FROM guides";
	sqlite3_stmt *st = db_stmt(db, fts, err, errlen);

	if (!st || store_done(db, st, "clearing the guide index", err, errlen) < 0)
		return -1;
	st = db_stmt(db, del, err, errlen);
	return st ? store_done(db, st, "clearing the guides", err, errlen) : -1;
}

/* Adds a guide and indexes its name, agency and every other field. */
int store_guide_add(struct db *db, const struct store_guide *g, char *err, size_t errlen)
{
	static const char ins[] =
		"INSERT INTO guides(code, name, agency, basis, conditions, materials, process,"
		" time_limit, fees, location, hours, phone, name_py)"
		" VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)";
	static const char fts[] =
		"INSERT INTO guides_fts(rowid, name, agency, body) VALUES (?,?,?,?)";
	const char *rest[] = { g->basis, g->conditions, g->materials, g->process, g->time_limit,
			       g->fees, g->location, g->hours, g->phone };
	sqlite3_stmt *st = db_stmt(db, ins, err, errlen);
	struct sbuf body = {0};
	long long id;
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, g->code);
	db_bind_text(st, 2, g->name);
	db_bind_text(st, 3, g->agency);
	for (int i = 0; i < 9; i++)
		db_bind_text(st, 4 + i, rest[i]);
	db_bind_text(st, 13, g->name_py);
	if (store_done(db, st, "adding a guide", err, errlen) < 0)
		return -1;
	id = sqlite3_last_insert_rowid(db->conn);
	for (int i = 0; i < 9; i++) {
		sbuf_add(&body, rest[i] ? rest[i] : "");
		sbuf_addc(&body, '\n');
	}
	st = db_stmt(db, fts, err, errlen);
	if (!st) {
		sbuf_free(&body);
		return -1;
	}
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, g->name);
	db_bind_text(st, 3, g->agency);
	db_bind_text(st, 4, sbuf_str(&body));
	rc = store_done(db, st, "indexing a guide", err, errlen);
	sbuf_free(&body);
	return rc;
}

/* Finds or creates a batch and removes its old rows, index entries and totals. */
int store_batch_replace(struct db *db, long long import_id, const char *program, int year,
			const char *batch, long long *batch_id, char *err, size_t errlen)
{
	static const char find[] =
		"SELECT id FROM subsidy_batches WHERE program=? AND year=? AND batch=?";
	static const char add[] =
		"INSERT INTO subsidy_batches(program, year, batch, import_id) VALUES (?,?,?,?)";
	static const char touch[] = "UPDATE subsidy_batches SET import_id=?2 WHERE id=?1";
	static const char unrows[] = "DELETE FROM subsidies WHERE batch_id=?";
	static const char untot[] = "DELETE FROM subsidy_totals WHERE batch_id=?";
	sqlite3_stmt *st = db_stmt(db, find, err, errlen);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, program);
	sqlite3_bind_int(st, 2, year);
	db_bind_text(st, 3, batch);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*batch_id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		st = db_stmt(db, touch, err, errlen);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, *batch_id);
		sqlite3_bind_int64(st, 2, import_id);
		if (store_done(db, st, "replacing a batch", err, errlen) < 0 ||
		    store_exec_id(db, unrows, *batch_id, "removing a batch", err, errlen) < 0 ||
		    store_exec_id(db, untot, *batch_id, "removing batch totals", err, errlen) < 0)
			return -1;
		return 0;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, "looking up a batch", err, errlen);
	st = db_stmt(db, add, err, errlen);
	if (!st)
		return -1;
	db_bind_text(st, 1, program);
	sqlite3_bind_int(st, 2, year);
	db_bind_text(st, 3, batch);
	sqlite3_bind_int64(st, 4, import_id);
	if (store_done(db, st, "adding a batch", err, errlen) < 0)
		return -1;
	*batch_id = sqlite3_last_insert_rowid(db->conn);
	return 0;
}

/* Drops the subsidy indexes for a bulk import. */
int store_bulk_begin(struct db *db, char *err, size_t errlen)
{
	static const char drop[] =
		"DROP INDEX IF EXISTS subsidies_place; DROP INDEX IF EXISTS subsidies_name";

	if (db->bulk)
		return 0;
	if (sqlite3_exec(db->conn, drop, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, "preparing a bulk import", err, errlen);
	db->bulk = 1;
	return 0;
}

/* Builds the subsidy indexes again, each in one sorted pass. The sort runs
 * on two threads (PRAGMA threads) with a smaller cache: each sorter thread
 * takes up to the cache size in memory, and the peak RSS of a million-row
 * import stays under 64 MB that way (measured by bench/import.sh). */
int store_bulk_end(struct db *db, char *err, size_t errlen)
{
	static const char index[] = DB_SUBSIDIES_PLACE_INDEX "; " DB_SUBSIDIES_NAME_INDEX;
	sqlite3_stmt *st;
	long long cache = -2000; /* SQLite's default */
	char restore[64];
	int rc;

	if (!db->bulk)
		return 0;
	db->bulk = 0;
	if (sqlite3_prepare_v2(db->conn, "PRAGMA cache_size", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			cache = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_exec(db->conn, "PRAGMA threads = 2; PRAGMA cache_size = -8000", NULL, NULL, NULL);
	rc = sqlite3_exec(db->conn, index, NULL, NULL, NULL);
	snprintf(restore, sizeof restore, "PRAGMA threads = 0; PRAGMA cache_size = %lld", cache);
	sqlite3_exec(db->conn, restore, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return db_fail(db, "rebuilding the subsidy indexes", err, errlen);
	return 0;
}

/* Adds a subsidy row with the pinyin-initial variants of its name. */
int store_subsidy_add(struct db *db, const struct store_subsidy *s, char *err, size_t errlen)
{
	static const char ins[] =
		"INSERT INTO subsidies(batch_id, township, village, name, id_masked, id_tail, basis,"
		" amount_fen, paid_on, fund_source, account_masked, line, name_py)"
		" VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)";
	sqlite3_stmt *st = db_stmt(db, ins, err, errlen);
	char py[16 * 17];
	size_t n = 0;

	if (!st)
		return -1;
	py[0] = '\0';
	for (size_t i = 0; i < s->npy && n + 17 < sizeof py; i++) {
		size_t k = strnlen(s->py[i], 16);
		if (i)
			py[n++] = ' ';
		memcpy(py + n, s->py[i], k);
		n += k;
		py[n] = '\0';
	}
	sqlite3_bind_int64(st, 1, s->batch_id);
	sqlite3_bind_text(st, 2, s->township, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, s->village, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, s->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, s->id_masked, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, s->id_tail, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, s->basis, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 8, s->amount_fen);
	sqlite3_bind_text(st, 9, s->paid_on, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 10, s->fund_source, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 11, s->account_masked, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 12, s->line);
	sqlite3_bind_text(st, 13, py, (int)n, SQLITE_STATIC);
	return store_done(db, st, "adding a subsidy row", err, errlen);
}

/* Sums a batch by village and township, and in all. */
int store_batch_totals(struct db *db, long long batch_id, char *err, size_t errlen)
{
	static const char villages[] =
		"INSERT INTO subsidy_totals(batch_id, township, village, people, total_fen)"
		" SELECT batch_id, township, village, count(*), sum(amount_fen) FROM subsidies"
		" WHERE batch_id=?1 GROUP BY township, village";
	static const char townships[] =
		"INSERT INTO subsidy_totals(batch_id, township, village, people, total_fen)"
		" SELECT batch_id, township, '', sum(people), sum(total_fen) FROM subsidy_totals"
		" WHERE batch_id=?1 AND village <> '' GROUP BY township";
	static const char batch[] =
		"UPDATE subsidy_batches SET"
		" people=(SELECT coalesce(sum(people),0) FROM subsidy_totals WHERE batch_id=?1 AND village=''),"
		" total_fen=(SELECT coalesce(sum(total_fen),0) FROM subsidy_totals WHERE batch_id=?1 AND village='')"
		" WHERE id=?1";

	if (store_exec_id(db, villages, batch_id, "summing villages", err, errlen) < 0 ||
	    store_exec_id(db, townships, batch_id, "summing townships", err, errlen) < 0 ||
	    store_exec_id(db, batch, batch_id, "summing a batch", err, errlen) < 0)
		return -1;
	return 0;
}

/* Optimizes each full-text index that got new rows. */
int store_optimize(struct db *db, const struct store_counts *n, char *err, size_t errlen)
{
	static const char *const sql[] = {
		"INSERT INTO bulletins_fts(bulletins_fts) VALUES ('optimize')",
		"INSERT INTO guides_fts(guides_fts) VALUES ('optimize')",
		"INSERT INTO qa_fts(qa_fts) VALUES ('optimize')",
	};
	long changed[] = { n->bulletins, n->guides, n->qa };

	for (int i = 0; i < 3; i++) {
		sqlite3_stmt *st;

		if (!changed[i])
			continue;
		st = db_stmt(db, sql[i], err, errlen);
		if (!st || store_done(db, st, "optimizing a search index", err, errlen) < 0)
			return -1;
	}
	return 0;
}

/* Empties the Q&A library (the delete trigger updates its index). */
int store_qa_clear(struct db *db, char *err, size_t errlen)
{
	static const char del[] = "DELETE FROM qa";
	sqlite3_stmt *st = db_stmt(db, del, err, errlen);

	return st ? store_done(db, st, "clearing the Q&A library", err, errlen) : -1;
}

/* Adds one Q&A pair. */
int store_qa_add(struct db *db, const char *code, const char *question, const char *answer,
		 const char *keywords, const char *related, const char *department,
		 const char *answered_on, const char *question_py, char *err, size_t errlen)
{
	static const char ins[] =
		"INSERT INTO qa(code, question, answer, keywords, related, department, answered_on,"
		" question_py) VALUES (?,?,?,?,?,?,?,?)";
	sqlite3_stmt *st = db_stmt(db, ins, err, errlen);

	if (!st)
		return -1;
	db_bind_text(st, 1, code);
	db_bind_text(st, 2, question);
	db_bind_text(st, 3, answer);
	db_bind_text(st, 4, keywords);
	db_bind_text(st, 5, related);
	db_bind_text(st, 6, department);
	db_bind_text(st, 7, answered_on);
	db_bind_text(st, 8, question_py);
	return store_done(db, st, "adding a question", err, errlen);
}

/* Keeps the 登记编号 of an answer. */
int store_qa_set_consult(struct db *db, const char *code, const char *consult_no, char *err,
			 size_t errlen)
{
	static const char sql[] = "UPDATE qa SET consult_no = ? WHERE code = ?";
	sqlite3_stmt *st = db_stmt(db, sql, err, errlen);

	if (!st)
		return -1;
	db_bind_text(st, 1, consult_no);
	db_bind_text(st, 2, code);
	return store_done(db, st, "keeping an answer's consultation number", err, errlen);
}

/* Adds or overwrites a calendar day. */
int store_calendar_put(struct db *db, const char *day, const char *kind, char *err, size_t errlen)
{
	static const char sql[] = "INSERT OR REPLACE INTO calendar(day, kind) VALUES (?,?)";
	sqlite3_stmt *st = db_stmt(db, sql, err, errlen);

	if (!st)
		return -1;
	db_bind_text(st, 1, day);
	db_bind_text(st, 2, kind);
	return store_done(db, st, "adding a calendar day", err, errlen);
}
