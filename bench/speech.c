/*
 * speech.c - bench of read-aloud (bench/speech.sh runs it):
 *   throughput: text to pinyin (kiosk/speech_text) over every file given,
 *     best of several passes, in MB/s and characters a second;
 *   latency: from speech_poll() starting a page (the first lines of the
 *     first file) with audio_out set to the first audio sample in the WAV
 *     file (its size past the 44-byte header), best and median of RUNS.
 * Prints one "name value unit" line per figure.
 *
 *   bench/speech OUTDIR RUNS FILE...
 */
#include "kiosk/speech.h"
#include "kiosk/speech_text.h"
#include "kiosk/util.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Returns monotonic seconds. */
static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Returns the size of the newest .wav in dir past its header, or -1. */
static long wav_samples(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	long best = -1;

	if (!d)
		return -1;
	while ((e = readdir(d)) != NULL) {
		char p[1024];
		struct stat st;

		if (!strstr(e->d_name, ".wav"))
			continue;
		snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
		if (stat(p, &st) == 0 && st.st_size - 44 > best)
			best = (long)st.st_size - 44;
	}
	closedir(d);
	return best;
}

/* Removes the .wav files of dir. */
static void clean(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		char p[1024];

		if (!strstr(e->d_name, ".wav"))
			continue;
		snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
		unlink(p);
	}
	closedir(d);
}

/* Sorts doubles. */
static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Runs the bench. */
int main(int argc, char **argv)
{
	const char *out;
	int runs;
	char **texts;
	size_t *lens, total = 0, chars = 0, unread = 0;
	int nfiles;
	double best = 1e9;

	if (argc < 4) {
		fprintf(stderr, "usage: %s OUTDIR RUNS FILE...\n", argv[0]);
		return 2;
	}
	out = argv[1];
	runs = atoi(argv[2]);
	nfiles = argc - 3;
	texts = xcalloc((size_t)nfiles, sizeof *texts);
	lens = xcalloc((size_t)nfiles, sizeof *lens);
	for (int i = 0; i < nfiles; i++) {
		char err[256];

		if (util_read_file(argv[3 + i], 1 << 26, &texts[i], &lens[i], err, sizeof err) != 0) {
			fprintf(stderr, "%s\n", err);
			return 1;
		}
		total += lens[i];
		for (size_t k = 0; k < lens[i]; k++)
			chars += ((unsigned char)texts[i][k] & 0xC0) != 0x80;
	}
	for (int r = 0; r < 5; r++) {
		double t0 = now();

		unread = 0;
		for (int i = 0; i < nfiles; i++) {
			size_t u;
			char *p = speech_text_pinyin(texts[i], lens[i], &u);

			unread += u;
			free(p);
		}
		if (now() - t0 < best)
			best = now() - t0;
	}
	printf("pinyin_bytes %zu bytes\n", total);
	printf("pinyin_time %.4f s\n", best);
	printf("pinyin_throughput %.2f MB/s\n", total / best / 1e6);
	printf("pinyin_chars %.0f chars/s\n", chars / best);
	printf("pinyin_unread %zu hanzi\n", unread);

	/* The page: the first 30 lines of the first file. */
	double *lat = xcalloc((size_t)runs, sizeof *lat);
	for (int r = 0; r < runs; r++) {
		struct speech *s = speech_new(1.0, out);
		const char *p = texts[0];
		char err[256];
		double t0;
		int lines = 0;

		clean(out);
		while (*p && lines < 30) {
			size_t n = strcspn(p, "\n");
			char *line = xstrndup(p, n);

			speech_add(s, line);
			free(line);
			lines++;
			p += n + (p[n] == '\n');
		}
		t0 = now();
		if (speech_poll(s, err, sizeof err) < 0) {
			fprintf(stderr, "speech: %s\n", err);
			return 1;
		}
		lat[r] = -1;
		while (now() - t0 < 5) {
			if (wav_samples(out) > 0) {
				lat[r] = now() - t0;
				break;
			}
			usleep(500);
		}
		speech_free(s);
		if (lat[r] < 0) {
			fprintf(stderr, "speech: no audio within 5 s\n");
			return 1;
		}
	}
	qsort(lat, (size_t)runs, sizeof *lat, cmp);
	printf("first_sample_best %.1f ms\n", lat[0] * 1000);
	printf("first_sample_median %.1f ms\n", lat[runs / 2] * 1000);
	clean(out);
	free(lat);
	for (int i = 0; i < nfiles; i++)
		free(texts[i]);
	free(texts);
	free(lens);
	return 0;
}
