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
/* What an SQLite result code means for the staff who must act on it. */
static const char *db_words(int code)
{
	switch (code & 0xff) {
	case SQLITE_FULL:
		return "磁盘已满，请清理磁盘空间后再试";
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return "数据库正被另一个程序使用，请稍后再试";
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_AUTH:
		return "数据库文件不能写入，请检查文件和文件夹的权限";
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return "数据库文件已损坏，请用备份恢复（见 docs/OPERATIONS.md）";
	case SQLITE_IOERR:
		return "读写磁盘出错，请检查磁盘";
	case SQLITE_CANTOPEN:
		return "打不开数据库文件，请检查路径和权限";
	case SQLITE_NOMEM:
		return "内存不足";
	case SQLITE_CONSTRAINT:
		return "数据不符合数据库的约束";
	default:
		return "数据库出错";
	}
}

/* "what" names the step for developers reading the code; staff read the
 * words and the code (a technician can look it up). */
int db_fail(struct db *db, const char *what, char *err, size_t errlen)
{
	int code = db && db->conn ? sqlite3_extended_errcode(db->conn) : SQLITE_CANTOPEN;

	(void)what;
	util_errf(err, errlen, "数据库：%s（SQLite 错误码 %d）", db_words(code), code);
	return -1;
}

/* Runs SQL without results. */
static int db_exec(struct db *db, const char *sql, char *err, size_t errlen)
{
	char *msg = NULL;

	if (sqlite3_exec(db->conn, sql, NULL, NULL, &msg) != SQLITE_OK) {
		int code = sqlite3_extended_errcode(db->conn);

		util_errf(err, errlen, "数据库：%s（SQLite 错误码 %d）", db_words(code), code);
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
		util_errf(err, errlen, "数据库：这个数据库来自更新版本的程序（结构版本 %d，本程序只认识到 %d），"
			  "请先升级本程序", v, DB_NMIGRATIONS);
		return -1;
	}
	if (v < DB_NMIGRATIONS && db->readonly) {
		util_errf(err, errlen, "数据库：需要先升级数据库结构（版本 %d）：请先启动一次一体机程序，"
			  "或运行一次导入，再查看", v);
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
		int code = db->conn ? sqlite3_extended_errcode(db->conn) : SQLITE_CANTOPEN;

		util_errf(err, errlen, "数据库 %s：%s（SQLite 错误码 %d）", path, db_words(code), code);
		db_close(db);
		return -1;
	}
	sqlite3_extended_result_codes(db->conn, 1);
	sqlite3_busy_timeout(db->conn, 5000);
	if (db_register_tokenizer(db->conn) != SQLITE_OK) {
		util_errf(err, errlen, "数据库：系统的 SQLite 不带全文检索（FTS5），请安装 Debian 12 的 libsqlite3-0");
		db_close(db);
		return -1;
	}
	/* A new database gets 16 KB pages (an existing one keeps its own: WAL
	 * fixes the size): a million-row list imports and indexes about a
	 * quarter faster than with 4 KB pages (bench/import.sh). */
	if ((!db->readonly &&
	     db_exec(db, "PRAGMA page_size=16384; PRAGMA journal_mode=WAL", err, errlen) < 0) ||
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

/* Reads the one integer a query without parameters answers. */
int db_scalar(struct db *db, const char *sql, long long *out, const char *what, char *err,
	      size_t errlen)
{
	sqlite3_stmt *st = db_stmt(db, sql, err, errlen);
	int rc;

	*out = 0;
	if (!st)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : db_fail(db, what, err, errlen);
}

/* Takes the next number of a per-day counter. */
int db_next_of_day(struct db *db, const char *next_sql, const char *ymd, long *n,
		   const char *what, char *err, size_t errlen)
{
	sqlite3_stmt *st = db_stmt(db, next_sql, err, errlen);
	int rc;

	*n = 0;
	if (!st)
		return -1;
	db_bind_text(st, 1, ymd);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*n = (long)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : db_fail(db, what, err, errlen);
}

/* Steps a bound insert once and commits the caller's transaction. */
int db_insert_commit(struct db *db, sqlite3_stmt *st, const char *what, char *err, size_t errlen)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st); /* drops the statement's copies of the values */
	if (rc != SQLITE_DONE)
		return db_fail(db, what, err, errlen);
	return db_commit(db, err, errlen);
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
