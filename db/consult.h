/*
 * consult.h - the consultation register (政策咨询登记, interfaces.md
 * "Policy Q&A"): questions the Q&A library had no answer for, as the
 * kiosk keeps them. Only the 咨询编号, the dates and the status are kept
 * in clear; the question and the phone are sealed (crypto_box_seal to
 * [trust] seal_pubkey) before anything is written, exactly like an
 * application's personal fields, and nothing on the kiosk reads them back.
 *
 * The office answers in a later bundle: a qa.csv row whose 登记编号 holds
 * the 咨询编号 (kept in qa.consult_no by the importer); db_consult_answer
 * finds it. The 答复期限 is the 5th working day after the day the question
 * counts as received (the rule for applications: apply_received_on, then
 * calendar_add_working_days).
 */
#ifndef GK_DB_CONSULT_H
#define GK_DB_CONSULT_H

#include <stddef.h>

#include "db/db.h"
#include "kiosk/apply.h"

/* Working days the office has to answer a registered question. */
#define CONSULT_WORKING_DAYS 5
/* The most characters a question takes. */
#define CONSULT_QUESTION_CHARS 300
/* 咨询编号 <kiosk id>-Z-YYYYMMDD-NNNN; buffers of this many bytes. */
#define CONSULT_NO_MAX 96

/* The columns of the office's consultations.csv, in order: 咨询编号,
 * 登记时间, 问题, 联系电话, 答复期限 (also the lines of the sealed record). */
#define CONSULT_NCOLS 5
extern const char *const db_consult_columns[CONSULT_NCOLS];

/* The clear facts of a registered question. */
struct db_consult {
	char no[CONSULT_NO_MAX]; /* 咨询编号 */
	char registered_at[20];  /* 登记时间 YYYY-MM-DD HH:MM:SS */
	char received_on[11];    /* the day it counts as received */
	char due_on[11];         /* 答复期限 */
	int answered;            /* a qa.csv row answers it */
	int overdue;             /* not answered, and due_on is before today */
};

/* Writes the 咨询编号 of the n-th question of day_iso (YYYY-MM-DD). */
void db_consult_no(const char *kiosk_id, const char *day_iso, long n, char *out, size_t outlen);

/* Returns 1 when s has the form of a 咨询编号: an id of letters, digits
 * and '-', then -Z-, eight digits of a real date, '-', four digits. */
int db_consult_no_ok(const char *s);

/* Writes into out (outlen bytes) what a person typed as a 咨询编号, as it
 * is kept: spaces dropped, letters in capitals. */
void db_consult_no_clean(const char *typed, char *out, size_t outlen);

/* Writes the day the question counts as received (day_iso when a working
 * day, else the next one) and its 答复期限 (the CONSULT_WORKING_DAYS-th
 * working day after it) on the imported calendar. Returns 0, or -1 for a
 * bad date. */
int db_consult_dates(struct db *db, const char *day_iso, char received[11], char due[11]);

/* Writes the record that is sealed: "gongkai-consultation 1\n", then one
 * "<column>\t<value>\n" line per db_consult_columns entry, values escaped
 * (\\ \n \t \r). Returns a malloc'd string the caller wipes
 * (sodium_memzero) and frees; its length in *len. */
char *db_consult_record(const struct db_consult *c, const char *question, const char *phone,
			size_t *len);

/* Reads a record back into values[CONSULT_NCOLS] (malloc'd, "" when
 * missing; the caller wipes and frees them). Returns 0, or -1 when the
 * text is not such a record (then nothing is allocated). */
int db_consult_record_parse(const char *text, size_t len, char *values[CONSULT_NCOLS]);

/* Registers a question in one transaction: the next 咨询编号 of now's day
 * for kiosk_id (a per-day counter of its own, never reused: across
 * restarts and a clock set back), the dates, the question and phone
 * ("" = none) sealed to pk. now is "YYYY-MM-DD HH:MM:SS". *out gets the
 * clear facts. Returns 0, or -1 with err (nothing written). */
int db_consult_register(struct db *db, const char *kiosk_id, const char *now,
			const unsigned char pk[APPLY_PK_BYTES], const char *question,
			const char *phone, struct db_consult *out, char *err, size_t errlen);

/* Finds a question registered at this kiosk by its 咨询编号 (as kept:
 * db_consult_no_clean). today decides overdue. Returns 1 found, 0 not,
 * -1 with err. */
int db_consult_find(struct db *db, const char *no, const char *today, struct db_consult *out,
		    char *err, size_t errlen);

/* The office's answer to a registered question: a qa.csv row. */
struct db_consult_answer {
	char *question, *answer, *department, *answered_on; /* owned: db_consult_answer_free */
};

/* Finds the answer whose 登记编号 is no. Returns 1 found (out filled),
 * 0 none yet, -1 with err. */
int db_consult_answer(struct db *db, const char *no, struct db_consult_answer *out, char *err,
		      size_t errlen);
/* Frees an answer's strings. */
void db_consult_answer_free(struct db_consult_answer *a);

/* Calls fn for every registered question, oldest first, with its clear
 * facts and its sealed record (borrowed for the call). Returns 0, fn's
 * non-zero value, or -1 with err. */
typedef int (*db_consult_fn)(void *ctx, const struct db_consult *c, const unsigned char *sealed,
			     size_t sealed_len);
int db_consult_each(struct db *db, const char *today, db_consult_fn fn, void *ctx, char *err,
		    size_t errlen);

/* Marks every registered question as exported at now. Returns 0 or -1. */
int db_consult_mark_exported(struct db *db, const char *now, char *err, size_t errlen);

#endif
