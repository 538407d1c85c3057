/*
 * bundle.h - checking and importing a signed USB bundle
 * (shared/spec/bundle-format.md).
 *
 * The order is fixed so that nothing from an unverified bundle is read
 * beyond the manifest: signature of manifest.txt, manifest syntax, sequence
 * (no replay), hashes and path safety of every listed file, then each CSV
 * and body, all inside one transaction that is committed only when the
 * report holds no error.
 */
#ifndef GK_BUNDLE_H
#define GK_BUNDLE_H

#include <stddef.h>

#include "db/db.h"
#include "db/store.h"
#include "kiosk/report.h"

struct bundle_opts {
	const char *dir;           /* the gongkai-bundle folder, or a folder holding one */
	const char *pubkey;        /* the office's minisign key (config bundle_pubkey) */
	int force;                 /* re-import the same sequence */
	int write;                 /* 0 = verify only: the database is only read */
	const char *operator_name; /* recorded in the import history */
	/* Called now and then with the file being read and rows done, so a
	 * screen can show progress; may be NULL. */
	void (*progress)(void *ctx, const char *file, long rows);
	void *progress_ctx;
};

struct bundle_result {
	char issuer[256];
	long long sequence;
	long long last_sequence;   /* what the kiosk had before */
	struct store_counts counts;
	char dir[4096];            /* the folder actually read */
};

enum bundle_status {
	BUNDLE_OK = 0,        /* verified (and imported when write) */
	BUNDLE_REFUSED = 1,   /* the report says why; the database is unchanged */
	BUNDLE_ENV_FAILED = 3 /* database or disk failed; err says how; unchanged */
};

/* Verifies the bundle and, with opts->write, imports it all or nothing.
 * db may be NULL when verifying (no sequence check then). Problems go to
 * rep; an environment failure to err. Returns an enum bundle_status. */
int bundle_import(struct db *db, const struct bundle_opts *opts, struct report *rep,
		  struct bundle_result *res, char *err, size_t errlen);

/* Looks for gongkai-bundle folders under the colon-separated mount roots
 * (each root itself, its children and grandchildren, as desktop automount
 * makes /media/USER/LABEL). Writes up to max paths (caller frees each) and
 * returns how many were found. */
size_t bundle_find(const char *mount_roots, char **paths, size_t max);

/* What a bundle says about itself, read only after the signature of its
 * manifest checked (bundle_peek). */
struct bundle_info {
	char issuer[256];   /* masked like the import history's */
	long long sequence;
	char created[64];   /* the manifest's created header, "" when absent */
	char dir[4096];     /* the folder actually read */
};

/* Checks the signature of dir's manifest.txt against pubkey and reads its
 * headers into *out, without hashing the listed files (a quick look for a
 * list of sticks; bundle_import still checks everything). Problems go to
 * rep. Returns 0, or -1 when the bundle cannot be trusted or read. */
int bundle_peek(const char *dir, const char *pubkey, struct bundle_info *out, struct report *rep);

#endif
