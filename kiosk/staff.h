/*
 * staff.h - the rules of staff mode, without a terminal: the PIN check
 * against [staff] pin_hash (libsodium crypto_pwhash_str_verify), the lock
 * after five wrong PINs in a row (five minutes, kept in the database so a
 * restart does not reset it), and how a bundle found on a stick compares
 * with the last import. The clock is a parameter, so tests use a fake one.
 */
#ifndef GK_STAFF_H
#define GK_STAFF_H

#include <stddef.h>

#include "db/db.h"

#define STAFF_MAX_FAILURES 5   /* wrong PINs in a row that lock staff mode */
#define STAFF_LOCK_SECONDS 300 /* how long the lock lasts */

/* The lock as the database keeps it (db/staff.h). */
struct staff_lock {
	int failures;           /* wrong PINs in a row */
	long long locked_until; /* unix time; 0 = not locked */
};

/* Returns the seconds the lock still has at unix time now, 0 when it is
 * not locked. Never more than STAFF_LOCK_SECONDS, so a clock set back does
 * not lock the kiosk for longer. */
long long staff_lock_left(const struct staff_lock *l, long long now);

/* Returns whole minutes to tell the staff for seconds left (rounded up,
 * at least 1 while any time is left). */
int staff_lock_minutes(long long seconds);

/* Counts a wrong PIN at now. A lock that has ended starts the count over;
 * the STAFF_MAX_FAILURES-th wrong PIN in a row locks until now +
 * STAFF_LOCK_SECONDS. Returns 1 when this PIN locked it, else 0. */
int staff_lock_fail(struct staff_lock *l, long long now);

/* Forgets the wrong PINs after the right one. */
void staff_lock_clear(struct staff_lock *l);

/* What a PIN attempt came to. */
enum staff_pin_status {
	STAFF_PIN_OK = 0,       /* the right PIN: staff mode opens */
	STAFF_PIN_WRONG = 1,    /* wrong; tries_left more before the lock */
	STAFF_PIN_LOCKED = 2,   /* locked (before or by this attempt); seconds_left */
	STAFF_PIN_NOT_SET = 3,  /* no pin_hash configured */
	STAFF_PIN_ERROR = -1    /* the database or the hash could not be used; err */
};

/* The outcome of staff_pin_attempt(). */
struct staff_pin_result {
	int status;             /* enum staff_pin_status */
	int tries_left;         /* STAFF_PIN_WRONG: wrong PINs left before the lock */
	long long seconds_left; /* STAFF_PIN_LOCKED: time left on the lock */
};

/* Checks pin against pin_hash (a crypto_pwhash_str string) at unix time
 * now, reading and updating the lock in db. A locked kiosk does not check
 * the PIN at all. Slow on purpose (crypto_pwhash, about 0.1-1 s). Returns
 * the status, also stored in out. */
int staff_pin_attempt(struct db *db, const char *pin_hash, const char *pin, long long now,
		      struct staff_pin_result *out, char *err, size_t errlen);

/* Reads the lock at now without a PIN: STAFF_PIN_LOCKED with seconds_left,
 * STAFF_PIN_NOT_SET, or STAFF_PIN_OK (a PIN may be tried). */
int staff_pin_state(struct db *db, const char *pin_hash, long long now,
		    struct staff_pin_result *out, char *err, size_t errlen);

/* How a bundle on a stick compares with the last import. */
enum staff_bundle_age {
	STAFF_BUNDLE_NEWER, /* 较新: can be imported */
	STAFF_BUNDLE_SAME,  /* 已导入过 */
	STAFF_BUNDLE_OLDER  /* 较旧，不能导入 */
};

/* Compares a bundle's sequence with the last one imported (0 = none). */
int staff_bundle_age(long long sequence, long long last);

/* Returns the staff's words for an enum staff_bundle_age. */
const char *staff_bundle_age_text(int age);

/* Finds the folder to export onto: the first stick under the
 * colon-separated mount roots, a writable folder <root>/<stick>/ (a mount
 * point preferred; links are not followed). Writes its path into out (n
 * bytes). Returns 0, or -1 when no writable stick folder is there. */
int staff_find_stick(const char *mount_roots, char *out, size_t n);

#endif
