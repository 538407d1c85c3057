/*
 * seed_db.c - fills a kiosk database with realistic test rows without a
 * signed bundle: notices, gazettes, normative documents (现行有效, 失效,
 * 废止), an interpretation linked to its policy, guides, Q&A and a subsidy
 * batch, with CJK, Ext-A (王䶮) and mixed Latin text. Optionally adds the
 * corpus documents as bulletins, bulk rows for the benchmark, and a small
 * subsidy batch of names that are hard to type and to show (--rare-names).
 *
 *   seed_db DB [--demo] [--corpus DIR] [--bulk-bulletins N] [--bulk-subsidies N]
 *              [--rare-names]
 *
 * It writes through db/store.h, as the importer does, so the full-text
 * indexes (gk tokenizer) are filled the same way.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "db/db.h"
#include "db/db_internal.h"
#include "db/store.h"
#include "kiosk/pinyin.h"
#include "kiosk/util.h"

static char err[512];

/* Stops the tool with the last error. */
static _Noreturn void die(const char *what)
{
	fprintf(stderr, "seed_db: %s: %s\n", what, err);
	exit(1);
}

/* Adds one bulletin or dies; fills the title's pinyin initials as the
 * importer does. */
static void put(struct db *db, long long imp, const struct store_bulletin *in)
{
	struct store_bulletin b = *in;
	char py[512];

	if (!b.title_py || !*b.title_py) {
		pinyin_initials_key(b.title, 0, py, sizeof py);
		b.title_py = py;
	}
	if (store_bulletin_put(db, imp, &b, err, sizeof err) < 0)
		die(b.index_no);
}

static const char notice_body[] =
	"各村（社区）、街道各办（所、中心）：\n\n"
	"　　根据《关于做好2026年度耕地地力保护补贴工作的通知》（县农发〔2026〕12号）要求，"
	"现将我街道2026年度耕地地力保护补贴发放工作有关事项通知如下。\n\n"
	"　　一、补贴对象。拥有耕地承包权的种地农民，补贴标准为每亩120.50元。"
	"已改变用途的耕地、长期撂荒地不再享受补贴。\n\n"
	"　　二、工作安排。\n"
	"阶段\t时间\t主要工作\n"
	"摸底核实\t11月1日至11月10日\t村（社区）入户核实面积，张榜公示7天\n"
	"审核汇总\t11月11日至11月20日\t街道农业服务中心审核，报县农业农村局\n"
	"资金发放\t11月30日前\t通过惠民惠农财政补贴资金“一卡通”发放到户\n\n"
	"　　三、有关要求。各村（社区）要严格审核，确保面积准确、对象精准；"
	"对群众反映的问题要及时核实处理，联系电话：0818-5210123（Li Ming，李明）。\n\n"
	"　　四、本通知自发布之日起施行。\n\n"
	"东乡街道办事处\n2026年11月20日\n";

static const char rule_body[] =
	"第一章　总则\n\n"
	"第一条　为规范农村最低生活保障审核确认工作，根据《社会救助暂行办法》等规定，结合本街道实际，制定本办法。\n\n"
	"第二条　本办法适用于本街道辖区内农村最低生活保障的申请、审核、确认和动态管理。\n\n"
	"第二章　申请和受理\n\n"
	"第三条　申请人以家庭为单位，向户籍所在地村（社区）或街道便民服务中心提出书面申请。"
	"申请人确有困难的，可委托村（社区）代为提出申请。\n\n"
	"第四条　街道应当自受理申请之日起3个工作日内启动家庭经济状况调查。\n";

static const char interp_body[] =
	"一、制定背景\n\n"
	"　　为进一步规范农村低保审核确认工作，街道起草了《东乡街道农村低保审核确认办法》。\n\n"
	"二、主要内容\n\n"
	"　　办法共五章二十条，明确了申请受理、家庭经济状况调查、审核确认、动态管理等环节的要求。"
	"群众可在街道便民服务中心或通过本机查询办理指南。\n";

/* The fixed rows every terminal test relies on. */
static void seed_demo(struct db *db, long long imp)
{
	static const struct store_bulletin rows[] = {
		{ "XH-DX/2026-00112", "通知公告", "关于做好2026年度耕地地力保护补贴发放工作的通知",
		  "东乡府发〔2026〕12号", "东乡街道办事处", "2026-11-18", "2026-11-20", "", "农业农村",
		  notice_body, "bodies/n112.txt", "", "https://www.example.gov.cn/n112", "" },
		{ "XH-DX/2026-00098", "通知公告", "关于王䶮同志任职的通知", "东乡府任〔2026〕3号",
		  "东乡街道办事处", "2026-10-06", "2026-10-08", "", "人事信息",
		  "经研究决定：\n\n　　王䶮同志任东乡街道社会事务办主任（试用期一年）。\n", "bodies/n98.txt",
		  "", "", "" },
		{ "XH-DX/2026-00077", "通知公告", "关于开展Wi-Fi进村入户服务的公告", "",
		  "东乡街道党政办", "", "2026-09-15", "", "乡村振兴",
		  "为方便群众办事，街道在各村便民服务站开通免费Wi-Fi，网络名称GongKai-Free，无需密码。\n",
		  "bodies/n77.txt", "", "", "" },
		{ "XH-DX/2025-00041", "通知公告", "李秀英同志先进事迹通报", "东乡府通〔2025〕7号",
		  "东乡街道办事处", "2025-05-30", "2025-06-01", "", "社会救助",
		  "李秀英同志扎根基层三十年，帮助困难群众办理救助申请二百余件。\n", "bodies/n41.txt", "", "",
		  "lxytzxjsjtb" },
		{ "XH-DX/2026-G03", "政府公报", "东乡街道政府公报2026年第3期", "", "东乡街道党政办", "",
		  "2026-09-30", "", "政府公报",
		  "目录\n\n街道办事处文件\n\t关于做好2026年度耕地地力保护补贴发放工作的通知\n", "bodies/g3.txt",
		  "", "", "" },
		{ "XH-DX/2026-G02", "政府公报", "东乡街道政府公报2026年第2期", "", "东乡街道党政办", "",
		  "2026-06-30", "", "政府公报", "目录\n\n街道办事处文件\n", "bodies/g2.txt", "", "", "" },
		{ "XH-DX/2024-00031", "规范性文件", "东乡街道农村低保审核确认办法", "东乡府规〔2024〕1号",
		  "东乡街道办事处", "2024-02-20", "2024-03-01", "现行有效", "社会救助", rule_body,
		  "bodies/r31.txt", "", "", "" },
		{ "XH-DX/2019-00012", "规范性文件", "东乡街道临时救助实施细则（试行）", "东乡府规〔2019〕2号",
		  "东乡街道办事处", "2019-04-01", "2019-04-10", "失效", "社会救助",
		  "第一条　为做好临时救助工作，制定本细则。\n", "bodies/r12.txt", "", "", "" },
		{ "XH-DX/2016-00005", "规范性文件", "关于印发东乡街道农村宅基地管理暂行办法的通知",
		  "东乡府规〔2016〕5号", "东乡街道办事处", "2016-07-01", "2016-07-05", "废止", "自然资源",
		  "第一条　为加强农村宅基地管理，制定本办法。\n", "bodies/r5.txt", "", "", "" },
		{ "XH-DX/2024-00033", "政策解读", "《东乡街道农村低保审核确认办法》政策解读", "",
		  "东乡街道社会事务办", "2024-03-04", "2024-03-05", "", "社会救助", interp_body,
		  "bodies/i33.txt", "XH-DX/2024-00031", "", "" },
	};
	static const struct store_guide guides[] = {
		{ "GD-001", "最低生活保障申请", "东乡街道社会事务办", "《社会救助暂行办法》",
		  "共同生活的家庭成员人均收入低于当地低保标准，且家庭财产状况符合规定。",
		  "1. 申请书\n2. 户口簿、身份证复印件\n3. 家庭收入情况说明\n4. 王䶮等代办人须带委托书",
		  "申请→受理→家庭经济状况调查→审核→公示7天→确认", "20个工作日", "不收费",
		  "东乡街道便民服务中心2号窗口", "周一至周五 9:00-12:00，14:00-17:30", "0818-5210123", "" },
		{ "GD-002", "临时救助申请", "东乡街道社会事务办", "",
		  "因火灾、交通事故等意外事件，家庭基本生活暂时出现严重困难。", "申请书、身份证、相关证明",
		  "申请→审核→发放", "10个工作日", "不收费", "东乡街道便民服务中心2号窗口",
		  "周一至周五", "0818-5210124", "lsjzsq" },
		{ "GD-003", "残疾人两项补贴申请", "东乡街道残联", "", "持有第二代残疾人证。", "残疾人证、户口簿",
		  "申请→审核→发放", "15个工作日", "不收费", "东乡街道便民服务中心3号窗口", "周一至周五",
		  "0818-5210125", "" },
	};

	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		put(db, imp, &rows[i]);
	/* Thirty more notices over three years, for paging and filters. */
	for (int i = 1; i <= 30; i++) {
		static const char *const topics[] = { "农业农村", "社会救助", "乡村振兴", "财政预决算" };
		char idx[32], title[160], pub[16], body[256];
		struct store_bulletin b = { .category = "通知公告", .issuer = "东乡街道办事处",
					    .doc_no = "", .written = "", .validity = "", .related = "",
					    .url = "", .title_py = "", .body_path = "bodies/x.txt" };

		snprintf(idx, sizeof idx, "XH-DX/FILL-%03d", i);
		snprintf(title, sizeof title, "第%02d号工作简报：%s工作进展情况", i, topics[i % 4]);
		snprintf(pub, sizeof pub, "%04d-%02d-%02d", 2023 + i % 3, 1 + i % 12, 1 + i % 27);
		snprintf(body, sizeof body, "本期简报介绍%s工作的进展情况。\n", topics[i % 4]);
		b.index_no = idx;
		b.title = title;
		b.published = pub;
		b.topic = topics[i % 4];
		b.body = body;
		put(db, imp, &b);
	}
	for (size_t i = 0; i < sizeof guides / sizeof guides[0]; i++)
		if (store_guide_add(db, &guides[i], err, sizeof err) < 0)
			die(guides[i].code);
	if (store_qa_add(db, "QA-001", "耕地地力保护补贴什么时候发到卡上？",
			 "2026年度补贴于11月30日前通过“一卡通”发放到户，请留意银行短信。", "补贴 一卡通",
			 "XH-DX/2026-00112", "东乡街道农业服务中心", "2026-11-21", "", err, sizeof err) < 0 ||
	    store_qa_add(db, "QA-002", "低保申请要带哪些材料？",
			 "请带申请书、户口簿和身份证复印件、家庭收入情况说明，到便民服务中心2号窗口办理。",
			 "低保 材料", "XH-DX/2024-00031", "东乡街道社会事务办", "2026-08-02", "dbsq",
			 err, sizeof err) < 0 ||
	    store_qa_add(db, "QA-003", "王䶮主任在哪里办公？", "在街道便民服务中心二楼，电话0818-5210123。",
			 "", "", "东乡街道党政办", "2026-10-10", "", err, sizeof err) < 0)
		die("qa");
}

/* Known corpus documents: file name, title, 文号, year. */
static const struct {
	const char *file, *title, *doc_no, *published, *issuer;
} corpus_meta[] = {
	{ "wushan-2021-48.txt",
	  "关于印发贯彻落实市政府办公厅2021年政务公开工作要点任务分工巫山县责任清单的通知",
	  "巫山府办发〔2021〕48号", "2021-06-01", "巫山县人民政府办公室" },
	{ "tongchuan-2023-fengong.txt", "通川区2023年政务公开工作要点任务分工", "", "2023-05-10",
	  "通川区人民政府办公室" },
	{ "dongzhi-2020-qingdan.txt", "东至县2020年政务公开工作任务清单", "", "2020-07-01",
	  "东至县人民政府办公室" },
	{ "pingli-renwu.txt", "平利县政务公开工作任务分解", "", "2022-04-01", "平利县人民政府办公室" },
};

/* Adds every .txt of dir as a 规范性文件-like notice with its real text. */
static void seed_corpus(struct db *db, long long imp, const char *dir)
{
	for (size_t i = 0; i < sizeof corpus_meta / sizeof corpus_meta[0]; i++) {
		char path[1024], idx[64];
		char *text;
		size_t len;
		struct store_bulletin b = { .category = "通知公告", .written = "", .validity = "",
					    .topic = "政务公开", .related = "", .url = "", .title_py = "" };

		snprintf(path, sizeof path, "%s/%s", dir, corpus_meta[i].file);
		if (util_read_file(path, 1 << 24, &text, &len, err, sizeof err) < 0)
			die(path);
		snprintf(idx, sizeof idx, "CORPUS/%s", corpus_meta[i].file);
		b.index_no = idx;
		b.title = corpus_meta[i].title;
		b.doc_no = corpus_meta[i].doc_no;
		b.issuer = corpus_meta[i].issuer;
		b.published = corpus_meta[i].published;
		b.body = text;
		b.body_path = corpus_meta[i].file;
		put(db, imp, &b);
		free(text);
	}
}

/* A small deterministic random generator (xorshift). */
static unsigned long long rng_state = 88172645463325252ULL;

/* Returns the next pseudo-random number below n. */
static unsigned rnd(unsigned n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned)(rng_state % n);
}

/* Converts days since 1970-01-01 to YYYY-MM-DD. */
static void iso_day(long z, char out[48])
{
	long era, doe, yoe, y, doy, mp, d, m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	snprintf(out, 48, "%04d-%02d-%02d", (int)(y + (m <= 2)), (int)m, (int)d);
}

static const char *const bulk_topics[] = { "农业农村", "社会救助", "乡村振兴", "财政预决算",
					   "教育", "医疗卫生", "交通运输", "自然资源", "住房保障",
					   "就业创业", "生态环境", "安全生产" };
static const char *const bulk_cats[] = { "通知公告", "政府公报", "规范性文件", "政策解读" };
static const char *const bulk_phrases[] = {
	"为进一步做好", "各村（社区）要高度重视", "切实加强组织领导", "确保工作落到实处",
	"现将有关事项通知如下：", "补贴资金通过“一卡通”发放", "请群众相互转告", "联系电话0818-5210123",
	"严格审核把关", "按时上报", "张榜公示7天", "接受群众监督", "坚持公开透明",
	"依法依规办理", "加强政策宣传", "做好解释说明工作", "王䶮", "李秀英", "Wi-Fi",
	"便民服务中心", "耕地地力保护", "最低生活保障", "临时救助", "危房改造", "医疗救助",
};

/* Adds n generated bulletins spread over sixteen years. */
static void seed_bulk_bulletins(struct db *db, long long imp, long n)
{
	for (long i = 0; i < n; i++) {
		char idx[32], title[256], pub[48], doc[64];
		struct sbuf body = {0};
		const char *topic = bulk_topics[rnd(12)];
		struct store_bulletin b = { .issuer = "东乡街道办事处", .written = "", .related = "",
					    .url = "", .title_py = "", .body_path = "bodies/bulk.txt" };
		int len = 8 + (int)rnd(24);

		snprintf(idx, sizeof idx, "BULK/%07ld", i);
		iso_day(14610 + (long)rnd(6200), pub); /* 2010 to 2026 */
		snprintf(title, sizeof title, "关于做好%.4s年度%s工作的通知（第%ld号）", pub, topic, i);
		snprintf(doc, sizeof doc, "东乡府发〔%.4s〕%ld号", pub, i % 1000);
		for (int k = 0; k < len; k++) {
			sbuf_add(&body, bulk_phrases[rnd(sizeof bulk_phrases / sizeof bulk_phrases[0])]);
			sbuf_add(&body, rnd(4) ? "，" : "。\n");
		}
		sbuf_add(&body, "。\n");
		b.index_no = idx;
		b.category = bulk_cats[rnd(4)];
		b.title = title;
		b.doc_no = doc;
		b.published = pub;
		b.topic = topic;
		b.validity = strcmp(b.category, "规范性文件") == 0 ? (rnd(5) ? "现行有效" : "失效") : "";
		b.body = sbuf_str(&body);
		put(db, imp, &b);
		sbuf_free(&body);
	}
}

/* Adds n subsidy rows in batches of at most 100,000. */
static void seed_bulk_subsidies(struct db *db, long long imp, long n)
{
	static const char *const family[] = { "王", "李", "张", "刘", "陈", "杨", "赵", "黄" };
	static const char *const given[] = { "秀英", "䶮", "建国", "桂兰", "志强", "芳", "明", "小红" };
	long done = 0;
	int bn = 0;

	while (done < n) {
		long long batch;
		char name[64], bname[32];
		long k, size = n - done > 100000 ? 100000 : n - done;

		snprintf(bname, sizeof bname, "第%d批", ++bn);
		if (store_batch_replace(db, imp, "耕地地力保护补贴", 2026, bname, &batch, err, sizeof err) < 0)
			die("batch");
		for (k = 0; k < size; k++) {
			struct store_subsidy s = { .batch_id = batch, .township = "东乡街道",
						   .id_masked = "510722********1234", .id_tail = "1234",
						   .basis = "3.2亩", .paid_on = "2026-11-30",
						   .fund_source = "中央财政",
						   .account_masked = "************5678",
						   .amount_fen = 38400 + (long long)rnd(10000), .line = k + 2 };
			char village[32];

			snprintf(village, sizeof village, "第%u村", rnd(40) + 1);
			snprintf(name, sizeof name, "%s%s", family[rnd(8)], given[rnd(8)]);
			s.village = village;
			s.name = name;
			if (store_subsidy_add(db, &s, err, sizeof err) < 0)
				die("subsidy");
		}
		if (store_batch_totals(db, batch, err, sizeof err) < 0)
			die("totals");
		done += size;
	}
}

/* Adds one batch, 高龄津贴 2026年, of names outside the common range: an
 * Ext-B character (𠮷 U+20BB7), an Ext-A one (㛃 U+36C3), names joined by
 * a middle dot, and two of ten characters (one of them all wide), each
 * with its pinyin-initials variants as the importer writes them. */
static void seed_rare_names(struct db *db, long long imp)
{
	static const struct {
		const char *name, *village, *id, *basis;
		long long fen;
	} rows[] = {
		{ "𠮷秀英", "新华社区", "511722********2021", "1人", 120000 },
		{ "林㛃", "新华社区", "511722********3342", "1人", 120000 },
		{ "阿依古丽·买买提", "城南社区", "653101********0428", "1人", 120000 },
		{ "阿卜杜热合曼·吐尔逊", "城南社区", "653101********1153", "1人", 180000 },
		{ "阿依努尔阿不都热合曼", "城南社区", "653101********2266", "1人", 180000 },
	};
	long long batch;

	if (store_batch_replace(db, imp, "高龄津贴", 2026, "", &batch, err, sizeof err) < 0)
		die("rare-names batch");
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char py[16][PINYIN_VARIANT_LEN];
		const char *id = rows[i].id;
		struct store_subsidy s = { .batch_id = batch, .township = "东乡街道",
					   .village = rows[i].village, .name = rows[i].name,
					   .id_masked = id, .id_tail = id + strlen(id) - 4,
					   .basis = rows[i].basis, .paid_on = "2026-10-15",
					   .fund_source = "省级财政", .account_masked = "************6608",
					   .amount_fen = rows[i].fen, .line = (long)i + 2 };

		s.npy = pinyin_initials_variants(s.name, 1, py, 16);
		s.py = (const char (*)[PINYIN_VARIANT_LEN])py;
		if (store_subsidy_add(db, &s, err, sizeof err) < 0)
			die(rows[i].name);
	}
	if (store_batch_totals(db, batch, err, sizeof err) < 0)
		die("rare-names totals");
}

/* Parses the options and fills the database in one transaction. */
int main(int argc, char **argv)
{
	const char *path = NULL, *corpus = NULL;
	long bulk_b = 0, bulk_s = 0;
	int demo = 0, rare = 0;
	struct db *db;
	long long imp;
	struct store_import in = { .issuer = "测试数据", .sequence = 1, .created = "2026-11-20T10:00:00+08:00",
				   .source = "seed_db", .manifest_sha256 = "0", .operator_name = "seed_db" };
	struct store_counts counts = {0};

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--demo") == 0)
			demo = 1;
		else if (strcmp(argv[i], "--rare-names") == 0)
			rare = 1;
		else if (strcmp(argv[i], "--corpus") == 0 && i + 1 < argc)
			corpus = argv[++i];
		else if (strcmp(argv[i], "--bulk-bulletins") == 0 && i + 1 < argc)
			bulk_b = atol(argv[++i]);
		else if (strcmp(argv[i], "--bulk-subsidies") == 0 && i + 1 < argc)
			bulk_s = atol(argv[++i]);
		else if (!path && argv[i][0] != '-')
			path = argv[i];
		else {
			fprintf(stderr, "usage: seed_db DB [--demo] [--corpus DIR] "
					"[--bulk-bulletins N] [--bulk-subsidies N] [--rare-names]\n");
			return 2;
		}
	}
	if (!path) {
		fprintf(stderr, "seed_db: no database given\n");
		return 2;
	}
	if (db_open(path, DB_READWRITE, &db, err, sizeof err) < 0)
		die(path);
	if (db_begin(db, err, sizeof err) < 0 ||
	    store_last_sequence(db, &in.sequence, err, sizeof err) < 0)
		die("begin");
	in.sequence++;
	if (store_import_begin(db, &in, &imp, err, sizeof err) < 0)
		die("import");
	if (demo)
		seed_demo(db, imp);
	if (corpus)
		seed_corpus(db, imp, corpus);
	if (bulk_b)
		seed_bulk_bulletins(db, imp, bulk_b);
	if (bulk_s)
		seed_bulk_subsidies(db, imp, bulk_s);
	if (rare)
		seed_rare_names(db, imp);
	if (store_import_finish(db, imp, &counts, err, sizeof err) < 0 || db_commit(db, err, sizeof err) < 0)
		die("commit");
	db_close(db);
	return 0;
}
