/*
 * calendar.c - working-day arithmetic on the civil calendar (proleptic
 * Gregorian, days counted from 1970-01-01 with Hinnant's algorithms).
 */
#include "kiosk/calendar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Days from 1970-01-01 to y-m-d. */
static long days_from_civil(long y, long m, long d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Parses YYYY-MM-DD strictly and returns its day number, or -1. */
long calendar_days(const char *iso)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d, leap;

	if (!iso || strlen(iso) != 10 || iso[4] != '-' || iso[7] != '-' ||
	    sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || y < 1900 || y > 2200 || m < 1 || m > 12)
		return -1;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (d < 1 || d > mdays[m - 1] + (m == 2 && leap))
		return -1;
	return days_from_civil(y, m, d);
}

/* Writes the civil date of a day number. */
void calendar_iso(long z, char out[11])
{
	long era, doe, yoe, y, doy, mp, d, m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp + (mp < 10 ? 3 : -9);
	y += m <= 2;
	{
		unsigned yy = (unsigned)y % 10000u, mm = (unsigned)m % 13u, dd = (unsigned)d % 32u;
		char buf[32];

		snprintf(buf, sizeof buf, "%04u-%02u-%02u", yy, mm, dd);
		memcpy(out, buf, 11);
	}
}

/* Tells whether a date is a working day: the calendar first, then the weekday. */
int calendar_is_working(const char *iso, calendar_lookup_fn lookup, void *ctx)
{
	long z = calendar_days(iso);
	int kind = lookup ? lookup(ctx, iso) : CAL_NORMAL;
	long wd;

	if (z < 0)
		return 0;
	if (kind == CAL_HOLIDAY)
		return 0;
	if (kind == CAL_WORKDAY)
		return 1;
	wd = ((z % 7) + 7 + 4) % 7; /* 1970-01-01 was a Thursday; 0 = Sunday */
	return wd != 0 && wd != 6;
}

/* Steps forward over the calendar until n working days have passed. */
int calendar_add_working_days(const char *from, int n, calendar_lookup_fn lookup, void *ctx,
			      char out[11])
{
	long z = calendar_days(from);

	if (z < 0 || n < 1)
		return -1;
	while (n > 0) {
		char iso[11];

		z++;
		calendar_iso(z, iso);
		if (calendar_is_working(iso, lookup, ctx))
			n--;
	}
	calendar_iso(z, out);
	return 0;
}
