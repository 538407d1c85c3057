/*
 * test_apply.c - the rules of disclosure applications: field checks, fees
 * (国办函〔2020〕109号), statutory dates over the 2025 国庆 holiday with its
 * make-up days, the clock under 需补正 / 已受理 / 延期答复, 受理编号 across
 * midnight, a clock set back and a restart, the sealed record, table 3.
 *
 * Expected dates are counted by hand on the official 2025 calendar (国办发明电
 * 〔2024〕12号: 10月1日至8日放假, 9月28日（周日）、10月11日（周六）上班), not
 * from our own output.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "db/apply.h"
#include "db/calendar.h"
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

static void fill(struct apply_form *f, const char *name, const char *phone)
{
	apply_form_wipe(f);
	apply_copy(f->name, sizeof f->name, name);
	apply_copy(f->id_no, sizeof f->id_no, "11010519491231002X");
	apply_copy(f->phone, sizeof f->phone, phone);
	apply_copy(f->info, sizeof f->info, "2025年耕地地力保护补贴的发放标准");
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

static void test_checks(void)
{
	char msg[256];

	CHECK(apply_check_resident_id("11010519491231002X", msg, sizeof msg) == 0);
	CHECK(apply_check_resident_id("110105194912310021", msg, sizeof msg) < 0);
	CHECK(strstr(msg, "校验位") != NULL);
	CHECK(apply_check_resident_id("110105194913310028", msg, sizeof msg) < 0);
	CHECK(strstr(msg, "出生日期") != NULL);
	CHECK(apply_check_resident_id("99010519491231002X", msg, sizeof msg) < 0);
	CHECK(strstr(msg, "省份") != NULL);
	CHECK(apply_check_resident_id("11010519491231", msg, sizeof msg) < 0);
	CHECK(apply_check_phone("13812345678", msg, sizeof msg) == 0);
	CHECK(apply_check_phone("0818-1234567", msg, sizeof msg) == 0);
	CHECK(apply_check_phone("1381234567", msg, sizeof msg) < 0);
	CHECK(apply_check_phone("12345", msg, sizeof msg) < 0);
	CHECK(apply_check_phone("138a2345678", msg, sizeof msg) < 0);
	CHECK(apply_check_postcode("636150", msg, sizeof msg) == 0);
	CHECK(apply_check_postcode("63615", msg, sizeof msg) < 0);
	CHECK(apply_check_email("wang@163.com", msg, sizeof msg) == 0);
	CHECK(apply_check_email("wang163.com", msg, sizeof msg) < 0);
	CHECK(apply_check_email("wang@163", msg, sizeof msg) < 0);
	/* GB 32100 check character, a published code */
	CHECK(apply_check_credit_code("91350100M000100Y43", msg, sizeof msg) == 0);
	CHECK(apply_check_credit_code("91350100M000100Y44", msg, sizeof msg) < 0);
	CHECK(apply_check_text("王\x1b[31m", msg, sizeof msg) < 0);
	CHECK(apply_check_text("王\xe2\x80\xae芳", msg, sizeof msg) < 0); /* RLO */
	CHECK(apply_check_text("阿依古丽·买买提 𠮷", msg, sizeof msg) == 0);
}

static void test_form_check(void)
{
	struct apply_form f;
	char msg[256];

	fill(&f, "王芳", "13812345678");
	CHECK(apply_form_check(&f, msg, sizeof msg) == 0);
	f.phone[0] = '\0';
	CHECK(apply_form_check(&f, msg, sizeof msg) < 0);
	CHECK_STR(msg, "请填写联系电话");
	fill(&f, "王芳", "13812345678");
	f.pickup = 1; /* 邮寄 without an address */
	CHECK(apply_form_check(&f, msg, sizeof msg) < 0);
	CHECK(strstr(msg, "通信地址") != NULL);
	fill(&f, "王芳", "13812345678");
	f.id_type = 1; /* a passport is not checked as a resident id */
	apply_copy(f.id_no, sizeof f.id_no, "E12345678");
	CHECK(apply_form_check(&f, msg, sizeof msg) == 0);
	apply_form_wipe(&f);
	CHECK(f.name[0] == '\0' && f.phone[0] == '\0' && f.id_type == APPLY_ID_RESIDENT);
}

static void test_mask(void)
{
	char out[64], tail[5];

	apply_mask_id("11010519491231002X", out, sizeof out);
	CHECK_STR(out, "110105********002X");
	apply_mask_id("E12345678", out, sizeof out);
	CHECK_STR(out, "*****5678");
	apply_phone_tail("0818-1234567", tail);
	CHECK_STR(tail, "4567");
	apply_phone_tail("123", tail);
	CHECK_STR(tail, "");
}

static void test_fees(void)
{
	CHECK_INT(apply_fee_by_count(10), 0);
	CHECK_INT(apply_fee_by_count(11), 10000);
	CHECK_INT(apply_fee_by_count(30), 200000);
	CHECK_INT(apply_fee_by_count(31), 220000);
	CHECK_INT(apply_fee_by_count(45), 550000); /* 5,500 元 */
	CHECK_INT(apply_fee_by_count(50), 700000);
	CHECK_INT(apply_fee_by_count(51), 740000);
	CHECK_INT(apply_fee_by_pages(30), 0);
	CHECK_INT(apply_fee_by_pages(31), 1000);
	CHECK_INT(apply_fee_by_pages(100), 70000);
	CHECK_INT(apply_fee_by_pages(150), 170000); /* 1,700 元 */
	CHECK_INT(apply_fee_by_pages(201), 70000 + 200000 + 4000);
}

static void test_dates(void)
{
	struct db *db = open_db();
	char out[11];

	calendar_2025(db);
	/* a Friday before the holiday: 20 working days, make-up days counted */
	CHECK(apply_received_on("2025-09-26", db_calendar_kind, db, out) == 0);
	CHECK_STR(out, "2025-09-26");
	CHECK(apply_due_on("2025-09-26", 0, db_calendar_kind, db, out) == 0);
	CHECK_STR(out, "2025-10-30");
	/* on a holiday: received the next working day */
	CHECK(apply_received_on("2025-10-03", db_calendar_kind, db, out) == 0);
	CHECK_STR(out, "2025-10-09");
	CHECK(apply_due_on("2025-10-09", 0, db_calendar_kind, db, out) == 0);
	CHECK_STR(out, "2025-11-05");
	/* a make-up Saturday is a working day */
	CHECK(apply_received_on("2025-10-11", db_calendar_kind, db, out) == 0);
	CHECK_STR(out, "2025-10-11");
	/* a plain Sunday */
	CHECK(apply_received_on("2025-11-16", db_calendar_kind, db, out) == 0);
	CHECK_STR(out, "2025-11-17");
	db_close(db);
}

static long long new_import(struct db *db, long long seq)
{
	struct store_import si = { .issuer = "测试", .sequence = seq, .created = "",
				   .source = "t", .manifest_sha256 = "00",
				   .operator_name = "test" };
	long long id = 0;
	char err[256];

	CHECK(store_import_begin(db, &si, &id, err, sizeof err) == 0);
	return id;
}

static void reply(struct db *db, long long imp, const char *no, const char *st, const char *day,
		  const char *type, const char *sub, int want_applied)
{
	char err[256];
	int known = -1, applied = -1;

	CHECK(db_apply_reply(db, imp, no, st, day, type, sub, "", &known, &applied, err,
			     sizeof err) == 0);
	CHECK_INT(known, 1);
	CHECK_INT(applied, want_applied);
}

static void test_clock(void)
{
	struct db *db = open_db();
	struct apply_form f;
	struct apply_stamp s;
	struct db_app a;
	char err[256];
	long long imp;
	int known = -1, applied = -1;

	fill(&f, "王芳", "13812345678");
	CHECK(db_apply_submit(db, "XH-DX-01", "2025-10-03 10:00:00", pk, &f, &s, err, sizeof err) == 0);
	CHECK_STR(s.received_on, "2025-10-09");
	CHECK_STR(s.due_on, "2025-11-05");
	CHECK(db_apply_find(db, s.tracking_no, "5678", "2025-10-10", &a, err, sizeof err) == 1);
	CHECK_STR(a.status, "已提交");
	CHECK(!a.overdue);
	CHECK(db_apply_find(db, s.tracking_no, "5679", "2025-10-10", &a, err, sizeof err) == 0);
	CHECK(db_apply_find(db, "XH-DX-01-20251003-0009", "5678", "2025-10-10", &a, err, sizeof err) == 0);
	CHECK(db_apply_find(db, s.tracking_no, "5678", "2025-11-06", &a, err, sizeof err) == 1);
	CHECK(a.overdue);

	CHECK(db_begin(db, err, sizeof err) == 0);
	imp = new_import(db, 1);
	reply(db, imp, s.tracking_no, "需补正", "2025-10-15", "", "", 1);
	CHECK(db_apply_find(db, s.tracking_no, "5678", "2025-12-30", &a, err, sizeof err) == 1);
	CHECK_STR(a.status, "需补正");
	CHECK_STR(a.due_on, "");
	CHECK(!a.overdue); /* the clock is stopped */
	reply(db, imp, s.tracking_no, "已受理", "2025-10-20", "", "", 1);
	CHECK(db_apply_find(db, s.tracking_no, "5678", "2025-10-21", &a, err, sizeof err) == 1);
	CHECK_STR(a.received_on, "2025-10-20");
	CHECK_STR(a.due_on, "2025-11-17");
	reply(db, imp, s.tracking_no, "延期答复", "2025-11-10", "", "", 1);
	CHECK(db_apply_find(db, s.tracking_no, "5678", "2025-11-11", &a, err, sizeof err) == 1);
	CHECK_STR(a.due_on, "2025-12-15");
	/* the office's next cumulative file sends the same rows again */
	reply(db, imp, s.tracking_no, "需补正", "2025-10-15", "", "", 0);
	reply(db, imp, s.tracking_no, "延期答复", "2025-11-10", "", "", 0);
	CHECK(db_apply_find(db, s.tracking_no, "5678", "2025-11-11", &a, err, sizeof err) == 1);
	CHECK_STR(a.due_on, "2025-12-15");
	CHECK_STR(a.status, "延期答复");
	/* an 已受理 that follows no 需补正 changes no date */
	reply(db, imp, s.tracking_no, "已受理", "2025-11-12", "", "", 1);
	CHECK(db_apply_find(db, s.tracking_no, "5678", "2025-11-13", &a, err, sizeof err) == 1);
	CHECK_STR(a.received_on, "2025-10-20");
	CHECK_STR(a.due_on, "2025-12-15");
	reply(db, imp, s.tracking_no, "已答复", "2025-12-01", "无法提供", "本机关不掌握相关政府信息", 1);
	CHECK(db_apply_find(db, s.tracking_no, "5678", "2026-01-30", &a, err, sizeof err) == 1);
	CHECK_STR(a.status, "已答复");
	CHECK_STR(a.reply_type, "无法提供");
	CHECK(!a.overdue);
	CHECK(db_apply_reply(db, imp, "XH-DX-02-20251003-0001", "已受理", "2025-10-20", "", "", "",
			     &known, &applied, err, sizeof err) == 0);
	CHECK_INT(known, 0);
	CHECK(db_commit(db, err, sizeof err) == 0);
	db_close(db);
}

static void test_recompute(void)
{
	struct db *db = open_db();
	struct apply_form f;
	struct apply_stamp s;
	struct db_app a;
	char err[256];

	fill(&f, "李秀英", "13900001111");
	/* filed before the county sent the 2026 holidays */
	CHECK(db_apply_submit(db, "XH-DX-01", "2026-04-30 09:00:00", pk, &f, &s, err, sizeof err) == 0);
	CHECK_STR(s.received_on, "2026-04-30");
	CHECK_STR(s.due_on, "2026-05-28");
	CHECK(db_begin(db, err, sizeof err) == 0);
	/* a holiday week as the county might send it: three weekdays off, a Saturday on */
	CHECK(store_calendar_put(db, "2026-05-01", "休息日", err, sizeof err) == 0);
	CHECK(store_calendar_put(db, "2026-05-04", "休息日", err, sizeof err) == 0);
	CHECK(store_calendar_put(db, "2026-05-05", "休息日", err, sizeof err) == 0);
	CHECK(store_calendar_put(db, "2026-05-09", "工作日", err, sizeof err) == 0);
	CHECK(db_apply_recompute(db, err, sizeof err) >= 1);
	CHECK(db_commit(db, err, sizeof err) == 0);
	CHECK(db_apply_find(db, s.tracking_no, "1111", "2026-05-06", &a, err, sizeof err) == 1);
	/* 3 weekdays off, one Saturday on: two working days later */
	CHECK_STR(a.due_on, "2026-06-01");
	db_close(db);
}

static void test_numbers(void)
{
	struct db *db = open_db();
	struct apply_form f;
	struct apply_stamp s;
	char err[256];

	fill(&f, "张秀兰", "13700002222");
	CHECK(db_apply_submit(db, "XH-DX-01", "2025-09-26 23:59:59", pk, &f, &s, err, sizeof err) == 0);
	CHECK_STR(s.tracking_no, "XH-DX-01-20250926-0001");
	CHECK(db_apply_submit(db, "XH-DX-01", "2025-09-27 00:00:01", pk, &f, &s, err, sizeof err) == 0);
	CHECK_STR(s.tracking_no, "XH-DX-01-20250927-0001");
	CHECK_STR(s.received_on, "2025-09-28"); /* Saturday: the make-up Sunday next */
	/* the clock set back to yesterday: the count goes on */
	CHECK(db_apply_submit(db, "XH-DX-01", "2025-09-26 08:00:00", pk, &f, &s, err, sizeof err) == 0);
	CHECK_STR(s.tracking_no, "XH-DX-01-20250926-0002");
	db_close(db);
	db = open_db(); /* a restart */
	CHECK(db_apply_submit(db, "XH-DX-01", "2025-09-26 09:00:00", pk, &f, &s, err, sizeof err) == 0);
	CHECK_STR(s.tracking_no, "XH-DX-01-20250926-0003");
	db_close(db);
}

/* Opens every stored application with the office key and checks one. */
struct seen {
	int n, found;
};

static int open_one(void *ctx, const struct db_app *a, const unsigned char *box, size_t len)
{
	struct seen *s = ctx;
	char *vals[APPLY_NCOLS];
	size_t n = 0;
	char *text = apply_unseal(pk, sk, box, len, &n);

	s->n++;
	CHECK(text != NULL);
	if (!text)
		return 0;
	CHECK(apply_record_parse(text, n, vals) == 0);
	CHECK_STR(vals[0], a->tracking_no);
	if (strcmp(vals[0], "XH-DX-01-20250926-0001") == 0) {
		s->found = 1;
		CHECK_STR(vals[5], "张秀兰");
		CHECK_STR(vals[7], "11010519491231002X");
		CHECK_STR(vals[8], "13700002222");
		CHECK_STR(vals[4], "公民");
		CHECK_STR(vals[16], "否");
	}
	for (int c = 0; c < APPLY_NCOLS; c++)
		free(vals[c]);
	sodium_memzero(text, n);
	free(text);
	return 0;
}

static void test_sealed(void)
{
	struct db *db = open_db();
	struct seen s = {0};
	char err[256];
	FILE *fp;
	char buf[1 << 16];
	size_t n;
	int leak = 0;

	CHECK(db_apply_each(db, "2025-10-01", open_one, &s, err, sizeof err) == 0);
	CHECK(s.n >= 5);
	CHECK(s.found);
	db_close(db);
	/* the database file never holds a name, id or phone in clear */
	fp = fopen(dbpath, "rb");
	CHECK(fp != NULL);
	while (fp && (n = fread(buf, 1, sizeof buf, fp)) > 0) {
		if (memmem(buf, n, "13700002222", 11) || memmem(buf, n, "1231002X", 8) ||
		    memmem(buf, n, "张秀兰", strlen("张秀兰")))
			leak = 1;
	}
	if (fp)
		fclose(fp);
	CHECK(!leak);
}

static void test_record(void)
{
	struct apply_form f;
	struct apply_stamp st = { "X-20250101-0001", "2025-01-01 08:00:00", "2025-01-02", "2025-02-06" };
	char *vals[APPLY_NCOLS], *rec;
	size_t len;

	fill(&f, "阿依古丽·买买提", "13812345678");
	f.applicant = APPLY_ORG;
	f.org_kind = APPLY_ORG_LEGAL;
	f.by_staff = 1;
	apply_copy(f.credit_code, sizeof f.credit_code, "91350100M000100Y43");
	apply_copy(f.legal_rep, sizeof f.legal_rep, "王芳");
	apply_copy(f.info, sizeof f.info, "第一行\t制表\n第二行\\反斜杠");
	rec = apply_record(&f, &st, &len);
	CHECK(apply_record_parse(rec, len, vals) == 0);
	CHECK_STR(vals[4], "法人或其他组织：法律服务机构");
	CHECK_STR(vals[5], "阿依古丽·买买提");
	CHECK_STR(vals[12], "第一行\t制表\n第二行\\反斜杠");
	CHECK_STR(vals[16], "是");
	CHECK_STR(vals[17], "91350100M000100Y43");
	CHECK_STR(vals[18], "王芳");
	for (int c = 0; c < APPLY_NCOLS; c++)
		free(vals[c]);
	CHECK(apply_record_parse("not a record\n", 13, vals) < 0);
	rec[5] = 'X';
	CHECK(apply_record_parse(rec, len, vals) < 0);
	free(rec);
}

static void test_table3(void)
{
	struct db *db;
	struct apply_form f;
	struct apply_stamp s[6];
	long long cells[64 * DB_T3_COLS];
	char err[256];
	long long imp;
	int total = db_table3_row_total(), out = db_table3_row_carried_out();

	snprintf(dbpath, sizeof dbpath, "/tmp/test_apply_t3_%d.db", (int)getpid());
	db = open_db();
	fill(&f, "甲", "13812345678");
	/* 2024: one carried into 2025 */
	CHECK(db_apply_submit(db, "K", "2024-12-30 09:00:00", pk, &f, &s[0], err, sizeof err) == 0);
	/* 2024: closed in 2024, not counted in 2025 */
	CHECK(db_apply_submit(db, "K", "2024-06-03 09:00:00", pk, &f, &s[1], err, sizeof err) == 0);
	f.applicant = APPLY_ORG;
	f.org_kind = APPLY_ORG_BUSINESS;
	CHECK(db_apply_submit(db, "K", "2025-03-03 09:00:00", pk, &f, &s[2], err, sizeof err) == 0);
	f.applicant = APPLY_CITIZEN;
	CHECK(db_apply_submit(db, "K", "2025-05-06 09:00:00", pk, &f, &s[3], err, sizeof err) == 0);
	CHECK(db_apply_submit(db, "K", "2025-12-29 09:00:00", pk, &f, &s[4], err, sizeof err) == 0);
	CHECK(db_apply_submit(db, "K", "2025-07-01 09:00:00", pk, &f, &s[5], err, sizeof err) == 0);
	CHECK(db_begin(db, err, sizeof err) == 0);
	imp = new_import(db, 1);
	reply(db, imp, s[0].tracking_no, "已答复", "2025-01-10", "予以公开", "", 1);
	reply(db, imp, s[1].tracking_no, "已答复", "2024-06-20", "部分公开", "", 1);
	reply(db, imp, s[2].tracking_no, "已答复", "2025-03-20", "不予公开", "保护第三方合法权益", 1);
	reply(db, imp, s[3].tracking_no, "已撤回", "2025-05-08", "", "", 1);
	reply(db, imp, s[5].tracking_no, "已答复", "2025-07-20", "不予处理", "2.重复申请", 1);
	CHECK(db_commit(db, err, sizeof err) == 0);
	CHECK(db_table3(db, 2025, cells, err, sizeof err) == 0);
#define CELL(r, c) cells[(r) * DB_T3_COLS + (c)]
	CHECK_INT(CELL(DB_T3_NEW, 6), 4);
	CHECK_INT(CELL(DB_T3_NEW, 0), 3);
	CHECK_INT(CELL(DB_T3_NEW, 1), 1);
	CHECK_INT(CELL(DB_T3_CARRIED_IN, 6), 1);
	CHECK_INT(CELL(3, 0), 1);              /* （一）予以公开: the 2024 one */
	CHECK_INT(CELL(4, 6), 0);              /* （二）: the 2024 one is not this year's */
	CHECK_INT(CELL(9, 1), 1);              /* （三）4.保护第三方合法权益, 商业企业 */
	CHECK_INT(CELL(22, 0), 1);             /* （五）2.重复申请 */
	CHECK_INT(CELL(30, 0), 1);             /* （六）3.其他: withdrawn */
	CHECK_INT(CELL(total, 6), 4);
	CHECK_INT(CELL(out, 6), 1);            /* filed 2025-12-29, open */
	for (int c = 0; c < DB_T3_COLS; c++)
		CHECK_INT(CELL(DB_T3_NEW, c) + CELL(DB_T3_CARRIED_IN, c), CELL(total, c) + CELL(out, c));
	CHECK_STR(db_table3_rows[total].label, "（七）总计");
	CHECK_STR(db_table3_rows[out].label, "四、结转下年度继续办理");
	db_close(db);
	unlink(dbpath);
}

static void test_explain(void)
{
	char out[1024];

	apply_explain("已答复", "不予公开", "保护第三方合法权益", out, sizeof out);
	CHECK(strstr(out, "行政复议") != NULL && strstr(out, "60日") != NULL);
	apply_explain("需补正", "", "", out, sizeof out);
	CHECK(strstr(out, "补正") != NULL);
	apply_explain("已答复", "予以公开", "", out, sizeof out);
	CHECK(strstr(out, "领取") != NULL);
	CHECK_INT(apply_reply_sub_row("不予公开", "3.危及\"三安全一稳定\"", NULL), 3);
	CHECK_INT(apply_reply_sub_row("无法提供", "本机关不掌握相关政府信息", NULL), 1);
	CHECK_INT(apply_reply_sub_row("无法提供", "没有这个", NULL), 0);
	CHECK_INT(apply_reply_sub_row("予以公开", "其他", NULL), 0);
}

int main(void)
{
	char path[300];

	if (sodium_init() < 0)
		return 1;
	crypto_box_keypair(pk, sk);
	setenv("GONGKAI_TODAY", "2026-06-01", 1);
	snprintf(dbpath, sizeof dbpath, "/tmp/test_apply_%d.db", (int)getpid());
	TEST(test_checks);
	TEST(test_form_check);
	TEST(test_mask);
	TEST(test_fees);
	TEST(test_record);
	TEST(test_explain);
	TEST(test_dates);
	TEST(test_clock);
	TEST(test_recompute);
	TEST(test_numbers);
	TEST(test_sealed);
	for (const char *suf = ""; ; suf = suf[0] ? NULL : "-wal") {
		if (!suf)
			break;
		snprintf(path, sizeof path, "%s%s", dbpath, suf);
		unlink(path);
	}
	snprintf(path, sizeof path, "%s-shm", dbpath);
	unlink(path);
	TEST(test_table3);
	return CHECK_EXIT();
}
