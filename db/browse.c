/*
 * browse.c - the reading screens' queries, one prepared statement each.
 *
 * Lists page by keyset: a page after row (k, id) is
 *   WHERE (k, id) < (?, ?) ORDER BY k DESC, id DESC LIMIT n
 * which walks the bulletins_list / bulletins_topic index from where the last
 * page stopped; the statements are spelled out per combination of filters
 * (category, topic, direction) so each one gets the plan that uses its
 * index. A search is ranked (see "ranked search" below) and paged by its
 * place in that order; pinyin initials over bulletins stay in date order,
 * walking the list's index and asking the full-text index about each row.
 */
#include "db/browse.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db_internal.h"
#include "db/synonym.h"
#include "kiosk/util.h"

/* Above every ISO date and every id: the position before the first row. */
#define BROWSE_TOP_KEY "~"
#define BROWSE_TOP_ID LLONG_MAX

enum { TXT_NONE, TXT_FTS, TXT_PY, TXT_N };

/* --- bulletins ----------------------------------------------------------- */

#define BUL_COLS "SELECT id, title, doc_no, published, validity, topic, category, published " \
		 "FROM bulletins "
#define BUL_SQL(CAT, TOPIC, TEXT, CMP, ORD) \
	BUL_COLS "WHERE " CAT TOPIC "published >= ?2 AND published < ?3" TEXT \
	" AND (published, id) " CMP " (?5, ?6) ORDER BY published " ORD ", id " ORD " LIMIT ?7"
#define BUL_CAT "category = ?1 AND "
#define BUL_TOPIC "topic = ?4 AND "
#define BUL_FTS " AND id IN (SELECT rowid FROM bulletins_fts WHERE bulletins_fts MATCH ?8)"
#define BUL_PY " AND (id IN (SELECT rowid FROM bulletins_fts WHERE bulletins_fts MATCH ?8)" \
	       " OR title_py LIKE ?9)"
/* Next page (older rows) and previous page (newer rows, read backwards). */
#define BUL_DIRS(CAT, TOPIC, TEXT) { BUL_SQL(CAT, TOPIC, TEXT, "<", "DESC"), \
				     BUL_SQL(CAT, TOPIC, TEXT, ">", "ASC") }
#define BUL_TEXTS(CAT, TOPIC) { BUL_DIRS(CAT, TOPIC, ""), BUL_DIRS(CAT, TOPIC, BUL_FTS), \
				BUL_DIRS(CAT, TOPIC, BUL_PY) }

/* [has category][has topic][search kind][next, prev] */
static const char *const bul_sql[2][2][TXT_N][2] = {
	{ BUL_TEXTS("", ""), BUL_TEXTS("", BUL_TOPIC) },
	{ BUL_TEXTS(BUL_CAT, ""), BUL_TEXTS(BUL_CAT, BUL_TOPIC) },
};

/* The newest matches of a search, lazily: FTS5 walks its index backwards
 * and stops after ?2 rows, so this is cheap for common and rare words. */
static const char probe_sql[] = "SELECT rowid FROM bulletins_fts WHERE bulletins_fts MATCH ?1"
				" ORDER BY rowid DESC LIMIT ?2";
/* Matches up to this many are read whole; more means a common word. */
#define PROBE_MAX 200

/* A common word: walk a window of the list's own index in order and ask the
 * full-text index about each row (EXISTS ... rowid = id); with many matches
 * a page fills after a few rows, without evaluating the whole match list
 * (which for two common Hanzi costs tens of milliseconds). FTS5 answers a
 * rowid probe by seeking to the next match, cheap exactly when matches are
 * dense. A window that does not fill falls back to bul_sql's full match. */
#define WIN_PROBE "EXISTS (SELECT 1 FROM bulletins_fts WHERE bulletins_fts MATCH ?8" \
		  " AND rowid = bulletins.id)"
#define WIN_HIT_FTS WIN_PROBE
#define WIN_HIT_PY "(" WIN_PROBE " OR title_py LIKE ?9)"
#define WIN_COLS "SELECT id, title, doc_no, published, validity, topic, category, published, "
#define WIN_CAT_SQL(TOPIC, HIT, CMP, ORD) \
	WIN_COLS HIT " FROM bulletins WHERE category = ?1 AND " TOPIC \
	"published >= ?2 AND published < ?3 AND (published, id) " CMP " (?5, ?6)" \
	" ORDER BY published " ORD ", id " ORD " LIMIT ?10"
/* Every category: the window is the newest rows of each category's index,
 * merged (the categories are the schema's fixed list). */
#define WIN_ARM(C, TOPIC, CMP, ORD) \
	"SELECT id FROM (SELECT id FROM bulletins WHERE category = '" C "' AND " TOPIC \
	"published >= ?2 AND published < ?3 AND (published, id) " CMP " (?5, ?6)" \
	" ORDER BY published " ORD ", id " ORD " LIMIT ?10)"
#define WIN_ALL_SQL(TOPIC, HIT, CMP, ORD) \
	WIN_COLS HIT " FROM bulletins WHERE id IN (" \
	WIN_ARM("通知公告", TOPIC, CMP, ORD) " UNION ALL " WIN_ARM("政府公报", TOPIC, CMP, ORD) \
	" UNION ALL " WIN_ARM("规范性文件", TOPIC, CMP, ORD) " UNION ALL " \
	WIN_ARM("政策解读", TOPIC, CMP, ORD) " UNION ALL " WIN_ARM("公开指南", TOPIC, CMP, ORD) \
	" UNION ALL " WIN_ARM("其他", TOPIC, CMP, ORD) ")" \
	" ORDER BY published " ORD ", id " ORD " LIMIT ?10"
#define WIN_DIRS(KIND, TOPIC, HIT) { KIND(TOPIC, HIT, "<", "DESC"), KIND(TOPIC, HIT, ">", "ASC") }
#define WIN_HITS(KIND, TOPIC) { WIN_DIRS(KIND, TOPIC, WIN_HIT_FTS), WIN_DIRS(KIND, TOPIC, WIN_HIT_PY) }

/* [has category][has topic][FTS, pinyin][next, prev] */
static const char *const win_sql[2][2][2][2] = {
	{ WIN_HITS(WIN_ALL_SQL, ""), WIN_HITS(WIN_ALL_SQL, BUL_TOPIC) },
	{ WIN_HITS(WIN_CAT_SQL, ""), WIN_HITS(WIN_CAT_SQL, BUL_TOPIC) },
};

/* Rows the first probe looks at, at least (and four pages' worth). */
#define WIN_MIN 64

/* --- guides: in the office's 编号 order ---------------------------------- */

#define GUI_SQL(TEXT, CMP, ORD) \
	"SELECT id, name, code, '', '', agency, '办事指南', code FROM guides " \
	"WHERE (code, id) " CMP " (?5, ?6)" TEXT " ORDER BY code " ORD ", id " ORD " LIMIT ?7"
#define GUI_FTS " AND id IN (SELECT rowid FROM guides_fts WHERE guides_fts MATCH ?8)"
#define GUI_PY " AND (id IN (SELECT rowid FROM guides_fts WHERE guides_fts MATCH ?8)" \
	       " OR name_py LIKE ?9)"

static const char *const gui_sql[TXT_N][2] = {
	{ GUI_SQL("", ">", "ASC"), GUI_SQL("", "<", "DESC") },
	{ GUI_SQL(GUI_FTS, ">", "ASC"), GUI_SQL(GUI_FTS, "<", "DESC") },
	{ GUI_SQL(GUI_PY, ">", "ASC"), GUI_SQL(GUI_PY, "<", "DESC") },
};

/* --- Q&A: newest answer first -------------------------------------------- */

#define QA_SQL(TEXT, CMP, ORD) \
	"SELECT id, question, code, answered_on, '', department, '政策问答', answered_on " \
	"FROM qa WHERE (answered_on, id) " CMP " (?5, ?6)" TEXT \
	" ORDER BY answered_on " ORD ", id " ORD " LIMIT ?7"
#define QA_FTS " AND id IN (SELECT rowid FROM qa_fts WHERE qa_fts MATCH ?8)"
#define QA_PY " AND (id IN (SELECT rowid FROM qa_fts WHERE qa_fts MATCH ?8)" \
	      " OR question_py LIKE ?9)"

static const char *const qa_sql[TXT_N][2] = {
	{ QA_SQL("", "<", "DESC"), QA_SQL("", ">", "ASC") },
	{ QA_SQL(QA_FTS, "<", "DESC"), QA_SQL(QA_FTS, ">", "ASC") },
	{ QA_SQL(QA_PY, "<", "DESC"), QA_SQL(QA_PY, ">", "ASC") },
};

/* Says whether text is ASCII letters (and spaces) only. */
int browse_is_pinyin(const char *text)
{
	int letters = 0;

	if (!text)
		return 0;
	for (const char *p = text; *p; p++) {
		if (isalpha((unsigned char)*p) && !((unsigned char)*p & 0x80))
			letters++;
		else if (*p != ' ')
			return 0;
	}
	return letters > 0;
}

/* Says whether the n bytes at w are ASCII letters only (pinyin initials). */
static int browse_is_pinyin_n(const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isalpha((unsigned char)w[i]) || ((unsigned char)w[i] & 0x80))
			return 0;
	return n > 0;
}

/* Builds the LIKE pattern for pinyin initials: %letters%, lowercased. */
static char *browse_py_pattern(const char *text)
{
	struct sbuf b = {0};

	sbuf_addc(&b, '%');
	for (const char *p = text; *p; p++)
		if (*p != ' ')
			sbuf_addc(&b, (char)tolower((unsigned char)*p));
	sbuf_addc(&b, '%');
	return sbuf_detach(&b);
}

/* Copies one result row into an item. */
static void browse_item_read(sqlite3_stmt *st, struct browse_item *it)
{
	it->id = sqlite3_column_int64(st, 0);
	it->title = db_col_dup(st, 1);
	it->number = db_col_dup(st, 2);
	it->date = db_col_dup(st, 3);
	it->validity = db_col_dup(st, 4);
	it->topic = db_col_dup(st, 5);
	it->category = db_col_dup(st, 6);
	it->sortkey = db_col_dup(st, 7);
}

/* Frees one item's strings. */
static void browse_item_free(struct browse_item *it)
{
	free(it->title);
	free(it->number);
	free(it->date);
	free(it->validity);
	free(it->topic);
	free(it->category);
	free(it->sortkey);
}

/* Steps st to the end, collecting up to limit rows; one more row means more. */
static int browse_collect(struct db *db, sqlite3_stmt *st, int limit, int reverse,
			  struct browse_page *out, char *err, size_t errlen)
{
	int rc;

	out->items = xcalloc((size_t)limit + 1, sizeof *out->items);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->n == limit) {
			out->more = 1;
			break;
		}
		browse_item_read(st, &out->items[out->n++]);
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		sqlite3_reset(st);
		browse_page_free(out);
		return db_fail(db, "reading a list", err, errlen);
	}
	sqlite3_reset(st);
	if (reverse) {
		for (int i = 0, j = out->n - 1; i < j; i++, j--) {
			struct browse_item t = out->items[i];

			out->items[i] = out->items[j];
			out->items[j] = t;
		}
	}
	return 0;
}

/* Binds the parameters every list statement shares. */
static void browse_bind(sqlite3_stmt *st, const struct browse_query *q,
			const struct browse_item *from, int limit, const char *match, const char *like)
{
	if (q->kind == BROWSE_BULLETINS) {
		char lo[16] = "", hi[16] = "A"; /* "A" sorts after every date */

		if (q->year > 0) {
			snprintf(lo, sizeof lo, "%04d", q->year);
			snprintf(hi, sizeof hi, "%04d", q->year + 1);
		}
		db_bind_text(st, 1, q->category);
		db_bind_text(st, 2, lo);
		db_bind_text(st, 3, hi);
		db_bind_text(st, 4, q->topic);
	}
	if (from) {
		db_bind_text(st, 5, from->sortkey);
		sqlite3_bind_int64(st, 6, from->id);
	} else if (q->kind == BROWSE_GUIDES) {
		db_bind_text(st, 5, "");
		sqlite3_bind_int64(st, 6, LLONG_MIN);
	} else {
		db_bind_text(st, 5, BROWSE_TOP_KEY);
		sqlite3_bind_int64(st, 6, BROWSE_TOP_ID);
	}
	sqlite3_bind_int(st, 7, limit + 1);
	if (match)
		db_bind_text(st, 8, match);
	if (like)
		db_bind_text(st, 9, like);
}

/* The first probe of a bulletin search: walks a window of the list's index
 * and keeps the rows the full-text index matches. Sets *done when the page
 * is decided (full, or the list ended inside the window). */
static int browse_window(struct db *db, const struct browse_query *q, int txt,
			 const struct browse_item *from, int back, int limit, const char *match,
			 const char *like, struct browse_page *out, int *done, char *err,
			 size_t errlen)
{
	int has_cat = q->category && *q->category, window = limit * 4, seen = 0, rc;
	sqlite3_stmt *st;

	if (window < WIN_MIN)
		window = WIN_MIN;
	st = db_stmt(db, win_sql[has_cat][q->topic && *q->topic][txt == TXT_PY][back], err, errlen);
	if (!st)
		return -1;
	browse_bind(st, q, from, limit, match, like);
	sqlite3_bind_int(st, 10, window);
	out->items = xcalloc((size_t)limit + 1, sizeof *out->items);
	*done = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		seen++;
		if (!sqlite3_column_int(st, 8))
			continue;
		if (out->n == limit) {
			out->more = 1;
			*done = 1;
			break;
		}
		browse_item_read(st, &out->items[out->n++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		browse_page_free(out);
		return db_fail(db, "searching a list", err, errlen);
	}
	if (!*done && seen < window)
		*done = 1; /* the list ended inside the window: nothing more */
	if (*done && back) {
		for (int i = 0, j = out->n - 1; i < j; i++, j--) {
			struct browse_item t = out->items[i];

			out->items[i] = out->items[j];
			out->items[j] = t;
		}
	}
	if (!*done)
		browse_page_free(out);
	return 0;
}

/* Reads up to PROBE_MAX newest matches of match as a JSON array of ids into
 * json; sets *n to how many there were. */
static int browse_probe(struct db *db, const char *match, struct sbuf *json, int *n, char *err,
			size_t errlen)
{
	sqlite3_stmt *st = db_stmt(db, probe_sql, err, errlen);
	int rc;

	*n = 0;
	if (!st)
		return -1;
	db_bind_text(st, 1, match);
	sqlite3_bind_int(st, 2, PROBE_MAX);
	sbuf_addc(json, '[');
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		sbuf_addf(json, "%s%lld", (*n)++ ? "," : "", (long long)sqlite3_column_int64(st, 0));
	sbuf_addc(json, ']');
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, "searching", err, errlen);
	return 0;
}

/* --- ranked search -------------------------------------------------------
 *
 * A search answers best match first: the rows whose title (question, guide
 * name) is the typed text itself, then those whose title starts with it,
 * then those whose title holds it as typed (the exact phrase), then the
 * rest; within a tier, bulletins in force before 失效/废止 ones, then bm25
 * with the title weighted above the 文号 and the body; then newest first,
 * then id. The order is materialised per query,
 * bounded to RANK_MAX rows (a person reads the first few pages, never the
 * thousandth match), and paged by position: a row's sortkey is its place in
 * that order, so the keyset paging of the screens works unchanged, and a
 * row found at another place (the data changed) is looked up by id.
 *
 * The cost is bounded too: a common word matches tens of thousands of
 * bulletins, and scoring all of them would take tens of milliseconds per
 * keystroke; so the candidates are the newest RANK_POOL matches of the
 * full-text index (read lazily, backwards) together with the newest
 * RANK_POOL matches in titles alone, which is where the rows a person
 * means are. A rare word has fewer matches than that: all are ranked.
 */
#define RANK_MAX 1000
#define RANK_POOL 1000
/* bm25 column weights: title, 文号 (or agency, answer), body (or keywords). */
#define RANK_TIER(T) "CASE WHEN " T " = ?11 THEN 0 WHEN substr(" T ", 1, length(?11)) = ?11" \
	" THEN 1 WHEN instr(" T ", ?11) > 0 THEN 2 ELSE 3 END"
#define RANK_PY_TIER(P) "CASE WHEN " P " = ?12 THEN 0 WHEN substr(" P ", 1, length(?12)) = ?12" \
	" THEN 1 WHEN " P " LIKE ?9 THEN 2 ELSE 3 END"
#define RANK_STR2(x) #x
#define RANK_STR(x) RANK_STR2(x)
/* A rare word (fewer matches than PROBE_MAX): every match, scored by bm25. */
#define RANK_BUL_RARE \
	"SELECT rowid AS rid, bm25(bulletins_fts, 10.0, 4.0, 1.0) AS score FROM bulletins_fts" \
	" WHERE bulletins_fts MATCH ?8 LIMIT " RANK_STR(PROBE_MAX) /* LIMIT: never flattened */
/* A common word: the newest RANK_POOL title matches (the title index reads
 * no body match) and the newest RANK_POOL matches anywhere, read lazily;
 * bm25 would read every match, so these are ordered by tier and date. */
#define RANK_BUL_COMMON \
	"SELECT * FROM (SELECT rowid AS rid, 0.0 AS score FROM bulletins_tfts" \
	" WHERE bulletins_tfts MATCH ?8 ORDER BY rowid DESC LIMIT " RANK_STR(RANK_POOL) ")" \
	" UNION ALL SELECT * FROM (SELECT rowid AS rid, 0.0 AS score FROM bulletins_fts" \
	" WHERE bulletins_fts MATCH ?8 ORDER BY rowid DESC LIMIT " RANK_STR(RANK_POOL) ")"
#define RANK_BUL_SQL(POOL, CAT, TOPIC) \
	"SELECT b.id, " RANK_TIER("b.title") " AS tier, min(f.score) AS sc, b.published AS pub" \
	" FROM (" POOL ") f JOIN bulletins b ON b.id = f.rid WHERE " CAT TOPIC \
	"b.published >= ?2 AND b.published < ?3 GROUP BY b.id" \
	" ORDER BY tier, b.validity IN ('失效', '废止'), sc, pub DESC, b.id DESC" \
	" LIMIT " RANK_STR(RANK_MAX)
#define RANK_BUL_FILTERS(POOL) \
	{ { RANK_BUL_SQL(POOL, "", ""), RANK_BUL_SQL(POOL, "", "b.topic = ?4 AND ") }, \
	  { RANK_BUL_SQL(POOL, "b.category = ?1 AND ", ""), \
	    RANK_BUL_SQL(POOL, "b.category = ?1 AND ", "b.topic = ?4 AND ") } }
/* [common][has category][has topic] */
static const char *const rank_bul_sql[2][2][2] = {
	RANK_BUL_FILTERS(RANK_BUL_RARE), RANK_BUL_FILTERS(RANK_BUL_COMMON),
};
/* Guides and Q&A are a few hundred rows: every match is ranked. */
static const char rank_gui_sql[] =
	"SELECT g.id, " RANK_TIER("g.name") " AS tier, f.score AS sc, g.code FROM"
	" (SELECT rowid AS rid, bm25(guides_fts, 10.0, 2.0, 1.0) AS score FROM guides_fts"
	" WHERE guides_fts MATCH ?8 LIMIT -1 OFFSET 0) f JOIN guides g ON g.id = f.rid"
	" ORDER BY tier, sc, g.code, g.id LIMIT " RANK_STR(RANK_MAX);
static const char rank_guipy_sql[] =
	"SELECT id, " RANK_PY_TIER("name_py") " AS tier, 0, code FROM guides WHERE name_py LIKE ?9"
	" OR id IN (SELECT rowid FROM guides_fts WHERE guides_fts MATCH ?8)"
	" ORDER BY tier, code, id LIMIT " RANK_STR(RANK_MAX);
static const char rank_qa_sql[] =
	"SELECT q.id, " RANK_TIER("q.question") " AS tier, f.score AS sc, q.answered_on FROM"
	" (SELECT rowid AS rid, bm25(qa_fts, 10.0, 1.0, 5.0) AS score FROM qa_fts"
	" WHERE qa_fts MATCH ?8 LIMIT -1 OFFSET 0) f JOIN qa q ON q.id = f.rid"
	" ORDER BY tier, sc, q.answered_on DESC, q.id DESC LIMIT " RANK_STR(RANK_MAX);
static const char rank_qapy_sql[] =
	"SELECT id, " RANK_PY_TIER("question_py") " AS tier, 0, answered_on FROM qa"
	" WHERE question_py LIKE ?9 OR id IN (SELECT rowid FROM qa_fts WHERE qa_fts MATCH ?8)"
	" ORDER BY tier, answered_on DESC, id DESC LIMIT " RANK_STR(RANK_MAX);

/* One row by id, for each kind, in browse_item_read's columns. */
static const char rank_row_sql[3][200] = {
	BUL_COLS "WHERE id = ?1",
	"SELECT id, name, code, '', '', agency, '办事指南', code FROM guides WHERE id = ?1",
	"SELECT id, question, code, answered_on, '', department, '政策问答', answered_on"
	" FROM qa WHERE id = ?1",
};

/* Returns the text as typed for the tier test: spaces and quotes dropped. */
static char *browse_rank_phrase(const char *text)
{
	struct sbuf b = {0};

	for (const char *p = text; *p; p++)
		if (*p != ' ' && *p != '\t' && *p != '"')
			sbuf_addc(&b, *p);
	return sbuf_detach(&b);
}

/* Reads the ids of q's search in rank order (at most RANK_MAX) into *ids. */
static int browse_rank_ids(struct db *db, const struct browse_query *q, int txt,
			   const char *match, const char *like, long long **ids, int *n,
			   char *err, size_t errlen)
{
	int has_cat = q->category && *q->category, has_topic = q->topic && *q->topic, rc;
	const char *sql;
	char *phrase = browse_rank_phrase(q->text), *letters = NULL;
	sqlite3_stmt *st;

	*ids = NULL;
	*n = 0;
	if (q->kind == BROWSE_GUIDES)
		sql = txt == TXT_PY ? rank_guipy_sql : rank_gui_sql;
	else if (q->kind == BROWSE_QA)
		sql = txt == TXT_PY ? rank_qapy_sql : rank_qa_sql;
	else {
		struct sbuf json = {0};
		int found;

		rc = browse_probe(db, match, &json, &found, err, errlen);
		sbuf_free(&json);
		if (rc < 0) {
			free(phrase);
			return -1;
		}
		sql = rank_bul_sql[found >= PROBE_MAX][has_cat][has_topic];
	}
	st = db_stmt(db, sql, err, errlen);
	if (!st) {
		free(phrase);
		return -1;
	}
	browse_bind(st, q, NULL, 1, match, like);
	if (sqlite3_bind_parameter_index(st, "?11"))
		db_bind_text(st, 11, phrase);
	if (txt == TXT_PY) {
		letters = xstrdup(like + 1); /* %letters% without the percents */
		letters[strlen(letters) - 1] = '\0';
		db_bind_text(st, 12, letters);
	}
	*ids = xcalloc(RANK_MAX + 1, sizeof **ids);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < RANK_MAX)
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	free(phrase);
	free(letters);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return db_fail(db, "searching", err, errlen);
	}
	return 0;
}

/* Reads one page of a ranked search next to from (by position). */
static int browse_ranked(struct db *db, const struct browse_query *q, int txt,
			 const struct browse_item *from, int back, int limit, const char *match,
			 const char *like, struct browse_page *out, char *err, size_t errlen)
{
	long long *ids;
	int n, lo, hi, at = -1;

	if (browse_rank_ids(db, q, txt, match, like, &ids, &n, err, errlen) < 0)
		return -1;
	if (from) {
		int pos = atoi(from->sortkey);

		if (pos >= 0 && pos < n && ids[pos] == from->id)
			at = pos;
		for (int i = 0; at < 0 && i < n; i++)
			if (ids[i] == from->id)
				at = i;
	}
	if (!back) {
		lo = at + 1; /* from NULL or gone: the start */
		hi = lo + limit < n ? lo + limit : n;
		out->more = hi < n;
	} else {
		hi = at < 0 ? 0 : at;
		lo = hi - limit > 0 ? hi - limit : 0;
		out->more = lo > 0;
	}
	out->items = xcalloc((size_t)limit + 1, sizeof *out->items);
	for (int i = lo; i < hi; i++) {
		sqlite3_stmt *st = db_stmt(db, rank_row_sql[q->kind], err, errlen);
		int rc;

		if (!st) {
			free(ids);
			browse_page_free(out);
			return -1;
		}
		sqlite3_bind_int64(st, 1, ids[i]);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			struct browse_item *it = &out->items[out->n++];
			char key[24];

			browse_item_read(st, it);
			free(it->sortkey);
			snprintf(key, sizeof key, "%07d", i);
			it->sortkey = xstrdup(key);
		}
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			free(ids);
			browse_page_free(out);
			return db_fail(db, "reading a list", err, errlen);
		}
	}
	free(ids);
	return 0;
}

/* Returns 1 when GONGKAI_SEARCH_ORDER=date asks for searches in date order
 * only, as before ranking: bench/tui.sh measures that order beside the
 * ranked one in the same run. Read once. */
static int browse_date_order(void)
{
	static int order = -1;

	if (order < 0) {
		const char *v = getenv("GONGKAI_SEARCH_ORDER");

		order = v && strcmp(v, "date") == 0;
	}
	return order;
}

/* Reads one page of a list. */
int browse_list(struct db *db, const struct browse_query *q, const struct browse_item *from,
		int dir, int limit, struct browse_page *out, char *err, size_t errlen)
{
	const char *text = q->text && *q->text ? q->text : NULL;
	int txt = TXT_NONE, back = dir == BROWSE_PREV, rc;
	char *match = NULL, *like = NULL;
	const char *sql;
	sqlite3_stmt *st;

	memset(out, 0, sizeof *out);
	if (limit < 1)
		limit = 1;
	if (back && !from)
		return 0; /* nothing comes before the start */
	if (text) {
		int failed;

		match = synonym_fts_query(db, text, &failed, err, errlen);
		if (failed)
			return -1;
		if (!match) {
			out->items = xcalloc(1, sizeof *out->items);
			return 0; /* punctuation only: nothing can match */
		}
		txt = browse_is_pinyin(text) ? TXT_PY : TXT_FTS;
		if (txt == TXT_PY)
			like = browse_py_pattern(text);
	}
	/* Pinyin initials over bulletins stay in date order: ranking them would
	 * read the title_py of every bulletin (over 100 ms at 100,000 rows). */
	if (!browse_date_order() &&
	    (txt == TXT_FTS || (txt == TXT_PY && q->kind != BROWSE_BULLETINS))) {
		rc = browse_ranked(db, q, txt, from, back, limit, match, like, out, err, errlen);
		free(match);
		free(like);
		return rc;
	}
	if (q->kind == BROWSE_BULLETINS && txt != TXT_NONE) {
		int done;

		rc = browse_window(db, q, txt, from, back, limit, match, like, out, &done, err, errlen);
		if (rc < 0 || done) {
			free(match);
			free(like);
			return rc;
		}
	}
	if (q->kind == BROWSE_GUIDES)
		sql = gui_sql[txt][back];
	else if (q->kind == BROWSE_QA)
		sql = qa_sql[txt][back];
	else
		sql = bul_sql[q->category && *q->category][q->topic && *q->topic][txt][back];
	st = db_stmt(db, sql, err, errlen);
	if (!st) {
		free(match);
		free(like);
		return -1;
	}
	browse_bind(st, q, from, limit, match, like);
	rc = browse_collect(db, st, limit, back, out, err, errlen);
	free(match);
	free(like);
	return rc;
}

/* Marks the query's words in text with 【】: every occurrence of each
 * whitespace-separated word, overlapping ones merged into one mark. */
char *browse_mark(const char *text, const char *query)
{
	size_t n = strlen(text);
	unsigned char *in = xcalloc(n + 1, 1); /* 1 where a byte is inside a match */
	struct sbuf b = {0};
	const char *w = query;

	while (w && *w) {
		size_t wl;

		while (*w == ' ' || *w == '\t')
			w++;
		wl = strcspn(w, " \t");
		if (wl > 0 && !browse_is_pinyin_n(w, wl)) {
			for (const char *hit = text; (hit = memmem(hit, n - (size_t)(hit - text), w, wl));
			     hit += wl)
				memset(in + (hit - text), 1, wl);
		}
		w += wl;
	}
	for (size_t i = 0; i < n; i++) {
		if (in[i] && (i == 0 || !in[i - 1]))
			sbuf_add(&b, "【");
		sbuf_addc(&b, text[i]);
		if (in[i] && !in[i + 1])
			sbuf_add(&b, "】");
	}
	free(in);
	if (!b.len)
		sbuf_add(&b, "");
	return sbuf_detach(&b);
}

/* Counts an unsearched list through its index. */
int browse_count(struct db *db, const struct browse_query *q, long *n, char *err, size_t errlen)
{
	static const char sql_cat[] = "SELECT count(*) FROM bulletins WHERE category = ?1"
				      " AND published >= ?2 AND published < ?3";
	static const char sql_topic[] = "SELECT count(*) FROM bulletins WHERE category = ?1"
					" AND topic = ?4 AND published >= ?2 AND published < ?3";
	static const char sql_all[] = "SELECT count(*) FROM bulletins";
	static const char sql_anytopic[] = "SELECT count(*) FROM bulletins WHERE topic = ?4"
					   " AND published >= ?2 AND published < ?3";
	static const char sql_guides[] = "SELECT count(*) FROM guides";
	static const char sql_qa[] = "SELECT count(*) FROM qa";
	const char *sql;
	sqlite3_stmt *st;
	char lo[16] = "", hi[16] = "A";

	*n = -1;
	if (q->text && *q->text)
		return 0;
	if (q->kind == BROWSE_GUIDES)
		sql = sql_guides;
	else if (q->kind == BROWSE_QA)
		sql = sql_qa;
	else if ((!q->category || !*q->category) && q->topic && *q->topic)
		sql = sql_anytopic;
	else if (!q->category || !*q->category)
		sql = sql_all;
	else
		sql = q->topic && *q->topic ? sql_topic : sql_cat;
	st = db_stmt(db, sql, err, errlen);
	if (!st)
		return -1;
	if (q->year > 0) {
		snprintf(lo, sizeof lo, "%04d", q->year);
		snprintf(hi, sizeof hi, "%04d", q->year + 1);
	}
	if (sql == sql_anytopic) {
		db_bind_text(st, 2, lo);
		db_bind_text(st, 3, hi);
		db_bind_text(st, 4, q->topic);
	}
	if (sql == sql_cat || sql == sql_topic) {
		db_bind_text(st, 1, q->category);
		db_bind_text(st, 2, lo);
		db_bind_text(st, 3, hi);
		if (sql == sql_topic)
			db_bind_text(st, 4, q->topic);
	}
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return db_fail(db, "counting a list", err, errlen);
	}
	*n = (long)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

/* Frees a page. */
void browse_page_free(struct browse_page *p)
{
	if (!p)
		return;
	for (int i = 0; i < p->n; i++)
		browse_item_free(&p->items[i]);
	free(p->items);
	memset(p, 0, sizeof *p);
}

static int browse_topics_cat(struct db *db, const char *category, int max, char ***out, int *n,
			     char *err, size_t errlen);

/* Orders two strings for qsort. */
static int browse_strcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The topics of every category: each category's own, merged. */
static int browse_topics_all(struct db *db, int max, char ***out, int *n, char *err,
			     size_t errlen)
{
	static const char *const cats[] = { "通知公告", "政府公报", "规范性文件", "政策解读",
					    "公开指南", "其他" };
	int ncat = (int)(sizeof cats / sizeof cats[0]), all = 0;
	char **acc = xcalloc((size_t)max * (size_t)ncat + 1, sizeof *acc);

	for (int c = 0; c < ncat; c++) {
		char **one;
		int k;

		if (browse_topics_cat(db, cats[c], max, &one, &k, err, errlen) < 0) {
			browse_strings_free(acc, all);
			return -1;
		}
		for (int i = 0; i < k; i++)
			acc[all++] = one[i];
		free(one); /* the strings moved into acc */
	}
	if (all > 0)
		qsort(acc, (size_t)all, sizeof *acc, browse_strcmp);
	*out = xcalloc((size_t)max + 1, sizeof **out);
	*n = 0;
	for (int i = 0; i < all; i++) {
		if (*n < max && (*n == 0 || strcmp((*out)[*n - 1], acc[i]) != 0))
			(*out)[(*n)++] = acc[i];
		else
			free(acc[i]);
	}
	free(acc);
	return 0;
}

/* Walks the topic index one distinct value at a time (a loose index scan). */
static int browse_topics_cat(struct db *db, const char *category, int max, char ***out, int *n,
			     char *err, size_t errlen)
{
	static const char sql[] = "SELECT topic FROM bulletins WHERE category = ?1 AND topic > ?2"
				  " ORDER BY topic LIMIT 1";
	char *last = xstrdup("");

	*out = xcalloc((size_t)max + 1, sizeof **out);
	*n = 0;
	while (*n < max) {
		sqlite3_stmt *st = db_stmt(db, sql, err, errlen);
		int rc;

		if (!st)
			goto fail;
		db_bind_text(st, 1, category);
		db_bind_text(st, 2, last);
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE) {
			sqlite3_reset(st);
			break;
		}
		if (rc != SQLITE_ROW) {
			sqlite3_reset(st);
			db_fail(db, "listing topics", err, errlen);
			goto fail;
		}
		free(last);
		last = db_col_dup(st, 0);
		sqlite3_reset(st);
		(*out)[(*n)++] = xstrdup(last);
	}
	free(last);
	return 0;
fail:
	free(last);
	browse_strings_free(*out, *n);
	*out = NULL;
	*n = 0;
	return -1;
}

/* Lists a category's topics, or every category's. */
int browse_topics(struct db *db, const char *category, int max, char ***out, int *n,
		  char *err, size_t errlen)
{
	if (!category || !*category)
		return browse_topics_all(db, max, out, n, err, errlen);
	return browse_topics_cat(db, category, max, out, n, err, errlen);
}

/* Walks the list index year by year, newest first. */
int browse_years(struct db *db, const char *category, int *years, int max, int *n,
		 char *err, size_t errlen)
{
	static const char sql[] = "SELECT substr(published, 1, 4) FROM bulletins"
				  " WHERE category = ?1 AND published < ?2"
				  " ORDER BY published DESC LIMIT 1";
	char below[16] = "A";

	*n = 0;
	while (*n < max) {
		sqlite3_stmt *st = db_stmt(db, sql, err, errlen);
		int rc, y;

		if (!st)
			return -1;
		db_bind_text(st, 1, category);
		db_bind_text(st, 2, below);
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE) {
			sqlite3_reset(st);
			break;
		}
		if (rc != SQLITE_ROW) {
			sqlite3_reset(st);
			return db_fail(db, "listing years", err, errlen);
		}
		y = atoi((const char *)sqlite3_column_text(st, 0));
		sqlite3_reset(st);
		if (y <= 0)
			break;
		years[(*n)++] = y;
		snprintf(below, sizeof below, "%04d", y);
	}
	return 0;
}

/* Frees an array of strings. */
void browse_strings_free(char **s, int n)
{
	if (!s)
		return;
	for (int i = 0; i < n; i++)
		free(s[i]);
	free(s);
}

/* Reads one bulletin. */
int browse_doc_get(struct db *db, long long id, struct browse_doc *out, char *err, size_t errlen)
{
	static const char sql[] = "SELECT id, index_no, category, title, doc_no, issuer, written,"
				  " published, validity, topic, body, related, url, effective_on,"
				  " valid_until FROM bulletins WHERE id = ?1";
	int rc;
	sqlite3_stmt *st = db_row_by_id(db, sql, id, "reading a document", &rc, err, errlen);

	if (!st)
		return rc;
	out->id = sqlite3_column_int64(st, 0);
	out->index_no = db_col_dup(st, 1);
	out->category = db_col_dup(st, 2);
	out->title = db_col_dup(st, 3);
	out->doc_no = db_col_dup(st, 4);
	out->issuer = db_col_dup(st, 5);
	out->written = db_col_dup(st, 6);
	out->published = db_col_dup(st, 7);
	out->validity = db_col_dup(st, 8);
	out->topic = db_col_dup(st, 9);
	out->body = db_col_dup(st, 10);
	out->related = db_col_dup(st, 11);
	out->url = db_col_dup(st, 12);
	out->effective_on = db_col_dup(st, 13);
	out->valid_until = db_col_dup(st, 14);
	sqlite3_reset(st);
	return 0;
}

/* Looks a 索引号 up. */
int browse_doc_by_index(struct db *db, const char *index_no, long long *id, char *err,
			size_t errlen)
{
	static const char sql[] = "SELECT id FROM bulletins WHERE index_no = ?1";
	sqlite3_stmt *st = db_stmt(db, sql, err, errlen);
	int rc;

	*id = 0;
	if (!st)
		return -1;
	db_bind_text(st, 1, index_no);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, "finding a document", err, errlen);
	return 0;
}

/* Lists the bulletins that name index_no as their related document. */
int browse_interpretations(struct db *db, const char *index_no, int limit,
			   struct browse_page *out, char *err, size_t errlen)
{
	static const char sql[] = BUL_COLS "WHERE related = ?1 AND related <> ''"
				  " ORDER BY published DESC, id DESC LIMIT ?2";
	sqlite3_stmt *st = db_stmt(db, sql, err, errlen);

	memset(out, 0, sizeof *out);
	if (!st)
		return -1;
	db_bind_text(st, 1, index_no);
	sqlite3_bind_int(st, 2, limit + 1);
	return browse_collect(db, st, limit, 0, out, err, errlen);
}

/* Frees a document. */
void browse_doc_free(struct browse_doc *d)
{
	char **f[] = { &d->index_no, &d->category, &d->title, &d->doc_no, &d->issuer,
		       &d->written, &d->published, &d->validity, &d->topic, &d->body,
		       &d->related, &d->url, &d->effective_on, &d->valid_until };

	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
		free(*f[i]);
		*f[i] = NULL;
	}
}

/* Reads one guide. */
int browse_guide_get(struct db *db, long long id, struct browse_guide *out, char *err,
		     size_t errlen)
{
	static const char sql[] = "SELECT id, code, name, agency, basis, conditions, materials,"
				  " process, time_limit, fees, location, hours, phone"
				  " FROM guides WHERE id = ?1";
	int rc;
	sqlite3_stmt *st = db_row_by_id(db, sql, id, "reading a guide", &rc, err, errlen);

	if (!st)
		return rc;
	out->id = sqlite3_column_int64(st, 0);
	out->code = db_col_dup(st, 1);
	out->name = db_col_dup(st, 2);
	out->agency = db_col_dup(st, 3);
	out->basis = db_col_dup(st, 4);
	out->conditions = db_col_dup(st, 5);
	out->materials = db_col_dup(st, 6);
	out->process = db_col_dup(st, 7);
	out->time_limit = db_col_dup(st, 8);
	out->fees = db_col_dup(st, 9);
	out->location = db_col_dup(st, 10);
	out->hours = db_col_dup(st, 11);
	out->phone = db_col_dup(st, 12);
	sqlite3_reset(st);
	return 0;
}

/* Frees a guide. */
void browse_guide_free(struct browse_guide *g)
{
	char **f[] = { &g->code, &g->name, &g->agency, &g->basis, &g->conditions, &g->materials,
		       &g->process, &g->time_limit, &g->fees, &g->location, &g->hours, &g->phone };

	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
		free(*f[i]);
		*f[i] = NULL;
	}
}

/* Reads one question and answer. */
int browse_qa_get(struct db *db, long long id, struct browse_qa *out, char *err, size_t errlen)
{
	static const char sql[] = "SELECT id, code, question, answer, keywords, related,"
				  " department, answered_on FROM qa WHERE id = ?1";
	int rc;
	sqlite3_stmt *st = db_row_by_id(db, sql, id, "reading a question", &rc, err, errlen);

	if (!st)
		return rc;
	out->id = sqlite3_column_int64(st, 0);
	out->code = db_col_dup(st, 1);
	out->question = db_col_dup(st, 2);
	out->answer = db_col_dup(st, 3);
	out->keywords = db_col_dup(st, 4);
	out->related = db_col_dup(st, 5);
	out->department = db_col_dup(st, 6);
	out->answered_on = db_col_dup(st, 7);
	sqlite3_reset(st);
	return 0;
}

/* Frees a question and answer. */
void browse_qa_free(struct browse_qa *q)
{
	char **f[] = { &q->code, &q->question, &q->answer, &q->keywords, &q->related,
		       &q->department, &q->answered_on };

	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
		free(*f[i]);
		*f[i] = NULL;
	}
}
