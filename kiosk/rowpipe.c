/*
 * rowpipe.c - the bounded SPSC queue of kiosk/rowpipe.h: a ring of sbufs,
 * one mutex, two condition variables. Signals are sent only when the other
 * side is waiting, so the common case takes the lock and nothing else; and
 * a waiting side is woken with hysteresis (the producer when the ring is
 * half empty, the consumer when a batch is queued), not for every record:
 * otherwise, with one side faster, the threads wake each other once per
 * record and spend their time in futex calls.
 */
#include "kiosk/rowpipe.h"

#include <pthread.h>
#include <stdlib.h>

struct rowpipe {
	pthread_mutex_t lock;
	pthread_cond_t not_full;
	pthread_cond_t not_empty;
	struct sbuf *slot;
	size_t n;       /* slots */
	size_t head;    /* next slot the consumer pops */
	size_t count;   /* published, not yet released */
	size_t batch;   /* records queued before a waiting consumer is woken */
	int closed;     /* producer is done */
	int cancelled;  /* consumer gave up */
	int prod_waits; /* the producer waits for the ring to be half empty */
	int cons_waits; /* the consumer waits for a batch (or the end) */
};

/* Allocates the ring. */
struct rowpipe *rowpipe_new(size_t nslots)
{
	struct rowpipe *p = xcalloc(1, sizeof *p);

	p->n = nslots ? nslots : 1;
	p->batch = p->n / 8 ? p->n / 8 : 1;
	p->slot = xcalloc(p->n, sizeof *p->slot);
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->not_full, NULL);
	pthread_cond_init(&p->not_empty, NULL);
	return p;
}

/* Waits for a free slot and hands it out emptied. */
struct sbuf *rowpipe_slot(struct rowpipe *p)
{
	struct sbuf *s = NULL;

	pthread_mutex_lock(&p->lock);
	while (p->count == p->n && !p->cancelled) {
		p->prod_waits = 1;
		pthread_cond_wait(&p->not_full, &p->lock);
	}
	if (!p->cancelled) {
		s = &p->slot[(p->head + p->count) % p->n];
		sbuf_reset(s);
	}
	pthread_mutex_unlock(&p->lock);
	return s;
}

/* Publishes the filled slot. */
void rowpipe_push(struct rowpipe *p)
{
	pthread_mutex_lock(&p->lock);
	if (++p->count >= p->batch && p->cons_waits) {
		p->cons_waits = 0;
		pthread_cond_signal(&p->not_empty);
	}
	pthread_mutex_unlock(&p->lock);
}

/* Marks the end of the records. */
void rowpipe_close(struct rowpipe *p)
{
	pthread_mutex_lock(&p->lock);
	p->closed = 1;
	p->cons_waits = 0;
	pthread_cond_signal(&p->not_empty);
	pthread_mutex_unlock(&p->lock);
}

/* Waits for the next record. */
const struct sbuf *rowpipe_pop(struct rowpipe *p)
{
	const struct sbuf *s = NULL;

	pthread_mutex_lock(&p->lock);
	while (p->count == 0 && !p->closed) {
		p->cons_waits = 1;
		pthread_cond_wait(&p->not_empty, &p->lock);
	}
	if (p->count)
		s = &p->slot[p->head];
	pthread_mutex_unlock(&p->lock);
	return s;
}

/* Frees the slot the consumer was reading. */
void rowpipe_release(struct rowpipe *p)
{
	pthread_mutex_lock(&p->lock);
	p->head = (p->head + 1) % p->n;
	if (--p->count <= p->n / 2 && p->prod_waits) {
		p->prod_waits = 0;
		pthread_cond_signal(&p->not_full);
	}
	pthread_mutex_unlock(&p->lock);
}

/* Tells the producer to stop. */
void rowpipe_cancel(struct rowpipe *p)
{
	pthread_mutex_lock(&p->lock);
	p->cancelled = 1;
	p->prod_waits = 0;
	pthread_cond_signal(&p->not_full);
	pthread_mutex_unlock(&p->lock);
}

/* Releases everything. */
void rowpipe_free(struct rowpipe *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n; i++)
		sbuf_free(&p->slot[i]);
	free(p->slot);
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->not_full);
	pthread_cond_destroy(&p->not_empty);
	free(p);
}
