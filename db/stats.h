/*
 * stats.h - the figures staff carry back to the county office: what the
 * kiosk published, printed and was asked, per year, and the import history.
 * Each function calls fn once per (label, value) line, in a fixed order.
 */
#ifndef GK_STATS_H
#define GK_STATS_H

#include <stddef.h>

#include "db/db.h"

/* Called for each figure: a section ("公开", "申请", "打印", "使用"), a label and
 * a count. Strings are borrowed for the call. */
typedef void (*stats_fn)(void *ctx, const char *section, const char *label, long long value);

/* Reports the figures of one year (YYYY) or, with year <= 0, of all time.
 * Returns 0 or -1 with err. */
int stats_year(struct db *db, int year, stats_fn fn, void *ctx, char *err, size_t errlen);

/* Called for each imported bundle, oldest first. */
typedef void (*stats_import_fn)(void *ctx, long long sequence, const char *issuer,
				const char *created, const char *imported_at, int forced,
				long long bulletins, long long subsidies);

/* Lists the import history. Returns 0 or -1 with err. */
int stats_imports(struct db *db, stats_import_fn fn, void *ctx, char *err, size_t errlen);

#endif
