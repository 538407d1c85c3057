/*
 * tui.c - key-to-frame benchmark of the kiosk, driven through a pty.
 *
 *   tui GONGKAI CONF DB BODYFILE [ROUNDS]
 *
 * Starts GONGKAI at 80x24 in a pseudo-terminal (forkpty), writes keys as a
 * terminal would, and reads the output until the frame is complete: the
 * expected text has arrived and the output has then been quiet for
 * QUIET_MS. A frame's time is from the write of the key (or the fork, for
 * start-up) to the last byte of that frame. Measured: start-up to the first
 * full frame, opening a list, paging a list, each search keystroke, paging
 * the reader through a long document; and, as the peer, `less` paging the
 * same body text (BODYFILE). Reports median and p99, and the kiosk's peak
 * RSS (VmHWM) after browsing.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define QUIET_MS 40.0
#define TIMEOUT_MS 5000.0
#define MAX_SAMPLES 512
#define BUF_MAX (1 << 20)

#define KEY_PGDN "\033[6~"
#define KEY_ESC "\033"

struct proc {
	pid_t pid;
	int fd;
	char *buf; /* output since the last mark */
	size_t len;
};

struct series {
	const char *name;
	double v[MAX_SAMPLES];
	int n;
};

/* Returns monotonic milliseconds. */
static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* GONGKAI_SEARCH_ORDER for the kiosks spawned from now on; NULL = unset. */
static const char *search_order;

/* Starts argv in a new 80x24 pty. */
static int spawn(struct proc *p, char *const argv[])
{
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };

	p->pid = forkpty(&p->fd, NULL, NULL, &ws);
	if (p->pid < 0)
		return -1;
	if (p->pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		setenv("LANG", "C.UTF-8", 1);
		setenv("LC_ALL", "C.UTF-8", 1);
		setenv("GONGKAI_TODAY", "2026-11-24", 1);
		if (search_order)
			setenv("GONGKAI_SEARCH_ORDER", search_order, 1);
		else
			unsetenv("GONGKAI_SEARCH_ORDER");
		unsetenv("LESS");
		execvp(argv[0], argv);
		_exit(127);
	}
	if (!p->buf)
		p->buf = malloc(BUF_MAX);
	p->len = 0;
	return 0;
}

/* Forgets the output read so far. */
static void mark(struct proc *p)
{
	p->len = 0;
}

/* Reads until marker (NULL = any output) has arrived since the mark and
 * the output has been quiet for QUIET_MS. Returns the time of the last
 * byte, or -1 on timeout. */
static double settle(struct proc *p, const char *marker)
{
	double start = now_ms(), last = -1;

	for (;;) {
		struct pollfd pfd = { .fd = p->fd, .events = POLLIN };
		double t = now_ms();
		int seen = last >= 0 && (!marker || memmem(p->buf, p->len, marker, strlen(marker)));
		int wait = seen ? (int)(last + QUIET_MS - t) : (int)(start + TIMEOUT_MS - t);

		if (seen && wait <= 0)
			return last;
		if (!seen && wait <= 0)
			return -1;
		if (poll(&pfd, 1, wait > 0 ? wait : 0) > 0) {
			char chunk[65536];
			ssize_t n = read(p->fd, chunk, sizeof chunk);

			if (n <= 0)
				return last >= 0 && !marker ? last : -1;
			last = now_ms();
			if (p->len + (size_t)n > BUF_MAX)
				p->len = 0;
			memcpy(p->buf + p->len, chunk, (size_t)n);
			p->len += (size_t)n;
		}
	}
}

/* Writes keys and returns the key-to-frame time in ms, or -1. */
static double press(struct proc *p, const char *keys, const char *marker)
{
	double t0, t1;

	mark(p);
	t0 = now_ms();
	if (write(p->fd, keys, strlen(keys)) < 0)
		return -1;
	t1 = settle(p, marker);
	return t1 < 0 ? -1 : t1 - t0;
}

/* Adds a sample. */
static void add(struct series *s, double v)
{
	if (v >= 0 && s->n < MAX_SAMPLES)
		s->v[s->n++] = v;
}

/* Sorts doubles. */
static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Prints median and p99 of a series against a goal. */
static void report(struct series *s, double goal)
{
	double med, p99;

	if (s->n == 0) {
		printf("%-34s no samples (timed out)\n", s->name);
		return;
	}
	qsort(s->v, (size_t)s->n, sizeof s->v[0], cmp);
	med = s->v[s->n / 2];
	p99 = s->v[(s->n * 99 + 99) / 100 - 1 < s->n ? (s->n * 99 + 99) / 100 - 1 : s->n - 1];
	printf("%-34s median %7.2f ms   p99 %7.2f ms   n=%-4d%s\n", s->name, med, p99, s->n,
	       goal > 0 ? (p99 <= goal ? "  goal met" : "  GOAL MISSED") : "");
}

/* Stops a child and reaps it. */
static void stop(struct proc *p)
{
	kill(p->pid, SIGTERM);
	waitpid(p->pid, NULL, 0);
	close(p->fd);
}

/* Reads VmHWM of a process in kB. */
static long peak_rss_kb(pid_t pid)
{
	char path[64], line[256];
	long kb = -1;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "VmHWM: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

/* Runs the whole benchmark. */
/* Types the benchmark's words into the notices list's search of a kiosk
 * showing that list, one character at a time, then Esc; adds every
 * keystroke to key and those from the second character on to fts. */
static void type_searches(struct proc *k, int rounds, struct series *key, struct series *fts)
{
	static const char *const words[] = { "耕地地力", "最低生活保障", "政务公开", "临时救助" };

	for (int r = 0; r < rounds; r++) {
		const char *w = words[r % 4];
		size_t off = 0;
		int nch = 0;

		press(k, "/", "取消");
		while (w[off]) {
			char ch[8];
			int n = 1;
			double v;

			while (((unsigned char)w[off + n] & 0xC0) == 0x80)
				n++;
			memcpy(ch, w + off, (size_t)n);
			ch[n] = '\0';
			off += (size_t)n;
			v = press(k, ch, NULL);
			add(key, v);
			if (++nch >= 2)
				add(fts, v);
		}
		press(k, KEY_ESC, NULL);
	}
}

int main(int argc, char **argv)
{
	static struct series startup = { .name = "start-up to first frame" },
			     open_list = { .name = "open a list (key 1)" },
			     list_page = { .name = "list page down" },
			     search_key = { .name = "search keystroke (every key)" },
			     search_fts = { .name = "search keystroke (2+ chars, FTS)" },
			     date_key = { .name = "peer: date order, every key" },
			     date_fts = { .name = "peer: date order, 2+ chars" },
			     reader_page = { .name = "reader page down (corpus doc)" },
			     less_page = { .name = "less page down (peer)" };
	int rounds = argc > 5 ? atoi(argv[5]) : 10;
	struct proc k = { 0 }, l = { 0 };
	long rss;

	if (argc < 5) {
		fprintf(stderr, "usage: tui GONGKAI CONF DB BODYFILE [ROUNDS]\n");
		return 2;
	}
	char *kargv[] = { argv[1], (char *)"--config", argv[2], (char *)"--db", argv[3], NULL };
	char *largv[] = { (char *)"less", argv[4], NULL };

	signal(SIGPIPE, SIG_IGN);
	/* Start-up: fork to the home screen's complete first frame. */
	for (int r = 0; r < rounds; r++) {
		double t0 = now_ms(), t1;

		if (spawn(&k, kargv) < 0) {
			perror("forkpty");
			return 3;
		}
		t1 = settle(&k, "帮助");
		if (t1 < 0) {
			fprintf(stderr, "the kiosk did not draw its home screen:\n%.*s\n", (int)k.len, k.buf);
			stop(&k);
			return 3;
		}
		add(&startup, t1 - t0);
		if (r + 1 < rounds)
			stop(&k);
	}
	/* Lists: open, then page down through the notices. */
	for (int r = 0; r < rounds; r++) {
		add(&open_list, press(&k, "1", "首页"));
		for (int i = 0; i < 10; i++)
			add(&list_page, press(&k, KEY_PGDN, NULL));
		press(&k, KEY_ESC, "帮助");
	}
	/* Search: type words one character at a time, then Esc. */
	press(&k, "1", "首页");
	type_searches(&k, rounds, &search_key, &search_fts);
	/* Reader: open the corpus document and page through it. */
	press(&k, "/", "取消");
	press(&k, "巫", NULL);
	press(&k, "山", NULL);
	press(&k, "\r", NULL);
	for (int r = 0; r < rounds; r++) {
		press(&k, "\r", "索引号");
		for (int i = 0; i < 25; i++)
			add(&reader_page, press(&k, " ", NULL)); /* the key less gets */
		press(&k, KEY_ESC, NULL);
	}
	rss = peak_rss_kb(k.pid);
	stop(&k);
	/* The peer: the same kiosk searching in date order, as before ranking. */
	search_order = "date";
	if (spawn(&k, kargv) < 0 || settle(&k, "帮助") < 0) {
		fprintf(stderr, "the date-order kiosk did not start\n");
		return 3;
	}
	press(&k, "1", "首页");
	type_searches(&k, rounds, &date_key, &date_fts);
	stop(&k);
	search_order = NULL;
	/* The peer: less paging the same body text. */
	for (int r = 0; r < rounds; r++) {
		if (spawn(&l, largv) < 0)
			return 3;
		settle(&l, NULL);
		for (int i = 0; i < 25; i++)
			add(&less_page, press(&l, " ", NULL));
		if (write(l.fd, "q", 1) < 0)
			perror("write");
		stop(&l);
	}
	printf("Kiosk at 80x24 over %s (rounds=%d; frame = key written to last byte, %.0f ms quiet)\n",
	       argv[3], rounds, QUIET_MS);
	report(&startup, 100);
	report(&open_list, 16);
	report(&list_page, 16);
	report(&search_key, 16);
	report(&search_fts, 16);
	report(&date_key, 0);
	report(&date_fts, 0);
	report(&reader_page, 16);
	report(&less_page, 0);
	printf("%-34s %.1f MB%s\n", "kiosk peak RSS (VmHWM)", rss / 1024.0,
	       rss >= 0 && rss < 32 * 1024 ? "  goal met" : "  GOAL MISSED");
	free(k.buf);
	free(l.buf);
	return 0;
}
