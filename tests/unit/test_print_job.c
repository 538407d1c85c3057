/*
 * test_print_job.c - the kiosk's print job (printing/job.h) without a
 * terminal: the log's words of each kind, the log record, the session's
 * quota, and a job against a server that is not there (a Chinese message
 * within the limits, no temporary file left).
 *
 * With arguments it is the job driver of the shell tests that run a private
 * cupsd (tests/sh/print_titles.sh, print_kill.sh):
 *
 *   test_print_job run DEST TITLE [--body FILE] [--job-ms N] [--request-ms N]
 *        [--connect-ms N] [--ready FILE] [--tmpdir DIR]
 *       prints a bulletin titled TITLE through print_job_start / poll /
 *       finish, touching FILE once CUPS has accepted the job; then prints
 *       status=, job=, message=, reasons=, pages=, used=, seconds=,
 *       log_kind=, log_title=, log_result=, tmp_left=, ipp_name= lines.
 *   test_print_job names JOBID
 *       the job-name and document-name-supplied cupsd holds for JOBID.
 */
#include <cups/cups.h>
#include <dirent.h>
#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kiosk/util.h"
#include "printing/job.h"
#include "printing/print.h"
#include "tests/unit/check.h"

/* Returns monotonic seconds. */
static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Counts the entries of dir other than . and .. (-1 if unreadable). */
static int dir_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

/* Returns 1 when s holds no ASCII letter (the villager reads Chinese). */
static int no_latin(const char *s)
{
	for (; *s; s++)
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))
			return 0;
	return 1;
}

/* The words stored in the print log stay those of existing databases. */
static void test_kind_words(void)
{
	CHECK_STR(print_log_kind_word(PRINT_LOG_DOC), "文件");
	CHECK_STR(print_log_kind_word(PRINT_LOG_GUIDE), "办事指南");
	CHECK_STR(print_log_kind_word(PRINT_LOG_QA), "政策问答");
	CHECK_STR(print_log_kind_word(PRINT_LOG_SUBSIDY), "补贴名单");
	CHECK_STR(print_log_kind_word(PRINT_LOG_APPLICATION), "申请表");
	CHECK_STR(print_log_kind_word(PRINT_LOG_RECEIPT), "回执");
	CHECK_STR(print_log_kind_word(PRINT_LOG_CONSULT), "咨询回执");
	CHECK_STR(print_log_kind_word(PRINT_LOG_BLANK_FORM), "空白申请表");
	CHECK_STR(print_log_kind_word(PRINT_LOG_TEST_PAGE), "测试页");
	CHECK_STR(print_log_kind_word(PRINT_LOG_DIRECTORY), "公共服务名录");
	CHECK_STR(print_log_kind_word((enum print_log_kind)99), "文件");
}

/* A record names the printout and its part, never more. */
static void test_record(void)
{
	struct print_log_record r;

	print_log_record(&r, PRINT_LOG_SUBSIDY, "2024年耕地地力保护补贴", NULL, 1, 5, 5, NULL);
	CHECK_STR(r.kind, "补贴名单");
	CHECK_STR(r.title, "2024年耕地地力保护补贴（第 1–5 页）");
	CHECK_STR(r.index_no, "");
	CHECK_INT(r.pages, 5);
	CHECK_STR(r.result, "完成");
	print_log_record_free(&r);
	print_log_record(&r, PRINT_LOG_DOC, "通知", "11500237-2021-48", 0, 0, 0, "打印机缺纸，请联系工作人员");
	CHECK_STR(r.title, "通知");
	CHECK_STR(r.index_no, "11500237-2021-48");
	CHECK_STR(r.result, "打印机缺纸，请联系工作人员");
	print_log_record_free(&r);
	print_log_record_free(&r); /* safe twice */
}

/* The quota lets the whole printout through, or its first pages, or none. */
static void test_quota(void)
{
	int f, l;

	CHECK_INT(print_quota_pages(3, 20, &f, &l), 3);
	CHECK_INT(f, 0);
	CHECK_INT(l, 0);
	CHECK_INT(print_quota_pages(20, 20, &f, &l), 20);
	CHECK_INT(f, 0);
	CHECK_INT(print_quota_pages(271, 20, &f, &l), 20);
	CHECK_INT(f, 1);
	CHECK_INT(l, 20);
	CHECK_INT(print_quota_pages(5, 1, &f, &l), 1);
	CHECK_INT(l, 1);
	CHECK_INT(print_quota_pages(5, 0, &f, &l), 0);
	CHECK_INT(print_quota_pages(0, 5, &f, &l), 0);
}

/* Fills a small bulletin. */
static void small_doc(struct print_doc *d, struct print_pair *pairs, const char *title,
		      const char *body)
{
	const struct print_bulletin b = { .index_no = "11500237/2026-00001", .title = title,
					  .doc_no = "巫山府办发〔2021〕48号", .issuer = "巫山县人民政府办公室",
					  .published = "2021-05-20", .body = body };

	print_bulletin_doc(&b, pairs, d);
	d->kiosk_name = "东乡街道便民服务中心";
}

/* The shared bulletin builder leaves empty lines out. */
static void test_bulletin(void)
{
	struct print_pair pairs[PRINT_BULLETIN_PAIRS];
	struct print_doc d;

	small_doc(&d, pairs, "关于做好春耕工作的通知", "各村：\n请做好准备。");
	CHECK_INT(d.kind, PRINT_KIND_DOC);
	CHECK_INT(d.nmeta, 5);
	CHECK_STR(d.meta[0].label, "索引号");
	CHECK_STR(d.meta[1].value, "关于做好春耕工作的通知");
	CHECK_STR(d.meta[4].label, "发布日期");
	CHECK_STR(d.index_no, "11500237/2026-00001");
	/* 施行日期 and 有效期至 print when the bundle gives them */
	{
		const struct print_bulletin b = { .index_no = "x", .title = "办法", .validity = "现行有效",
						  .effective_on = "2026-01-01",
						  .valid_until = "2030-12-31", .topic = "社会保障" };

		print_bulletin_doc(&b, pairs, &d);
		CHECK_INT(d.nmeta, 6);
		CHECK_STR(d.meta[3].label, "施行日期");
		CHECK_STR(d.meta[3].value, "2026-01-01");
		CHECK_STR(d.meta[4].label, "有效期至");
		CHECK_STR(d.meta[4].value, "2030-12-31");
		CHECK_STR(d.meta[5].label, "主题");
	}
}

/* A job to a server that is not running ends quickly, in Chinese, and
 * leaves nothing in the temporary folder; a job never run says 已取消. */
static void test_no_server(void)
{
	struct print_pair pairs[PRINT_BULLETIN_PAIRS];
	struct print_doc d;
	struct print_job_spec spec = { 0 };
	struct print_limits lim = { .connect_ms = 1000, .request_ms = 1000, .job_ms = 5000 };
	struct print_job *j = NULL;
	struct print_job_outcome out;
	struct print_job_snapshot snap;
	char dir[] = "/tmp/gk-test-job.XXXXXX", err[256];
	double t0;

	CHECK(mkdtemp(dir) != NULL);
	setenv("CUPS_SERVER", "127.0.0.1:1", 1);
	small_doc(&d, pairs, "关于做好春耕工作的通知", "各村：\n请做好准备。");
	spec.doc = &d;
	spec.dest = "nosuch";
	spec.title = d.title;
	spec.kind = PRINT_LOG_DOC;
	spec.index_no = d.index_no;
	spec.limits = &lim;
	spec.tmpdir = dir;
	t0 = now_s();
	CHECK_INT(print_job_start(&spec, &j, err, sizeof err), PRINT_OK);
	if (!j)
		return;
	CHECK_INT(print_job_pages(j), 1);
	while (!print_job_poll(j, &snap) && now_s() - t0 < 10)
		usleep(20000);
	CHECK(snap.done);
	CHECK_INT(print_job_finish(j, &out), PRINT_E_SERVER);
	CHECK(now_s() - t0 < 6);
	CHECK(no_latin(out.res.message));
	CHECK(strstr(out.res.message, "打印服务") != NULL);
	CHECK_INT(out.pages_used, 0);
	CHECK_STR(out.log.kind, "文件");
	CHECK_STR(out.log.title, "关于做好春耕工作的通知");
	CHECK_STR(out.log.index_no, "11500237/2026-00001");
	CHECK_STR(out.log.result, out.res.message);
	print_log_record_free(&out.log);
	CHECK_INT(dir_entries(dir), 0);

	/* Prepared, canceled, never run. */
	CHECK_INT(print_job_prepare(&spec, &j, err, sizeof err), PRINT_OK);
	CHECK_INT(dir_entries(dir), 1);
	print_job_cancel(j);
	CHECK_INT(print_job_poll(j, NULL), 1);
	CHECK_INT(print_job_finish(j, &out), PRINT_E_CANCELED);
	CHECK_STR(out.res.message, "打印已取消");
	print_log_record_free(&out.log);
	CHECK_INT(dir_entries(dir), 0);

	/* More pages than the quota left: refused before anything is sent. */
	spec.max_pages = -1;
	CHECK(print_job_start(&spec, &j, err, sizeof err) != PRINT_OK);
	CHECK(j == NULL);
	CHECK(strstr(err, "变化") != NULL);
	CHECK_INT(dir_entries(dir), 0);
	rmdir(dir);
	unsetenv("CUPS_SERVER");
}

/* Prints a line key=value with line breaks shown as \n. */
static void put(const char *key, const char *v)
{
	printf("%s=", key);
	for (; *v; v++) {
		if (*v == '\n')
			fputs("\\n", stdout);
		else
			putchar(*v);
	}
	putchar('\n');
}

/* The driver's run command. */
static int drive_run(int argc, char **argv)
{
	struct print_pair pairs[PRINT_BULLETIN_PAIRS];
	struct print_doc d;
	struct print_limits lim = print_job_kiosk_limits;
	struct print_job_spec spec = { 0 };
	struct print_job_snapshot snap;
	struct print_job_outcome out;
	struct print_job *j;
	const char *ready = NULL, *bodyfile = NULL, *tmpdir = NULL;
	char err[512], rerr[256], *body, tdir[] = "/tmp/gk-job-tmp.XXXXXX", safe[PRINT_IPP_NAME_MAX];
	double t0;
	int touched = 0, rc;

	for (int i = 4; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--body"))
			bodyfile = argv[i + 1];
		else if (!strcmp(argv[i], "--job-ms"))
			lim.job_ms = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--request-ms"))
			lim.request_ms = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--connect-ms"))
			lim.connect_ms = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--ready"))
			ready = argv[i + 1];
		else if (!strcmp(argv[i], "--tmpdir"))
			tmpdir = argv[i + 1];
	}
	if (!tmpdir) {
		if (!mkdtemp(tdir))
			return 2;
		tmpdir = tdir;
	}
	if (!bodyfile)
		body = xstrdup("各村（社区）：\n现将有关事项通知如下。");
	else if (util_read_file(bodyfile, 64 << 20, &body, NULL, rerr, sizeof rerr) < 0) {
		fprintf(stderr, "test_print_job: %s\n", rerr);
		return 2;
	}
	small_doc(&d, pairs, argv[3], body);
	spec.doc = &d;
	spec.dest = argv[2];
	spec.title = argv[3];
	spec.kind = PRINT_LOG_DOC;
	spec.index_no = d.index_no;
	spec.limits = &lim;
	spec.tmpdir = tmpdir;
	t0 = now_s();
	if (print_job_start(&spec, &j, err, sizeof err) != PRINT_OK) {
		put("status", "start-failed");
		put("message", err);
		free(body);
		return 1;
	}
	while (!print_job_poll(j, &snap)) {
		if (ready && !touched && snap.job_id > 0 && snap.stage >= PRINT_STAGE_QUEUED) {
			int fd = open(ready, O_WRONLY | O_CREAT | O_TRUNC, 0644);

			if (fd >= 0) {
				dprintf(fd, "%d\n", snap.job_id);
				close(fd);
			}
			touched = 1;
		}
		usleep(20000);
	}
	rc = print_job_finish(j, &out);
	printf("status=%s\njob=%d\n", print_status_name(rc), out.res.job_id);
	put("message", out.res.message);
	put("reasons", out.res.reasons);
	put("detail", out.res.detail);
	printf("pages=%d\nused=%d\nseconds=%.1f\n", out.pages, out.pages_used, now_s() - t0);
	put("log_kind", out.log.kind);
	put("log_title", out.log.title);
	put("log_index", out.log.index_no);
	put("log_result", out.log.result);
	printf("log_pages=%d\ntmp_left=%d\n", out.log.pages, dir_entries(tmpdir));
	print_ipp_name(argv[3], safe, sizeof safe);
	put("ipp_name", safe);
	print_log_record_free(&out.log);
	if (tmpdir == tdir)
		rmdir(tdir);
	free(body);
	return rc == PRINT_OK ? 0 : 1;
}

/* The driver's names command: job-name and document-name-supplied. */
static int drive_names(const char *id)
{
	ipp_t *req = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES), *resp;
	static const char *const want[] = { "job-name", "document-name-supplied", "job-state" };
	ipp_attribute_t *a;
	char uri[256];

	snprintf(uri, sizeof uri, "ipp://localhost/jobs/%s", id);
	ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri", NULL, uri);
	ippAddString(req, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", NULL, cupsUser());
	ippAddStrings(req, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 3, NULL, want);
	resp = cupsDoRequest(CUPS_HTTP_DEFAULT, req, "/");
	if (!resp || ippGetStatusCode(resp) > IPP_STATUS_OK_CONFLICTING) {
		fprintf(stderr, "names: %s\n", cupsLastErrorString());
		ippDelete(resp);
		return 1;
	}
	if ((a = ippFindAttribute(resp, "job-name", IPP_TAG_ZERO)))
		put("job_name", ippGetString(a, 0, NULL));
	if ((a = ippFindAttribute(resp, "document-name-supplied", IPP_TAG_ZERO)))
		put("document_name", ippGetString(a, 0, NULL));
	if ((a = ippFindAttribute(resp, "job-state", IPP_TAG_ENUM)))
		printf("job_state=%d\n", ippGetInteger(a, 0));
	ippDelete(resp);
	return 0;
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "C.UTF-8");
	if (argc >= 4 && !strcmp(argv[1], "run"))
		return drive_run(argc, argv);
	if (argc == 3 && !strcmp(argv[1], "names"))
		return drive_names(argv[2]);
	if (argc > 1) {
		fprintf(stderr, "usage: test_print_job [run DEST TITLE [opts] | names JOBID]\n");
		return 2;
	}
	TEST(test_kind_words);
	TEST(test_record);
	TEST(test_quota);
	TEST(test_bulletin);
	TEST(test_no_server);
	return CHECK_EXIT();
}
