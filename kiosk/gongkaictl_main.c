/*
 * gongkaictl_main.c - the staff and county-office command line:
 * verify and import bundles, PINs, sealing keys, statistics, test prints.
 *
 * Exit status (shared/spec/interfaces.md): 0 done, 1 the input was refused
 * (report on stderr, one file:line: column: problem per line), 2 wrong
 * usage, 3 the environment failed. A refused command changes nothing.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db/calendar.h"
#include "db/db.h"
#include "db/log.h"
#include "db/stats.h"
#include "kiosk/bundle.h"
#include "kiosk/calendar.h"
#include "kiosk/config.h"
#include "kiosk/report.h"
#include "kiosk/util.h"
#include "printing/print.h"

struct ctl {
	const char *config_path; /* --config */
	const char *db_path;     /* --db */
	struct config cfg;
	int have_cfg;
};

/* Prints usage to f. */
static void ctl_usage(FILE *f)
{
	fputs("usage: gongkaictl [--config FILE] [--db FILE] COMMAND ...\n"
	      "commands:\n"
	      "  verify BUNDLE              check signature, hashes, rows, privacy; write nothing\n"
	      "  import BUNDLE [--force]    verify, then import all or nothing\n"
	      "  find-bundles               list bundles on mounted USB sticks\n"
	      "  set-pin                    read a staff PIN on stdin, print the pin_hash line\n"
	      "  seal-keygen PREFIX         make PREFIX.pub / PREFIX.key for sealing applications\n"
	      "  stats [--year YYYY]        figures for the yearly report and kiosk usage\n"
	      "  print-test                 print a test page with every kind of glyph\n"
	      "  deadline [DATE] [DAYS]     the date DAYS working days (default 20) after DATE (default today)\n"
	      "  history                    list the imported bundles\n",
	      f);
}

/* Loads the configuration once; exits 3 on a bad file. */
static void ctl_config(struct ctl *c)
{
	char err[512];

	if (c->have_cfg)
		return;
	if (config_load(c->config_path, &c->cfg, err, sizeof err) < 0) {
		fprintf(stderr, "gongkaictl: %s\n", err);
		exit(GK_EXIT_ENV);
	}
	if (c->cfg.warnings[0])
		fprintf(stderr, "%s", c->cfg.warnings);
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
		fprintf(stderr, "gongkaictl: %s\n", err);
		exit(GK_EXIT_ENV);
	}
	return db;
}

/* Shows import progress on a terminal. */
static void ctl_progress(void *ctx, const char *file, long rows)
{
	if (isatty(2))
		fprintf(stderr, "\r%s: %ld 行", file, rows);
}

/* verify and import: the same checks; import also writes. */
static int ctl_bundle(struct ctl *c, int argc, char **argv, int write)
{
	struct bundle_opts o = { .operator_name = "gongkaictl", .progress = ctl_progress };
	struct bundle_result res;
	struct report rep = { .max_errors = 20000 };
	struct db *db = NULL;
	char err[512] = "";
	int rc;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--force") == 0 && write)
			o.force = 1;
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
	o.pubkey = c->cfg.bundle_pubkey;
	o.write = write;
	if (write) {
		db = ctl_db(c, DB_READWRITE);
	} else {
		/* verify reads the database only to check the sequence, if it exists */
		const char *path = c->db_path ? c->db_path : c->cfg.database;
		struct stat st;
		if (stat(path, &st) == 0)
			db_open(path, DB_READONLY, &db, err, sizeof err);
	}
	rc = bundle_import(db, &o, &rep, &res, err, sizeof err);
	if (isatty(2))
		fputc('\n', stderr);
	fputs(sbuf_str(&rep.warnings), stderr);
	fputs(sbuf_str(&rep.errors), stderr);
	if (rc == BUNDLE_OK) {
		printf("%s: %s 第 %lld 号数据包%s\n", write ? "已导入" : "校验通过", res.issuer,
		       res.sequence, write ? "" : "（未写入）");
		printf("公告文件 %ld，办事指南 %ld，补贴名单 %ld 行，问答 %ld，日历 %ld 天，答复 %ld\n",
		       res.counts.bulletins, res.counts.guides, res.counts.subsidies, res.counts.qa,
		       res.counts.calendar, res.counts.replies);
	} else if (rc == BUNDLE_REFUSED) {
		fprintf(stderr, "拒绝%s: 发现 %ld 处问题，数据库未作任何改动\n", write ? "导入" : "",
			rep.nerrors);
	} else {
		fprintf(stderr, "gongkaictl: %s\n", err);
	}
	report_free(&rep);
	db_close(db);
	return rc == BUNDLE_OK ? GK_EXIT_OK : rc == BUNDLE_REFUSED ? GK_EXIT_REFUSED : GK_EXIT_ENV;
}

/* Lists bundles found under the configured mount roots. */
static int ctl_find(struct ctl *c)
{
	char *paths[32];
	size_t n;

	ctl_config(c);
	n = bundle_find(c->cfg.mount_roots, paths, 32);
	for (size_t i = 0; i < n; i++) {
		puts(paths[i]);
		free(paths[i]);
	}
	return n ? GK_EXIT_OK : GK_EXIT_REFUSED;
}

/* Reads a PIN from stdin and prints the configuration line. */
static int ctl_set_pin(void)
{
	char pin[128], hash[crypto_pwhash_STRBYTES];
	size_t n;

	if (!fgets(pin, sizeof pin, stdin)) {
		fputs("gongkaictl: no PIN on standard input\n", stderr);
		return GK_EXIT_REFUSED;
	}
	n = strcspn(pin, "\r\n");
	pin[n] = '\0';
	if (n < 4 || n > 32 || strspn(pin, "0123456789") != n) {
		fputs("gongkaictl: the PIN must be 4 to 32 digits\n", stderr);
		sodium_memzero(pin, sizeof pin);
		return GK_EXIT_REFUSED;
	}
	if (crypto_pwhash_str(hash, pin, n, crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
		sodium_memzero(pin, sizeof pin);
		fputs("gongkaictl: out of memory hashing the PIN\n", stderr);
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
		fprintf(stderr, "gongkaictl: %s: %s\n", path, strerror(errno));
		return -1;
	}
	f = fdopen(fd, "w");
	if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
		fprintf(stderr, "gongkaictl: %s: write failed\n", path);
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
	printf("%s\t%s\t%lld\n", section, label, value);
}

/* Prints one import of the history. */
static void ctl_import_line(void *ctx, long long seq, const char *issuer, const char *created,
			    const char *at, int forced, long long bulletins, long long subsidies)
{
	printf("%lld\t%s\t%s\t%s\t%s公告 %lld，补贴 %lld 行\n", seq, issuer, created, at,
	       forced ? "重新导入，" : "", bulletins, subsidies);
}

/* stats [--year YYYY] and history: read-only reports. */
static int ctl_stats(struct ctl *c, int argc, char **argv, int history)
{
	struct db *db;
	char err[512];
	int year = 0, rc;

	for (int i = 1; i < argc; i++) {
		char *end;
		if (!history && strcmp(argv[i], "--year") == 0 && i + 1 < argc) {
			year = (int)strtol(argv[++i], &end, 10);
			if (*end || year < 1990 || year > 2100) {
				fprintf(stderr, "gongkaictl: --year wants a year such as 2026\n");
				return GK_EXIT_USAGE;
			}
		} else {
			ctl_usage(stderr);
			return GK_EXIT_USAGE;
		}
	}
	db = ctl_db(c, DB_READONLY);
	rc = history ? stats_imports(db, ctl_import_line, NULL, err, sizeof err)
		     : stats_year(db, year, ctl_stat_line, NULL, err, sizeof err);
	if (rc < 0)
		fprintf(stderr, "gongkaictl: %s\n", err);
	db_close(db);
	return rc < 0 ? GK_EXIT_ENV : GK_EXIT_OK;
}

/* Shows a print job's progress on a terminal. */
static int ctl_print_progress(void *ctx, const struct print_progress *p)
{
	if (isatty(2) && p->message)
		fprintf(stderr, "\r%s%s%s   ", p->message, p->reasons && *p->reasons ? "：" : "",
			p->reasons ? p->reasons : "");
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
	if (rc == PRINT_OK)
		printf("测试页已打印（打印机 %s，任务 %d）\n", res.dest, res.job_id);
	else
		fprintf(stderr, "打印失败：%s%s%s\n(%s)\n", res.message, res.reasons[0] ? "：" : "",
			res.reasons, res.detail);
	/* The log is best effort: a kiosk without a database can still test its printer. */
	if (db_open(c->db_path ? c->db_path : c->cfg.database, DB_READWRITE, &db, err, sizeof err) == 0) {
		db_log_print(db, "测试页", "打印测试页", "", rc == PRINT_OK ? 1 : 0,
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
			fprintf(stderr, "gongkaictl: %s is not a date (YYYY-MM-DD)\n", argv[1]);
			return GK_EXIT_USAGE;
		}
		snprintf(from, sizeof from, "%s", argv[1]);
	}
	if (argc > 2) {
		char *end;
		long n = strtol(argv[2], &end, 10);
		if (*end || n < 1 || n > 366) {
			fprintf(stderr, "gongkaictl: DAYS must be 1 to 366\n");
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
		fputs("gongkaictl: libsodium failed to start\n", stderr);
		return GK_EXIT_ENV;
	}
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
		rc = ctl_find(&c);
	else if (strcmp(cmd, "set-pin") == 0)
		rc = ctl_set_pin();
	else if (strcmp(cmd, "seal-keygen") == 0)
		rc = ctl_seal_keygen(argc, argv);
	else {
		fprintf(stderr, "gongkaictl: unknown command \"%s\"\n", cmd);
		ctl_usage(stderr);
		rc = GK_EXIT_USAGE;
	}
	if (c.have_cfg)
		config_free(&c.cfg);
	return rc;
}
