/*
 * test_staff.c - the rules of staff mode (kiosk/staff.h) with a fake
 * clock: five wrong PINs in a row lock for five minutes, the lock is kept
 * in the database across a restart (a closed and reopened connection),
 * the right PIN clears the count, an ended lock starts a fresh count, a
 * clock set back never lengthens the lock; the bundle comparison words;
 * the stick folder an export goes to.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "db/db.h"
#include "db/staff.h"
#include "kiosk/staff.h"

static char tmpdir[] = "/tmp/gk-test-staff.XXXXXX";
static char hash[crypto_pwhash_STRBYTES];

/* Opens (creating) the test database. */
static struct db *open_db(const char *name)
{
	char path[512], err[256];
	struct db *db = NULL;

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	if (db_open(path, DB_READWRITE, &db, err, sizeof err) != 0)
		printf("  db_open: %s\n", err);
	return db;
}

/* The pure rule: counting, locking at five, time left, minutes. */
static void lock_rule(void)
{
	struct staff_lock l = { 0 };
	long long now = 1000000;

	for (int i = 1; i < STAFF_MAX_FAILURES; i++) {
		CHECK_INT(staff_lock_fail(&l, now + i), 0);
		CHECK_INT(staff_lock_left(&l, now + i), 0);
	}
	CHECK_INT(l.failures, 4);
	CHECK_INT(staff_lock_fail(&l, now + 10), 1);
	CHECK_INT(staff_lock_left(&l, now + 10), 300);
	CHECK_INT(staff_lock_minutes(staff_lock_left(&l, now + 10)), 5);
	CHECK_INT(staff_lock_minutes(staff_lock_left(&l, now + 10 + 61)), 4);
	CHECK_INT(staff_lock_minutes(staff_lock_left(&l, now + 10 + 299)), 1);
	CHECK_INT(staff_lock_left(&l, now + 10 + 300), 0);
	/* A clock set back an hour: still at most five minutes. */
	CHECK_INT(staff_lock_left(&l, now - 3600), 300);
	/* After the lock a fresh count: one wrong PIN does not lock again. */
	CHECK_INT(staff_lock_fail(&l, now + 400), 0);
	CHECK_INT(l.failures, 1);
	CHECK_INT(l.locked_until, 0);
	staff_lock_clear(&l);
	CHECK_INT(l.failures, 0);
	CHECK_INT(staff_lock_minutes(0), 0);
	CHECK_INT(staff_lock_minutes(1), 1);
}

/* PIN attempts against a real hash and a database, restarted midway. */
static void pin_attempts(void)
{
	struct db *db = open_db("pin.db");
	struct staff_pin_result r;
	char err[256];
	long long now = 2000000;

	if (!db) {
		CHECK(0);
		return;
	}
	CHECK_INT(staff_pin_attempt(db, hash, "2468", now, &r, err, sizeof err), STAFF_PIN_OK);
	CHECK_INT(staff_pin_attempt(db, hash, "1111", now, &r, err, sizeof err), STAFF_PIN_WRONG);
	CHECK_INT(r.tries_left, 4);
	/* The right PIN clears the count. */
	CHECK_INT(staff_pin_attempt(db, hash, "2468", now, &r, err, sizeof err), STAFF_PIN_OK);
	for (int i = 0; i < 3; i++)
		CHECK_INT(staff_pin_attempt(db, hash, "0000", now + i, &r, err, sizeof err), STAFF_PIN_WRONG);
	CHECK_INT(r.tries_left, 2);
	/* A restart in the middle of the count keeps it. */
	db_close(db);
	db = open_db("pin.db");
	CHECK_INT(staff_pin_attempt(db, hash, "0000", now + 5, &r, err, sizeof err), STAFF_PIN_WRONG);
	CHECK_INT(r.tries_left, 1);
	CHECK_INT(staff_pin_attempt(db, hash, "0000", now + 6, &r, err, sizeof err), STAFF_PIN_LOCKED);
	CHECK_INT(r.seconds_left, 300);
	/* Locked: even the right PIN is not checked. */
	CHECK_INT(staff_pin_attempt(db, hash, "2468", now + 60, &r, err, sizeof err), STAFF_PIN_LOCKED);
	CHECK_INT(r.seconds_left, 246);
	/* A restart keeps the lock. */
	db_close(db);
	db = open_db("pin.db");
	CHECK_INT(staff_pin_state(db, hash, now + 120, &r, err, sizeof err), STAFF_PIN_LOCKED);
	CHECK_INT(staff_lock_minutes(r.seconds_left), 4);
	/* Five minutes later the right PIN opens and clears everything. */
	CHECK_INT(staff_pin_state(db, hash, now + 306, &r, err, sizeof err), STAFF_PIN_OK);
	CHECK_INT(r.tries_left, STAFF_MAX_FAILURES);
	CHECK_INT(staff_pin_attempt(db, hash, "2468", now + 306, &r, err, sizeof err), STAFF_PIN_OK);
	{
		int failures = -1;
		long long until = -1;

		CHECK_INT(db_staff_lock_get(db, &failures, &until, err, sizeof err), 0);
		CHECK_INT(failures, 0);
		CHECK_INT(until, 0);
	}
	/* No hash configured: not set up, nothing counted. */
	CHECK_INT(staff_pin_attempt(db, "", "2468", now, &r, err, sizeof err), STAFF_PIN_NOT_SET);
	CHECK_INT(staff_pin_attempt(db, NULL, "2468", now, &r, err, sizeof err), STAFF_PIN_NOT_SET);
	/* A broken hash is an error, not a wrong PIN. */
	CHECK_INT(staff_pin_attempt(db, "not-a-hash", "2468", now, &r, err, sizeof err), STAFF_PIN_ERROR);
	db_close(db);
}

/* The bundle comparison. */
static void bundle_age(void)
{
	CHECK_INT(staff_bundle_age(3, 2), STAFF_BUNDLE_NEWER);
	CHECK_INT(staff_bundle_age(1, 0), STAFF_BUNDLE_NEWER);
	CHECK_INT(staff_bundle_age(2, 2), STAFF_BUNDLE_SAME);
	CHECK_INT(staff_bundle_age(1, 2), STAFF_BUNDLE_OLDER);
	CHECK_STR(staff_bundle_age_text(STAFF_BUNDLE_NEWER), "较新");
	CHECK_STR(staff_bundle_age_text(STAFF_BUNDLE_SAME), "已导入过");
	CHECK_STR(staff_bundle_age_text(STAFF_BUNDLE_OLDER), "较旧，不能导入");
}

/* The stick folder: the first writable folder under a root; a link is
 * not followed; nothing there is -1. */
static void find_stick(void)
{
	char roots[1200], out[1024], p[1100];

	snprintf(roots, sizeof roots, "%s/none:%s/media", tmpdir, tmpdir);
	snprintf(p, sizeof p, "%s/media", tmpdir);
	mkdir(p, 0755);
	CHECK_INT(staff_find_stick(roots, out, sizeof out), -1);
	snprintf(p, sizeof p, "%s/media/link", tmpdir);
	CHECK_INT(symlink("/tmp", p), 0);
	CHECK_INT(staff_find_stick(roots, out, sizeof out), -1);
	snprintf(p, sizeof p, "%s/media/stick", tmpdir);
	mkdir(p, 0755);
	CHECK_INT(staff_find_stick(roots, out, sizeof out), 0);
	CHECK_STR(out, p);
}

int main(void)
{
	char cmd[600];

	if (!mkdtemp(tmpdir) || sodium_init() < 0 ||
	    crypto_pwhash_str(hash, "2468", 4, crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
		printf("FAIL: setup\n");
		return 1;
	}
	TEST(lock_rule);
	TEST(pin_attempts);
	TEST(bundle_age);
	TEST(find_stick);
	snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
	if (system(cmd) != 0)
		printf("  could not remove %s\n", tmpdir);
	return CHECK_EXIT();
}
