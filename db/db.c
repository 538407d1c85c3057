/*
 * db.c - opening the database, migrations, transactions and the statement
 * cache.
 *
 * The database is in WAL mode with synchronous=FULL: a committed import
 * survives a power cut, and a kill or power cut in the middle of one leaves
 * the last committed state (SQLite's atomic commit).
 */
#include "db/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db_internal.h"
#include "kiosk/util.h"

#include "db/schema.sql.h"

#define DB_NMIGRATIONS ((int)(sizeof db_migrations / sizeof db_migrations[0]))

/* Fills err with the connection's message. */
int db_fail(struct db *db, const char *what, char *err, size_t errlen)
{
	util_errf(err, errlen, "database: %s: %s", what,
		  db && db->conn ? sqlite3_errmsg(db->conn) : "not open");
	return -1;
}

/* Runs SQL without results. */
static int db_exec(struct db *db, const char *sql, char *err, size_t errlen)
{
	char *msg = NULL;

	if (sqlite3_exec(db->conn, sql, NULL, NULL, &msg) != SQLITE_OK) {
		util_errf(err, errlen, "database: %s", msg ? msg : "error");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* Returns PRAGMA user_version. */
int db_schema_version(struct db *db)
{
	sqlite3_stmt *st;
	int v = -1;

	if (sqlite3_prepare_v2(db->conn, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Returns the data version other connections' commits move on. */
long long db_data_version(struct db *db)
{
	char err[160];
	sqlite3_stmt *st = db_stmt(db, "PRAGMA data_version", err, sizeof err);
	long long v = -1;

	if (st && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	if (st)
		sqlite3_reset(st);
	return v;
}

/* Applies each migration newer than the database, one transaction each. */
static int db_migrate(struct db *db, char *err, size_t errlen)
{
	int v = db_schema_version(db);

	if (v < 0)
		return db_fail(db, "reading schema version", err, errlen);
	if (v > DB_NMIGRATIONS) {
		util_errf(err, errlen, "database: schema version %d is newer than this program (%d)",
			  v, DB_NMIGRATIONS);
		return -1;
	}
	if (v < DB_NMIGRATIONS && db->readonly) {
		util_errf(err, errlen, "database: schema version %d needs migrating; open it read-write once",
			  v);
		return -1;
	}
	for (; v < DB_NMIGRATIONS; v++) {
		char pragma[64];

		if (db_exec(db, "BEGIN IMMEDIATE", err, errlen) < 0)
			return -1;
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
		if (db_exec(db, db_migrations[v], err, errlen) < 0 ||
		    db_exec(db, pragma, err, errlen) < 0) {
			sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
		if (db_exec(db, "COMMIT", err, errlen) < 0)
			return -1;
	}
	return 0;
}

/* Opens, configures and migrates the database. */
int db_open(const char *path, int flags, struct db **out, char *err, size_t errlen)
{
	struct db *db = xcalloc(1, sizeof *db);
	int oflags = (flags & DB_READONLY) ? SQLITE_OPEN_READONLY
					   : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;

	*out = NULL;
	db->readonly = (flags & DB_READONLY) != 0;
	if (sqlite3_open_v2(path, &db->conn, oflags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		util_errf(err, errlen, "database %s: %s", path,
			  db->conn ? sqlite3_errmsg(db->conn) : "cannot open");
		db_close(db);
		return -1;
	}
	sqlite3_extended_result_codes(db->conn, 1);
	sqlite3_busy_timeout(db->conn, 5000);
	if (db_register_tokenizer(db->conn) != SQLITE_OK) {
		util_errf(err, errlen, "database: this SQLite has no FTS5");
		db_close(db);
		return -1;
	}
	if ((!db->readonly && db_exec(db, "PRAGMA journal_mode=WAL", err, errlen) < 0) ||
	    db_exec(db, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
			"PRAGMA temp_store=MEMORY", err, errlen) < 0 ||
	    db_migrate(db, err, errlen) < 0) {
		db_close(db);
		return -1;
	}
	*out = db;
	return 0;
}

/* Finalizes cached statements and closes. */
void db_close(struct db *db)
{
	if (!db)
		return;
	for (int i = 0; i < db->ncache; i++)
		sqlite3_finalize(db->cache[i].stmt);
	free(db->cache);
	if (db->conn)
		sqlite3_close(db->conn);
	free(db);
}

/* Tells whether a cached statement may still be held by a caller: it is
 * being stepped, or it was handed out by one of the latest DB_STMT_RECENT
 * calls (perhaps bound and not yet stepped). */
static int db_stmt_in_use(const struct db *db, const struct db_cached_stmt *c)
{
	return db->stmt_clock - c->used < DB_STMT_RECENT || sqlite3_stmt_busy(c->stmt);
}

/* Returns an empty cache slot for a new statement: a free one while fewer
 * than DB_MAX_STMTS are cached, else the slot of the least recently used
 * statement not in use (finalizing it), else a new one, so a caller's
 * statement is never finalized under it and the cache never runs out. */
static struct db_cached_stmt *db_stmt_slot(struct db *db)
{
	struct db_cached_stmt *victim = NULL;

	if (db->ncache >= DB_MAX_STMTS) {
		for (int i = 0; i < db->ncache; i++) {
			struct db_cached_stmt *c = &db->cache[i];

			if (!db_stmt_in_use(db, c) && (!victim || c->used < victim->used))
				victim = c;
		}
	}
	if (victim) {
		sqlite3_finalize(victim->stmt);
		memset(victim, 0, sizeof *victim);
		return victim;
	}
	if (db->ncache == db->cache_cap) {
		db->cache_cap = db->cache_cap ? db->cache_cap * 2 : DB_MAX_STMTS;
		db->cache = xrealloc(db->cache, (size_t)db->cache_cap * sizeof *db->cache);
	}
	return &db->cache[db->ncache++];
}

/* Prepares (once) and resets a statement for the given static SQL text. */
sqlite3_stmt *db_stmt(struct db *db, const char *sql, char *err, size_t errlen)
{
	struct db_cached_stmt *slot;
	sqlite3_stmt *st;

	for (int i = 0; i < db->ncache; i++) {
		if (db->cache[i].sql == sql) {
			st = db->cache[i].stmt;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			db->cache[i].used = ++db->stmt_clock;
			return st;
		}
	}
	if (sqlite3_prepare_v3(db->conn, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		db_fail(db, "preparing a query", err, errlen);
		return NULL;
	}
	slot = db_stmt_slot(db);
	slot->sql = sql;
	slot->stmt = st;
	slot->used = ++db->stmt_clock;
	return st;
}

/* Steps a one-id query to its row. */
sqlite3_stmt *db_row_by_id(struct db *db, const char *sql, long long id, const char *what,
			   int *rc, char *err, size_t errlen)
{
	sqlite3_stmt *st = db_stmt(db, sql, err, errlen);
	int step;

	*rc = -1;
	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, id);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		return st;
	sqlite3_reset(st);
	if (step == SQLITE_DONE)
		*rc = 1;
	else
		db_fail(db, what, err, errlen);
	return NULL;
}

/* Binds text, '' for NULL. */
void db_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_TRANSIENT);
}

/* Copies a text column. */
char *db_col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return xstrdup(s ? (const char *)s : "");
}

/* Raises the page cache for bulk imports. */
void db_tune_bulk(struct db *db)
{
	/* The sorter of CREATE INDEX spills to a temp file, not to memory. */
	sqlite3_exec(db->conn, "PRAGMA cache_size = -20000; PRAGMA temp_store = FILE", NULL, NULL,
		     NULL);
}

/* Starts a write transaction. */
int db_begin(struct db *db, char *err, size_t errlen)
{
	if (db_exec(db, "BEGIN IMMEDIATE", err, errlen) < 0)
		return -1;
	db->in_txn = 1;
	return 0;
}

/* Commits the open transaction. */
int db_commit(struct db *db, char *err, size_t errlen)
{
	if (db_exec(db, "COMMIT", err, errlen) < 0)
		return -1;
	db->in_txn = 0;
	return 0;
}

/* Rolls back, ignoring "no transaction". */
void db_rollback(struct db *db)
{
	if (db->in_txn || !sqlite3_get_autocommit(db->conn))
		sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL);
	db->in_txn = 0;
}
