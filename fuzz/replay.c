/*
 * replay.c - runs a libFuzzer harness over every file of a corpus folder
 * without libFuzzer, so that make test (gcc, ASan build) replays the corpus.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Feeds one file to the harness; returns 0 when it could be read. */
static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t len = 0, cap = 0, n;
	uint8_t chunk[65536];

	if (!f)
		return -1;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (len + n > cap) {
			cap = (len + n) * 2;
			buf = realloc(buf, cap);
			if (!buf)
				abort();
		}
		memcpy(buf + len, chunk, n);
		len += n;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf ? buf : chunk, len);
	free(buf);
	return 0;
}

/* Replays each file of the folder named in argv[1]. */
int main(int argc, char **argv)
{
	DIR *d;
	struct dirent *e;
	int count = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: %s CORPUS-DIR\n", argv[0]);
		return 2;
	}
	d = opendir(argv[1]);
	if (!d) {
		printf("FAIL: %s: no corpus folder %s\n", argv[0], argv[1]);
		return 1;
	}
	while ((e = readdir(d)) != NULL) {
		char path[4096];
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", argv[1], e->d_name);
		if (replay_file(path) == 0)
			count++;
	}
	closedir(d);
	printf("%s: replay %s (%d inputs)\n", count > 0 ? "PASS" : "FAIL", argv[1], count);
	return count > 0 ? 0 : 1;
}
