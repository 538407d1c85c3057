/*
 * speech_text.c - text to toned pinyin for espeak-ng's cmn-latn-pinyin
 * voice: numbers spelled in Chinese first, then Hanzi read by the longest
 * word of the generated word table, then by character.
 */
#include "kiosk/speech_text.h"

#include "kiosk/pinyin.h"
#include "kiosk/util.h"
#include "kiosk/width.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/pinyin_tone.inc"

static const char *const digit_hz[10] = {
	"零", "一", "二", "三", "四", "五", "六", "七", "八", "九",
};

/* Returns the digit 0..9 of the ASCII or full-width digit at s[0..n), with
 * its byte length in *len, or -1. */
static int digit_at(const char *s, size_t n, size_t *len)
{
	if (n >= 1 && s[0] >= '0' && s[0] <= '9') {
		*len = 1;
		return s[0] - '0';
	}
	/* U+FF10..U+FF19 is EF BC 90..99 */
	if (n >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBC &&
	    (unsigned char)s[2] >= 0x90 && (unsigned char)s[2] <= 0x99) {
		*len = 3;
		return (unsigned char)s[2] - 0x90;
	}
	return -1;
}

/* Returns the code point at s[0..n) (0 at the end) and its length in *len. */
static uint32_t cp_at(const char *s, size_t n, size_t *len)
{
	uint32_t cp = 0;

	if (n == 0) {
		*len = 0;
		return 0;
	}
	*len = (size_t)width_decode(s, n, &cp);
	return cp;
}

/* Appends the four-digit group g (1..9999) with 千百十 units; lead tells that
 * nothing precedes it in the number (so 10..19 read 十, 十五). */
static void add_group(struct sbuf *b, unsigned g, int lead)
{
	static const char *const unit[4] = { "千", "百", "十", "" };
	unsigned div = 1000;
	int zero = 0, started = 0;

	for (int k = 0; k < 4; k++, div /= 10) {
		unsigned d = (g / div) % 10;

		if (d == 0) {
			if (started)
				zero = 1;
			continue;
		}
		if (zero)
			sbuf_add(b, "零");
		zero = 0;
		if (!(k == 2 && d == 1 && lead && !started))
			sbuf_add(b, digit_hz[d]);
		sbuf_add(b, unit[k]);
		started = 1;
	}
}

/* Writes the Chinese numeral of v into buf; see speech_text.h. */
char *speech_text_number(unsigned long long v, char *buf, size_t bufsize)
{
	static const char *const big[4] = { "", "万", "亿", "万亿" };
	struct sbuf b = { 0 };
	unsigned groups[4] = { 0 };
	int top = 0, pending_zero = 0, any = 0;

	if (v == 0) {
		snprintf(buf, bufsize, "%s", "零");
		return buf;
	}
	if (v >= 10000000000000000ULL)
		v %= 10000000000000000ULL;
	for (int k = 0; k < 4; k++) {
		groups[k] = (unsigned)(v % 10000);
		v /= 10000;
		if (groups[k])
			top = k;
	}
	for (int k = top; k >= 0; k--) {
		unsigned g = groups[k];

		if (g == 0) {
			if (any)
				pending_zero = 1;
			continue;
		}
		if (any && (pending_zero || g < 1000))
			sbuf_add(&b, "零");
		pending_zero = 0;
		add_group(&b, g, !any);
		sbuf_add(&b, big[k]);
		any = 1;
	}
	snprintf(buf, bufsize, "%s", sbuf_str(&b));
	sbuf_free(&b);
	return buf;
}

/* Appends digits[0..n) one by one (二零二六). */
static void add_digits(struct sbuf *b, const char *digits, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sbuf_add(b, digit_hz[digits[i] - '0']);
}

/* Appends the numeral of the ASCII digits[0..n) (digit by digit past 16). */
static void add_number(struct sbuf *b, const char *digits, size_t n)
{
	unsigned long long v = 0;
	char buf[128];

	if (n > 16) {
		add_digits(b, digits, n);
		return;
	}
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (unsigned)(digits[i] - '0');
	sbuf_add(b, speech_text_number(v, buf, sizeof buf));
}

/* Tells whether s[0..n) starts with the UTF-8 string lit; stores its length. */
static int starts(const char *s, size_t n, const char *lit, size_t *len)
{
	size_t l = strlen(lit);

	if (n < l || memcmp(s, lit, l) != 0)
		return 0;
	*len = l;
	return 1;
}

/* A number as written: integer digits (commas dropped), fraction digits. */
struct num {
	char ip[40];
	size_t ipn;
	char fp[40];
	size_t fpn;
	int commas;
};

/* Reads a number at s[0..n) into *x; returns the bytes it takes. */
static size_t read_num(const char *s, size_t n, struct num *x)
{
	size_t i = 0, l;
	int d;

	memset(x, 0, sizeof *x);
	size_t grp = 0;

	while (i < n && (d = digit_at(s + i, n - i, &l)) >= 0) {
		if (x->ipn < sizeof x->ip)
			x->ip[x->ipn++] = (char)('0' + d);
		grp++;
		i += l;
		/* 1,234,567: a comma after one to three digits (or a whole group),
		 * followed by exactly three digits */
		if (i + 3 < n && s[i] == ',' && (x->commas ? grp == 3 : grp <= 3) &&
		    s[i + 1] >= '0' && s[i + 1] <= '9' && s[i + 2] >= '0' && s[i + 2] <= '9' &&
		    s[i + 3] >= '0' && s[i + 3] <= '9' &&
		    !(i + 4 < n && s[i + 4] >= '0' && s[i + 4] <= '9')) {
			x->commas++;
			grp = 0;
			i++;
		}
	}
	if (i + 1 < n && (s[i] == '.' || starts(s + i, n - i, "．", &l))) {
		size_t dot = s[i] == '.' ? 1 : l;

		if (digit_at(s + i + dot, n - i - dot, &l) >= 0) {
			i += dot;
			while (i < n && (d = digit_at(s + i, n - i, &l)) >= 0) {
				if (x->fpn < sizeof x->fp)
					x->fp[x->fpn++] = (char)('0' + d);
				i += l;
			}
		}
	}
	return i;
}

/* Appends the number x read as a plain quantity (十二点五). */
static void add_plain(struct sbuf *b, const struct num *x)
{
	if ((x->ipn > 1 && x->ip[0] == '0') || x->ipn >= 11)
		add_digits(b, x->ip, x->ipn);
	else
		add_number(b, x->ip, x->ipn);
	if (x->fpn) {
		sbuf_add(b, "点");
		add_digits(b, x->fp, x->fpn);
	}
}

/* Tells whether the code point before s[i] is one of the opening brackets
 * that enclose the year of a 文号. */
static int after_open_bracket(const char *s, size_t i)
{
	static const char *const open[] = { "〔", "[", "【", "（", "(", "［", "〖" };

	for (size_t k = 0; k < sizeof open / sizeof open[0]; k++) {
		size_t l = strlen(open[k]);

		if (i >= l && memcmp(s + i - l, open[k], l) == 0)
			return 1;
	}
	return 0;
}

/* Returns the length of a closing bracket at s[0..n), or 0. */
static size_t close_bracket(const char *s, size_t n)
{
	static const char *const close[] = { "〕", "]", "】", "）", ")", "］", "〗" };
	size_t l;

	for (size_t k = 0; k < sizeof close / sizeof close[0]; k++)
		if (starts(s, n, close[k], &l))
			return l;
	return 0;
}

/* Spells numbers in Chinese; see speech_text.h. */
char *speech_text_spell(const char *s, size_t n)
{
	struct sbuf b = { 0 };
	size_t i = 0;

	sbuf_addn(&b, "", 0);
	while (i < n) {
		size_t l, j, k;
		struct num x;

		if (digit_at(s + i, n - i, &l) < 0) {
			if (starts(s + i, n - i, "%", &l) || starts(s + i, n - i, "％", &l)) {
				i += l; /* a stray percent sign: nothing to say */
				continue;
			}
			sbuf_addc(&b, s[i]);
			i++;
			continue;
		}
		j = i + read_num(s + i, n - i, &x);
		/* 〔2022〕: the year of a 文号, read 二零二二年 */
		if (x.ipn == 4 && !x.fpn && !x.commas && after_open_bracket(s, i) &&
		    (k = close_bracket(s + j, n - j)) > 0) {
			add_digits(&b, x.ip, 4);
			sbuf_add(&b, "年");
			i = j + k;
			continue;
		}
		/* 2026年: a year, digit by digit */
		if (x.ipn == 4 && !x.fpn && !x.commas && x.ip[0] != '0' &&
		    starts(s + j, n - j, "年", &l)) {
			add_digits(&b, x.ip, 4);
			i = j;
			continue;
		}
		/* 2026-03-05 or 2026/3/5: a date */
		if (x.ipn == 4 && !x.fpn && !x.commas && j + 1 < n &&
		    (s[j] == '-' || s[j] == '/') && s[j + 1] >= '0' && s[j + 1] <= '9') {
			struct num m, d;
			size_t jm = j + 1 + read_num(s + j + 1, n - j - 1, &m);

			if (m.ipn >= 1 && m.ipn <= 2 && !m.fpn && jm + 1 < n && s[jm] == s[j] &&
			    s[jm + 1] >= '0' && s[jm + 1] <= '9') {
				size_t jd = jm + 1 + read_num(s + jm + 1, n - jm - 1, &d);

				if (d.ipn >= 1 && d.ipn <= 2 && !d.fpn) {
					add_digits(&b, x.ip, 4);
					sbuf_add(&b, "年");
					add_number(&b, m.ip, m.ipn);
					sbuf_add(&b, "月");
					add_number(&b, d.ip, d.ipn);
					sbuf_add(&b, "日");
					i = jd;
					continue;
				}
			}
		}
		/* 9:30: a time of day */
		if (x.ipn <= 2 && !x.fpn && j + 2 < n && s[j] == ':' &&
		    s[j + 1] >= '0' && s[j + 1] <= '9' && s[j + 2] >= '0' && s[j + 2] <= '9' &&
		    !(j + 3 < n && s[j + 3] >= '0' && s[j + 3] <= '9')) {
			add_number(&b, x.ip, x.ipn);
			sbuf_add(&b, "点");
			if (s[j + 1] != '0' || s[j + 2] != '0') {
				if (s[j + 1] == '0')
					sbuf_add(&b, "零");
				add_number(&b, s + j + 1, 2);
				sbuf_add(&b, "分");
			}
			i = j + 3;
			continue;
		}
		/* 12.5%: 百分之十二点五 */
		if (starts(s + j, n - j, "%", &l) || starts(s + j, n - j, "％", &l)) {
			sbuf_add(&b, "百分之");
			add_plain(&b, &x);
			i = j + l;
			continue;
		}
		/* 1,234.50元: 一千二百三十四元五角 */
		if (x.fpn && starts(s + j, n - j, "元", &l)) {
			int jiao = x.fp[0] - '0', fen = x.fpn > 1 ? x.fp[1] - '0' : 0;
			int yuan = !(x.ipn == 1 && x.ip[0] == '0');

			if (yuan) {
				add_number(&b, x.ip, x.ipn);
				sbuf_add(&b, "元");
			}
			if (jiao) {
				sbuf_add(&b, digit_hz[jiao]);
				sbuf_add(&b, "角");
			} else if (fen && yuan) {
				sbuf_add(&b, "零");
			}
			if (fen) {
				sbuf_add(&b, digit_hz[fen]);
				sbuf_add(&b, "分");
			}
			if (!yuan && !jiao && !fen)
				sbuf_add(&b, "零元");
			i = j + l;
			continue;
		}
		/* 0818-5210123, 2026-0001: codes joined by dashes, digit by digit */
		if (!x.fpn && !x.commas &&
		    ((j + 1 < n && s[j] == '-' && s[j + 1] >= '0' && s[j + 1] <= '9') ||
		     (i >= 2 && s[i - 1] == '-' && s[i - 2] >= '0' && s[i - 2] <= '9'))) {
			add_digits(&b, x.ip, x.ipn);
			i = j;
			continue;
		}
		add_plain(&b, &x);
		i = j;
	}
	return sbuf_detach(&b);
}

/* Returns the toned reading of cp from the character table, or NULL. */
static const char *char_reading(uint32_t cp)
{
	size_t lo = 0, hi = PT_NCHAR;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (pt_char_cp[mid] < cp)
			lo = mid + 1;
		else if (pt_char_cp[mid] > cp)
			hi = mid;
		else
			return pt_syl[pt_char_syl[mid]];
	}
	return NULL;
}

/* Looks a character up; see speech_text.h. */
int speech_text_char_reading(unsigned cp, const char **out)
{
	const char *r = char_reading(cp);

	if (!r)
		return 0;
	*out = r;
	return 1;
}

/* Returns the index of the word spelled exactly s[0..n) in the table, or -1. */
static long find_word(const char *s, size_t n)
{
	size_t lo = 0, hi = PT_NWORD;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const char *w = pt_word_text + pt_word_off[mid];
		size_t wl = strlen(w);
		int c = memcmp(s, w, n < wl ? n : wl);

		if (c == 0)
			c = n < wl ? -1 : n > wl ? 1 : 0;
		if (c == 0)
			return (long)mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

/* The pause last written, so that "，。" gives one pause. */
enum pause { P_NONE, P_SHORT, P_LONG };

/* Appends one syllable, separated by a space from what came before. */
static void add_syl(struct sbuf *b, const char *syl, enum pause *last)
{
	if (b->len)
		sbuf_addc(b, ' ');
	sbuf_add(b, syl);
	*last = P_NONE;
}

/* Appends a pause unless one is already there (none at the very start). */
static void add_pause(struct sbuf *b, enum pause p, enum pause *last)
{
	if (!b->len)
		return;
	if (*last == P_NONE) {
		sbuf_add(b, p == P_LONG ? " ." : " ,");
		*last = p;
	} else if (p == P_LONG && *last == P_SHORT) {
		b->s[b->len - 1] = '.';
		*last = P_LONG;
	}
}

/* Reads a run of Hanzi s[0..n) (code points cps[0..k), byte offsets
 * offs[0..k]) by longest words, then characters. */
static void read_run(struct sbuf *b, const char *s, const uint32_t *cps,
		     const size_t *offs, size_t k, size_t *unread, enum pause *last)
{
	size_t i = 0;

	(void)s;
	while (i < k) {
		size_t maxw = k - i < PT_WORD_MAXCHARS ? k - i : PT_WORD_MAXCHARS;
		long w = -1;
		size_t len;

		for (len = maxw; len >= 2; len--) {
			w = find_word(s + offs[i], offs[i + len] - offs[i]);
			if (w >= 0)
				break;
		}
		if (w >= 0) {
			for (size_t c = 0; c < len; c++)
				add_syl(b, pt_syl[pt_word_syl[pt_word_syloff[w] + c]], last);
			i += len;
			continue;
		}
		const char *r = char_reading(cps[i]);

		if (r)
			add_syl(b, r, last);
		else if (unread)
			(*unread)++;
		i++;
	}
}

/* Returns the pause a punctuation code point stands for, or P_NONE. */
static enum pause pause_of(uint32_t cp)
{
	switch (cp) {
	case 0x3002: /* 。 */
	case 0xFF01: /* ！ */
	case 0xFF1F: /* ？ */
	case '.': case '!': case '?':
	case 0x2026: /* … */
	case 0xFF0E: /* ． */
		return P_LONG;
	case 0xFF0C: /* ， */
	case 0x3001: /* 、 */
	case 0xFF1B: /* ； */
	case 0xFF1A: /* ： */
	case ',': case ';': case ':':
	case 0x2014: /* — */
		return P_SHORT;
	default:
		return P_NONE;
	}
}

/* Converts text to pinyin; see speech_text.h. */
char *speech_text_pinyin(const char *utf8, size_t n, size_t *unread)
{
	char *sp = speech_text_spell(utf8, n);
	size_t m = strlen(sp), i = 0, cap = 64;
	uint32_t *cps = xmalloc(cap * sizeof *cps);
	size_t *offs = xmalloc((cap + 1) * sizeof *offs);
	struct sbuf b = { 0 };
	enum pause last = P_NONE;

	if (unread)
		*unread = 0;
	sbuf_addn(&b, "", 0);
	while (i < m) {
		size_t l;
		uint32_t cp = cp_at(sp + i, m - i, &l);

		if (pinyin_is_hanzi(cp)) {
			size_t k = 0, start = i;

			while (i < m) {
				cp = cp_at(sp + i, m - i, &l);
				if (!pinyin_is_hanzi(cp))
					break;
				if (k == cap) {
					cap *= 2;
					cps = xrealloc(cps, cap * sizeof *cps);
					offs = xrealloc(offs, (cap + 1) * sizeof *offs);
				}
				cps[k] = cp;
				offs[k++] = i - start;
				i += l;
			}
			offs[k] = i - start;
			read_run(&b, sp + start, cps, offs, k, unread, &last);
			continue;
		}
		i += l;
		if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) {
			char c[2] = { (char)(cp | 0x20), 0 };

			add_syl(&b, c, &last);
		} else if (cp >= 0xFF21 && cp <= 0xFF3A) {
			char c[2] = { (char)('a' + (cp - 0xFF21)), 0 };

			add_syl(&b, c, &last);
		} else if (cp >= 0xFF41 && cp <= 0xFF5A) {
			char c[2] = { (char)('a' + (cp - 0xFF41)), 0 };

			add_syl(&b, c, &last);
		} else if (cp == '\n' && i < m && sp[i] == '\n') {
			add_pause(&b, P_LONG, &last);
		} else if (pause_of(cp) != P_NONE) {
			add_pause(&b, pause_of(cp), &last);
		}
	}
	free(cps);
	free(offs);
	free(sp);
	return sbuf_detach(&b);
}
