/*
 * subsidy_pty.c - the 补贴公示 screens timed through the real kiosk in a
 * pseudo-terminal (80x24), key to finished frame.
 *
 *   subsidy_pty GONGKAI CONF DB [ROUNDS]
 *
 * Starts GONGKAI on DB, writes keys as a terminal would and reads the
 * output until the frame is complete: the expected text (if any) has
 * arrived and the output has then been quiet for QUIET_MS; the time is
 * from writing the key to the frame's last byte. Each round: open 补贴公示
 * from the home screen, type a name drawn from a random row one character
 * at a time (every keystroke searches every program and year), go down the
 * menus to a village's list, open the whole township's list and page down
 * 50 times. The first opening after start-up, which reads the names, is
 * reported on its own.
 */
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#define QUIET_MS 40.0
#define TIMEOUT_MS 5000.0
#define BUF_MAX (1 << 20)
#define MAX_SAMPLES 8192

#define KEY_DOWN_ "\033OB" /* keypad-transmit mode, as terminfo says */
#define KEY_UP_ "\033OA"
#define KEY_PGDN "\033[6~"
#define KEY_HOME_ "\033[H"
#define KEY_ESC "\033"

/* The kiosk in its pty, and its output since the last key. */
struct kiosk {
	pid_t pid;
	int fd;
	char *buf;
	size_t len;
};

/* Timings of one action. */
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
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Reads until marker (NULL = anything) has arrived and the output has
 * been quiet for QUIET_MS. Returns the time of the last byte, or -1. */
static double settle(struct kiosk *k, const char *marker)
{
	double start = now_ms(), last = -1;

	for (;;) {
		struct pollfd pfd = { .fd = k->fd, .events = POLLIN };
		double t = now_ms();
		int seen = last >= 0 && (!marker || memmem(k->buf, k->len, marker, strlen(marker)));
		int wait = seen ? (int)(last + QUIET_MS - t) : (int)(start + TIMEOUT_MS - t);
		char chunk[65536];
		ssize_t n;

		if (wait <= 0)
			return seen ? last : -1;
		if (poll(&pfd, 1, wait) <= 0)
			continue;
		n = read(k->fd, chunk, sizeof chunk);
		if (n <= 0)
			return -1;
		last = now_ms();
		if (k->len + (size_t)n > BUF_MAX)
			k->len = 0;
		memcpy(k->buf + k->len, chunk, (size_t)n);
		k->len += (size_t)n;
	}
}

/* Writes keys; returns the key-to-frame time, or -1 on timeout. */
static double press(struct kiosk *k, const char *keys, const char *marker)
{
	double t0, t1;

	k->len = 0;
	t0 = now_ms();
	if (write(k->fd, keys, strlen(keys)) < 0)
		return -1;
	t1 = settle(k, marker);
	if (t1 < 0)
		fprintf(stderr, "subsidy_pty: no frame after %s (waiting for %s)\n",
			keys[0] == 27 ? "an escape key" : keys, marker ? marker : "output");
	return t1 < 0 ? -1 : t1 - t0;
}

/* Adds a timing. */
static void add(struct series *s, double v)
{
	if (v >= 0 && s->n < MAX_SAMPLES)
		s->v[s->n++] = v;
}

/* Orders doubles. */
static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Prints median and p99 of a series. */
static void report(struct series *s)
{
	int i99;

	if (s->n == 0) {
		printf("%-36s no samples (timed out)\n", s->name);
		return;
	}
	qsort(s->v, (size_t)s->n, sizeof s->v[0], cmp);
	i99 = (int)(0.99 * (s->n - 1) + 0.5);
	printf("%-36s %9.2f %9.2f %6d\n", s->name, s->v[s->n / 2], s->v[i99], s->n);
}

/* Draws a random recipient's name from the database. */
static void random_name(sqlite3 *db, long long maxid, unsigned long long *seed, char *out,
			size_t n)
{
	sqlite3_stmt *st;

	*seed = *seed * 6364136223846793005ULL + 1442695040888963407ULL;
	out[0] = '\0';
	if (sqlite3_prepare_v2(db, "SELECT name FROM subsidies WHERE id >= ?1 ORDER BY id LIMIT 1", -1,
			       &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int64(st, 1, 1 + (long long)((*seed >> 17) % (unsigned long long)maxid));
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

int main(int argc, char **argv)
{
	static struct series first = { .name = "open subsidy menu, 1st (reads names)" },
			     open_menu = { .name = "open subsidy menu (key 6)" },
			     key = { .name = "search keystroke" },
			     menu = { .name = "menu step (program, batch, town)" },
			     village = { .name = "open a village list" },
			     page = { .name = "page down a township list" };
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };
	unsigned long long seed = 42;
	struct kiosk k = { 0 };
	long long maxid = 0;
	int rounds = argc > 4 ? atoi(argv[4]) : 20;
	sqlite3 *db;
	sqlite3_stmt *st;

	if (argc < 4) {
		fprintf(stderr, "usage: subsidy_pty GONGKAI CONF DB [ROUNDS]\n");
		return 2;
	}
	if (sqlite3_open_v2(argv[3], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return 3;
	if (sqlite3_prepare_v2(db, "SELECT max(id) FROM subsidies", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		maxid = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (maxid <= 0) {
		fprintf(stderr, "subsidy_pty: no subsidy rows in %s\n", argv[3]);
		return 3;
	}
	signal(SIGPIPE, SIG_IGN);
	k.buf = malloc(BUF_MAX);
	k.pid = forkpty(&k.fd, NULL, NULL, &ws);
	if (k.pid < 0 || !k.buf)
		return 3;
	if (k.pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		setenv("LANG", "C.UTF-8", 1);
		setenv("LC_ALL", "C.UTF-8", 1);
		execl(argv[1], argv[1], "--config", argv[2], "--db", argv[3], (char *)NULL);
		_exit(127);
	}
	if (settle(&k, "帮助") < 0) {
		fprintf(stderr, "subsidy_pty: the kiosk did not draw its home screen\n");
		return 3;
	}
	for (int r = 0; r < rounds; r++) {
		char name[64];
		const char *p;

		add(r == 0 ? &first : &open_menu, press(&k, "6", "补贴项目"));
		random_name(db, maxid, &seed, name, sizeof name);
		for (p = name; *p;) {
			char ch[8];
			int n = 1;

			while (((unsigned char)p[n] & 0xC0) == 0x80)
				n++;
			memcpy(ch, p, (size_t)n);
			ch[n] = '\0';
			p += n;
			add(&key, press(&k, ch, NULL));
		}
		press(&k, "\r", NULL);
		press(&k, KEY_ESC, NULL);
		/* Down to a village: the r-th program, first batch and township. */
		for (int i = 0; i < r % 4; i++)
			press(&k, KEY_DOWN_, NULL);
		add(&menu, press(&k, "\r", "各年度"));
		add(&menu, press(&k, "\r", "本批合计"));
		add(&menu, press(&k, "\r", "全部名单"));
		press(&k, KEY_DOWN_, NULL);
		add(&village, press(&k, "\r", "身份证号"));
		press(&k, KEY_ESC, NULL);
		press(&k, KEY_UP_, NULL);
		press(&k, "\r", "身份证号");
		for (int i = 0; i < 50; i++)
			add(&page, press(&k, KEY_PGDN, NULL));
		press(&k, KEY_HOME_, "帮助");
	}
	kill(k.pid, SIGTERM);
	waitpid(k.pid, NULL, 0);
	close(k.fd);
	sqlite3_close(db);
	printf("kiosk at 80x24 over %lld rows (rounds=%d; frame = key written to last byte,"
	       " %.0f ms quiet)\n", maxid, rounds, QUIET_MS);
	printf("%-36s %9s %9s %6s\n", "action (ms)", "median", "p99", "runs");
	report(&first);
	report(&open_menu);
	report(&key);
	report(&menu);
	report(&village);
	report(&page);
	free(k.buf);
	return 0;
}
