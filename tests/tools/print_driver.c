/*
 * print_driver.c - command-line driver of the printing module for the
 * shell tests (tests/sh/print_*.sh) and for trying printouts by hand.
 *
 *   print_driver doc FILE OUT.pdf [opts]   body from FILE as a bulletin
 *   print_driver list N OUT.pdf [opts]     synthetic N-row subsidy list
 *   print_driver guide OUT.pdf             a service guide sheet
 *   print_driver test-page OUT.pdf [KIOSK] the printer test page
 *   print_driver count-list N              page count of the list, no file
 *   print_driver submit DEST PDF TITLE [limits]   print and follow the job
 *   print_driver print-test DEST KIOSK     what `gongkaictl print-test` does
 *   print_driver textcheck SRC TXT         every non-blank character of SRC
 *                                          in TXT (in order or as a multiset)
 *   print_driver freeport                  a free TCP port on 127.0.0.1
 *
 * Render options: --title T, --wenhao W, --index I, --validity V,
 * --qr URL (doc: a QR code on page 1), --large 1 (大字版), --first A, --last B, --dump FILE (list: the rows as printed, one per
 * line), --time "YYYY-MM-DD HH:MM". Submit options: --request-ms, --job-ms,
 * --stall-ms, --connect-ms (limits), --cancel-at STAGE (the progress
 * callback asks to cancel at that enum print_stage). Empty DEST ("") means
 * the default printer.
 *
 * Render commands print "pages=N total=M"; submit prints status=, job=,
 * state=, message=, reasons=, detail= lines. Exit status 0 on success,
 * 1 on a refused/failed operation, 2 on wrong usage.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "kiosk/util.h"
#include "kiosk/width.h"
#include "printing/print.h"

struct opts {
	const char *title, *wenhao, *index_no, *validity, *dump, *when, *qr;
	int large;
	int first, last;
	int cancel_at; /* stage at which the progress callback cancels, -1 never */
	struct print_limits lim;
};

/* State of the progress callback. */
struct progress_state {
	int last;      /* last stage printed */
	int cancel_at; /* stage that cancels, -1 never */
};

/* Parses --name value options from argv[i...]; returns 0 or -1. */
static int parse_opts(int argc, char **argv, int i, struct opts *o)
{
	for (; i < argc; i += 2) {
		const char *k = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!v)
			return -1;
		if (!strcmp(k, "--title"))
			o->title = v;
		else if (!strcmp(k, "--wenhao"))
			o->wenhao = v;
		else if (!strcmp(k, "--index"))
			o->index_no = v;
		else if (!strcmp(k, "--validity"))
			o->validity = v;
		else if (!strcmp(k, "--dump"))
			o->dump = v;
		else if (!strcmp(k, "--qr"))
			o->qr = v;
		else if (!strcmp(k, "--large"))
			o->large = atoi(v);
		else if (!strcmp(k, "--time"))
			o->when = v;
		else if (!strcmp(k, "--first"))
			o->first = atoi(v);
		else if (!strcmp(k, "--last"))
			o->last = atoi(v);
		else if (!strcmp(k, "--connect-ms"))
			o->lim.connect_ms = atoi(v);
		else if (!strcmp(k, "--request-ms"))
			o->lim.request_ms = atoi(v);
		else if (!strcmp(k, "--job-ms"))
			o->lim.job_ms = atoi(v);
		else if (!strcmp(k, "--stall-ms"))
			o->lim.stall_ms = atoi(v);
		else if (!strcmp(k, "--cancel-at"))
			o->cancel_at = atoi(v);
		else
			return -1;
	}
	return 0;
}

/* Renders d with the range options and prints the page counts. */
static int render(const struct print_doc *d, const char *out, const struct opts *o)
{
	char err[512];
	int written, total, rc;

	rc = print_render_pdf_range(d, out, o->first, o->last, &written, &total, err, sizeof err);
	if (rc != PRINT_OK) {
		fprintf(stderr, "print_driver: %s: %s\n", print_status_name(rc), err);
		return 1;
	}
	printf("pages=%d total=%d\n", written, total);
	return 0;
}

/* Prints a bulletin whose body is the file at path. */
static int cmd_doc(const char *path, const char *out, const struct opts *o)
{
	char err[512], *body = NULL;
	size_t len;
	int rc;
	struct print_pair meta[] = {
		{ "索引号", o->index_no ? o->index_no : "5002370000/2021-00048" },
		{ "标题", o->title ? o->title : path },
		{ "文号", o->wenhao },
		{ "发布机构", "县人民政府办公室" },
		{ "成文日期", "2021-06-01" },
		{ "发布日期", "2021-06-03" },
		{ "有效性", o->validity ? o->validity : "现行有效" },
		{ "主题", "政务公开" },
	};
	struct print_doc d = {
		.kind = PRINT_KIND_DOC,
		.kiosk_name = "东乡街道便民服务中心",
		.title = o->title ? o->title : path,
		.index_no = meta[0].value,
		.validity = o->validity,
		.print_time = o->when,
		.meta = meta,
		.nmeta = sizeof meta / sizeof meta[0],
	};

	if (util_read_file(path, 16 << 20, &body, &len, err, sizeof err) < 0) {
		fprintf(stderr, "print_driver: %s\n", err);
		return 1;
	}
	d.body = body;
	d.qr_text = o->qr;
	d.large = o->large;
	d.qr_caption = o->qr ? "扫码带走：用手机扫描右边的二维码，查看原文" : NULL;
	rc = render(&d, out, o);
	free(body);
	return rc;
}

/* Synthetic subsidy rows: deterministic, with rare name characters, full
 * ids the printer must mask, and amounts up to 99,999.99 yuan. */
struct list_src {
	long n;
	uint32_t seed;
	char seq[24], name[64], id[64], acct[64], basis[64];
	FILE *dump;
	const char *dump_title;
};

/* Next pseudo-random number of the list source. */
static uint32_t rnd(struct list_src *s)
{
	s->seed = s->seed * 1103515245u + 12345u;
	return (s->seed >> 8) & 0xFFFFFF;
}

static const char *const surnames[] = { "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
					"欧阳", "司马", "䶮", "龚", "谭" };
static const char *const given[] = { "秀英", "建国", "桂兰", "志强", "丽娟", "海涛", "明", "华",
				     "玉梅", "春生", "德胜", "小红", "䶮", "㐀", "淼", "犇" };
static const char *const villages[] = { "龙泉村", "石桥村", "新华社区", "白鹤村", "双河口村" };

#define LIST_COLS 8
static const struct print_column list_cols[LIST_COLS] = {
	{ "序号", PRINT_COL_NUMBER, 6 },
	{ "村（社区）", PRINT_COL_TEXT, 10 },
	{ "姓名", PRINT_COL_TEXT, 10 },
	{ "身份证号", PRINT_COL_ID, 18 },
	{ "补贴依据", PRINT_COL_TEXT, 7 },
	{ "发放金额（元）", PRINT_COL_MONEY, 10 },
	{ "一卡通账号", PRINT_COL_ACCOUNT, 16 },
	{ "发放日期", PRINT_COL_TEXT, 10 },
};

/* Row callback of the synthetic list. */
static int list_row(void *ctx, long index, struct print_row *row, char *err, size_t errlen)
{
	struct list_src *s = ctx;
	char yuan[32], mid[32], mac[32];
	int64_t fen;

	if (index == 0)
		s->seed = 20240520u;
	if (index == 0 && s->dump) {
		/* the renderer walks the rows more than once (it sizes the
		 * columns first): the dump keeps the last walk */
		fflush(s->dump);
		if (ftruncate(fileno(s->dump), 0) == 0)
			rewind(s->dump);
		fprintf(s->dump, "%s\n", s->dump_title);
	}
	if (index >= s->n)
		return 0;
	snprintf(s->seq, sizeof s->seq, "%ld", index + 1);
	snprintf(s->name, sizeof s->name, "%s%s%s", surnames[rnd(s) % 15], given[rnd(s) % 16],
		 rnd(s) % 2 ? given[rnd(s) % 16] : "");
	snprintf(s->id, sizeof s->id, "510722%04u%02u%02u%04u", 1940 + rnd(s) % 70,
		 1 + rnd(s) % 12, 1 + rnd(s) % 28, rnd(s) % 10000);
	snprintf(s->acct, sizeof s->acct, "6217%012u", rnd(s) % 1000000000u);
	snprintf(s->basis, sizeof s->basis, "%u.%u亩", 1 + rnd(s) % 30, rnd(s) % 10);
	fen = (int64_t)(rnd(s) % 9999999u) + 1;
	row->cells[0] = s->seq;
	row->cells[1] = villages[rnd(s) % 5];
	row->cells[2] = s->name;
	row->cells[3] = s->id;
	row->cells[4] = s->basis;
	row->cells[6] = s->acct;
	row->cells[7] = "2024-05-20";
	row->amount_fen = fen;
	if (s->dump) {
		fprintf(s->dump, "%s %s %s %s %s %s %s %s\n", s->seq, row->cells[1], s->name,
			print_mask_id(s->id, mid, sizeof mid), s->basis,
			print_format_yuan(fen, yuan, sizeof yuan),
			print_mask_account(s->acct, mac, sizeof mac), row->cells[7]);
	}
	(void)err;
	(void)errlen;
	return 1;
}

/* Fills a list document over src. */
static void list_doc(struct print_doc *d, struct list_src *src, const struct opts *o)
{
	static const struct print_pair meta[] = {
		{ "补贴项目", "耕地地力保护补贴" },
		{ "年度", "2024" },
		{ "批次", "第一批" },
		{ "乡镇", "东乡街道" },
	};

	memset(d, 0, sizeof *d);
	d->kind = PRINT_KIND_TABLE;
	d->kiosk_name = "东乡街道便民服务中心";
	d->title = o->title ? o->title : "2024年耕地地力保护补贴发放名单（第一批）";
	d->index_no = o->index_no;
	d->print_time = o->when;
	d->meta = meta;
	d->nmeta = sizeof meta / sizeof meta[0];
	d->columns = list_cols;
	d->ncolumns = LIST_COLS;
	d->rows = list_row;
	d->rows_ctx = src;
	d->note = "资金来源：中央财政　　如有疑问，请在公示期内向乡镇（街道）财政所反映。";
	d->large = o->large;
}

/* Prints the synthetic list. */
static int cmd_list(long n, const char *out, const struct opts *o)
{
	struct list_src src = { .n = n };
	struct print_doc d;
	int rc;

	list_doc(&d, &src, o);
	rc = render(&d, out, o);
	if (rc == 0 && o->dump) {
		/* One more walk with the dump open, so it holds each row once. */
		int pages;
		char err[256];
		if (!(src.dump = fopen(o->dump, "w"))) {
			perror(o->dump);
			return 1;
		}
		list_doc(&d, &src, o);
		src.dump_title = d.title;
		if (print_count_pages(&d, &pages, err, sizeof err) != PRINT_OK)
			rc = 1;
		fclose(src.dump);
		src.dump = NULL;
	}
	return rc;
}

/* Prints the list's page count without a file. */
static int cmd_count_list(long n, const struct opts *o)
{
	struct list_src src = { .n = n };
	struct print_doc d;
	char err[256];
	int pages, rc;

	list_doc(&d, &src, o);
	rc = print_count_pages(&d, &pages, err, sizeof err);
	if (rc != PRINT_OK) {
		fprintf(stderr, "print_driver: %s\n", err);
		return 1;
	}
	printf("pages=%d\n", pages);
	return 0;
}

/* Prints a service guide. */
static int cmd_guide(const char *out, const struct opts *o)
{
	static const struct print_pair fields[] = {
		{ "编号", "GD-2024-017" },
		{ "事项名称", "城乡居民基本养老保险待遇申领" },
		{ "实施主体", "县社会保险事业管理局" },
		{ "办理依据", "《国务院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔2014〕8号）" },
		{ "受理条件", "年满60周岁、累计缴费满15年，且未领取国家规定的基本养老保障待遇的参保人员。" },
		{ "申请材料", "1. 居民身份证原件；\n2. 户口簿原件；\n3. 本人银行卡或社会保障卡。" },
		{ "办理流程", "申请→受理→审核→公示→待遇发放。村（社区）协办员可代为提交材料。" },
		{ "办理时限", "5个工作日" },
		{ "收费标准", "不收费" },
		{ "办理地点", "东乡街道便民服务中心2号窗口" },
		{ "办公时间", "工作日 上午9:00—12:00，下午14:00—17:30" },
		{ "咨询电话", "0818-5212345" },
	};
	struct print_doc d = {
		.kind = PRINT_KIND_GUIDE,
		.kiosk_name = "东乡街道便民服务中心",
		.title = o->title ? o->title : "城乡居民基本养老保险待遇申领 办事指南",
		.print_time = o->when,
		.fields = fields,
		.nfields = sizeof fields / sizeof fields[0],
	};

	return render(&d, out, o);
}

/* Prints the test page. */
static int cmd_test_page(const char *out, const char *kiosk, const struct opts *o)
{
	char err[512];
	int pages, rc;

	rc = print_test_page(kiosk, out, o->when, &pages, err, sizeof err);
	if (rc != PRINT_OK) {
		fprintf(stderr, "print_driver: %s: %s\n", print_status_name(rc), err);
		return 1;
	}
	printf("pages=%d total=%d\n", pages, pages);
	return 0;
}

/* Progress callback: one line per stage change; cancels when asked to. */
static int on_progress(void *ctx, const struct print_progress *p)
{
	struct progress_state *st = ctx;

	if ((int)p->stage != st->last || (p->reasons && *p->reasons)) {
		fprintf(stderr, "progress: stage=%d job=%d state=%d %s%s%s\n", (int)p->stage,
			p->job_id, p->job_state, p->message ? p->message : "",
			p->reasons && *p->reasons ? " | " : "", p->reasons ? p->reasons : "");
		st->last = (int)p->stage;
	}
	return (int)p->stage == st->cancel_at;
}

/* Prints a print_result. */
static int show_result(const struct print_result *r)
{
	printf("status=%s\njob=%d\nstate=%d\ndest=%s\nmessage=%s\nreasons=%s\ndetail=%s\n",
	       print_status_name(r->status), r->job_id, r->job_state, r->dest, r->message,
	       r->reasons, r->detail);
	return r->status == PRINT_OK ? 0 : 1;
}

/* Sends a PDF and follows the job. */
static int cmd_submit(const char *dest, const char *pdf, const char *title, const struct opts *o)
{
	struct print_result r;
	struct progress_state st = { -1, o->cancel_at };

	print_submit_ex(dest, pdf, title, &o->lim, on_progress, &st, &r);
	return show_result(&r);
}

/* Runs the gongkaictl print-test path. */
static int cmd_print_test(const char *dest, const char *kiosk)
{
	struct print_result r;
	struct progress_state st = { -1, -1 };

	print_test_run(dest, kiosk, on_progress, &st, &r);
	return show_result(&r);
}

/* Returns 1 for characters that layout may add or drop as spacing. */
static int is_blank_cp(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == '\f' ||
	       cp == 0x3000 || cp == 0xA0;
}

/* Decodes the non-blank code points of a file. Caller frees *out. */
static int load_cps(const char *path, uint32_t **out, size_t *n)
{
	char err[256], *s;
	size_t len, i = 0, k = 0;

	if (util_read_file(path, 64 << 20, &s, &len, err, sizeof err) < 0) {
		fprintf(stderr, "print_driver: %s\n", err);
		return -1;
	}
	*out = xmalloc((len + 1) * sizeof **out);
	while (i < len) {
		uint32_t cp;
		i += (size_t)width_decode(s + i, len - i, &cp);
		if (!is_blank_cp(cp))
			(*out)[k++] = cp;
	}
	*n = k;
	free(s);
	return 0;
}

/* Checks that every non-blank character of src appears in txt: in order
 * (a subsequence), or at least as often (a multiset). Prints the verdict
 * and the first missing characters. */
static int cmd_textcheck(const char *src, const char *txt)
{
	uint32_t *a, *b;
	size_t na, nb, i = 0, j = 0, missing = 0;
	int *count;

	if (load_cps(src, &a, &na) < 0 || load_cps(txt, &b, &nb) < 0)
		return 2;
	while (i < na && j < nb) {
		if (a[i] == b[j])
			i++;
		j++;
	}
	if (i == na) {
		printf("in-order %zu characters\n", na);
		free(a);
		free(b);
		return 0;
	}
	count = xcalloc(0x110000, sizeof *count);
	for (j = 0; j < nb; j++)
		count[b[j]]++;
	for (i = 0; i < na; i++) {
		if (--count[a[i]] < 0) {
			if (missing++ < 20) {
				struct sbuf s = { 0 };
				width_put(&s, a[i]);
				printf("missing U+%04X %s (source character %zu)\n", a[i], sbuf_str(&s), i);
				sbuf_free(&s);
			}
		}
	}
	free(count);
	free(a);
	free(b);
	if (missing) {
		printf("%zu characters missing\n", missing);
		return 1;
	}
	printf("multiset %zu characters\n", na);
	return 0;
}

/* Prints a TCP port that is free on 127.0.0.1 right now. */
static int cmd_freeport(void)
{
	struct sockaddr_in sa;
	socklen_t sl = sizeof sa;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &sl) < 0) {
		perror("freeport");
		return 1;
	}
	printf("%d\n", ntohs(sa.sin_port));
	close(fd);
	return 0;
}

/* Prints the usage and returns 2. */
static int usage(void)
{
	fprintf(stderr, "usage: print_driver doc|list|guide|test-page|count-list|submit|print-test|"
			"textcheck|freeport ... (see tests/tools/print_driver.c)\n");
	return 2;
}

/* Dispatches the command line. */
int main(int argc, char **argv)
{
	struct opts o;
	const char *cmd = argc > 1 ? argv[1] : "";

	memset(&o, 0, sizeof o);
	o.cancel_at = -1;
	if (!strcmp(cmd, "doc") && argc >= 4 && parse_opts(argc, argv, 4, &o) == 0)
		return cmd_doc(argv[2], argv[3], &o);
	if (!strcmp(cmd, "list") && argc >= 4 && parse_opts(argc, argv, 4, &o) == 0)
		return cmd_list(atol(argv[2]), argv[3], &o);
	if (!strcmp(cmd, "count-list") && argc >= 3 && parse_opts(argc, argv, 3, &o) == 0)
		return cmd_count_list(atol(argv[2]), &o);
	if (!strcmp(cmd, "guide") && argc >= 3 && parse_opts(argc, argv, 3, &o) == 0)
		return cmd_guide(argv[2], &o);
	if (!strcmp(cmd, "test-page") && argc >= 3)
		return cmd_test_page(argv[2], argc > 3 ? argv[3] : NULL, &o);
	if (!strcmp(cmd, "submit") && argc >= 5 && parse_opts(argc, argv, 5, &o) == 0)
		return cmd_submit(argv[2], argv[3], argv[4], &o);
	if (!strcmp(cmd, "print-test") && argc == 4)
		return cmd_print_test(argv[2], argv[3]);
	if (!strcmp(cmd, "textcheck") && argc == 4)
		return cmd_textcheck(argv[2], argv[3]);
	if (!strcmp(cmd, "freeport") && argc == 2)
		return cmd_freeport();
	return usage();
}
