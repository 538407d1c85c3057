/*
 * consult.c - the consultation register (政策咨询登记): registering a
 * question in one transaction with its own per-day counter, its sealed
 * record, looking a 咨询编号 and its answer up, and the export walk.
 * See consult.h.
 */
#include "db/consult.h"

#include <ctype.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/calendar.h"
#include "db/db_internal.h"
#include "kiosk/calendar.h"
#include "kiosk/util.h"

const char *const db_consult_columns[CONSULT_NCOLS] = {
	"咨询编号", "登记时间", "问题", "联系电话", "答复期限",
};

#define CONSULT_MAGIC "gongkai-consultation 1\n"

/* Copies column i of st as text into out. */
static void cs_col(sqlite3_stmt *st, int i, char *out, size_t n)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	snprintf(out, n, "%s", s ? (const char *)s : "");
}

void db_consult_no(const char *kiosk_id, const char *day_iso, long n, char *out, size_t outlen)
{
	snprintf(out, outlen, "%s-Z-%.4s%.2s%.2s-%04ld", kiosk_id, day_iso, day_iso + 5, day_iso + 8,
		 n);
}

int db_consult_no_ok(const char *s)
{
	const char *z = NULL, *p;
	char iso[11];

	/* the last "-Z-": the kiosk id may itself hold a Z */
	for (p = strstr(s, "-Z-"); p; p = strstr(p + 1, "-Z-"))
		z = p;
	if (!z || z == s)
		return 0;
	for (p = s; p < z; p++)
		if (!isalnum((unsigned char)*p) && *p != '-')
			return 0;
	p = z + 3;
	for (int i = 0; i < 8; i++)
		if (!isdigit((unsigned char)p[i]))
			return 0;
	if (p[8] != '-')
		return 0;
	for (int i = 9; i < 13; i++)
		if (!isdigit((unsigned char)p[i]))
			return 0;
	if (p[13] != '\0')
		return 0;
	snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", p, p + 4, p + 6);
	return calendar_days(iso) >= 0;
}

void db_consult_no_clean(const char *typed, char *out, size_t outlen)
{
	size_t k = 0;

	for (const char *p = typed; *p && k + 1 < outlen; p++)
		if (*p != ' ' && *p != '\t')
			out[k++] = (char)toupper((unsigned char)*p);
	if (outlen)
		out[k] = '\0';
}

int db_consult_dates(struct db *db, const char *day_iso, char received[11], char due[11])
{
	if (apply_received_on(day_iso, db_calendar_kind, db, received) < 0)
		return -1;
	return calendar_add_working_days(received, CONSULT_WORKING_DAYS, db_calendar_kind, db, due);
}

/* Appends a record value with \\ \n \t \r escaped. */
static void cs_escape(struct sbuf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '\\': sbuf_add(b, "\\\\"); break;
		case '\n': sbuf_add(b, "\\n"); break;
		case '\t': sbuf_add(b, "\\t"); break;
		case '\r': sbuf_add(b, "\\r"); break;
		default: sbuf_addc(b, *s); break;
		}
	}
}

char *db_consult_record(const struct db_consult *c, const char *question, const char *phone,
			size_t *len)
{
	const char *vals[CONSULT_NCOLS] = { c->no, c->registered_at, question, phone, c->due_on };
	struct sbuf b = {0};

	sbuf_add(&b, CONSULT_MAGIC);
	for (int i = 0; i < CONSULT_NCOLS; i++) {
		sbuf_add(&b, db_consult_columns[i]);
		sbuf_addc(&b, '\t');
		cs_escape(&b, vals[i]);
		sbuf_addc(&b, '\n');
	}
	*len = b.len;
	return sbuf_detach(&b);
}

/* Unescapes n bytes of s into a malloc'd string. */
static char *cs_unescape(const char *s, size_t n)
{
	char *out = xmalloc(n + 1);
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n) {
			char c = s[++i];

			out[o++] = c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
		} else {
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
	return out;
}

int db_consult_record_parse(const char *text, size_t len, char *values[CONSULT_NCOLS])
{
	size_t ml = strlen(CONSULT_MAGIC), i;

	if (len < ml || memcmp(text, CONSULT_MAGIC, ml) != 0 || memchr(text, '\0', len))
		return -1;
	for (int c = 0; c < CONSULT_NCOLS; c++)
		values[c] = NULL;
	for (i = ml; i < len;) {
		const char *line = text + i, *nl = memchr(line, '\n', len - i), *tab;
		size_t ll = nl ? (size_t)(nl - line) : len - i;

		i += ll + 1;
		tab = memchr(line, '\t', ll);
		if (!tab)
			continue;
		for (int c = 0; c < CONSULT_NCOLS; c++) {
			size_t kl = strlen(db_consult_columns[c]);

			if ((size_t)(tab - line) == kl && memcmp(line, db_consult_columns[c], kl) == 0 &&
			    !values[c])
				values[c] = cs_unescape(tab + 1, ll - kl - 1);
		}
	}
	for (int c = 0; c < CONSULT_NCOLS; c++)
		if (!values[c])
			values[c] = xstrdup("");
	return 0;
}

int db_consult_register(struct db *db, const char *kiosk_id, const char *now,
			const unsigned char pk[APPLY_PK_BYTES], const char *question,
			const char *phone, struct db_consult *out, char *err, size_t errlen)
{
	static const char next[] =
		"INSERT INTO consult_counter(day, last) VALUES (?1, 1)"
		" ON CONFLICT(day) DO UPDATE SET last = last + 1 RETURNING last";
	static const char ins[] =
		"INSERT INTO consultations(consult_no, registered_at, received_on, due_on, sealed)"
		" VALUES (?,?,?,?,?)";
	char day[11], ymd[9];
	unsigned char *box = NULL;
	char *rec;
	size_t reclen = 0;
	sqlite3_stmt *st;
	long n = 0;
	int rc;

	memset(out, 0, sizeof *out);
	snprintf(day, sizeof day, "%.10s", now);
	if (strlen(now) < 19 || calendar_days(day) < 0) {
		util_errf(err, errlen, "登记时间不对（%s）", now);
		return -1;
	}
	snprintf(ymd, sizeof ymd, "%.4s%.2s%.2s", day, day + 5, day + 8);
	if (db_begin(db, err, errlen) < 0)
		return -1;
	if (db_next_of_day(db, next, ymd, &n, "taking the next consultation number", err,
			   errlen) < 0)
		goto fail;
	if (n > 9999) {
		util_errf(err, errlen, "今天登记的问题已满 9999 个，请明天再来或到窗口咨询");
		goto fail;
	}
	db_consult_no(kiosk_id, day, n, out->no, sizeof out->no);
	snprintf(out->registered_at, sizeof out->registered_at, "%.19s", now);
	if (db_consult_dates(db, day, out->received_on, out->due_on) < 0) {
		util_errf(err, errlen, "无法计算答复期限（%s）", day);
		goto fail;
	}
	rec = db_consult_record(out, question, phone ? phone : "", &reclen);
	box = apply_seal(pk, rec, reclen);
	sodium_memzero(rec, reclen);
	free(rec);
	if (!box) {
		util_errf(err, errlen, "问题无法加密，请检查加密公钥");
		goto fail;
	}
	st = db_stmt(db, ins, err, errlen);
	if (!st)
		goto fail;
	db_bind_text(st, 1, out->no);
	db_bind_text(st, 2, out->registered_at);
	db_bind_text(st, 3, out->received_on);
	db_bind_text(st, 4, out->due_on);
	sqlite3_bind_blob(st, 5, box, (int)(reclen + APPLY_SEAL_OVERHEAD), SQLITE_TRANSIENT);
	rc = db_insert_commit(db, st, "registering the question", err, errlen);
	free(box);
	box = NULL;
	if (rc < 0)
		goto fail;
	return 0;
fail:
	free(box);
	db_rollback(db);
	memset(out, 0, sizeof *out);
	return -1;
}

#define CS_COLS                                                                          \
	"consult_no, registered_at, received_on, due_on,"                                 \
	" EXISTS(SELECT 1 FROM qa WHERE qa.consult_no = consultations.consult_no)"

/* Fills *c from a row of CS_COLS. */
static void cs_row(sqlite3_stmt *st, const char *today, struct db_consult *c)
{
	memset(c, 0, sizeof *c);
	cs_col(st, 0, c->no, sizeof c->no);
	cs_col(st, 1, c->registered_at, sizeof c->registered_at);
	cs_col(st, 2, c->received_on, sizeof c->received_on);
	cs_col(st, 3, c->due_on, sizeof c->due_on);
	c->answered = sqlite3_column_int(st, 4);
	c->overdue = !c->answered && today && *today && strcmp(c->due_on, today) < 0;
}

int db_consult_find(struct db *db, const char *no, const char *today, struct db_consult *out,
		    char *err, size_t errlen)
{
	static const char sql[] = "SELECT " CS_COLS " FROM consultations WHERE consult_no = ?";
	sqlite3_stmt *st = db_stmt(db, sql, err, errlen);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, no);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		cs_row(st, today, out);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, "finding a consultation", err, errlen);
	return rc == SQLITE_ROW;
}

int db_consult_answer(struct db *db, const char *no, struct db_consult_answer *out, char *err,
		      size_t errlen)
{
	static const char sql[] =
		"SELECT question, answer, department, answered_on FROM qa WHERE consult_no = ?"
		" ORDER BY answered_on DESC, id DESC LIMIT 1";
	sqlite3_stmt *st = db_stmt(db, sql, err, errlen);
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return -1;
	db_bind_text(st, 1, no);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->question = db_col_dup(st, 0);
		out->answer = db_col_dup(st, 1);
		out->department = db_col_dup(st, 2);
		out->answered_on = db_col_dup(st, 3);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, "finding an answer", err, errlen);
	return rc == SQLITE_ROW;
}

void db_consult_answer_free(struct db_consult_answer *a)
{
	free(a->question);
	free(a->answer);
	free(a->department);
	free(a->answered_on);
	memset(a, 0, sizeof *a);
}

int db_consult_each(struct db *db, const char *today, db_consult_fn fn, void *ctx, char *err,
		    size_t errlen)
{
	static const char sql[] = "SELECT " CS_COLS ", sealed FROM consultations ORDER BY id";
	sqlite3_stmt *st = db_stmt(db, sql, err, errlen);
	int rc, stop = 0;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct db_consult c;

		cs_row(st, today, &c);
		stop = fn(ctx, &c, sqlite3_column_blob(st, 5), (size_t)sqlite3_column_bytes(st, 5));
		if (stop)
			break;
	}
	sqlite3_reset(st);
	if (stop)
		return stop;
	if (rc != SQLITE_DONE)
		return db_fail(db, "reading the consultations", err, errlen);
	return 0;
}

int db_consult_mark_exported(struct db *db, const char *now, char *err, size_t errlen)
{
	static const char sql[] = "UPDATE consultations SET exported_at = ?";
	sqlite3_stmt *st = db_stmt(db, sql, err, errlen);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, now);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "marking the consultations exported", err, errlen);
}
