/*
 * calendar.c - one question: what the county's calendar says of a day.
 */
#include "db/calendar.h"

#include <sqlite3.h>
#include <string.h>

#include "db/db_internal.h"
#include "kiosk/calendar.h"

/* Looks the day up in the calendar table. */
int db_calendar_kind(void *ctx, const char *iso)
{
	static const char sql[] = "SELECT kind FROM calendar WHERE day = ?";
	struct db *db = ctx;
	sqlite3_stmt *st = db_stmt(db, sql, NULL, 0);
	int kind = CAL_NORMAL;

	if (!st)
		return CAL_NORMAL;
	db_bind_text(st, 1, iso);
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(st, 0);
		if (k && strcmp(k, "休息日") == 0)
			kind = CAL_HOLIDAY;
		else if (k && strcmp(k, "工作日") == 0)
			kind = CAL_WORKDAY;
	}
	sqlite3_reset(st);
	return kind;
}
