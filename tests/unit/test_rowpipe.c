/*
 * test_rowpipe.c - the importer's two-thread queue delivers every record,
 * in order, intact, through many wrap-arounds of a small ring; a cancel
 * releases a producer waiting on a full queue.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/rowpipe.h"
#include "tests/unit/check.h"

#define NREC 200000

/* Pushes NREC numbered records of varying length. */
static void *producer(void *arg)
{
	struct rowpipe *p = arg;

	for (int i = 0; i < NREC; i++) {
		struct sbuf *b = rowpipe_slot(p);
		if (!b)
			break;
		sbuf_addf(b, "%d:", i);
		for (int k = 0; k < i % 37; k++)
			sbuf_addc(b, (char)('a' + k % 26));
		rowpipe_push(p);
	}
	rowpipe_close(p);
	return NULL;
}

/* Every record arrives once, in order, with its content. */
static void test_order_and_content(void)
{
	struct rowpipe *p = rowpipe_new(7);
	const struct sbuf *b;
	pthread_t th;
	int next = 0, bad = 0;

	CHECK(pthread_create(&th, NULL, producer, p) == 0);
	while ((b = rowpipe_pop(p)) != NULL) {
		int n = -1, off = 0;
		if (sscanf(b->s, "%d:%n", &n, &off) != 1 || n != next ||
		    (int)b->len != off + next % 37)
			bad++;
		next++;
		rowpipe_release(p);
	}
	pthread_join(th, NULL);
	CHECK_INT(next, NREC);
	CHECK_INT(bad, 0);
	rowpipe_free(p);
}

/* Cancelling stops a producer blocked on a full ring. */
static void test_cancel(void)
{
	struct rowpipe *p = rowpipe_new(2);
	const struct sbuf *b;
	pthread_t th;
	int got = 0;

	CHECK(pthread_create(&th, NULL, producer, p) == 0);
	b = rowpipe_pop(p);
	CHECK(b != NULL);
	rowpipe_release(p);
	got++;
	rowpipe_cancel(p);
	while ((b = rowpipe_pop(p)) != NULL) {
		rowpipe_release(p);
		got++;
	}
	pthread_join(th, NULL);
	CHECK(got < NREC);
	rowpipe_free(p);
}

/* Runs the queue tests. */
int main(void)
{
	TEST(test_order_and_content);
	TEST(test_cancel);
	return CHECK_EXIT();
}
