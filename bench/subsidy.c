/*
 * subsidy.c - benchmark of the subsidy-list queries (db/subsidy.h) on a
 * county-size database, with the peers a user could fall back to.
 *
 *   subsidy DB CSV PEERDB [ROUNDS]
 *
 * DB is a kiosk database holding the imported subsidies.csv; CSV is the
 * same list in UTF-8; PEERDB holds the CSV as one plain table `t` (sqlite3
 * .import). Each action is timed ROUNDS times (default 1000) with names and
 * places drawn from random rows, so common names come up as often as
 * villagers carry them:
 *
 *   name search     what the search field does for a full name: parse,
 *                   match the distinct names, read the first page of people
 *   pinyin search   the same for the name's initials (lxy)
 *   name + id tail  王芳 1245
 *   open village    the totals and the first page of a village list
 *   page down       one page further down a township list, 50 times in a row
 *   totals          the township and village menus and the list's totals
 *   reading names   the distinct names the search matches, read once per
 *                   kiosk run and import (the screens keep them)
 *
 * and, as peers, `grep -F NAME CSV` (a process, as a user would run it) and
 * `SELECT * FROM t WHERE 姓名 LIKE '%NAME%'` on the plain table. Prints
 * median and p99 in milliseconds.
 */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <fcntl.h>
#include <unistd.h>

#include <sqlite3.h>

#include "db/db.h"
#include "db/subsidy.h"
#include "kiosk/pinyin.h"

#define PAGE_PEOPLE 10 /* people per page of search results */
#define PAGE_ROWS 17   /* rows of a list page at 80x24 */
#define PAGE_DOWNS 50

extern char **environ;

/* A series of timings in milliseconds. */
struct series {
	double *v;
	int n, cap;
};

/* Returns monotonic milliseconds. */
static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Adds one timing. */
static void add(struct series *s, double ms)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 256;
		s->v = realloc(s->v, (size_t)s->cap * sizeof *s->v);
		if (!s->v)
			exit(3);
	}
	s->v[s->n++] = ms;
}

/* Orders doubles. */
static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Returns the q-quantile (0..1) of a series (sorting it). */
static double quantile(struct series *s, double q)
{
	int i;

	if (s->n == 0)
		return 0;
	qsort(s->v, (size_t)s->n, sizeof *s->v, cmp_double);
	i = (int)(q * (s->n - 1) + 0.5);
	return s->v[i];
}

/* Prints one line of results. */
static void report(const char *what, struct series *s)
{
	double med = quantile(s, 0.5), p99 = quantile(s, 0.99);

	printf("%-34s %9.3f %9.3f %6d\n", what, med, p99, s->n);
}

/* Stops with a message. */
static _Noreturn void die(const char *what, const char *err)
{
	fprintf(stderr, "bench/subsidy: %s: %s\n", what, err);
	exit(1);
}

/* A random row's name, id tail and place. */
struct sample {
	char name[64], tail[8], township[64], village[64];
	long long batch_id;
};

/* Returns a random number in [0, n). */
static long long rnd(unsigned long long *state, long long n)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return (long long)(*state % (unsigned long long)n);
}

/* Reads row `id` (or the next existing one) of the kiosk database. */
static void sample_row(sqlite3 *conn, long long id, struct sample *s)
{
	static const char sql[] = "SELECT name, id_tail, township, village, batch_id FROM subsidies"
				  " WHERE id >= ?1 ORDER BY id LIMIT 1";
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(conn, sql, -1, &st, NULL) != SQLITE_OK)
		die("sampling", sqlite3_errmsg(conn));
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW)
		die("sampling", "no row");
	snprintf(s->name, sizeof s->name, "%s", (const char *)sqlite3_column_text(st, 0));
	snprintf(s->tail, sizeof s->tail, "%s", (const char *)sqlite3_column_text(st, 1));
	snprintf(s->township, sizeof s->township, "%s", (const char *)sqlite3_column_text(st, 2));
	snprintf(s->village, sizeof s->village, "%s", (const char *)sqlite3_column_text(st, 3));
	s->batch_id = sqlite3_column_int64(st, 4);
	sqlite3_finalize(st);
}

/* Times one search (parse, match, first page of people); returns the people found. */
static int time_search(struct db *db, const struct subsidy_names *d, const char *text,
		       struct series *s)
{
	struct subsidy_query q;
	struct subsidy_match *m;
	struct subsidy_people p;
	char err[256];
	double t0 = now_ms();
	int n;

	subsidy_query_parse(text, &q);
	m = subsidy_match_new(d, &q);
	if (subsidy_find(db, m, NULL, NULL, SUBSIDY_NEXT, PAGE_PEOPLE, &p, err, sizeof err) < 0)
		die("search", err);
	add(s, now_ms() - t0);
	n = p.n;
	subsidy_people_free(&p);
	subsidy_match_free(m);
	return n;
}

/* Runs grep -F text csv and reads all it prints (as a terminal would; GNU
 * grep stops at the first match when its output is /dev/null); returns
 * its time. */
static double time_grep(const char *text, const char *csv)
{
	static char grep_[] = "grep", f_[] = "-F", dd_[] = "--";
	char *argv[] = { grep_, f_, dd_, (char *)text, (char *)csv, NULL };
	posix_spawn_file_actions_t fa;
	double t0 = now_ms();
	char buf[65536];
	int fds[2], status;
	pid_t pid;

	if (pipe(fds) < 0)
		die("grep", "pipe");
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	posix_spawn_file_actions_addclose(&fa, fds[0]);
	if (posix_spawnp(&pid, "grep", &fa, NULL, argv, environ) != 0)
		die("grep", "cannot start");
	close(fds[1]);
	while (read(fds[0], buf, sizeof buf) > 0)
		;
	close(fds[0]);
	waitpid(pid, &status, 0);
	posix_spawn_file_actions_destroy(&fa);
	return now_ms() - t0;
}

/* Times SELECT * ... LIKE '%text%' on the plain table; returns rows. */
static long time_like(sqlite3 *peer, const char *text, struct series *s)
{
	static const char sql[] = "SELECT * FROM t WHERE \"姓名\" LIKE ?1";
	sqlite3_stmt *st;
	char pat[128];
	long n = 0;
	double t0 = now_ms();

	snprintf(pat, sizeof pat, "%%%s%%", text);
	if (sqlite3_prepare_v2(peer, sql, -1, &st, NULL) != SQLITE_OK)
		die("peer", sqlite3_errmsg(peer));
	sqlite3_bind_text(st, 1, pat, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW)
		n++;
	sqlite3_finalize(st);
	add(s, now_ms() - t0);
	return n;
}

int main(int argc, char **argv)
{
	struct series names_load = {0}, name = {0}, py = {0}, tail = {0}, village = {0},
		      page = {0}, pages50 = {0}, totals = {0}, grep = {0}, like = {0};
	unsigned long long state = 0x9E3779B97F4A7C15ULL;
	struct subsidy_names *d = NULL;
	struct db *db;
	sqlite3 *ro, *peer;
	char err[256];
	long long maxid;
	int rounds = argc > 4 ? atoi(argv[4]) : 1000, peer_rounds;
	long found = 0;

	if (argc < 4) {
		fprintf(stderr, "usage: subsidy DB CSV PEERDB [ROUNDS]\n");
		return 2;
	}
	if (rounds < 10)
		rounds = 10;
	peer_rounds = rounds / 10 < 20 ? 20 : rounds / 10;
	if (db_open(argv[1], DB_READWRITE, &db, err, sizeof err) < 0)
		die("opening the database", err);
	if (sqlite3_open_v2(argv[1], &ro, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_open_v2(argv[3], &peer, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		die("opening", "sqlite3_open");
	{
		sqlite3_stmt *st;

		sqlite3_prepare_v2(ro, "SELECT max(id) FROM subsidies", -1, &st, NULL);
		sqlite3_step(st);
		maxid = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		if (maxid <= 0)
			die("database", "no subsidy rows");
	}
	for (int i = 0; i < 5; i++) {
		double t0 = now_ms();

		subsidy_names_free(d);
		if (subsidy_names_load(db, &d, err, sizeof err) < 0)
			die("names", err);
		add(&names_load, now_ms() - t0);
	}

	for (int r = 0; r < rounds; r++) {
		struct sample s;
		struct subsidy_scope sc = {0};
		struct subsidy_totals tt;
		struct subsidy_page pg, next;
		struct subsidy_place *pl;
		struct subsidy_sum sum;
		char text[96], key[64];
		double t0, t1;
		int npl;

		sample_row(ro, 1 + rnd(&state, maxid), &s);
		found += time_search(db, d, s.name, &name);
		pinyin_initials_key(s.name, 1, key, sizeof key);
		time_search(db, d, key, &py);
		if (s.tail[0]) {
			snprintf(text, sizeof text, "%s %s", s.name, s.tail);
			if (time_search(db, d, text, &tail) < 1)
				die("name + tail", "found nobody");
		}

		/* Opening the village's list: its totals and first page. */
		sc.batch_id = s.batch_id;
		sc.township = s.township;
		sc.village = s.village;
		t0 = now_ms();
		if (subsidy_totals_get(db, &sc, &tt, err, sizeof err) < 0 ||
		    subsidy_list(db, &sc, NULL, NULL, SUBSIDY_NEXT, PAGE_ROWS, &pg, err, sizeof err) < 0)
			die("village list", err);
		add(&village, now_ms() - t0);
		subsidy_page_free(&pg);

		/* The menus that lead there, and the sums above the list. */
		t0 = now_ms();
		if (subsidy_places(db, s.batch_id, NULL, &pl, &npl, err, sizeof err) < 0)
			die("townships", err);
		subsidy_places_free(pl, npl);
		if (subsidy_places(db, s.batch_id, s.township, &pl, &npl, err, sizeof err) < 0)
			die("villages", err);
		subsidy_places_free(pl, npl);
		if (subsidy_totals_get(db, &sc, &tt, err, sizeof err) < 0 ||
		    subsidy_list_sum(db, &sc, NULL, &sum, err, sizeof err) < 0)
			die("totals", err);
		add(&totals, now_ms() - t0);

		/* Paging down a township's list. */
		if (r % 10 == 0) {
			sc.village = NULL;
			if (subsidy_list(db, &sc, NULL, NULL, SUBSIDY_NEXT, PAGE_ROWS, &pg, err, sizeof err) < 0)
				die("township list", err);
			t1 = now_ms();
			for (int k = 0; k < PAGE_DOWNS && pg.more; k++) {
				t0 = now_ms();
				if (subsidy_list(db, &sc, NULL, &pg.rows[pg.n - 1], SUBSIDY_NEXT, PAGE_ROWS, &next,
						 err, sizeof err) < 0)
					die("paging", err);
				add(&page, now_ms() - t0);
				subsidy_page_free(&pg);
				pg = next;
			}
			add(&pages50, now_ms() - t1);
			subsidy_page_free(&pg);
		}

		if (r < peer_rounds) {
			add(&grep, time_grep(s.name, argv[2]));
			time_like(peer, s.name, &like);
		}
	}

	printf("bench/subsidy: %lld rows, %ld distinct names, %d rounds (peers %d)\n", maxid,
	       subsidy_names_count(d), rounds, peer_rounds);
	printf("%-34s %9s %9s %6s\n", "action (ms)", "median", "p99", "runs");
	report("name search (first page)", &name);
	report("pinyin initials search", &py);
	report("name + id tail (name 1245)", &tail);
	report("open a village list", &village);
	report("page down (one page)", &page);
	report("page down 50 times (total)", &pages50);
	report("totals (menus + list sums)", &totals);
	report("reading the names (once per import)", &names_load);
	report("peer: grep -F NAME csv", &grep);
	report("peer: sqlite3 LIKE '%NAME%'", &like);
	{
		double g = quantile(&grep, 0.5), n = quantile(&name, 0.5);

		printf("name search vs grep: %.0fx faster (median); vs LIKE: %.0fx\n", n > 0 ? g / n : 0,
		       n > 0 ? quantile(&like, 0.5) / n : 0);
	}
	fprintf(stderr, "(%ld people found in total)\n", found);
	subsidy_names_free(d);
	sqlite3_close(ro);
	sqlite3_close(peer);
	db_close(db);
	return 0;
}
