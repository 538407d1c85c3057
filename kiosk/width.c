/*
 * width.c - UTF-8 decoding, column widths and fitting text into cells.
 */
#include "kiosk/width.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define WIDTH_NOTHING 0xFFFFFFFFu /* width_shown: a character that draws nothing */

/* Decodes one UTF-8 sequence; invalid input takes one byte as U+FFFD. */
int width_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c = s[0];
	size_t len, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF)
		len = 2, c &= 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3, c &= 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4, c &= 0x07;
	else
		goto bad;
	if (len > n)
		goto bad;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			goto bad;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF))
		goto bad;
	*cp = c;
	return (int)len;
bad:
	*cp = WIDTH_REPLACEMENT;
	return 1;
}

/* Returns 1 for the East Asian wide ranges, used when wcwidth() cannot tell
 * (a locale without UTF-8). */
static int width_is_wide(uint32_t cp)
{
	return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
	       (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
	       (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	       (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
	       (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

/* Measures one code point with wcwidth(), as ncursesw does. */
int width_cp(uint32_t cp)
{
	int w;

	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return -1;
	if (cp < 0x7F)
		return 1;
	w = wcwidth((wchar_t)cp);
	if (w >= 0)
		return w;
	return width_is_wide(cp) ? 2 : -1;
}

/* Returns 1 for the characters that draw nothing yet change how a line
 * reads: bidi embeddings, overrides, isolates and marks (a title could read
 * as another) and zero-width spaces, joiners and the BOM. */
int width_invisible(uint32_t cp)
{
	return cp == 0x061C || cp == 0x180E || (cp >= 0x200B && cp <= 0x200F) ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2064) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

/* Maps a decoded code point to what is drawn (WIDTH_NOTHING for none), and
 * its columns. */
static uint32_t width_shown(uint32_t cp, int *w)
{
	if (cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029) {
		*w = 1;
		return ' ';
	}
	if (width_invisible(cp)) {
		*w = 0;
		return WIDTH_NOTHING;
	}
	*w = width_cp(cp);
	if (*w < 0) {
		*w = 1;
		return WIDTH_REPLACEMENT;
	}
	return cp;
}

/* Sums the drawn columns of n bytes. */
int width_strn(const char *s, size_t n)
{
	size_t i = 0;
	int cols = 0;

	while (i < n && s[i]) {
		uint32_t cp;
		int w;

		i += (size_t)width_decode(s + i, n - i, &cp);
		width_shown(cp, &w);
		cols += w;
	}
	return cols;
}

/* Sums the drawn columns of a string. */
int width_str(const char *s)
{
	return s ? width_strn(s, strlen(s)) : 0;
}

/* Encodes a code point as UTF-8. */
void width_put(struct sbuf *out, uint32_t cp)
{
	char b[4];

	if (cp < 0x80) {
		sbuf_addc(out, (char)cp);
		return;
	}
	if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3F));
		sbuf_addn(out, b, 2);
	} else if (cp < 0x10000) {
		b[0] = (char)(0xE0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		sbuf_addn(out, b, 3);
	} else {
		b[0] = (char)(0xF0 | (cp >> 18));
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[3] = (char)(0x80 | (cp & 0x3F));
		sbuf_addn(out, b, 4);
	}
}

/* Appends the clean prefix of s that fits, marking a cut with "…". */
int width_fit(struct sbuf *out, const char *s, int cols)
{
	size_t n, i = 0;
	int used = 0, room;

	if (!s || cols <= 0)
		return 0;
	n = strlen(s);
	/* Everything fits: no room needs keeping for the marker. */
	room = width_strn(s, n) <= cols ? cols : cols - 1;
	while (i < n) {
		uint32_t cp;
		int w, len = width_decode(s + i, n - i, &cp);

		cp = width_shown(cp, &w);
		if (used + w > room)
			break;
		if (cp != WIDTH_NOTHING)
			width_put(out, cp);
		used += w;
		i += (size_t)len;
	}
	if (i < n) {
		sbuf_add(out, WIDTH_ELLIPSIS);
		used++;
	}
	return used;
}

/* Fits s and pads it to exactly cols columns. */
int width_pad(struct sbuf *out, const char *s, int cols)
{
	int used = width_fit(out, s, cols);

	for (; used < cols; used++)
		sbuf_addc(out, ' ');
	return used;
}

/* Appends a clean, uncut copy of n bytes. */
void width_addn(struct sbuf *out, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint32_t cp;
		int w;

		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F) {
			sbuf_addc(out, s[i++]); /* the common case, fast */
			continue;
		}
		i += (size_t)width_decode(s + i, n - i, &cp);
		cp = width_shown(cp, &w);
		if (cp != WIDTH_NOTHING)
			width_put(out, cp);
	}
}

/* Returns a clean, uncut copy. */
char *width_clean(const char *s)
{
	struct sbuf b = {0};

	if (!s)
		return xstrdup("");
	width_addn(&b, s, strlen(s));
	return b.s ? sbuf_detach(&b) : xstrdup("");
}

/* Appends the escape that makes cp visible: "\x1B" for C0 and DEL, "\u202E"
 * for C1 controls and the invisible characters. */
static void width_escape(struct sbuf *out, uint32_t cp)
{
	if (cp < 0x80)
		sbuf_addf(out, "\\x%02X", (unsigned)cp);
	else
		sbuf_addf(out, "\\u%04X", (unsigned)cp);
}

/* Appends n bytes of s made safe for a terminal line, escapes visible. */
void width_printable_addn(struct sbuf *out, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;

		if (c >= 0x20 && c < 0x7F) {
			sbuf_addc(out, (char)c);
			i++;
			continue;
		}
		i += (size_t)width_decode(s + i, n - i, &cp);
		if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || width_invisible(cp) || cp == 0x2028 ||
		    cp == 0x2029)
			width_escape(out, cp);
		else
			width_put(out, cp);
	}
}

/* Returns a printable copy of s for a staff terminal or a log. */
char *width_printable(const char *s)
{
	struct sbuf b = {0};

	if (s)
		width_printable_addn(&b, s, strlen(s));
	return b.s ? sbuf_detach(&b) : xstrdup("");
}

/* Finds the byte offset of the character covering column col. */
size_t width_offset(const char *s, int col)
{
	size_t n = strlen(s), i = 0;
	int used = 0;

	while (i < n) {
		uint32_t cp;
		int w, len = width_decode(s + i, n - i, &cp);

		width_shown(cp, &w);
		if (used + w > col)
			break;
		used += w;
		i += (size_t)len;
	}
	return i;
}

/* Closing punctuation that Chinese typesetting never puts first on a line. */
static const uint32_t width_closing[] = {
	0xFF01, 0xFF05, 0xFF09, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF3D, 0xFF5D,
	0xFF5E, 0xFF60, 0x3001, 0x3002, 0x3003, 0x3009, 0x300B, 0x300D, 0x300F, 0x3011,
	0x3015, 0x3017, 0x3019, 0x301B, 0x301E, 0x301F, 0x30FB, 0x2026, 0x2025, 0x2014,
	0x2013, 0x201D, 0x2019, 0x00B7, 0x2030, 0xFE50, 0xFE51, 0xFE52, 0xFE54, 0xFE55,
	0xFE56, 0xFE57, '!', '%', ')', ',', '.', ':', ';', '?', ']', '}',
};

/* Opening brackets that never end a line. */
static const uint32_t width_opening[] = {
	0xFF08, 0xFF3B, 0xFF5B, 0xFF5F, 0x3008, 0x300A, 0x300C, 0x300E, 0x3010, 0x3014,
	0x3016, 0x3018, 0x301A, 0x301D, 0x201C, 0x2018, 0xFF04, 0x00A3, 0x00A5, 0xFFE5,
	'(', '[', '{',
};

/* Looks cp up in a small table. */
static int width_in(const uint32_t *t, size_t n, uint32_t cp)
{
	for (size_t i = 0; i < n; i++)
		if (t[i] == cp)
			return 1;
	return 0;
}

/* Closing punctuation test. */
int width_no_line_start(uint32_t cp)
{
	return width_in(width_closing, sizeof width_closing / sizeof width_closing[0], cp);
}

/* Opening bracket test. */
int width_no_line_end(uint32_t cp)
{
	return width_in(width_opening, sizeof width_opening / sizeof width_opening[0], cp);
}
