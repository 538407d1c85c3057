/*
 * staff.c - the staff mode's questions to the database (db/staff.h).
 */
#include "db/staff.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "db/db_internal.h"

/* Reads the PIN lock row. */
int db_staff_lock_get(struct db *db, int *failures, long long *locked_until, char *err,
		      size_t errlen)
{
	static const char sql[] = "SELECT failures, locked_until FROM staff_lock WHERE id = 1";
	sqlite3_stmt *st = db_stmt(db, sql, err, errlen);
	int rc;

	*failures = 0;
	*locked_until = 0;
	if (!st)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*failures = sqlite3_column_int(st, 0);
		*locked_until = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, "reading the staff lock", err, errlen);
	return 0;
}

/* Writes the PIN lock row. */
int db_staff_lock_put(struct db *db, int failures, long long locked_until, char *err,
		      size_t errlen)
{
	static const char sql[] =
		"INSERT INTO staff_lock(id, failures, locked_until) VALUES (1, ?1, ?2)"
		" ON CONFLICT(id) DO UPDATE SET failures = ?1, locked_until = ?2";
	sqlite3_stmt *st = db_stmt(db, sql, err, errlen);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, failures);
	sqlite3_bind_int64(st, 2, locked_until);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "writing the staff lock", err, errlen);
}

/* Copies column i as text into out (n bytes), cut at a character boundary. */
static void staff_col(sqlite3_stmt *st, int i, char *out, size_t n)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	size_t len = s ? strlen(s) : 0;

	if (len >= n) {
		len = n - 1;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
	}
	if (len)
		memcpy(out, s, len);
	out[len] = '\0';
}

/* Reads the newest import. */
int db_staff_last_import(struct db *db, struct db_staff_import *out, char *err, size_t errlen)
{
	static const char sql[] =
		"SELECT sequence, issuer, coalesce(created, ''), imported_at FROM imports"
		" ORDER BY id DESC LIMIT 1";
	sqlite3_stmt *st = db_stmt(db, sql, err, errlen);
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->found = 1;
		out->sequence = sqlite3_column_int64(st, 0);
		staff_col(st, 1, out->issuer, sizeof out->issuer);
		staff_col(st, 2, out->created, sizeof out->created);
		staff_col(st, 3, out->imported_at, sizeof out->imported_at);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, "reading the last import", err, errlen);
	return 0;
}

/* Returns the database file's path. */
const char *db_staff_file(struct db *db)
{
	const char *p = sqlite3_db_filename(db->conn, "main");

	return p ? p : "";
}

/* Reads the size of the database's pages. */
int db_staff_size(struct db *db, long long *bytes, char *err, size_t errlen)
{
	static const char sql[] =
		"SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()";

	return db_scalar(db, sql, bytes, "reading the database size", err, errlen);
}

/* Counts the newest import's documents per category. */
int db_staff_import_categories(struct db *db, db_staff_count_fn fn, void *ctx, char *err,
			       size_t errlen)
{
	static const char sql[] =
		"SELECT category, count(*) FROM bulletins"
		" WHERE import_id = (SELECT max(id) FROM imports) GROUP BY category ORDER BY category";
	sqlite3_stmt *st = db_stmt(db, sql, err, errlen);
	int rc;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(ctx, (const char *)sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1));
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "counting the imported documents", err, errlen);
}

/* Counts every document per category. */
int db_staff_category_totals(struct db *db, db_staff_count_fn fn, void *ctx, char *err,
			     size_t errlen)
{
	static const char sql[] =
		"SELECT category, count(*) FROM bulletins GROUP BY category ORDER BY category";
	sqlite3_stmt *st = db_stmt(db, sql, err, errlen);
	int rc;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(ctx, (const char *)sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1));
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "counting the documents", err, errlen);
}
