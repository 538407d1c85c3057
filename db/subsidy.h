/*
 * subsidy.h - the questions the 补贴公示 screens ask about the subsidy
 * disbursement lists (惠民惠农补贴"一卡通"发放名单): the programs and their
 * batches, totals by township and village, pages of a village's list, and
 * a villager's own lines found by name, pinyin initials and id tail.
 *
 * Lists are read one page at a time by keyset over the subsidies_place
 * index (batch, township, village, id): the page after the last row shown
 * or before the first, never loaded whole and never skipped through with
 * OFFSET. Totals come from subsidy_totals, summed at import.
 *
 * Finding people works on the distinct names (struct subsidy_names, read
 * once from the subsidies_name index): what the user typed is matched
 * against them in memory - any run of characters of a name (王芳, 欧阳,
 * 秀英, 刘䶮) or any run of initials of any reading of each character (lxy,
 * ddf and sdf for 单德发) - and only the rows of the names that matched are
 * read, by index, person by person (name, then the id's last four).
 *
 * Only masked ids (前6位********后4位) and accounts exist in the database;
 * nothing here can return more.
 *
 * All functions return 0, or -1 with err filled; strings in results are
 * owned by the result and freed by its _free function.
 */
#ifndef GK_SUBSIDY_H
#define GK_SUBSIDY_H

#include <stddef.h>
#include <stdint.h>

#include "db/db.h"

/* A program (补贴项目) over all its years and batches. */
struct subsidy_program {
	char *program;
	int batches;             /* year/batch lists imported */
	int first_year, last_year;
	long people;             /* rows over every batch (人次) */
	int64_t total_fen;
};

/* Lists the programs in pinyin order. *out is an array of *n (caller frees with
 * subsidy_programs_free). */
int subsidy_programs(struct db *db, struct subsidy_program **out, int *n, char *err,
		     size_t errlen);
/* Frees what subsidy_programs returned. */
void subsidy_programs_free(struct subsidy_program *p, int n);

/* One list: program + year + batch. */
struct subsidy_batch {
	long long id;
	char *program;
	int year;
	char *batch;             /* 第一批…, "" = the year's only batch */
	long people;
	int64_t total_fen;
};

/* Lists the batches of program (NULL = every program), newest year first,
 * batches in name order within a year. Caller frees with
 * subsidy_batches_free. */
int subsidy_batches(struct db *db, const char *program, struct subsidy_batch **out, int *n,
		    char *err, size_t errlen);
/* Reads one batch into *out (empty it with subsidy_batch_clear). Returns
 * 0, 1 when there is no such batch (out untouched), or -1 with err. */
int subsidy_batch_get(struct db *db, long long id, struct subsidy_batch *out, char *err,
		      size_t errlen);
/* Frees one batch's strings. */
void subsidy_batch_clear(struct subsidy_batch *b);
/* Frees n batches and the array. */
void subsidy_batches_free(struct subsidy_batch *b, int n);

/* A township or a village and its sums within one batch. */
struct subsidy_place {
	char *township;
	char *village;           /* "" for a township */
	long people;
	int64_t total_fen;
};

/* Lists the townships of a batch (township NULL) or the villages of one
 * township, in pinyin order (as a phone book), with their sums. Caller frees with
 * subsidy_places_free. */
int subsidy_places(struct db *db, long long batch_id, const char *township,
		   struct subsidy_place **out, int *n, char *err, size_t errlen);
/* Frees what subsidy_places returned. */
void subsidy_places_free(struct subsidy_place *p, int n);

/* Where a list or a search looks. Unset fields (NULL, 0) widen it:
 * township needs batch_id, village needs township. */
struct subsidy_scope {
	const char *program;     /* every batch of this program (when batch_id is 0) */
	long long batch_id;
	const char *township;
	const char *village;
};

/* People and money. */
struct subsidy_sum {
	long people;
	int64_t total_fen;
};

/* The sums shown above a list: its batch, its township and its village
 * (zero when the scope has none). */
struct subsidy_totals {
	struct subsidy_sum batch, township, village;
};

/* Reads the precomputed sums of the scope's batch, township and village. */
int subsidy_totals_get(struct db *db, const struct subsidy_scope *s, struct subsidy_totals *out,
		       char *err, size_t errlen);

/* What the user typed into the search field, understood. */
struct subsidy_query {
	char text[256];          /* characters to find in names, or lowercase initials */
	int pinyin;              /* 1: text is pinyin initials (ASCII letters only) */
	char tail[5];            /* the id's last four ("1245", "062X"), "" = any */
};

/* Reads the search text: words of four digits (the last may be X) are the
 * id's last four, also when written right after the name (王芳1245);
 * letters alone are pinyin initials (lowercased; full-width folded); the
 * rest, spaces removed, is text to find in names. Returns 1 when there is
 * enough to search (two characters or letters), else 0 (*q still filled). */
int subsidy_query_parse(const char *input, struct subsidy_query *q);

/* One line of a list: a payment to one person. */
struct subsidy_row {
	long long id, batch_id;
	char *township, *village, *name, *id_masked, *id_tail, *basis, *paid_on,
		*fund_source, *account_masked;
	int64_t amount_fen;
	char *program;           /* the batch's program, year and batch */
	int year;
	char *batch;
};

/* A page of rows, in list order. */
struct subsidy_page {
	struct subsidy_row *rows; /* owned */
	int n;
	int more;                 /* 1 when rows follow in the direction asked */
};

enum subsidy_dir {
	SUBSIDY_NEXT = 1,         /* rows after `from` (from NULL: the first page) */
	SUBSIDY_PREV = -1         /* rows just before `from`, returned in list order */
};

/* Reads up to limit rows of the list of a village (or of a whole township
 * when s->village is NULL; s->batch_id and s->township are required), in
 * village then id order, next to the row from (borrowed; NULL = the
 * start). q (NULL = everything) keeps only the rows whose name matches.
 * Caller frees out with subsidy_page_free. */
int subsidy_list(struct db *db, const struct subsidy_scope *s, const struct subsidy_query *q,
		 const struct subsidy_row *from, int dir, int limit, struct subsidy_page *out,
		 char *err, size_t errlen);

/* Counts and sums the rows of a village or township list that q matches
 * (q NULL: the precomputed sums). */
int subsidy_list_sum(struct db *db, const struct subsidy_scope *s, const struct subsidy_query *q,
		     struct subsidy_sum *out, char *err, size_t errlen);

/* Frees a page's rows. */
void subsidy_page_free(struct subsidy_page *p);

/* Frees one row's strings. */
void subsidy_row_free(struct subsidy_row *r);

/* Sets *yes to 1 when some subsidy line carries exactly this name (an
 * index lookup), else 0. */
int subsidy_name_exists(struct db *db, const char *name, int *yes, char *err, size_t errlen);

/* The distinct recipient names, held in memory for searching. */
struct subsidy_names;

/* Reads the distinct names (and how many rows each has) from the
 * subsidies_name index and prepares their pinyin initials. Takes a few
 * tens of milliseconds for a county's million rows. Caller frees with
 * subsidy_names_free. */
int subsidy_names_load(struct db *db, struct subsidy_names **out, char *err, size_t errlen);
/* Returns 1 when d still describes the database (no import since), else 0. */
int subsidy_names_current(struct db *db, const struct subsidy_names *d);
/* Returns the number of distinct names. */
long subsidy_names_count(const struct subsidy_names *d);
/* Returns distinct name i (0 .. subsidy_names_count() - 1, in index byte
 * order), borrowed from d; NULL when i is out of range. For walking the
 * published names, e.g. into the input method's name ranking. */
const char *subsidy_names_at(const struct subsidy_names *d, long i);
/* Frees the names. NULL is fine. */
void subsidy_names_free(struct subsidy_names *d);

/* The names that match a query, best fit first (the whole name or all its
 * initials, then names starting with it, then the rest), in name order
 * within a fit; borrows its subsidy_names. */
struct subsidy_match;

/* Matches q against every name of d. Returns the match (caller frees with
 * subsidy_match_free); it borrows d, which must outlive it. */
struct subsidy_match *subsidy_match_new(const struct subsidy_names *d, const struct subsidy_query *q);
/* Returns the number of names that matched. */
long subsidy_match_names(const struct subsidy_match *m);
/* Returns the rows those names have in every batch. */
long subsidy_match_rows(const struct subsidy_match *m);
/* Returns the i-th name that matched (borrowed from the subsidy_names). */
const char *subsidy_match_name(const struct subsidy_match *m, long i);
/* Returns the rows (in every batch) of the i-th name that matched, 0 when
 * i is out of range. */
long subsidy_match_name_rows(const struct subsidy_match *m, long i);
/* Frees a match. NULL is fine. */
void subsidy_match_free(struct subsidy_match *m);

/* A person and every line of theirs within the search's scope. A person is
 * a name with one masked id (or, without an id, one village). */
struct subsidy_person {
	char *name, *id_masked, *id_tail, *township, *village; /* place of the newest line */
	struct subsidy_row *rows; /* by program, newest year first; owned */
	int n;
	int64_t total_fen;
	int programs;             /* distinct programs among the rows */
};

/* Where a page of people starts: after (or before) this name and id tail. */
struct subsidy_person_key {
	const char *name;
	const char *id_tail;
};

/* A page of people, in the match's order of names, then id tail. */
struct subsidy_people {
	struct subsidy_person *p; /* owned */
	int n;
	int more;                 /* 1 when people follow in the direction asked */
};

/* Reads up to limit people whose name is in m and who have lines in scope
 * s (NULL = every batch), next to from (NULL = the start); people whose
 * id does not end with the query's tail are left out. Each person comes
 * with all their lines in scope (at most 500). Caller frees out with
 * subsidy_people_free. */
int subsidy_find(struct db *db, const struct subsidy_match *m, const struct subsidy_scope *s,
		 const struct subsidy_person_key *from, int dir, int limit,
		 struct subsidy_people *out, char *err, size_t errlen);
/* Frees a page of people. */
void subsidy_people_free(struct subsidy_people *p);

#endif
