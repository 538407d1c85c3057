/*
 * bench/print.c - how long the kiosk takes to lay out and write a PDF, and
 * how much memory it needs: a synthetic subsidy list of ROWS rows (streamed
 * from a row callback, as the database would) and a document from a file.
 * The same list can be written as tab-separated text, so bench/print.sh can
 * give the peer (paps) the same content.
 *
 *   build/bench/print list ROWS OUT.pdf   render the list
 *   build/bench/print doc FILE OUT.pdf    render a document
 *   build/bench/print text ROWS OUT.txt   the list as text for the peer
 *
 * list and doc print "SECONDS s RSS_KB KB PAGES pages": the render call's
 * own wall time (without process start) and the process's peak RSS.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "kiosk/util.h"
#include "printing/print.h"

/* Deterministic synthetic rows. */
struct gen {
	long n;
	uint32_t seed;
	char seq[24], name[64], id[64], acct[64], basis[64];
};

/* Next pseudo-random number. */
static uint32_t rnd(struct gen *g)
{
	g->seed = g->seed * 1103515245u + 12345u;
	return (g->seed >> 8) & 0xFFFFFF;
}

static const char *const surnames[] = { "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
					"欧阳", "司马", "䶮", "龚", "谭" };
static const char *const given[] = { "秀英", "建国", "桂兰", "志强", "丽娟", "海涛", "明", "华",
				     "玉梅", "春生", "德胜", "小红", "䶮", "㐀", "淼", "犇" };
static const char *const villages[] = { "龙泉村", "石桥村", "新华社区", "白鹤村", "双河口村" };

#define NCOLS 8
static const struct print_column cols[NCOLS] = {
	{ "序号", PRINT_COL_NUMBER, 6 },
	{ "村（社区）", PRINT_COL_TEXT, 10 },
	{ "姓名", PRINT_COL_TEXT, 10 },
	{ "身份证号", PRINT_COL_ID, 18 },
	{ "补贴依据", PRINT_COL_TEXT, 7 },
	{ "发放金额（元）", PRINT_COL_MONEY, 10 },
	{ "一卡通账号", PRINT_COL_ACCOUNT, 16 },
	{ "发放日期", PRINT_COL_TEXT, 10 },
};

/* Fills row `index`; restarts the sequence at index 0. */
static int gen_row(void *ctx, long index, struct print_row *row, char *err, size_t errlen)
{
	struct gen *g = ctx;

	(void)err;
	(void)errlen;
	if (index == 0)
		g->seed = 20240520u;
	if (index >= g->n)
		return 0;
	snprintf(g->seq, sizeof g->seq, "%ld", index + 1);
	snprintf(g->name, sizeof g->name, "%s%s%s", surnames[rnd(g) % 15], given[rnd(g) % 16],
		 rnd(g) % 2 ? given[rnd(g) % 16] : "");
	snprintf(g->id, sizeof g->id, "510722%04u%02u%02u%04u", 1940 + rnd(g) % 70,
		 1 + rnd(g) % 12, 1 + rnd(g) % 28, rnd(g) % 10000);
	snprintf(g->acct, sizeof g->acct, "6217%012u", rnd(g) % 1000000000u);
	snprintf(g->basis, sizeof g->basis, "%u.%u亩", 1 + rnd(g) % 30, rnd(g) % 10);
	row->cells[0] = g->seq;
	row->cells[1] = villages[rnd(g) % 5];
	row->cells[2] = g->name;
	row->cells[3] = g->id;
	row->cells[4] = g->basis;
	row->amount_fen = (int64_t)(rnd(g) % 9999999u) + 1;
	row->cells[6] = g->acct;
	row->cells[7] = "2024-05-20";
	return 1;
}

/* Writes the list as the text the peer prints: title, header, one
 * tab-separated row per line, cells as the kiosk prints them. */
static int write_text(long n, const char *path)
{
	struct gen g = { .n = n };
	FILE *f = fopen(path, "w");

	if (!f)
		return -1;
	fprintf(f, "2024年耕地地力保护补贴发放名单（第一批）\n\n");
	for (int i = 0; i < NCOLS; i++)
		fprintf(f, "%s%c", cols[i].title, i + 1 < NCOLS ? '\t' : '\n');
	for (long i = 0;; i++) {
		struct print_row r;
		char id[64], acct[64], yuan[32];

		memset(&r, 0, sizeof r);
		if (gen_row(&g, i, &r, NULL, 0) <= 0)
			break;
		fprintf(f, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.cells[0], r.cells[1], r.cells[2],
			print_mask_id(r.cells[3], id, sizeof id), r.cells[4],
			print_format_yuan(r.amount_fen, yuan, sizeof yuan),
			print_mask_account(r.cells[6], acct, sizeof acct), r.cells[7]);
	}
	return fclose(f) == 0 ? 0 : -1;
}

/* Renders the list in this process; returns the page count or -1. */
static int render_list(long n, const char *out)
{
	static const struct print_pair meta[] = { { "补贴项目", "耕地地力保护补贴" },
						  { "年度", "2024" },
						  { "批次", "第一批" },
						  { "乡镇", "东乡街道" } };
	struct gen g = { .n = n };
	struct print_doc d = {
		.kind = PRINT_KIND_TABLE,
		.kiosk_name = "东乡街道便民服务中心",
		.title = "2024年耕地地力保护补贴发放名单（第一批）",
		.meta = meta,
		.nmeta = 4,
		.columns = cols,
		.ncolumns = NCOLS,
		.rows = gen_row,
		.rows_ctx = &g,
	};
	char err[256];
	int pages;

	if (print_render_pdf(&d, out, &pages, err, sizeof err) != PRINT_OK) {
		fprintf(stderr, "bench/print: list: %s\n", err);
		return -1;
	}
	return pages;
}

/* Renders the document at path in this process; returns pages or -1. */
static int render_doc(const char *path, const char *out)
{
	struct print_doc d = {
		.kind = PRINT_KIND_DOC,
		.kiosk_name = "东乡街道便民服务中心",
		.title = path,
		.index_no = "5002370000/2021-00048",
	};
	char err[256], *body;
	size_t len;
	int pages;

	if (util_read_file(path, 16 << 20, &body, &len, err, sizeof err) < 0) {
		fprintf(stderr, "bench/print: %s\n", err);
		return -1;
	}
	d.body = body;
	if (print_render_pdf(&d, out, &pages, err, sizeof err) != PRINT_OK) {
		fprintf(stderr, "bench/print: doc: %s\n", err);
		pages = -1;
	}
	free(body);
	return pages;
}

/* Returns monotonic time in seconds. */
static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Dispatches the command line. */
int main(int argc, char **argv)
{
	struct rusage ru;
	double t0, t1;
	int pages;

	if (argc == 4 && strcmp(argv[1], "text") == 0)
		return write_text(atol(argv[2]), argv[3]) == 0 ? 0 : 1;
	if (argc != 4 || (strcmp(argv[1], "list") != 0 && strcmp(argv[1], "doc") != 0)) {
		fprintf(stderr, "usage: bench/print list ROWS OUT.pdf | doc FILE OUT.pdf | "
				"text ROWS OUT.txt\n");
		return 2;
	}
	t0 = now_s();
	pages = strcmp(argv[1], "list") == 0 ? render_list(atol(argv[2]), argv[3])
					     : render_doc(argv[2], argv[3]);
	t1 = now_s();
	if (pages < 0)
		return 1;
	getrusage(RUSAGE_SELF, &ru);
	printf("%.3f s %ld KB %d pages\n", t1 - t0, ru.ru_maxrss, pages);
	return 0;
}
