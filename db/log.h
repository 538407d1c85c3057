/*
 * log.h - the kiosk's own records for the office's statistics: each print
 * job and a daily count of what villagers open. No personal data: a print
 * record names the document, never who printed it or which subsidy line.
 */
#ifndef GK_LOG_H
#define GK_LOG_H

#include <stddef.h>

#include "db/db.h"

/* Records a print job: kind (文件, 办事指南, 补贴名单, 问答, 测试页), the title
 * and 索引号 of what was printed ("" if none), pages, and the result in words
 * ("完成" for success). Returns 0 or -1 with err. */
int db_log_print(struct db *db, const char *kind, const char *title, const char *index_no,
		 int pages, const char *result, char *err, size_t errlen);

/* Counts one use of a screen or action today (e.g. "通知公告", "搜索").
 * Returns 0 or -1 with err. */
int db_log_usage(struct db *db, const char *what, char *err, size_t errlen);

/* One line of what the kiosk counted on a day: kind "使用" (a usage_log
 * count: a screen, "搜索无结果", a search's words that were safe to keep)
 * or "打印" (the finished print jobs of one document: what is "类别：标题",
 * index_no its 索引号, pages their pages). Returns 0 to go on. */
typedef int (*db_usage_fn)(void *ctx, const char *day, const char *kind, const char *what,
			   const char *index_no, long long count, long long pages);

/* Calls fn for every counted line, by day, kind and what. Returns 0, fn's
 * non-zero value, or -1 with err. */
int db_usage_each(struct db *db, db_usage_fn fn, void *ctx, char *err, size_t errlen);

#endif
