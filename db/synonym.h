/*
 * synonym.h - words that mean the same to a person searching: a few built
 * in (养老金/养老保险, 低保/最低生活保障, 一卡通/惠民惠农财政补贴) and those the
 * office adds in a bundle's synonyms.csv (词, 同义词). A search for a word
 * also finds its synonyms; a pair works both ways.
 *
 * Functions return 0, or -1 with err filled.
 */
#ifndef GK_SYNONYM_H
#define GK_SYNONYM_H

#include <stddef.h>

#include "db/db.h"

/* Removes the office's synonyms (a bundle's synonyms.csv replaces them all). */
int synonym_clear(struct db *db, char *err, size_t errlen);

/* Stores one pair from synonyms.csv. */
int synonym_add(struct db *db, const char *word, const char *synonym, char *err, size_t errlen);

/* Builds the FTS5 MATCH expression for text as db_fts_query does, each
 * word that has synonyms widened to ("word" OR "synonym" …). Returns NULL
 * when text has nothing searchable (*failed stays 0) or the database
 * failed (*failed = 1, err filled). Caller frees. */
char *synonym_fts_query(struct db *db, const char *text, int *failed, char *err, size_t errlen);

#endif
