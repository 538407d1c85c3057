/*
 * test_directory.c - the 公共服务名录: the 电话 check of directory.csv, and
 * the questions the screens ask (townships with counts, a township's units
 * by category, search with name matches first, pinyin initials, one
 * township, one unit, replacing the whole directory).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/db.h"
#include "db/directory.h"
#include "kiosk/fields.h"
#include "kiosk/pinyin.h"
#include "kiosk/util.h"
#include "tests/unit/check.h"

static char tmpdir[] = "/tmp/gk-test-directory.XXXXXX";
static struct db *db;

/* Phones offices write, and what must be refused. */
static void phone_rules(void)
{
	static const char *const good[] = {
		"0818-5123456", "13800001234", "110", "12345", "0818-5123456 转 8001",
		"0818-5123456转8001", "0818-5123456 8001", "０８１８－５１２３４５６", " 0818-5123456 ",
		"028-8888-6666",
	};
	static const char *const bad[] = {
		"", "电话", "0818-5123456、0818-5123457", "0818--5123456", "-0818", "0818-",
		"0818-5123456 转 8001 转 2", "0818-5123456 转", "0818 5123456", "12",
		"0818-5123456 分机 8001", "+86 818 5123456", "0818-5123456 1234567",
		"123456789012345678901",
	};
	const char *why;

	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		if (field_phone(good[i], &why) != 0)
			printf("  refused \"%s\": %s\n", good[i], why ? why : "");
		CHECK(field_phone(good[i], NULL) == 0);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		why = NULL;
		if (field_phone(bad[i], &why) == 0)
			printf("  accepted \"%s\"\n", bad[i]);
		CHECK(field_phone(bad[i], &why) < 0);
		CHECK(why && why[0]);
	}
}

/* Adds one unit. */
static void add(const char *town, const char *name, const char *cat, const char *addr,
		const char *phone)
{
	char err[256], py[128];
	struct directory_entry e = { town, name, cat, addr, "周一至周五", phone, "", py };

	pinyin_initials_key(name, 0, py, sizeof py);
	if (directory_add(db, &e, err, sizeof err) < 0)
		printf("  add %s: %s\n", name, err);
}

/* A small directory over three townships. */
static void setup(void)
{
	char path[256], err[256];

	if (!mkdtemp(tmpdir))
		return;
	snprintf(path, sizeof path, "%s/d.db", tmpdir);
	if (db_open(path, DB_READWRITE, &db, err, sizeof err) < 0) {
		printf("  open: %s\n", err);
		return;
	}
	db_begin(db, err, sizeof err);
	add("南坝镇", "南坝镇中心卫生院", "卫生院", "南坝镇人民路58号", "0818-5300120");
	add("南坝镇", "南坝中学", "学校", "南坝镇学府路2号", "0818-5300135");
	add("南坝镇", "南坝镇中心小学", "学校", "南坝镇文化街15号", "");
	add("南坝镇", "南坝镇供水站", "供水", "南坝镇卫生院对面", "0818-5300160");
	add("东乡街道", "东乡派出所", "派出所", "东乡街道东乡路66号", "0818-5100110");
	add("东乡街道", "东乡小学", "学校", "东乡街道学府路6号", "0818-5100133");
	add("黄金镇", "黄金镇卫生院", "卫生院", "黄金镇黄金街40号", "0818-5400120");
	if (db_commit(db, err, sizeof err) < 0)
		printf("  commit: %s\n", err);
}

/* The townships, by name, with their counts. */
static void towns(void)
{
	struct directory_town *t;
	char err[256];
	long n = 0;
	int k;

	CHECK_INT(directory_count(db, &n, err, sizeof err), 0);
	CHECK_INT(n, 7);
	CHECK_INT(directory_towns(db, &t, &k, err, sizeof err), 0);
	CHECK_INT(k, 3);
	if (k == 3) {
		long sum = 0;

		for (int i = 0; i < k; i++) {
			sum += t[i].units;
			if (i)
				CHECK(strcmp(t[i - 1].township, t[i].township) < 0);
			if (strcmp(t[i].township, "南坝镇") == 0)
				CHECK_INT(t[i].units, 4);
		}
		CHECK_INT(sum, 7);
	}
	directory_towns_free(t, k);
}

/* A township's units come grouped by category, then by name. */
static void township_units(void)
{
	struct directory_unit *u;
	char err[256];
	int n;

	CHECK_INT(directory_units(db, "南坝镇", NULL, &u, &n, err, sizeof err), 0);
	CHECK_INT(n, 4);
	for (int i = 1; i < n; i++) {
		int c = strcmp(u[i - 1].category, u[i].category);

		CHECK(c < 0 || (c == 0 && strcmp(u[i - 1].name, u[i].name) <= 0));
		CHECK_STR(u[i].township, "南坝镇");
	}
	directory_units_free(u, n);
	CHECK_INT(directory_units(db, "南坝镇", "学校", &u, &n, err, sizeof err), 0);
	CHECK_INT(n, 2);
	for (int i = 0; i < n; i++)
		CHECK_STR(u[i].category, "学校");
	directory_units_free(u, n);
	CHECK_INT(directory_units(db, "没有这个镇", NULL, &u, &n, err, sizeof err), 0);
	CHECK_INT(n, 0);
	directory_units_free(u, n);
}

/* A unit whose name holds the words comes before one whose address does. */
static void search_ranking(void)
{
	struct directory_unit *u;
	char err[256];
	int n;

	/* 南坝镇供水站's address is 南坝镇卫生院对面: it matches, but last. */
	CHECK_INT(directory_search(db, "卫生院", NULL, 10, &u, &n, err, sizeof err), 0);
	CHECK_INT(n, 3);
	if (n == 3) {
		CHECK(strstr(u[0].name, "卫生院") != NULL);
		CHECK(strstr(u[1].name, "卫生院") != NULL);
		CHECK_STR(u[2].name, "南坝镇供水站");
	}
	directory_units_free(u, n);
	/* Two characters anywhere; the limit holds. */
	CHECK_INT(directory_search(db, "学府", NULL, 1, &u, &n, err, sizeof err), 0);
	CHECK_INT(n, 1);
	directory_units_free(u, n);
	/* A category word finds the category. */
	CHECK_INT(directory_search(db, "学校", NULL, 10, &u, &n, err, sizeof err), 0);
	CHECK_INT(n, 3);
	directory_units_free(u, n);
	/* One township only. */
	CHECK_INT(directory_search(db, "学校", "东乡街道", 10, &u, &n, err, sizeof err), 0);
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK_STR(u[0].name, "东乡小学");
	directory_units_free(u, n);
	/* Nothing found, and punctuation alone searches nothing. */
	CHECK_INT(directory_search(db, "火车站", NULL, 10, &u, &n, err, sizeof err), 0);
	CHECK_INT(n, 0);
	directory_units_free(u, n);
	CHECK_INT(directory_search(db, "，。", NULL, 10, &u, &n, err, sizeof err), 0);
	CHECK_INT(n, 0);
	directory_units_free(u, n);
}

/* Letters match the name's pinyin initials, the start of the name first. */
static void search_pinyin(void)
{
	struct directory_unit *u;
	char err[256];
	int n;

	CHECK_INT(directory_search(db, "pcs", NULL, 10, &u, &n, err, sizeof err), 0);
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK_STR(u[0].name, "东乡派出所");
	directory_units_free(u, n);
	CHECK_INT(directory_search(db, "HJZ", NULL, 10, &u, &n, err, sizeof err), 0);
	CHECK(n >= 1);
	if (n >= 1)
		CHECK_STR(u[0].name, "黄金镇卫生院");
	directory_units_free(u, n);
}

/* One unit by id, and an id that is not there. */
static void get_one(void)
{
	struct directory_unit *u, one;
	char err[256];
	int n;

	CHECK_INT(directory_search(db, "东乡派出所", NULL, 1, &u, &n, err, sizeof err), 0);
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK_INT(directory_get(db, u[0].id, &one, err, sizeof err), 0);
		CHECK_STR(one.name, "东乡派出所");
		CHECK_STR(one.address, "东乡街道东乡路66号");
		CHECK_STR(one.phone, "0818-5100110");
		CHECK_STR(one.hours, "周一至周五");
		CHECK_STR(one.note, "");
		directory_unit_clear(&one);
	}
	directory_units_free(u, n);
	CHECK_INT(directory_get(db, 999999, &one, err, sizeof err), 1);
}

/* Clearing empties the table and its search index. */
static void clear_all(void)
{
	struct directory_unit *u;
	char err[256];
	long count = -1;
	int n;

	CHECK_INT(directory_clear(db, err, sizeof err), 0);
	CHECK_INT(directory_count(db, &count, err, sizeof err), 0);
	CHECK_INT(count, 0);
	CHECK_INT(directory_search(db, "卫生院", NULL, 10, &u, &n, err, sizeof err), 0);
	CHECK_INT(n, 0);
	directory_units_free(u, n);
	add("普光镇", "普光镇中心卫生院", "卫生院", "普光镇普光大道70号", "0818-5500120");
	CHECK_INT(directory_search(db, "卫生院", NULL, 10, &u, &n, err, sizeof err), 0);
	CHECK_INT(n, 1);
	directory_units_free(u, n);
}

int main(void)
{
	char cmd[300];

	TEST(phone_rules);
	setup();
	if (!db) {
		printf("FAIL: setup\n");
		return 1;
	}
	TEST(towns);
	TEST(township_units);
	TEST(search_ranking);
	TEST(search_pinyin);
	TEST(get_one);
	TEST(clear_all);
	db_close(db);
	snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
	if (system(cmd) != 0)
		printf("  could not remove %s\n", tmpdir);
	return CHECK_EXIT();
}
