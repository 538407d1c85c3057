/*
 * directory.c - the directory of public services (公共服务名录, migration 6):
 * one function per question the importer and the screens ask.
 */
#include "db/directory.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "db/db_internal.h"
#include "db/synonym.h"
#include "kiosk/util.h"

/* The columns every unit query reads, in directory_read's order. */
#define DIR_COLS "d.id, d.township, d.name, d.category, d.address, d.hours, d.phone, d.note"

/* Removes every unit. */
int directory_clear(struct db *db, char *err, size_t errlen)
{
	sqlite3_stmt *st = db_stmt(db, "DELETE FROM directory", err, errlen);
	int rc;

	if (!st)
		return -1;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "clearing the directory", err, errlen);
}

/* Adds one unit. */
int directory_add(struct db *db, const struct directory_entry *e, char *err, size_t errlen)
{
	static const char sql[] =
		"INSERT INTO directory(township, name, category, address, hours, phone, note, name_py)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	sqlite3_stmt *st = db_stmt(db, sql, err, errlen);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, e->township);
	db_bind_text(st, 2, e->name);
	db_bind_text(st, 3, e->category);
	db_bind_text(st, 4, e->address);
	db_bind_text(st, 5, e->hours);
	db_bind_text(st, 6, e->phone);
	db_bind_text(st, 7, e->note);
	db_bind_text(st, 8, e->name_py);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "storing a directory unit", err, errlen);
}

/* Counts the units. */
int directory_count(struct db *db, long *n, char *err, size_t errlen)
{
	long long v;
	int rc = db_scalar(db, "SELECT count(*) FROM directory", &v, "counting the directory", err,
			   errlen);

	*n = (long)v;
	return rc;
}

/* Lists the townships with their counts. */
int directory_towns(struct db *db, struct directory_town **out, int *n, char *err,
		    size_t errlen)
{
	static const char sql[] = "SELECT township, count(*) FROM directory"
				  " GROUP BY township ORDER BY township";
	sqlite3_stmt *st = db_stmt(db, sql, err, errlen);
	struct directory_town *v = NULL;
	int k = 0, cap = 0, rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (k == cap) {
			cap = cap ? cap * 2 : 16;
			v = xrealloc(v, (size_t)cap * sizeof *v);
		}
		v[k].township = db_col_dup(st, 0);
		v[k].units = (long)sqlite3_column_int64(st, 1);
		k++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		directory_towns_free(v, k);
		return db_fail(db, "listing the directory's townships", err, errlen);
	}
	*out = v;
	*n = k;
	return 0;
}

/* Frees a township list. */
void directory_towns_free(struct directory_town *t, int n)
{
	for (int i = 0; i < n; i++)
		free(t[i].township);
	free(t);
}

/* Copies the DIR_COLS of the statement's row into u. */
static void directory_read(sqlite3_stmt *st, struct directory_unit *u)
{
	u->id = sqlite3_column_int64(st, 0);
	u->township = db_col_dup(st, 1);
	u->name = db_col_dup(st, 2);
	u->category = db_col_dup(st, 3);
	u->address = db_col_dup(st, 4);
	u->hours = db_col_dup(st, 5);
	u->phone = db_col_dup(st, 6);
	u->note = db_col_dup(st, 7);
}

/* Steps a bound statement to its end, collecting the units. */
static int directory_collect(struct db *db, sqlite3_stmt *st, const char *what,
			     struct directory_unit **out, int *n, char *err, size_t errlen)
{
	struct directory_unit *v = NULL;
	int k = 0, cap = 0, rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (k == cap) {
			cap = cap ? cap * 2 : 16;
			v = xrealloc(v, (size_t)cap * sizeof *v);
		}
		directory_read(st, &v[k++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		directory_units_free(v, k);
		return db_fail(db, what, err, errlen);
	}
	*out = v;
	*n = k;
	return 0;
}

/* Lists the units of a township. */
int directory_units(struct db *db, const char *township, const char *category,
		    struct directory_unit **out, int *n, char *err, size_t errlen)
{
	static const char sql[] = "SELECT " DIR_COLS " FROM directory d WHERE d.township = ?1"
				  " AND (?2 = '' OR d.category = ?2)"
				  " ORDER BY d.category, d.name, d.id";
	sqlite3_stmt *st = db_stmt(db, sql, err, errlen);

	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	db_bind_text(st, 1, township);
	db_bind_text(st, 2, category);
	return directory_collect(db, st, "listing a township's directory", out, n, err, errlen);
}

/* Returns 1 when text is ASCII letters and spaces only, with a letter. */
static int directory_is_pinyin(const char *text)
{
	int letters = 0;

	for (const char *p = text; *p; p++) {
		if (isalpha((unsigned char)*p) && !((unsigned char)*p & 0x80))
			letters++;
		else if (*p != ' ')
			return 0;
	}
	return letters > 0;
}

/* Returns text with ASCII spaces and quotes dropped (lowercased when
 * lower): what the tiers compare with. Caller frees. */
static char *directory_phrase(const char *text, int lower)
{
	struct sbuf b = {0};

	for (const char *p = text; *p; p++)
		if (*p != ' ' && *p != '"')
			sbuf_addc(&b, lower ? (char)tolower((unsigned char)*p) : *p);
	return sbuf_detach(&b);
}

/* Searches the directory. */
int directory_search(struct db *db, const char *text, const char *township, int limit,
		     struct directory_unit **out, int *n, char *err, size_t errlen)
{
	static const char fts_sql[] =
		"SELECT " DIR_COLS ", CASE WHEN instr(d.name, ?2) > 0 THEN 0"
		" WHEN instr(d.category, ?2) > 0 THEN 1 WHEN instr(d.township, ?2) > 0 THEN 2"
		" ELSE 3 END AS tier FROM"
		" (SELECT rowid AS rid, bm25(directory_fts, 10.0, 4.0, 1.0, 2.0) AS score"
		"  FROM directory_fts WHERE directory_fts MATCH ?1 LIMIT -1 OFFSET 0) f"
		" JOIN directory d ON d.id = f.rid WHERE (?3 = '' OR d.township = ?3)"
		" ORDER BY tier, f.score, d.township, d.category, d.name, d.id LIMIT ?4";
	static const char py_sql[] =
		"SELECT " DIR_COLS ", CASE WHEN substr(d.name_py, 1, length(?2)) = ?2 THEN 0"
		" WHEN d.name_py LIKE ?5 THEN 1 ELSE 2 END AS tier FROM directory d"
		" WHERE (d.name_py LIKE ?5 OR d.id IN"
		"  (SELECT rowid FROM directory_fts WHERE directory_fts MATCH ?1))"
		" AND (?3 = '' OR d.township = ?3)"
		" ORDER BY tier, d.township, d.category, d.name, d.id LIMIT ?4";
	int pinyin = directory_is_pinyin(text), failed = 0, rc;
	char *match, *phrase, *like = NULL;
	sqlite3_stmt *st;

	*out = NULL;
	*n = 0;
	match = synonym_fts_query(db, text, &failed, err, errlen);
	if (!match)
		return failed ? -1 : 0;
	phrase = directory_phrase(text, pinyin);
	if (pinyin)
		like = xasprintf("%%%s%%", phrase);
	st = db_stmt(db, pinyin ? py_sql : fts_sql, err, errlen);
	if (!st) {
		rc = -1;
	} else {
		db_bind_text(st, 1, match);
		db_bind_text(st, 2, phrase);
		db_bind_text(st, 3, township);
		sqlite3_bind_int(st, 4, limit);
		if (pinyin)
			db_bind_text(st, 5, like);
		rc = directory_collect(db, st, "searching the directory", out, n, err, errlen);
	}
	free(match);
	free(phrase);
	free(like);
	return rc;
}

/* Frees an array of units. */
void directory_units_free(struct directory_unit *u, int n)
{
	for (int i = 0; i < n; i++)
		directory_unit_clear(&u[i]);
	free(u);
}

/* Reads one unit. */
int directory_get(struct db *db, long long id, struct directory_unit *out, char *err,
		  size_t errlen)
{
	static const char sql[] = "SELECT " DIR_COLS " FROM directory d WHERE d.id = ?1";
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof *out);
	st = db_row_by_id(db, sql, id, "reading a directory unit", &rc, err, errlen);
	if (!st)
		return rc;
	directory_read(st, out);
	sqlite3_reset(st);
	return 0;
}

/* Frees a unit's strings. */
void directory_unit_clear(struct directory_unit *u)
{
	free(u->township);
	free(u->name);
	free(u->category);
	free(u->address);
	free(u->hours);
	free(u->phone);
	free(u->note);
	memset(u, 0, sizeof *u);
}
