/*
 * apply.c - applications filed at this kiosk: filing in one transaction,
 * status by 受理编号 and the phone's last four, the office's replies,
 * deadlines recomputed on the calendar, the export walk and table 3.
 * See apply.h.
 */
#include "db/apply.h"

#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/calendar.h"
#include "db/db_internal.h"
#include "kiosk/util.h"

#define PHONE_TAG_BYTES 16

/* The keyed hash that lets 查询进度 check the phone's last four without
 * keeping them: BLAKE2b of the 受理编号 and the four digits. */
static void phone_tag(const char *tracking_no, const char *tail4, unsigned char out[PHONE_TAG_BYTES])
{
	crypto_generichash_state st;

	crypto_generichash_init(&st, (const unsigned char *)"gongkai-phone-tail", 18, PHONE_TAG_BYTES);
	crypto_generichash_update(&st, (const unsigned char *)tracking_no, strlen(tracking_no) + 1);
	crypto_generichash_update(&st, (const unsigned char *)tail4, strlen(tail4));
	crypto_generichash_final(&st, out, PHONE_TAG_BYTES);
}

static void col_copy(sqlite3_stmt *st, int i, char *out, size_t n)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	snprintf(out, n, "%s", s ? (const char *)s : "");
}

int db_apply_submit(struct db *db, const char *kiosk_id, const char *now,
		    const unsigned char pk[APPLY_PK_BYTES], const struct apply_form *f,
		    struct apply_stamp *stamp, char *err, size_t errlen)
{
	static const char next[] =
		"INSERT INTO app_counter(day, last) VALUES (?1, 1)"
		" ON CONFLICT(day) DO UPDATE SET last = last + 1 RETURNING last";
	static const char ins[] =
		"INSERT INTO applications(tracking_no, submitted_at, clock_from, received_on, due_on,"
		" applicant, applicant_col, medium, pickup, by_staff, phone_tag, sealed)"
		" VALUES (?,?,?,?,?,?,?,?,?,?,?,?)";
	char day[11], ymd[9], applicant[64], tail[5];
	unsigned char tag[PHONE_TAG_BYTES], *box = NULL;
	char *rec = NULL;
	size_t reclen = 0;
	sqlite3_stmt *st;
	long n = 0;
	int rc;

	snprintf(day, sizeof day, "%.10s", now);
	if (strlen(now) < 19 || calendar_days(day) < 0) {
		util_errf(err, errlen, "提交时间不对（%s）", now);
		return -1;
	}
	snprintf(ymd, sizeof ymd, "%.4s%.2s%.2s", day, day + 5, day + 8);
	memset(stamp, 0, sizeof *stamp);
	if (db_begin(db, err, errlen) < 0)
		return -1;
	if (db_next_of_day(db, next, ymd, &n, "taking the next tracking number", err, errlen) < 0)
		goto fail;
	if (n > 9999) {
		util_errf(err, errlen, "今天的申请已满 9999 份，请明天再来或到窗口办理");
		goto fail;
	}
	apply_tracking_no(kiosk_id, day, n, stamp->tracking_no, sizeof stamp->tracking_no);
	snprintf(stamp->submitted_at, sizeof stamp->submitted_at, "%.19s", now);
	if (apply_received_on(day, db_calendar_kind, db, stamp->received_on) < 0 ||
	    apply_due_on(stamp->received_on, 0, db_calendar_kind, db, stamp->due_on) < 0) {
		util_errf(err, errlen, "无法计算答复期限（%s）", day);
		goto fail;
	}
	rec = apply_record(f, stamp, &reclen);
	box = apply_seal(pk, rec, reclen);
	sodium_memzero(rec, reclen);
	free(rec);
	if (!box) {
		util_errf(err, errlen, "申请无法加密，请检查申请加密公钥");
		goto fail;
	}
	apply_phone_tail(f->phone, tail);
	phone_tag(stamp->tracking_no, tail, tag);
	sodium_memzero(tail, sizeof tail);
	apply_applicant_words(f, applicant, sizeof applicant);
	st = db_stmt(db, ins, err, errlen);
	if (!st)
		goto fail;
	db_bind_text(st, 1, stamp->tracking_no);
	db_bind_text(st, 2, stamp->submitted_at);
	db_bind_text(st, 3, day);
	db_bind_text(st, 4, stamp->received_on);
	db_bind_text(st, 5, stamp->due_on);
	db_bind_text(st, 6, applicant);
	sqlite3_bind_int(st, 7, f->applicant == APPLY_ORG ? 1 + f->org_kind : 0);
	db_bind_text(st, 8, f->medium >= 0 && f->medium < APPLY_MEDIUM_N ? apply_media[f->medium] : "");
	db_bind_text(st, 9, f->pickup >= 0 && f->pickup < APPLY_PICKUP_N ? apply_pickups[f->pickup] : "");
	sqlite3_bind_int(st, 10, f->by_staff ? 1 : 0);
	sqlite3_bind_blob(st, 11, tag, sizeof tag, SQLITE_TRANSIENT);
	sqlite3_bind_blob(st, 12, box, (int)(reclen + APPLY_SEAL_OVERHEAD), SQLITE_TRANSIENT);
	rc = db_insert_commit(db, st, "filing the application", err, errlen);
	free(box);
	box = NULL;
	if (rc < 0)
		goto fail;
	return 0;
fail:
	free(box);
	db_rollback(db);
	memset(stamp, 0, sizeof *stamp);
	return -1;
}

#define APP_COLS \
	"tracking_no, submitted_at, received_on, due_on, applicant, medium, pickup, by_staff," \
	" status, reply_on, reply_type, reply_sub, reply_note"

/* Fills *a from a row of APP_COLS. */
static void app_row(sqlite3_stmt *st, const char *today, struct db_app *a)
{
	memset(a, 0, sizeof *a);
	col_copy(st, 0, a->tracking_no, sizeof a->tracking_no);
	col_copy(st, 1, a->submitted_at, sizeof a->submitted_at);
	col_copy(st, 2, a->received_on, sizeof a->received_on);
	col_copy(st, 3, a->due_on, sizeof a->due_on);
	col_copy(st, 4, a->applicant, sizeof a->applicant);
	col_copy(st, 5, a->medium, sizeof a->medium);
	col_copy(st, 6, a->pickup, sizeof a->pickup);
	a->by_staff = sqlite3_column_int(st, 7);
	col_copy(st, 8, a->status, sizeof a->status);
	col_copy(st, 9, a->reply_on, sizeof a->reply_on);
	col_copy(st, 10, a->reply_type, sizeof a->reply_type);
	col_copy(st, 11, a->reply_sub, sizeof a->reply_sub);
	col_copy(st, 12, a->reply_note, sizeof a->reply_note);
	a->overdue = today && *today && !apply_closed(a->status) && *a->due_on &&
		     strcmp(a->due_on, today) < 0;
}

int db_apply_find(struct db *db, const char *tracking_no, const char *tail4, const char *today,
		  struct db_app *out, char *err, size_t errlen)
{
	static const char sql[] = "SELECT " APP_COLS ", phone_tag FROM applications WHERE tracking_no = ?";
	unsigned char want[PHONE_TAG_BYTES];
	sqlite3_stmt *st = db_stmt(db, sql, err, errlen);
	int rc, found = 0;

	if (!st)
		return -1;
	db_bind_text(st, 1, tracking_no);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const void *tag = sqlite3_column_blob(st, 13);

		phone_tag(tracking_no, tail4, want);
		if (strlen(tail4) == 4 && tag && sqlite3_column_bytes(st, 13) == PHONE_TAG_BYTES &&
		    sodium_memcmp(tag, want, PHONE_TAG_BYTES) == 0) {
			app_row(st, today, out);
			found = 1;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, "finding an application", err, errlen);
	return found;
}

/* The clock of an application: where it starts, extensions, status. */
struct clock {
	long long id;
	char clock_from[11], received_on[11], due_on[11], status[16];
	int extensions;
};

/* Writes received_on and due_on from the clock; due_on "" while stopped. */
static int clock_dates(struct db *db, struct clock *c, char received[11], char due[11])
{
	if (apply_received_on(c->clock_from, db_calendar_kind, db, received) < 0)
		return -1;
	if (strcmp(c->status, "需补正") == 0) {
		due[0] = '\0';
		return 0;
	}
	return apply_due_on(received, c->extensions, db_calendar_kind, db, due);
}

static int clock_save(struct db *db, const struct clock *c, const char *received, const char *due,
		      char *err, size_t errlen)
{
	static const char sql[] =
		"UPDATE applications SET clock_from=?2, received_on=?3, due_on=?4, extensions=?5"
		" WHERE id=?1";
	sqlite3_stmt *st = db_stmt(db, sql, err, errlen);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, c->id);
	db_bind_text(st, 2, c->clock_from);
	db_bind_text(st, 3, received);
	db_bind_text(st, 4, due);
	sqlite3_bind_int(st, 5, c->extensions);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "updating a deadline", err, errlen);
}

int db_apply_reply(struct db *db, long long import_id, const char *tracking_no,
		   const char *status, const char *reply_on, const char *reply_type,
		   const char *reply_sub, const char *note, int *known, int *applied, char *err,
		   size_t errlen)
{
	static const char get[] =
		"SELECT id, clock_from, received_on, due_on, status, extensions FROM applications"
		" WHERE tracking_no = ?";
	static const char seen[] =
		"SELECT 1 FROM replies WHERE tracking_no=?1 AND status=?2 AND reply_on=?3";
	static const char upd[] =
		"UPDATE applications SET status=?2, reply_on=?3, reply_type=?4, reply_sub=?5,"
		" reply_note=?6, closed_on=?7 WHERE id=?1";
	static const char log[] =
		"INSERT INTO replies(tracking_no, status, reply_on, reply_type, reply_sub, note, import_id)"
		" VALUES (?,?,?,?,?,?,?)";
	struct clock c = {0};
	char received[11], due[11], today[11];
	const char *closed = "";
	sqlite3_stmt *st;
	int rc;

	*known = 0;
	*applied = 0;
	st = db_stmt(db, get, err, errlen);
	if (!st)
		return -1;
	db_bind_text(st, 1, tracking_no);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		c.id = sqlite3_column_int64(st, 0);
		col_copy(st, 1, c.clock_from, sizeof c.clock_from);
		col_copy(st, 2, c.received_on, sizeof c.received_on);
		col_copy(st, 3, c.due_on, sizeof c.due_on);
		col_copy(st, 4, c.status, sizeof c.status);
		c.extensions = sqlite3_column_int(st, 5);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return db_fail(db, "reading an application", err, errlen);
	*known = 1;
	st = db_stmt(db, seen, err, errlen);
	if (!st)
		return -1;
	db_bind_text(st, 1, tracking_no);
	db_bind_text(st, 2, status);
	db_bind_text(st, 3, reply_on);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0; /* sent again in a cumulative file */
	if (rc != SQLITE_DONE)
		return db_fail(db, "reading the replies", err, errlen);
	*applied = 1;

	/* the clock (interfaces.md "Applications") */
	if (strcmp(status, "已受理") == 0 && strcmp(c.status, "需补正") == 0) {
		if (*reply_on)
			snprintf(c.clock_from, sizeof c.clock_from, "%s", reply_on);
	} else if (strcmp(status, "延期答复") == 0) {
		c.extensions++;
	}
	snprintf(c.status, sizeof c.status, "%s", status);
	if (!apply_closed(status)) {
		if (clock_dates(db, &c, received, due) < 0) {
			util_errf(err, errlen, "无法计算答复期限（%s）", c.clock_from);
			return -1;
		}
		if (clock_save(db, &c, received, due, err, errlen) < 0)
			return -1;
	} else {
		util_today(today);
		closed = *reply_on ? reply_on : today;
	}
	st = db_stmt(db, upd, err, errlen);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, c.id);
	db_bind_text(st, 2, status);
	db_bind_text(st, 3, reply_on);
	db_bind_text(st, 4, strcmp(status, "已答复") == 0 ? reply_type : "");
	db_bind_text(st, 5, strcmp(status, "已答复") == 0 ? reply_sub : "");
	db_bind_text(st, 6, note);
	db_bind_text(st, 7, closed);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, "updating an application", err, errlen);
	st = db_stmt(db, log, err, errlen);
	if (!st)
		return -1;
	db_bind_text(st, 1, tracking_no);
	db_bind_text(st, 2, status);
	db_bind_text(st, 3, reply_on);
	db_bind_text(st, 4, reply_type);
	db_bind_text(st, 5, reply_sub);
	db_bind_text(st, 6, note);
	sqlite3_bind_int64(st, 7, import_id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "recording a reply", err, errlen);
}

long db_apply_recompute(struct db *db, char *err, size_t errlen)
{
	static const char sql[] =
		"SELECT id, clock_from, received_on, due_on, status, extensions FROM applications"
		" WHERE status NOT IN ('已答复', '已撤回') ORDER BY id";
	struct clock *v = NULL;
	size_t n = 0, cap = 0;
	sqlite3_stmt *st = db_stmt(db, sql, err, errlen);
	long changed = 0;
	int rc;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			v = xrealloc(v, cap * sizeof *v);
		}
		memset(&v[n], 0, sizeof v[n]);
		v[n].id = sqlite3_column_int64(st, 0);
		col_copy(st, 1, v[n].clock_from, sizeof v[n].clock_from);
		col_copy(st, 2, v[n].received_on, sizeof v[n].received_on);
		col_copy(st, 3, v[n].due_on, sizeof v[n].due_on);
		col_copy(st, 4, v[n].status, sizeof v[n].status);
		v[n].extensions = sqlite3_column_int(st, 5);
		n++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(v);
		return db_fail(db, "reading open applications", err, errlen);
	}
	for (size_t i = 0; i < n; i++) {
		char received[11], due[11];

		if (clock_dates(db, &v[i], received, due) < 0)
			continue; /* a bad stored date stays as it was */
		if (strcmp(received, v[i].received_on) == 0 && strcmp(due, v[i].due_on) == 0)
			continue;
		if (clock_save(db, &v[i], received, due, err, errlen) < 0) {
			free(v);
			return -1;
		}
		changed++;
	}
	free(v);
	return changed;
}

int db_apply_each(struct db *db, const char *today, db_app_fn fn, void *ctx, char *err,
		  size_t errlen)
{
	static const char sql[] = "SELECT " APP_COLS ", sealed FROM applications ORDER BY id";
	sqlite3_stmt *st;
	struct db_app a;
	int rc, r = 0;

	/* a statement of its own: fn may query the database meanwhile */
	if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(db, "reading applications", err, errlen);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		app_row(st, today, &a);
		a.by_staff = sqlite3_column_int(st, 7);
		r = fn(ctx, &a, sqlite3_column_blob(st, 13), (size_t)sqlite3_column_bytes(st, 13));
		if (r)
			break;
	}
	sqlite3_finalize(st);
	if (r)
		return r;
	return rc == SQLITE_DONE ? 0 : db_fail(db, "reading applications", err, errlen);
}

int db_apply_mark_exported(struct db *db, const char *now, char *err, size_t errlen)
{
	/* the first export's time; rows exported before are not rewritten */
	static const char sql[] = "UPDATE applications SET exported_at = ? WHERE exported_at = ''";
	sqlite3_stmt *st = db_stmt(db, sql, err, errlen);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, now);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "marking the export", err, errlen);
}

/* ---- table 3 ---- */

const struct db_table3_row db_table3_rows[] = {
	{ "一、本年新收政府信息公开申请数量", 0, DB_T3_COUNT },
	{ "二、上年结转政府信息公开申请数量", 0, DB_T3_COUNT },
	{ "三、本年度办理结果", 0, DB_T3_HEADING },
	{ "（一）予以公开", 1, DB_T3_COUNT },
	{ "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 1, DB_T3_COUNT },
	{ "（三）不予公开", 1, DB_T3_HEADING },
	{ "1.属于国家秘密", 2, DB_T3_COUNT },
	{ "2.其他法律行政法规禁止公开", 2, DB_T3_COUNT },
	{ "3.危及“三安全一稳定”", 2, DB_T3_COUNT },
	{ "4.保护第三方合法权益", 2, DB_T3_COUNT },
	{ "5.属于三类内部事务信息", 2, DB_T3_COUNT },
	{ "6.属于四类过程性信息", 2, DB_T3_COUNT },
	{ "7.属于行政执法案卷", 2, DB_T3_COUNT },
	{ "8.属于行政查询事项", 2, DB_T3_COUNT },
	{ "（未注明细类）", 2, DB_T3_UNCLASSED },
	{ "（四）无法提供", 1, DB_T3_HEADING },
	{ "1.本机关不掌握相关政府信息", 2, DB_T3_COUNT },
	{ "2.没有现成信息需要另行制作", 2, DB_T3_COUNT },
	{ "3.补正后申请内容仍不明确", 2, DB_T3_COUNT },
	{ "（未注明细类）", 2, DB_T3_UNCLASSED },
	{ "（五）不予处理", 1, DB_T3_HEADING },
	{ "1.信访举报投诉类申请", 2, DB_T3_COUNT },
	{ "2.重复申请", 2, DB_T3_COUNT },
	{ "3.要求提供公开出版物", 2, DB_T3_COUNT },
	{ "4.无正当理由大量反复申请", 2, DB_T3_COUNT },
	{ "5.要求行政机关确认或重新出具已获取信息", 2, DB_T3_COUNT },
	{ "（未注明细类）", 2, DB_T3_UNCLASSED },
	{ "（六）其他处理", 1, DB_T3_HEADING },
	{ "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", 2, DB_T3_COUNT },
	{ "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", 2, DB_T3_COUNT },
	{ "3.其他", 2, DB_T3_COUNT },
	{ "（未注明细类）", 2, DB_T3_UNCLASSED },
	{ "（七）总计", 1, DB_T3_COUNT },
	{ "四、结转下年度继续办理", 0, DB_T3_COUNT },
};
const int db_table3_nrows = (int)(sizeof db_table3_rows / sizeof db_table3_rows[0]);

enum { T3_OPEN = 3, T3_PARTIAL = 4, T3_REFUSE = 5, T3_UNABLE = 15, T3_IGNORE = 20,
       T3_OTHER = 27, T3_TOTAL = 32, T3_CARRIED_OUT = 33 };

int db_table3_row_total(void)
{
	return T3_TOTAL;
}

int db_table3_row_carried_out(void)
{
	return T3_CARRIED_OUT;
}

/* The row of a closing answer. */
static int t3_result_row(const char *status, const char *type, const char *sub)
{
	static const struct { const char *type; int heading, nsub; } groups[] = {
		{ "不予公开", T3_REFUSE, 8 }, { "无法提供", T3_UNABLE, 3 },
		{ "不予处理", T3_IGNORE, 5 }, { "其他处理", T3_OTHER, 3 },
	};
	int k;

	if (strcmp(status, "已撤回") == 0)
		return T3_OTHER + 3; /* （六）3.其他 */
	if (strcmp(type, "予以公开") == 0)
		return T3_OPEN;
	if (strcmp(type, "部分公开") == 0)
		return T3_PARTIAL;
	for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++)
		if (strcmp(type, groups[g].type) == 0) {
			k = apply_reply_sub_row(type, sub, NULL);
			return groups[g].heading + (k ? k : groups[g].nsub + 1);
		}
	return T3_OTHER + 4; /* an unknown type: 其他处理, unclassified */
}

int db_table3(struct db *db, int year, long long *cells, char *err, size_t errlen)
{
	static const char sql[] =
		"SELECT applicant_col, substr(submitted_at, 1, 10), status, closed_on, reply_type,"
		" reply_sub FROM applications";
	sqlite3_stmt *st = db_stmt(db, sql, err, errlen);
	char first[11], last[11];
	int rc;

	if (!st)
		return -1;
	snprintf(first, sizeof first, "%04d-01-01", year);
	snprintf(last, sizeof last, "%04d-12-31", year);
	memset(cells, 0, sizeof *cells * (size_t)db_table3_nrows * DB_T3_COLS);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int c = sqlite3_column_int(st, 0);
		const char *sub_day = (const char *)sqlite3_column_text(st, 1);
		const char *status = (const char *)sqlite3_column_text(st, 2);
		const char *closed_on = (const char *)sqlite3_column_text(st, 3);
		const char *type = (const char *)sqlite3_column_text(st, 4);
		const char *sub = (const char *)sqlite3_column_text(st, 5);
		int closed = apply_closed(status) && *closed_on;
		int rows[3], nr = 0;

		if (c < 0 || c > 5)
			c = 5;
		if (strcmp(sub_day, last) > 0)
			continue; /* filed after the year */
		if (strcmp(sub_day, first) >= 0)
			rows[nr++] = DB_T3_NEW;
		else if (!closed || strcmp(closed_on, first) >= 0)
			rows[nr++] = DB_T3_CARRIED_IN;
		else
			continue; /* closed before the year */
		if (closed && strcmp(closed_on, first) >= 0 && strcmp(closed_on, last) <= 0) {
			rows[nr++] = t3_result_row(status, type, sub);
			rows[nr++] = T3_TOTAL;
		} else if (!closed || strcmp(closed_on, last) > 0) {
			rows[nr++] = T3_CARRIED_OUT;
		}
		for (int i = 0; i < nr; i++) {
			cells[rows[i] * DB_T3_COLS + c]++;
			cells[rows[i] * DB_T3_COLS + DB_T3_COLS - 1]++;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, "counting applications", err, errlen);
}
