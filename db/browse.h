/*
 * browse.h - the questions the reading screens ask: pages of bulletins,
 * guides and Q&A (newest first, narrowed by topic, year and what the user
 * typed), the topics and years to filter by, and whole documents.
 *
 * A search answers best match first (the title is the words, starts with
 * them, holds them as typed; then bm25 with the title weighted above the
 * 文号 and the body; then newest first), paged by position in that order,
 * at most the first 1,000 matches. Lists without search text are newest
 * first (guides in 编号 order).
 *
 * Every list is read one page at a time from an index (keyset pagination:
 * the page after or before a row the screen already shows), never loaded
 * whole and never skipped through with OFFSET, so a page costs the same on
 * the 100,000th row as on the first. Search text uses the full-text indexes
 * (any two adjacent characters of a title, 文号 or body); text of ASCII
 * letters alone also matches the pinyin initials of titles (lxy → 李秀英).
 *
 * All functions return 0, or -1 with err filled; strings in results are
 * owned by the result and freed by its _free function.
 */
#ifndef GK_BROWSE_H
#define GK_BROWSE_H

#include <stddef.h>

#include "db/db.h"

enum browse_kind {
	BROWSE_BULLETINS, /* 通知公告, 政府公报, 规范性文件, 政策解读… */
	BROWSE_GUIDES,    /* 办事指南 */
	BROWSE_QA         /* 政策问答 */
};

/* What a list shows. */
struct browse_query {
	int kind;             /* enum browse_kind */
	const char *category; /* bulletins: the category, NULL or "" = all (search only) */
	const char *topic;    /* bulletins: 主题, NULL or "" = any */
	int year;             /* bulletins: year published, 0 = any */
	const char *text;     /* what the user typed, NULL or "" = no search */
};

/* One row of a list. Field meanings by kind: */
struct browse_item {
	long long id;    /* bulletins.id, guides.id or qa.id */
	char *title;     /* title / 事项名称 / question */
	char *number;    /* 文号 / guide 编号 / Q&A 编号 */
	char *date;      /* 发布日期 / "" / 答复日期 */
	char *validity;  /* 现行有效, 失效, 废止 or "" */
	char *topic;     /* 主题 / 实施主体 / 答复部门 */
	char *category;  /* the bulletin's category; "办事指南" or "政策问答" */
	char *sortkey;   /* where the row sits in the list's order (for paging) */
};

struct browse_page {
	struct browse_item *items; /* in display order; owned */
	int n;
	int more; /* 1 when there are rows beyond this page in the direction asked */
};

enum browse_dir {
	BROWSE_NEXT = 1,  /* rows after `from` in display order (from NULL: the first page) */
	BROWSE_PREV = -1  /* rows just before `from`, still returned in display order */
};

/* Reads up to limit rows of the list q next to the row from (borrowed;
 * NULL = the start). Fills out (caller frees with browse_page_free). */
int browse_list(struct db *db, const struct browse_query *q, const struct browse_item *from,
		int dir, int limit, struct browse_page *out, char *err, size_t errlen);

/* Counts the rows of q when it has no search text (an index count);
 * *n = -1 when q has search text (not counted: that would cost a scan). */
int browse_count(struct db *db, const struct browse_query *q, long *n, char *err, size_t errlen);

/* Frees a page's rows. */
void browse_page_free(struct browse_page *p);

/* Returns 1 when text would be searched as pinyin initials too (ASCII
 * letters and spaces only). */
int browse_is_pinyin(const char *text);

/* Returns text with the words of query (what the user searched; pinyin
 * initials are not marked) bracketed as 【word】, so a result row shows
 * what matched without relying on colour. Caller frees. */
char *browse_mark(const char *text, const char *query);

/* Lists the distinct non-empty topics of a category (NULL or "": of every
 * category, merged), sorted, at most max.
 * *out is an array of *n strings; caller frees with browse_strings_free. */
int browse_topics(struct db *db, const char *category, int max, char ***out, int *n,
		  char *err, size_t errlen);

/* Lists the years with bulletins in a category, newest first, at most max,
 * into years[]; sets *n. */
int browse_years(struct db *db, const char *category, int *years, int max, int *n,
		 char *err, size_t errlen);

/* Frees an array of n strings. */
void browse_strings_free(char **s, int n);

/* A bulletin with everything the reader shows. */
struct browse_doc {
	long long id;
	char *index_no, *category, *title, *doc_no, *issuer, *written, *published, *validity,
		*topic, *body, *related, *url;
	char *effective_on, *valid_until; /* 施行日期, 有效期至: ISO or "" */
};

/* Reads bulletin id into out (caller frees with browse_doc_free). Returns
 * 0, 1 when there is no such bulletin (out untouched), or -1 with err. */
int browse_doc_get(struct db *db, long long id, struct browse_doc *out, char *err, size_t errlen);

/* Finds the bulletin with this 索引号: *id = its id, or 0 when none. */
int browse_doc_by_index(struct db *db, const char *index_no, long long *id, char *err,
			size_t errlen);

/* Lists the interpretations (政策解读) whose 关联索引号 is index_no, newest
 * first, at most limit (caller frees with browse_page_free). */
int browse_interpretations(struct db *db, const char *index_no, int limit,
			   struct browse_page *out, char *err, size_t errlen);

/* Frees a document's strings. */
void browse_doc_free(struct browse_doc *d);

/* A service guide (办事指南). */
struct browse_guide {
	long long id;
	char *code, *name, *agency, *basis, *conditions, *materials, *process, *time_limit,
		*fees, *location, *hours, *phone;
};

/* Reads guide id (caller frees with browse_guide_free). Returns 0, 1 when
 * missing, or -1 with err. */
int browse_guide_get(struct db *db, long long id, struct browse_guide *out, char *err,
		     size_t errlen);

/* Frees a guide's strings. */
void browse_guide_free(struct browse_guide *g);

/* A question and answer of the policy Q&A library. */
struct browse_qa {
	long long id;
	char *code, *question, *answer, *keywords, *related, *department, *answered_on;
};

/* Reads Q&A id (caller frees with browse_qa_free). Returns 0, 1 when
 * missing, or -1 with err. */
int browse_qa_get(struct db *db, long long id, struct browse_qa *out, char *err, size_t errlen);

/* Frees a Q&A's strings. */
void browse_qa_free(struct browse_qa *q);

#endif
