/*
 * test_consult.c - the consultation register: 咨询编号 across midnight, a
 * restart and a clock set back; the 答复期限 (5 working days) over the 2025
 * 国庆 holiday with its make-up days; the sealed record; the answer found
 * by 登记编号; the number's form.
 *
 * Expected dates are counted by hand on the official 2025 calendar (国办发明电
 * 〔2024〕12号: 10月1日至8日放假, 9月28日（周日）、10月11日（周六）上班).
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "db/apply.h"
#include "db/consult.h"
#include "db/db.h"
#include "db/store.h"
#include "kiosk/apply.h"

static char dbpath[256];
static unsigned char pk[APPLY_PK_BYTES], sk[APPLY_SK_BYTES];

static struct db *open_db(void)
{
	struct db *db = NULL;
	char err[256];

	if (db_open(dbpath, DB_READWRITE, &db, err, sizeof err) < 0) {
		printf("db_open: %s\n", err);
		exit(1);
	}
	return db;
}

/* Registers a question at now; returns its 咨询编号 in out. */
static int reg(struct db *db, const char *now, const char *q, const char *phone,
	       struct db_consult *out)
{
	char err[256];
	int rc = db_consult_register(db, "XH-DX-01", now, pk, q, phone, out, err, sizeof err);

	if (rc < 0)
		printf("  register: %s\n", err);
	return rc;
}

static void calendar_2025(struct db *db)
{
	static const char *const off[] = { "2025-10-01", "2025-10-02", "2025-10-03", "2025-10-06",
					   "2025-10-07", "2025-10-08", NULL };
	char err[256];

	CHECK(db_begin(db, err, sizeof err) == 0);
	for (int i = 0; off[i]; i++)
		CHECK(store_calendar_put(db, off[i], "休息日", err, sizeof err) == 0);
	CHECK(store_calendar_put(db, "2025-09-28", "工作日", err, sizeof err) == 0);
	CHECK(store_calendar_put(db, "2025-10-11", "工作日", err, sizeof err) == 0);
	CHECK(db_commit(db, err, sizeof err) == 0);
}

/* The per-day counter: midnight starts a new day at 0001; a restart and a
 * clock set back never hand out a number again. */
static void test_numbers(void)
{
	struct db *db = open_db();
	struct db_consult c;

	CHECK(reg(db, "2026-09-30 23:59:58", "问题一", "", &c) == 0);
	CHECK_STR(c.no, "XH-DX-01-Z-20260930-0001");
	CHECK(reg(db, "2026-09-30 23:59:59", "问题二", "13800001111", &c) == 0);
	CHECK_STR(c.no, "XH-DX-01-Z-20260930-0002");
	CHECK_STR(c.registered_at, "2026-09-30 23:59:59");
	CHECK(reg(db, "2026-10-01 00:00:01", "问题三", "", &c) == 0);
	CHECK_STR(c.no, "XH-DX-01-Z-20261001-0001");
	db_close(db);
	/* a restart */
	db = open_db();
	CHECK(reg(db, "2026-10-01 09:00:00", "问题四", "", &c) == 0);
	CHECK_STR(c.no, "XH-DX-01-Z-20261001-0002");
	/* the clock set back to a day already counted */
	CHECK(reg(db, "2026-09-30 08:00:00", "问题五", "", &c) == 0);
	CHECK_STR(c.no, "XH-DX-01-Z-20260930-0003");
	/* the applications' counter is not the register's */
	{
		struct apply_form f;
		struct apply_stamp s;
		char err[256];

		apply_form_wipe(&f);
		apply_copy(f.name, sizeof f.name, "王芳");
		apply_copy(f.id_no, sizeof f.id_no, "11010519491231002X");
		apply_copy(f.phone, sizeof f.phone, "13812345678");
		apply_copy(f.info, sizeof f.info, "补贴发放标准");
		CHECK(db_apply_submit(db, "XH-DX-01", "2026-10-01 10:00:00", pk, &f, &s, err,
				      sizeof err) == 0);
		CHECK_STR(s.tracking_no, "XH-DX-01-20261001-0001");
	}
	CHECK(reg(db, "2026-10-01 10:00:01", "问题六", "", &c) == 0);
	CHECK_STR(c.no, "XH-DX-01-Z-20261001-0003");
	/* a bad time refuses and writes nothing */
	{
		char err[256];

		CHECK(db_consult_register(db, "XH-DX-01", "2026-13-01 00:00:00", pk, "问", "", &c, err,
					  sizeof err) < 0);
		CHECK(c.no[0] == '\0');
	}
	db_close(db);
}

/* 5 working days on the 2025 国庆 calendar. */
static void test_deadline(void)
{
	struct db *db = open_db();
	struct db_consult c;
	char received[11], due[11];

	calendar_2025(db);
	/* Tue 30 Sep: received that day; 10-01..08 off; 9 Thu, 10 Fri,
	 * 11 Sat (make-up), 13 Mon, 14 Tue. */
	CHECK(db_consult_dates(db, "2025-09-30", received, due) == 0);
	CHECK_STR(received, "2025-09-30");
	CHECK_STR(due, "2025-10-14");
	/* On a holiday: received 9 Oct; then 10, 11, 13, 14, 15. */
	CHECK(db_consult_dates(db, "2025-10-03", received, due) == 0);
	CHECK_STR(received, "2025-10-09");
	CHECK_STR(due, "2025-10-15");
	/* Sat 27 Sep: received Sun 28 (a make-up working day); then 29, 30,
	 * 10-09, 10-10, 10-11. */
	CHECK(db_consult_dates(db, "2025-09-27", received, due) == 0);
	CHECK_STR(received, "2025-09-28");
	CHECK_STR(due, "2025-10-11");
	/* An ordinary week: Fri 14 Nov 2025 → Fri 21 Nov. */
	CHECK(db_consult_dates(db, "2025-11-14", received, due) == 0);
	CHECK_STR(due, "2025-11-21");
	/* Registration stamps the same dates. */
	CHECK(reg(db, "2025-10-03 15:00:00", "国庆期间登记的问题", "", &c) == 0);
	CHECK_STR(c.received_on, "2025-10-09");
	CHECK_STR(c.due_on, "2025-10-15");
	CHECK(db_consult_dates(db, "2025-02-30", received, due) < 0);
	db_close(db);
}

/* What walk_fn looks for. */
struct walk {
	const char *no;
	int *seen;
};

/* Opens each sealed record and checks the one registered by test_sealed. */
static int walk_fn(void *ctx, const struct db_consult *x, const unsigned char *box, size_t n)
{
	struct walk *w = ctx;
	char *vals[CONSULT_NCOLS], *text;
	size_t len = 0;

	if (strcmp(x->no, w->no) != 0)
		return 0;
	text = apply_unseal(pk, sk, box, n, &len);
	CHECK(text != NULL);
	if (!text)
		return 1;
	CHECK(db_consult_record_parse(text, len, vals) == 0);
	CHECK_STR(vals[0], x->no);
	CHECK_STR(vals[1], "2026-11-24 10:00:00");
	CHECK_STR(vals[2], "我家房子漏雨，\n能申请\t危房改造吗？\\谢谢");
	CHECK_STR(vals[3], "13987654321");
	CHECK_STR(vals[4], "2026-12-01");
	for (int i = 0; i < CONSULT_NCOLS; i++)
		free(vals[i]);
	sodium_memzero(text, len);
	free(text);
	(*w->seen)++;
	return 0;
}

/* The record is sealed: the office opens it, the database never holds the
 * question or the phone. */
static void test_sealed(void)
{
	static const char q[] = "我家房子漏雨，\n能申请\t危房改造吗？\\谢谢";
	static const char phone[] = "13987654321";
	struct db *db = open_db();
	struct db_consult c;
	struct walk w;
	char err[256], *vals[CONSULT_NCOLS];
	int seen = 0, rc;

	CHECK(reg(db, "2026-11-24 10:00:00", q, phone, &c) == 0);
	/* walk the register: open the sealed record as the office does */
	w.no = c.no;
	w.seen = &seen;
	rc = db_consult_each(db, "2026-11-24", walk_fn, &w, err, sizeof err);
	CHECK(rc == 0);
	CHECK(seen == 1);
	db_close(db);
	/* nothing in clear in the file */
	{
		FILE *f = fopen(dbpath, "rb");
		char *buf = NULL;
		size_t n = 0;

		if (f) {
			fseek(f, 0, SEEK_END);
			n = (size_t)ftell(f);
			fseek(f, 0, SEEK_SET);
			buf = malloc(n ? n : 1);
			n = fread(buf, 1, n, f);
			fclose(f);
		}
		CHECK(buf != NULL);
		CHECK(buf && !memmem(buf, n, phone, strlen(phone)));
		CHECK(buf && !memmem(buf, n, "危房改造", strlen("危房改造")));
		free(buf);
	}
	/* a record that is not one */
	CHECK(db_consult_record_parse("gongkai-application 1\n", 22, vals) < 0);
}

/* The office's answer by 登记编号; 尚未答复 and 已超期 before it. */
static void test_answer(void)
{
	struct db *db = open_db();
	struct db_consult c, f;
	struct db_consult_answer a;
	char err[256];

	CHECK(reg(db, "2026-11-24 11:00:00", "路灯坏了找谁", "", &c) == 0);
	CHECK(db_consult_answer(db, c.no, &a, err, sizeof err) == 0);
	CHECK(db_consult_find(db, c.no, "2026-11-30", &f, err, sizeof err) == 1);
	CHECK(!f.answered && !f.overdue);
	CHECK(db_consult_find(db, c.no, "2026-12-02", &f, err, sizeof err) == 1);
	CHECK(f.overdue);
	CHECK(db_consult_find(db, "XH-DX-01-Z-20261124-9999", "2026-12-02", &f, err, sizeof err) == 0);
	CHECK(db_begin(db, err, sizeof err) == 0);
	CHECK(store_qa_add(db, "ZX-9", "路灯坏了找哪个部门？", "请找乡镇城建办。", "", "", "城建办",
			   "2026-11-26", "", err, sizeof err) == 0);
	CHECK(store_qa_set_consult(db, "ZX-9", c.no, err, sizeof err) == 0);
	CHECK(db_commit(db, err, sizeof err) == 0);
	CHECK(db_consult_answer(db, c.no, &a, err, sizeof err) == 1);
	CHECK_STR(a.answer, "请找乡镇城建办。");
	CHECK_STR(a.department, "城建办");
	CHECK_STR(a.answered_on, "2026-11-26");
	db_consult_answer_free(&a);
	CHECK(db_consult_find(db, c.no, "2026-12-02", &f, err, sizeof err) == 1);
	CHECK(f.answered && !f.overdue);
	db_close(db);
}

/* What counts as a 咨询编号, and how typing is cleaned. */
static void test_form(void)
{
	char out[CONSULT_NO_MAX];

	CHECK(db_consult_no_ok("XH-DX-01-Z-20261124-0001"));
	CHECK(db_consult_no_ok("Z-Z-20261124-0001"));
	CHECK(!db_consult_no_ok("XH-DX-01-20261124-0001"));   /* a 受理编号 */
	CHECK(!db_consult_no_ok("XH-DX-01-Z-20261324-0001")); /* no such month */
	CHECK(!db_consult_no_ok("XH-DX-01-Z-20261124-001"));
	CHECK(!db_consult_no_ok("XH-DX-01-Z-20261124-00011"));
	CHECK(!db_consult_no_ok("-Z-20261124-0001"));
	CHECK(!db_consult_no_ok("XH DX-Z-20261124-0001"));
	CHECK(!db_consult_no_ok(""));
	db_consult_no_clean(" xh-dx-01-z-20261124-0001 ", out, sizeof out);
	CHECK_STR(out, "XH-DX-01-Z-20261124-0001");
	db_consult_no("A1", "2026-01-02", 7, out, sizeof out);
	CHECK_STR(out, "A1-Z-20260102-0007");
}

int main(void)
{
	char path[300];

	if (sodium_init() < 0)
		return 1;
	crypto_box_keypair(pk, sk);
	snprintf(dbpath, sizeof dbpath, "/tmp/test_consult_%d.db", (int)getpid());
	TEST(test_form);
	TEST(test_numbers);
	TEST(test_deadline);
	TEST(test_sealed);
	TEST(test_answer);
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s%s", dbpath, i == 0 ? "" : i == 1 ? "-wal" : "-shm");
		unlink(path);
	}
	return CHECK_EXIT();
}
