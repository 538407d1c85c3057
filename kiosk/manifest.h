/*
 * manifest.h - manifest.txt of a USB bundle (shared/spec/bundle-format.md):
 * its headers, its sha256sum lines, the safety of the paths it lists, and
 * opening the listed files without ever following a symbolic link.
 *
 *     # gongkai-bundle 1                       first non-blank line, version 1
 *     # issuer: 宣汉县人民政府办公室             required, not empty
 *     # sequence: 42                           required, positive integer
 *     # created: 2026-11-20T10:00:00+08:00     optional
 *     # encoding: GB18030                      optional: UTF-8 (UTF8), GB18030, GBK (CP936)
 *     3f5a…  bulletins.csv                     "<64 hex>  <path>" or "<64 hex> *<path>"
 *
 * Other "#" lines are ignored, as are blank lines; CRLF line ends and a UTF-8
 * BOM are tolerated. Header names are case-insensitive.
 *
 * Problems are reported in Chinese to a struct report, one line each, in the
 * form "manifest.txt:LINE: problem" (the file's own problems) or
 * "PATH: problem" (a listed file that is missing, altered, a link...).
 *
 * Time of check and time of use. manifest_check_files() reads and hashes
 * every listed file up front, so that the office gets every problem in one
 * report before any CSV is parsed. The stick stays in the kiosk while the
 * importer then reads the files again, and a hostile device (or a second
 * process) can hand out different bytes the second time. Two ways to close
 * that gap, and the importer must use one of them for every file whose
 * content reaches the database:
 *
 *   1. manifest_open_verified(): copies the file into a private copy while
 *      hashing it, compares the hash, and returns that copy. What is parsed
 *      is exactly what was hashed. This is the recommended way.
 *   2. manifest_open_file() and hashing the bytes as they are read (with
 *      crypto_hash_sha256 against entry->sha256), refusing the import before
 *      the commit when the hash differs. Import is one transaction, so a late
 *      refusal still leaves the database untouched.
 *
 * Bounded memory. A listed file larger than MANIFEST_MAX_FILE is refused
 * from its size alone, before a byte is read (by manifest_check_files and
 * manifest_open_verified alike; documented for the office in
 * docs/FILE-LIMITS-zh.md). Below it, files are read through one 64 KB
 * buffer and never more bytes than fstat reported (a file growing while it
 * is read is refused), so hashing costs no memory whatever the size. The
 * verified copy of a file up to MANIFEST_MEM_COPY bytes is a sealed memfd;
 * a larger one goes to a nameless 0600 file on disk (O_TMPFILE) in the
 * spool folder (manifest_set_spool_dir), $TMPDIR, /var/tmp or /tmp, the
 * first not kept in RAM, and is handed out read-only. So RAM plus memfd
 * stays under MANIFEST_MEM_COPY + 64 KB per open file, and a 1 GB file
 * swapped under a genuine manifest is refused at once, unread.
 *
 * Symbolic links are refused in every component of a listed path (each
 * folder is opened with O_NOFOLLOW relative to the previous one), and only
 * regular files are opened, so neither a link nor a device node nor a FIFO
 * can make the importer read outside the bundle or hang. The bundle folder
 * itself is taken as the caller gives it (it may lie behind /media links).
 */
#ifndef GK_MANIFEST_H
#define GK_MANIFEST_H

#include <stddef.h>

#include "kiosk/report.h"

/* Longest relative path accepted, in bytes. */
#define MANIFEST_MAX_PATH 1024

/* Largest listed file accepted, in MB and bytes: a subsidy list of 4 million
 * rows. The format declares no sizes, so this is the kiosk's own limit. */
#define MANIFEST_MAX_FILE_MB 512
#define MANIFEST_MAX_FILE ((long long)MANIFEST_MAX_FILE_MB << 20)

/* A verified copy up to this many bytes stays in memory (sealed memfd);
 * a larger one goes to a private file on disk. */
#define MANIFEST_MEM_COPY (4ll << 20)

/* One sha256sum line of the manifest. */
struct manifest_entry {
	char *path;                /* owned; relative, safe (manifest_path_is_safe) */
	unsigned char sha256[32];
	long line;                 /* line number in manifest.txt */
};

/* A parsed manifest. Zero-initialised or filled by manifest_parse, released
 * by manifest_free. */
struct manifest {
	int version;               /* 1 */
	char *issuer;              /* owned, never NULL after a successful parse */
	long long sequence;        /* > 0 */
	char *created;             /* owned; NULL if absent */
	char *encoding;            /* owned; "UTF-8", "GB18030" or "GBK"; NULL if absent */
	struct manifest_entry *entries; /* owned; sorted by path (byte order) */
	size_t nentries;
};

/* Parses text[len] (need not be NUL-terminated) into *out, reporting every
 * problem to rep with file "manifest.txt". Returns 0, or -1 when anything was
 * wrong; then *out is empty (still safe to pass to manifest_free). */
int manifest_parse(const char *text, size_t len, struct manifest *out, struct report *rep);

/* Releases everything the manifest owns and zeroes it. */
void manifest_free(struct manifest *m);

/* Returns the entry listing relpath exactly (byte comparison), or NULL.
 * Borrowed from m. */
const struct manifest_entry *manifest_find(const struct manifest *m, const char *relpath);

/* Returns 1 when relpath is a relative path that stays inside the bundle:
 * not empty, not absolute, no empty, "." or ".." component, no backslash, no
 * control character, valid UTF-8, at most MANIFEST_MAX_PATH bytes and 255
 * bytes per component. Returns 0 otherwise. */
int manifest_path_is_safe(const char *relpath);

/* Opens every listed file under bundle_dir without following links and
 * compares its SHA-256 with the manifest. Reports each missing file, link,
 * non-regular file, file above MANIFEST_MAX_FILE (unread), unreadable file
 * and hash mismatch (all of them, not just
 * the first). Returns 0 when every file is right, else -1. */
int manifest_check_files(const struct manifest *m, const char *bundle_dir, struct report *rep);

/* Opens bundle_dir/relpath for reading, refusing unsafe paths, symbolic
 * links in any component and anything but a regular file. Returns the file
 * descriptor (caller closes), or -1 with a Chinese message in err. The file
 * is not hashed: see the header comment. */
int manifest_open_file(const char *bundle_dir, const char *relpath, char *err, size_t errlen);

/* Opens the listed file relpath like manifest_open_file, refuses it if it
 * is larger than MANIFEST_MAX_FILE, copies it into a private file (memory
 * when small, disk otherwise: see the header comment) while hashing it, and
 * checks the hash against the manifest. Returns a read-only descriptor of
 * the copy positioned at its start (caller closes), or -1 with a Chinese
 * message in err (not listed, unsafe, missing, link, too large, grew while
 * read, hash mismatch, no memory or disk space). */
int manifest_open_verified(const struct manifest *m, const char *bundle_dir, const char *relpath,
			   char *err, size_t errlen);

/* Sets the folder where manifest_open_verified keeps verified copies of
 * large files (e.g. the database's folder); NULL or "" restores the default
 * ($TMPDIR, /var/tmp, /tmp). The folder is tried first unless it is tmpfs. */
void manifest_set_spool_dir(const char *dir);

#endif
