/*
 * test_print_layout.c - the printing module's PDF side: each kind of
 * printout rendered to a temporary PDF and read back with poppler's
 * pdftotext/pdfinfo/pdffonts (poppler-utils): page counts agree with the
 * file, long lists paginate with the header row, subtotals and totals on
 * the right pages, page ranges keep their numbering, validity marks reach
 * every page, no line starts with closing punctuation, and the money,
 * masking and printer-reason helpers say what they should.
 */
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kiosk/util.h"
#include "kiosk/width.h"
#include "printing/print.h"
#include "tests/unit/check.h"

static char tmpdir[64];

/* Returns a path inside the test's temporary directory (static buffer). */
static const char *tmp(const char *name)
{
	static char path[4][128];
	static int k;

	k = (k + 1) % 4;
	snprintf(path[k], sizeof path[k], "%s/%s", tmpdir, name);
	return path[k];
}

/* Runs a command and returns its standard output. Caller frees. */
static char *run_out(const char *cmd)
{
	struct sbuf b = { 0 };
	char buf[4096];
	size_t n;
	FILE *f = popen(cmd, "r");

	if (!f)
		return xstrdup("");
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sbuf_addn(&b, buf, n);
	pclose(f);
	return b.s ? sbuf_detach(&b) : xstrdup("");
}

/* Removes ASCII spaces in place: pdftotext keeps or drops the narrow
 * spaces between Latin and Chinese as it sees fit. Returns s. */
static char *squeeze(char *s)
{
	char *o = s;

	for (char *p = s; *p; p++)
		if (*p != ' ')
			*o++ = *p;
	*o = '\0';
	return s;
}

/* Returns the text of pages first..last of a PDF (0, 0 = all), spaces
 * removed, lines kept. Caller frees. */
static char *pdf_text(const char *pdf, int first, int last)
{
	char cmd[512];

	if (first > 0)
		snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 -f %d -l %d '%s' - 2>/dev/null", first,
			 last, pdf);
	else
		snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' - 2>/dev/null", pdf);
	return squeeze(run_out(cmd));
}

/* Returns the page count pdfinfo reports, or -1. */
static int pdf_pages(const char *pdf)
{
	char cmd[512], *out, *p;
	int n = -1;

	snprintf(cmd, sizeof cmd, "pdfinfo '%s' 2>/dev/null", pdf);
	out = run_out(cmd);
	if ((p = strstr(out, "Pages:")))
		n = atoi(p + 6);
	free(out);
	return n;
}

/* Returns 1 when the file at path begins with "%PDF". */
static int is_pdf(const char *path)
{
	char head[5] = { 0 };
	FILE *f = fopen(path, "rb");

	if (!f)
		return 0;
	if (fread(head, 1, 4, f) != 4)
		head[0] = 0;
	fclose(f);
	return memcmp(head, "%PDF", 4) == 0;
}

/* Returns 1 when a file exists. */
static int exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

static const struct print_pair doc_meta[] = {
	{ "索引号", "5002370000/2021-00048" },
	{ "标题", "巫山县人民政府办公室关于印发政务公开工作要点任务分工的通知" },
	{ "文号", "巫山府办发〔2021〕48号" },
	{ "发布机构", "巫山县人民政府办公室" },
	{ "成文日期", "2021-06-01" },
	{ "发布日期", "2021-06-03" },
	{ "有效性", "现行有效" },
	{ "主题", "政务公开" },
};

/* A bulletin over body. */
static struct print_doc make_doc(const char *body)
{
	struct print_doc d = {
		.kind = PRINT_KIND_DOC,
		.kiosk_name = "东乡街道便民服务中心",
		.title = "巫山县人民政府办公室关于印发政务公开工作要点任务分工的通知",
		.index_no = "5002370000/2021-00048",
		.print_time = "2024-05-20 10:30",
		.meta = doc_meta,
		.nmeta = sizeof doc_meta / sizeof doc_meta[0],
		.body = body,
	};
	return d;
}

/* Money prints as yuan with separators, including the extremes. */
static void test_money(void)
{
	char b[32];

	CHECK_STR(print_format_yuan(0, b, sizeof b), "0.00");
	CHECK_STR(print_format_yuan(5, b, sizeof b), "0.05");
	CHECK_STR(print_format_yuan(99, b, sizeof b), "0.99");
	CHECK_STR(print_format_yuan(123450, b, sizeof b), "1,234.50");
	CHECK_STR(print_format_yuan(-123450, b, sizeof b), "-1,234.50");
	CHECK_STR(print_format_yuan(100000000, b, sizeof b), "1,000,000.00");
	CHECK_STR(print_format_yuan(99999, b, sizeof b), "999.99");
	CHECK_STR(print_format_yuan(INT64_MIN, b, sizeof b), "-92,233,720,368,547,758.08");
	CHECK_STR(print_format_yuan(INT64_MAX, b, sizeof b), "92,233,720,368,547,758.07");
}

/* Ids and accounts are masked unless they already are. */
static void test_mask(void)
{
	char b[64];

	CHECK_STR(print_mask_id("51072219800101123X", b, sizeof b), "510722********123X");
	CHECK_STR(print_mask_id("510722********1234", b, sizeof b), "510722********1234");
	CHECK_STR(print_mask_id("510722800101123", b, sizeof b), "510722*****1123");
	CHECK_STR(print_mask_id("1234567890", b, sizeof b), "******7890");
	CHECK_STR(print_mask_id("", b, sizeof b), "");
	CHECK_STR(print_mask_id(NULL, b, sizeof b), "");
	CHECK_STR(print_mask_account("6217000012345678", b, sizeof b), "************5678");
	CHECK_STR(print_mask_account("************5678", b, sizeof b), "************5678");
	CHECK_STR(print_mask_account("1234", b, sizeof b), "****");
}

/* Printer problems come out in plain Chinese; bookkeeping states do not. */
static void test_reasons(void)
{
	const char *t;

	t = print_reason_text("media-empty-error");
	CHECK(t && strstr(t, "缺纸"));
	t = print_reason_text("media-empty");
	CHECK(t && strstr(t, "缺纸"));
	t = print_reason_text("media-jam-error");
	CHECK(t && strstr(t, "卡纸"));
	t = print_reason_text("offline-report");
	CHECK(t && strstr(t, "没有连接"));
	t = print_reason_text("toner-low-warning");
	CHECK(t && strstr(t, "墨粉"));
	t = print_reason_text("door-open-error");
	CHECK(t && strstr(t, "门"));
	t = print_reason_text("paused");
	CHECK(t && strstr(t, "暂停"));
	t = print_reason_text("some-new-thing-error");
	CHECK(t && strstr(t, "故障"));
	CHECK(print_reason_text("none") == NULL);
	CHECK(print_reason_text("cups-waiting-for-job-completed") == NULL);
	CHECK(print_reason_text("some-new-thing-report") == NULL);
	CHECK(print_reason_text("") == NULL);
	CHECK(print_reason_text(NULL) == NULL);
	CHECK_STR(print_status_name(PRINT_E_NO_DEST), "PRINT_E_NO_DEST");
}

/* A short bulletin: one page; title, 文号 and body reach the PDF; the CJK
 * font is embedded; the count agrees with print_count_pages. */
static void test_doc(void)
{
	const char *pdf = tmp("doc.pdf");
	struct print_doc d = make_doc("各乡镇人民政府、街道办事处，县政府各部门：\n\n\n\n"
				      "现将《任务分工》印发给你们，请认真抓好贯彻落实。\n"
				      "生僻字姓名：刘䶮。金额￥1,234.50。\n");
	char err[256] = "", *txt, *fonts, cmd[256];
	int pages = 0, counted = 0;

	CHECK_INT(print_render_pdf(&d, pdf, &pages, err, sizeof err), PRINT_OK);
	CHECK_STR(err, "");
	CHECK_INT(pages, 1);
	CHECK(is_pdf(pdf));
	CHECK_INT(pdf_pages(pdf), 1);
	CHECK_INT(print_count_pages(&d, &counted, err, sizeof err), PRINT_OK);
	CHECK_INT(counted, 1);
	txt = pdf_text(pdf, 0, 0);
	CHECK(strstr(txt, "巫山府办发〔2021〕48号") != NULL);
	CHECK(strstr(txt, "关于印发政务公开工作要点任务分工的通知") != NULL);
	CHECK(strstr(txt, "请认真抓好贯彻落实。") != NULL);
	CHECK(strstr(txt, "刘䶮") != NULL);
	CHECK(strstr(txt, "￥1,234.50") != NULL);
	CHECK(strstr(txt, "第1页/共1页") != NULL);
	CHECK(strstr(txt, "打印时间：2024-05-2010:30") != NULL);
	CHECK(strstr(txt, "东乡街道便民服务中心") != NULL);
	CHECK(strstr(txt, "失效") == NULL);
	free(txt);
	snprintf(cmd, sizeof cmd, "pdffonts '%s' 2>/dev/null", pdf);
	fonts = run_out(cmd);
	/* glyphs traced from the font's outlines (printing/outline.h): Type 3
	 * fonts, embedded, each with its ToUnicode map; no CFF subset */
	CHECK(strstr(fonts, "Type 3") != NULL);
	CHECK(strstr(fonts, "Type 1C") == NULL && strstr(fonts, "CID Type 0C") == NULL);
	{
		int lines = 0, good = 0;

		for (const char *l = strchr(fonts, '\n'); l && (l = strchr(l + 1, '\n')) && l[1];) {
			lines++;
			if (strstr(l + 1, "Type 3") && strstr(l + 1, " yes no  yes "))
				good++;
		}
		CHECK(lines > 0);
		CHECK_INT(good, lines);
	}
	free(fonts);
}

/* Returns 1 when some line of text starts with a character that may not
 * start a line; prints the offending line. */
static int bad_line_start(const char *text)
{
	const char *s = text;

	while (*s) {
		size_t n = strcspn(s, "\n");
		uint32_t cp;

		if (n > 0) {
			width_decode(s, n, &cp);
			if (width_no_line_start(cp)) {
				printf("  line starts with punctuation: %.*s\n", (int)(n > 90 ? 90 : n), s);
				return 1;
			}
		}
		s += n + (s[n] ? 1 : 0);
	}
	return 0;
}

/* A long bulletin: several pages, numbered "第 N 页 / 共 M 页", and no
 * line begins with ，。、；：？！」』）》 even where the punctuation falls
 * exactly at the end of a full line. */
static void test_doc_long(void)
{
	const char *pdf = tmp("long.pdf");
	static const char *const punct[] = { "，", "。", "、", "；", "：", "？", "！", "」", "』",
					     "）", "》" };
	struct sbuf body = { 0 };
	struct print_doc d;
	char err[256], *txt, want[64];
	int pages = 0;

	/* Every punctuation mark after every count of ideographs from 1 to 100
	 * puts each of them at each position of a line at least once. */
	for (int k = 1; k <= 100; k++) {
		for (int i = 0; i < k; i++)
			sbuf_add(&body, i % 3 ? "务" : "政");
		sbuf_add(&body, punct[k % 11]);
		sbuf_add(&body, "公开");
		sbuf_add(&body, punct[(k * 7) % 11]);
		for (int i = 0; i < 40; i++)
			sbuf_add(&body, "信息");
		sbuf_add(&body, "。\n");
	}
	d = make_doc(sbuf_str(&body));
	CHECK_INT(print_render_pdf(&d, pdf, &pages, err, sizeof err), PRINT_OK);
	CHECK(pages > 3);
	CHECK_INT(pdf_pages(pdf), pages);
	txt = pdf_text(pdf, 2, 2);
	snprintf(want, sizeof want, "第2页/共%d页", pages);
	CHECK(strstr(txt, want) != NULL);
	free(txt);
	txt = pdf_text(pdf, 0, 0);
	CHECK(!bad_line_start(txt));
	free(txt);
	sbuf_free(&body);
}

/* Runs of blank lines collapse to one gap: 400 of them still fit a page. */
static void test_blank_runs(void)
{
	const char *pdf = tmp("blank.pdf");
	struct sbuf body = { 0 };
	struct print_doc d;
	char err[256], *txt;
	int pages = 0;

	sbuf_add(&body, "第一段。\n");
	for (int i = 0; i < 400; i++)
		sbuf_add(&body, i % 3 ? "\n" : "\t \xE3\x80\x80\n");
	sbuf_add(&body, "第二段。\n");
	d = make_doc(sbuf_str(&body));
	CHECK_INT(print_render_pdf(&d, pdf, &pages, err, sizeof err), PRINT_OK);
	CHECK_INT(pages, 1);
	txt = pdf_text(pdf, 0, 0);
	CHECK(strstr(txt, "第一段。") && strstr(txt, "第二段。"));
	free(txt);
	sbuf_free(&body);
}

/* A body with tabs between cells prints as a table; leading tabs indent. */
static void test_doc_table(void)
{
	const char *pdf = tmp("table.pdf");
	struct print_doc d = make_doc("序号\t工作任务\t责任单位\n"
				      "1\t公开规划\t县发展改革委\n"
				      "2\t公开预算\t县财政局\n"
				      "\n"
				      "\t一、缩进的段落\n");
	char err[256], *txt;
	int pages = 0;

	CHECK_INT(print_render_pdf(&d, pdf, &pages, err, sizeof err), PRINT_OK);
	CHECK_INT(pages, 1);
	txt = pdf_text(pdf, 0, 0);
	CHECK(strstr(txt, "工作任务") && strstr(txt, "县发展改革委") && strstr(txt, "县财政局"));
	CHECK(strstr(txt, "一、缩进的段落") != NULL);
	free(txt);
}

/* Synthetic subsidy list for the table tests. */
struct rows {
	long n;          /* rows to yield */
	long n_second;   /* rows from walk change_at on (0 = n) */
	int change_at;   /* the walk n_second starts with (0 = the second) */
	long fail_at;    /* index that fails (-1 = none) */
	int walks;
	char seq[24], name[32];
};

/* Row callback over struct rows. */
static int rows_cb(void *ctx, long index, struct print_row *row, char *err, size_t errlen)
{
	struct rows *r = ctx;
	long n;

	if (index == 0)
		r->walks++;
	n = r->walks >= (r->change_at ? r->change_at : 2) && r->n_second ? r->n_second : r->n;
	if (index == r->fail_at) {
		util_errf(err, errlen, "数据库读取失败（第 %ld 行）", index + 1);
		return -1;
	}
	if (index >= n)
		return 0;
	snprintf(r->seq, sizeof r->seq, "%ld", index + 1);
	snprintf(r->name, sizeof r->name, "%s%ld", index % 7 ? "王秀英" : "刘䶮", index % 100);
	row->cells[0] = r->seq;
	row->cells[1] = "龙泉村";
	row->cells[2] = r->name;
	row->cells[3] = "51072219800101123X";
	row->amount_fen = 100000 + index; /* 1,000.00 + index fen */
	return 1;
}

static const struct print_column list_cols[] = {
	{ "序号", PRINT_COL_NUMBER, 6 },
	{ "村（社区）", PRINT_COL_TEXT, 10 },
	{ "姓名", PRINT_COL_TEXT, 10 },
	{ "身份证号", PRINT_COL_ID, 18 },
	{ "发放金额（元）", PRINT_COL_MONEY, 12 },
};

/* A list document over r. */
static struct print_doc make_list(struct rows *r)
{
	static const struct print_pair meta[] = { { "补贴项目", "耕地地力保护补贴" },
						  { "年度", "2024" } };
	struct print_doc d = {
		.kind = PRINT_KIND_TABLE,
		.kiosk_name = "东乡街道便民服务中心",
		.title = "耕地地力保护补贴发放名单",
		.print_time = "2024-05-20 10:30",
		.meta = meta,
		.nmeta = 2,
		.columns = list_cols,
		.ncolumns = 5,
		.rows = rows_cb,
		.rows_ctx = r,
		.note = "资金来源：中央财政",
	};
	return d;
}

/* A long list paginates: every page repeats the header row and ends with
 * 本页小计; the last page carries 合计 with the right sum; ids are masked;
 * the page count agrees everywhere. */
static void test_table_paginates(void)
{
	const char *pdf = tmp("list.pdf");
	struct rows r = { .n = 700, .fail_at = -1 };
	struct print_doc d = make_list(&r);
	char err[256], *txt, want[96], yuan[32];
	int pages = 0, counted = 0;
	int64_t sum = 0;

	CHECK_INT(print_render_pdf(&d, pdf, &pages, err, sizeof err), PRINT_OK);
	CHECK(pages >= 10);
	/* each pass reads the rows to size the columns, then to lay them out */
	CHECK_INT(r.walks, 4);
	CHECK_INT(pdf_pages(pdf), pages);
	r.walks = 0;
	CHECK_INT(print_count_pages(&d, &counted, err, sizeof err), PRINT_OK);
	CHECK_INT(counted, pages);
	for (int pg = 1; pg <= pages; pg++) {
		txt = pdf_text(pdf, pg, pg);
		CHECK(strstr(txt, "身份证号") != NULL);
		CHECK(strstr(txt, "发放金额（元）") != NULL);
		CHECK(strstr(txt, "本页小计") != NULL);
		CHECK(strstr(txt, "51072219800101123X") == NULL);
		snprintf(want, sizeof want, "第%d页/共%d页", pg, pages);
		CHECK(strstr(txt, want) != NULL);
		CHECK((strstr(txt, "合计（共700条）") != NULL) == (pg == pages));
		free(txt);
	}
	for (long i = 0; i < 700; i++)
		sum += 100000 + i;
	txt = pdf_text(pdf, pages, pages);
	print_format_yuan(sum, yuan, sizeof yuan);
	CHECK(strstr(txt, yuan) != NULL);
	CHECK(strstr(txt, "资金来源：中央财政") != NULL);
	free(txt);
	txt = pdf_text(pdf, 1, 1);
	CHECK(strstr(txt, "510722********123X") != NULL);
	CHECK(strstr(txt, "1,000.00") != NULL);
	CHECK(strstr(txt, "刘䶮0") != NULL);
	free(txt);
}

/* Pages 2..3 of a list: two pages in the file, numbered as in the whole. */
static void test_table_range(void)
{
	const char *pdf = tmp("range.pdf");
	struct rows r = { .n = 300, .fail_at = -1 };
	struct print_doc d = make_list(&r);
	char err[256], *txt, want[64];
	int written = 0, total = 0;

	CHECK_INT(print_render_pdf_range(&d, pdf, 2, 3, &written, &total, err, sizeof err),
		  PRINT_OK);
	CHECK_INT(written, 2);
	CHECK(total > 3);
	CHECK_INT(pdf_pages(pdf), 2);
	txt = pdf_text(pdf, 1, 1);
	snprintf(want, sizeof want, "第2页/共%d页", total);
	CHECK(strstr(txt, want) != NULL);
	CHECK(strstr(txt, "身份证号") != NULL);
	free(txt);
	CHECK_INT(print_render_pdf_range(&d, pdf, total + 1, 0, &written, NULL, err, sizeof err),
		  PRINT_E_RANGE);
	CHECK(strstr(err, "页") != NULL);
	CHECK(!exists(pdf) || pdf_pages(pdf) == 2); /* a refused range writes nothing new */
}

/* A failing row source aborts with its message and leaves no file; a
 * source that changes between the walks is caught. */
static void test_table_errors(void)
{
	const char *pdf = tmp("bad.pdf");
	struct rows r = { .n = 100, .fail_at = 40 };
	/* rows that change between the counting pass and the drawing pass
	 * (walks 1-2 and 3-4) */
	struct rows r2 = { .n = 100, .n_second = 101, .change_at = 3, .fail_at = -1 };
	struct print_doc d = make_list(&r);
	char err[256] = "";
	int pages = 7;

	CHECK_INT(print_render_pdf(&d, pdf, &pages, err, sizeof err), PRINT_E_DATA);
	CHECK(strstr(err, "第 41 行") != NULL);
	CHECK_INT(pages, 0);
	CHECK(!exists(pdf));
	d = make_list(&r2);
	CHECK_INT(print_render_pdf(&d, pdf, &pages, err, sizeof err), PRINT_E_DATA);
	CHECK(!exists(pdf));
	d.ncolumns = 0;
	CHECK_INT(print_render_pdf(&d, pdf, &pages, err, sizeof err), PRINT_E_INVALID);
	CHECK_INT(print_render_pdf(NULL, pdf, &pages, err, sizeof err), PRINT_E_INVALID);
	d = make_list(&r2);
	CHECK_INT(print_render_pdf(&d, "/nonexistent-dir/x.pdf", &pages, err, sizeof err),
		  PRINT_E_IO);
}

/* An empty list still prints its header, a note that nothing is listed
 * and a zero total. */
static void test_table_empty(void)
{
	const char *pdf = tmp("empty.pdf");
	struct rows r = { .n = 0, .fail_at = -1 };
	struct print_doc d = make_list(&r);
	char err[256], *txt;
	int pages = 0;

	CHECK_INT(print_render_pdf(&d, pdf, &pages, err, sizeof err), PRINT_OK);
	CHECK_INT(pages, 1);
	txt = pdf_text(pdf, 0, 0);
	CHECK(strstr(txt, "没有记录") != NULL);
	CHECK(strstr(txt, "合计（共0条）") != NULL);
	CHECK(strstr(txt, "0.00") != NULL);
	free(txt);
}

/* A guide prints as a label/value sheet; a value longer than a page is
 * cut between lines and continues, nothing lost. */
static void test_guide(void)
{
	const char *pdf = tmp("guide.pdf");
	struct sbuf longv = { 0 };
	struct print_pair f[4] = {
		{ "事项名称", "城乡居民基本养老保险待遇申领" },
		{ "办理时限", "5个工作日" },
		{ "申请材料", NULL },
		{ "咨询电话", "0818-5212345" },
	};
	struct print_doc d = {
		.kind = PRINT_KIND_GUIDE,
		.kiosk_name = "东乡街道便民服务中心",
		.title = "城乡居民基本养老保险待遇申领",
		.fields = f,
		.nfields = 4,
	};
	char err[256], *txt, line[64];
	int pages = 0;

	for (int i = 1; i <= 120; i++)
		sbuf_addf(&longv, "第%d项材料：居民身份证原件及复印件。\n", i);
	f[2].value = sbuf_str(&longv);
	CHECK_INT(print_render_pdf(&d, pdf, &pages, err, sizeof err), PRINT_OK);
	CHECK(pages >= 2);
	txt = pdf_text(pdf, 0, 0);
	CHECK(strstr(txt, "办理时限") && strstr(txt, "5个工作日") && strstr(txt, "0818-5212345"));
	for (int i = 1; i <= 120; i++) {
		snprintf(line, sizeof line, "第%d项材料：", i);
		CHECK(strstr(txt, line) != NULL);
	}
	free(txt);
	sbuf_free(&longv);
}

/* 失效/废止 documents carry the mark on every page. */
static void test_validity_mark(void)
{
	const char *pdf = tmp("void.pdf");
	struct sbuf body = { 0 };
	struct print_doc d;
	char err[256], *txt;
	int pages = 0;

	for (int i = 0; i < 150; i++)
		sbuf_add(&body, "本规定自发布之日起施行，有效期五年。\n");
	d = make_doc(sbuf_str(&body));
	d.validity = "废止";
	CHECK_INT(print_render_pdf(&d, pdf, &pages, err, sizeof err), PRINT_OK);
	CHECK(pages >= 2);
	for (int pg = 1; pg <= pages; pg++) {
		txt = pdf_text(pdf, pg, pg);
		CHECK(strstr(txt, "已废止") != NULL);
		CHECK(strstr(txt, "5002370000/2021-00048") != NULL);
		free(txt);
	}
	sbuf_free(&body);
}

/* Broken text (invalid UTF-8, control characters, CRLF) still prints:
 * bad bytes as U+FFFD, nothing else lost. */
static void test_dirty_text(void)
{
	const char *pdf = tmp("dirty.pdf");
	struct print_doc d = make_doc("第一行\r\n坏字节\xff\xfe之后\x01仍然打印\r\n\x7f末行\n");
	char err[256], *txt;
	int pages = 0;

	CHECK_INT(print_render_pdf(&d, pdf, &pages, err, sizeof err), PRINT_OK);
	txt = pdf_text(pdf, 0, 0);
	CHECK(strstr(txt, "第一行") != NULL);
	CHECK(strstr(txt, "坏字节\xEF\xBF\xBD\xEF\xBF\xBD之后仍然打印") != NULL);
	CHECK(strstr(txt, "末行") != NULL);
	free(txt);
	/* A bidi override or a zero-width space never reaches paper. */
	d = make_doc("通知\xE2\x80\xAE公告\xE2\x80\x8B正文\n");
	CHECK_INT(print_render_pdf(&d, pdf, &pages, err, sizeof err), PRINT_OK);
	txt = pdf_text(pdf, 0, 0);
	CHECK(strstr(txt, "通知公告正文") != NULL);
	CHECK(strstr(txt, "\xE2\x80\xAE") == NULL && strstr(txt, "\xE2\x80\x8B") == NULL);
	free(txt);
}

/* The test page renders with every glyph class. */
static void test_test_page(void)
{
	const char *pdf = tmp("testpage.pdf");
	char err[256], *txt;
	int pages = 0;

	CHECK_INT(print_test_page("东乡街道便民服务中心", pdf, "2024-05-20 10:30", &pages, err,
				  sizeof err),
		  PRINT_OK);
	CHECK_INT(pages, 1);
	txt = pdf_text(pdf, 0, 0);
	CHECK(strstr(txt, "䶮") && strstr(txt, "￥1,234.50") && strstr(txt, "ＡＢＣＤ"));
	CHECK(strstr(txt, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") && strstr(txt, "0123456789"));
	CHECK(strstr(txt, "《") && strstr(txt, "」") && strstr(txt, "已失效"));
	free(txt);
}

/* Runs every test case in a private temporary directory. */
/* Titles from a bundle become IPP names cupsd cannot choke on: no spaces,
 * no line breaks or other controls, valid UTF-8, at most 255 bytes. */
static void test_ipp_name(void)
{
	char out[PRINT_IPP_NAME_MAX], small[8];
	struct sbuf longt = {0};

	print_ipp_name("耕地地力保护补贴 2025年 发放名单", out, sizeof out);
	CHECK_STR(out, "耕地地力保护补贴_2025年_发放名单");
	print_ipp_name("名单\r\n第二行\x1b[2J\x07", out, sizeof out);
	CHECK_STR(out, "名单_第二行_[2J");
	print_ipp_name("  \t ", out, sizeof out);
	CHECK_STR(out, "政务公开资料");
	print_ipp_name(NULL, out, sizeof out);
	CHECK_STR(out, "政务公开资料");
	print_ipp_name("a\xff\xfe" "b\xc2\x85" "c\xe2\x80\xa8" "d", out, sizeof out);
	CHECK_STR(out, "a_b_c_d");
	print_ipp_name("刘䶮𠮷", out, sizeof out);
	CHECK_STR(out, "刘䶮𠮷");
	print_ipp_name("中文标题", small, sizeof small); /* cut on a character */
	CHECK_STR(small, "中文");
	for (int i = 0; i < 200; i++)
		sbuf_add(&longt, "补");
	print_ipp_name(sbuf_str(&longt), out, sizeof out);
	CHECK(strlen(out) <= 255);
	CHECK_INT(strlen(out) % 3, 0);
	sbuf_free(&longt);
}

int main(void)
{
	char cmd[128];

	setlocale(LC_ALL, "C.UTF-8");
	snprintf(tmpdir, sizeof tmpdir, "/tmp/gk-print-test.XXXXXX");
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	TEST(test_money);
	TEST(test_mask);
	TEST(test_reasons);
	TEST(test_doc);
	TEST(test_doc_long);
	TEST(test_blank_runs);
	TEST(test_doc_table);
	TEST(test_table_paginates);
	TEST(test_table_range);
	TEST(test_table_errors);
	TEST(test_table_empty);
	TEST(test_guide);
	TEST(test_validity_mark);
	TEST(test_dirty_text);
	TEST(test_test_page);
	TEST(test_ipp_name);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		printf("  could not remove %s\n", tmpdir);
	return CHECK_EXIT();
}
