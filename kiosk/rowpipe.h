/*
 * rowpipe.h - a bounded single-producer, single-consumer queue of byte
 * records between two threads. The importer checks and masks subsidy rows on
 * one core while SQLite stores them on the other (a county list has a
 * million rows; the work splits about evenly).
 *
 * Slots are reused: after warm-up no record allocates.
 */
#ifndef GK_ROWPIPE_H
#define GK_ROWPIPE_H

#include <stddef.h>

#include "kiosk/util.h"

struct rowpipe;

/* Makes a queue of nslots records. Caller frees with rowpipe_free(). */
struct rowpipe *rowpipe_new(size_t nslots);

/* Producer: returns an empty slot to fill (borrowed until rowpipe_push),
 * waiting while the queue is full; NULL when the consumer cancelled. */
struct sbuf *rowpipe_slot(struct rowpipe *p);
/* Producer: publishes the slot returned by the last rowpipe_slot(). */
void rowpipe_push(struct rowpipe *p);
/* Producer: no more records. */
void rowpipe_close(struct rowpipe *p);

/* Consumer: returns the next record (borrowed until rowpipe_release),
 * waiting while the queue is empty; NULL once closed and drained. */
const struct sbuf *rowpipe_pop(struct rowpipe *p);
/* Consumer: gives the popped slot back. */
void rowpipe_release(struct rowpipe *p);
/* Consumer: stops the producer (its next rowpipe_slot returns NULL). */
void rowpipe_cancel(struct rowpipe *p);

/* Frees the queue and its slots; both threads must be done with it. */
void rowpipe_free(struct rowpipe *p);

#endif
