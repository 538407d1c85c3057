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

#endif
