/*
 * searchlog.h - what people look for and do not find, for the office: a
 * search of documents, guides or Q&A that found nothing is counted per day
 * (usage_log "搜索无结果"), and its words are kept beside the count only
 * when they cannot name a person. Subsidy name searches never come here.
 */
#ifndef GK_SEARCHLOG_H
#define GK_SEARCHLOG_H

#include "db/db.h"

/* Returns 1 when text may be kept as the words of a search: no digit at
 * all (ids, phones, house numbers, dates of birth), no resident id or card
 * number (privacy_scan), no Latin letters (a name's initials), at most 12
 * characters (a sentence may tell a person's story), and not 2-4 Hanzi
 * that start with a common surname (王芳, 欧阳秀英). Else 0. */
int searchlog_keepable(const char *text);

/* Counts a search that found nothing today, and its words when
 * searchlog_keepable says so and no published subsidy name is exactly
 * them. Failures are ignored: the count is a statistic, never in the way. */
void searchlog_nothing_found(struct db *db, const char *text);

/* The usage_log "what" of the count, and the prefix of kept words. */
#define SEARCHLOG_WHAT "搜索无结果"
#define SEARCHLOG_WORDS "搜索无结果："

#endif
