/*
 * apply.h - the applications filed at this kiosk, as the database keeps
 * them: only the clear facts (受理编号, dates, status, category, delivery
 * choices, 代为填写) and the sealed record the kiosk cannot read back.
 * Deadlines are recomputed from what they depend on (the day the clock
 * started, the extensions, the calendar), so a later calendar changes them.
 */
#ifndef GK_DB_APPLY_H
#define GK_DB_APPLY_H

#include <stddef.h>

#include "db/db.h"
#include "kiosk/apply.h"

/* Files one application in one transaction: takes the next 受理编号 of
 * day_iso for kiosk_id (never reused: the counter is kept per day, across
 * restarts and a clock set back), computes 收到日期 and 答复期限 on the
 * calendar, seals apply_record() to pk and inserts it. now is "YYYY-MM-DD
 * HH:MM:SS" (its date is the day of submission). *stamp gets the clear
 * facts for the receipt. All or nothing: a kill mid-way leaves no
 * application or a whole one. Returns 0, or -1 with err. */
int db_apply_submit(struct db *db, const char *kiosk_id, const char *now,
		    const unsigned char pk[APPLY_PK_BYTES], const struct apply_form *f,
		    struct apply_stamp *stamp, char *err, size_t errlen);

/* What the status screen and the export may know of an application. */
struct db_app {
	char tracking_no[APPLY_TRACKING_MAX];
	char submitted_at[20];
	char received_on[11];
	char due_on[11];      /* "" while the clock is stopped (需补正) */
	char applicant[64];   /* 申请人类型 words */
	char medium[16], pickup[32];
	int by_staff;
	char status[16];      /* 已提交 已受理 需补正 延期答复 已答复 已撤回 */
	char reply_on[11];
	char reply_type[16];
	char reply_sub[128];
	char reply_note[512];
	int overdue;          /* open, and due_on is before today */
};

/* Finds the application with this 受理编号 whose phone ends in tail4.
 * today decides overdue. Returns 1 found, 0 not found (or the digits do
 * not match: the caller cannot tell which), -1 with err. */
int db_apply_find(struct db *db, const char *tracking_no, const char *tail4, const char *today,
		  struct db_app *out, char *err, size_t errlen);

/* Applies one replies.csv row (inside the import's transaction). A row
 * already applied (same 受理编号, 状态 and 答复日期) changes nothing.
 * *known is 0 when no application has this 受理编号 (then nothing is
 * written), *applied 0 for a repeated row. Returns 0, or -1 with err. */
int db_apply_reply(struct db *db, long long import_id, const char *tracking_no,
		   const char *status, const char *reply_on, const char *reply_type,
		   const char *reply_sub, const char *note, int *known, int *applied, char *err,
		   size_t errlen);

/* Recomputes 收到日期 and 答复期限 of every open application from the
 * calendar (after calendar.csv rows were imported). Returns the number of
 * deadlines that changed, or -1 with err. */
long db_apply_recompute(struct db *db, char *err, size_t errlen);

/* Calls fn for every application, oldest first, with its clear facts and
 * its sealed record (borrowed for the call). Returns 0, fn's non-zero
 * value, or -1 with err. */
typedef int (*db_app_fn)(void *ctx, const struct db_app *a, const unsigned char *sealed,
			 size_t sealed_len);
int db_apply_each(struct db *db, const char *today, db_app_fn fn, void *ctx, char *err,
		  size_t errlen);

/* Marks every application as exported at time now. Returns 0 or -1. */
int db_apply_mark_exported(struct db *db, const char *now, char *err, size_t errlen);

/* Table 3 of the yearly report (国办公开办函〔2021〕30号): rows in the
 * order of db_table3_rows, columns 自然人, 商业企业, 科研机构, 社会公益组织,
 * 法律服务机构, 其他, 总计. */
enum { DB_T3_COLS = 7 };
enum db_t3_kind {
	DB_T3_COUNT = 0,   /* a counted row */
	DB_T3_HEADING = 1, /* words only: its numbered rows follow */
	DB_T3_UNCLASSED = 2 /* answers of the heading above without a known 答复细类:
			     * not a row of the official table, shown only when non-zero */
};
struct db_table3_row {
	const char *label;  /* the row's words, with its numbering */
	int level;          /* 0 一、二、三、四; 1 （一）…（七）; 2 1. 2. … */
	int kind;           /* enum db_t3_kind */
};
extern const struct db_table3_row db_table3_rows[];
extern const int db_table3_nrows;
/* Rows the identity 一 + 二 = （七）总计 + 四 uses. */
enum { DB_T3_NEW = 0, DB_T3_CARRIED_IN = 1 };
int db_table3_row_total(void);       /* index of （七）总计 */
int db_table3_row_carried_out(void); /* index of 四、结转下年度继续办理 */

/* Which applications a year counts: 一 those submitted in the year; 二 those
 * submitted before it and not closed (已答复, 已撤回) before it; 三 those
 * closed in the year, by 答复类型 and 答复细类 (已撤回 under （六）3.其他);
 * 四 those submitted by its end and not closed by then. */
/* Fills cells[row * DB_T3_COLS + col] for year. Returns 0 or -1 with err. */
int db_table3(struct db *db, int year, long long *cells, char *err, size_t errlen);

#endif
