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

/* Calls fn for every counted line. */
int db_usage_each(struct db *db, db_usage_fn fn, void *ctx, char *err, size_t errlen)
{
	static const char sql[] =
		"SELECT day, '使用', what, '', count, 0 FROM usage_log"
		" UNION ALL SELECT substr(at, 1, 10), '打印', kind || '：' || title, index_no,"
		" count(*), sum(pages) FROM print_log WHERE result = '完成'"
		" GROUP BY 1, 3, 4 ORDER BY 1, 2, 3, 4";
	sqlite3_stmt *st = db_stmt(db, sql, err, errlen);
	int rc = SQLITE_DONE, stop = 0;

	if (!st)
		return -1;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = fn(ctx, (const char *)sqlite3_column_text(st, 0),
			  (const char *)sqlite3_column_text(st, 1),
			  (const char *)sqlite3_column_text(st, 2),
			  (const char *)sqlite3_column_text(st, 3), sqlite3_column_int64(st, 4),
			  sqlite3_column_int64(st, 5));
	sqlite3_reset(st);
	if (stop)
		return stop;
	return rc == SQLITE_DONE ? 0 : db_fail(db, "reading the usage counts", err, errlen);
}
