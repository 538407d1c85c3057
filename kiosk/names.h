/*
 * names.h - whole Chinese names from pinyin letters, for the input method's
 * name context: "lixiuying" gives 李秀英 before 李秀应.
 *
 * The letters are cut into syllables (every cut that the readings of
 * kiosk/pinyin.h allow; the last syllable may be cut short, "lixiuy"), the
 * first one or two syllables are read as a surname and the rest as one or
 * two given-name characters. A name scores the product of its surname's and
 * characters' frequencies: built-in tables of common surnames and
 * given-name characters, plus the characters of names the county published
 * (names_add_published()), which also earn a bonus when a candidate is one
 * of those names exactly.
 *
 * Pure C: no librime, no I/O. Not thread-safe per struct names; separate
 * instances are independent.
 */
#ifndef GK_NAMES_H
#define GK_NAMES_H

#include <stddef.h>

/* Bytes of one candidate name, NUL included. */
#define NAMES_TEXT_MAX 64
/* Longest input, in letters, that names_rank() considers. */
#define NAMES_LETTERS_MAX 40

/* One candidate: what to show and how many letters of the input it takes. */
struct names_cand {
	char text[NAMES_TEXT_MAX]; /* UTF-8 */
	size_t nletters;           /* letters of the input it covers, from the start */
	double score;              /* higher is likelier; only the order means anything */
};

struct names;

/* Builds the ranker: syllables and the built-in tables. Caller frees with
 * names_free(). */
struct names *names_new(void);

/* Frees the ranker; NULL is ignored. */
void names_free(struct names *nm);

/* Counts the characters of one published name (UTF-8, borrowed) into the
 * frequencies and remembers the whole name for the exact-match bonus.
 * Names of fewer than two or more than four characters, or holding anything
 * but Hanzi, are ignored. */
void names_add_published(struct names *nm, const char *utf8_name);

/* Forgets every published name and count (before the names of a new
 * import are added); the built-in tables stay. */
void names_clear_published(struct names *nm);

/* Ranks names for letters (lowercase a-z, "v" for ü) and stores up to max of
 * them in out[], best first, distinct. With given_only, the letters are a
 * given name alone (the surname was taken already): one or two characters.
 * Otherwise whole names (surname + one or two characters) come first, then
 * the best surname alone when the input has more than its syllables (it
 * covers only those letters). Returns the number stored. */
size_t names_rank(const struct names *nm, const char *letters, int given_only,
		  struct names_cand *out, size_t max);

/* Returns how many syllables names_rank() can cut letters into (the first
 * valid cut found, 0 when none): for tests. */
size_t names_syllables(const struct names *nm, const char *letters);

#endif
