/*
 * typing.c - typing at the kiosk, timed through a pseudo-terminal at 80x24
 * (the approach of bench/tui.c: write keys as a terminal would, read until
 * the frame is complete, i.e. the text expected has arrived and the output
 * has then been quiet for QUIET_MS; a frame's time runs from the write to
 * its last byte).
 *
 *   typing GONGKAI CONF WORKDIR [ROUNDS]
 *
 * WORKDIR holds copies of one database, each in its own folder, so the
 * kiosk's input folder ("rime", beside the database) differs per run:
 * cold-1 .. cold-ROUNDS (no rime folder yet), and norime (where "rime" is
 * a plain file, so the input method cannot start and the kiosk takes direct
 * input only). Measured:
 *   - start-up to the home screen's first full frame: cold (the input
 *     method writes and compiles its schemas), warm (cold-1 again), and
 *     without the input method (norime) as the peer;
 *   - key to frame while typing "zhengwugongkai" letter by letter into a
 *     list's search field in 拼音 (candidates showing, the list narrowing
 *     by the first candidate) and erasing it again with Backspace, and, as
 *     the peer in the same kiosk, the same keys with the field in 直接;
 *   - the kiosk's peak RSS (VmHWM) after typing;
 *   - from fork to exit of the kiosk printing its usage: what loading its
 *     shared libraries (librime's, the printing stack's) costs every start.
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

#define QUIET_MS 30
#define TIMEOUT_MS 8000
#define OUT_MAX (1 << 20)
#define SAMPLES 2048

static const char word[] = "zhengwugongkai";

/* A kiosk in a pty and what it wrote since the last key. */
struct run {
	pid_t pid;
	int fd;
	size_t len;
	char out[OUT_MAX];
};

/* One measured action: its samples in milliseconds. */
struct timing {
	const char *what;
	double goal; /* p99 (or the one start-up) must stay under it; 0 = none */
	int n;
	double ms[SAMPLES];
};

/* Returns the monotonic clock in milliseconds. */
static double clock_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* Forks the kiosk on db in a new 80x24 pty; returns the fork's time, or -1. */
static double start(struct run *r, const char *kiosk, const char *conf, const char *db)
{
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };
	double t0 = clock_ms();

	r->len = 0;
	r->pid = forkpty(&r->fd, NULL, NULL, &ws);
	if (r->pid < 0)
		return -1;
	if (r->pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		setenv("LANG", "C.UTF-8", 1);
		setenv("LC_ALL", "C.UTF-8", 1);
		setenv("GONGKAI_TODAY", "2026-11-24", 1);
		execl(kiosk, kiosk, "--config", conf, "--db", db, (char *)NULL);
		_exit(127);
	}
	return t0;
}

/* Waits for want (NULL = any output) and then QUIET_MS of silence;
 * returns the time of the frame's last byte, or -1 on timeout or exit. */
static double frame(struct run *r, const char *want)
{
	double deadline = clock_ms() + TIMEOUT_MS, last = -1;

	for (;;) {
		int found = last >= 0 && (!want || memmem(r->out, r->len, want, strlen(want)));
		double until = found ? last + QUIET_MS : deadline;
		int ms = (int)(until - clock_ms());
		struct pollfd p = { .fd = r->fd, .events = POLLIN };
		ssize_t got;

		if (ms <= 0)
			return found ? last : -1;
		if (poll(&p, 1, ms) <= 0)
			continue;
		if (r->len == sizeof r->out)
			r->len = 0; /* a runaway screen: keep reading, forget the start */
		got = read(r->fd, r->out + r->len, sizeof r->out - r->len);
		if (got <= 0)
			return -1;
		r->len += (size_t)got;
		last = clock_ms();
	}
}

/* Writes keys and returns the time to the frame that answers them, or -1. */
static double key(struct run *r, const char *keys, const char *want)
{
	double t0, t1;

	r->len = 0;
	t0 = clock_ms();
	if (write(r->fd, keys, strlen(keys)) != (ssize_t)strlen(keys))
		return -1;
	t1 = frame(r, want);
	return t1 < 0 ? -1 : t1 - t0;
}

/* Ends the kiosk (SIGTERM, as the session manager would) and reaps it. */
static void finish(struct run *r)
{
	kill(r->pid, SIGTERM);
	waitpid(r->pid, NULL, 0);
	close(r->fd);
}

/* Records one sample; a timed-out one (-1) counts as a failure. */
static int note(struct timing *t, double ms)
{
	if (ms < 0) {
		fprintf(stderr, "typing: %s: no frame within %d ms\n", t->what, TIMEOUT_MS);
		return -1;
	}
	if (t->n < SAMPLES)
		t->ms[t->n++] = ms;
	return 0;
}

/* Orders two doubles for qsort. */
static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Prints the median and p99 of t against its goal. */
static void print_timing(struct timing *t)
{
	double med, p99;
	int i99;

	if (t->n == 0) {
		printf("  %-46s no samples\n", t->what);
		return;
	}
	qsort(t->ms, (size_t)t->n, sizeof t->ms[0], by_value);
	i99 = (t->n * 99 + 99) / 100 - 1;
	med = t->ms[t->n / 2];
	p99 = t->ms[i99 < t->n ? i99 : t->n - 1];
	printf("  %-46s median %7.2f ms  p99 %7.2f ms  n=%d", t->what, med, p99, t->n);
	if (t->goal > 0)
		printf("%*s%s", t->n < 1000 ? 4 - (t->n >= 10) - (t->n >= 100) : 1, "",
		       p99 < t->goal ? "goal met" : "GOAL MISSED");
	printf("\n");
}

/* Returns the VmHWM of pid in kB, or -1. */
static long vm_hwm_kb(pid_t pid)
{
	char path[64], line[128];
	long kb = -1;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
	if (!(f = fopen(path, "r")))
		return -1;
	while (kb < 0 && fgets(line, sizeof line, f))
		if (strncmp(line, "VmHWM:", 6) == 0)
			kb = atol(line + 6);
	fclose(f);
	return kb;
}

/* Times the kiosk from fork to exit when it only prints its usage (an
 * unknown option): loading its shared libraries, no terminal, no database. */
static int time_exec(const char *kiosk, struct timing *t)
{
	double t0 = clock_ms();
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (!freopen("/dev/null", "w", stderr))
			_exit(127);
		execl(kiosk, kiosk, "--no-such-option", (char *)NULL);
		_exit(127);
	}
	waitpid(pid, NULL, 0);
	return note(t, clock_ms() - t0);
}

/* Times start-up to the home screen's key line for the database in dir. */
static int time_start(struct run *r, const char *kiosk, const char *conf, const char *dir,
		      struct timing *t, int keep)
{
	char db[4096];
	double t0, t1;

	snprintf(db, sizeof db, "%s/kiosk.db", dir);
	t0 = start(r, kiosk, conf, db);
	if (t0 < 0) {
		perror("forkpty");
		return -1;
	}
	t1 = frame(r, "帮助");
	if (note(t, t1 < 0 ? -1 : t1 - t0) < 0) {
		fprintf(stderr, "%.*s\n", (int)(r->len < 2000 ? r->len : 2000), r->out);
		finish(r);
		return -1;
	}
	if (!keep)
		finish(r);
	return 0;
}

/* Types the word letter by letter into the open field, then erases it. */
static int type_word(struct run *r, struct timing *t)
{
	for (size_t i = 0; word[i]; i++) {
		char one[2] = { word[i], 0 };

		if (note(t, key(r, one, NULL)) < 0)
			return -1;
	}
	for (size_t i = 0; word[i]; i++)
		if (note(t, key(r, "\177", NULL)) < 0)
			return -1;
	return 0;
}

/* Checks, untimed, that the word composes: Space takes the first candidate
 * (政务公开 drawn into the field), four Backspaces erase it again. Returns 1
 * when it did. */
static int word_composes(struct run *r)
{
	int ok;

	for (size_t i = 0; word[i]; i++)
		key(r, (char[2]){ word[i], 0 }, NULL);
	ok = key(r, " ", "政务公开") >= 0;
	for (int i = 0; i < 4; i++)
		key(r, "\177", NULL);
	return ok;
}

/* Runs every measurement and prints the figures. */
int main(int argc, char **argv)
{
	static struct run r;
	static struct timing cold = { .what = "start-up, input method cold", .goal = 100 },
			     warm = { .what = "start-up, input method warm", .goal = 100 },
			     none = { .what = "start-up without input method (peer)", .goal = 100 },
			     exec = { .what = "exec to exit, usage only (libraries)" },
			     pinyin = { .what = "key to frame, pinyin, candidates showing", .goal = 16 },
			     direct = { .what = "key to frame, same keys in direct mode (peer)", .goal = 16 };
	int rounds = argc > 4 ? atoi(argv[4]) : 5, candidates = 0;
	char dir[4096];
	long hwm;

	if (argc < 4 || rounds < 1) {
		fprintf(stderr, "usage: typing GONGKAI CONF WORKDIR [ROUNDS]\n");
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	for (int i = 1; i <= rounds; i++) {
		snprintf(dir, sizeof dir, "%s/cold-%d", argv[3], i);
		if (time_start(&r, argv[1], argv[2], dir, &cold, 0) < 0)
			return 3;
	}
	snprintf(dir, sizeof dir, "%s/norime", argv[3]);
	for (int i = 0; i < rounds; i++)
		if (time_start(&r, argv[1], argv[2], dir, &none, i == rounds - 1) < 0)
			return 3;
	/* That peer really runs without the input method: its field is 直接. */
	if (key(&r, "1", "首页") < 0 || key(&r, "/", "直接") < 0) {
		fprintf(stderr, "typing: with the rime folder unusable the field is not in 直接\n");
		finish(&r);
		return 3;
	}
	finish(&r);
	for (int i = 0; i < rounds; i++)
		if (time_exec(argv[1], &exec) < 0)
			return 3;
	snprintf(dir, sizeof dir, "%s/cold-1", argv[3]);
	for (int i = 0; i < rounds; i++)
		if (time_start(&r, argv[1], argv[2], dir, &warm, i == rounds - 1) < 0)
			return 3;

	/* The last warm kiosk: 通知公告, its search field, the word typed. */
	if (key(&r, "1", "首页") < 0 || key(&r, "/", "拼音") < 0) {
		fprintf(stderr, "typing: the notices' search field did not open\n");
		finish(&r);
		return 3;
	}
	candidates = word_composes(&r);
	for (int i = 0; i < rounds * 2; i++)
		if (type_word(&r, &pinyin) < 0) {
			finish(&r);
			return 3;
		}
	if (key(&r, "\t\t", "直接") < 0) {
		fprintf(stderr, "typing: Tab Tab did not switch the field to 直接\n");
		finish(&r);
		return 3;
	}
	for (int i = 0; i < rounds * 2; i++)
		if (type_word(&r, &direct) < 0) {
			finish(&r);
			return 3;
		}
	hwm = vm_hwm_kb(r.pid);
	finish(&r);

	printf("Typing at the kiosk, 80x24, %d rounds (frame = key written to last byte, %d ms quiet)\n",
	       rounds, QUIET_MS);
	print_timing(&cold);
	print_timing(&warm);
	print_timing(&none);
	print_timing(&exec);
	print_timing(&pinyin);
	print_timing(&direct);
	printf("  %-46s %s\n", "zhengwugongkai + Space takes the 1st candidate",
	       candidates ? "yes" : "NO (the input method did not compose)");
	printf("  %-46s %.1f MB  %s\n", "kiosk peak RSS (VmHWM) after typing", (double)hwm / 1024.0,
	       hwm >= 0 && hwm < 48 * 1024 ? "goal met" : "GOAL MISSED");
	return 0;
}
