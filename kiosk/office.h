/*
 * office.h - the county office's side of the kiosks' exports
 * (interfaces.md "Exports"): checks one or more gongkai-export folders
 * against their manifests, opens each sealed application with the office's
 * secret key, merges them by 受理编号 and writes applications.csv for Excel.
 *
 * Nothing here trusts the folders: every listed path is checked to stay
 * inside its folder and opened without following links, every hash is
 * compared before a byte is used, and any problem refuses the whole run
 * (no applications.csv is written). Personal data exists only in memory
 * that is wiped before it is freed, and in the CSV written.
 */
#ifndef GK_OFFICE_H
#define GK_OFFICE_H

#include <stddef.h>

#include "kiosk/report.h"

/* What office_open_applications did. */
struct office_result {
	long folders;      /* export folders read */
	long sealed;       /* sealed files opened */
	long applications; /* rows written (after merging) */
	long merged;       /* the same application met again in another export */
	long consultations;  /* registered questions written (after merging) */
	long consult_merged; /* the same question met again in another export */
	long usage;          /* lines written to usage.csv */
};

/* Return values of office_open_applications. */
enum { OFFICE_OK = 0, OFFICE_REFUSED = 1, OFFICE_ENV = -1 };

/* Checks and opens each of dirs[0..ndirs) (a gongkai-export folder, or a
 * folder holding one) with the secret keys in keys[0..nkeys) (files from
 * seal-keygen; nkeys >= 1: more than one when the office changed keys),
 * and writes out_path (applications.csv: UTF-8 with BOM, the columns of
 * apply_columns, RFC 4180 quoting, CRLF) through a temporary file and a
 * rename. Same 受理编号 in several exports: one row; 收到日期 and 答复期限
 * come from the newest export's applications.tsv (its "# created:"; the
 * later argument when equal). The registered questions (consultations/)
 * go, merged by 咨询编号 the same way, to consult_path (consultations.csv,
 * the columns of db_consult_columns, same format; NULL = not written).
 * What each kiosk counted (usage.tsv of its newest export: use per day,
 * searches that found nothing, printed documents) goes to usage_path
 * (usage.csv: 一体机, 日期, 类别, 项目, 索引号, 次数, 页数; NULL = not
 * written).
 * Problems go to rep as "file:line: column:
 * problem" lines in plain Chinese; warnings too. Returns OFFICE_OK,
 * OFFICE_REFUSED (nothing written) or OFFICE_ENV with err (the CSV could
 * not be written). */
int office_open_applications(char *const *keys, int nkeys, char *const *dirs, int ndirs,
			     const char *out_path, const char *consult_path, const char *usage_path,
			     struct report *rep, struct office_result *res, char *err, size_t errlen);

#endif
