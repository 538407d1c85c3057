/*
 * staff.c - the PIN, its lock and the bundle comparison of staff mode
 * (kiosk/staff.h). The lock is read and written through db/staff.h on
 * every attempt, so two kiosks processes (or a restart) see one count.
 */
#include "kiosk/staff.h"

#include <dirent.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db/staff.h"
#include "kiosk/util.h"

/* Returns the seconds left on the lock. */
long long staff_lock_left(const struct staff_lock *l, long long now)
{
	long long left = l->locked_until - now;

	if (l->locked_until <= 0 || left <= 0)
		return 0;
	return left > STAFF_LOCK_SECONDS ? STAFF_LOCK_SECONDS : left;
}

/* Rounds seconds up to minutes. */
int staff_lock_minutes(long long seconds)
{
	if (seconds <= 0)
		return 0;
	return (int)((seconds + 59) / 60);
}

/* Counts a wrong PIN, locking at the limit. */
int staff_lock_fail(struct staff_lock *l, long long now)
{
	if (l->locked_until > 0 && staff_lock_left(l, now) == 0) {
		/* The lock ran out: a fresh count. */
		l->failures = 0;
		l->locked_until = 0;
	}
	if (l->failures < 0)
		l->failures = 0;
	l->failures++;
	if (l->failures >= STAFF_MAX_FAILURES) {
		l->failures = STAFF_MAX_FAILURES;
		l->locked_until = now + STAFF_LOCK_SECONDS;
		return 1;
	}
	return 0;
}

/* Clears the count. */
void staff_lock_clear(struct staff_lock *l)
{
	l->failures = 0;
	l->locked_until = 0;
}

/* Reads the lock row into l. */
static int staff_lock_read(struct db *db, struct staff_lock *l, char *err, size_t errlen)
{
	return db_staff_lock_get(db, &l->failures, &l->locked_until, err, errlen);
}

/* Reports the lock state without a PIN. */
int staff_pin_state(struct db *db, const char *pin_hash, long long now,
		    struct staff_pin_result *out, char *err, size_t errlen)
{
	struct staff_lock l;

	memset(out, 0, sizeof *out);
	if (!pin_hash || !*pin_hash)
		return out->status = STAFF_PIN_NOT_SET;
	if (staff_lock_read(db, &l, err, errlen) < 0)
		return out->status = STAFF_PIN_ERROR;
	out->seconds_left = staff_lock_left(&l, now);
	out->tries_left = out->seconds_left ? 0 : STAFF_MAX_FAILURES - l.failures;
	if (out->tries_left < 1 && !out->seconds_left)
		out->tries_left = STAFF_MAX_FAILURES; /* an ended lock: a fresh count */
	return out->status = out->seconds_left ? STAFF_PIN_LOCKED : STAFF_PIN_OK;
}

/* Checks a PIN, counting and locking. */
int staff_pin_attempt(struct db *db, const char *pin_hash, const char *pin, long long now,
		      struct staff_pin_result *out, char *err, size_t errlen)
{
	struct staff_lock l;
	int rc;

	if (staff_pin_state(db, pin_hash, now, out, err, errlen) != STAFF_PIN_OK)
		return out->status;
	if (sodium_init() < 0) {
		util_errf(err, errlen, "加密库 libsodium 无法启动");
		return out->status = STAFF_PIN_ERROR;
	}
	if (strlen(pin_hash) >= crypto_pwhash_STRBYTES || strncmp(pin_hash, "$argon2", 7) != 0) {
		util_errf(err, errlen, "配置中的 pin_hash 不对，请用 gongkaictl set-pin 重新生成");
		return out->status = STAFF_PIN_ERROR;
	}
	rc = crypto_pwhash_str_verify(pin_hash, pin, strlen(pin));
	/* Read again: another attempt may have counted meanwhile. */
	if (staff_lock_read(db, &l, err, errlen) < 0)
		return out->status = STAFF_PIN_ERROR;
	if (rc == 0) {
		if (l.failures || l.locked_until) {
			staff_lock_clear(&l);
			if (db_staff_lock_put(db, l.failures, l.locked_until, err, errlen) < 0)
				return out->status = STAFF_PIN_ERROR;
		}
		return out->status = STAFF_PIN_OK;
	}
	staff_lock_fail(&l, now);
	if (db_staff_lock_put(db, l.failures, l.locked_until, err, errlen) < 0)
		return out->status = STAFF_PIN_ERROR;
	out->seconds_left = staff_lock_left(&l, now);
	out->tries_left = STAFF_MAX_FAILURES - l.failures;
	return out->status = out->seconds_left ? STAFF_PIN_LOCKED : STAFF_PIN_WRONG;
}

/* Compares sequences. */
int staff_bundle_age(long long sequence, long long last)
{
	if (sequence > last)
		return STAFF_BUNDLE_NEWER;
	return sequence == last ? STAFF_BUNDLE_SAME : STAFF_BUNDLE_OLDER;
}

/* The words for a bundle's age. */
const char *staff_bundle_age_text(int age)
{
	switch (age) {
	case STAFF_BUNDLE_NEWER:
		return "较新";
	case STAFF_BUNDLE_SAME:
		return "已导入过";
	default:
		return "较旧，不能导入";
	}
}

/* Looks through the roots for a writable stick folder; mount_only keeps
 * only folders on another file system than their root. */
static int staff_stick_pass(const char *mount_roots, int mount_only, char *out, size_t n)
{
	char *roots = xstrdup(mount_roots ? mount_roots : ""), *save = NULL;
	int found = -1;

	for (char *root = strtok_r(roots, ":", &save); root && found < 0;
	     root = strtok_r(NULL, ":", &save)) {
		struct stat rst, st;
		DIR *d = opendir(root);
		struct dirent *e;

		if (!d)
			continue;
		if (fstat(dirfd(d), &rst) < 0) {
			closedir(d);
			continue;
		}
		while (found < 0 && (e = readdir(d)) != NULL) {
			char *p;

			if (e->d_name[0] == '.')
				continue;
			p = xasprintf("%s/%s", root, e->d_name);
			if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode) && access(p, W_OK) == 0 &&
			    (!mount_only || st.st_dev != rst.st_dev)) {
				snprintf(out, n, "%s", p);
				found = 0;
			}
			free(p);
		}
		closedir(d);
	}
	free(roots);
	return found;
}

/* Finds the stick folder to export onto. */
int staff_find_stick(const char *mount_roots, char *out, size_t n)
{
	if (staff_stick_pass(mount_roots, 1, out, n) == 0)
		return 0;
	return staff_stick_pass(mount_roots, 0, out, n);
}
