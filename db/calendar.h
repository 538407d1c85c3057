/*
 * calendar.h - reading the imported official calendar (calendar.csv) for
 * the working-day arithmetic of kiosk/calendar.h.
 */
#ifndef GK_DB_CALENDAR_H
#define GK_DB_CALENDAR_H

#include "db/db.h"

/* Returns CAL_HOLIDAY, CAL_WORKDAY or CAL_NORMAL (also on a database error)
 * for an ISO date. ctx is the struct db; fits calendar_lookup_fn. */
int db_calendar_kind(void *ctx, const char *iso);

#endif
