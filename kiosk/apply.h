/*
 * apply.h - government-information-disclosure applications (依申请公开,
 * 政府信息公开条例 2019): the form's answers and their checks, sealing the
 * personal fields to the county office's key, the statutory dates, fees
 * (国办函〔2020〕109号) and what each status and answer means for the
 * applicant. No curses, no database: tui/ shows the form, db/apply.c keeps
 * what may be kept in clear, kiosk/export.c carries the sealed records out.
 *
 * Privacy: the answers live in one struct apply_form of fixed arrays so
 * that apply_form_wipe() (sodium_memzero) clears every copy the form made;
 * nothing here logs or keeps a pointer to them. Only the sealed record
 * (crypto_box_seal to [trust] seal_pubkey) is ever written.
 */
#ifndef GK_APPLY_H
#define GK_APPLY_H

#include <stddef.h>

#include "kiosk/calendar.h"

/* --- the form ---------------------------------------------------------- */

/* 申请人类型 (table 3 of the yearly report). */
enum apply_applicant { APPLY_CITIZEN = 0, APPLY_ORG = 1 };

/* 法人或其他组织 kinds, in table 3's column order. */
enum apply_org_kind {
	APPLY_ORG_BUSINESS = 0, /* 商业企业 */
	APPLY_ORG_RESEARCH,     /* 科研机构 */
	APPLY_ORG_WELFARE,      /* 社会公益组织 */
	APPLY_ORG_LEGAL,        /* 法律服务机构 */
	APPLY_ORG_OTHER,        /* 其他 */
	APPLY_ORG_N
};
extern const char *const apply_org_kinds[APPLY_ORG_N];

/* 证件类型. */
enum { APPLY_ID_RESIDENT = 0, APPLY_ID_OTHER_N = 5 };
extern const char *const apply_id_types[APPLY_ID_OTHER_N]; /* 居民身份证 first */

/* 提供方式 and 获取方式. */
enum { APPLY_MEDIUM_N = 3, APPLY_PICKUP_N = 4 };
extern const char *const apply_media[APPLY_MEDIUM_N];  /* 纸质, 电子邮件, 光盘 */
extern const char *const apply_pickups[APPLY_PICKUP_N]; /* 自行领取, 邮寄, 电子邮件, 当场阅读抄录 */

/* Field limits in characters (the form's fields take at most these). */
#define APPLY_NAME_CHARS 50
#define APPLY_SHORT_CHARS 30   /* 证件号码, 联系电话, 邮政编码, 统一社会信用代码 */
#define APPLY_ADDR_CHARS 100   /* 通信地址, 电子邮箱, 文号或索引号 */
#define APPLY_INFO_CHARS 500   /* 所需信息 */
/* Byte sizes: 4 bytes a character (Ext-B) and the NUL. */
#define APPLY_BYTES(chars) ((chars) * 4 + 1)

/* The answers of one application. Text is UTF-8, "" when not given. */
struct apply_form {
	int applicant;                             /* enum apply_applicant */
	int org_kind;                              /* enum apply_org_kind (APPLY_ORG) */
	char name[APPLY_BYTES(APPLY_NAME_CHARS)];  /* 姓名 or 名称 */
	char credit_code[APPLY_BYTES(APPLY_SHORT_CHARS)]; /* 统一社会信用代码 (APPLY_ORG) */
	char legal_rep[APPLY_BYTES(APPLY_NAME_CHARS)];    /* 法定代表人 (APPLY_ORG) */
	int id_type;                               /* index into apply_id_types */
	char id_no[APPLY_BYTES(APPLY_SHORT_CHARS)];       /* 证件号码 */
	char phone[APPLY_BYTES(APPLY_SHORT_CHARS)];       /* 联系电话 */
	char address[APPLY_BYTES(APPLY_ADDR_CHARS)];      /* 通信地址 */
	char postcode[APPLY_BYTES(APPLY_SHORT_CHARS)];    /* 邮政编码 */
	char email[APPLY_BYTES(APPLY_ADDR_CHARS)];        /* 电子邮箱 */
	char info[APPLY_BYTES(APPLY_INFO_CHARS)];         /* 所需信息 */
	char doc_no[APPLY_BYTES(APPLY_ADDR_CHARS)];       /* 文号或索引号 */
	int medium;                                /* index into apply_media */
	int pickup;                                /* index into apply_pickups */
	int by_staff;                              /* 代为填写 by staff (条例 Art. 29) */
};

/* Copies src into an answer of n bytes, cut at a character boundary.
 * Returns the bytes copied. */
size_t apply_copy(char *dst, size_t n, const char *src);

/* Clears every answer (sodium_memzero) and sets the defaults. */
void apply_form_wipe(struct apply_form *f);

/* Writes the 申请人类型 words: "公民" or "法人或其他组织：商业企业". */
void apply_applicant_words(const struct apply_form *f, char *out, size_t outlen);

/* Field checks for the form: each returns 0, or -1 with a plain Chinese
 * message saying what is wrong and what to do. They fit
 * tui_form_check_fn. Empty text passes (the form enforces "required"). */
int apply_check_resident_id(const char *text, char *msg, size_t msglen); /* region, date, check digit */
int apply_check_phone(const char *text, char *msg, size_t msglen);       /* mobile or fixed line */
int apply_check_postcode(const char *text, char *msg, size_t msglen);    /* six digits */
int apply_check_email(const char *text, char *msg, size_t msglen);
int apply_check_credit_code(const char *text, char *msg, size_t msglen); /* GB 32100: 18 chars, check */
int apply_check_text(const char *text, char *msg, size_t msglen);        /* no control characters */

/* Checks a whole form before submission (required answers and every field
 * check). Returns 0, or -1 with the first problem in msg. */
int apply_form_check(const struct apply_form *f, char *msg, size_t msglen);

/* Writes the 证件号码 as it may be shown or printed: a resident id masked
 * to 前6位********后4位, anything else with all but its last 4 masked. */
void apply_mask_id(const char *id_no, char *out, size_t outlen);

/* The last four digits of the phone ("" when it has fewer than four). */
void apply_phone_tail(const char *phone, char out[5]);

/* --- tracking numbers and dates ------------------------------------------- */

/* 受理编号 <kiosk id>-YYYYMMDD-NNNN. out needs APPLY_TRACKING_MAX bytes. */
#define APPLY_TRACKING_MAX 80
void apply_tracking_no(const char *kiosk_id, const char *day_iso, long n, char *out, size_t outlen);

/* 收到日期: day when it is a working day, otherwise the next working day
 * (条例 Art. 31). Returns 0, or -1 for a bad date. */
int apply_received_on(const char *day_iso, calendar_lookup_fn lookup, void *ctx, char out[11]);

/* 答复期限: the (20 * (1 + extensions))-th working day after received_on
 * (Art. 33; each 延期答复 adds 20). Returns 0, or -1 for a bad date. */
int apply_due_on(const char *received_on, int extensions, calendar_lookup_fn lookup, void *ctx,
		 char out[11]);

/* Working days the office has (Art. 33). */
#define APPLY_WORKING_DAYS 20

/* --- the sealed record --------------------------------------------------- */

/* The clear facts stamped into a record when it is submitted. */
struct apply_stamp {
	char tracking_no[APPLY_TRACKING_MAX]; /* 受理编号 */
	char submitted_at[20];                /* 提交时间 YYYY-MM-DD HH:MM:SS */
	char received_on[11];                 /* 收到日期 */
	char due_on[11];                      /* 答复期限 */
};

/* The columns of the office's applications.csv, in order: the 17 of
 * interfaces.md "Exports", then 统一社会信用代码 and 法定代表人 (an
 * organisation's answers, "" for a citizen), so the office sees every
 * answer the form took. */
#define APPLY_NCOLS 19
extern const char *const apply_columns[APPLY_NCOLS];

/* Writes the record to be sealed: "gongkai-application 1\n" then one
 * "<column>\t<value>\n" line per apply_columns entry, values escaped (\\ \n
 * \t). Returns a malloc'd NUL-terminated string the caller must wipe
 * (sodium_memzero) and free, and its length in *len. */
char *apply_record(const struct apply_form *f, const struct apply_stamp *s, size_t *len);

/* Reads a record back into values[APPLY_NCOLS] (malloc'd strings the caller
 * frees, "" for missing columns). Returns 0, or -1 when it is not a record. */
int apply_record_parse(const char *text, size_t len, char *values[APPLY_NCOLS]);

/* Decodes [trust] seal_pubkey (base64 of a crypto_box public key).
 * Returns 0, or -1 with a plain Chinese message for staff. */
#define APPLY_PK_BYTES 32
#define APPLY_SK_BYTES 32
int apply_seal_key(const char *b64, unsigned char pk[APPLY_PK_BYTES], char *msg, size_t msglen);

/* Seals len bytes to pk (crypto_box_seal). Returns a malloc'd box of
 * len + APPLY_SEAL_OVERHEAD bytes. */
#define APPLY_SEAL_OVERHEAD 48
unsigned char *apply_seal(const unsigned char pk[APPLY_PK_BYTES], const void *msg, size_t len);

/* Reads the office's secret key file from seal-keygen (comment lines, then
 * the base64 secret key); derives the public key. Returns 0, or -1 with a
 * plain Chinese message. */
int apply_load_secret(const char *path, unsigned char pk[APPLY_PK_BYTES],
		      unsigned char sk[APPLY_SK_BYTES], char *msg, size_t msglen);

/* Opens a sealed box into a malloc'd NUL-terminated string (caller wipes
 * and frees) of *len bytes. Returns NULL when the key does not open it or
 * it was changed. */
char *apply_unseal(const unsigned char pk[APPLY_PK_BYTES], const unsigned char sk[APPLY_SK_BYTES],
		   const unsigned char *box, size_t boxlen, size_t *len);

/* --- status and answers ----------------------------------------------------- */

/* The states an application moves through (replies.csv 状态, and 已提交). */
extern const char *const apply_states[]; /* 已提交 已受理 需补正 延期答复 已答复 已撤回, NULL */
/* 答复类型 (Art. 36 grouped as table 3 groups them). */
extern const char *const apply_reply_types[]; /* 予以公开 … 其他处理, NULL */

/* Returns 1 when the status closes the application (已答复, 已撤回). */
int apply_closed(const char *status);

/* Writes, in plain words for the villager, what the status (and answer
 * type and sub-type, "" when none) means and what she can do next: where
 * to collect the answer, how to correct the application, 行政复议 within
 * 60 days and 行政诉讼 within 6 months of a refusal. */
void apply_explain(const char *status, const char *reply_type, const char *reply_sub, char *out,
		   size_t outlen);

/* Returns the 答复细类 row number (1-based) of table 3 for a reply type, or
 * 0 when the type has no such sub-rows or the words are not one of them;
 * names[] of that type into *names (NULL-terminated) when names is not NULL. */
int apply_reply_sub_row(const char *reply_type, const char *reply_sub, const char *const **names);

/* --- fees (国办函〔2020〕109号) ---------------------------------------------- */

/* 按件: the total fee in fen for the n-th application of one applicant in
 * a natural month and all before it: 1-10 free, 11-30 100 元 each, then
 * each band of ten 100 元 more. */
long long apply_fee_by_count(long n);
/* 按量: the fee in fen for one application of pages pages: up to 30 free,
 * 31-100 10 元, 101-200 20 元, from 201 40 元 a page. */
long long apply_fee_by_pages(long pages);

#endif
