/*
 * staff.h - what staff mode asks the database: the PIN lock that must
 * survive a restart (table staff_lock, migration 3), the last import, and
 * the file the database lives in (its size, the folder for free disk, and
 * a second connection for an import on a worker thread). One function per
 * question; the rules that use the answers live in kiosk/staff.h.
 */
#ifndef GK_DB_STAFF_H
#define GK_DB_STAFF_H

#include <stddef.h>

#include "db/db.h"

/* Reads the lock: wrong PINs in a row into *failures and the unix time the
 * lock ends into *locked_until (0 = not locked). A kiosk that never locked
 * reads 0 and 0. Returns 0 or -1 with err. */
int db_staff_lock_get(struct db *db, int *failures, long long *locked_until, char *err,
		      size_t errlen);

/* Writes the lock (the one row, created when missing). Returns 0 or -1
 * with err. */
int db_staff_lock_put(struct db *db, int failures, long long locked_until, char *err,
		      size_t errlen);

/* The newest import, for 终端状态 and the bundle list. */
struct db_staff_import {
	int found;          /* 0 when nothing was ever imported */
	long long sequence;
	char issuer[256];
	char created[40];   /* the manifest's created header, "" when absent */
	char imported_at[40];
};

/* Fills *out with the newest import. Returns 0 or -1 with err. */
int db_staff_last_import(struct db *db, struct db_staff_import *out, char *err, size_t errlen);

/* Returns the path of the database file (borrowed from the connection; ""
 * for an in-memory database). */
const char *db_staff_file(struct db *db);

/* Stores the bytes the database's pages take (page_count x page_size) in
 * *bytes. Returns 0 or -1 with err. */
int db_staff_size(struct db *db, long long *bytes, char *err, size_t errlen);

/* Called once per category with the number of documents (bulletins) the
 * newest import added or replaced. Strings are borrowed for the call. */
typedef void (*db_staff_count_fn)(void *ctx, const char *category, long long n);

/* Reports, per category, the documents of the newest import. Returns 0 or
 * -1 with err. */
int db_staff_import_categories(struct db *db, db_staff_count_fn fn, void *ctx, char *err,
			       size_t errlen);

/* Reports, per category, how many documents the kiosk holds. Returns 0 or
 * -1 with err. */
int db_staff_category_totals(struct db *db, db_staff_count_fn fn, void *ctx, char *err,
			     size_t errlen);

#endif
