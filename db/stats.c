/*
 * stats.c - yearly figures and the import history, read-only queries.
 */
#include "db/stats.h"

#include <sqlite3.h>
#include <stdio.h>

#include "db/db_internal.h"

/* Runs a (label, count) query for the year pattern and reports each row. */
static int stats_rows(struct db *db, const char *sql, const char *section, const char *year,
		      stats_fn fn, void *ctx, char *err, size_t errlen)
{
	sqlite3_stmt *st = db_stmt(db, sql, err, errlen);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, year);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(ctx, section, (const char *)sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1));
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "reading statistics", err, errlen);
}

/* Reports published documents, applications, prints and screen use. */
int stats_year(struct db *db, int year, stats_fn fn, void *ctx, char *err, size_t errlen)
{
	static const char published[] =
		"SELECT category, count(*) FROM bulletins WHERE published LIKE ?1 || '%'"
		" GROUP BY category ORDER BY category";
	static const char applied[] =
		"SELECT '收到申请', count(*) FROM applications WHERE submitted_at LIKE ?1 || '%'"
		" UNION ALL SELECT '答复: ' || reply_type, count(*) FROM applications"
		" WHERE submitted_at LIKE ?1 || '%' AND reply_type <> '' GROUP BY reply_type";
	static const char printed[] =
		"SELECT kind || ' (页)', coalesce(sum(pages), 0) FROM print_log"
		" WHERE at LIKE ?1 || '%' AND result = '完成' GROUP BY kind ORDER BY kind";
	static const char used[] =
		"SELECT what, sum(count) FROM usage_log WHERE day LIKE ?1 || '%'"
		" GROUP BY what ORDER BY what";
	char y[16] = "";

	if (year > 0)
		snprintf(y, sizeof y, "%04d", year);
	if (stats_rows(db, published, "公开", y, fn, ctx, err, errlen) < 0 ||
	    stats_rows(db, applied, "申请", y, fn, ctx, err, errlen) < 0 ||
	    stats_rows(db, printed, "打印", y, fn, ctx, err, errlen) < 0 ||
	    stats_rows(db, used, "使用", y, fn, ctx, err, errlen) < 0)
		return -1;
	return 0;
}

/* Lists every import, oldest first. */
int stats_imports(struct db *db, stats_import_fn fn, void *ctx, char *err, size_t errlen)
{
	static const char sql[] =
		"SELECT sequence, issuer, coalesce(created, ''), imported_at, forced, n_bulletins,"
		" n_subsidies FROM imports ORDER BY id";
	sqlite3_stmt *st = db_stmt(db, sql, err, errlen);
	int rc;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(ctx, sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
		   (const char *)sqlite3_column_text(st, 2), (const char *)sqlite3_column_text(st, 3),
		   sqlite3_column_int(st, 4), sqlite3_column_int64(st, 5), sqlite3_column_int64(st, 6));
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "reading the import history", err, errlen);
}
