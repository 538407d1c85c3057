/*
 * calendar.h - statutory time in working days. Deadlines under the
 * 政府信息公开条例 run in working days: Monday to Friday, minus the official
 * holidays on weekdays (休息日), plus the make-up working days on weekends
 * (工作日), both from the county's calendar.csv.
 */
#ifndef GK_CALENDAR_H
#define GK_CALENDAR_H

enum calendar_kind {
	CAL_NORMAL = 0,  /* follows Monday-Friday */
	CAL_HOLIDAY = 1, /* 休息日: an official holiday */
	CAL_WORKDAY = 2  /* 工作日: a make-up working day */
};

/* Says what the calendar records for an ISO date; returns an enum
 * calendar_kind. */
typedef int (*calendar_lookup_fn)(void *ctx, const char *iso);

/* Converts an ISO date to days since 1970-01-01 and back. calendar_days
 * returns -1 for an invalid date. */
long calendar_days(const char *iso);
/* Writes the ISO date of a day number into out[11]. */
void calendar_iso(long days, char out[11]);

/* Returns 1 when iso is a working day on the calendar. */
int calendar_is_working(const char *iso, calendar_lookup_fn lookup, void *ctx);

/* Writes into out the date of the n-th working day after from (the day of
 * receipt does not count, as the 条例 counts "自收到申请之日起"). n >= 1.
 * Returns 0, or -1 for a bad date. */
int calendar_add_working_days(const char *from, int n, calendar_lookup_fn lookup, void *ctx,
			      char out[11]);

#endif
