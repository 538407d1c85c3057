/*
 * pinyin.h - pinyin initials of Chinese characters, for finding names and
 * titles by Latin letters (`lxy` finds 李秀英) and for indexing them.
 *
 * Every reading of a heteronym counts: 单 matches d, s and c (dān, shàn,
 * chán), 曾 matches z and c.  The table (kiosk/pinyin_table.inc) is generated
 * from Unihan and rime by scripts/gen-pinyin.py; docs/PINYIN-DATA.md gives
 * the sources, licences and the surname table.
 *
 * All functions are pure: no allocation, no global state, safe from any
 * thread.  Strings are UTF-8; invalid bytes count as one unknown character.
 *
 * How text is read, by every function here:
 *  - a Hanzi (CJK ideograph: URO, Ext-A..H, compatibility ideographs, 〇)
 *    stands for the initials of its readings;
 *  - an ASCII letter or digit stands for itself, case-folded; full-width
 *    letters and digits (Ａ, ｂ, １) count as their ASCII forms;
 *  - spaces and punctuation (ASCII, CJK and full-width punctuation, the
 *    middle dot of 阿沛·阿旺晋美, general punctuation) are separators;
 *  - anything else (kana, Hangul, accented letters, symbols, emoji, invalid
 *    bytes) is "other".
 */
#ifndef GK_PINYIN_H
#define GK_PINYIN_H

#include <stddef.h>
#include <stdint.h>

/* Bytes of one variant written by pinyin_initials_variants(), with its NUL. */
#define PINYIN_VARIANT_LEN 16

/* Longest query, in letters and digits, that pinyin_query_init() accepts. */
#define PINYIN_QUERY_MAX 64

/* Returns the bit of lowercase letter c ('a'..'z') in an initials mask. */
#define PINYIN_LETTER_BIT(c) (1u << ((unsigned)(c) - 'a'))

/* Returns the initials of code point cp as a 26-bit mask (bit 0 = 'a'):
 * the distinct first letters of all its readings, so 单 gives d|s|c.
 * 0 when cp is not a Hanzi or no source gives it a reading. */
unsigned pinyin_initials_mask(unsigned cp);

/* Returns 'a'..'z', the initial of cp's most likely reading, or 0 when
 * pinyin_initials_mask(cp) is 0. */
int pinyin_primary_initial(unsigned cp);

/* Returns 1 when cp's initials are only a guess (no Mandarin reading exists
 * in the sources; guessed from its Cantonese reading), else 0. */
int pinyin_initials_guessed(unsigned cp);

/* Returns 1 when cp is a CJK ideograph (with or without a known reading). */
int pinyin_is_hanzi(unsigned cp);

/* Stores up to max toneless readings of cp in out[], most likely first
 * (ü is written v: 绿 gives "lv", "lu"), and returns how many cp has (which
 * may exceed max).  The strings are static; the caller borrows them.
 * Returns 0 for non-Hanzi and for characters whose initials are guessed. */
size_t pinyin_readings(unsigned cp, const char **out, size_t max);

/* When utf8_name starts with a surname read differently from its common
 * reading (单 shan, 曾 zeng, 万俟 mo qi, 长孙 zhang sun...), stores its
 * syllables in syl[0] and, for a compound surname, syl[1] (static strings,
 * borrowed), stores its length in bytes in *nbytes (may be NULL), and
 * returns its length in characters (1 or 2).  Returns 0 otherwise. */
size_t pinyin_surname(const char *utf8_name, const char *syl[2], size_t *nbytes);

/* A Latin query prepared for matching many rows.  Fill it with
 * pinyin_query_init(); it holds no pointers and may be copied. */
struct pinyin_query {
	uint64_t pos[36];   /* per letter a-z and digit 0-9: the query positions holding it */
	uint64_t letters;   /* OR of pos[0..25]: positions holding any letter */
	unsigned len;       /* letters and digits in the query, 0 = matches nothing */
};

/* Prepares latin_query: keeps its ASCII (and full-width) letters, lowercased,
 * and digits, and ignores spaces and punctuation, so "L X-Y" is "lxy".
 * Returns 0, or -1 (and q->len = 0, matching nothing) when the query has
 * no letter or digit, more than PINYIN_QUERY_MAX of them, or any other
 * character, such as a Hanzi: search those as plain substrings. */
int pinyin_query_init(struct pinyin_query *q, const char *latin_query);

/* Returns 1 when q matches a run of consecutive characters of utf8_text,
 * starting anywhere: a Hanzi matches any of its initials, an ASCII letter
 * or digit matches itself, separators are skipped, and "other" characters
 * break the run.  A Hanzi with no known or only a guessed reading matches
 * any letter.  Returns 0 otherwise, and for an empty query.  Linear in the
 * length of the text; allocation-free. */
int pinyin_query_match(const struct pinyin_query *q, const char *utf8_text);

/* Prepares latin_query and matches it against utf8_text in one call:
 * pinyin_match_initials("李秀英", "lxy") == 1.  To test many rows against
 * one query, prepare it once with pinyin_query_init() instead. */
int pinyin_match_initials(const char *utf8_text, const char *latin_query);

/* Writes the canonical initials key of utf8 into out (outlen bytes, always
 * NUL-terminated when outlen > 0): the most likely initial of each Hanzi
 * and each ASCII or full-width letter lowercased; digits, separators,
 * other characters and Hanzi without a reading are dropped.  When is_name
 * is true and the text starts with a surname of pinyin_surname(), that
 * surname uses its surname reading (单德发 gives "sdf", not "ddf").
 * Returns the length of the whole key, like snprintf, so a result >= outlen
 * means the key was cut. */
size_t pinyin_initials_key(const char *utf8, int is_name, char *out, size_t outlen);

/* Writes up to max distinct initial strings of a short name into
 * variants[], each NUL-terminated: every combination of the initials of
 * its characters (read as for pinyin_initials_key()), most likely first,
 * so variants[0] is the key.  Only the first PINYIN_VARIANT_LEN - 1 letters
 * of the name are used.  Combinations with fewer less-likely choices come
 * first: 单曾 gives "dc dz sc sz cc cz", and as a name (surname shàn)
 * "sc sz dc dz cc cz".  Returns the number written (0 for a name with no
 * letters or max == 0). */
size_t pinyin_initials_variants(const char *utf8_name, int is_name,
				char variants[][PINYIN_VARIANT_LEN], size_t max);

#endif
