/*
 * fields.h - the rules for single CSV fields of a bundle (dates, money,
 * resident ids, account numbers) and the privacy screen over published text
 * (shared/spec/bundle-format.md). Pure functions over UTF-8 strings: no
 * allocation, no I/O. Every parser accepts full-width ASCII (０-９, ，, ．, ／,
 * －, Ｘ, ...) as the ASCII it stands for, because Chinese input methods
 * produce it, and ignores surrounding spaces (also U+3000).
 */
#ifndef GK_FIELDS_H
#define GK_FIELDS_H

#include <stddef.h>

/* Copies s into out (outlen bytes, NUL-terminated) with full-width ASCII
 * U+FF01..U+FF5E folded to ASCII and U+3000 to a space, and surrounding ASCII
 * spaces/tabs trimmed. Returns the folded length, or -1 when it does not fit
 * (out then holds a truncated copy). */
int field_fold(const char *s, char *out, size_t outlen);

/* Parses a date: YYYY-MM-DD, YYYY/M/D, YYYY.M.D or YYYY年M月D日 (日 or 号;
 * month and day with or without a leading zero), optionally followed by a
 * time of day as spreadsheets export it ("2024/3/5 0:00", ignored). The date
 * must exist (leap years) and the year lie in 1900..2100. Writes the ISO
 * form YYYY-MM-DD into out and returns 0, or returns -1. */
int field_date(const char *s, char out[11]);

/* Why an amount was refused (field_money returns one of these). */
enum money_status {
	MONEY_OK = 0,
	MONEY_EMPTY = -1,     /* nothing in the field */
	MONEY_SYNTAX = -2,    /* not a number of yuan */
	MONEY_DECIMALS = -3,  /* more than two decimals */
	MONEY_GROUPING = -4,  /* thousands separators in the wrong place */
	MONEY_NEGATIVE = -5,  /* a negative amount */
	MONEY_RANGE = -6      /* too large */
};

/* Parses an amount of yuan into integer fen without floating point:
 * digits, optionally grouped by thousands ("1,234.50": first group 1-3
 * digits, then groups of exactly 3), at most two decimals, no sign. A
 * leading ¥ or ￥ and a trailing 元 are accepted, since offices type them.
 * Returns 0 (MONEY_OK) with *fen set, or a negative enum money_status. */
int field_money(const char *s, long long *fen);

/* Returns the report text for a field_money status, e.g. "bad amount: more
 * than two decimals"; static storage. */
const char *field_money_error(int status);

/* Returns 1 when s is a valid 18-character resident id (GB 11643-1999):
 * 17 digits and a check digit or X (x accepted), a region code starting 1-8,
 * a real birth date from 1900-01-01 to today (GONGKAI_TODAY honoured), and
 * the ISO 7064 MOD 11-2 check digit. Returns 0 otherwise. */
int field_resident_id_valid(const char *s18);

/* The kinds of content of a resident-id column. */
enum id_class {
	ID_EMPTY,  /* nothing in the field */
	ID_FULL,   /* a valid full id, now masked */
	ID_MASKED, /* already masked: kept (in the normal form) */
	ID_BAD     /* anything else; *why says what */
};

/* Classifies a resident-id field and writes what may be stored into
 * masked: the first 6 and last 4 characters around 8 stars
 * ("510722********1234", X upper-case), or "" for ID_EMPTY/ID_BAD.
 * An already masked id (6 digits, stars, last 4 visible; any visible digits
 * in between are hidden again) is ID_MASKED. Excel's numbers
 * ("5.10722E+17"), old 15-digit ids (no check digit, so they cannot be
 * verified) and every invalid id are ID_BAD; *why (static text, may be
 * NULL) then gives the reason. */
enum id_class field_resident_id(const char *s, char masked[19], const char **why);

/* Masks an account or card number: digits (10 to 30, single spaces or
 * dashes between groups allowed) or an already masked number (stars, last 4
 * digits visible) become "************" + the last 4 digits in masked (len
 * >= 17). An empty field gives "" and 0. Returns 0, or -1 with *why (static
 * text, may be NULL) for anything else, such as Excel's "6.22E+18". */
int field_account(const char *s, char *masked, size_t len, const char **why);

/* Returns 1 when digits is a non-empty string of ASCII digits passing the
 * Luhn check, else 0. */
int field_luhn(const char *digits);

/* Called by privacy_scan for each hit: the line it starts on, what it is
 * ("resident id" or "UnionPay card number") and a masked sample
 * ("510722********1234", "************0128"); the full number is never
 * given. Strings are borrowed for the call. */
typedef void (*privacy_hit_fn)(void *ctx, long line, const char *kind, const char *masked_sample);

/* Scans free UTF-8 text for personal numbers that must not be published:
 *  - a resident id: 17 digits and a digit or X/x, valid by
 *    field_resident_id_valid, written solid or in groups of any length
 *    separated by up to four blanks or dashes (ASCII, no-break, full-width,
 *    thin or zero-width spaces, full-width and Unicode dashes) with at most
 *    one line end among them ("510722 19550317 0021", "510722-1955-0317-0021",
 *    "510722195503\n170021"); letters may touch it ("ID510722..."), a digit
 *    may not (that makes a longer number);
 *  - a UnionPay card number: 16-19 digits starting 62 that pass the Luhn
 *    check, not touching another digit, written solid or in groups of four
 *    separated by single spaces or dashes ("6222 0212 3456 7890 128").
 * Full-width digits count as digits. Phone numbers never match (too short,
 * or not 62 in groups of four). Lines are counted from first_line by '\n'.
 * Calls fn (may be NULL) per hit and returns the number of hits. */
int privacy_scan(const char *utf8, size_t len, long first_line, privacy_hit_fn fn, void *ctx);

/* Called by privacy_scan_spans for each hit: its bytes [start, end) in the
 * scanned text, its kind and masked sample (borrowed for the call). The
 * sample is never longer than the span. */
typedef void (*privacy_span_fn)(void *ctx, size_t start, size_t end, const char *kind,
				const char *masked_sample);

/* Scans like privacy_scan but hands out byte spans. Returns the number of hits. */
int privacy_scan_spans(const char *utf8, size_t len, privacy_span_fn fn, void *ctx);

/* Replaces every id and card number in s[len] by its masked sample, in
 * place (the text never grows), and returns the new length; s is
 * NUL-terminated again when it shrank. Used on everything a bundle carries
 * that is stored or printed outside the checked data columns. */
size_t privacy_mask(char *s, size_t len);

/* Checks a public unit's phone number (公共服务名录 电话) as offices type
 * it: digits with single '-' between groups (0818-5123456, 13800001234,
 * 12345, 0818-5123-456), 3 to 20 digits, optionally followed by one
 * extension of 1 to 6 digits after a space or 转 ("0818-5123456 转 8001",
 * "0818-5123456 8001"). Full-width digits and spaces count as ASCII.
 * Returns 0, or -1 with *why (static plain Chinese, may be NULL). */
int field_phone(const char *s, const char **why);

/* How a text field treats line breaks and invisible characters. */
enum field_text_mode {
	FIELD_TEXT_LINE,  /* titles, names, codes: line breaks folded to one space */
	FIELD_TEXT_LINES, /* multi-line cells (conditions, answers): line breaks kept as LF */
	FIELD_TEXT_BODY   /* body files: LF, CR and TAB (tables) kept */
};

/* What field_text_clean refused. */
enum field_text_kind {
	FIELD_TEXT_OK = 0,
	FIELD_TEXT_CONTROL,   /* C0 (TAB too, outside bodies), DEL or C1 control */
	FIELD_TEXT_BIDI,      /* U+061C, U+200E/F, U+202A-202E, U+2066-2069 */
	FIELD_TEXT_ZERO_WIDTH /* U+200B-200D, U+2060, U+FEFF */
};

/* The first character field_text_clean refused. */
struct field_text_problem {
	enum field_text_kind kind;
	unsigned codepoint;
	long line; /* 1-based line of the text it is on */
};

/* Checks and cleans text s[*len] in place (it never grows; *len is updated
 * and s NUL-terminated, so s must hold *len + 1 bytes). Line breaks are CR, LF, CRLF, U+2028 and U+2029:
 * FIELD_TEXT_LINE folds each run of them (with the blanks around it) to one
 * space and drops it at either end; FIELD_TEXT_LINES and FIELD_TEXT_BODY
 * turn U+2028/2029 into LF (LINES also CRLF and CR), BODY keeps CR and TAB
 * and drops a leading U+FEFF. Any other control, bidi or zero-width
 * character is refused: returns -1 with *bad describing the first one, else
 * 0. Bytes that are not valid UTF-8 are left as they are. */
int field_text_clean(char *s, size_t *len, enum field_text_mode mode,
		     struct field_text_problem *bad);

/* Returns the plain Chinese name of a refused kind, e.g. "含有不可见的控制字符";
 * static storage. */
const char *field_text_kind_text(enum field_text_kind kind);

#endif
