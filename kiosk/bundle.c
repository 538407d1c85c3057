/*
 * bundle.c - verifying and importing a signed USB bundle, all or nothing.
 *
 * Every problem is reported as "file:line: column: problem" in plain Chinese
 * for the county office's staff, and reading goes on after a bad row so that
 * one run lists all of them. Rows are written as they are read, inside one
 * transaction; any problem rolls it back, so a refused bundle leaves the
 * database as it was. The subsidy path is the hot one (a county list has a
 * million rows): it streams, and allocates nothing per row.
 */
#include "kiosk/bundle.h"

#include <dirent.h>
#include <pthread.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db/apply.h"
#include "db/consult.h"
#include "db/directory.h"
#include "db/store.h"
#include "db/synonym.h"
#include "kiosk/csv.h"
#include "kiosk/encoding.h"
#include "kiosk/fields.h"
#include "kiosk/manifest.h"
#include "kiosk/minisign.h"
#include "kiosk/pinyin.h"
#include "kiosk/rowpipe.h"

#define BUNDLE_MAX_MANIFEST (4u << 20)
#define BUNDLE_MAX_SIG (64u << 10)
#define BUNDLE_MAX_BODY (16u << 20)

/* A small open-addressing set of strings, for duplicate keys in a file. */
struct strset {
	char **slot;
	size_t cap, n;
};

/* Hashes a string (FNV-1a). */
static size_t strset_hash(const char *s)
{
	size_t h = 1469598103934665603ull;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ull;
	return h;
}

/* Adds s; returns 1 if it was new, 0 if already present. */
static int strset_add(struct strset *set, const char *s)
{
	size_t i;

	if ((set->n + 1) * 2 > set->cap) {
		struct strset bigger = { xcalloc(set->cap ? set->cap * 2 : 64, sizeof(char *)),
					 set->cap ? set->cap * 2 : 64, 0 };
		for (i = 0; i < set->cap; i++) {
			if (set->slot[i]) {
				size_t j = strset_hash(set->slot[i]) & (bigger.cap - 1);
				while (bigger.slot[j])
					j = (j + 1) & (bigger.cap - 1);
				bigger.slot[j] = set->slot[i];
				bigger.n++;
			}
		}
		free(set->slot);
		*set = bigger;
	}
	i = strset_hash(s) & (set->cap - 1);
	while (set->slot[i]) {
		if (strcmp(set->slot[i], s) == 0)
			return 0;
		i = (i + 1) & (set->cap - 1);
	}
	set->slot[i] = xstrdup(s);
	set->n++;
	return 1;
}

/* Frees the set. */
static void strset_free(struct strset *set)
{
	for (size_t i = 0; i < set->cap; i++)
		free(set->slot[i]);
	free(set->slot);
	memset(set, 0, sizeof *set);
}

/* A subsidy batch (program + year + batch) this import has replaced. */
struct batch_seen {
	char *program;
	char *batch;
	int year;
	long long id;
};

/* One import run. */
struct imp {
	struct db *db;       /* NULL when verifying without a database */
	int write;           /* rows go to the database */
	const struct bundle_opts *opts;
	struct report *rep;
	struct manifest man;
	enum enc enc;        /* the manifest's encoding, or ENC_AUTO */
	const char *dir;
	long long import_id;
	struct store_counts counts;
	struct strset bulletin_keys; /* keys met in the file being read */
	struct batch_seen *seen;     /* subsidy batches replaced so far */
	size_t nseen, capseen, last_seen;
	char *err;
	size_t errlen;
	int env_failed;      /* a database or disk error happened */
	struct rowpipe *pipe; /* the reading thread's queue of checked rows */
};

/* Reports a database failure once and marks the run failed. */
static void imp_env(struct imp *im)
{
	im->env_failed = 1;
}

/* Context for a privacy hit inside one CSV field or body. */
struct hit_ctx {
	struct imp *im;
	const char *file;
	const char *column;
	long row; /* a CSV row: report it, not the line inside the field */
};

/* Reports a resident id or card number found in published text. */
static void imp_privacy_hit(void *ctx, long line, const char *kind, const char *masked)
{
	struct hit_ctx *h = ctx;

	const char *what = strcmp(kind, "resident id") == 0 ? "身份证号" : "银行卡号";

	report_error(h->im->rep, h->file, h->row > 0 ? h->row : line, h->column,
		     "公开内容中含有%s (%s)，请删除或去标识化后重新生成数据包", what, masked);
}

/* Scans one published text for ids and card numbers. */
static void imp_scan(struct imp *im, const char *file, long line, const char *column,
		     const char *text)
{
	struct hit_ctx h = { im, file, column, line };

	if (text && *text)
		privacy_scan(text, strlen(text), line, imp_privacy_hit, &h);
}

/* Opens a listed file safely for reading; reports and returns -1 if it cannot. */
static int imp_open(struct imp *im, const char *rel)
{
	char err[512];
	int fd = manifest_open_verified(&im->man, im->dir, rel, err, sizeof err);

	if (fd < 0)
		report_error(im->rep, rel, 0, NULL, "%s", err);
	return fd;
}

/* The cells that may hold several lines (Alt+Enter in Excel keeps its line
 * break); every other cell is a title, name or code, where a line break is
 * folded to a space. */
static const char *const multiline_cols[] = { "办理依据", "受理条件", "申请材料", "办理流程",
					      "办理时限", "收费标准", "办理地点", "办公时间",
					      "答复", "说明", "补贴依据", NULL };

/* Returns 1 if v is one of the NULL-terminated words. */
static int one_of(const char *v, const char *const *words);

/* Folds line breaks and refuses control, bidi and zero-width characters in
 * every mapped cell of a row, in place, reporting each refused cell; the
 * columns whose cells keep their lines are marked in lines (1 = keeps). */
static void imp_clean_row(struct imp *im, const char *file, const struct csv_row *row,
			  const struct csv_col *cols, size_t ncols, const int *idx,
			  const unsigned char *lines)
{
	for (size_t c = 0; c < ncols; c++) {
		struct field_text_problem bad;
		char *v;
		size_t n;

		if (idx[c] < 0 || (size_t)idx[c] >= row->nfields || !row->fields[idx[c]])
			continue;
		v = row->fields[idx[c]];
		n = strlen(v);
		if (field_text_clean(v, &n, lines[c] ? FIELD_TEXT_LINES : FIELD_TEXT_LINE, &bad) < 0)
			report_error(im->rep, file, row->line, cols[c].name,
				     "%s（U+%04X），请在表格中删除后重新导出",
				     field_text_kind_text(bad.kind), bad.codepoint);
	}
}

/* Reads one CSV file row by row: maps the header, then calls fn per row.
 * Returns 0, or -1 when the file could not be read at all. */
static int imp_csv(struct imp *im, const char *file, const struct csv_col *cols, size_t ncols,
		   void (*fn)(struct imp *im, const char *file, const struct csv_row *row,
			      const int *idx),
		   void (*begin)(struct imp *im))
{
	struct csv_reader *r;
	struct csv_row row;
	int idx[32];
	unsigned char lines[32];
	char err[512];
	int fd, rc;
	long rows = 0;

	if (!manifest_find(&im->man, file))
		return 0; /* not in this bundle */
	fd = imp_open(im, file);
	if (fd < 0)
		return -1;
	r = csv_open_fd(fd, file, im->enc, err, sizeof err);
	if (!r) {
		report_error(im->rep, file, 0, NULL, "无法读取: %s", err);
		return -1;
	}
	rc = csv_next(r, &row);
	if (rc <= 0) {
		if (rc < 0)
			report_error(im->rep, file, csv_error_line(r), NULL, "%s", csv_error(r));
		else
			report_error(im->rep, file, 1, NULL, "文件是空的，缺少表头行");
		csv_close(r);
		return -1;
	}
	if (csv_map_header(&row, file, cols, ncols, idx, im->rep) < 0) {
		csv_close(r);
		return -1;
	}
	if (begin && im->write && !im->env_failed)
		begin(im);
	for (size_t c = 0; c < ncols && c < sizeof lines; c++)
		lines[c] = (unsigned char)one_of(cols[c].name, multiline_cols);
	while ((rc = csv_next(r, &row)) > 0) {
		imp_clean_row(im, file, &row, cols, ncols, idx, lines);
		fn(im, file, &row, idx);
		if (im->env_failed)
			break;
		if (++rows % 20000 == 0 && im->opts->progress)
			im->opts->progress(im->opts->progress_ctx, file, rows);
	}
	if (rc < 0)
		report_error(im->rep, file, csv_error_line(r), NULL, "%s", csv_error(r));
	if (im->opts->progress)
		im->opts->progress(im->opts->progress_ctx, file, rows);
	csv_close(r);
	return 0;
}

/* Returns field c of a row, "" when the column is absent or the row short. */
static const char *col(const struct csv_row *row, const int *idx, int c)
{
	int i = idx[c];

	if (i < 0 || (size_t)i >= row->nfields || !row->fields[i])
		return "";
	return row->fields[i];
}

/* Checks a required field; reports and returns 0 if empty. */
static int need(struct imp *im, const char *file, const struct csv_row *row, const char *name,
		const char *v)
{
	if (*v)
		return 1;
	report_error(im->rep, file, row->line, name, "不能为空");
	return 0;
}

/* Parses an optional date into out ("" if empty); reports a bad one. */
static int date_opt(struct imp *im, const char *file, const struct csv_row *row,
		    const char *name, const char *v, char out[11])
{
	out[0] = '\0';
	if (!*v)
		return 1;
	if (field_date(v, out) == 0)
		return 1;
	report_error(im->rep, file, row->line, name,
		     "日期\"%s\"无法识别，应为 2024-03-15、2024/3/15 或 2024年3月15日", v);
	return 0;
}

/* Returns 1 if v is one of the NULL-terminated words. */
static int one_of(const char *v, const char *const *words)
{
	for (; *words; words++)
		if (strcmp(v, *words) == 0)
			return 1;
	return 0;
}

/* ---- calendar.csv ---- */

enum { CAL_DATE, CAL_KIND, CAL_N };
static const struct csv_col cal_cols[CAL_N] = {
	[CAL_DATE] = { "日期", NULL, 1 },
	[CAL_KIND] = { "类型", NULL, 1 },
};

/* Day of week of an ISO date, 0 = Sunday (Sakamoto's method). */
static int weekday(const char *iso)
{
	static const int t[] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };
	int y = atoi(iso), m = atoi(iso + 5), d = atoi(iso + 8);

	if (m < 3)
		y--;
	return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

/* Checks and stores one calendar row. */
static void cal_row(struct imp *im, const char *file, const struct csv_row *row, const int *idx)
{
	static const char *const kinds[] = { "休息日", "工作日", NULL };
	const char *d = col(row, idx, CAL_DATE), *k = col(row, idx, CAL_KIND);
	char iso[11];
	int ok = need(im, file, row, "日期", d) & need(im, file, row, "类型", k);

	imp_scan(im, file, row->line, "日期", d);
	imp_scan(im, file, row->line, "类型", k);
	if (*d && !date_opt(im, file, row, "日期", d, iso))
		ok = 0;
	if (*k && !one_of(k, kinds)) {
		report_error(im->rep, file, row->line, "类型", "\"%s\"应为 休息日 或 工作日", k);
		ok = 0;
	}
	if (!ok)
		return;
	{
		int wd = weekday(iso), weekend = wd == 0 || wd == 6;
		if (strcmp(k, "休息日") == 0 && weekend)
			report_warning(im->rep, file, row->line, "日期", "%s 本来就是周末", iso);
		if (strcmp(k, "工作日") == 0 && !weekend)
			report_warning(im->rep, file, row->line, "日期", "%s 本来就是工作日", iso);
	}
	im->counts.calendar++;
	if (im->write && store_calendar_put(im->db, iso, k, im->err, im->errlen) < 0)
		imp_env(im);
}

/* ---- synonyms.csv: words a search widens to (词, 同义词) ---- */

enum { SYN_WORD, SYN_OTHER, SYN_N };
static const struct csv_col synonym_cols[SYN_N] = {
	[SYN_WORD] = { "词", NULL, 1 },
	[SYN_OTHER] = { "同义词", NULL, 1 },
};

/* The file replaces the office's synonyms. */
static void synonyms_begin(struct imp *im)
{
	if (im->write && synonym_clear(im->db, im->err, im->errlen) < 0)
		imp_env(im);
}

/* Checks and stores one pair. */
static void synonym_row(struct imp *im, const char *file, const struct csv_row *row,
			const int *idx)
{
	const char *w = col(row, idx, SYN_WORD), *o = col(row, idx, SYN_OTHER);
	int ok = need(im, file, row, "词", w) & need(im, file, row, "同义词", o);

	imp_scan(im, file, row->line, "词", w);
	imp_scan(im, file, row->line, "同义词", o);
	if (ok && strcmp(w, o) == 0)
		report_warning(im->rep, file, row->line, "同义词", "与\"词\"相同，已忽略");
	if (!ok || strcmp(w, o) == 0)
		return;
	if (im->write && synonym_add(im->db, w, o, im->err, im->errlen) < 0)
		imp_env(im);
}

/* ---- directory.csv: the directory of public services (公共服务名录) ---- */

enum { D_TOWN, D_NAME, D_CAT, D_ADDR, D_HOURS, D_PHONE, D_NOTE, D_N };
static const struct csv_col directory_cols[D_N] = {
	[D_TOWN] = { "乡镇", "乡镇（街道）", 1 }, [D_NAME] = { "名称", NULL, 1 },
	[D_CAT] = { "类别", NULL, 1 },          [D_ADDR] = { "地址", NULL, 1 },
	[D_HOURS] = { "办公时间", NULL, 0 },     [D_PHONE] = { "电话", NULL, 0 },
	[D_NOTE] = { "备注", NULL, 0 },
};
/* The most characters each column may hold: a screen line or a short
 * paragraph, so a cell pasted by mistake is caught. */
static const int directory_max[D_N] = {
	[D_TOWN] = 30, [D_NAME] = 60, [D_CAT] = 20, [D_ADDR] = 120,
	[D_HOURS] = 200, [D_PHONE] = 40, [D_NOTE] = 500,
};

/* Counts the characters (not bytes) of UTF-8 text. */
static int utf8_chars(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* The file replaces the whole directory. */
static void directory_begin(struct imp *im)
{
	if (im->write && directory_clear(im->db, im->err, im->errlen) < 0)
		imp_env(im);
}

/* Checks and stores one unit. */
static void directory_row(struct imp *im, const char *file, const struct csv_row *row,
			  const int *idx)
{
	struct directory_entry e;
	const char *why;
	char py[256];
	long before = im->rep->nerrors;

	e.township = col(row, idx, D_TOWN);
	e.name = col(row, idx, D_NAME);
	e.category = col(row, idx, D_CAT);
	e.address = col(row, idx, D_ADDR);
	e.hours = col(row, idx, D_HOURS);
	e.phone = col(row, idx, D_PHONE);
	e.note = col(row, idx, D_NOTE);
	for (int c = 0; c < D_N; c++) {
		const char *v = col(row, idx, c);
		int n = utf8_chars(v);

		if (directory_cols[c].required)
			need(im, file, row, directory_cols[c].name, v);
		if (n > directory_max[c])
			report_error(im->rep, file, row->line, directory_cols[c].name,
				     "太长（%d 个字），最多 %d 个字，请精简后重新导出", n, directory_max[c]);
		imp_scan(im, file, row->line, directory_cols[c].name, v);
	}
	if (*e.phone && field_phone(e.phone, &why) < 0)
		report_error(im->rep, file, row->line, "电话", "\"%s\"不像电话号码：%s", e.phone, why);
	if (im->rep->nerrors != before)
		return;
	pinyin_initials_key(e.name, 0, py, sizeof py);
	e.name_py = py;
	if (im->write && directory_add(im->db, &e, im->err, im->errlen) < 0)
		imp_env(im);
}

/* ---- bulletins.csv ---- */

enum { B_INDEX, B_CAT, B_TITLE, B_DOCNO, B_ISSUER, B_WRITTEN, B_PUBLISHED, B_VALIDITY,
       B_TOPIC, B_BODY, B_RELATED, B_URL, B_EFFECTIVE, B_UNTIL, B_N };
static const struct csv_col bulletin_cols[B_N] = {
	[B_INDEX] = { "索引号", "编号", 1 },
	[B_CAT] = { "类别", NULL, 1 },
	[B_TITLE] = { "标题", NULL, 1 },
	[B_DOCNO] = { "文号", NULL, 0 },
	[B_ISSUER] = { "发布机构", NULL, 1 },
	[B_WRITTEN] = { "成文日期", NULL, 0 },
	[B_PUBLISHED] = { "发布日期", NULL, 1 },
	[B_VALIDITY] = { "有效性", NULL, 0 },
	[B_TOPIC] = { "主题", NULL, 0 },
	[B_BODY] = { "正文", NULL, 1 },
	[B_RELATED] = { "关联索引号", NULL, 0 },
	[B_URL] = { "原文链接", NULL, 0 },
	[B_EFFECTIVE] = { "施行日期", NULL, 0 },
	[B_UNTIL] = { "有效期至", NULL, 0 },
};

/* Reads, decodes and privacy-scans a body file; returns it (caller frees) or NULL. */
static char *imp_body(struct imp *im, const char *file, const struct csv_row *row,
		      const char *value, char *rel, size_t rellen)
{
	char err[512];
	struct sbuf raw = {0};
	char buf[65536];
	char *text = NULL;
	size_t textlen = 0;
	long bad_line = 0;
	ssize_t n;
	int fd;

	if (strncmp(value, "bodies/", 7) == 0)
		snprintf(rel, rellen, "%s", value);
	else
		snprintf(rel, rellen, "bodies/%s", value);
	if (!manifest_path_is_safe(rel)) {
		report_error(im->rep, file, row->line, "正文", "路径\"%s\"不安全（不能含 .. 或以 / 开头）",
			     value);
		return NULL;
	}
	if (!manifest_find(&im->man, rel)) {
		report_error(im->rep, file, row->line, "正文", "文件 %s 未列在 manifest.txt 中", rel);
		return NULL;
	}
	fd = manifest_open_verified(&im->man, im->dir, rel, err, sizeof err);
	if (fd < 0) {
		report_error(im->rep, file, row->line, "正文", "%s: %s", rel, err);
		return NULL;
	}
	while ((n = read(fd, buf, sizeof buf)) > 0) {
		if (raw.len + (size_t)n > BUNDLE_MAX_BODY) {
			report_error(im->rep, rel, 0, NULL, "文件太大（超过 16 MB）");
			close(fd);
			sbuf_free(&raw);
			return NULL;
		}
		sbuf_addn(&raw, buf, (size_t)n);
	}
	close(fd);
	if (n < 0) {
		report_error(im->rep, rel, 0, NULL, "读取出错: %s", strerror(errno));
		sbuf_free(&raw);
		return NULL;
	}
	if (encoding_convert(sbuf_str(&raw), raw.len, im->enc, &text, &textlen, &bad_line, err,
			     sizeof err) < 0) {
		report_error(im->rep, rel, bad_line, NULL, "编码错误: %s", err);
		sbuf_free(&raw);
		return NULL;
	}
	sbuf_free(&raw);
	{
		struct hit_ctx h = { im, rel, NULL, 0 };
		struct field_text_problem bad;

		if (field_text_clean(text, &textlen, FIELD_TEXT_BODY, &bad) < 0)
			report_error(im->rep, rel, bad.line, NULL,
				     "%s（U+%04X），请在原文件中删除后重新生成数据包",
				     field_text_kind_text(bad.kind), bad.codepoint);
		privacy_scan(text, textlen, 1, imp_privacy_hit, &h);
	}
	return text;
}

/* Checks and stores one bulletin row. */
static void bulletin_row(struct imp *im, const char *file, const struct csv_row *row,
			 const int *idx)
{
	static const char *const cats[] = { "通知公告", "政府公报", "规范性文件", "政策解读",
					    "公开指南", "其他", NULL };
	static const char *const validities[] = { "现行有效", "失效", "废止", NULL };
	struct store_bulletin b = {0};
	char written[11], published[11], effective[11], until[11], rel[1024], py[256];
	char *body = NULL;
	int ok = 1;
	long before = im->rep->nerrors;

	b.index_no = col(row, idx, B_INDEX);
	b.category = col(row, idx, B_CAT);
	b.title = col(row, idx, B_TITLE);
	b.doc_no = col(row, idx, B_DOCNO);
	b.issuer = col(row, idx, B_ISSUER);
	b.validity = col(row, idx, B_VALIDITY);
	b.topic = col(row, idx, B_TOPIC);
	b.related = col(row, idx, B_RELATED);
	b.url = col(row, idx, B_URL);
	ok &= need(im, file, row, "索引号", b.index_no);
	ok &= need(im, file, row, "类别", b.category);
	ok &= need(im, file, row, "标题", b.title);
	ok &= need(im, file, row, "发布机构", b.issuer);
	ok &= need(im, file, row, "发布日期", col(row, idx, B_PUBLISHED));
	ok &= need(im, file, row, "正文", col(row, idx, B_BODY));
	if (*b.index_no && !strset_add(&im->bulletin_keys, b.index_no))
		report_error(im->rep, file, row->line, "索引号", "\"%s\"在本文件中重复", b.index_no);
	if (*b.category && !one_of(b.category, cats))
		report_error(im->rep, file, row->line, "类别",
			     "\"%s\"不是 通知公告、政府公报、规范性文件、政策解读、公开指南、其他 之一",
			     b.category);
	if (*b.validity && !one_of(b.validity, validities))
		report_error(im->rep, file, row->line, "有效性", "\"%s\"应为 现行有效、失效 或 废止",
			     b.validity);
	if (!*b.validity && strcmp(b.category, "规范性文件") == 0)
		report_error(im->rep, file, row->line, "有效性", "规范性文件必须注明有效性");
	date_opt(im, file, row, "成文日期", col(row, idx, B_WRITTEN), written);
	date_opt(im, file, row, "发布日期", col(row, idx, B_PUBLISHED), published);
	date_opt(im, file, row, "施行日期", col(row, idx, B_EFFECTIVE), effective);
	date_opt(im, file, row, "有效期至", col(row, idx, B_UNTIL), until);
	if (*b.url && strncmp(b.url, "https://", 8) != 0)
		report_error(im->rep, file, row->line, "原文链接", "应为 https:// 开头的网址");
	if (*b.related && strcmp(b.related, b.index_no) == 0)
		report_error(im->rep, file, row->line, "关联索引号", "不能关联自己");
	for (int c = 0; c < B_N; c++) /* the body's path is stored too */
		imp_scan(im, file, row->line, bulletin_cols[c].name, col(row, idx, c));
	if (*col(row, idx, B_BODY))
		body = imp_body(im, file, row, col(row, idx, B_BODY), rel, sizeof rel);
	if (!ok || !body || im->rep->nerrors != before) {
		free(body);
		return;
	}
	b.written = written;
	b.published = published;
	b.body = body;
	b.body_path = rel;
	pinyin_initials_key(b.title, 0, py, sizeof py);
	b.title_py = py;
	im->counts.bulletins++;
	if (im->write && (store_bulletin_put(im->db, im->import_id, &b, im->err, im->errlen) < 0 ||
			  ((*effective || *until) &&
			   store_bulletin_dates(im->db, b.index_no, effective, until, im->err,
						im->errlen) < 0)))
		imp_env(im);
	free(body);
}

/* ---- guides.csv ---- */

enum { G_CODE, G_NAME, G_AGENCY, G_BASIS, G_COND, G_MAT, G_PROC, G_TIME, G_FEES, G_LOC,
       G_HOURS, G_PHONE, G_N };
static const struct csv_col guide_cols[G_N] = {
	[G_CODE] = { "编号", NULL, 1 },      [G_NAME] = { "事项名称", NULL, 1 },
	[G_AGENCY] = { "实施主体", NULL, 1 }, [G_BASIS] = { "办理依据", NULL, 0 },
	[G_COND] = { "受理条件", NULL, 0 },   [G_MAT] = { "申请材料", NULL, 0 },
	[G_PROC] = { "办理流程", NULL, 0 },   [G_TIME] = { "办理时限", NULL, 0 },
	[G_FEES] = { "收费标准", NULL, 0 },   [G_LOC] = { "办理地点", NULL, 0 },
	[G_HOURS] = { "办公时间", NULL, 0 },  [G_PHONE] = { "咨询电话", NULL, 0 },
};

/* Empties the guides before guides.csv fills them again. */
static void guides_begin(struct imp *im)
{
	if (store_guides_clear(im->db, im->err, im->errlen) < 0)
		imp_env(im);
}

/* Checks and stores one guide row. */
static void guide_row(struct imp *im, const char *file, const struct csv_row *row, const int *idx)
{
	struct store_guide g;
	char py[256];
	long before = im->rep->nerrors;

	g.code = col(row, idx, G_CODE);
	g.name = col(row, idx, G_NAME);
	g.agency = col(row, idx, G_AGENCY);
	g.basis = col(row, idx, G_BASIS);
	g.conditions = col(row, idx, G_COND);
	g.materials = col(row, idx, G_MAT);
	g.process = col(row, idx, G_PROC);
	g.time_limit = col(row, idx, G_TIME);
	g.fees = col(row, idx, G_FEES);
	g.location = col(row, idx, G_LOC);
	g.hours = col(row, idx, G_HOURS);
	g.phone = col(row, idx, G_PHONE);
	need(im, file, row, "编号", g.code);
	need(im, file, row, "事项名称", g.name);
	need(im, file, row, "实施主体", g.agency);
	if (*g.code && !strset_add(&im->bulletin_keys, g.code))
		report_error(im->rep, file, row->line, "编号", "\"%s\"在本文件中重复", g.code);
	for (int c = 0; c < G_N; c++)
		imp_scan(im, file, row->line, guide_cols[c].name, col(row, idx, c));
	if (im->rep->nerrors != before)
		return;
	pinyin_initials_key(g.name, 0, py, sizeof py);
	g.name_py = py;
	im->counts.guides++;
	if (im->write && store_guide_add(im->db, &g, im->err, im->errlen) < 0)
		imp_env(im);
}

/* ---- qa.csv ---- */

enum { Q_CODE, Q_QUESTION, Q_ANSWER, Q_KEYWORDS, Q_RELATED, Q_DEPT, Q_DATE, Q_CONSULT, Q_N };
static const struct csv_col qa_cols[Q_N] = {
	[Q_CODE] = { "编号", NULL, 1 },       [Q_QUESTION] = { "问题", NULL, 1 },
	[Q_ANSWER] = { "答复", NULL, 1 },     [Q_KEYWORDS] = { "关键词", NULL, 0 },
	[Q_RELATED] = { "关联索引号", NULL, 0 }, [Q_DEPT] = { "答复部门", NULL, 0 },
	[Q_DATE] = { "答复日期", NULL, 0 },   [Q_CONSULT] = { "登记编号", NULL, 0 },
};

/* Empties the Q&A library before qa.csv fills it again. */
static void qa_begin(struct imp *im)
{
	if (store_qa_clear(im->db, im->err, im->errlen) < 0)
		imp_env(im);
}

/* Checks and stores one Q&A row. */
static void qa_row(struct imp *im, const char *file, const struct csv_row *row, const int *idx)
{
	const char *code = col(row, idx, Q_CODE), *q = col(row, idx, Q_QUESTION);
	char day[11], py[256];
	long before = im->rep->nerrors;

	need(im, file, row, "编号", code);
	need(im, file, row, "问题", q);
	need(im, file, row, "答复", col(row, idx, Q_ANSWER));
	date_opt(im, file, row, "答复日期", col(row, idx, Q_DATE), day);
	/* 登记编号: the 咨询编号 of the registered question this row answers */
	if (*col(row, idx, Q_CONSULT) && !db_consult_no_ok(col(row, idx, Q_CONSULT)))
		report_error(im->rep, file, row->line, "登记编号",
			     "\"%s\"不是咨询编号（应像 XH-DX-01-Z-20261124-0001，照咨询回执填写）",
			     col(row, idx, Q_CONSULT));
	for (int c = 0; c < Q_N; c++)
		imp_scan(im, file, row->line, qa_cols[c].name, col(row, idx, c));
	if (im->rep->nerrors != before)
		return;
	pinyin_initials_key(q, 0, py, sizeof py);
	im->counts.qa++;
	if (im->write &&
	    store_qa_add(im->db, code, q, col(row, idx, Q_ANSWER), col(row, idx, Q_KEYWORDS),
			 col(row, idx, Q_RELATED), col(row, idx, Q_DEPT), day, py, im->err,
			 im->errlen) < 0)
		imp_env(im);
	else if (im->write && *col(row, idx, Q_CONSULT) &&
		 store_qa_set_consult(im->db, code, col(row, idx, Q_CONSULT), im->err, im->errlen) < 0)
		imp_env(im);
}

/* ---- subsidies.csv ---- */

enum { S_PROGRAM, S_YEAR, S_BATCH, S_TOWN, S_VILLAGE, S_NAME, S_ID, S_BASIS, S_AMOUNT, S_DATE,
       S_FUND, S_ACCOUNT, S_N };
static const struct csv_col subsidy_cols[S_N] = {
	[S_PROGRAM] = { "补贴项目", NULL, 1 }, [S_YEAR] = { "年度", NULL, 1 },
	[S_BATCH] = { "批次", NULL, 0 },       [S_TOWN] = { "乡镇", NULL, 1 },
	[S_VILLAGE] = { "村(社区)", "村（社区）", 1 }, [S_NAME] = { "姓名", NULL, 1 },
	[S_ID] = { "身份证号", NULL, 0 },      [S_BASIS] = { "补贴依据", NULL, 0 },
	[S_AMOUNT] = { "发放金额", NULL, 1 },  [S_DATE] = { "发放日期", NULL, 0 },
	[S_FUND] = { "资金来源", NULL, 0 },    [S_ACCOUNT] = { "一卡通账号", NULL, 0 },
};

/* Returns the id of the batch, replacing it the first time it is met. */
static long long imp_batch(struct imp *im, const char *program, int year, const char *batch)
{
	struct batch_seen *b;

	if (im->nseen && im->seen[im->last_seen].year == year && strcmp(im->seen[im->last_seen].program, program) == 0 &&
	    strcmp(im->seen[im->last_seen].batch, batch) == 0)
		return im->seen[im->last_seen].id;
	for (size_t i = 0; i < im->nseen; i++) {
		if (im->seen[i].year == year && strcmp(im->seen[i].program, program) == 0 &&
		    strcmp(im->seen[i].batch, batch) == 0) {
			im->last_seen = i;
			return im->seen[i].id;
		}
	}
	if (im->nseen == im->capseen) {
		im->capseen = im->capseen ? im->capseen * 2 : 16;
		im->seen = xrealloc(im->seen, im->capseen * sizeof *im->seen);
	}
	b = &im->seen[im->nseen];
	b->program = xstrdup(program);
	b->batch = xstrdup(batch);
	b->year = year;
	b->id = 0;
	if (im->write &&
	    store_batch_replace(im->db, im->import_id, program, year, batch, &b->id, im->err,
				im->errlen) < 0)
		imp_env(im);
	im->last_seen = im->nseen++;
	return b->id;
}

/* A list this large (bytes) is indexed in bulk at the end, not row by row. */
#define BUNDLE_BULK_BYTES (8u << 20)

/* Tells whether subsidies.csv is large enough for the bulk path. */
static int subsidies_large(struct imp *im)
{
	struct stat st;
	char path[4096];

	snprintf(path, sizeof path, "%s/subsidies.csv", im->dir);
	return stat(path, &st) == 0 && st.st_size >= (off_t)BUNDLE_BULK_BYTES;
}

/* Forgets the batches seen, after computing their totals when writing. */
static void imp_batches_done(struct imp *im)
{
	for (size_t i = 0; i < im->nseen; i++) {
		if (im->write && !im->env_failed && im->rep->nerrors == 0 &&
		    store_batch_totals(im->db, im->seen[i].id, im->err, im->errlen) < 0)
			imp_env(im);
		free(im->seen[i].program);
		free(im->seen[i].batch);
	}
	free(im->seen);
	im->seen = NULL;
	im->nseen = im->capseen = im->last_seen = 0;
}

/* Says in words what is wrong with an amount. */
static const char *money_why(int status)
{
	switch (status) {
	case MONEY_DECIMALS:
		return "小数超过两位";
	case MONEY_GROUPING:
		return "千位分隔符位置不对";
	case MONEY_NEGATIVE:
		return "不能是负数";
	case MONEY_RANGE:
		return "金额过大";
	default:
		return "不是数字";
	}
}

/* Parses 年度: a four-digit year. */
static int parse_year(const char *v, int *year)
{
	char *end;
	long y = strtol(v, &end, 10);

	if (end == v || (*end && strcmp(end, "年") != 0) || y < 1990 || y > 2100)
		return -1;
	*year = (int)y;
	return 0;
}

/* A checked subsidy row, ready to store. */
struct sub_rec {
	const char *program, *batch;
	int year;
	struct store_subsidy s;
	char masked_id[32], masked_acct[64], tail[8], paid[11];
	char py[16][PINYIN_VARIANT_LEN];
};

/* Checks one subsidy row and masks its id and account into r; returns 1
 * when the row is good. The full numbers never leave this function. */
static int subsidy_check(struct imp *im, const char *file, const struct csv_row *row,
			 const int *idx, struct sub_rec *r)
{
	struct store_subsidy *s = &r->s;
	const char *yv = col(row, idx, S_YEAR), *id = col(row, idx, S_ID);
	const char *acct = col(row, idx, S_ACCOUNT), *amount = col(row, idx, S_AMOUNT);
	const char *why = NULL;
	long before = im->rep->nerrors;
	int ms;

	memset(s, 0, sizeof *s);
	r->program = col(row, idx, S_PROGRAM);
	r->batch = col(row, idx, S_BATCH);
	r->year = 0;
	s->township = col(row, idx, S_TOWN);
	s->village = col(row, idx, S_VILLAGE);
	s->name = col(row, idx, S_NAME);
	s->basis = col(row, idx, S_BASIS);
	s->fund_source = col(row, idx, S_FUND);
	s->line = row->line;
	need(im, file, row, "补贴项目", r->program);
	need(im, file, row, "乡镇", s->township);
	need(im, file, row, "村(社区)", s->village);
	need(im, file, row, "姓名", s->name);
	if (need(im, file, row, "年度", yv) && parse_year(yv, &r->year) < 0)
		report_error(im->rep, file, row->line, "年度", "\"%s\"不是年份（应为 2024 这样的四位数）", yv);
	if (need(im, file, row, "发放金额", amount) && (ms = field_money(amount, &s->amount_fen)) < 0)
		report_error(im->rep, file, row->line, "发放金额",
			     "金额\"%s\"无法识别：%s（应为元，最多两位小数，如 1,234.50）", amount,
			     money_why(ms));
	date_opt(im, file, row, "发放日期", col(row, idx, S_DATE), r->paid);
	r->masked_id[0] = r->tail[0] = '\0';
	switch (field_resident_id(id, r->masked_id, &why)) {
	case ID_EMPTY:
		break;
	case ID_FULL:
	case ID_MASKED:
		memcpy(r->tail, r->masked_id + strlen(r->masked_id) - 4, 5);
		break;
	default:
		report_error(im->rep, file, row->line, "身份证号", "身份证号格式不对（%s），请核对原始数据",
			     why ? why : "无法识别");
		break;
	}
	r->masked_acct[0] = '\0';
	if (*acct && field_account(acct, r->masked_acct, sizeof r->masked_acct, &why) < 0)
		report_error(im->rep, file, row->line, "一卡通账号", "账号格式不对（%s）",
			     why ? why : "无法识别");
	for (int c = 0; c < S_N; c++)
		if (c != S_ID && c != S_ACCOUNT)
			imp_scan(im, file, row->line, subsidy_cols[c].name, col(row, idx, c));
	if (im->rep->nerrors != before)
		return 0;
	s->id_masked = r->masked_id;
	s->id_tail = r->tail;
	s->account_masked = r->masked_acct;
	s->paid_on = r->paid;
	s->npy = pinyin_initials_variants(s->name, 1, r->py, 16);
	s->py = (const char (*)[PINYIN_VARIANT_LEN])r->py;
	return 1;
}

/* Stores a checked row in its batch (replacing the batch the first time). */
static void subsidy_store(struct imp *im, struct sub_rec *r)
{
	r->s.batch_id = imp_batch(im, r->program, r->year, r->batch);
	if (im->write && !im->env_failed &&
	    store_subsidy_add(im->db, &r->s, im->err, im->errlen) < 0)
		imp_env(im);
}

/* Checks and stores one subsidy row. */
static void subsidy_row(struct imp *im, const char *file, const struct csv_row *row,
			const int *idx)
{
	struct sub_rec r;

	if (!subsidy_check(im, file, row, idx, &r))
		return;
	im->counts.subsidies++;
	if (im->rep->nerrors == 0)
		subsidy_store(im, &r);
}

/* Appends a string and its NUL to a record. */
static void rec_put(struct sbuf *b, const char *s)
{
	sbuf_addn(b, s, strlen(s) + 1);
}

/* Reads the next NUL-terminated string of a record. */
static const char *rec_get(const char **p)
{
	const char *s = *p;

	*p += strlen(s) + 1;
	return s;
}

/* Producer side of the pipeline: checks a row and queues it for storing. */
static void subsidy_row_piped(struct imp *pim, const char *file, const struct csv_row *row,
			      const int *idx)
{
	struct sub_rec r;
	struct sbuf *b;
	long long nums[4];

	if (!subsidy_check(pim, file, row, idx, &r))
		return;
	pim->counts.subsidies++;
	if (pim->rep->nerrors || pim->env_failed)
		return; /* a refused bundle: keep checking, stop storing */
	b = rowpipe_slot(pim->pipe);
	if (!b) {
		pim->env_failed = 1; /* the database side failed: stop reading */
		return;
	}
	nums[0] = r.s.amount_fen;
	nums[1] = r.s.line;
	nums[2] = r.year;
	nums[3] = (long long)r.s.npy;
	sbuf_addn(b, (const char *)nums, sizeof nums);
	sbuf_addn(b, (const char *)r.py, r.s.npy * sizeof r.py[0]);
	rec_put(b, r.program);
	rec_put(b, r.batch);
	rec_put(b, r.s.township);
	rec_put(b, r.s.village);
	rec_put(b, r.s.name);
	rec_put(b, r.masked_id);
	rec_put(b, r.tail);
	rec_put(b, r.s.basis);
	rec_put(b, r.paid);
	rec_put(b, r.s.fund_source);
	rec_put(b, r.masked_acct);
	rowpipe_push(pim->pipe);
}

/* Rebuilds a queued record as a row to store; strings borrow the record. */
static void subsidy_unpack(const struct sbuf *b, struct sub_rec *r)
{
	const char *p = b->s;
	long long nums[4];

	memcpy(nums, p, sizeof nums);
	p += sizeof nums;
	memset(&r->s, 0, sizeof r->s);
	r->s.amount_fen = nums[0];
	r->s.line = (long)nums[1];
	r->year = (int)nums[2];
	r->s.npy = (size_t)nums[3];
	memcpy(r->py, p, r->s.npy * sizeof r->py[0]);
	p += r->s.npy * sizeof r->py[0];
	r->s.py = (const char (*)[PINYIN_VARIANT_LEN])r->py;
	r->program = rec_get(&p);
	r->batch = rec_get(&p);
	r->s.township = rec_get(&p);
	r->s.village = rec_get(&p);
	r->s.name = rec_get(&p);
	r->s.id_masked = rec_get(&p);
	r->s.id_tail = rec_get(&p);
	r->s.basis = rec_get(&p);
	r->s.paid_on = rec_get(&p);
	r->s.fund_source = rec_get(&p);
	r->s.account_masked = rec_get(&p);
}

/* The reading thread: decodes, parses and checks subsidies.csv. */
static void *subsidy_reader(void *arg)
{
	struct imp *pim = arg;

	imp_csv(pim, "subsidies.csv", subsidy_cols, S_N, subsidy_row_piped, NULL);
	rowpipe_close(pim->pipe);
	return NULL;
}

/* Imports a large subsidies.csv on two cores: a thread reads and checks
 * rows (and alone writes the report), this one stores them. */
static void subsidies_piped(struct imp *im)
{
	struct imp pim = *im;
	const struct sbuf *b;
	pthread_t th;

	pim.write = 0; /* the reader never touches the database */
	pim.pipe = rowpipe_new(4096);
	if (pthread_create(&th, NULL, subsidy_reader, &pim) != 0) {
		rowpipe_free(pim.pipe);
		imp_csv(im, "subsidies.csv", subsidy_cols, S_N, subsidy_row, NULL);
		return;
	}
	while ((b = rowpipe_pop(pim.pipe)) != NULL) {
		if (!im->env_failed) {
			struct sub_rec r;
			subsidy_unpack(b, &r);
			subsidy_store(im, &r);
			if (im->env_failed)
				rowpipe_cancel(pim.pipe);
		}
		rowpipe_release(pim.pipe);
	}
	pthread_join(th, NULL);
	rowpipe_free(pim.pipe);
	im->counts.subsidies = pim.counts.subsidies;
	/* batches the reader met but this side never stored (a refused bundle) */
	for (size_t i = 0; i < pim.nseen; i++) {
		free(pim.seen[i].program);
		free(pim.seen[i].batch);
	}
	free(pim.seen);
}

/* Reads subsidies.csv: in bulk and on two cores when it is large. */
static void imp_subsidies(struct imp *im)
{
	if (!manifest_find(&im->man, "subsidies.csv"))
		return;
	if (im->write && subsidies_large(im)) {
		if (store_bulk_begin(im->db, im->err, im->errlen) < 0) {
			imp_env(im);
			return;
		}
		subsidies_piped(im);
		return;
	}
	imp_csv(im, "subsidies.csv", subsidy_cols, S_N, subsidy_row, NULL);
}

/* ---- replies.csv ---- */

enum { R_NO, R_STATUS, R_DATE, R_TYPE, R_SUB, R_NOTE, R_N };
static const struct csv_col reply_cols[R_N] = {
	[R_NO] = { "受理编号", NULL, 1 }, [R_STATUS] = { "状态", NULL, 1 },
	[R_DATE] = { "答复日期", NULL, 0 }, [R_TYPE] = { "答复类型", NULL, 0 },
	[R_SUB] = { "答复细类", NULL, 0 }, [R_NOTE] = { "说明", NULL, 0 },
};

/* Checks one reply and applies it to the kiosk's application (db/apply.c
 * keeps the clock: 需补正 stops it, 已受理 after it restarts it, 延期答复
 * adds 20 working days; a row sent again changes nothing). */
static void reply_row(struct imp *im, const char *file, const struct csv_row *row, const int *idx)
{
	static const char *const states[] = { "已受理", "需补正", "延期答复", "已答复", "已撤回", NULL };
	const char *no = col(row, idx, R_NO), *st = col(row, idx, R_STATUS);
	const char *type = col(row, idx, R_TYPE), *sub = col(row, idx, R_SUB);
	const char *const *subs = NULL;
	char day[11];
	long before = im->rep->nerrors;
	int known = 1, applied = 0;

	need(im, file, row, "受理编号", no);
	if (need(im, file, row, "状态", st) && !one_of(st, states))
		report_error(im->rep, file, row->line, "状态",
			     "\"%s\"应为 已受理、需补正、延期答复、已答复 或 已撤回", st);
	if (*type && !one_of(type, apply_reply_types))
		report_error(im->rep, file, row->line, "答复类型",
			     "\"%s\"应为 予以公开、部分公开、不予公开、无法提供、不予处理 或 其他处理", type);
	if (strcmp(st, "已答复") == 0 && !*type)
		report_error(im->rep, file, row->line, "答复类型", "已答复的申请必须注明答复类型");
	if (*sub && *type && one_of(type, apply_reply_types) &&
	    apply_reply_sub_row(type, sub, &subs) == 0)
		report_error(im->rep, file, row->line, "答复细类",
			     subs ? "\"%s\"不是年度报告表三中“%s”下的细类，请按表三的原文填写（如 %s）"
				  : "\"%s\"：“%s”没有细类，请留空%s",
			     sub, type, subs ? subs[0] : "");
	date_opt(im, file, row, "答复日期", col(row, idx, R_DATE), day);
	if (*day == '\0' && (strcmp(st, "需补正") == 0 || strcmp(st, "已答复") == 0 ||
			      strcmp(st, "已撤回") == 0))
		report_error(im->rep, file, row->line, "答复日期", "%s 的答复必须填写答复日期", st);
	for (int c = 0; c < R_N; c++)
		imp_scan(im, file, row->line, reply_cols[c].name, col(row, idx, c));
	if (im->rep->nerrors != before)
		return;
	if (im->write &&
	    db_apply_reply(im->db, im->import_id, no, st, day, type, sub, col(row, idx, R_NOTE),
			   &known, &applied, im->err, im->errlen) < 0) {
		imp_env(im);
		return;
	}
	if (!known) {
		report_warning(im->rep, file, row->line, "受理编号", "本机没有受理编号 %s 的申请，已跳过", no);
		return;
	}
	if (applied || !im->write)
		im->counts.replies++;
}

/* ---- the whole bundle ---- */

/* Picks the folder holding manifest.txt: dir itself or dir/gongkai-bundle. */
static void bundle_pick_dir(const char *dir, char *out, size_t outlen)
{
	char probe[4096];
	struct stat st;

	snprintf(probe, sizeof probe, "%s/manifest.txt", dir);
	if (lstat(probe, &st) == 0) {
		snprintf(out, outlen, "%s", dir);
		return;
	}
	snprintf(probe, sizeof probe, "%s/gongkai-bundle/manifest.txt", dir);
	if (lstat(probe, &st) == 0) {
		snprintf(out, outlen, "%s/gongkai-bundle", dir);
		return;
	}
	snprintf(out, outlen, "%s", dir);
}

/* Reads a small top-level bundle file without following links. */
static int bundle_slurp(struct imp *im, const char *rel, size_t max, struct sbuf *out)
{
	char err[512], buf[65536];
	ssize_t n;
	int fd = manifest_open_file(im->dir, rel, err, sizeof err);

	if (fd < 0) {
		report_error(im->rep, rel, 0, NULL, "缺少或无法读取: %s", err);
		return -1;
	}
	while ((n = read(fd, buf, sizeof buf)) > 0) {
		if (out->len + (size_t)n > max) {
			report_error(im->rep, rel, 0, NULL, "文件太大");
			close(fd);
			return -1;
		}
		sbuf_addn(out, buf, (size_t)n);
	}
	close(fd);
	if (n < 0) {
		report_error(im->rep, rel, 0, NULL, "读取出错: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* Returns the line of manifest.txt holding the "# NAME:" header (names are
 * case-insensitive, as manifest_parse reads them), or 0. */
static long manifest_header_line(const char *text, size_t len, const char *name)
{
	size_t i = 0, nlen = strlen(name);
	long line = 1;

	while (i < len) {
		size_t e = i, p = i;
		while (e < len && text[e] != '\n')
			e++;
		if (line == 1 && e - p >= 3 && memcmp(text + p, "\xEF\xBB\xBF", 3) == 0)
			p += 3;
		while (p < e && (text[p] == ' ' || text[p] == '\t'))
			p++;
		if (p < e && text[p] == '#') {
			p++;
			while (p < e && (text[p] == ' ' || text[p] == '\t'))
				p++;
			if (e - p > nlen && strncasecmp(text + p, name, nlen) == 0) {
				p += nlen;
				while (p < e && (text[p] == ' ' || text[p] == '\t'))
					p++;
				if (p < e && text[p] == ':')
					return line;
			}
		}
		i = e + 1;
		line++;
	}
	return 0;
}

/* Refuses a manifest whose stored headers (issuer, created) hold a resident
 * id or card number: they go into the import history and onto the staff's
 * terminal. Returns 0, or -1 when one does. */
static int bundle_scan_headers(struct imp *im, const char *text, size_t len)
{
	const char *names[2] = { "issuer", "created" };
	const char *values[2] = { im->man.issuer, im->man.created };
	long before = im->rep->nerrors;

	for (int i = 0; i < 2; i++) {
		struct hit_ctx h = { im, "manifest.txt", names[i],
				     manifest_header_line(text, len, names[i]) };
		if (values[i] && *values[i])
			privacy_scan(values[i], strlen(values[i]), 1, imp_privacy_hit, &h);
	}
	return im->rep->nerrors != before ? -1 : 0;
}

/* Checks the signature of manifest.txt and parses it. */
static int bundle_trust(struct imp *im, struct bundle_result *res, char hash_hex[65])
{
	struct minisign_pubkey pk;
	struct sbuf man = {0}, sig = {0};
	char err[512], tc[512];
	unsigned char hash[crypto_hash_sha256_BYTES];
	int rc = -1;

	if (minisign_parse_pubkey(im->opts->pubkey ? im->opts->pubkey : "", &pk, err, sizeof err) < 0) {
		report_error(im->rep, NULL, 0, NULL, "配置中的 bundle_pubkey 无效: %s", err);
		return -1;
	}
	if (bundle_slurp(im, "manifest.txt", BUNDLE_MAX_MANIFEST, &man) < 0 ||
	    bundle_slurp(im, "manifest.txt.minisig", BUNDLE_MAX_SIG, &sig) < 0)
		goto out;
	if (minisign_verify(&pk, (const unsigned char *)sbuf_str(&man), man.len, sbuf_str(&sig),
			    sig.len, tc, sizeof tc, err, sizeof err) < 0) {
		report_error(im->rep, "manifest.txt.minisig", 0, NULL, "签名验证失败: %s", err);
		goto out;
	}
	crypto_hash_sha256(hash, (const unsigned char *)sbuf_str(&man), man.len);
	sodium_bin2hex(hash_hex, 65, hash, sizeof hash);
	if (manifest_parse(sbuf_str(&man), man.len, &im->man, im->rep) < 0)
		goto out;
	/* What is printed is masked whatever happens next. */
	snprintf(res->issuer, sizeof res->issuer, "%s", im->man.issuer ? im->man.issuer : "");
	privacy_mask(res->issuer, strlen(res->issuer));
	res->sequence = im->man.sequence;
	if (bundle_scan_headers(im, sbuf_str(&man), man.len) < 0)
		goto out;
	rc = 0;
out:
	sbuf_free(&man);
	sbuf_free(&sig);
	return rc;
}

/* The CSV files the importer reads; each is hashed as it is copied in
 * (manifest_open_verified), so hashing them beforehand would read 100 MB
 * twice. */
static const char *const bundle_csvs[] = { "calendar.csv", "bulletins.csv", "guides.csv",
					   "qa.csv", "subsidies.csv", "replies.csv", "synonyms.csv",
					   "directory.csv", NULL };

/* Checks the hash of every listed file other than the CSVs, reporting all
 * problems at once; the CSVs are checked as they are read. */
static int bundle_check_unread(struct imp *im)
{
	struct manifest rest = im->man;
	int rc;

	rest.entries = xcalloc(im->man.nentries ? im->man.nentries : 1, sizeof *rest.entries);
	rest.nentries = 0;
	for (size_t i = 0; i < im->man.nentries; i++)
		if (!one_of(im->man.entries[i].path, bundle_csvs))
			rest.entries[rest.nentries++] = im->man.entries[i];
	rc = manifest_check_files(&rest, im->dir, im->rep);
	free(rest.entries); /* the entries' strings belong to im->man */
	return rc;
}

/* Refuses a bundle that is not newer than the last import. */
static int bundle_sequence(struct imp *im, struct bundle_result *res)
{
	long long last = 0;

	if (!im->db)
		return 0;
	if (store_last_sequence(im->db, &last, im->err, im->errlen) < 0) {
		imp_env(im);
		return -1;
	}
	res->last_sequence = last;
	if (im->man.sequence > last)
		return 0;
	if (im->man.sequence == last && im->opts->force)
		return 0;
	if (im->man.sequence == last)
		report_error(im->rep, "manifest.txt", 0, "序号",
			     "序号 %lld 已经导入过；如确需重新导入同一序号，请加 --force", im->man.sequence);
	else
		report_error(im->rep, "manifest.txt", 0, "序号",
			     "序号 %lld 比本机已导入的 %lld 旧，拒绝回退", im->man.sequence, last);
	return -1;
}

/* Verifies and (when asked) imports a bundle. */
int bundle_import(struct db *db, const struct bundle_opts *opts, struct report *rep,
		  struct bundle_result *res, char *err, size_t errlen)
{
	struct imp im = { .db = db, .opts = opts, .rep = rep, .err = err, .errlen = errlen };
	char hash_hex[65] = "";
	int began = 0;

	memset(res, 0, sizeof *res);
	bundle_pick_dir(opts->dir, res->dir, sizeof res->dir);
	im.dir = res->dir;
	im.write = opts->write && db;
	if (sodium_init() < 0) {
		util_errf(err, errlen, "加密库 libsodium 无法启动");
		return BUNDLE_ENV_FAILED;
	}
	if (bundle_trust(&im, res, hash_hex) < 0 || bundle_sequence(&im, res) < 0)
		goto done;
	im.enc = ENC_AUTO;
	if (im.man.encoding && encoding_from_name(im.man.encoding, &im.enc) < 0) {
		report_error(rep, "manifest.txt", 0, "编码", "不支持的编码 %s（应为 UTF-8、GB18030 或 GBK）",
			     im.man.encoding);
		goto done;
	}
	if (bundle_check_unread(&im) < 0)
		goto done;
	if (im.write) {
		struct store_import si = {
			.issuer = im.man.issuer, .sequence = im.man.sequence,
			.created = im.man.created, .source = im.dir, .manifest_sha256 = hash_hex,
			.operator_name = opts->operator_name ? opts->operator_name : "gongkaictl",
			.forced = opts->force && im.man.sequence == res->last_sequence,
		};
		db_tune_bulk(db);
		if (db_begin(db, err, errlen) < 0) {
			im.env_failed = 1;
			goto done;
		}
		began = 1;
		if (store_import_begin(db, &si, &im.import_id, err, errlen) < 0) {
			im.env_failed = 1;
			goto done;
		}
	}
	imp_csv(&im, "calendar.csv", cal_cols, CAL_N, cal_row, NULL);
	if (im.write && !im.env_failed && im.counts.calendar > 0 &&
	    db_apply_recompute(db, err, errlen) < 0)
		im.env_failed = 1;
	if (!im.env_failed)
		imp_csv(&im, "bulletins.csv", bulletin_cols, B_N, bulletin_row, NULL);
	strset_free(&im.bulletin_keys);
	if (!im.env_failed)
		imp_csv(&im, "guides.csv", guide_cols, G_N, guide_row, guides_begin);
	strset_free(&im.bulletin_keys);
	if (!im.env_failed)
		imp_csv(&im, "qa.csv", qa_cols, Q_N, qa_row, qa_begin);
	if (!im.env_failed)
		imp_csv(&im, "synonyms.csv", synonym_cols, SYN_N, synonym_row, synonyms_begin);
	if (!im.env_failed)
		imp_csv(&im, "directory.csv", directory_cols, D_N, directory_row, directory_begin);
	if (!im.env_failed)
		imp_subsidies(&im);
	if (im.write && !im.env_failed && rep->nerrors == 0 &&
	    store_bulk_end(db, err, errlen) < 0)
		im.env_failed = 1;
	imp_batches_done(&im);
	if (!im.env_failed)
		imp_csv(&im, "replies.csv", reply_cols, R_N, reply_row, NULL);
	if (im.write && !im.env_failed && rep->nerrors == 0) {
		if (store_optimize(db, &im.counts, err, errlen) < 0 ||
		    store_import_finish(db, im.import_id, &im.counts, err, errlen) < 0 ||
		    db_commit(db, err, errlen) < 0)
			im.env_failed = 1;
		else
			began = 0;
	}
done:
	if (began)
		db_rollback(db);
	strset_free(&im.bulletin_keys);
	manifest_free(&im.man);
	res->counts = im.counts;
	if (im.env_failed)
		return BUNDLE_ENV_FAILED;
	return rep->nerrors ? BUNDLE_REFUSED : BUNDLE_OK;
}

/* Adds dir/gongkai-bundle to the list when it holds a manifest. */
static void bundle_probe(const char *dir, char **paths, size_t max, size_t *n)
{
	char p[4096];
	struct stat st;

	if (*n >= max)
		return;
	snprintf(p, sizeof p, "%s/gongkai-bundle/manifest.txt", dir);
	if (lstat(p, &st) == 0 && S_ISREG(st.st_mode))
		paths[(*n)++] = xasprintf("%s/gongkai-bundle", dir);
}

/* Searches the mount roots two levels deep for bundles. */
size_t bundle_find(const char *mount_roots, char **paths, size_t max)
{
	char *roots = xstrdup(mount_roots ? mount_roots : ""), *save = NULL;
	size_t n = 0;

	for (char *root = strtok_r(roots, ":", &save); root; root = strtok_r(NULL, ":", &save)) {
		DIR *d = opendir(root);
		struct dirent *e;

		bundle_probe(root, paths, max, &n);
		if (!d)
			continue;
		while ((e = readdir(d)) != NULL) {
			char sub[4096];
			DIR *d2;
			struct dirent *e2;

			if (e->d_name[0] == '.')
				continue;
			snprintf(sub, sizeof sub, "%s/%s", root, e->d_name);
			bundle_probe(sub, paths, max, &n);
			d2 = opendir(sub);
			if (!d2)
				continue;
			while ((e2 = readdir(d2)) != NULL) {
				char sub2[4096 + 256];
				if (e2->d_name[0] == '.')
					continue;
				snprintf(sub2, sizeof sub2, "%s/%s", sub, e2->d_name);
				bundle_probe(sub2, paths, max, &n);
			}
			closedir(d2);
		}
		closedir(d);
	}
	free(roots);
	return n;
}

/* Reads a bundle's signed headers without hashing its files. */
int bundle_peek(const char *dir, const char *pubkey, struct bundle_info *out, struct report *rep)
{
	struct bundle_opts opts = { .dir = dir, .pubkey = pubkey };
	struct bundle_result res;
	struct imp im = { .opts = &opts, .rep = rep };
	char hash_hex[65] = "";
	int rc;

	memset(out, 0, sizeof *out);
	memset(&res, 0, sizeof res);
	bundle_pick_dir(dir, out->dir, sizeof out->dir);
	im.dir = out->dir;
	if (sodium_init() < 0) {
		report_error(rep, NULL, 0, NULL, "加密库 libsodium 无法启动");
		return -1;
	}
	rc = bundle_trust(&im, &res, hash_hex);
	if (rc == 0) {
		snprintf(out->issuer, sizeof out->issuer, "%s", res.issuer);
		out->sequence = res.sequence;
		snprintf(out->created, sizeof out->created, "%s", im.man.created ? im.man.created : "");
		privacy_mask(out->created, strlen(out->created));
	}
	manifest_free(&im.man);
	return rc;
}
