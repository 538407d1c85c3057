/*
 * db_internal.h - what db/ modules share and nothing outside db/ may use:
 * the connection and the prepared-statement cache.
 */
#ifndef GK_DB_INTERNAL_H
#define GK_DB_INTERNAL_H

#include <sqlite3.h>

#include "db/db.h"

/* Statements the cache keeps prepared; past that, a new one takes the slot
 * of the least recently used statement not in use (see db_stmt()). */
#define DB_MAX_STMTS 96
/* The statements handed out by this many latest db_stmt() calls are never
 * evicted, stepped or not (a caller may bind one while getting another). */
#define DB_STMT_RECENT 8

/* The subsidy indexes a bulk import drops and builds again in one pass
 * (db/store.c); the migrations create them with the same text (a database
 * made before amount_fen joined the place index gets it at its next bulk
 * import). amount_fen makes the place index cover the village sums of
 * store_batch_totals, which then never read the table. */
#define DB_SUBSIDIES_PLACE_INDEX \
	"CREATE INDEX subsidies_place ON subsidies(batch_id, township, village, id, amount_fen)"
#define DB_SUBSIDIES_NAME_INDEX \
	"CREATE INDEX subsidies_name ON subsidies(name, id_tail, batch_id)"

struct db {
	sqlite3 *conn;
	int readonly;
	int in_txn;
	/* Statements prepared once per connection, keyed by their SQL text's
	 * address (each call site passes a static string): ncache of
	 * cache_cap slots used, at most DB_MAX_STMTS unless more than that are
	 * in use at once. */
	struct db_cached_stmt {
		const char *sql;
		sqlite3_stmt *stmt;
		unsigned long long used; /* stmt_clock when last handed out */
	} *cache;
	int ncache, cache_cap;
	unsigned long long stmt_clock;  /* db_stmt() calls so far */
	/* Set between store_bulk_begin() and store_bulk_end(): the subsidy
	 * indexes are dropped and built again at the end. */
	int bulk;
};

/* Returns the cached prepared statement for a static SQL string, reset and
 * with bindings cleared; NULL with err filled if it fails to prepare. The
 * statement is borrowed: do not finalize it.  It stays valid while it is
 * being stepped (from its first sqlite3_step() until SQLITE_DONE or the
 * caller's sqlite3_reset()) and, stepped or not, through the next
 * DB_STMT_RECENT calls; after that an idle statement may be finalized
 * to make room, so reset a statement when done with it and ask db_stmt()
 * again rather than keeping the pointer.  Never fails for lack of room. */
sqlite3_stmt *db_stmt(struct db *db, const char *sql, char *err, size_t errlen);
/* Takes the next number of a per-day counter inside the caller's
 * transaction: next_sql (app_counter, consult_counter) bumps the row of day
 * ymd (?1) and returns it. Returns 0 with *n, or -1 with err ("what" names
 * the step in db_fail's words). */
int db_next_of_day(struct db *db, const char *next_sql, const char *ymd, long *n,
		   const char *what, char *err, size_t errlen);
/* Steps the bound insert st once, drops its values, and commits the
 * caller's transaction. Returns 0, or -1 with err (the caller rolls back). */
int db_insert_commit(struct db *db, sqlite3_stmt *st, const char *what, char *err, size_t errlen);
/* Runs sql (a cached statement, no parameters) and puts the integer of its
 * first row in *out. Returns 0, or -1 with err ("what" names the query in
 * db_fail's words) when it fails or has no row. */
int db_scalar(struct db *db, const char *sql, long long *out, const char *what, char *err,
	      size_t errlen);

/* Fills err with the connection's last error, prefixed by what. Returns -1. */
int db_fail(struct db *db, const char *what, char *err, size_t errlen);

/* Binds a UTF-8 string (NULL binds '') to parameter i, copied by SQLite. */
void db_bind_text(sqlite3_stmt *st, int i, const char *s);

/* Registers the gk FTS5 tokenizer on a connection. Returns SQLITE_OK or an error. */
int db_register_tokenizer(sqlite3 *conn);

/* Runs a cached query whose only parameter is an id and steps to its row.
 * Returns the statement on that row (the caller reads it, then resets it),
 * or NULL with *rc = 1 when there is no such row, or NULL with *rc = -1 and
 * err filled (what says what was being read). */
sqlite3_stmt *db_row_by_id(struct db *db, const char *sql, long long id, const char *what,
			   int *rc, char *err, size_t errlen);

/* Returns a malloc'ed copy of column i as text ('' for NULL). Caller frees. */
char *db_col_dup(sqlite3_stmt *st, int i);

#endif
