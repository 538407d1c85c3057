/*
 * test_manifest.c - manifest.txt as the office writes it (headers, sha256sum
 * lines, CRLF, BOM), every kind of bad line reported at its line, path
 * safety, and the files themselves: missing, altered, symbolic links in any
 * component, folders and FIFOs all refused, all reported at once.
 */
#include <fcntl.h>
#include <stdarg.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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
	TEST(test_demo_bundle);
	return CHECK_EXIT();
}
