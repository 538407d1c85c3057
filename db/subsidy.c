/*
 * subsidy.c - the subsidy screens' queries, one prepared statement each,
 * and the in-memory matching of recipient names.
 *
 * Lists page by keyset over subsidies_place (batch_id, township, village,
 * id): the page after row (village, id) of a township is
 *   WHERE batch_id = ? AND township = ? AND (village, id) > (?, ?)
 *   ORDER BY village, id LIMIT n
 * so the 50th page costs what the first does.
 *
 * Search does not scan rows. A county has about a million rows but only
 * tens of thousands of distinct names; those are read once, in order,
 * from the subsidies_name index (name, id_tail, batch_id) into one buffer
 * of NUL-separated names, and the pinyin-initials variants of each name
 * into a second buffer. memmem() over a buffer finds every name holding
 * what was typed (a run of characters, or a run of initials of any
 * reading), in name order, in well under a millisecond; the rows of those
 * names are then read through the same index, person by person. The
 * full-text index over all rows would answer too, but two common Hanzi
 * (王, 芳) there mean decoding a hundred thousand postings per keystroke.
 */
#include "db/subsidy.h"

#include <stdlib.h>
#include <string.h> /* memmem (_GNU_SOURCE, set by the Makefile) */

#include "db/db_internal.h"
#include "kiosk/pinyin.h"
#include "kiosk/util.h"

/* Lines of one person read at most (a person has a few dozen); the same
 * number is the LIMIT of lines_sql. */
#define SUBSIDY_MAX_LINES 500
#define SUBSIDY_STR_(x) #x
#define SUBSIDY_STR(x) SUBSIDY_STR_(x)

/* --- small helpers ------------------------------------------------------- */

/* Binds text, or NULL when s is NULL (unlike db_bind_text). */
static void sub_bind_opt(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

/* Appends the readings of s (one syllable per Hanzi, other characters as
 * they are) to b: the sort key of a place or program name. */
static void sub_sort_key(struct sbuf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		unsigned cp = *p;
		int len = 1;
		const char *syl[1];

		if (cp >= 0xF0 && p[1] && p[2] && p[3]) {
			cp = ((cp & 7u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
			len = 4;
		} else if (cp >= 0xE0 && p[1] && p[2]) {
			cp = ((cp & 15u) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
			len = 3;
		} else if (cp >= 0xC0 && p[1]) {
			cp = ((cp & 31u) << 6) | (p[1] & 0x3Fu);
			len = 2;
		}
		if (pinyin_readings(cp, syl, 1) > 0) {
			sbuf_add(b, syl[0]);
			sbuf_addc(b, ' ');
		} else {
			sbuf_addn(b, (const char *)p, (size_t)len);
		}
		p += len;
	}
}

/* An element being sorted by its pinyin key. */
struct sub_keyed {
	char *key;
	const char *name;
	int index;
};

/* Orders by pinyin key, then by the name's bytes. */
static int sub_keyed_cmp(const void *a, const void *b)
{
	const struct sub_keyed *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : strcmp(x->name, y->name);
}

/* Returns the permutation that puts n names (at stride bytes apart, the
 * char * at offset field) in pinyin order. Caller frees. */
static int *sub_pinyin_order(const void *items, int n, size_t stride, size_t field)
{
	struct sub_keyed *k = xcalloc((size_t)n + 1, sizeof *k);
	int *order = xcalloc((size_t)n + 1, sizeof *order);

	for (int i = 0; i < n; i++) {
		struct sbuf b = {0};

		k[i].name = *(char *const *)((const char *)items + (size_t)i * stride + field);
		sub_sort_key(&b, k[i].name);
		k[i].key = sbuf_detach(&b);
		if (!k[i].key)
			k[i].key = xstrdup("");
		k[i].index = i;
	}
	if (n > 0)
		qsort(k, (size_t)n, sizeof *k, sub_keyed_cmp);
	for (int i = 0; i < n; i++) {
		order[i] = k[i].index;
		free(k[i].key);
	}
	free(k);
	return order;
}

/* Rearranges n items of size bytes in the order given. */
static void sub_permute(void *items, int n, size_t size, const int *order)
{
	char *copy = xmalloc((size_t)n * size + 1);

	memcpy(copy, items, (size_t)n * size);
	for (int i = 0; i < n; i++)
		memcpy((char *)items + (size_t)i * size, copy + (size_t)order[i] * size, size);
	free(copy);
}

/* --- programs, batches, places, totals ---------------------------------- */

/* Lists the programs. */
int subsidy_programs(struct db *db, struct subsidy_program **out, int *n, char *err,
		     size_t errlen)
{
	static const char sql[] =
		"SELECT program, count(*), min(year), max(year), sum(people), sum(total_fen)"
		" FROM subsidy_batches GROUP BY program";
	sqlite3_stmt *st = db_stmt(db, sql, err, errlen);
	struct subsidy_program *p = NULL;
	int cap = 0, cnt = 0, rc;
	int *order;

	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (cnt == cap) {
			cap = cap ? cap * 2 : 8;
			p = xrealloc(p, (size_t)cap * sizeof *p);
		}
		p[cnt].program = db_col_dup(st, 0);
		p[cnt].batches = sqlite3_column_int(st, 1);
		p[cnt].first_year = sqlite3_column_int(st, 2);
		p[cnt].last_year = sqlite3_column_int(st, 3);
		p[cnt].people = (long)sqlite3_column_int64(st, 4);
		p[cnt].total_fen = sqlite3_column_int64(st, 5);
		cnt++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		subsidy_programs_free(p, cnt);
		return db_fail(db, "listing subsidy programs", err, errlen);
	}
	if (cnt > 1) {
		order = sub_pinyin_order(p, cnt, sizeof *p, offsetof(struct subsidy_program, program));
		sub_permute(p, cnt, sizeof *p, order);
		free(order);
	}
	*out = p;
	*n = cnt;
	return 0;
}

/* Frees the programs. */
void subsidy_programs_free(struct subsidy_program *p, int n)
{
	for (int i = 0; i < n; i++)
		free(p[i].program);
	free(p);
}

/* Copies one batch row (id, program, year, batch, people, total_fen). */
static void sub_batch_read(sqlite3_stmt *st, struct subsidy_batch *b)
{
	b->id = sqlite3_column_int64(st, 0);
	b->program = db_col_dup(st, 1);
	b->year = sqlite3_column_int(st, 2);
	b->batch = db_col_dup(st, 3);
	b->people = (long)sqlite3_column_int64(st, 4);
	b->total_fen = sqlite3_column_int64(st, 5);
}

/* Lists batches, newest year first; within a year in the order they were
 * first imported, which is the office's order (第一批 before 第二批). */
int subsidy_batches(struct db *db, const char *program, struct subsidy_batch **out, int *n,
		    char *err, size_t errlen)
{
	static const char sql[] =
		"SELECT id, program, year, batch, people, total_fen FROM subsidy_batches"
		" WHERE ?1 IS NULL OR program = ?1 ORDER BY year DESC, program, id";
	sqlite3_stmt *st = db_stmt(db, sql, err, errlen);
	struct subsidy_batch *b = NULL;
	int cap = 0, cnt = 0, rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	sub_bind_opt(st, 1, program);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (cnt == cap) {
			cap = cap ? cap * 2 : 8;
			b = xrealloc(b, (size_t)cap * sizeof *b);
		}
		sub_batch_read(st, &b[cnt++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		subsidy_batches_free(b, cnt);
		return db_fail(db, "listing subsidy batches", err, errlen);
	}
	*out = b;
	*n = cnt;
	return 0;
}

/* Reads one batch. */
int subsidy_batch_get(struct db *db, long long id, struct subsidy_batch *out, char *err,
		      size_t errlen)
{
	static const char sql[] =
		"SELECT id, program, year, batch, people, total_fen FROM subsidy_batches WHERE id = ?1";
	sqlite3_stmt *st = db_stmt(db, sql, err, errlen);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		sub_batch_read(st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return 1;
	return db_fail(db, "reading a subsidy batch", err, errlen);
}

/* Frees one batch's strings. */
void subsidy_batch_clear(struct subsidy_batch *b)
{
	free(b->program);
	free(b->batch);
	b->program = b->batch = NULL;
}

/* Frees the batches. */
void subsidy_batches_free(struct subsidy_batch *b, int n)
{
	for (int i = 0; i < n; i++)
		subsidy_batch_clear(&b[i]);
	free(b);
}

/* Lists townships or villages with their sums. */
int subsidy_places(struct db *db, long long batch_id, const char *township,
		   struct subsidy_place **out, int *n, char *err, size_t errlen)
{
	static const char towns[] =
		"SELECT township, village, people, total_fen FROM subsidy_totals"
		" WHERE batch_id = ?1 AND village = ''";
	static const char villages[] =
		"SELECT township, village, people, total_fen FROM subsidy_totals"
		" WHERE batch_id = ?1 AND township = ?2 AND village <> ''";
	sqlite3_stmt *st = db_stmt(db, township ? villages : towns, err, errlen);
	struct subsidy_place *p = NULL;
	int cap = 0, cnt = 0, rc;
	int *order;

	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, batch_id);
	if (township)
		db_bind_text(st, 2, township);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (cnt == cap) {
			cap = cap ? cap * 2 : 16;
			p = xrealloc(p, (size_t)cap * sizeof *p);
		}
		p[cnt].township = db_col_dup(st, 0);
		p[cnt].village = db_col_dup(st, 1);
		p[cnt].people = (long)sqlite3_column_int64(st, 2);
		p[cnt].total_fen = sqlite3_column_int64(st, 3);
		cnt++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		subsidy_places_free(p, cnt);
		return db_fail(db, "listing places", err, errlen);
	}
	if (cnt > 1) {
		size_t field = township ? offsetof(struct subsidy_place, village)
					: offsetof(struct subsidy_place, township);

		order = sub_pinyin_order(p, cnt, sizeof *p, field);
		sub_permute(p, cnt, sizeof *p, order);
		free(order);
	}
	*out = p;
	*n = cnt;
	return 0;
}

/* Frees the places. */
void subsidy_places_free(struct subsidy_place *p, int n)
{
	for (int i = 0; i < n; i++) {
		free(p[i].township);
		free(p[i].village);
	}
	free(p);
}

/* Reads one (people, total_fen) row of a sums statement into *sum. */
static int sub_read_sum(struct db *db, sqlite3_stmt *st, struct subsidy_sum *sum, char *err,
			size_t errlen)
{
	int rc = sqlite3_step(st);

	sum->people = 0;
	sum->total_fen = 0;
	if (rc == SQLITE_ROW) {
		sum->people = (long)sqlite3_column_int64(st, 0);
		sum->total_fen = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, "reading totals", err, errlen);
	return 0;
}

/* Reads the sums of the scope's batch (or program), township and village. */
int subsidy_totals_get(struct db *db, const struct subsidy_scope *s, struct subsidy_totals *out,
		       char *err, size_t errlen)
{
	static const char batch[] = "SELECT people, total_fen FROM subsidy_batches WHERE id = ?1";
	static const char program[] =
		"SELECT coalesce(sum(people), 0), coalesce(sum(total_fen), 0) FROM subsidy_batches"
		" WHERE ?1 IS NULL OR program = ?1";
	static const char place[] =
		"SELECT people, total_fen FROM subsidy_totals"
		" WHERE batch_id = ?1 AND township = ?2 AND village = ?3";
	sqlite3_stmt *st;

	memset(out, 0, sizeof *out);
	st = db_stmt(db, s->batch_id ? batch : program, err, errlen);
	if (!st)
		return -1;
	if (s->batch_id)
		sqlite3_bind_int64(st, 1, s->batch_id);
	else
		sub_bind_opt(st, 1, s->program);
	if (sub_read_sum(db, st, &out->batch, err, errlen) < 0)
		return -1;
	if (!s->batch_id || !s->township)
		return 0;
	if (!(st = db_stmt(db, place, err, errlen)))
		return -1;
	sqlite3_bind_int64(st, 1, s->batch_id);
	db_bind_text(st, 2, s->township);
	db_bind_text(st, 3, "");
	if (sub_read_sum(db, st, &out->township, err, errlen) < 0)
		return -1;
	if (!s->village)
		return 0;
	if (!(st = db_stmt(db, place, err, errlen)))
		return -1;
	sqlite3_bind_int64(st, 1, s->batch_id);
	db_bind_text(st, 2, s->township);
	db_bind_text(st, 3, s->village);
	return sub_read_sum(db, st, &out->village, err, errlen);
}

/* --- the search text ----------------------------------------------------- */

/* Decodes one UTF-8 character; returns its length (1 for a bad byte). */
static int sub_utf8(const unsigned char *p, unsigned *cp)
{
	if (p[0] >= 0xF0 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 && (p[3] & 0xC0) == 0x80) {
		*cp = ((p[0] & 7u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
		return 4;
	}
	if (p[0] >= 0xE0 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
		*cp = ((p[0] & 15u) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
		return 3;
	}
	if (p[0] >= 0xC0 && (p[1] & 0xC0) == 0x80) {
		*cp = ((p[0] & 31u) << 6) | (p[1] & 0x3Fu);
		return 2;
	}
	*cp = p[0];
	return 1;
}

/* Says whether the n bytes at w are an id's last four: 3 digits and a
 * digit or X. */
static int sub_is_tail(const char *w, size_t n)
{
	if (n != 4)
		return 0;
	for (size_t i = 0; i < 3; i++)
		if (w[i] < '0' || w[i] > '9')
			return 0;
	return (w[3] >= '0' && w[3] <= '9') || w[3] == 'X' || w[3] == 'x';
}

/* Understands the search text. */
int subsidy_query_parse(const char *input, struct subsidy_query *q)
{
	struct sbuf norm = {0};
	const unsigned char *p = (const unsigned char *)(input ? input : "");
	const char *s, *end;
	size_t tl = 0, chars = 0;
	int letters_only = 1;

	memset(q, 0, sizeof *q);
	/* Fold full-width letters, digits and spaces to ASCII. */
	while (*p) {
		unsigned cp;
		int len = sub_utf8(p, &cp);

		if (cp == 0x3000 || cp == '\t' || cp == '\n' || cp == '\r')
			sbuf_addc(&norm, ' ');
		else if (cp >= 0xFF01 && cp <= 0xFF5E)
			sbuf_addc(&norm, (char)(cp - 0xFF01 + 0x21));
		else
			sbuf_addn(&norm, (const char *)p, (size_t)len);
		p += len;
	}
	/* Words: the id's last four, or text. */
	s = sbuf_str(&norm);
	while (*s) {
		size_t n;

		while (*s == ' ')
			s++;
		end = s;
		while (*end && *end != ' ')
			end++;
		n = (size_t)(end - s);
		if (n == 0)
			break;
		if (sub_is_tail(s, n)) {
			memcpy(q->tail, s, 4);
		} else {
			/* 王芳1245: four digits glued to the end of a name. */
			if (n > 4 && sub_is_tail(end - 4, 4) && !(end[-5] >= '0' && end[-5] <= '9')) {
				memcpy(q->tail, end - 4, 4);
				n -= 4;
			}
			if (tl + n < sizeof q->text) {
				memcpy(q->text + tl, s, n);
				tl += n;
			}
		}
		s = end;
	}
	q->text[tl] = '\0';
	if (q->tail[3] == 'x')
		q->tail[3] = 'X';
	sbuf_free(&norm);
	for (size_t i = 0; i < tl; i++) {
		unsigned char c = (unsigned char)q->text[i];

		if ((c & 0xC0) != 0x80)
			chars++;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
			letters_only = 0;
	}
	if (tl && letters_only) {
		q->pinyin = 1;
		for (size_t i = 0; i < tl; i++)
			if (q->text[i] >= 'A' && q->text[i] <= 'Z')
				q->text[i] = (char)(q->text[i] - 'A' + 'a');
	}
	return chars >= 2;
}

/* --- rows ---------------------------------------------------------------- */

/* The columns every row query selects, in sub_row_read's order. */
#define ROW_COLS \
	"SELECT s.id, s.batch_id, s.township, s.village, s.name, s.id_masked, s.id_tail, s.basis," \
	" s.paid_on, s.fund_source, s.account_masked, s.amount_fen"

/* Copies one result row; program, year and batch come from columns 12-14
 * when the statement has them. */
static void sub_row_read(sqlite3_stmt *st, struct subsidy_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->batch_id = sqlite3_column_int64(st, 1);
	r->township = db_col_dup(st, 2);
	r->village = db_col_dup(st, 3);
	r->name = db_col_dup(st, 4);
	r->id_masked = db_col_dup(st, 5);
	r->id_tail = db_col_dup(st, 6);
	r->basis = db_col_dup(st, 7);
	r->paid_on = db_col_dup(st, 8);
	r->fund_source = db_col_dup(st, 9);
	r->account_masked = db_col_dup(st, 10);
	r->amount_fen = sqlite3_column_int64(st, 11);
	if (sqlite3_column_count(st) > 14) {
		r->program = db_col_dup(st, 12);
		r->year = sqlite3_column_int(st, 13);
		r->batch = db_col_dup(st, 14);
	} else {
		r->program = xstrdup("");
		r->year = 0;
		r->batch = xstrdup("");
	}
}

/* Frees one row's strings. */
void subsidy_row_free(struct subsidy_row *r)
{
	free(r->township);
	free(r->village);
	free(r->name);
	free(r->id_masked);
	free(r->id_tail);
	free(r->basis);
	free(r->paid_on);
	free(r->fund_source);
	free(r->account_masked);
	free(r->program);
	free(r->batch);
}

/* Frees a page. */
void subsidy_page_free(struct subsidy_page *p)
{
	for (int i = 0; i < p->n; i++)
		subsidy_row_free(&p->rows[i]);
	free(p->rows);
	p->rows = NULL;
	p->n = 0;
	p->more = 0;
}

/* --- village and township lists ------------------------------------------ */

/* ?1 batch, ?2 township, ?3 village, ?4 id, ?5 limit, ?6 text, ?7 tail. */
#define LIST_VIL(F, CMP, ORD) \
	ROW_COLS " FROM subsidies s WHERE s.batch_id = ?1 AND s.township = ?2 AND s.village = ?3" \
	" AND s.id " CMP " ?4" F " ORDER BY s.id " ORD " LIMIT ?5"
#define LIST_TWN(F, CMP, ORD) \
	ROW_COLS " FROM subsidies s WHERE s.batch_id = ?1 AND s.township = ?2" \
	" AND (s.village, s.id) " CMP " (?3, ?4)" F " ORDER BY s.village " ORD ", s.id " ORD " LIMIT ?5"
#define F_NONE ""
#define F_TEXT " AND instr(s.name, ?6) > 0 AND (?7 = '' OR s.id_tail = ?7)"
#define F_PY " AND instr(s.name_py, ?6) > 0 AND (?7 = '' OR s.id_tail = ?7)"
#define LIST_DIRS(KIND, F) { KIND(F, ">", "ASC"), KIND(F, "<", "DESC") }
#define LIST_FILTERS(KIND) { LIST_DIRS(KIND, F_NONE), LIST_DIRS(KIND, F_TEXT), LIST_DIRS(KIND, F_PY) }

enum { FILT_NONE, FILT_TEXT, FILT_PY, FILT_N };

/* [village, township][filter][next, prev] */
static const char *const list_sql[2][FILT_N][2] = {
	LIST_FILTERS(LIST_VIL),
	LIST_FILTERS(LIST_TWN),
};

/* Returns the filter kind a query needs. */
static int sub_filter(const struct subsidy_query *q)
{
	if (!q || (!q->text[0] && !q->tail[0]))
		return FILT_NONE;
	return q->pinyin ? FILT_PY : FILT_TEXT;
}

/* Reads a page of a village or township list. */
int subsidy_list(struct db *db, const struct subsidy_scope *s, const struct subsidy_query *q,
		 const struct subsidy_row *from, int dir, int limit, struct subsidy_page *out,
		 char *err, size_t errlen)
{
	int prev = dir == SUBSIDY_PREV && from, filt = sub_filter(q), rc, cap;
	sqlite3_stmt *st;

	memset(out, 0, sizeof *out);
	if (!s->batch_id || !s->township || limit <= 0) {
		util_errf(err, errlen, "subsidy list: no batch or township");
		return -1;
	}
	st = db_stmt(db, list_sql[s->village ? 0 : 1][filt][prev], err, errlen);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, s->batch_id);
	db_bind_text(st, 2, s->township);
	if (s->village)
		db_bind_text(st, 3, s->village);
	else
		db_bind_text(st, 3, from ? from->village : "");
	sqlite3_bind_int64(st, 4, from ? from->id : 0);
	sqlite3_bind_int(st, 5, limit + 1);
	if (filt != FILT_NONE) {
		db_bind_text(st, 6, q->text);
		db_bind_text(st, 7, q->tail);
	}
	cap = limit + 1;
	out->rows = xcalloc((size_t)cap, sizeof *out->rows);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->n == limit) {
			out->more = 1;
			break;
		}
		sub_row_read(st, &out->rows[out->n++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		subsidy_page_free(out);
		return db_fail(db, "reading a subsidy list", err, errlen);
	}
	if (prev) {
		for (int i = 0, j = out->n - 1; i < j; i++, j--) {
			struct subsidy_row t = out->rows[i];

			out->rows[i] = out->rows[j];
			out->rows[j] = t;
		}
	}
	return 0;
}

/* ?1 batch, ?2 township, ?3 village, ?6 text, ?7 tail. */
#define SUM_VIL(F) "SELECT count(*), coalesce(sum(s.amount_fen), 0) FROM subsidies s" \
		   " WHERE s.batch_id = ?1 AND s.township = ?2 AND s.village = ?3" F
#define SUM_TWN(F) "SELECT count(*), coalesce(sum(s.amount_fen), 0) FROM subsidies s" \
		   " WHERE s.batch_id = ?1 AND s.township = ?2" F

/* [village, township][text, pinyin] */
static const char *const sum_sql[2][2] = {
	{ SUM_VIL(F_TEXT), SUM_VIL(F_PY) },
	{ SUM_TWN(F_TEXT), SUM_TWN(F_PY) },
};

/* Counts and sums what a list shows. */
int subsidy_list_sum(struct db *db, const struct subsidy_scope *s, const struct subsidy_query *q,
		     struct subsidy_sum *out, char *err, size_t errlen)
{
	int filt = sub_filter(q);
	sqlite3_stmt *st;

	if (filt == FILT_NONE) {
		struct subsidy_totals t;

		if (subsidy_totals_get(db, s, &t, err, errlen) < 0)
			return -1;
		*out = s->village ? t.village : t.township;
		return 0;
	}
	st = db_stmt(db, sum_sql[s->village ? 0 : 1][filt == FILT_PY], err, errlen);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, s->batch_id);
	db_bind_text(st, 2, s->township);
	if (s->village)
		db_bind_text(st, 3, s->village);
	db_bind_text(st, 6, q->text);
	db_bind_text(st, 7, q->tail);
	return sub_read_sum(db, st, out, err, errlen);
}

/* --- the names ----------------------------------------------------------- */

struct subsidy_names {
	long long generation; /* the newest import when read */
	long n;
	char *buf;            /* "\0name\0name\0…": names in index (byte) order */
	size_t *off;          /* where name i starts in buf; off[n] = the end */
	long *rows;           /* rows of name i in every batch */
	char *py;             /* the initials variants of each name, NUL-separated */
	size_t *pyoff;        /* where name i's variants start in py; pyoff[n] = the end */
};

struct subsidy_match {
	const struct subsidy_names *d;
	struct subsidy_query q;
	long *idx;            /* indexes into d of the names that matched, ascending */
	long n;
	long rows;
};

/* Returns the newest import's id, which changes with every import. */
static long long sub_generation(struct db *db)
{
	static const char sql[] = "SELECT coalesce(max(id), 0) FROM imports";
	char err[64];
	sqlite3_stmt *st = db_stmt(db, sql, err, sizeof err);
	long long g = -1;

	if (!st)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		g = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return g;
}

/* Looks a name up in the name index. */
int subsidy_name_exists(struct db *db, const char *name, int *yes, char *err, size_t errlen)
{
	static const char sql[] =
		"SELECT 1 FROM subsidies INDEXED BY subsidies_name WHERE name = ?1 LIMIT 1";
	sqlite3_stmt *st = db_stmt(db, sql, err, errlen);
	int rc;

	*yes = 0;
	if (!st)
		return -1;
	db_bind_text(st, 1, name);
	rc = sqlite3_step(st);
	*yes = rc == SQLITE_ROW;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, "looking a name up", err, errlen);
	return 0;
}

/* Reads the distinct names from the name index. */
int subsidy_names_load(struct db *db, struct subsidy_names **out, char *err, size_t errlen)
{
	static const char sql[] =
		"SELECT name, count(*) FROM subsidies INDEXED BY subsidies_name GROUP BY name";
	struct subsidy_names *d;
	struct sbuf buf = {0}, py = {0};
	size_t cap = 0;
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	st = db_stmt(db, sql, err, errlen);
	if (!st)
		return -1;
	d = xcalloc(1, sizeof *d);
	d->generation = sub_generation(db);
	sbuf_addc(&buf, '\0');
	sbuf_addc(&py, '\0');
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		char v[16][PINYIN_VARIANT_LEN];
		size_t nv;

		if (!name)
			name = "";
		if ((size_t)d->n + 1 >= cap) {
			cap = cap ? cap * 2 : 4096;
			d->off = xrealloc(d->off, cap * sizeof *d->off);
			d->pyoff = xrealloc(d->pyoff, cap * sizeof *d->pyoff);
			d->rows = xrealloc(d->rows, cap * sizeof *d->rows);
		}
		d->off[d->n] = buf.len;
		d->pyoff[d->n] = py.len;
		d->rows[d->n] = (long)sqlite3_column_int64(st, 1);
		sbuf_add(&buf, name);
		sbuf_addc(&buf, '\0');
		nv = pinyin_initials_variants(name, 1, v, 16);
		for (size_t i = 0; i < nv; i++) {
			sbuf_add(&py, v[i]);
			sbuf_addc(&py, '\0');
		}
		d->n++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		sbuf_free(&buf);
		sbuf_free(&py);
		subsidy_names_free(d);
		return db_fail(db, "reading recipient names", err, errlen);
	}
	if (!d->off) {
		d->off = xcalloc(1, sizeof *d->off);
		d->pyoff = xcalloc(1, sizeof *d->pyoff);
		d->rows = xcalloc(1, sizeof *d->rows);
	}
	d->off[d->n] = buf.len;
	d->pyoff[d->n] = py.len;
	d->buf = sbuf_detach(&buf);
	d->py = sbuf_detach(&py);
	*out = d;
	return 0;
}

/* Says whether the names are still those of the database. */
int subsidy_names_current(struct db *db, const struct subsidy_names *d)
{
	return d && sub_generation(db) == d->generation;
}

/* Returns the number of names. */
long subsidy_names_count(const struct subsidy_names *d)
{
	return d ? d->n : 0;
}

/* Returns name i, or NULL out of range. */
const char *subsidy_names_at(const struct subsidy_names *d, long i)
{
	if (!d || i < 0 || i >= d->n)
		return NULL;
	return d->buf + d->off[i];
}

/* Frees the names. */
void subsidy_names_free(struct subsidy_names *d)
{
	if (!d)
		return;
	free(d->buf);
	free(d->off);
	free(d->rows);
	free(d->py);
	free(d->pyoff);
	free(d);
}

/* Returns the last i with off[i] <= pos (off ascending, n + 1 entries). */
static long sub_owner(const size_t *off, long n, size_t pos)
{
	long lo = 0, hi = n - 1;

	while (lo < hi) {
		long mid = lo + (hi - lo + 1) / 2;

		if (off[mid] <= pos)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

/* Finds every name whose text (buf, off) contains needle. */
static void sub_scan(struct subsidy_match *m, const char *buf, const size_t *off,
		     const char *needle)
{
	const struct subsidy_names *d = m->d;
	size_t nl = strlen(needle), pos = 0, end = off[d->n];
	long cap = 0;

	if (nl == 0)
		return;
	while (pos < end) {
		const char *hit = memmem(buf + pos, end - pos, needle, nl);
		long i;

		if (!hit)
			break;
		i = sub_owner(off, d->n, (size_t)(hit - buf));
		if (m->n == cap) {
			cap = cap ? cap * 2 : 64;
			m->idx = xrealloc(m->idx, (size_t)cap * sizeof *m->idx);
		}
		m->idx[m->n++] = i;
		m->rows += d->rows[i];
		pos = off[i + 1]; /* the next name */
	}
}

/* How well name i fits the query: 0 the whole name (or all its initials),
 * 1 the name starts with it, 2 it is inside the name. */
static int sub_tier(const struct subsidy_names *d, const struct subsidy_query *q, long i)
{
	size_t tl = strlen(q->text);
	int best = 2;

	if (!q->pinyin) {
		const char *name = d->buf + d->off[i];

		return strcmp(name, q->text) == 0 ? 0 : strncmp(name, q->text, tl) == 0 ? 1 : 2;
	}
	for (size_t p = d->pyoff[i]; p < d->pyoff[i + 1]; p += strlen(d->py + p) + 1) {
		const char *v = d->py + p;

		if (strcmp(v, q->text) == 0)
			return 0;
		if (strncmp(v, q->text, tl) == 0)
			best = 1;
	}
	return best;
}

/* Puts the matched names best fit first, in name order within a fit: a
 * person typing wf means 王芳 before 余文发, 王芳 before 王芳芳. */
static void sub_rank(struct subsidy_match *m)
{
	long *by[3], nb[3] = { 0, 0, 0 }, k = 0;

	if (m->n < 2)
		return;
	for (int t = 0; t < 3; t++)
		by[t] = xcalloc((size_t)m->n, sizeof *by[t]);
	for (long i = 0; i < m->n; i++) {
		int t = sub_tier(m->d, &m->q, m->idx[i]);

		by[t][nb[t]++] = m->idx[i];
	}
	for (int t = 0; t < 3; t++) {
		memcpy(m->idx + k, by[t], (size_t)nb[t] * sizeof *m->idx);
		k += nb[t];
		free(by[t]);
	}
}

/* Matches the query against every name. */
struct subsidy_match *subsidy_match_new(const struct subsidy_names *d, const struct subsidy_query *q)
{
	struct subsidy_match *m = xcalloc(1, sizeof *m);

	m->d = d;
	m->q = *q;
	if (d && d->n > 0 && q->text[0]) {
		if (q->pinyin)
			sub_scan(m, d->py, d->pyoff, q->text);
		else
			sub_scan(m, d->buf, d->off, q->text);
		sub_rank(m);
	}
	return m;
}

/* Returns how many names matched. */
long subsidy_match_names(const struct subsidy_match *m)
{
	return m ? m->n : 0;
}

/* Returns the rows of the names that matched. */
long subsidy_match_rows(const struct subsidy_match *m)
{
	return m ? m->rows : 0;
}

/* Returns the i-th name that matched. */
const char *subsidy_match_name(const struct subsidy_match *m, long i)
{
	if (!m || i < 0 || i >= m->n)
		return NULL;
	return m->d->buf + m->d->off[m->idx[i]];
}

/* Returns the rows of the i-th name that matched. */
long subsidy_match_name_rows(const struct subsidy_match *m, long i)
{
	if (!m || i < 0 || i >= m->n)
		return 0;
	return m->d->rows[m->idx[i]];
}

/* Frees a match. */
void subsidy_match_free(struct subsidy_match *m)
{
	if (!m)
		return;
	free(m->idx);
	free(m);
}

/* --- people -------------------------------------------------------------- */

/* The distinct id tails of one name within a scope, from the name index.
 * ?1 name, ?2 tail bound, ?3 limit, ?4 program, ?5 batch, ?6 township,
 * ?7 village, ?8 the query's tail ('' = any). Without a place the index
 * alone answers (name, id_tail, batch_id). */
#define TAILS(BOUND, PLACE, ORD) \
	"SELECT DISTINCT s.id_tail FROM subsidies s INDEXED BY subsidies_name WHERE s.name = ?1" BOUND \
	" AND (?8 = '' OR s.id_tail = ?8) AND (?5 = 0 OR s.batch_id = ?5)" \
	" AND (?4 IS NULL OR s.batch_id IN (SELECT id FROM subsidy_batches WHERE program = ?4))" \
	PLACE " ORDER BY s.id_tail " ORD " LIMIT ?3"
#define T_PLACE " AND s.township = ?6 AND (?7 IS NULL OR s.village = ?7)"
#define TAIL_KINDS(PLACE) { \
	{ TAILS("", PLACE, "ASC"), TAILS(" AND s.id_tail > ?2", PLACE, "ASC") }, \
	{ TAILS("", PLACE, "DESC"), TAILS(" AND s.id_tail < ?2", PLACE, "DESC") } }

/* [no place, place][next, prev][whole name, from a tail] */
static const char *const tails_sql[2][2][2] = {
	TAIL_KINDS(""),
	TAIL_KINDS(T_PLACE),
};

/* Every line of one person key within a scope: one name and id tail, in
 * the order the screen groups them (one id, or one village when there is
 * no id; then by program, newest year first). Same parameters. */
static const char lines_sql[] =
	ROW_COLS ", b.program, b.year, b.batch FROM subsidies s INDEXED BY subsidies_name"
	" JOIN subsidy_batches b ON b.id = s.batch_id"
	" WHERE s.name = ?1 AND s.id_tail = ?2 AND (?5 = 0 OR s.batch_id = ?5)"
	" AND (?4 IS NULL OR b.program = ?4) AND (?6 IS NULL OR s.township = ?6)"
	" AND (?7 IS NULL OR s.village = ?7)"
	" ORDER BY s.id_masked, CASE WHEN s.id_masked = '' THEN s.township || char(1) || s.village"
	" ELSE '' END, b.program, b.year DESC, s.batch_id, s.id LIMIT " SUBSIDY_STR(SUBSIDY_MAX_LINES);

/* Binds the scope parameters ?4 to ?7 and the query's tail ?8. */
static void sub_bind_scope(sqlite3_stmt *st, const struct subsidy_scope *s, const char *tail)
{
	sub_bind_opt(st, 4, s && !s->batch_id ? s->program : NULL);
	sqlite3_bind_int64(st, 5, s ? s->batch_id : 0);
	sub_bind_opt(st, 6, s && s->batch_id ? s->township : NULL);
	sub_bind_opt(st, 7, s && s->batch_id && s->township ? s->village : NULL);
	if (tail)
		db_bind_text(st, 8, tail);
}

/* A person key found: the index of its name in the match and its tail. */
struct sub_key {
	long name;
	char *tail;
};

/* Appends the tails of name i (after/before bound, NULL = all) to keys. */
static int sub_tails(struct db *db, const struct subsidy_match *m, const struct subsidy_scope *s,
		     long i, const char *bound, int prev, int want, struct sub_key **keys, int *n,
		     int *cap, char *err, size_t errlen)
{
	int place = s && s->batch_id && s->township;
	sqlite3_stmt *st = db_stmt(db, tails_sql[place][prev][bound != NULL], err, errlen);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, subsidy_match_name(m, i));
	if (bound)
		db_bind_text(st, 2, bound);
	sqlite3_bind_int(st, 3, want);
	sub_bind_scope(st, s, m->q.tail);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 16;
			*keys = xrealloc(*keys, (size_t)*cap * sizeof **keys);
		}
		(*keys)[*n].name = i;
		(*keys)[*n].tail = db_col_dup(st, 0);
		(*n)++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, "finding people", err, errlen);
	return 0;
}

/* Says whether two lines of one key belong to different people. */
static int sub_other_person(const struct subsidy_row *a, const struct subsidy_row *b)
{
	if (strcmp(a->id_masked, b->id_masked) != 0)
		return 1;
	return !a->id_masked[0] &&
	       (strcmp(a->township, b->township) != 0 || strcmp(a->village, b->village) != 0);
}

/* Finishes a person from rows[0..n): sums, place of the newest line. */
static void sub_person_make(struct subsidy_person *p, struct subsidy_row *rows, int n)
{
	const struct subsidy_row *newest = &rows[0];

	memset(p, 0, sizeof *p);
	p->rows = xcalloc((size_t)n, sizeof *p->rows);
	memcpy(p->rows, rows, (size_t)n * sizeof *rows);
	p->n = n;
	for (int i = 0; i < n; i++) {
		p->total_fen += rows[i].amount_fen;
		if (rows[i].year > newest->year)
			newest = &rows[i];
		if (i == 0 || strcmp(rows[i].program, rows[i - 1].program) != 0)
			p->programs++;
	}
	p->name = xstrdup(rows[0].name);
	p->id_masked = xstrdup(rows[0].id_masked);
	p->id_tail = xstrdup(rows[0].id_tail);
	p->township = xstrdup(newest->township);
	p->village = xstrdup(newest->village);
}

/* Reads the lines of one key and appends its people to out. */
static int sub_key_people(struct db *db, const struct subsidy_match *m,
			  const struct subsidy_scope *s, const struct sub_key *k,
			  struct subsidy_people *out, int *cap, char *err, size_t errlen)
{
	sqlite3_stmt *st = db_stmt(db, lines_sql, err, errlen);
	struct subsidy_row *rows;
	int n = 0, rc, start = 0;

	if (!st)
		return -1;
	db_bind_text(st, 1, subsidy_match_name(m, k->name));
	db_bind_text(st, 2, k->tail);
	sub_bind_scope(st, s, NULL);
	rows = xcalloc(SUBSIDY_MAX_LINES, sizeof *rows);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < SUBSIDY_MAX_LINES)
		sub_row_read(st, &rows[n++]);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		for (int i = 0; i < n; i++)
			subsidy_row_free(&rows[i]);
		free(rows);
		return db_fail(db, "reading a person's lines", err, errlen);
	}
	for (int i = 1; i <= n; i++) {
		if (i < n && !sub_other_person(&rows[i - 1], &rows[i]))
			continue;
		if (out->n == *cap) {
			*cap = *cap ? *cap * 2 : 16;
			out->p = xrealloc(out->p, (size_t)*cap * sizeof *out->p);
		}
		sub_person_make(&out->p[out->n++], rows + start, i - start);
		start = i;
	}
	free(rows); /* the strings moved into the people */
	return 0;
}

/* Returns the index in m of name (m's rank order), or m->n when it is not
 * among the matches (the data changed: the list starts again). */
static long sub_name_at(const struct subsidy_match *m, const char *name)
{
	for (long i = 0; i < m->n; i++)
		if (strcmp(subsidy_match_name(m, i), name) == 0)
			return i;
	return m->n;
}

/* Reads a page of people. */
int subsidy_find(struct db *db, const struct subsidy_match *m, const struct subsidy_scope *s,
		 const struct subsidy_person_key *from, int dir, int limit,
		 struct subsidy_people *out, char *err, size_t errlen)
{
	int prev = dir == SUBSIDY_PREV && from, nk = 0, capk = 0, capp = 0, rc = 0, shown;
	struct sub_key *keys = NULL;
	long i;

	memset(out, 0, sizeof *out);
	if (!m || m->n == 0 || limit <= 0)
		return 0;
	if (!from) {
		i = 0;
	} else {
		i = sub_name_at(m, from->name);
		if (i == m->n)
			i = prev ? -1 : 0; /* from's name is gone: nothing before, all after */
	}
	/* Collect limit + 1 keys, walking the names forwards or backwards. */
	for (; i >= 0 && i < m->n && nk <= limit && rc == 0; i += prev ? -1 : 1) {
		const char *bound = NULL;

		if (from && strcmp(subsidy_match_name(m, i), from->name) == 0)
			bound = from->id_tail ? from->id_tail : "";
		rc = sub_tails(db, m, s, i, bound, prev, limit + 1 - nk, &keys, &nk, &capk, err, errlen);
	}
	shown = nk > limit ? limit : nk;
	if (rc == 0) {
		out->more = nk > limit;
		for (int k = 0; k < shown && rc == 0; k++)
			rc = sub_key_people(db, m, s, prev ? &keys[shown - 1 - k] : &keys[k], out, &capp,
					    err, errlen);
	}
	for (int k = 0; k < nk; k++)
		free(keys[k].tail);
	free(keys);
	if (rc < 0)
		subsidy_people_free(out);
	return rc;
}

/* Frees a page of people. */
void subsidy_people_free(struct subsidy_people *p)
{
	for (int i = 0; i < p->n; i++) {
		struct subsidy_person *x = &p->p[i];

		for (int j = 0; j < x->n; j++)
			subsidy_row_free(&x->rows[j]);
		free(x->rows);
		free(x->name);
		free(x->id_masked);
		free(x->id_tail);
		free(x->township);
		free(x->village);
	}
	free(p->p);
	p->p = NULL;
	p->n = 0;
	p->more = 0;
}
