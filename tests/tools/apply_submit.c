/*
 * apply_submit.c - files N disclosure applications into a kiosk database
 * through db_apply_submit, as the kiosk's 提交 does (sealing included),
 * with generated but realistic answers: common and rare names (䶮, 𠮷,
 * 阿依古丽·买买提), resident ids with a right check digit, mobile and
 * landline phones, addresses, descriptions holding ASCII commas and
 * quotes, organisations of every kind with valid 统一社会信用代码.
 * Every form passes apply_form_check first. For tests and bench/apply.sh.
 *
 *   apply_submit DB N [--kiosk ID] [--day YYYY-MM-DD] [--time HH:MM:SS]
 *                     [--pubkey B64 | --pubkey-file FILE.pub] [--seed S]
 *                     [--per-day K] [--org-every K] [--expect FILE] [--print]
 *
 *   --kiosk      kiosk id of the 受理编号 (default TEST-01)
 *   --day        day of the first submission (default 2026-11-20)
 *   --time       its time (default 09:00:00); each next one 7 s later
 *   --pubkey     [trust] seal_pubkey; --pubkey-file reads a .pub file
 *                (the first line that is not a comment); one is required
 *   --seed       picks the generated answers (default 1)
 *   --per-day    applications a day before moving to the next (default 9999)
 *   --org-every  every K-th application is an organisation's (default 5)
 *   --expect     writes FILE: what the office's applications.csv must hold
 *                for these applications (header and rows, every field
 *                quoted, LF), in the order filed
 *   --print      prints each 受理编号 as soon as it is committed
 *   --fast       PRAGMA synchronous=OFF: fills a large database for a test
 *                that is not about filing (the kiosk itself keeps FULL)
 *
 * Exit status: 0 done, 1 a form or the database refused, 2 wrong usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "db/apply.h"
#include "db/db.h"
#include "db/db_internal.h"
#include "kiosk/apply.h"
#include "kiosk/calendar.h"
#include "kiosk/util.h"

static const char *const surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
	"郭", "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
	"彭", "曾", "肖", "田", "董", "袁", "潘", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏",
	"吕", "丁", "任", "沈", "姚", "向", "覃", "谭", "冉", "欧阳", "司马",
};
static const char *const given[] = {
	"秀英", "桂英", "秀兰", "玉兰", "桂兰", "秀珍", "凤英", "玉珍", "建华", "建国", "建军",
	"志强", "志明", "国华", "国强", "海燕", "丽", "伟", "芳", "敏", "静", "军", "勇", "磊",
	"艳", "杰", "娟", "涛", "明", "霞", "平", "刚", "䶮", "德华", "春梅", "小红", "家豪",
};
/* Names that are hard to type, show and keep: Ext-B, a minority name. */
static const char *const rare_names[] = { "𠮷祥", "阿依古丽·买买提", "刘䶮", "欧阳娜娜" };
static const char *const regions[] = { "511722", "510722", "500237", "513021", "420106", "110101" };
static const char *const villages[] = {
	"东乡街道白岩村", "南坝镇龙泉社区", "普光镇双河村", "土黄镇响滩村", "胡家镇金鼓村",
	"峰城镇樊哙村", "天生镇红岩村",
};
static const char *const infos[] = {
	"2024年度耕地地力保护补贴发放名单及发放标准",
	"本村\"高标准农田建设\"项目的招标文件, 中标通知书和验收报告",
	"我家房屋征收补偿方案、评估报告（2023年）",
	"东乡街道2025年低保对象审核确认的会议记录, 以及公示名单",
	"关于白岩村道路硬化工程的立项批复，资金来源和决算",
	"2022年至2024年本镇\"一事一议\"财政奖补项目清单",
	"县农业农村局关于生猪调出大县奖励资金分配的文件",
};
static const char *const docs[] = { "", "宣府发〔2024〕12号", "6107280000/2024-001005", "", "宣府办发〔2023〕7号" };
/* An organisation's name: head, a place word, tail. */
static const char *const org_heads[] = { "宣汉县", "四川", "达州市", "宣汉县", "四川", "" };
static const char *const org_tails[] = {
	"农业专业合作社", "科技有限公司", "农业科学研究所", "志愿者协会", "律师事务所",
	"村股份经济合作联合社",
};
static const char *const org_words[] = { "白岩", "巴山", "龙泉", "金鼓", "樊哙", "普光", "双河" };

/* A small deterministic generator (xorshift64*), so the same seed files
 * the same applications. */
static unsigned long long rng_state;

/* Returns a number in [0, n). */
static unsigned pick(unsigned n)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (unsigned)((rng_state * 2685821657736338717ull) >> 33) % n;
}

#define PICK(a) (a[pick(sizeof a / sizeof a[0])])

/* Writes a resident id with a right GB 11643 check digit. */
static void make_id(char out[19])
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char check[] = "10X98765432";
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int m = 1 + (int)pick(12), sum = 0;
	char tmp[64];

	snprintf(tmp, sizeof tmp, "%s%04u%02d%02u%03u", PICK(regions), 1940 + pick(66), m,
		 1 + pick((unsigned)mdays[m - 1]), pick(1000));
	memcpy(out, tmp, 17);
	for (int i = 0; i < 17; i++)
		sum += (out[i] - '0') * w[i];
	out[17] = check[sum % 11];
	out[18] = '\0';
}

/* Writes a 统一社会信用代码 with a right GB 32100 check character. */
static void make_credit_code(char out[19])
{
	static const char set[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	static const int w[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };
	int sum = 0;

	out[0] = "159N"[pick(4)];
	out[1] = (char)('1' + pick(3));
	memcpy(out + 2, PICK(regions), 6);
	for (int i = 8; i < 17; i++)
		out[i] = set[pick(31)];
	for (int i = 0; i < 17; i++)
		sum += (int)(strchr(set, out[i]) - set) * w[i];
	out[17] = set[(31 - sum % 31) % 31];
	out[18] = '\0';
}

/* Fills the i-th application's answers. */
static void make_form(struct apply_form *f, long i, int org_every)
{
	unsigned k;

	apply_form_wipe(f);
	if (org_every > 0 && i % org_every == org_every - 1) {
		f->applicant = APPLY_ORG;
		f->org_kind = (int)((i / org_every) % APPLY_ORG_N);
		k = pick(sizeof org_tails / sizeof org_tails[0]);
		snprintf(f->name, sizeof f->name, "%s%s%s", org_heads[k], PICK(org_words), org_tails[k]);
		make_credit_code(f->credit_code);
		snprintf(f->legal_rep, sizeof f->legal_rep, "%s%s", PICK(surnames), PICK(given));
	} else {
		f->applicant = APPLY_CITIZEN;
		if (i % 10 == 7)
			snprintf(f->name, sizeof f->name, "%s",
				 rare_names[(i / 10) % (sizeof rare_names / sizeof rare_names[0])]);
		else
			snprintf(f->name, sizeof f->name, "%s%s", PICK(surnames), PICK(given));
	}
	if (i % 13 == 6) {
		f->id_type = 1; /* 护照 */
		snprintf(f->id_no, sizeof f->id_no, "E%08u", pick(100000000));
	} else {
		f->id_type = APPLY_ID_RESIDENT;
		make_id(f->id_no);
	}
	if (i % 7 == 3)
		snprintf(f->phone, sizeof f->phone, "0818-5%06u", pick(1000000));
	else
		snprintf(f->phone, sizeof f->phone, "1%u%09u", 3 + pick(7), pick(1000000000));
	if (i % 4 != 2)
		snprintf(f->address, sizeof f->address, "四川省宣汉县%s%u组%u号", PICK(villages),
			 1 + pick(12), 1 + pick(80));
	if (i % 3 == 0)
		snprintf(f->postcode, sizeof f->postcode, "6361%02u", pick(100));
	snprintf(f->info, sizeof f->info, "%s", PICK(infos));
	snprintf(f->doc_no, sizeof f->doc_no, "%s", PICK(docs));
	f->medium = (int)pick(APPLY_MEDIUM_N);
	f->pickup = (int)pick(APPLY_PICKUP_N);
	if (f->medium == 1 || f->pickup == 2 || i % 5 == 1)
		snprintf(f->email, sizeof f->email, "user%ld.%u@163.com", i, pick(1000));
	if (f->pickup == 1 && !*f->address)
		snprintf(f->address, sizeof f->address, "四川省宣汉县%s%u组", PICK(villages), 1 + pick(12));
	f->by_staff = i % 9 == 4;
}

/* Writes one CSV field, always quoted. */
static void put_field(FILE *o, const char *s, int last)
{
	fputc('"', o);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', o);
		fputc(*s, o);
	}
	fputc('"', o);
	fputc(last ? '\n' : ',', o);
}

/* Writes what the office must read back for this application: the answers
 * as filed and the stamp as issued, in the columns of apply_columns. */
static void put_expected(FILE *o, const struct apply_form *f, const struct apply_stamp *s)
{
	char applicant[128];

	if (f->applicant == APPLY_ORG)
		snprintf(applicant, sizeof applicant, "法人或其他组织：%s", apply_org_kinds[f->org_kind]);
	else
		snprintf(applicant, sizeof applicant, "公民");
	const char *v[APPLY_NCOLS] = {
		s->tracking_no, s->submitted_at, s->received_on, s->due_on, applicant, f->name,
		apply_id_types[f->id_type], f->id_no, f->phone, f->address, f->postcode, f->email,
		f->info, f->doc_no, apply_media[f->medium], apply_pickups[f->pickup],
		f->by_staff ? "是" : "否",
		f->applicant == APPLY_ORG ? f->credit_code : "",
		f->applicant == APPLY_ORG ? f->legal_rep : "",
	};
	for (int c = 0; c < APPLY_NCOLS; c++)
		put_field(o, v[c], c == APPLY_NCOLS - 1);
}

/* Prints usage and exits 2. */
static _Noreturn void usage(void)
{
	fputs("usage: apply_submit DB N [--kiosk ID] [--day YYYY-MM-DD] [--time HH:MM:SS]\n"
	      "       [--pubkey B64 | --pubkey-file FILE.pub] [--seed S] [--per-day K]\n"
	      "       [--org-every K] [--expect FILE] [--print]\n", stderr);
	exit(2);
}

/* Reads the key line of a .pub file from seal-keygen into out. */
static void read_pub(const char *path, char *out, size_t outlen)
{
	char line[512];
	FILE *f = fopen(path, "r");

	if (!f) {
		perror(path);
		exit(2);
	}
	out[0] = '\0';
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] && line[0] != '#') {
			snprintf(out, outlen, "%s", line);
			break;
		}
	}
	fclose(f);
}

int main(int argc, char **argv)
{
	const char *kiosk = "TEST-01", *day0 = "2026-11-20", *time0 = "09:00:00", *expect = NULL;
	char pub[512] = "", err[512], day[11], now[40];
	unsigned char pk[APPLY_PK_BYTES];
	long n, per_day = 9999, start_s, secs;
	int org_every = 5, print = 0, fast = 0;
	struct apply_form *f = xmalloc(sizeof *f);
	struct apply_stamp st;
	struct db *db;
	FILE *ex = NULL;

	if (argc < 3)
		usage();
	n = strtol(argv[2], NULL, 10);
	rng_state = 1;
	for (int i = 3; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(a, "--print") == 0 || strcmp(a, "--fast") == 0) {
			*(a[2] == 'p' ? &print : &fast) = 1;
			continue;
		}
		if (!v)
			usage();
		i++;
		if (strcmp(a, "--kiosk") == 0)
			kiosk = v;
		else if (strcmp(a, "--day") == 0)
			day0 = v;
		else if (strcmp(a, "--time") == 0)
			time0 = v;
		else if (strcmp(a, "--pubkey") == 0)
			snprintf(pub, sizeof pub, "%s", v);
		else if (strcmp(a, "--pubkey-file") == 0)
			read_pub(v, pub, sizeof pub);
		else if (strcmp(a, "--seed") == 0)
			rng_state = strtoull(v, NULL, 10) * 0x9E3779B97F4A7C15ull + 1;
		else if (strcmp(a, "--per-day") == 0)
			per_day = strtol(v, NULL, 10);
		else if (strcmp(a, "--org-every") == 0)
			org_every = atoi(v);
		else if (strcmp(a, "--expect") == 0)
			expect = v;
		else
			usage();
	}
	if (n < 0 || per_day < 1 || calendar_days(day0) < 0 || strlen(time0) != 8)
		usage();
	if (apply_seal_key(pub, pk, err, sizeof err) < 0) {
		fprintf(stderr, "apply_submit: %s\n", err);
		return 2;
	}
	if (db_open(argv[1], DB_READWRITE, &db, err, sizeof err) < 0) {
		fprintf(stderr, "apply_submit: %s\n", err);
		return 1;
	}
	if (fast)
		sqlite3_exec(db->conn, "PRAGMA synchronous=OFF", NULL, NULL, NULL);
	if (expect) {
		ex = fopen(expect, "w");
		if (!ex) {
			perror(expect);
			return 2;
		}
		for (int c = 0; c < APPLY_NCOLS; c++)
			put_field(ex, apply_columns[c], c == APPLY_NCOLS - 1);
	}
	start_s = atol(time0) * 3600 + atol(time0 + 3) * 60 + atol(time0 + 6);
	for (long i = 0; i < n; i++) {
		calendar_iso(calendar_days(day0) + i / per_day, day);
		secs = (start_s + (i % per_day) * 7) % 86400;
		snprintf(now, sizeof now, "%s %02ld:%02ld:%02ld", day, secs / 3600, secs / 60 % 60,
			 secs % 60);
		make_form(f, i, org_every);
		if (apply_form_check(f, err, sizeof err) < 0) {
			fprintf(stderr, "apply_submit: application %ld refused by apply_form_check: %s\n", i,
				err);
			return 1;
		}
		if (db_apply_submit(db, kiosk, now, pk, f, &st, err, sizeof err) < 0) {
			fprintf(stderr, "apply_submit: application %ld: %s\n", i, err);
			return 1;
		}
		if (ex)
			put_expected(ex, f, &st);
		if (print) {
			printf("%s\n", st.tracking_no);
			fflush(stdout);
		}
	}
	apply_form_wipe(f);
	free(f);
	db_close(db);
	if (ex && fclose(ex) != 0) {
		perror(expect);
		return 1;
	}
	return 0;
}
