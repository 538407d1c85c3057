/*
 * store.h - what a bundle import writes. The importer (kiosk/bundle.c)
 * opens one transaction with db_begin(), calls these, and commits only if
 * the whole bundle was good; every function here assumes that transaction.
 * All return 0, or -1 with err filled (an environment failure: the caller
 * rolls back). Strings are borrowed.
 */
#ifndef GK_STORE_H
#define GK_STORE_H

#include <stddef.h>

#include "db/db.h"

/* The newest sequence ever imported, 0 if none. */
int store_last_sequence(struct db *db, long long *seq, char *err, size_t errlen);

struct store_import {
	const char *issuer;
	long long sequence;
	const char *created;
	const char *source;          /* the bundle folder */
	const char *manifest_sha256; /* hex */
	const char *operator_name;   /* "gongkaictl", "kiosk" */
	int forced;
};

struct store_counts {
	long bulletins, guides, subsidies, qa, calendar, replies;
};

/* Records the start of an import; *id is used by the rows it adds. */
int store_import_begin(struct db *db, const struct store_import *imp, long long *id,
		       char *err, size_t errlen);
/* Writes the final counts of the import. */
int store_import_finish(struct db *db, long long id, const struct store_counts *n,
			char *err, size_t errlen);

struct store_bulletin {
	const char *index_no, *category, *title, *doc_no, *issuer, *written, *published,
		*validity, *topic, *body, *body_path, *related, *url, *title_py;
};

/* Adds a bulletin, replacing the one with the same 索引号. */
int store_bulletin_put(struct db *db, long long import_id, const struct store_bulletin *b,
		       char *err, size_t errlen);
/* Sets the 施行日期 and 有效期至 (ISO dates, "" = not given) of the bulletin
 * with this 索引号, after store_bulletin_put. */
int store_bulletin_dates(struct db *db, const char *index_no, const char *effective_on,
			 const char *valid_until, char *err, size_t errlen);
/* Sets *exists to 1 when a bulletin with this 索引号 is stored. */
int store_bulletin_exists(struct db *db, const char *index_no, int *exists, char *err,
			  size_t errlen);

struct store_guide {
	const char *code, *name, *agency, *basis, *conditions, *materials, *process,
		*time_limit, *fees, *location, *hours, *phone, *name_py;
};

/* Removes every guide (guides.csv replaces them all). */
int store_guides_clear(struct db *db, char *err, size_t errlen);
/* Adds one guide. */
int store_guide_add(struct db *db, const struct store_guide *g, char *err, size_t errlen);

/* Empties the batch program/year/batch (creating it if new) so the import
 * can fill it again; *batch_id receives its id. */
int store_batch_replace(struct db *db, long long import_id, const char *program, int year,
			const char *batch, long long *batch_id, char *err, size_t errlen);

struct store_subsidy {
	long long batch_id;
	const char *township, *village, *name, *id_masked, *id_tail, *basis, *paid_on,
		*fund_source, *account_masked;
	long long amount_fen;
	long line;
	const char (*py)[16]; /* pinyin-initials variants of the name */
	size_t npy;
};

/* Prepares for adding many subsidy rows (a county list): drops the place
 * and name indexes, so store_bulk_end() builds them in one sorted pass
 * instead of a million random inserts. Both run inside the import's
 * transaction, so a refused import restores them. */
int store_bulk_begin(struct db *db, char *err, size_t errlen);
/* Builds what store_bulk_begin() deferred. */
int store_bulk_end(struct db *db, char *err, size_t errlen);

/* Adds one subsidy row with its name index entries. */
int store_subsidy_add(struct db *db, const struct store_subsidy *s, char *err, size_t errlen);
/* Recomputes the totals of a batch after its rows are in. */
int store_batch_totals(struct db *db, long long batch_id, char *err, size_t errlen);

/* Merges the full-text indexes the import changed into one segment each
 * ('optimize'), so that searches read one b-tree instead of dozens. */
int store_optimize(struct db *db, const struct store_counts *changed, char *err, size_t errlen);

/* Removes the whole Q&A library (qa.csv replaces it). */
int store_qa_clear(struct db *db, char *err, size_t errlen);
/* Adds one question and answer. */
int store_qa_add(struct db *db, const char *code, const char *question, const char *answer,
		 const char *keywords, const char *related, const char *department,
		 const char *answered_on, const char *question_py, char *err, size_t errlen);
/* Marks the question code (added by store_qa_add) as the office's answer
 * to the registered question consult_no (qa.csv 登记编号). */
int store_qa_set_consult(struct db *db, const char *code, const char *consult_no, char *err,
			 size_t errlen);

/* Adds or overwrites one calendar day (kind 休息日 or 工作日). */
int store_calendar_put(struct db *db, const char *day, const char *kind, char *err, size_t errlen);
#endif
