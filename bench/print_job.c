/*
 * print_job.c - the kiosk's print path timed from the key to CUPS, for
 * bench/print.sh.
 *
 *   print_job DEST FILE N [TITLE]
 *
 * Prints FILE as a bulletin N times in one process, the way the kiosk does
 * after the print key: the print_doc from the shared bulletin builder
 * (print_bulletin_doc, as tui/print_hook.c), the dialog's page count
 * (print_count_pages), then Enter: printing/job.c renders the PDF into its
 * private file and its worker submits it. The clock stops when CUPS has
 * accepted the job (a job id, queued or printing); the job is then followed
 * to its end outside the clock. The kiosk is a long-lived process, so the
 * fonts loaded by the first job count once: the first job is reported on
 * its own, and the median of all N.
 *
 * Prints "first=S median=S min=S pages=P jobs=N ok=K" (seconds).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kiosk/util.h"
#include "printing/job.h"
#include "printing/print.h"

/* Returns monotonic seconds. */
static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Orders doubles for qsort. */
static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* One job from the key to CUPS's acceptance; returns seconds or -1. */
static double one_job(const char *dest, const char *title, const char *body, int *pages)
{
	const struct print_bulletin b = { .index_no = "11500237/2021-00048", .title = title,
					  .doc_no = "巫山府办发〔2021〕48号",
					  .issuer = "巫山县人民政府办公室", .written = "2021-05-18",
					  .published = "2021-05-20", .validity = "现行有效",
					  .topic = "政务公开", .body = body };
	struct print_pair pairs[PRINT_BULLETIN_PAIRS];
	struct print_doc doc;
	struct print_job_spec spec = { 0 };
	struct print_job_snapshot snap;
	struct print_job_outcome out;
	struct print_job *j;
	char err[512];
	double t0 = now_s(), t = -1;
	int n = 0, accepted = 0;

	print_bulletin_doc(&b, pairs, &doc); /* the hook */
	doc.kiosk_name = "东乡街道便民服务中心";
	if (print_count_pages(&doc, &n, err, sizeof err) != PRINT_OK) { /* the dialog opens */
		fprintf(stderr, "count: %s\n", err);
		return -1;
	}
	spec.doc = &doc; /* Enter */
	spec.dest = dest;
	spec.title = title;
	spec.kind = PRINT_LOG_DOC;
	spec.index_no = b.index_no;
	spec.max_pages = 1000;
	if (print_job_start(&spec, &j, err, sizeof err) != PRINT_OK) {
		fprintf(stderr, "start: %s\n", err);
		return -1;
	}
	while (!print_job_poll(j, &snap)) {
		if (!accepted && snap.job_id > 0 && snap.stage >= PRINT_STAGE_QUEUED) {
			t = now_s() - t0;
			accepted = 1;
		}
		usleep(accepted ? 20000 : 1000);
	}
	if (print_job_finish(j, &out) != PRINT_OK) {
		fprintf(stderr, "job: %s (%s)\n", out.res.message, out.res.detail);
		t = -1;
	} else if (!accepted) {
		t = now_s() - t0; /* completed before a poll saw it queued */
	}
	print_log_record_free(&out.log);
	*pages = n;
	return t;
}

int main(int argc, char **argv)
{
	const char *dest, *title;
	char *body, rerr[256];
	double *times;
	int n, ok = 0, pages = 0;
	double first;

	if (argc < 4 || (n = atoi(argv[3])) < 1) {
		fprintf(stderr, "usage: print_job DEST FILE N [TITLE]\n");
		return 2;
	}
	dest = argv[1];
	title = argc > 4 ? argv[4]
			 : "关于印发贯彻落实市政府办公厅2021年政务公开工作要点任务分工巫山县责任清单的通知";
	if (util_read_file(argv[2], 64 << 20, &body, NULL, rerr, sizeof rerr) < 0) {
		fprintf(stderr, "print_job: %s\n", rerr);
		return 2;
	}
	times = xcalloc((size_t)n, sizeof *times);
	for (int i = 0; i < n; i++) {
		double t = one_job(dest, title, body, &pages);

		if (t >= 0)
			times[ok++] = t;
	}
	if (ok == 0) {
		fprintf(stderr, "print_job: no job was accepted\n");
		return 1;
	}
	first = times[0];
	qsort(times, (size_t)ok, sizeof *times, cmp_d);
	printf("first=%.3f median=%.3f min=%.3f pages=%d jobs=%d ok=%d\n", first, times[ok / 2],
	       times[0], pages, n, ok);
	free(times);
	free(body);
	return ok == n ? 0 : 1;
}
