/*
 * test_manifest.c - manifest.txt as the office writes it (headers, sha256sum
 * lines, CRLF, BOM), every kind of bad line reported at its line, path
 * safety, and the files themselves: missing, altered, symbolic links in any
 * component, folders and FIFOs all refused, all reported at once.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kiosk/manifest.h"
#include "kiosk/util.h"
#include "tests/unit/check.h"

#define H64 "3f5a4b7c000000000000000000000000000000000000000000000000000000ff"

/* Parses text and returns the result; the report is left in rep. */
static int parse(const char *text, struct manifest *m, struct report *rep)
{
	memset(rep, 0, sizeof *rep);
	return manifest_parse(text, strlen(text), m, rep);
}

/* Returns 1 when the report's errors contain s. */
static int has(const struct report *rep, const char *s)
{
	return strstr(sbuf_str(&rep->errors), s) != NULL;
}

/* Prints the report when a check around it failed, to ease debugging. */
static void show(const struct report *rep)
{
	if (check_failed_in_test)
		printf("  report:\n%s", sbuf_str(&rep->errors));
}

/* A well-formed manifest: headers, entries, binary marker, upper-case hex. */
static void test_parse_good(void)
{
	struct manifest m;
	struct report rep;
	const struct manifest_entry *e;
	const char *text =
		"# gongkai-bundle 1\n"
		"# issuer: 宣汉县人民政府办公室\n"
		"# sequence: 42\n"
		"# created: 2026-11-20T10:00:00+08:00\n"
		"# encoding: gb18030\n"
		"# generator: make-bundle.sh 1.0\n"
		"# a comment without a colon\n"
		"\n"
		H64 "  bulletins.csv\n"
		"9C1E000000000000000000000000000000000000000000000000000000000001 *bodies/2022-001.txt\n"
		"   \n"
		"0000000000000000000000000000000000000000000000000000000000000002  bodies/正文 2.txt\n";

	CHECK_INT(parse(text, &m, &rep), 0);
	CHECK_INT(rep.nerrors, 0);
	CHECK_INT(m.version, 1);
	CHECK_STR(m.issuer, "宣汉县人民政府办公室");
	CHECK_INT(m.sequence, 42);
	CHECK_STR(m.created, "2026-11-20T10:00:00+08:00");
	CHECK_STR(m.encoding, "GB18030");
	CHECK_INT(m.nentries, 3);
	e = manifest_find(&m, "bulletins.csv");
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(e->line, 9);
		CHECK_INT(e->sha256[0], 0x3f);
		CHECK_INT(e->sha256[3], 0x7c);
		CHECK_INT(e->sha256[31], 0xff);
	}
	e = manifest_find(&m, "bodies/2022-001.txt");
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(e->line, 10);
		CHECK_INT(e->sha256[0], 0x9c);
		CHECK_INT(e->sha256[1], 0x1e);
	}
	e = manifest_find(&m, "bodies/正文 2.txt");
	CHECK(e != NULL && e->line == 12 && e->sha256[31] == 2);
	CHECK(manifest_find(&m, "bodies") == NULL);
	CHECK(manifest_find(&m, "bulletins.csv ") == NULL);
	CHECK(manifest_find(&m, "BULLETINS.CSV") == NULL);
	CHECK(manifest_find(&m, "guides.csv") == NULL);
	show(&rep);
	manifest_free(&m);
	CHECK(m.entries == NULL && m.issuer == NULL && m.nentries == 0);
	manifest_free(&m); /* twice is harmless */
	report_free(&rep);
}

/* CRLF line ends, a BOM, no trailing newline, and each encoding spelling. */
static void test_parse_variants(void)
{
	static const char *const enc[][2] = {
		{"UTF-8", "UTF-8"}, {"utf8", "UTF-8"}, {"Utf-8", "UTF-8"}, {"GBK", "GBK"},
		{"gbk", "GBK"}, {"GB18030", "GB18030"}, {"CP936", "GBK"},
	};
	struct manifest m;
	struct report rep;
	const char *text;
	size_t i;

	text = "\xEF\xBB\xBF# gongkai-bundle 1\r\n# ISSUER:  某县政府办 \r\n#sequence:7\r\n" H64 "  a.csv";
	CHECK_INT(parse(text, &m, &rep), 0);
	CHECK_STR(m.issuer, "某县政府办");
	CHECK_INT(m.sequence, 7);
	CHECK(m.created == NULL);
	CHECK(m.encoding == NULL);
	CHECK_INT(m.nentries, 1);
	CHECK(manifest_find(&m, "a.csv") != NULL);
	show(&rep);
	manifest_free(&m);
	report_free(&rep);

	for (i = 0; i < sizeof enc / sizeof enc[0]; i++) {
		char *t = xasprintf("# gongkai-bundle 1\n# issuer: x\n# sequence: 1\n# encoding: %s\n",
				    enc[i][0]);
		CHECK_INT(parse(t, &m, &rep), 0);
		CHECK_STR(m.encoding, enc[i][1]);
		manifest_free(&m);
		report_free(&rep);
		free(t);
	}

	/* A huge but valid sequence; a manifest without entries is valid. */
	CHECK_INT(parse("# gongkai-bundle 1\n# issuer: x\n# sequence: 9223372036854775807\n", &m,
			&rep), 0);
	CHECK(m.sequence == 9223372036854775807LL);
	manifest_free(&m);
	report_free(&rep);
}

/* Every bad line is reported with its line number, and nothing is kept. */
static void test_parse_errors(void)
{
	struct manifest m;
	struct report rep;
	struct sbuf t = {0};

	sbuf_add(&t, "# gongkai-bundle 1\n");                       /* 1 */
	sbuf_add(&t, "# issuer: x\n");                              /* 2 */
	sbuf_add(&t, "# sequence: 0\n");                            /* 3 zero */
	sbuf_add(&t, "# encoding: latin1\n");                       /* 4 */
	sbuf_add(&t, "# issuer: y\n");                              /* 5 duplicate */
	sbuf_add(&t, "3f5a  short.csv\n");                          /* 6 short hash */
	sbuf_add(&t, H64 " one-space.csv\n");                       /* 7 */
	sbuf_add(&t, H64 "\n");                                     /* 8 no path */
	sbuf_add(&t, H64 "  ../etc/passwd\n");                      /* 9 */
	sbuf_add(&t, H64 "  /etc/passwd\n");                        /* 10 */
	sbuf_add(&t, H64 "  bodies/./a.txt\n");                     /* 11 */
	sbuf_add(&t, H64 "  bodies\\a.txt\n");                      /* 12 */
	sbuf_add(&t, H64 "  ok.csv\n");                             /* 13 */
	sbuf_add(&t, H64 "  ok.csv\n");                             /* 14 duplicate */
	sbuf_add(&t, "bad \xff\xfe line\n");                        /* 15 not UTF-8 */
	sbuf_addn(&t, H64 "  nul\0.csv\n", 64 + 11);              /* 16 NUL */
	sbuf_add(&t, "SHA256 (a.csv) = " H64 "\n");                 /* 17 BSD style */
	sbuf_add(&t, "\\" H64 "  a\\\\b.csv\n");                     /* 18 escaped name */
	sbuf_add(&t, "# gongkai-bundle 1\n");                       /* 19 again */
	sbuf_add(&t, H64 "  bodies//a.txt\n");                      /* 20 empty component */
	sbuf_add(&t, "g" H64 "  x.csv\n");                          /* 21 not hex */
	sbuf_add(&t, H64 "  \n");                                   /* 22 blank path */

	CHECK_INT(manifest_parse(t.s, t.len, &m, (memset(&rep, 0, sizeof rep), &rep)), -1);
	CHECK(has(&rep, "manifest.txt:3: "));
	CHECK(has(&rep, "manifest.txt:4: "));
	CHECK(has(&rep, "latin1"));
	CHECK(has(&rep, "manifest.txt:5: "));
	CHECK(has(&rep, "manifest.txt:6: "));
	CHECK(has(&rep, "manifest.txt:7: "));
	CHECK(has(&rep, "manifest.txt:8: "));
	CHECK(has(&rep, "manifest.txt:9: "));
	CHECK(has(&rep, "manifest.txt:10: "));
	CHECK(has(&rep, "manifest.txt:11: "));
	CHECK(has(&rep, "manifest.txt:12: "));
	CHECK(!has(&rep, "manifest.txt:13: "));
	CHECK(has(&rep, "manifest.txt:14: "));
	CHECK(has(&rep, "第 13 行"));
	CHECK(has(&rep, "manifest.txt:15: "));
	CHECK(has(&rep, "manifest.txt:16: "));
	CHECK(has(&rep, "manifest.txt:17: "));
	CHECK(has(&rep, "manifest.txt:18: "));
	CHECK(has(&rep, "manifest.txt:19: "));
	CHECK(has(&rep, "manifest.txt:20: "));
	CHECK(has(&rep, "manifest.txt:21: "));
	CHECK(has(&rep, "manifest.txt:22: "));
	CHECK(!has(&rep, "manifest.txt:1: "));
	CHECK(!has(&rep, "manifest.txt:2: "));
	CHECK_INT(rep.nerrors, 19);
	/* The report never holds raw control characters or invalid bytes. */
	CHECK(strchr(sbuf_str(&rep.errors), '\xff') == NULL);
	CHECK(m.entries == NULL && m.nentries == 0 && m.issuer == NULL);
	show(&rep);
	manifest_free(&m);
	report_free(&rep);
	sbuf_free(&t);
}

/* The headers that must be there, and the first line. */
static void test_parse_headers_required(void)
{
	static const char *const bad_sequences[] = {
		"-1", "+5", "abc", "1.5", "", "4 2", "99999999999999999999", "４２",
	};
	struct manifest m;
	struct report rep;
	size_t i;

	CHECK_INT(parse("", &m, &rep), -1);
	CHECK(has(&rep, "manifest.txt: "));
	CHECK_INT(rep.nerrors, 1);
	report_free(&rep);

	CHECK_INT(parse("\n  \r\n", &m, &rep), -1);
	report_free(&rep);

	CHECK_INT(parse("# issuer: x\n# sequence: 3\n", &m, &rep), -1);
	CHECK(has(&rep, "manifest.txt:1: "));
	CHECK(has(&rep, "gongkai-bundle 1"));
	report_free(&rep);

	CHECK_INT(parse("# gongkai-bundle 2\n# issuer: x\n# sequence: 3\n", &m, &rep), -1);
	CHECK(has(&rep, "manifest.txt:1: "));
	CHECK(has(&rep, "\"2\""));
	CHECK_INT(rep.nerrors, 1);
	report_free(&rep);

	CHECK_INT(parse("# gongkai-bundle\n# issuer: x\n# sequence: 3\n", &m, &rep), -1);
	report_free(&rep);
	CHECK_INT(parse("# gongkai-bundle 1.0\n# issuer: x\n# sequence: 3\n", &m, &rep), -1);
	report_free(&rep);
	CHECK_INT(parse("# gongkai-bundles 1\n# issuer: x\n# sequence: 3\n", &m, &rep), -1);
	report_free(&rep);

	CHECK_INT(parse("# gongkai-bundle 1\n# sequence: 3\n", &m, &rep), -1);
	CHECK(has(&rep, "issuer"));
	CHECK_INT(rep.nerrors, 1);
	report_free(&rep);

	CHECK_INT(parse("# gongkai-bundle 1\n# issuer:   \n# sequence: 3\n", &m, &rep), -1);
	CHECK(has(&rep, "manifest.txt:2: "));
	report_free(&rep);

	CHECK_INT(parse("# gongkai-bundle 1\n# issuer: x\n", &m, &rep), -1);
	CHECK(has(&rep, "sequence"));
	CHECK_INT(rep.nerrors, 1);
	report_free(&rep);

	for (i = 0; i < sizeof bad_sequences / sizeof bad_sequences[0]; i++) {
		char *t = xasprintf("# gongkai-bundle 1\n# issuer: x\n# sequence: %s\n",
				    bad_sequences[i]);
		CHECK_INT(parse(t, &m, &rep), -1);
		CHECK(has(&rep, "manifest.txt:3: "));
		if (!has(&rep, "manifest.txt:3: "))
			printf("  sequence \"%s\" was accepted\n", bad_sequences[i]);
		report_free(&rep);
		free(t);
	}
}

/* Paths that stay in the bundle, and those that do not. */
static void test_path_safety(void)
{
	static const char *const safe[] = {
		"bulletins.csv", "bodies/2024-001.txt", "bodies/附件/表 1.xls", "a/b/c/d", ".hidden",
		"..x", "x..", "a.b/..c", "-rf",
	};
	static const char *const unsafe[] = {
		"", "/", "/etc/passwd", "..", ".", "../x", "a/../b", "a/..", "./a", "a/./b", "a/.",
		"a//b", "a/", "//a", "a\\b", "..\\x", "a\nb", "a\tb", "a\rb", "a\x7f", "\x01",
		"a/\xff", "\xc0\xaf", "\xed\xa0\x80",
	};
	char longname[300], longpath[MANIFEST_MAX_PATH + 2];
	size_t i;

	for (i = 0; i < sizeof safe / sizeof safe[0]; i++) {
		CHECK(manifest_path_is_safe(safe[i]));
		if (!manifest_path_is_safe(safe[i]))
			printf("  refused: \"%s\"\n", safe[i]);
	}
	for (i = 0; i < sizeof unsafe / sizeof unsafe[0]; i++) {
		CHECK(!manifest_path_is_safe(unsafe[i]));
		if (manifest_path_is_safe(unsafe[i]))
			printf("  accepted: unsafe[%zu]\n", i);
	}
	CHECK(!manifest_path_is_safe(NULL));
	memset(longname, 'a', 256);
	longname[256] = '\0';
	CHECK(!manifest_path_is_safe(longname));
	longname[255] = '\0';
	CHECK(manifest_path_is_safe(longname));
	memset(longpath, 'a', sizeof longpath - 1);
	for (i = 100; i < sizeof longpath - 1; i += 100)
		longpath[i] = '/';
	longpath[MANIFEST_MAX_PATH + 1] = '\0';
	CHECK(!manifest_path_is_safe(longpath));
	longpath[MANIFEST_MAX_PATH] = '\0';
	CHECK(manifest_path_is_safe(longpath));
}

/* Writes a file under dir with the given contents. */
static void put(const char *dir, const char *rel, const char *content)
{
	char *path = xasprintf("%s/%s", dir, rel);
	FILE *f = fopen(path, "wb");

	CHECK(f != NULL);
	if (f) {
		fputs(content, f);
		fclose(f);
	}
	free(path);
}

/* Appends the manifest line of content under rel. */
static void line_for(struct sbuf *b, const char *rel, const char *content)
{
	unsigned char h[32];
	char hex[65];

	crypto_hash_sha256(h, (const unsigned char *)content, strlen(content));
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	sbuf_addf(b, "%s  %s\n", hex, rel);
}

/* Runs a printf-formatted shell command; the test fails if it fails. */
static void sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void sh(const char *fmt, ...)
{
	char cmd[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	CHECK_INT(system(cmd), 0);
}

/* A bundle folder in /tmp with good files and one of every bad kind. */
struct fixture {
	char dir[64];
	struct manifest m;
	struct report rep;
};

/* Builds the fixture: the manifest lists 3 good files and 7 bad ones. */
static int fixture_make(struct fixture *fx)
{
	struct sbuf t = {0};
	char *path;
	int rc;

	snprintf(fx->dir, sizeof fx->dir, "/tmp/gk-manifest.XXXXXX");
	if (!mkdtemp(fx->dir))
		return -1;
	sh("mkdir -p %s/bodies %s/outside %s/dir.csv", fx->dir, fx->dir, fx->dir);
	put(fx->dir, "bulletins.csv", "索引号,标题\n1,a\n");
	put(fx->dir, "bodies/a.txt", "正文\n");
	put(fx->dir, "bodies/empty.txt", "");
	put(fx->dir, "changed.csv", "new content\n");
	put(fx->dir, "outside/secret.txt", "secret\n");
	sh("ln -s ../outside/secret.txt %s/bodies/link.txt && ln -s outside %s/linkdir", fx->dir,
	   fx->dir);
	path = xasprintf("%s/fifo.csv", fx->dir);
	CHECK_INT(mkfifo(path, 0600), 0);
	free(path);

	sbuf_add(&t, "# gongkai-bundle 1\n# issuer: 测试\n# sequence: 5\n");
	line_for(&t, "bulletins.csv", "索引号,标题\n1,a\n");     /* line 4: good */
	line_for(&t, "bodies/a.txt", "正文\n");                 /* 5: good */
	line_for(&t, "bodies/empty.txt", "");                   /* 6: good */
	line_for(&t, "changed.csv", "old content\n");           /* 7: hash mismatch */
	line_for(&t, "missing.csv", "x");                       /* 8: missing */
	line_for(&t, "bodies/link.txt", "secret\n");            /* 9: symlink file */
	line_for(&t, "linkdir/secret.txt", "secret\n");         /* 10: symlink folder */
	line_for(&t, "dir.csv", "");                            /* 11: a folder */
	line_for(&t, "fifo.csv", "");                           /* 12: a FIFO */
	line_for(&t, "bulletins.csv/x", "");                    /* 13: a file used as folder */
	memset(&fx->rep, 0, sizeof fx->rep);
	rc = manifest_parse(t.s, t.len, &fx->m, &fx->rep);
	sbuf_free(&t);
	return rc;
}

/* Removes the fixture's folder and frees what it holds. */
static void fixture_free(struct fixture *fx)
{
	sh("rm -rf %s", fx->dir);
	manifest_free(&fx->m);
	report_free(&fx->rep);
}

/* Every bad file is reported, with the right reason, and good ones are not. */
static void test_check_files(void)
{
	struct fixture fx;

	if (fixture_make(&fx) < 0) {
		CHECK(0);
		return;
	}
	CHECK_INT(fx.m.nentries, 10);
	CHECK_INT(manifest_check_files(&fx.m, fx.dir, &fx.rep), -1);
	CHECK_INT(fx.rep.nerrors, 7);
	CHECK(!has(&fx.rep, "bulletins.csv:"));
	CHECK(!has(&fx.rep, "bodies/a.txt"));
	CHECK(!has(&fx.rep, "bodies/empty.txt"));
	CHECK(has(&fx.rep, "changed.csv: 内容与 manifest.txt 第 7 行"));
	CHECK(has(&fx.rep, "missing.csv: 文件不存在"));
	CHECK(has(&fx.rep, "bodies/link.txt: 是符号链接"));
	CHECK(has(&fx.rep, "linkdir/secret.txt: 路径中的 linkdir 是符号链接"));
	CHECK(has(&fx.rep, "dir.csv: 不是普通文件"));
	CHECK(has(&fx.rep, "fifo.csv: 不是普通文件"));
	CHECK(has(&fx.rep, "bulletins.csv/x: 路径中的 bulletins.csv 不是文件夹"));
	CHECK(has(&fx.rep, "第 8 行列出"));
	{
		/* In the order of the manifest, as the office reads it. */
		const char *r = sbuf_str(&fx.rep.errors);
		const char *a = strstr(r, "changed.csv"), *b = strstr(r, "missing.csv");
		const char *c = strstr(r, "bodies/link.txt"), *d = strstr(r, "bulletins.csv/x");
		CHECK(a && b && c && d && a < b && b < c && c < d);
	}
	show(&fx.rep);

	/* A folder that is not there is one problem, not one per file. */
	report_free(&fx.rep);
	CHECK_INT(manifest_check_files(&fx.m, "/nonexistent/bundle", &fx.rep), -1);
	CHECK_INT(fx.rep.nerrors, 1);
	fixture_free(&fx);
}

/* A bundle whose files all match passes. */
static void test_check_files_good(void)
{
	struct fixture fx;
	struct manifest m;
	struct report rep = {0};
	struct sbuf t = {0};

	if (fixture_make(&fx) < 0) {
		CHECK(0);
		return;
	}
	sbuf_add(&t, "# gongkai-bundle 1\n# issuer: 测试\n# sequence: 5\n");
	line_for(&t, "bodies/a.txt", "正文\n");
	line_for(&t, "bulletins.csv", "索引号,标题\n1,a\n");
	CHECK_INT(manifest_parse(t.s, t.len, &m, &rep), 0);
	CHECK_INT(manifest_check_files(&m, fx.dir, &rep), 0);
	CHECK_INT(rep.nerrors, 0);
	show(&rep);
	/* The bundle folder itself may be reached through a link. */
	sh("ln -s %s %s.link", fx.dir, fx.dir);
	{
		char *link = xasprintf("%s.link", fx.dir);
		CHECK_INT(manifest_check_files(&m, link, &rep), 0);
		unlink(link);
		free(link);
	}
	manifest_free(&m);
	report_free(&rep);
	sbuf_free(&t);
	fixture_free(&fx);
}

/* manifest_open_file gives a readable descriptor or a clear refusal. */
static void test_open_file(void)
{
	struct fixture fx;
	char err[512], buf[64];
	ssize_t n;
	int fd;

	if (fixture_make(&fx) < 0) {
		CHECK(0);
		return;
	}
	fd = manifest_open_file(fx.dir, "bodies/a.txt", err, sizeof err);
	CHECK(fd >= 0);
	if (fd >= 0) {
		n = read(fd, buf, sizeof buf - 1);
		CHECK_INT(n, (long)strlen("正文\n"));
		buf[n > 0 ? n : 0] = '\0';
		CHECK_STR(buf, "正文\n");
		CHECK(fcntl(fd, F_GETFD) & FD_CLOEXEC);
		CHECK(!(fcntl(fd, F_GETFL) & O_NONBLOCK));
		close(fd);
	}
	CHECK_INT(manifest_open_file(fx.dir, "bodies/link.txt", err, sizeof err), -1);
	CHECK(strstr(err, "符号链接") != NULL);
	CHECK_INT(manifest_open_file(fx.dir, "linkdir/secret.txt", err, sizeof err), -1);
	CHECK(strstr(err, "符号链接") != NULL);
	CHECK_INT(manifest_open_file(fx.dir, "../outside/secret.txt", err, sizeof err), -1);
	CHECK(strstr(err, "不安全") != NULL);
	CHECK_INT(manifest_open_file(fx.dir, "/etc/passwd", err, sizeof err), -1);
	CHECK_INT(manifest_open_file(fx.dir, "fifo.csv", err, sizeof err), -1);
	CHECK_INT(manifest_open_file(fx.dir, "bodies", err, sizeof err), -1);
	CHECK_INT(manifest_open_file(fx.dir, "nope.csv", err, sizeof err), -1);
	CHECK(strstr(err, "不存在") != NULL);
	CHECK_INT(manifest_open_file(fx.dir, "nope/x.csv", err, sizeof err), -1);
	CHECK(strstr(err, "nope") != NULL);
	CHECK_INT(manifest_open_file("/nonexistent/bundle", "a.csv", err, sizeof err), -1);
	CHECK_INT(manifest_open_file(NULL, "a.csv", err, sizeof err), -1);
	CHECK_INT(manifest_open_file(fx.dir, NULL, err, sizeof err), -1);
	fixture_free(&fx);
}

/* manifest_open_verified hands out a checked private copy. */
static void test_open_verified(void)
{
	struct fixture fx;
	char err[512], buf[64];
	char *path;
	ssize_t n;
	int fd;

	if (fixture_make(&fx) < 0) {
		CHECK(0);
		return;
	}
	fd = manifest_open_verified(&fx.m, fx.dir, "bulletins.csv", err, sizeof err);
	CHECK(fd >= 0);
	if (fd >= 0) {
		/* Changing the original afterwards does not change the copy. */
		put(fx.dir, "bulletins.csv", "索引号,标题\n2,b\n");
		n = read(fd, buf, sizeof buf - 1);
		buf[n > 0 ? n : 0] = '\0';
		CHECK_STR(buf, "索引号,标题\n1,a\n");
		CHECK(write(fd, "x", 1) < 0); /* sealed */
		close(fd);
	}
	/* ...but opening it again now fails on the hash. */
	CHECK_INT(manifest_open_verified(&fx.m, fx.dir, "bulletins.csv", err, sizeof err), -1);
	CHECK(strstr(err, "SHA-256") != NULL);
	fd = manifest_open_verified(&fx.m, fx.dir, "bodies/empty.txt", err, sizeof err);
	CHECK(fd >= 0);
	if (fd >= 0) {
		CHECK_INT(read(fd, buf, sizeof buf), 0);
		close(fd);
	}
	CHECK_INT(manifest_open_verified(&fx.m, fx.dir, "changed.csv", err, sizeof err), -1);
	CHECK_INT(manifest_open_verified(&fx.m, fx.dir, "bodies/link.txt", err, sizeof err), -1);
	CHECK(strstr(err, "符号链接") != NULL);
	CHECK_INT(manifest_open_verified(&fx.m, fx.dir, "outside/secret.txt", err, sizeof err), -1);
	CHECK(strstr(err, "未列在") != NULL);
	path = xasprintf("%s/bodies/a.txt", fx.dir);
	CHECK_INT(unlink(path), 0);
	free(path);
	CHECK_INT(manifest_open_verified(&fx.m, fx.dir, "bodies/a.txt", err, sizeof err), -1);
	CHECK(strstr(err, "不存在") != NULL);
	fixture_free(&fx);
}

/* What one manifest_open_verified call cost, watched from outside. */
struct cost {
	int fd_ok;            /* the call returned a descriptor */
	char err[512];
	long hwm_growth_kb;   /* growth of the caller's VmHWM (peak RSS) */
	long long ram_files;  /* largest memfd/tmpfs total it held open, bytes */
	double seconds;
};

/* Returns the VmHWM of process pid in kB (0 if unreadable). */
static long vm_hwm_kb(const char *pid)
{
	char path[64], line[256];
	long kb = 0;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%s/status", pid);
	f = fopen(path, "r");
	if (!f)
		return 0;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "VmHWM: %ld", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

/* Sums the sizes of the memfds and tmpfs/ramfs files process pid holds. */
static long long ram_file_bytes(pid_t pid)
{
	char dir[64], path[320], target[256];
	struct dirent *d;
	long long sum = 0;
	DIR *dp;

	snprintf(dir, sizeof dir, "/proc/%d/fd", (int)pid);
	dp = opendir(dir);
	if (!dp)
		return 0;
	while ((d = readdir(dp)) != NULL) {
		struct stat sb;
		struct statfs sf;
		ssize_t n;

		if (d->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, d->d_name);
		n = readlink(path, target, sizeof target - 1);
		if (n <= 0 || stat(path, &sb) < 0 || !S_ISREG(sb.st_mode))
			continue;
		target[n] = '\0';
		if (strncmp(target, "/memfd:", 7) == 0 ||
		    (statfs(path, &sf) == 0 &&
		     ((long)sf.f_type == 0x01021994L || (long)sf.f_type == 0x858458f6L)))
			sum += (long long)sb.st_size;
	}
	closedir(dp);
	return sum;
}

/* Runs manifest_open_verified(m, dir, rel) in a child process while the
 * parent watches the memory files it holds; the child reports its peak RSS
 * growth, the outcome and the message through a pipe. */
static void open_verified_cost(const struct manifest *m, const char *dir, const char *rel,
			       struct cost *c)
{
	struct timespec t0, t1;
	int p[2], status;
	pid_t pid;

	memset(c, 0, sizeof *c);
	if (pipe(p) < 0)
		return;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid == 0) {
		struct cost r = {0};
		long before = vm_hwm_kb("self");
		int fd = manifest_open_verified(m, dir, rel, r.err, sizeof r.err);

		r.fd_ok = fd >= 0;
		r.hwm_growth_kb = vm_hwm_kb("self") - before;
		if (write(p[1], &r, sizeof r) != (ssize_t)sizeof r)
			_exit(2);
		_exit(0);
	}
	close(p[1]);
	for (;;) {
		long long now = ram_file_bytes(pid);
		struct timespec nap = { 0, 1000000 };

		if (now > c->ram_files)
			c->ram_files = now;
		if (waitpid(pid, &status, WNOHANG) != 0)
			break;
		nanosleep(&nap, NULL);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	{
		struct cost r;
		if (read(p[0], &r, sizeof r) == (ssize_t)sizeof r) {
			c->fd_ok = r.fd_ok;
			c->hwm_growth_kb = r.hwm_growth_kb;
			memcpy(c->err, r.err, sizeof c->err);
		}
	}
	close(p[0]);
	c->seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
}

/* Replaces bundle file rel by a sparse file of mb megabytes. */
static void swap_sparse(const char *dir, const char *rel, long mb)
{
	char *path = xasprintf("%s/%s", dir, rel);
	int fd = open(path, O_WRONLY | O_TRUNC | O_CREAT, 0644);

	CHECK(fd >= 0);
	if (fd >= 0) {
		CHECK_INT(ftruncate(fd, (off_t)mb << 20), 0);
		close(fd);
	}
	free(path);
}

/* A large file swapped under a genuine manifest is refused in bounded memory:
 * above the size limit at once and unread, below it hashed through a small
 * buffer into a copy on disk, never into RAM (issue 12, point 3). */
static void test_open_verified_big(void)
{
	struct fixture fx;
	struct report rep = {0};
	struct cost c;

	if (fixture_make(&fx) < 0) {
		CHECK(0);
		return;
	}
	/* 600 MB, above the 512 MB limit: refused by its size, before hashing. */
	swap_sparse(fx.dir, "bulletins.csv", 600);
	open_verified_cost(&fx.m, fx.dir, "bulletins.csv", &c);
	CHECK(!c.fd_ok);
	CHECK(strstr(c.err, "文件太大（600.0 MB）") != NULL);
	CHECK(strstr(c.err, "512 MB") != NULL);
	CHECK(c.seconds < 1.0);
	CHECK(c.ram_files <= 8ll << 20);
	CHECK(c.hwm_growth_kb < 16 * 1024);
	if (check_failed_in_test)
		printf("  600 MB: %s; %.2f s, memfd/tmpfs peak %lld MB, VmHWM +%ld kB\n", c.err,
		       c.seconds, c.ram_files >> 20, c.hwm_growth_kb);
	/* manifest_check_files says the same without reading it either. */
	{
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		CHECK_INT(manifest_check_files(&fx.m, fx.dir, &rep), -1);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		CHECK(has(&rep, "bulletins.csv: 文件太大（600.0 MB）"));
		CHECK(has(&rep, "第 4 行列出"));
		CHECK(t1.tv_sec - t0.tv_sec < 2);
		show(&rep);
		report_free(&rep);
	}

	/* 200 MB, under the limit: hashed and refused, with RAM flat. */
	swap_sparse(fx.dir, "bulletins.csv", 200);
	open_verified_cost(&fx.m, fx.dir, "bulletins.csv", &c);
	CHECK(!c.fd_ok);
	CHECK(strstr(c.err, "SHA-256") != NULL);
	CHECK(c.ram_files <= 8ll << 20);
	CHECK(c.hwm_growth_kb < 16 * 1024);
	if (check_failed_in_test)
		printf("  200 MB: %s; %.2f s, memfd/tmpfs peak %lld MB, VmHWM +%ld kB\n", c.err,
		       c.seconds, c.ram_files >> 20, c.hwm_growth_kb);
	fixture_free(&fx);
}

/* A genuine file above the in-memory size is copied to a private file on
 * disk: same bytes, read-only, not a memfd, not changed by the original. */
static void test_open_verified_disk_copy(void)
{
	struct manifest m;
	struct report rep = {0};
	struct sbuf t = {0}, body = {0};
	char dir[64] = "/tmp/gk-manifest-big.XXXXXX", err[512], target[256], link[64];
	char *buf, *path;
	size_t got = 0;
	ssize_t n;
	int fd, i;

	if (!mkdtemp(dir)) {
		CHECK(0);
		return;
	}
	for (i = 0; (size_t)body.len < (5u << 20); i++)
		sbuf_addf(&body, "%d,第 %d 行,内容\n", i, i);
	put(dir, "big.csv", sbuf_str(&body));
	sbuf_add(&t, "# gongkai-bundle 1\n# issuer: 测试\n# sequence: 5\n");
	line_for(&t, "big.csv", sbuf_str(&body));
	CHECK_INT(manifest_parse(t.s, t.len, &m, &rep), 0);
	manifest_set_spool_dir(dir); /* /tmp here is on disk, so it is used */
	fd = manifest_open_verified(&m, dir, "big.csv", err, sizeof err);
	manifest_set_spool_dir(NULL);
	CHECK(fd >= 0);
	if (fd >= 0) {
		put(dir, "big.csv", "changed afterwards\n");
		snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
		n = readlink(link, target, sizeof target - 1);
		target[n > 0 ? n : 0] = '\0';
		CHECK(strncmp(target, "/memfd:", 7) != 0);
		CHECK(strncmp(target, dir, strlen(dir)) == 0);
		CHECK(strstr(target, "(deleted)") != NULL); /* nameless */
		buf = xmalloc(body.len + 1);
		while (got < body.len && (n = read(fd, buf + got, body.len + 1 - got)) > 0)
			got += (size_t)n;
		CHECK_INT(got, body.len);
		CHECK(memcmp(buf, body.s, body.len) == 0);
		CHECK(write(fd, "x", 1) < 0);
		free(buf);
		close(fd);
	}
	manifest_free(&m);
	report_free(&rep);
	sbuf_free(&t);
	sbuf_free(&body);
	path = xasprintf("rm -rf %s", dir);
	sh("%s", path);
	free(path);
}

/* The signed demo bundle's manifest parses and its files all match. */
static void test_demo_bundle(void)
{
	struct manifest m;
	struct report rep = {0};
	char *text = NULL, err[256];
	size_t len = 0;

	CHECK_INT(util_read_file("assets/demo-bundle/gongkai-bundle/manifest.txt", 1 << 20, &text,
				 &len, err, sizeof err), 0);
	if (!text)
		return;
	CHECK_INT(manifest_parse(text, len, &m, &rep), 0);
	CHECK(m.nentries > 5);
	CHECK(manifest_find(&m, "bulletins.csv") != NULL);
	CHECK_INT(manifest_check_files(&m, "assets/demo-bundle/gongkai-bundle", &rep), 0);
	show(&rep);
	manifest_free(&m);
	report_free(&rep);
	free(text);
}

/* Runs every manifest test. */
int main(void)
{
	TEST(test_parse_good);
	TEST(test_parse_variants);
	TEST(test_parse_errors);
	TEST(test_parse_headers_required);
	TEST(test_path_safety);
	TEST(test_check_files);
	TEST(test_check_files_good);
	TEST(test_open_file);
	TEST(test_open_verified);
	TEST(test_open_verified_big);
	TEST(test_open_verified_disk_copy);
	TEST(test_demo_bundle);
	return CHECK_EXIT();
}
