/*
 * export.h - carrying applications (and later the consultation register and
 * usage figures) from a kiosk to the county office on a USB stick, and
 * opening them at the office (interfaces.md "Exports").
 *
 * The kiosk writes DIR/gongkai-export/: manifest.txt (kiosk name and id,
 * time, then sha256sum lines), applications/<受理编号>.sealed (one
 * crypto_box_seal box each), applications.tsv (the clear facts: 受理编号,
 * status, dates, so the office sees deadlines as they stand now),
 * consultations/<咨询编号>.sealed and consultations.tsv (the consultation
 * register, the same way). Every file
 * is written under a temporary name, synced and renamed; the folder itself
 * is built beside the old one and swapped in last, so a stick pulled out
 * mid-export leaves the previous export whole.
 */
#ifndef GK_EXPORT_H
#define GK_EXPORT_H

#include <stddef.h>

#include "db/db.h"
#include "kiosk/config.h"

struct export_result {
	long applications; /* sealed applications written */
	long consultations; /* sealed registered questions written */
	char path[4096];   /* the gongkai-export folder written */
};

/* Writes dir/gongkai-export/ for this kiosk. now is "YYYY-MM-DD HH:MM:SS";
 * today decides 已超期. Returns 0, or -1 with a plain Chinese message in
 * err (disk full, stick gone, not writable). */
int export_write(struct db *db, const struct config *cfg, const char *dir, const char *now,
		 const char *today, struct export_result *res, char *err, size_t errlen);

#endif
