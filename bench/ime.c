/*
 * ime.c - benchmark of the kiosk's input method (kiosk/ime.h): start-up
 * cold (empty user folder: schemas written and compiled) and warm (second
 * start), the cost of each key of lixiuying and zhangxiulan with the page
 * of candidates read as the kiosk draws it (name context), and peak RSS.
 * The peer, in the same run, is plain librime: a session of the same
 * schema fed the same keys through process_key with get_context after
 * each, without our name ranking or list.
 *
 *   ime [ROUNDS]      (default 300 rounds of each name)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <rime_api.h>

#include "kiosk/ime.h"

/* Returns monotonic milliseconds. */
static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Orders doubles. */
static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Prints the median and p99 of v[0..n) (sorts v). */
static void report(const char *what, double *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp_double);
	printf("  %-44s median %7.3f ms   p99 %7.3f ms   (%zu keys)\n", what, v[n / 2],
	       v[n * 99 / 100], n);
}

/* Returns the peak RSS in MiB. */
static double peak_rss_mib(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_maxrss / 1024.0;
}

/* Opens the input method on dir and draws the first frame's view; returns
 * the milliseconds taken, or -1. */
static double time_open(const char *dir, struct ime **out)
{
	char err[256];
	struct ime_view v;
	double t0 = now_ms();

	if (ime_open(out, NULL, dir, err, sizeof err) != 0) {
		fprintf(stderr, "ime: %s\n", err);
		return -1;
	}
	ime_key(*out, 'w');
	ime_view(*out, &v);
	ime_reset(*out);
	return now_ms() - t0;
}

/* Runs the benchmark. */
int main(int argc, char **argv)
{
	static const char *const words[] = { "lixiuying", "zhangxiulan" };
	char dir[] = "/tmp/gk-bench-ime.XXXXXX", udir[64], cmd[96];
	int rounds = argc > 1 ? atoi(argv[1]) : 300, r;
	double cold, warm[5], *ours, *peer;
	size_t w, n = 0, np = 0, nmax;
	struct ime *m;
	RimeApi *api;
	RimeSessionId sid;

	if (rounds < 1 || !mkdtemp(dir))
		return 2;
	snprintf(udir, sizeof udir, "%s/rime", dir);
	cold = time_open(udir, &m);
	if (cold < 0)
		return 3;
	ime_close(m);
	for (r = 0; r < 5; r++) {
		warm[r] = time_open(udir, &m);
		if (warm[r] < 0)
			return 3;
		if (r < 4)
			ime_close(m);
	}
	qsort(warm, 5, sizeof warm[0], cmp_double);
	printf("ime start-up to the first usable view (ime_open + a key + ime_view):\n");
	printf("  cold (empty user folder)  %7.1f ms\n", cold);
	printf("  warm (median of 5)        %7.1f ms\n", warm[2]);
	printf("  peak RSS after loading    %7.1f MiB\n", peak_rss_mib());

	nmax = (size_t)rounds * 20;
	ours = malloc(nmax * sizeof *ours);
	peer = malloc(nmax * sizeof *peer);
	if (!ours || !peer)
		return 3;
	ime_set_context(m, IME_CTX_NAME);
	for (r = 0; r < rounds; r++) {
		for (w = 0; w < 2; w++) {
			const char *k;

			for (k = words[w]; *k; k++) {
				struct ime_view v;
				double t0 = now_ms();

				ime_key(m, (unsigned char)*k);
				ime_view(m, &v);
				ours[n++] = now_ms() - t0;
			}
			ime_reset(m);
		}
	}
	/* The peer: librime alone, same schema, same keys, a page each time. */
	api = rime_get_api();
	sid = api->create_session();
	api->select_schema(sid, "gongkai_pinyin");
	for (r = 0; r < rounds; r++) {
		for (w = 0; w < 2; w++) {
			const char *k;

			for (k = words[w]; *k; k++) {
				RIME_STRUCT(RimeContext, c);
				double t0 = now_ms();

				api->process_key(sid, (unsigned char)*k, 0);
				api->get_context(sid, &c);
				api->free_context(&c);
				peer[np++] = now_ms() - t0;
			}
			api->clear_composition(sid);
		}
	}
	api->destroy_session(sid);
	printf("per key, lixiuying and zhangxiulan, %d rounds:\n", rounds);
	report("ours (name context: names + rime, a page)", ours, n);
	report("peer: plain librime process_key+get_context", peer, np);
	printf("  peak RSS after typing     %7.1f MiB\n", peak_rss_mib());
	ime_close(m);
	free(ours);
	free(peer);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : 3;
}
