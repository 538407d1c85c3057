/*
 * pinyin.c - pinyin initials lookup, initials matching and index keys over
 * the generated table kiosk/pinyin_table.inc (see pinyin.h and
 * docs/PINYIN-DATA.md).
 *
 * Lookup is two array reads: a block index per 64 code points, then the
 * reading set of the code point in its block.  Matching is a bit-parallel
 * shift-and over the text (one pass, no allocation).
 */
#include "kiosk/pinyin.h"

#include <string.h>

/* One surname whose reading differs from its characters' usual one. */
struct pinyin_surname {
	uint32_t cp[2];  /* its characters; cp[1] == 0 for a single one */
	uint16_t syl[2]; /* syllable ids of their surname readings */
};

#include "kiosk/pinyin_table.inc"

#define PINYIN_MASK_BITS 0x3FFFFFFu

/* What one character of a text is, for matching and keys. */
enum pinyin_class {
	PINYIN_SEP,   /* space or punctuation: skipped */
	PINYIN_OTHER, /* breaks a run; dropped from keys */
	PINYIN_ALNUM, /* ASCII letter (0..25) or digit (26..35) */
	PINYIN_HAN    /* ideograph; value is its set info (0 = no data) */
};

/* Decodes the UTF-8 character at s into *cp and returns its length in
 * bytes; 0 at the terminating NUL.  An invalid or truncated sequence gives
 * U+FFFD and length 1. */
static size_t pinyin_decode(const char *str, unsigned *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned c = s[0], min, n, i;

	if (c < 0x80) {
		*cp = c;
		return c ? 1 : 0;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 1; min = 0x80; c &= 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 2; min = 0x800; c &= 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 3; min = 0x10000; c &= 0x07;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	for (i = 1; i <= n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = c;
	return n + 1;
}

/* The block index must reach PINYIN_LAST_CP: its last block is partial. */
_Static_assert(((unsigned long)sizeof pinyin_block_index / sizeof pinyin_block_index[0])
	       << PINYIN_BLOCK_SHIFT >= PINYIN_LAST_CP,
	       "pinyin_block_index does not cover PINYIN_LAST_CP; regenerate the table");

/* Returns the reading set number of cp (0 when the table has nothing).  The
 * block number is checked against the index itself, not only against
 * PINYIN_LAST_CP, so no table can be read past its end. */
static unsigned pinyin_set(unsigned cp)
{
	unsigned block = cp >> PINYIN_BLOCK_SHIFT;

	if (cp >= PINYIN_LAST_CP ||
	    block >= sizeof pinyin_block_index / sizeof pinyin_block_index[0])
		return 0;
	return pinyin_blocks[pinyin_block_index[block]][cp & ((1u << PINYIN_BLOCK_SHIFT) - 1)];
}

/* Returns the set info word of cp (0 when the table has nothing). */
static uint32_t pinyin_info(unsigned cp)
{
	return pinyin_set_info[pinyin_set(cp)];
}

/* Returns the syllable string of syllable id. */
static const char *pinyin_syllable(unsigned id)
{
	return pinyin_syl_text + pinyin_syl_off[id];
}

/* Tells whether cp is a space or punctuation mark skipped by matching. */
static int pinyin_is_separator(unsigned cp)
{
	if (cp < 0x80)
		return !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
			 (cp >= 'A' && cp <= 'Z'));
	if (cp < 0xC0)      /* C1 controls, NBSP, Latin-1 punctuation, · */
		return 1;
	if ((cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x2E00 && cp <= 0x2E7F))
		return 1;   /* general and supplemental punctuation */
	if (cp >= 0x3000 && cp <= 0x303F)
		return cp != 0x3005 && cp != 0x3007; /* 々 and 〇 are not punctuation */
	if (cp == 0x30FB || (cp >= 0xFE10 && cp <= 0xFE1F) || (cp >= 0xFE30 && cp <= 0xFE6F))
		return 1;   /* katakana middle dot, vertical and small forms */
	if (cp >= 0xFF01 && cp <= 0xFF65)   /* full-width ASCII, half-width CJK punctuation */
		return !((cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
			 (cp >= 0xFF41 && cp <= 0xFF5A));
	return 0;
}

/* Classifies cp; *value gets the letter/digit index or the set info. */
static enum pinyin_class pinyin_classify(unsigned cp, uint32_t *value)
{
	if (cp >= 0xFF10 && cp <= 0xFF5A)    /* full-width forms fold to ASCII */
		cp -= 0xFEE0;
	if (cp >= 'a' && cp <= 'z') {
		*value = cp - 'a';
		return PINYIN_ALNUM;
	}
	if (cp >= 'A' && cp <= 'Z') {
		*value = cp - 'A';
		return PINYIN_ALNUM;
	}
	if (cp >= '0' && cp <= '9') {
		*value = 26 + (cp - '0');
		return PINYIN_ALNUM;
	}
	if (pinyin_is_hanzi(cp)) {
		*value = pinyin_info(cp);
		return PINYIN_HAN;
	}
	*value = 0;
	return pinyin_is_separator(cp) ? PINYIN_SEP : PINYIN_OTHER;
}

/* Returns 1 when cp is a CJK ideograph (with or without a known reading). */
int pinyin_is_hanzi(unsigned cp)
{
	return cp == 0x3007 || (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	       (cp >= 0x20000 && cp <= 0x3FFFF);
}

/* Returns the 26-bit initials mask of cp (0 = not a Hanzi or unknown). */
unsigned pinyin_initials_mask(unsigned cp)
{
	return pinyin_info(cp) & PINYIN_MASK_BITS;
}

/* Returns the initial of cp's most likely reading, or 0. */
int pinyin_primary_initial(unsigned cp)
{
	uint32_t info = pinyin_info(cp);

	if (!(info & PINYIN_MASK_BITS))
		return 0;
	return 'a' + (int)(info >> PINYIN_PRIMARY_SHIFT);
}

/* Returns 1 when cp's initials were guessed from its Cantonese reading. */
int pinyin_initials_guessed(unsigned cp)
{
	return (pinyin_info(cp) & PINYIN_GUESS_FLAG) != 0;
}

/* Stores up to max toneless readings of cp, most likely first; returns how
 * many there are. */
size_t pinyin_readings(unsigned cp, const char **out, size_t max)
{
	unsigned set = pinyin_set(cp);
	size_t first = pinyin_set_first[set], n = pinyin_set_first[set + 1] - first, i;

	for (i = 0; i < n && i < max; i++)
		out[i] = pinyin_syllable(pinyin_set_syl[first + i]);
	return n;
}

/* Returns the index of the surname entry (c1, c2), or -1. */
static int pinyin_surname_find(unsigned c1, unsigned c2)
{
	int lo = 0, hi = PINYIN_NSURNAME - 1;

	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		const struct pinyin_surname *s = &pinyin_surnames[mid];

		if (s->cp[0] == c1 && s->cp[1] == c2)
			return mid;
		if (s->cp[0] < c1 || (s->cp[0] == c1 && s->cp[1] < c2))
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/* Finds the surname override at the start of utf8_name. */
size_t pinyin_surname(const char *utf8_name, const char *syl[2], size_t *nbytes)
{
	unsigned c1, c2 = 0;
	size_t n1, n2 = 0;
	int i = -1;

	if (!utf8_name || !(n1 = pinyin_decode(utf8_name, &c1)))
		return 0;
	n2 = pinyin_decode(utf8_name + n1, &c2);
	if (n2)
		i = pinyin_surname_find(c1, c2);
	if (i >= 0) {
		syl[0] = pinyin_syllable(pinyin_surnames[i].syl[0]);
		syl[1] = pinyin_syllable(pinyin_surnames[i].syl[1]);
		if (nbytes)
			*nbytes = n1 + n2;
		return 2;
	}
	i = pinyin_surname_find(c1, 0);
	if (i < 0)
		return 0;
	syl[0] = pinyin_syllable(pinyin_surnames[i].syl[0]);
	syl[1] = NULL;
	if (nbytes)
		*nbytes = n1;
	return 1;
}

/* Prepares a Latin query for pinyin_query_match(). */
int pinyin_query_init(struct pinyin_query *q, const char *latin_query)
{
	const char *p = latin_query ? latin_query : "";
	unsigned cp;
	size_t n;

	memset(q, 0, sizeof *q);
	while ((n = pinyin_decode(p, &cp)) > 0) {
		uint32_t v;
		enum pinyin_class k = pinyin_classify(cp, &v);

		p += n;
		if (k == PINYIN_SEP)
			continue;
		if (k != PINYIN_ALNUM || q->len >= PINYIN_QUERY_MAX) {
			memset(q, 0, sizeof *q);
			return -1;
		}
		q->pos[v] |= (uint64_t)1 << q->len;
		if (v < 26)
			q->letters |= (uint64_t)1 << q->len;
		q->len++;
	}
	return q->len ? 0 : -1;
}

/* Returns the query positions that a Hanzi with set info can stand at. */
static uint64_t pinyin_han_positions(const struct pinyin_query *q, uint32_t info)
{
	uint32_t mask = info & PINYIN_MASK_BITS;
	uint64_t b = 0;
	unsigned i;

	if (!mask || (info & PINYIN_GUESS_FLAG))
		return q->letters;       /* unknown or guessed: any letter */
	for (i = 0; mask; i++, mask >>= 1)
		if (mask & 1)
			b |= q->pos[i];
	return b;
}

/* Matches a prepared query against a run of characters anywhere in the text. */
int pinyin_query_match(const struct pinyin_query *q, const char *utf8_text)
{
	const char *p = utf8_text;
	uint64_t d = 0, goal;
	unsigned cp;
	size_t n;

	if (!q->len || !p)
		return 0;
	goal = (uint64_t)1 << (q->len - 1);
	while ((n = pinyin_decode(p, &cp)) > 0) {
		uint32_t v;
		uint64_t b;

		p += n;
		switch (pinyin_classify(cp, &v)) {
		case PINYIN_SEP:
			continue;
		case PINYIN_OTHER:
			d = 0;
			continue;
		case PINYIN_ALNUM:
			b = q->pos[v];
			break;
		default:
			b = pinyin_han_positions(q, v);
			break;
		}
		d = ((d << 1) | 1) & b;
		if (d & goal)
			return 1;
	}
	return 0;
}

/* Prepares the query and matches it against the text. */
int pinyin_match_initials(const char *utf8_text, const char *latin_query)
{
	struct pinyin_query q;

	if (pinyin_query_init(&q, latin_query) != 0)
		return 0;
	return pinyin_query_match(&q, utf8_text);
}

/* One letter position of a name: its possible initials, most likely first. */
struct pinyin_pos {
	char opt[26];
	unsigned nopt;
};

/* Walks the letter positions of a text (see pinyin_initials_key() for which
 * characters count). */
struct pinyin_iter {
	const char *p;      /* next byte to read */
	const char *syl[2]; /* surname readings, for the first nsur characters */
	size_t nsur;        /* characters of the surname override (0..2) */
	size_t idx;         /* characters read since the surname started */
};

/* Starts walking utf8; with is_name, the first character after leading
 * separators may be a surname. */
static void pinyin_iter_init(struct pinyin_iter *it, const char *utf8, int is_name)
{
	unsigned cp;
	uint32_t v;
	size_t n;

	memset(it, 0, sizeof *it);
	it->p = utf8 ? utf8 : "";
	if (!is_name)
		return;
	while ((n = pinyin_decode(it->p, &cp)) > 0 && pinyin_classify(cp, &v) == PINYIN_SEP)
		it->p += n;
	it->nsur = pinyin_surname(it->p, it->syl, NULL);
}

/* Fills pos with the initials of a Hanzi with set info, most likely first
 * (the order of its readings), putting first_letter (if non-zero and one
 * of them) ahead of the others. */
static void pinyin_han_options(unsigned cp, uint32_t info, int first_letter,
			       struct pinyin_pos *pos)
{
	uint32_t seen = 0, mask = info & PINYIN_MASK_BITS;
	int primary = 'a' + (int)(info >> PINYIN_PRIMARY_SHIFT);
	unsigned set = pinyin_set(cp), i;

	pos->nopt = 0;
	if (first_letter && (mask & PINYIN_LETTER_BIT(first_letter))) {
		pos->opt[pos->nopt++] = (char)first_letter;
		seen |= PINYIN_LETTER_BIT(first_letter);
	}
	if (!(seen & PINYIN_LETTER_BIT(primary))) {
		pos->opt[pos->nopt++] = (char)primary;
		seen |= PINYIN_LETTER_BIT(primary);
	}
	for (i = pinyin_set_first[set]; i < pinyin_set_first[set + 1]; i++) {
		int c = pinyin_syllable(pinyin_set_syl[i])[0];

		if (!(seen & PINYIN_LETTER_BIT(c))) {
			pos->opt[pos->nopt++] = (char)c;
			seen |= PINYIN_LETTER_BIT(c);
		}
	}
	for (i = 0; i < 26; i++)     /* guessed sets have no syllables */
		if ((mask & (1u << i)) && !(seen & (1u << i)))
			pos->opt[pos->nopt++] = (char)('a' + i);
}

/* Moves to the next letter position and returns its most likely initial,
 * filling pos (if not NULL) with all of them; returns 0 at the end. */
static int pinyin_iter_next(struct pinyin_iter *it, struct pinyin_pos *pos)
{
	unsigned cp;
	size_t n;

	while ((n = pinyin_decode(it->p, &cp)) > 0) {
		uint32_t v;
		enum pinyin_class k = pinyin_classify(cp, &v);
		int sur = it->idx < it->nsur ? it->syl[it->idx][0] : 0;

		it->p += n;
		it->idx++;
		if (k == PINYIN_ALNUM && v < 26) {
			if (pos) {
				pos->opt[0] = (char)('a' + v);
				pos->nopt = 1;
			}
			return 'a' + (int)v;
		}
		if (k == PINYIN_HAN && (v & PINYIN_MASK_BITS)) {
			if (pos) {
				pinyin_han_options(cp, v, sur, pos);
				return pos->opt[0];
			}
			if (sur && (v & PINYIN_LETTER_BIT(sur)))
				return sur;
			return 'a' + (int)(v >> PINYIN_PRIMARY_SHIFT);
		}
	}
	return 0;
}

/* Writes the canonical initials key of utf8. */
size_t pinyin_initials_key(const char *utf8, int is_name, char *out, size_t outlen)
{
	struct pinyin_iter it;
	size_t total = 0;
	int c;

	pinyin_iter_init(&it, utf8, is_name);
	while ((c = pinyin_iter_next(&it, NULL)) != 0) {
		if (total + 1 < outlen)
			out[total] = (char)c;
		total++;
	}
	if (outlen)
		out[total < outlen ? total : outlen - 1] = '\0';
	return total;
}

/* Search state of pinyin_initials_variants(). */
struct pinyin_variants {
	const struct pinyin_pos *pos;
	size_t n;                            /* positions */
	unsigned room[PINYIN_VARIANT_LEN];   /* room[i]: most rank positions i.. can take */
	unsigned rank[PINYIN_VARIANT_LEN];   /* option chosen at each position */
	char (*out)[PINYIN_VARIANT_LEN];
	size_t count, max;
};

/* Emits every combination from position i on whose option ranks add up to
 * exactly budget, in order, until max are written. */
static void pinyin_variants_level(struct pinyin_variants *v, size_t i, unsigned budget)
{
	unsigned r;

	if (v->count >= v->max)
		return;
	if (i == v->n) {
		size_t j;

		for (j = 0; j < v->n; j++)
			v->out[v->count][j] = v->pos[j].opt[v->rank[j]];
		v->out[v->count][v->n] = '\0';
		v->count++;
		return;
	}
	for (r = 0; r < v->pos[i].nopt && r <= budget && v->count < v->max; r++) {
		if (budget - r > v->room[i + 1])
			continue;
		v->rank[i] = r;
		pinyin_variants_level(v, i + 1, budget - r);
	}
}

/* Writes the distinct initial strings of a short name, most likely first. */
size_t pinyin_initials_variants(const char *utf8_name, int is_name,
				char variants[][PINYIN_VARIANT_LEN], size_t max)
{
	struct pinyin_pos pos[PINYIN_VARIANT_LEN - 1];
	struct pinyin_variants v;
	struct pinyin_iter it;
	unsigned level;
	size_t i;

	memset(&v, 0, sizeof v);
	pinyin_iter_init(&it, utf8_name, is_name);
	while (v.n < PINYIN_VARIANT_LEN - 1 && pinyin_iter_next(&it, &pos[v.n]))
		v.n++;
	if (!v.n || !max)
		return 0;
	v.pos = pos;
	v.out = variants;
	v.max = max;
	v.room[v.n] = 0;
	for (i = v.n; i-- > 0;)
		v.room[i] = v.room[i + 1] + pos[i].nopt - 1;
	/* Ranks are unique per position, so each combination is a distinct
	 * string; fewer non-first choices come first. */
	for (level = 0; level <= v.room[0] && v.count < max; level++)
		pinyin_variants_level(&v, 0, level);
	return v.count;
}
