/*
 * synonym.c - widening a search by synonyms: the built-in pairs and the
 * office's (the synonyms table of migration 5, filled from synonyms.csv).
 */
#include "db/synonym.h"

#include <stdlib.h>
#include <string.h>

#include "db/db_internal.h"
#include "kiosk/util.h"

/* The pairs every kiosk knows; the office adds its own by bundle. */
static const char *const synonym_builtin[][2] = {
	{ "养老金", "养老保险" },
	{ "低保", "最低生活保障" },
	{ "一卡通", "惠民惠农财政补贴" },
};

/* Removes the office's pairs. */
int synonym_clear(struct db *db, char *err, size_t errlen)
{
	sqlite3_stmt *st = db_stmt(db, "DELETE FROM synonyms", err, errlen);
	int rc;

	if (!st)
		return -1;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "clearing synonyms", err, errlen);
}

/* Stores one pair (a repeated pair is kept once). */
int synonym_add(struct db *db, const char *word, const char *synonym, char *err, size_t errlen)
{
	sqlite3_stmt *st = db_stmt(db, "INSERT OR IGNORE INTO synonyms(word, synonym) VALUES (?1, ?2)",
				   err, errlen);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, word);
	db_bind_text(st, 2, synonym);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "storing a synonym", err, errlen);
}

/* Appends " OR <phrase of s>" to b when s is searchable. */
static void synonym_or(struct sbuf *b, const char *s)
{
	char *p = db_fts_query(s);

	if (p) {
		sbuf_add(b, " OR ");
		sbuf_add(b, p);
		free(p);
	}
}

/* Appends the synonyms of word (built-in, then the office's) as OR terms;
 * returns how many, or -1 when the database failed. */
static int synonym_expand(struct db *db, const char *word, struct sbuf *b, char *err,
			  size_t errlen)
{
	static const char sql[] = "SELECT synonym FROM synonyms WHERE word = ?1"
				  " UNION SELECT word FROM synonyms WHERE synonym = ?1";
	sqlite3_stmt *st;
	int n = 0, rc;

	for (size_t i = 0; i < sizeof synonym_builtin / sizeof synonym_builtin[0]; i++)
		for (int k = 0; k < 2; k++)
			if (strcmp(word, synonym_builtin[i][k]) == 0) {
				synonym_or(b, synonym_builtin[i][!k]);
				n++;
			}
	st = db_stmt(db, sql, err, errlen);
	if (!st)
		return -1;
	db_bind_text(st, 1, word);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		synonym_or(b, (const char *)sqlite3_column_text(st, 0));
		n++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, "reading synonyms", err, errlen);
	return n;
}

/* Builds the widened MATCH expression, word by word. */
char *synonym_fts_query(struct db *db, const char *text, int *failed, char *err, size_t errlen)
{
	struct sbuf out = {0};
	const char *w = text;
	int words = 0;

	*failed = 0;
	while (*w) {
		size_t wl;
		char *word, *phrase;

		while (*w == ' ' || *w == '\t')
			w++;
		wl = strcspn(w, " \t");
		if (!wl)
			break;
		word = xstrndup(w, wl);
		w += wl;
		phrase = db_fts_query(word);
		if (phrase) {
			struct sbuf alt = {0};
			int n = synonym_expand(db, word, &alt, err, errlen);

			if (n < 0) {
				*failed = 1;
				free(word);
				free(phrase);
				sbuf_free(&alt);
				sbuf_free(&out);
				return NULL;
			}
			if (words++)
				sbuf_addc(&out, ' ');
			if (n > 0) {
				sbuf_addc(&out, '(');
				sbuf_add(&out, phrase);
				sbuf_add(&out, sbuf_str(&alt));
				sbuf_addc(&out, ')');
			} else {
				sbuf_add(&out, phrase);
			}
			sbuf_free(&alt);
			free(phrase);
		}
		free(word);
	}
	if (!words) {
		sbuf_free(&out);
		return NULL;
	}
	return sbuf_detach(&out);
}
