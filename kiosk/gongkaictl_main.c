/*
 * gongkaictl_main.c - the staff and county-office command line:
 * verify and import bundles, PINs, sealing keys, exports of applications
 * and opening them at the office, statistics (table 3), test prints.
 *
 * Exit status (shared/spec/interfaces.md): 0 done, 1 the input was refused
 * (report on stderr, one file:line: column: problem per line), 2 wrong
 * usage, 3 the environment failed. A refused command changes nothing.
 *
 * Every string that came from outside (a bundle, a stick's folder names, the
 * database, CUPS, the command line) is written through width_printable, so
 * no escape sequence, bell or bidi override reaches the staff terminal.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db/apply.h"
#include "db/calendar.h"
#include "db/db.h"
#include "db/log.h"
#include "db/staff.h"
#include "db/stats.h"
#include "kiosk/bundle.h"
#include "kiosk/calendar.h"
#include "kiosk/config.h"
#include "kiosk/export.h"
#include "kiosk/manifest.h"
#include "kiosk/office.h"
#include "kiosk/report.h"
#include "kiosk/staff.h"
#include "kiosk/util.h"
#include "kiosk/width.h"
#include "printing/print.h"
#include "printing/job.h"

struct ctl {
	const char *config_path; /* --config */
	const char *db_path;     /* --db */
	struct config cfg;
	int have_cfg;
};

/* Prints usage to f. */
static void ctl_usage(FILE *f)
{
	fputs("用法: gongkaictl [--config 配置文件] [--db 数据库] 命令 ...\n"
	      "命令:\n"
	      "  verify 数据包目录             检查签名、文件、每一行和隐私，不写入任何东西\n"
	      "  import 数据包目录 [--force]   检查后导入，要么全部导入，要么一点不改\n"
	      "    （verify、import 加 --progress：不在终端上时也逐行报告进度，便于记录）\n"
	      "  find-bundles                 列出已插入的 U 盘上的数据包\n"
	      "  set-pin                      从标准输入读工作人员 PIN，输出 pin_hash 设置行\n"
	      "  seal-keygen 前缀             生成 前缀.pub / 前缀.key，用于加密申请\n"
	      "  export 文件夹                把申请（已加密）导出到 文件夹/gongkai-export，交给县里\n"
	      "  open-applications --key 私钥文件 文件夹...\n"
	      "                               县里用：核对并解开各台一体机的导出，写出 applications.csv\n"
	      "  stats [--year 年份] [--csv]  年度报告表三（依申请公开）和一体机使用情况的数字；\n"
	      "                               --csv 只输出表三，供电子表格使用\n"
	      "  print-test                   打印一张含各类字符的测试页\n"
	      "  deadline [日期] [天数]       从日期（默认今天）起第几个工作日（默认 20）是哪天\n"
	      "  history                      列出已导入的数据包\n",
	      f);
}

/* Writes text made printable, keeping its line breaks: each line of a
 * report or warning list is cleaned on its own. */
static void ctl_out(FILE *f, const char *text)
{
	struct sbuf b = {0};

	while (text && *text) {
		const char *nl = strchr(text, '\n');
		size_t n = nl ? (size_t)(nl - text) : strlen(text);

		width_printable_addn(&b, text, n);
		if (nl)
			sbuf_addc(&b, '\n');
		text += n + (nl ? 1 : 0);
	}
	fputs(sbuf_str(&b), f);
	sbuf_free(&b);
}

/* Writes "gongkaictl: " and one printable line to stderr. */
static void ctl_err(const char *msg)
{
	fputs("gongkaictl: ", stderr);
	ctl_out(stderr, msg);
	fputc('\n', stderr);
}

/* Reports an environment failure (exit 3) with what to check. A limit on
 * file size (ulimit -f) is named, since writes past it fail with EFBIG. */
static void ctl_env_fail(const char *err)
{
	struct rlimit rl;

	ctl_err(err);
	fputs("gongkaictl: 运行环境出错，数据库未作任何改动。请检查磁盘空间、文件大小限制"
	      "（ulimit -f）和数据库文件的权限，再重试。\n", stderr);
	if (getrlimit(RLIMIT_FSIZE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
		fprintf(stderr, "gongkaictl: 注意：本次运行的文件大小上限是 %llu 字节\n",
			(unsigned long long)rl.rlim_cur);
}

/* Loads the configuration once; exits 3 on a bad file. */
static void ctl_config(struct ctl *c)
{
	char err[512];

	if (c->have_cfg)
		return;
	if (config_load(c->config_path, &c->cfg, err, sizeof err) < 0) {
		ctl_err(err);
		exit(GK_EXIT_ENV);
	}
	if (c->cfg.warnings[0])
		ctl_out(stderr, c->cfg.warnings);
	c->have_cfg = 1;
}

/* Opens the database named by --db or the configuration. */
static struct db *ctl_db(struct ctl *c, int flags)
{
	char err[512];
	struct db *db;
	const char *path;

	ctl_config(c);
	path = c->db_path ? c->db_path : c->cfg.database;
	if (db_open(path, flags, &db, err, sizeof err) < 0) {
		ctl_env_fail(err);
		exit(GK_EXIT_ENV);
	}
	return db;
}

/* Counts the imports of the history (stats_imports callback). */
static void ctl_count_import(void *ctx, long long seq, const char *issuer, const char *created,
			     const char *at, int forced, long long bulletins, long long subsidies)
{
	(*(long *)ctx)++;
}

/* Creates the database file when it does not exist yet. Returns 1 when this
 * command created it (so a refused import may remove it again), 0 when it
 * was there before or cannot be made here (db_open then says why). */
static int ctl_create_db(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);

	if (fd < 0)
		return 0;
	close(fd);
	return 1;
}

/* Removes a database this command created, with its WAL and shared-memory
 * files, unless an import has been committed to it meanwhile. */
static void ctl_remove_new_db(struct db *db, const char *path)
{
	static const char *const tails[] = { "", "-wal", "-shm", "-journal" };
	char err[512], *p;
	long n = 0;

	if (db && stats_imports(db, ctl_count_import, &n, err, sizeof err) == 0 && n > 0) {
		db_close(db);
		return;
	}
	db_close(db);
	for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
		p = xasprintf("%s%s", path, tails[i]);
		if (unlink(p) < 0 && errno != ENOENT)
			fprintf(stderr, "gongkaictl: 无法删除本次新建的 %s（%s）\n", p, strerror(errno));
		free(p);
	}
}

/* Shows import progress: on a terminal one line rewritten in place; with
 * --progress and no terminal (a log, a benchmark), one line per report. */
static void ctl_progress(void *ctx, const char *file, long rows)
{
	const int *forced = ctx;
	int tty = isatty(2);

	if (tty || *forced) {
		char *f = width_printable(file);

		fprintf(stderr, tty ? "\r%s: %ld 行" : "%s: %ld 行\n", f, rows);
		free(f);
	}
}

/* verify and import: the same checks; import also writes. */
static int ctl_bundle(struct ctl *c, int argc, char **argv, int write)
{
	int forced = 0;
	struct bundle_opts o = { .operator_name = "gongkaictl", .progress = ctl_progress,
				 .progress_ctx = &forced };
	struct bundle_result res;
	struct report rep = { .max_errors = 20000 };
	struct db *db = NULL;
	char err[512] = "";
	const char *path;
	int rc, created = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--force") == 0 && write)
			o.force = 1;
		else if (strcmp(argv[i], "--progress") == 0)
			forced = 1;
		else if (argv[i][0] == '-' || o.dir) {
			ctl_usage(stderr);
			return GK_EXIT_USAGE;
		} else
			o.dir = argv[i];
	}
	if (!o.dir) {
		ctl_usage(stderr);
		return GK_EXIT_USAGE;
	}
	ctl_config(c);
	/* A key that is no key is the kiosk's configuration, not the bundle. */
	if (config_check_pubkey(&c->cfg, err, sizeof err) < 0) {
		ctl_err(err);
		return GK_EXIT_ENV;
	}
	o.pubkey = c->cfg.bundle_pubkey;
	o.write = write;
	path = c->db_path ? c->db_path : c->cfg.database;
	{
		/* Verified copies of large files go beside the database, on
		 * the kiosk's own disk, not in a small /var/tmp. */
		char *dir = xstrdup(path), *slash = strrchr(dir, '/');

		if (slash)
			*slash = '\0';
		manifest_set_spool_dir(slash ? (dir[0] ? dir : "/") : ".");
		free(dir);
	}
	if (write) {
		created = ctl_create_db(path);
		if (db_open(path, DB_READWRITE, &db, err, sizeof err) < 0) {
			ctl_env_fail(err);
			if (created)
				ctl_remove_new_db(NULL, path);
			return GK_EXIT_ENV;
		}
	} else {
		/* verify reads the database only to check the sequence */
		struct stat st;

		if (stat(path, &st) < 0 && errno == ENOENT) {
			char *p = width_printable(path);

			fprintf(stderr, "注意：数据库 %s 还不存在（新装的一体机），未检查数据包序号\n", p);
			free(p);
		} else if (db_open(path, DB_READONLY, &db, err, sizeof err) < 0) {
			char *p = width_printable(path), *e = width_printable(err);

			fprintf(stderr, "gongkaictl: 无法打开数据库 %s，不能检查数据包序号（%s）。\n"
				"请检查 --db 或配置里的 [kiosk] database 是否指向一体机的数据库，"
				"以及文件权限。\n", p, e);
			free(p);
			free(e);
			return GK_EXIT_ENV;
		}
	}
	rc = bundle_import(db, &o, &rep, &res, err, sizeof err);
	if (isatty(2))
		fputc('\n', stderr);
	ctl_out(stderr, sbuf_str(&rep.warnings));
	ctl_out(stderr, sbuf_str(&rep.errors));
	if (rc == BUNDLE_OK) {
		char *issuer = width_printable(res.issuer);

		printf("%s: %s 第 %lld 号数据包%s\n", write ? "已导入" : "校验通过", issuer,
		       res.sequence, write ? "" : "（未写入）");
		free(issuer);
		printf("公告文件 %ld，办事指南 %ld，补贴名单 %ld 行，问答 %ld，日历 %ld 天，答复 %ld\n",
		       res.counts.bulletins, res.counts.guides, res.counts.subsidies, res.counts.qa,
		       res.counts.calendar, res.counts.replies);
	} else if (rc == BUNDLE_REFUSED) {
		fprintf(stderr, "拒绝%s: 发现 %ld 处问题，数据库未作任何改动\n", write ? "导入" : "",
			rep.nerrors);
	} else {
		ctl_env_fail(err);
	}
	report_free(&rep);
	if (created && rc != BUNDLE_OK)
		ctl_remove_new_db(db, path); /* a fresh kiosk stays as it was */
	else
		db_close(db);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "gongkaictl: 无法写出结果（%s）\n", strerror(errno));
		return GK_EXIT_ENV;
	}
	return rc == BUNDLE_OK ? GK_EXIT_OK : rc == BUNDLE_REFUSED ? GK_EXIT_REFUSED : GK_EXIT_ENV;
}

static void ctl_csv_field(struct sbuf *b, const char *s);

/* A headed table for staff: columns aligned in terminal columns (CJK
 * takes two), or CSV (UTF-8 with a BOM, so Excel opens it) for
 * spreadsheets. Every cell is made printable when it is added. */
#define CTL_TAB_COLS 8
struct ctl_tab {
	int ncols;
	const char *head[CTL_TAB_COLS];
	char **cells; /* nrows * ncols, owned */
	int nrows;
};

/* Adds a row of t->ncols cells (borrowed; copied printable). */
static void ctl_tab_row(struct ctl_tab *t, const char *const *cells)
{
	t->cells = xrealloc(t->cells, (size_t)(t->nrows + 1) * (size_t)t->ncols * sizeof *t->cells);
	for (int i = 0; i < t->ncols; i++)
		t->cells[t->nrows * t->ncols + i] = width_printable(cells[i] ? cells[i] : "");
	t->nrows++;
}

/* Prints the table (csv: as CSV) and frees it. */
static void ctl_tab_print(struct ctl_tab *t, int csv)
{
	int w[CTL_TAB_COLS];
	struct sbuf b = {0};

	if (csv) {
		fputs("\xEF\xBB\xBF", stdout);
		for (int r = -1; r < t->nrows; r++) {
			sbuf_reset(&b);
			for (int i = 0; i < t->ncols; i++) {
				if (i)
					sbuf_addc(&b, ',');
				ctl_csv_field(&b, r < 0 ? t->head[i] : t->cells[r * t->ncols + i]);
			}
			printf("%s\r\n", sbuf_str(&b));
		}
	} else {
		for (int i = 0; i < t->ncols; i++) {
			w[i] = width_str(t->head[i]);
			for (int r = 0; r < t->nrows; r++)
				if (width_str(t->cells[r * t->ncols + i]) > w[i])
					w[i] = width_str(t->cells[r * t->ncols + i]);
		}
		for (int r = -1; r < t->nrows; r++) {
			sbuf_reset(&b);
			for (int i = 0; i < t->ncols; i++) {
				const char *s = r < 0 ? t->head[i] : t->cells[r * t->ncols + i];

				if (i)
					sbuf_add(&b, "  ");
				if (i == t->ncols - 1)
					sbuf_add(&b, s);
				else
					width_pad(&b, s, w[i]);
			}
			puts(sbuf_str(&b));
			if (r < 0) {
				int total = 0;

				for (int i = 0; i < t->ncols; i++)
					total += w[i] + (i ? 2 : 0);
				sbuf_reset(&b);
				for (int k = 0; k < total; k++)
					sbuf_add(&b, "─");
				puts(sbuf_str(&b));
			}
		}
	}
	sbuf_free(&b);
	for (int k = 0; k < t->nrows * t->ncols; k++)
		free(t->cells[k]);
	free(t->cells);
	t->cells = NULL;
	t->nrows = 0;
}

/* Lists bundles found under the configured mount roots: where, who made
 * it, its sequence and date (read after its signature checked), and how it
 * compares with this kiosk's last import. */
static int ctl_find(struct ctl *c, int argc, char **argv)
{
	struct ctl_tab t = { 5, { "位置", "发布机关", "序号", "制作时间", "与本机比较" }, NULL, 0 };
	struct db_staff_import last = { 0 };
	char *paths[32], err[512];
	struct db *db = NULL;
	int csv = 0, keyok;
	size_t n;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--csv") != 0) {
			ctl_usage(stderr);
			return GK_EXIT_USAGE;
		}
		csv = 1;
	}
	ctl_config(c);
	keyok = config_check_pubkey(&c->cfg, err, sizeof err) == 0;
	if (db_open(c->db_path ? c->db_path : c->cfg.database, DB_READONLY, &db, err, sizeof err) == 0) {
		if (db_staff_last_import(db, &last, err, sizeof err) < 0)
			last.found = 0;
		db_close(db);
	}
	n = bundle_find(c->cfg.mount_roots, paths, 32);
	for (size_t i = 0; i < n; i++) {
		struct bundle_info info;
		struct report rep = { .max_errors = 100 };
		char seq[32] = "", *where = NULL;
		const char *cells[5];

		if (!keyok) {
			cells[1] = "";
			cells[4] = "无法核对签名：配置里没有县政府办公室的公钥";
			cells[3] = "";
		} else if (bundle_peek(paths[i], c->cfg.bundle_pubkey, &info, &rep) < 0) {
			cells[1] = "";
			cells[3] = "";
			cells[4] = "签名不对，不能导入：请向县政府办公室重新索取数据包";
		} else {
			snprintf(seq, sizeof seq, "%lld", info.sequence);
			cells[1] = info.issuer;
			cells[3] = info.created;
			cells[4] = staff_bundle_age_text(
				staff_bundle_age(info.sequence, last.found ? last.sequence : 0));
		}
		where = xstrdup(paths[i]);
		cells[0] = where;
		cells[2] = seq;
		ctl_tab_row(&t, cells);
		free(where);
		report_free(&rep);
		free(paths[i]);
	}
	if (n == 0 && !csv) {
		fprintf(stderr, "没有找到数据包：请确认U盘已插好，数据包文件夹名为 gongkai-bundle\n");
		return GK_EXIT_REFUSED;
	}
	ctl_tab_print(&t, csv);
	return n ? GK_EXIT_OK : GK_EXIT_REFUSED;
}

/* Reads a PIN from stdin and prints the configuration line. */
static int ctl_set_pin(void)
{
	char pin[128], hash[crypto_pwhash_STRBYTES];
	size_t n;

	if (!fgets(pin, sizeof pin, stdin)) {
		fputs("gongkaictl: 标准输入上没有 PIN：请输入 4 到 32 位数字后按回车\n", stderr);
		return GK_EXIT_REFUSED;
	}
	n = strcspn(pin, "\r\n");
	pin[n] = '\0';
	if (n < 4 || n > 32 || strspn(pin, "0123456789") != n) {
		fputs("gongkaictl: PIN 必须是 4 到 32 位数字\n", stderr);
		sodium_memzero(pin, sizeof pin);
		return GK_EXIT_REFUSED;
	}
	if (crypto_pwhash_str(hash, pin, n, crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
		sodium_memzero(pin, sizeof pin);
		fputs("gongkaictl: 内存不足，无法计算 PIN 的散列\n", stderr);
		return GK_EXIT_ENV;
	}
	sodium_memzero(pin, sizeof pin);
	printf("pin_hash = %s\n", hash);
	return GK_EXIT_OK;
}

/* Writes a file with the given mode, refusing to overwrite. */
static int ctl_write_new(const char *path, const char *text, mode_t mode)
{
	FILE *f;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, mode);

	if (fd < 0) {
		char *p = width_printable(path);

		fprintf(stderr, "gongkaictl: 无法新建 %s（%s）%s\n", p, strerror(errno),
			errno == EEXIST ? "：文件已存在，不会覆盖" : "");
		free(p);
		return -1;
	}
	f = fdopen(fd, "w");
	if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
		char *p = width_printable(path);

		fprintf(stderr, "gongkaictl: 写入 %s 失败（%s）：请检查磁盘空间和文件大小限制\n", p,
			strerror(errno));
		free(p);
		unlink(path);
		return -1;
	}
	return 0;
}

/* Makes a crypto_box key pair for sealing applications, base64 encoded. */
static int ctl_seal_keygen(int argc, char **argv)
{
	unsigned char pk[crypto_box_PUBLICKEYBYTES], sk[crypto_box_SECRETKEYBYTES];
	char b64pk[sodium_base64_ENCODED_LEN(sizeof pk, sodium_base64_VARIANT_ORIGINAL)];
	char b64sk[sodium_base64_ENCODED_LEN(sizeof sk, sodium_base64_VARIANT_ORIGINAL)];
	char path[4096], *text;

	if (argc != 2) {
		ctl_usage(stderr);
		return GK_EXIT_USAGE;
	}
	crypto_box_keypair(pk, sk);
	sodium_bin2base64(b64pk, sizeof b64pk, pk, sizeof pk, sodium_base64_VARIANT_ORIGINAL);
	sodium_bin2base64(b64sk, sizeof b64sk, sk, sizeof sk, sodium_base64_VARIANT_ORIGINAL);
	sodium_memzero(sk, sizeof sk);
	snprintf(path, sizeof path, "%s.key", argv[1]);
	text = xasprintf("# gongkai seal secret key: keep it at the county office, never on a kiosk\n%s\n",
			 b64sk);
	sodium_memzero(b64sk, sizeof b64sk);
	if (ctl_write_new(path, text, 0600) < 0) {
		free(text);
		return GK_EXIT_ENV;
	}
	free(text);
	snprintf(path, sizeof path, "%s.pub", argv[1]);
	text = xasprintf("# gongkai seal public key: put it in kiosk.conf as [trust] seal_pubkey\n%s\n",
			 b64pk);
	if (ctl_write_new(path, text, 0644) < 0) {
		free(text);
		return GK_EXIT_ENV;
	}
	free(text);
	printf("seal_pubkey = %s\n", b64pk);
	return GK_EXIT_OK;
}

/* Prints one statistics line. */
static void ctl_stat_line(void *ctx, const char *section, const char *label, long long value)
{
	char *s = width_printable(section), *l = width_printable(label);

	printf("%s\t%s\t%lld\n", s, l, value);
	free(s);
	free(l);
}

/* Prints one import of the history. */
static void ctl_import_line(void *ctx, long long seq, const char *issuer, const char *created,
			    const char *at, int forced, long long bulletins, long long subsidies)
{
	char s[32], b[32], n[32];
	const char *cells[7];

	snprintf(s, sizeof s, "%lld", seq);
	snprintf(b, sizeof b, "%lld", bulletins);
	snprintf(n, sizeof n, "%lld", subsidies);
	cells[0] = s;
	cells[1] = issuer;
	cells[2] = created;
	cells[3] = at;
	cells[4] = forced ? "重新导入" : "导入";
	cells[5] = b;
	cells[6] = n;
	ctl_tab_row(ctx, cells);
}

/* Column words of table 3, in db_table3's column order. */
static const char *const ctl_t3_cols[DB_T3_COLS] = {
	"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计",
};

/* Appends a CSV field, quoted when it holds a comma, quote or line break. */
static void ctl_csv_field(struct sbuf *b, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		sbuf_add(b, s);
		return;
	}
	sbuf_addc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			sbuf_addc(b, '"');
		sbuf_addc(b, *s);
	}
	sbuf_addc(b, '"');
}

/* Returns 1 when row r of table 3 is shown: headings always, unclassed
 * answers only when one was counted. */
static int ctl_t3_shown(const long long *cells, int r)
{
	if (db_table3_rows[r].kind != DB_T3_UNCLASSED)
		return 1;
	for (int c = 0; c < DB_T3_COLS; c++)
		if (cells[r * DB_T3_COLS + c])
			return 1;
	return 0;
}

/* Checks table 3's identities: 一 + 二 = （七）总计 + 四 in every column,
 * and （七）总计 equal to the rows of 三 above it. Writes plain Chinese
 * lines into out. Returns 1 when everything holds. */
static int ctl_t3_check(const long long *cells, struct sbuf *out)
{
	int total = db_table3_row_total(), carried = db_table3_row_carried_out(), ok = 1;

	for (int c = 0; c < DB_T3_COLS; c++) {
		long long in = cells[DB_T3_NEW * DB_T3_COLS + c] + cells[DB_T3_CARRIED_IN * DB_T3_COLS + c];
		long long done = cells[total * DB_T3_COLS + c] + cells[carried * DB_T3_COLS + c];
		long long results = 0;

		if (in != done) {
			sbuf_addf(out, "核对不成立：“%s”列 一 + 二 = %lld，而（七）总计 + 四 = %lld。\n",
				  ctl_t3_cols[c], in, done);
			ok = 0;
		}
		/* the results of 三 are the rows between 二 and （七）总计 */
		for (int r = DB_T3_CARRIED_IN + 1; r < total; r++)
			if (db_table3_rows[r].kind != DB_T3_HEADING)
				results += cells[r * DB_T3_COLS + c];
		if (results != cells[total * DB_T3_COLS + c]) {
			sbuf_addf(out, "核对不成立：“%s”列 （七）总计是 %lld，而三之下各项之和是 %lld。\n",
				  ctl_t3_cols[c], cells[total * DB_T3_COLS + c], results);
			ok = 0;
		}
	}
	if (ok)
		sbuf_add(out, "核对：每一列都满足 一 + 二 = （七）总计 + 四，（七）总计等于各项办理结果之和，"
			      "可以照此填报。\n");
	else
		sbuf_add(out, "以上数字对不上，请不要照此填报，把这段输出和数据库文件交给技术支持。\n");
	return ok;
}

/* Writes table 3 of year aligned in terminal columns (CJK counts two):
 * the seven number columns first, so they line up whatever the length of
 * the row's words, which follow them and may run on. */
static void ctl_t3_text(int year, const long long *cells, struct sbuf *out)
{
	int cw[DB_T3_COLS], span = 0;

	for (int c = 0; c < DB_T3_COLS; c++) {
		cw[c] = width_str(ctl_t3_cols[c]);
		for (int r = 0; r < db_table3_nrows; r++) {
			int w = snprintf(NULL, 0, "%lld", cells[r * DB_T3_COLS + c]);
			if (w > cw[c])
				cw[c] = w;
		}
	}
	sbuf_addf(out, "%d 年 政府信息公开工作年度报告 表三 收到和处理政府信息公开申请情况"
		       "（本机受理的申请）\n", year);
	/* the group heading over the five kinds of 法人或其他组织 */
	for (int c = 1; c <= 5; c++)
		span += cw[c] + (c > 1 ? 2 : 0);
	for (int i = 0; i < cw[0] + 2; i++)
		sbuf_addc(out, ' ');
	{
		int w = width_str("法人或其他组织"), left = (span - w) / 2;

		for (int i = 0; i < left; i++)
			sbuf_addc(out, '-');
		sbuf_add(out, "法人或其他组织");
		for (int i = left + w; i < span; i++)
			sbuf_addc(out, '-');
	}
	sbuf_addc(out, '\n');
	for (int c = 0; c < DB_T3_COLS; c++) {
		for (int i = width_str(ctl_t3_cols[c]); i < cw[c]; i++)
			sbuf_addc(out, ' ');
		sbuf_add(out, ctl_t3_cols[c]);
		sbuf_add(out, "  ");
	}
	sbuf_add(out, "申请人情况 / 项目\n");
	for (int r = 0; r < db_table3_nrows; r++) {
		if (!ctl_t3_shown(cells, r))
			continue;
		for (int c = 0; c < DB_T3_COLS; c++) {
			if (db_table3_rows[r].kind == DB_T3_HEADING)
				sbuf_addf(out, "%*s  ", cw[c], "");
			else
				sbuf_addf(out, "%*lld  ", cw[c], cells[r * DB_T3_COLS + c]);
		}
		for (int i = 0; i < 2 * db_table3_rows[r].level; i++)
			sbuf_addc(out, ' ');
		sbuf_add(out, db_table3_rows[r].label);
		sbuf_addc(out, '\n');
	}
}

/* Writes table 3 as CSV (UTF-8 with BOM, CRLF) for a spreadsheet. */
static void ctl_t3_csv(const long long *cells, struct sbuf *out)
{
	sbuf_add(out, "\xEF\xBB\xBF项目");
	for (int c = 0; c < DB_T3_COLS; c++) {
		sbuf_addc(out, ',');
		ctl_csv_field(out, ctl_t3_cols[c]);
	}
	sbuf_add(out, "\r\n");
	for (int r = 0; r < db_table3_nrows; r++) {
		if (!ctl_t3_shown(cells, r))
			continue;
		ctl_csv_field(out, db_table3_rows[r].label);
		for (int c = 0; c < DB_T3_COLS; c++) {
			if (db_table3_rows[r].kind == DB_T3_HEADING)
				sbuf_addc(out, ',');
			else
				sbuf_addf(out, ",%lld", cells[r * DB_T3_COLS + c]);
		}
		sbuf_add(out, "\r\n");
	}
}

/* Prints table 3 of year (and its check) to stdout; with csv only the
 * table, the check going to stderr. Returns 0 or -1 with err. */
static int ctl_table3(struct db *db, int year, int csv, char *err, size_t errlen)
{
	long long *cells = xcalloc((size_t)db_table3_nrows * DB_T3_COLS, sizeof *cells);
	struct sbuf out = {0}, check = {0};

	if (db_table3(db, year, cells, err, errlen) < 0) {
		free(cells);
		return -1;
	}
	if (csv)
		ctl_t3_csv(cells, &out);
	else
		ctl_t3_text(year, cells, &out);
	ctl_t3_check(cells, &check);
	/* labels are ours, numbers are numbers: nothing from outside here */
	fputs(sbuf_str(&out), stdout);
	fputs(sbuf_str(&check), csv ? stderr : stdout);
	if (!csv)
		fputc('\n', stdout);
	sbuf_free(&out);
	sbuf_free(&check);
	free(cells);
	return 0;
}

/* stats [--year YYYY] [--csv] and history: read-only reports. */
static int ctl_stats(struct ctl *c, int argc, char **argv, int history)
{
	struct db *db;
	char err[512];
	int year = 0, rc, csv = 0;

	for (int i = 1; i < argc; i++) {
		char *end;
		if (!history && strcmp(argv[i], "--year") == 0 && i + 1 < argc) {
			year = (int)strtol(argv[++i], &end, 10);
			if (*end || year < 1990 || year > 2100) {
				fprintf(stderr, "gongkaictl: --year 后面应是年份，例如 2026\n");
				return GK_EXIT_USAGE;
			}
		} else if (strcmp(argv[i], "--csv") == 0) {
			csv = 1;
		} else {
			ctl_usage(stderr);
			return GK_EXIT_USAGE;
		}
	}
	db = ctl_db(c, DB_READONLY);
	if (history) {
		struct ctl_tab t = { 7, { "序号", "发布机关", "数据包制作时间", "导入时间", "方式", "公告",
					  "补贴名单（行）" }, NULL, 0 };

		rc = stats_imports(db, ctl_import_line, &t, err, sizeof err);
		if (rc == 0)
			ctl_tab_print(&t, csv);
	} else {
		char today[11];

		util_today(today);
		/* table 3 is yearly: without --year, this year's */
		rc = ctl_table3(db, year ? year : atoi(today), csv, err, sizeof err);
		if (rc == 0 && !csv)
			rc = stats_year(db, year, ctl_stat_line, NULL, err, sizeof err);
	}
	if (rc < 0)
		ctl_env_fail(err);
	db_close(db);
	if (rc == 0 && (fflush(stdout) != 0 || ferror(stdout))) {
		fprintf(stderr, "gongkaictl: 无法写出结果（%s）\n", strerror(errno));
		return GK_EXIT_ENV;
	}
	return rc < 0 ? GK_EXIT_ENV : GK_EXIT_OK;
}

/* export DIR: the sealed applications and their clear facts onto a stick. */
static int ctl_export(struct ctl *c, int argc, char **argv)
{
	struct export_result res;
	struct stat st;
	struct db *db;
	char err[1024], now[20], today[11];
	const char *path;
	int rc;

	if (argc != 2) {
		ctl_usage(stderr);
		return GK_EXIT_USAGE;
	}
	ctl_config(c);
	path = c->db_path ? c->db_path : c->cfg.database;
	/* an export never creates an empty database */
	if (stat(path, &st) < 0) {
		char *p = width_printable(path);

		fprintf(stderr, "gongkaictl: 找不到数据库 %s（%s）：请检查 --db 或配置里的 [kiosk] database\n",
			p, strerror(errno));
		free(p);
		return GK_EXIT_ENV;
	}
	db = ctl_db(c, DB_READWRITE);
	util_now(now);
	util_today(today);
	rc = export_write(db, &c->cfg, argv[1], now, today, &res, err, sizeof err);
	db_close(db);
	if (rc < 0) {
		ctl_err(err);
		return GK_EXIT_ENV;
	}
	{
		char *p = width_printable(res.path);

		printf("已导出 %ld 份申请到 %s\n", res.applications, p);
		printf("已导出 %ld 个咨询登记\n", res.consultations);
		free(p);
	}
	if (fflush(stdout) != 0 || ferror(stdout))
		return GK_EXIT_ENV;
	return GK_EXIT_OK;
}

/* open-applications --key FILE DIR...: the county office's side. */
static int ctl_open_applications(int argc, char **argv)
{
	struct report rep = { .max_errors = 2000 };
	struct office_result res;
	char **keys = xcalloc((size_t)argc, sizeof *keys), **dirs = xcalloc((size_t)argc, sizeof *dirs);
	char err[1024] = "";
	int nkeys = 0, ndirs = 0, rc;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--key") == 0 && i + 1 < argc)
			keys[nkeys++] = argv[++i];
		else if (strncmp(argv[i], "--key=", 6) == 0 && argv[i][6])
			keys[nkeys++] = argv[i] + 6;
		else if (argv[i][0] == '-' && argv[i][1])
			nkeys = -1000;
		else
			dirs[ndirs++] = argv[i];
	}
	if (nkeys <= 0 || ndirs == 0) {
		fputs("gongkaictl: 用法：open-applications --key 私钥文件 导出文件夹...（私钥文件来自 "
		      "seal-keygen 生成的 .key；导出文件夹可以给多个）\n", stderr);
		free(keys);
		free(dirs);
		return GK_EXIT_USAGE;
	}
	rc = office_open_applications(keys, nkeys, dirs, ndirs, "applications.csv",
				      "consultations.csv", "usage.csv", &rep, &res, err, sizeof err);
	ctl_out(stderr, sbuf_str(&rep.warnings));
	ctl_out(stderr, sbuf_str(&rep.errors));
	if (rc == OFFICE_OK) {
		printf("已写出 applications.csv：%ld 份申请（来自 %ld 个导出文件夹，"
		       "重复导出的 %ld 份已合并）\n", res.applications, res.folders, res.merged);
		printf("已写出 consultations.csv：%ld 个咨询登记（重复导出的 %ld 个已合并）\n",
		       res.consultations, res.consult_merged);
		printf("已写出 usage.csv：%ld 行使用统计（每台一体机取最新的导出）\n", res.usage);
	} else if (rc == OFFICE_REFUSED) {
		fprintf(stderr, "拒绝：发现 %ld 处问题，没有写出 applications.csv。"
			"请按上面每一行的提示处理后再运行\n", rep.nerrors);
	} else {
		ctl_err(err);
	}
	report_free(&rep);
	free(keys);
	free(dirs);
	if (rc == OFFICE_OK && (fflush(stdout) != 0 || ferror(stdout)))
		return GK_EXIT_ENV;
	return rc == OFFICE_OK ? GK_EXIT_OK : rc == OFFICE_REFUSED ? GK_EXIT_REFUSED : GK_EXIT_ENV;
}

/* Shows a print job's progress on a terminal. */
static int ctl_print_progress(void *ctx, const struct print_progress *p)
{
	if (isatty(2) && p->message) {
		char *m = width_printable(p->message), *r = width_printable(p->reasons);

		fprintf(stderr, "\r%s%s%s   ", m, *r ? "：" : "", r);
		free(m);
		free(r);
	}
	return 0;
}

/* Prints the test page on the configured printer and logs it. */
static int ctl_print_test(struct ctl *c)
{
	struct print_result res;
	struct db *db = NULL;
	char err[512];
	int rc;

	ctl_config(c);
	rc = print_test_run(c->cfg.printer, c->cfg.kiosk_name, ctl_print_progress, NULL, &res);
	if (isatty(2))
		fputc('\n', stderr);
	{
		char *d = width_printable(res.dest), *m = width_printable(res.message);
		char *r = width_printable(res.reasons), *x = width_printable(res.detail);

		if (rc == PRINT_OK)
			printf("测试页已打印（打印机 %s，任务 %d）\n", d, res.job_id);
		else
			fprintf(stderr, "打印失败：%s%s%s\n(%s)\n", m, *r ? "：" : "", r, x);
		free(d);
		free(m);
		free(r);
		free(x);
	}
	/* The log is best effort: a kiosk without a database can still test its printer. */
	if (db_open(c->db_path ? c->db_path : c->cfg.database, DB_READWRITE, &db, err, sizeof err) == 0) {
		db_log_print(db, print_log_kind_word(PRINT_LOG_TEST_PAGE), "打印测试页", "", rc == PRINT_OK ? 1 : 0,
			     rc == PRINT_OK ? "完成" : res.message, err, sizeof err);
		db_close(db);
	}
	return rc == PRINT_OK ? GK_EXIT_OK : GK_EXIT_ENV;
}

/* Prints a statutory deadline counted in working days on the calendar. */
static int ctl_deadline(struct ctl *c, int argc, char **argv)
{
	char from[11], due[11];
	int days = 20;
	struct db *db;

	util_today(from);
	if (argc > 3) {
		ctl_usage(stderr);
		return GK_EXIT_USAGE;
	}
	if (argc > 1) {
		if (calendar_days(argv[1]) < 0) {
			char *a = width_printable(argv[1]);

			fprintf(stderr, "gongkaictl: %s 不是日期（应为 2026-09-25 这样的 年-月-日）\n", a);
			free(a);
			return GK_EXIT_USAGE;
		}
		snprintf(from, sizeof from, "%s", argv[1]);
	}
	if (argc > 2) {
		char *end;
		long n = strtol(argv[2], &end, 10);
		if (*end || n < 1 || n > 366) {
			fprintf(stderr, "gongkaictl: 天数应为 1 到 366\n");
			return GK_EXIT_USAGE;
		}
		days = (int)n;
	}
	db = ctl_db(c, DB_READONLY);
	calendar_add_working_days(from, days, db_calendar_kind, db, due);
	db_close(db);
	printf("%s\n", due);
	return GK_EXIT_OK;
}

/* Runs one command. */
int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct ctl c = { 0 };
	const char *cmd;
	int opt, rc;

	if (sodium_init() < 0) {
		fputs("gongkaictl: libsodium 无法启动\n", stderr);
		return GK_EXIT_ENV;
	}
	/* Past a file-size limit (ulimit -f) a write then fails with EFBIG and
	 * is reported, instead of the kernel killing us mid-import. */
	signal(SIGXFSZ, SIG_IGN);
	/* Stop at the command word so its own options (--force) stay for it. */
	while ((opt = getopt_long(argc, argv, "+c:d:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'c':
			c.config_path = optarg;
			break;
		case 'd':
			c.db_path = optarg;
			break;
		case 'h':
			ctl_usage(stdout);
			return GK_EXIT_OK;
		default:
			ctl_usage(stderr);
			return GK_EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		ctl_usage(stderr);
		return GK_EXIT_USAGE;
	}
	cmd = argv[optind];
	argc -= optind;
	argv += optind;
	if (strcmp(cmd, "verify") == 0)
		rc = ctl_bundle(&c, argc, argv, 0);
	else if (strcmp(cmd, "import") == 0)
		rc = ctl_bundle(&c, argc, argv, 1);
	else if (strcmp(cmd, "stats") == 0)
		rc = ctl_stats(&c, argc, argv, 0);
	else if (strcmp(cmd, "history") == 0)
		rc = ctl_stats(&c, argc, argv, 1);
	else if (strcmp(cmd, "deadline") == 0)
		rc = ctl_deadline(&c, argc, argv);
	else if (strcmp(cmd, "print-test") == 0)
		rc = ctl_print_test(&c);
	else if (strcmp(cmd, "find-bundles") == 0)
		rc = ctl_find(&c, argc, argv);
	else if (strcmp(cmd, "set-pin") == 0)
		rc = ctl_set_pin();
	else if (strcmp(cmd, "seal-keygen") == 0)
		rc = ctl_seal_keygen(argc, argv);
	else if (strcmp(cmd, "export") == 0)
		rc = ctl_export(&c, argc, argv);
	else if (strcmp(cmd, "open-applications") == 0)
		rc = ctl_open_applications(argc, argv);
	else {
		char *w = width_printable(cmd);

		fprintf(stderr, "gongkaictl: 没有“%s”这个命令\n", w);
		free(w);
		ctl_usage(stderr);
		rc = GK_EXIT_USAGE;
	}
	if (c.have_cfg)
		config_free(&c.cfg);
	return rc;
}
