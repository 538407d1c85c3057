/*
 * log.c - print and usage records.
 */
#include "db/log.h"

#include <sqlite3.h>

#include "db/db_internal.h"
#include "kiosk/util.h"

/* Inserts one print record. */
int db_log_print(struct db *db, const char *kind, const char *title, const char *index_no,
		 int pages, const char *result, char *err, size_t errlen)
{
	static const char sql[] =
		"INSERT INTO print_log(at, kind, title, index_no, pages, result) VALUES (?,?,?,?,?,?)";
	sqlite3_stmt *st = db_stmt(db, sql, err, errlen);
	char now[20];
	int rc;

	if (!st)
		return -1;
	util_now(now);
	db_bind_text(st, 1, now);
	db_bind_text(st, 2, kind);
	db_bind_text(st, 3, title);
	db_bind_text(st, 4, index_no);
	sqlite3_bind_int(st, 5, pages);
	db_bind_text(st, 6, result);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "recording a print job", err, errlen);
}

/* Adds one to today's count for what. */
int db_log_usage(struct db *db, const char *what, char *err, size_t errlen)
{
	static const char sql[] =
		"INSERT INTO usage_log(day, what, count) VALUES (?, ?, 1)"
		" ON CONFLICT(day, what) DO UPDATE SET count = count + 1";
	sqlite3_stmt *st = db_stmt(db, sql, err, errlen);
	char today[11];
	int rc;

	if (!st)
		return -1;
	util_today(today);
	db_bind_text(st, 1, today);
	db_bind_text(st, 2, what);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "recording use", err, errlen);
}
