/*
 * db.h - the kiosk's one SQLite database: opening it (WAL, foreign keys,
 * numbered migrations, the gk full-text tokenizer), transactions, and the
 * helpers every db/ module shares. The questions the program asks live in
 * the other db/ headers (db/store.h for the importer, db/browse.h for the
 * screens), one function per question, as prepared statements with bound
 * parameters.
 */
#ifndef GK_DB_H
#define GK_DB_H

#include <stddef.h>

struct db;

enum db_open_flags {
	DB_READWRITE = 0, /* create if missing, run migrations */
	DB_READONLY = 1   /* must exist and be migrated; never writes */
};

/* Opens (creating if needed) the database at path and migrates it to the
 * current schema. Returns 0 and sets *out (caller closes), or -1 with err. */
int db_open(const char *path, int flags, struct db **out, char *err, size_t errlen);

/* Finalizes every statement and closes the connection. NULL is fine. */
void db_close(struct db *db);

/* Starts a write transaction (BEGIN IMMEDIATE). Returns 0 or -1 with err. */
int db_begin(struct db *db, char *err, size_t errlen);
/* Commits the open transaction. Returns 0 or -1 with err (then roll back). */
int db_commit(struct db *db, char *err, size_t errlen);
/* Rolls back the open transaction, if any. */
void db_rollback(struct db *db);

/* Gives the connection a page cache large enough for a bulk import of a
 * million rows (20 MB; the sorter of CREATE INDEX may take as much again), so index pages stay in memory instead of spilling
 * to the WAL and being read back. */
void db_tune_bulk(struct db *db);

/* Returns the schema version the database is at. */
int db_schema_version(struct db *db);

/* Returns SQLite's data_version: it changes when another connection (an
 * import by gongkaictl) commits to the database, so a screen can tell that
 * what it shows may be gone. -1 when it cannot be read. */
long long db_data_version(struct db *db);

/* Builds the FTS5 MATCH expression for what a user typed: each
 * whitespace-separated word becomes a quoted phrase (so 王芳 means the two
 * characters next to each other), words are ANDed. Returns NULL when the
 * input has nothing searchable. Caller frees. */
char *db_fts_query(const char *user_input);

/* Tokenizes UTF-8 text the way the gk tokenizer does and calls fn for each
 * token (lowercased ASCII words, single Hanzi). For tests and tools. */
void db_tokenize(const char *text, int len,
		 void (*fn)(void *ctx, const char *tok, int toklen), void *ctx);

#endif
