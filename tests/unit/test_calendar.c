/*
 * test_calendar.c - working days for statutory deadlines, on the real 2026
 * National Day holiday (10-01..10-07 off, 09-20 and 10-10 make-up days).
 */
#include <string.h>

#include "kiosk/calendar.h"
#include "tests/unit/check.h"

/* The 2026 National Day arrangement. */
static int lookup_2026(void *ctx, const char *iso)
{
	static const char *const off[] = { "2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06",
					   "2026-10-07", NULL };
	static const char *const on[] = { "2026-09-20", "2026-10-10", NULL };

	for (int i = 0; off[i]; i++)
		if (strcmp(iso, off[i]) == 0)
			return CAL_HOLIDAY;
	for (int i = 0; on[i]; i++)
		if (strcmp(iso, on[i]) == 0)
			return CAL_WORKDAY;
	return CAL_NORMAL;
}

/* Day numbers round-trip, invalid dates are refused. */
static void test_days(void)
{
	char out[11];

	CHECK_INT(calendar_days("1970-01-01"), 0);
	CHECK_INT(calendar_days("2000-03-01") - calendar_days("2000-02-28"), 2);
	CHECK_INT(calendar_days("2026-02-29"), -1);
	CHECK_INT(calendar_days("2026-13-01"), -1);
	CHECK_INT(calendar_days("2026/11/24"), -1);
	calendar_iso(calendar_days("2024-02-29"), out);
	CHECK_STR(out, "2024-02-29");
}

/* Weekends rest, holidays rest, make-up days work. */
static void test_working(void)
{
	CHECK(calendar_is_working("2026-11-24", lookup_2026, NULL));  /* Tuesday */
	CHECK(!calendar_is_working("2026-11-28", lookup_2026, NULL)); /* Saturday */
	CHECK(!calendar_is_working("2026-10-01", lookup_2026, NULL)); /* holiday */
	CHECK(calendar_is_working("2026-10-10", lookup_2026, NULL));  /* make-up Saturday */
	CHECK(calendar_is_working("2026-09-20", lookup_2026, NULL));  /* make-up Sunday */
}

/* 20 working days from a receipt day, across weekends and National Day. */
static void test_deadlines(void)
{
	char out[11];

	/* Received Tuesday 2026-11-24: 20 working days = Tuesday 2026-12-22. */
	CHECK_INT(calendar_add_working_days("2026-11-24", 20, lookup_2026, NULL, out), 0);
	CHECK_STR(out, "2026-12-22");
	/* Received Friday 2026-09-25: 09-28, 09-29, 09-30 (3), holiday to 10-07,
	 * 10-08, 10-09, 10-10 (make-up) = 6, then 10-12.. : the 20th is 10-29. */
	CHECK_INT(calendar_add_working_days("2026-09-25", 20, lookup_2026, NULL, out), 0);
	CHECK_STR(out, "2026-10-29");
	/* One working day after a Friday is Monday. */
	CHECK_INT(calendar_add_working_days("2026-11-27", 1, NULL, NULL, out), 0);
	CHECK_STR(out, "2026-11-30");
	CHECK_INT(calendar_add_working_days("bad", 1, NULL, NULL, out), -1);
}

/* Runs the calendar tests. */
int main(void)
{
	TEST(test_days);
	TEST(test_working);
	TEST(test_deadlines);
	return CHECK_EXIT();
}
