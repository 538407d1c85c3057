/*
 * fields.c - parsing and masking of single bundle fields, and the privacy
 * screen that keeps resident ids and bank card numbers out of published
 * text. Integer arithmetic only: money never touches floating point.
 */
#include "kiosk/fields.h"

#include <limits.h>
#include <string.h>

#include "kiosk/util.h"

/* Folds full-width ASCII and U+3000, and trims surrounding blanks. */
int field_fold(const char *s, char *out, size_t outlen)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0, start;
	int fits = 1;

	if (outlen == 0)
		return -1;
	while (*p) {
		unsigned char c = *p;
		if (c == 0xEF && (p[1] == 0xBC || p[1] == 0xBD) && p[2] >= 0x80 && p[2] <= 0xBF) {
			unsigned cp = 0xFF00u + ((unsigned)(p[1] - 0xBC) << 6) + (unsigned)(p[2] - 0x80);
			if (cp >= 0xFF01 && cp <= 0xFF5E) {
				c = (unsigned char)(cp - 0xFEE0);
				p += 3;
				goto put;
			}
		}
		if (c == 0xE3 && p[1] == 0x80 && p[2] == 0x80) {
			c = ' ';
			p += 3;
			goto put;
		}
		p++;
put:
		if (n + 1 >= outlen) {
			fits = 0;
			break;
		}
		out[n++] = (char)c;
	}
	while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\t' || out[n - 1] == '\r' ||
			 out[n - 1] == '\n'))
		n--;
	out[n] = '\0';
	for (start = 0; start < n && (out[start] == ' ' || out[start] == '\t' ||
				      out[start] == '\r' || out[start] == '\n'); start++)
		;
	if (start > 0) {
		memmove(out, out + start, n - start + 1);
		n -= start;
	}
	return fits ? (int)n : -1;
}

/* Returns 1 for an ASCII digit. */
static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Returns 1 for a leap year of the Gregorian calendar. */
static int leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Returns 1 when y-m-d is a real date with y in 1900..2100. */
static int real_date(int y, int m, int d)
{
	static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int max;

	if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1)
		return 0;
	max = mdays[m - 1] + (m == 2 && leap_year(y));
	return d <= max;
}

/* Reads between min and max digits at *p into *v, advancing *p. Returns 0 or -1. */
static int read_num(const char **p, int min, int max, int *v)
{
	int n = 0, val = 0;

	while (n < max && is_digit((*p)[n])) {
		val = val * 10 + ((*p)[n] - '0');
		n++;
	}
	if (n < min || is_digit((*p)[n]))
		return -1;
	*p += n;
	*v = val;
	return 0;
}

/* Consumes the literal lit at *p. Returns 1 when it was there. */
static int eat(const char **p, const char *lit)
{
	size_t n = strlen(lit);

	if (strncmp(*p, lit, n) != 0)
		return 0;
	*p += n;
	return 1;
}

/* Accepts an empty rest or a time of day " H:MM" / " H:MM:SS". */
static int time_suffix_ok(const char *p)
{
	int h, m, s = 0;

	if (*p == '\0')
		return 1;
	if (*p != ' ' && *p != 'T')
		return 0;
	while (*p == ' ' || *p == 'T')
		p++;
	if (read_num(&p, 1, 2, &h) != 0 || !eat(&p, ":") || read_num(&p, 2, 2, &m) != 0)
		return 0;
	if (eat(&p, ":") && read_num(&p, 2, 2, &s) != 0)
		return 0;
	return *p == '\0' && h < 24 && m < 60 && s < 60;
}

/* Parses a date in one of the accepted spellings into ISO form. */
int field_date(const char *s, char out[11])
{
	char buf[64];
	const char *p = buf;
	int y, m, d;

	if (field_fold(s, buf, sizeof buf) <= 0)
		return -1;
	if (read_num(&p, 4, 4, &y) != 0)
		return -1;
	if (eat(&p, "\xE5\xB9\xB4")) { /* 年 */
		if (read_num(&p, 1, 2, &m) != 0 || !eat(&p, "\xE6\x9C\x88") || /* 月 */
		    read_num(&p, 1, 2, &d) != 0)
			return -1;
		if (!eat(&p, "\xE6\x97\xA5") && !eat(&p, "\xE5\x8F\xB7")) /* 日 号 */
			return -1;
	} else {
		char sep = *p;
		if (sep != '-' && sep != '/' && sep != '.')
			return -1;
		p++;
		if (read_num(&p, 1, 2, &m) != 0 || *p != sep)
			return -1;
		p++;
		if (read_num(&p, 1, 2, &d) != 0)
			return -1;
	}
	if (!time_suffix_ok(p) || !real_date(y, m, d))
		return -1;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
	return 0;
}

/* Strips a currency sign in front and 元 at the end, with blanks. Returns
 * the start of what is left (inside buf). */
static char *money_strip(char *buf)
{
	char *p = buf;
	size_t n;

	if (strncmp(p, "\xC2\xA5", 2) == 0) /* ¥ */
		p += 2;
	else if (strncmp(p, "\xEF\xBF\xA5", 3) == 0) /* ￥ */
		p += 3;
	while (*p == ' ')
		p++;
	n = strlen(p);
	if (n >= 3 && memcmp(p + n - 3, "\xE5\x85\x83", 3) == 0) { /* 元 */
		n -= 3;
		while (n > 0 && p[n - 1] == ' ')
			n--;
		p[n] = '\0';
	}
	return p;
}

/* Parses an amount of yuan into fen. */
int field_money(const char *s, long long *fen)
{
	char buf[128];
	const char *p;
	long long yuan = 0;
	int ndig = 0, grouped = 0, group_len = 0, first_group = 1, decimals = 0, frac = 0;

	if (field_fold(s, buf, sizeof buf) < 0)
		return MONEY_SYNTAX;
	p = money_strip(buf);
	if (*p == '\0')
		return MONEY_EMPTY;
	if (*p == '-' && (is_digit(p[1]) || p[1] == '.'))
		return MONEY_NEGATIVE;
	if (!is_digit(*p))
		return MONEY_SYNTAX;
	for (; *p && *p != '.'; p++) {
		if (*p == ',') {
			/* The first group is 1-3 digits (no leading zero), the
			 * others exactly 3. */
			if (group_len == 0 || (first_group && (group_len > 3 || p[-group_len] == '0')) ||
			    (!first_group && group_len != 3))
				return MONEY_GROUPING;
			grouped = 1;
			first_group = 0;
			group_len = 0;
			continue;
		}
		if (!is_digit(*p))
			return MONEY_SYNTAX;
		if (yuan > (LLONG_MAX / 100 - 9) / 10)
			return MONEY_RANGE;
		yuan = yuan * 10 + (*p - '0');
		ndig++;
		group_len++;
	}
	if (grouped && group_len != 3)
		return MONEY_GROUPING;
	if (*p == '.') {
		p++;
		for (; is_digit(*p); p++) {
			decimals++;
			if (decimals <= 2)
				frac = frac * 10 + (*p - '0');
		}
		if (*p != '\0' || decimals == 0)
			return MONEY_SYNTAX;
		if (decimals > 2)
			return MONEY_DECIMALS;
		if (decimals == 1)
			frac *= 10;
	}
	if (ndig == 0)
		return MONEY_SYNTAX;
	*fen = yuan * 100 + frac;
	return MONEY_OK;
}

/* Returns the report text of a money status. */
const char *field_money_error(int status)
{
	switch (status) {
	case MONEY_OK:
		return "ok";
	case MONEY_EMPTY:
		return "金额没有填写：请填上发放金额（元）";
	case MONEY_DECIMALS:
		return "金额最多两位小数（分）：请改正后重新导出";
	case MONEY_GROUPING:
		return "金额的千位分隔符位置不对：请去掉逗号或改正";
	case MONEY_NEGATIVE:
		return "金额不能是负数：请核对";
	case MONEY_RANGE:
		return "金额大得不合理：请核对";
	default:
		break;
	}
	return "金额不是以元为单位的数字：请只填数字，如 1200.50";
}

/* Returns the GB 11643 check character of 17 ASCII digits. */
static char id_check_char(const char *d17)
{
	static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	int sum = 0, i;

	for (i = 0; i < 17; i++)
		sum += (d17[i] - '0') * weights[i];
	return "10X98765432"[sum % 11];
}

/* Returns NULL when the 18 characters at s (17 digits, then a digit or
 * X/x) form a valid id, else the reason. */
static const char *id_problem(const char *s)
{
	char today[11], birth[9], now[9];
	int y, m, d, i;
	char c;

	for (i = 0; i < 17; i++)
		if (!is_digit(s[i]))
			return "身份证号应为 17 位数字加一位数字或 X：请核对";
	c = s[17] == 'x' ? 'X' : s[17];
	if (!is_digit(c) && c != 'X')
		return "身份证号应为 17 位数字加一位数字或 X：请核对";
	if (s[0] < '1' || s[0] > '8')
		return "身份证号的地区码不对（应以 1 至 8 开头）：请核对";
	y = (s[6] - '0') * 1000 + (s[7] - '0') * 100 + (s[8] - '0') * 10 + (s[9] - '0');
	m = (s[10] - '0') * 10 + (s[11] - '0');
	d = (s[12] - '0') * 10 + (s[13] - '0');
	util_today(today);
	memcpy(now, today, 4);
	memcpy(now + 4, today + 5, 2);
	memcpy(now + 6, today + 8, 2);
	now[8] = '\0';
	memcpy(birth, s + 6, 8);
	birth[8] = '\0';
	if (!real_date(y, m, d) || strcmp(birth, now) > 0)
		return "身份证号里的出生日期不存在：请核对";
	if (id_check_char(s) != c)
		return "身份证号的校验位不对：请逐位核对";
	return NULL;
}

/* Checks an 18-character resident id. */
int field_resident_id_valid(const char *s18)
{
	return s18 && strlen(s18) == 18 && id_problem(s18) == NULL;
}

/* Returns 1 when s looks like a number Excel wrote in scientific notation. */
static int excel_number(const char *s)
{
	const char *p = s;

	if (!is_digit(*p))
		return 0;
	while (is_digit(*p))
		p++;
	if (*p == '.') {
		p++;
		while (is_digit(*p))
			p++;
	}
	if (*p != 'E' && *p != 'e')
		return 0;
	p++;
	if (*p == '+' || *p == '-')
		p++;
	if (!is_digit(*p))
		return 0;
	while (is_digit(*p))
		p++;
	return *p == '\0';
}

/* Writes the stored form of an id: 6 + 8 stars + 4. */
static void id_mask(const char *s, char masked[19])
{
	memcpy(masked, s, 6);
	memset(masked + 6, '*', 8);
	memcpy(masked + 14, s + 14, 4);
	if (masked[17] == 'x')
		masked[17] = 'X';
	masked[18] = '\0';
}

/* Classifies and masks a resident-id field. */
enum id_class field_resident_id(const char *s, char masked[19], const char **why)
{
	char buf[64];
	int n = field_fold(s, buf, sizeof buf), i, stars = 0;
	const char *problem;

	masked[0] = '\0';
	if (why)
		*why = NULL;
	if (n == 0)
		return ID_EMPTY;
	if (n < 0) {
		if (why)
			*why = "身份证号太长：应为 18 位";
		return ID_BAD;
	}
	if (excel_number(buf)) {
		if (why)
			*why = "身份证号被表格软件变成了数字：请把这一列设为“文本”格式，重新填写身份证号";
		return ID_BAD;
	}
	if (n == 15) {
		for (i = 0; i < 15 && is_digit(buf[i]); i++)
			;
		if (i == 15) {
			if (why)
				*why = "15 位的老身份证号无法核对：请填写 18 位身份证号";
			return ID_BAD;
		}
	}
	if (n != 18) {
		if (why)
			*why = "身份证号应为 18 位：请核对是否多写或漏写";
		return ID_BAD;
	}
	for (i = 6; i < 14; i++)
		stars += buf[i] == '*';
	if (stars > 0) {
		/* Masked: 6 digits, stars (visible digits between them are
		 * hidden again), 3 digits and a digit or X. */
		int ok = buf[0] >= '1' && buf[0] <= '8';
		for (i = 0; i < 6; i++)
			ok = ok && is_digit(buf[i]);
		for (i = 6; i < 14; i++)
			ok = ok && (is_digit(buf[i]) || buf[i] == '*');
		for (i = 14; i < 17; i++)
			ok = ok && is_digit(buf[i]);
		ok = ok && (is_digit(buf[17]) || buf[17] == 'X' || buf[17] == 'x');
		if (!ok) {
			if (why)
				*why = "已遮盖的身份证号应露出前 6 位和后 4 位：请核对";
			return ID_BAD;
		}
		id_mask(buf, masked);
		return ID_MASKED;
	}
	problem = id_problem(buf);
	if (problem) {
		if (why)
			*why = problem;
		return ID_BAD;
	}
	id_mask(buf, masked);
	return ID_FULL;
}

/* Masks an account or card number. */
int field_account(const char *s, char *masked, size_t len, const char **why)
{
	char buf[128], vis[128];
	int n, i, nv = 0, ndig = 0, nstars = 0;
	const char *bad = NULL;

	if (why)
		*why = NULL;
	if (len < 17) {
		if (len > 0)
			masked[0] = '\0';
		if (why)
			*why = "一卡通账号：没有放遮盖后号码的空间";
		return -1;
	}
	masked[0] = '\0';
	n = field_fold(s, buf, sizeof buf);
	if (n == 0)
		return 0;
	if (n < 0) {
		bad = "一卡通账号太长：请核对";
		goto fail;
	}
	if (excel_number(buf)) {
		bad = "一卡通账号被表格软件变成了数字：请把这一列设为“文本”格式，重新填写账号";
		goto fail;
	}
	/* Visible characters: digits and stars; single spaces or dashes only
	 * between them. */
	for (i = 0; i < n; i++) {
		char c = buf[i];
		if (c == ' ' || c == '-') {
			if (i == 0 || i == n - 1 || buf[i + 1] == ' ' || buf[i + 1] == '-') {
				bad = "一卡通账号里的空格或横线位置不对：请核对";
				goto fail;
			}
			continue;
		}
		if (!is_digit(c) && c != '*') {
			bad = "一卡通账号只能有数字（遮盖时可以有 *）：请核对";
			goto fail;
		}
		ndig += is_digit(c);
		nstars += c == '*';
		vis[nv++] = c;
	}
	if (nv < 4 || !is_digit(vis[nv - 1]) || !is_digit(vis[nv - 2]) || !is_digit(vis[nv - 3]) ||
	    !is_digit(vis[nv - 4])) {
		bad = "一卡通账号最后应是 4 位数字：请核对";
		goto fail;
	}
	if (nstars == 0 && (ndig < 10 || ndig > 30)) {
		bad = "一卡通账号应有 10 到 30 位数字：请核对";
		goto fail;
	}
	memset(masked, '*', 12);
	memcpy(masked + 12, vis + nv - 4, 4);
	masked[16] = '\0';
	return 0;
fail:
	if (why)
		*why = bad;
	return -1;
}

/* Runs the Luhn check over a digit string. */
int field_luhn(const char *digits)
{
	size_t n, i;
	int sum = 0;

	if (!digits || !*digits)
		return 0;
	n = strlen(digits);
	for (i = 0; i < n; i++) {
		int v;
		if (!is_digit(digits[n - 1 - i]))
			return 0;
		v = digits[n - 1 - i] - '0';
		if (i % 2 == 1) {
			v *= 2;
			if (v > 9)
				v -= 9;
		}
		sum += v;
	}
	return sum % 10 == 0;
}

/* Character kinds the privacy scanner tells apart. */
enum { K_OTHER, K_LETTER, K_X, K_DIGIT };

/* Classifies the character at s[i] (ASCII or full-width), setting its byte
 * width *w and, for digits, *val. Past the end it is K_OTHER. */
static int char_kind(const unsigned char *s, size_t len, size_t i, size_t *w, int *val)
{
	unsigned c;

	*w = 1;
	if (i >= len)
		return K_OTHER;
	c = s[i];
	if (c >= '0' && c <= '9') {
		*val = (int)(c - '0');
		return K_DIGIT;
	}
	if (c < 0x80) {
		if (c == 'X' || c == 'x')
			return K_X;
		return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ? K_LETTER : K_OTHER;
	}
	if (c == 0xEF && i + 2 < len && (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
		unsigned b1 = s[i + 1], b2 = s[i + 2];
		*w = 3;
		if (b1 == 0xBC && b2 >= 0x90 && b2 <= 0x99) { /* ０-９ */
			*val = (int)(b2 - 0x90);
			return K_DIGIT;
		}
		if ((b1 == 0xBC && b2 == 0xB8) || (b1 == 0xBD && b2 == 0x98)) /* Ｘ ｘ */
			return K_X;
		if ((b1 == 0xBC && b2 >= 0xA1 && b2 <= 0xBA) || (b1 == 0xBD && b2 >= 0x81 && b2 <= 0x9A))
			return K_LETTER;
		return K_OTHER;
	}
	if (c >= 0xC0) {
		/* Step over the continuation bytes actually there, so broken
		 * text cannot hide the digit after it. */
		size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2, k = 1;
		while (k < n && i + k < len && (s[i + k] & 0xC0) == 0x80)
			k++;
		*w = k;
	}
	return K_OTHER;
}

/* Writes the masked sample of a hit: 6 + 8 stars + 4 for an id, 12 stars
 * and the last 4 digits for a card. */
static void privacy_sample(char sample[24], const char *digits, size_t n, int is_id)
{
	if (is_id) {
		id_mask(digits, sample);
	} else {
		memset(sample, '*', 12);
		memcpy(sample + 12, digits + n - 4, 4);
		sample[16] = '\0';
	}
}

/* Returns the byte length of a character that may stand between the groups
 * of a written number at s[i] (a blank, a dash, a line end, a no-break,
 * full-width or zero-width space), or 0. Sets *nl for a line feed. */
static size_t gap_char(const unsigned char *s, size_t len, size_t i, int *nl)
{
	unsigned c, b1, b2;

	*nl = 0;
	if (i >= len)
		return 0;
	c = s[i];
	if (c == ' ' || c == '\t' || c == '-' || c == '\r')
		return 1;
	if (c == '\n') {
		*nl = 1;
		return 1;
	}
	if (c == 0xC2 && i + 1 < len && s[i + 1] == 0xA0) /* U+00A0 */
		return 2;
	if (i + 2 >= len)
		return 0;
	b1 = s[i + 1];
	b2 = s[i + 2];
	if (c == 0xE3 && b1 == 0x80 && b2 == 0x80) /* U+3000 */
		return 3;
	if (c == 0xEF && ((b1 == 0xBC && b2 == 0x8D) || (b1 == 0xBB && b2 == 0xBF))) /* － U+FEFF */
		return 3;
	if (c == 0xE2 && b1 == 0x80 && ((b2 >= 0x80 && b2 <= 0x95) || b2 == 0xA8 || b2 == 0xA9 ||
					b2 == 0xAF)) /* U+2000-2015, U+2028/9, U+202F */
		return 3;
	if (c == 0xE2 && ((b1 == 0x81 && (b2 == 0x9F || b2 == 0xA0)) || (b1 == 0x88 && b2 == 0x92)))
		return 3; /* U+205F, U+2060, U+2212 */
	return 0;
}

/* Steps over the gap between two groups of digits at s[p]: at most four
 * gap characters holding at most one line feed, followed by a digit (or an
 * X when x_ok: the check character may stand apart too, "002 X"). Returns
 * the position of that character, or 0 when there is no such gap. */
static size_t gap_skip(const unsigned char *s, size_t len, size_t p, int x_ok)
{
	size_t q = p, w, n;
	int nl, lines = 0, count = 0, v, k;

	while ((n = gap_char(s, len, q, &nl)) > 0) {
		lines += nl;
		if (++count > 4 || lines > 1)
			return 0;
		q += n;
	}
	if (count == 0)
		return 0;
	k = char_kind(s, len, q, &w, &v);
	if (k != K_DIGIT && !(x_ok && k == K_X))
		return 0;
	return q;
}

/* Ends a grouped id: dg holds 18 characters (the last a digit or X) that
 * ended at byte stop; returns 1 with *end and sample set when they are a
 * valid id, else 0. */
static int privacy_id_done(char dg[24], size_t stop, size_t *end, char sample[24])
{
	dg[18] = '\0';
	if (id_problem(dg) != NULL)
		return 0;
	*end = stop;
	privacy_sample(sample, dg, 18, 1);
	return 1;
}

/* Looks for a resident id written in groups from the digit at s[i]: the
 * groups, taken from the first, that add up to 18 digits, or to 17 digits
 * and an X, form a valid id. Letters may touch it; digits may not (they
 * make a longer number). Returns 1 and sets *end, dg and sample on a hit. */
static int privacy_id(const unsigned char *s, size_t len, size_t i, size_t *end, char sample[24])
{
	char dg[24];
	size_t p = i, w, wx;
	int total = 0, v;

	for (;;) {
		int kx;
		while (char_kind(s, len, p, &w, &v) == K_DIGIT) {
			if (total >= 18)
				return 0; /* a longer number */
			dg[total++] = (char)('0' + v);
			p += w;
		}
		kx = char_kind(s, len, p, &wx, &v);
		if (total == 18)
			return privacy_id_done(dg, p, end, sample);
		if (total == 17 && kx == K_X && char_kind(s, len, p + wx, &w, &v) != K_DIGIT) {
			dg[17] = 'X';
			return privacy_id_done(dg, p + wx, end, sample);
		}
		p = gap_skip(s, len, p, total == 17);
		if (p == 0)
			return 0;
		if (char_kind(s, len, p, &wx, &v) == K_X) {
			if (char_kind(s, len, p + wx, &w, &v) == K_DIGIT)
				return 0;
			dg[17] = 'X';
			return privacy_id_done(dg, p + wx, end, sample);
		}
	}
}

/* Looks at the number starting at s[i] (a digit after a non-digit whose kind
 * is prev) for an id or a card. Returns 1 and sets *end past it on a hit. */
static int privacy_number(const unsigned char *s, size_t len, size_t i, size_t *end,
			  const char **kind, char sample[24])
{
	char dg[48];
	size_t p = i, w, wn;
	int L = 0, v = 0, kn, gap_nl;

	while (char_kind(s, len, p, &w, &v) == K_DIGIT) {
		if (L < 40)
			dg[L] = (char)('0' + v);
		L++;
		p += w;
	}
	kn = char_kind(s, len, p, &wn, &v);

	/* An id is 17 or 18 digits in one run, or groups with a gap between. */
	if (L <= 18 && (L >= 17 || gap_char(s, len, p, &gap_nl) > 0) &&
	    privacy_id(s, len, i, end, sample)) {
		*kind = "resident id";
		return 1;
	}
	/* A card number written solid touches no other digit. */
	if (L >= 16 && L <= 19 && dg[0] == '6' && dg[1] == '2' && kn != K_DIGIT) {
		dg[L] = '\0';
		if (field_luhn(dg)) {
			privacy_sample(sample, dg, (size_t)L, 0);
			*kind = "UnionPay card number";
			*end = p;
			return 1;
		}
	}
	/* A card number in groups of four: 6222 0212 3456 7890 128. Every
	 * group is 4 digits but the last (1-4); the number may end after any
	 * group that brings it to 16-19 digits. */
	if (L == 4 && dg[0] == '6' && dg[1] == '2' && p + 1 < len && (s[p] == ' ' || s[p] == '-') &&
	    char_kind(s, len, p + 1, &w, &v) == K_DIGIT) {
		unsigned char sep = s[p];
		size_t gend[5], q = p;
		int glen[5], ng = 1, total = 4, m;

		gend[0] = p;
		glen[0] = 4;
		while (ng < 5 && q + 1 < len && s[q] == sep &&
		       char_kind(s, len, q + 1, &w, &v) == K_DIGIT) {
			size_t r = q + 1;
			int g = 0;
			while (char_kind(s, len, r, &w, &v) == K_DIGIT) {
				if (g < 5)
					dg[total + g] = (char)('0' + v);
				g++;
				r += w;
			}
			if (g > 4)
				break;
			total += g;
			glen[ng] = g;
			gend[ng++] = r;
			q = r;
			if (g < 4)
				break;
		}
		for (m = 4; m <= ng; m++) {
			int t = 4 * (m - 1) + glen[m - 1];
			char save;
			if (t < 16 || t > 19)
				continue;
			save = dg[t];
			dg[t] = '\0';
			if (field_luhn(dg)) {
				privacy_sample(sample, dg, (size_t)t, 0);
				*kind = "UnionPay card number";
				*end = gend[m - 1];
				return 1;
			}
			dg[t] = save;
		}
	}
	return 0;
}

/* Scans text for ids and cards, calling fn per hit with its line and
 * span_fn with its byte span. */
static int privacy_run(const char *utf8, size_t len, long first_line, privacy_hit_fn fn,
		       privacy_span_fn span_fn, void *ctx)
{
	const unsigned char *s = (const unsigned char *)utf8;
	size_t i = 0, w, end;
	long line = first_line;
	int prev = K_OTHER, hits = 0, v;
	const char *kind;
	char sample[24];

	while (i < len) {
		unsigned c = s[i];
		int k;
		/* Most bytes are neither digits nor full-width forms. */
		if (c != 0xEF && (c < '0' || c > '9')) {
			if (c == '\n')
				line++;
			if (c < 0x80) {
				prev = ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ? K_LETTER : K_OTHER;
				i++;
				continue;
			}
			/* Hanzi and other three-byte characters other than the
			 * full-width forms (EF ..) are plain separators. */
			if (c >= 0xE0 && i + 2 < len && (s[i + 1] & 0xC0) == 0x80 &&
			    (s[i + 2] & 0xC0) == 0x80) {
				prev = K_OTHER;
				i += 3;
				continue;
			}
		}
		k = char_kind(s, len, i, &w, &v);
		if (k == K_DIGIT && prev != K_DIGIT &&
		    privacy_number(s, len, i, &end, &kind, sample)) {
			if (fn)
				fn(ctx, line, kind, sample);
			if (span_fn)
				span_fn(ctx, i, end, kind, sample);
			hits++;
			for (; i < end; i++) /* a number broken over lines */
				line += s[i] == '\n';
			prev = K_DIGIT;
			continue;
		}
		prev = k;
		i += w;
	}
	return hits;
}

/* Scans text for resident ids and card numbers. */
int privacy_scan(const char *utf8, size_t len, long first_line, privacy_hit_fn fn, void *ctx)
{
	return privacy_run(utf8, len, first_line, fn, NULL, ctx);
}

/* Scans text and hands out the byte span of each hit. */
int privacy_scan_spans(const char *utf8, size_t len, privacy_span_fn fn, void *ctx)
{
	return privacy_run(utf8, len, 1, NULL, fn, ctx);
}

/* The state of an in-place masking: what is kept so far. */
struct mask_ctx {
	char *s;
	size_t out;  /* bytes written */
	size_t read; /* bytes of the input consumed */
};

/* Copies the text before a hit and then its masked sample. */
static void mask_span(void *ctx, size_t start, size_t end, const char *kind, const char *sample)
{
	struct mask_ctx *m = ctx;
	size_t n = strlen(sample);

	(void)kind;
	memmove(m->s + m->out, m->s + m->read, start - m->read);
	m->out += start - m->read;
	memcpy(m->s + m->out, sample, n); /* n <= end - start: a hit is at least as long */
	m->out += n;
	m->read = end;
}

/* Masks every id and card number in s in place. */
size_t privacy_mask(char *s, size_t len)
{
	struct mask_ctx m = { s, 0, 0 };

	if (privacy_run(s, len, 1, NULL, mask_span, &m) == 0)
		return len;
	memmove(s + m.out, s + m.read, len - m.read);
	m.out += len - m.read;
	if (m.out < len)
		s[m.out] = '\0';
	return m.out;
}

/* Classifies the character at s[i] for field_text_clean: sets *w to its
 * byte length and *cp to its code point; returns 1 for a line break, -k for
 * a refused kind k, 0 for anything else. */
static int text_char(const unsigned char *s, size_t len, size_t i, size_t *w, unsigned *cp)
{
	unsigned c = s[i];

	*w = 1;
	*cp = c;
	if (c == '\n' || c == '\r')
		return 1;
	if (c < 0x20 || c == 0x7F)
		return -FIELD_TEXT_CONTROL;
	if (c < 0x80)
		return 0;
	if (c == 0xC2 && i + 1 < len && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F) {
		*w = 2;
		*cp = s[i + 1];
		return -FIELD_TEXT_CONTROL;
	}
	if (c == 0xD8 && i + 1 < len && s[i + 1] == 0x9C) {
		*w = 2;
		*cp = 0x061C;
		return -FIELD_TEXT_BIDI;
	}
	if ((c == 0xE2 || c == 0xEF) && i + 2 < len && (s[i + 1] & 0xC0) == 0x80 &&
	    (s[i + 2] & 0xC0) == 0x80) {
		*w = 3;
		*cp = ((c & 0x0Fu) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu);
		if (*cp == 0x2028 || *cp == 0x2029)
			return 1;
		if ((*cp >= 0x202A && *cp <= 0x202E) || (*cp >= 0x2066 && *cp <= 0x2069) ||
		    *cp == 0x200E || *cp == 0x200F)
			return -FIELD_TEXT_BIDI;
		if ((*cp >= 0x200B && *cp <= 0x200D) || *cp == 0x2060 || *cp == 0xFEFF)
			return -FIELD_TEXT_ZERO_WIDTH;
		return 0;
	}
	return 0;
}

/* Checks a text field for controls and folds its line breaks by mode. */
int field_text_clean(char *s, size_t *len, enum field_text_mode mode,
		     struct field_text_problem *bad)
{
	unsigned char *u = (unsigned char *)s;
	size_t n = *len, i = 0, o = 0, w;
	unsigned cp;
	long line = 1;
	int rc = 0;

	bad->kind = FIELD_TEXT_OK;
	bad->codepoint = 0;
	bad->line = 0;
	/* Most cells hold no byte that can start a break or a refused character. */
	while (i < n && u[i] >= 0x20 && u[i] != 0x7F && u[i] != 0xC2 && u[i] != 0xD8 &&
	       u[i] != 0xE2 && u[i] != 0xEF)
		i++;
	if (i == n)
		return 0;
	o = i;
	if (i == 0 && mode == FIELD_TEXT_BODY && n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
		i = 3; /* a byte order mark */
	while (i < n) {
		int k = text_char(u, n, i, &w, &cp);
		if (k == 1) {
			if (mode == FIELD_TEXT_LINE) {
				/* One space for the run of breaks and the blanks around it. */
				while (o > 0 && u[o - 1] == ' ')
					o--;
				while (i < n) {
					if (u[i] == ' ') {
						i++;
						continue;
					}
					if (text_char(u, n, i, &w, &cp) != 1)
						break;
					line += u[i] == '\n' || cp == 0x2028 || cp == 0x2029;
					i += w;
				}
				if (o > 0 && i < n)
					u[o++] = ' ';
				continue;
			}
			if (u[i] == '\r' && mode == FIELD_TEXT_BODY) {
				u[o++] = u[i++];
				continue;
			}
			if (u[i] == '\r' && i + 1 < n && u[i + 1] == '\n')
				i++; /* CRLF becomes LF */
			u[o++] = '\n';
			i += w;
			line++;
			continue;
		}
		if (k < 0 && !(mode == FIELD_TEXT_BODY && cp == '\t')) {
			if (rc == 0) {
				bad->kind = (enum field_text_kind)-k;
				bad->codepoint = cp;
				bad->line = line;
				rc = -1;
			}
		}
		if (o != i)
			memmove(u + o, u + i, w);
		o += w;
		i += w;
	}
	if (mode == FIELD_TEXT_LINE)
		while (o > 0 && u[o - 1] == ' ')
			o--;
	*len = o;
	u[o] = '\0';
	return rc;
}

/* Names a refused kind of character in plain Chinese. */
const char *field_text_kind_text(enum field_text_kind kind)
{
	switch (kind) {
	case FIELD_TEXT_CONTROL:
		return "含有不可见的控制字符";
	case FIELD_TEXT_BIDI:
		return "含有改变文字方向的隐藏字符";
	case FIELD_TEXT_ZERO_WIDTH:
		return "含有看不见的零宽字符";
	default:
		break;
	}
	return "正常";
}

/* Counts the ASCII digits at s; *end is set past them. */
static int phone_digits(const char *s, const char **end)
{
	int n = 0;

	while (*s >= '0' && *s <= '9') {
		s++;
		n++;
	}
	*end = s;
	return n;
}

/* Checks a public unit's phone number. */
int field_phone(const char *s, const char **why)
{
	char f[128];
	const char *p, *q;
	int digits = 0, ext;

	if (why)
		*why = NULL;
	if (field_fold(s, f, sizeof f) < 0) {
		if (why)
			*why = "电话号码太长：只填一个号码，如 0818-5123456";
		return -1;
	}
	p = f;
	for (;;) {
		int k = phone_digits(p, &q);

		if (k == 0)
			break;
		digits += k;
		p = q;
		if (*p != '-')
			break;
		p++;
	}
	if (digits == 0 || p[-1] == '-' || (*p && *p != ' ' && strncmp(p, "转", 3) != 0)) {
		if (why)
			*why = "只能有数字和短横线“-”，如 0818-5123456；分机号写在后面，如 0818-5123456 转 8001；"
			       "一格只填一个号码";
		return -1;
	}
	if (digits < 3 || digits > 20) {
		if (why)
			*why = "位数不对：固定电话如 0818-5123456，手机 11 位";
		return -1;
	}
	if (!*p)
		return 0;
	/* The extension: " 8001", "转8001", " 转 8001"; after a whole number
	 * only, so "0818 5123456" is not read as a number and its extension. */
	if (digits < 7) {
		if (why)
			*why = "区号和号码之间用短横线“-”，如 0818-5123456";
		return -1;
	}
	while (*p == ' ')
		p++;
	if (strncmp(p, "转", 3) == 0)
		p += 3;
	while (*p == ' ')
		p++;
	ext = phone_digits(p, &q);
	if (ext < 1 || ext > 6 || *q) {
		if (why)
			*why = "分机号只能有一个，1 到 6 位数字，如 0818-5123456 转 8001；"
			       "一格只填一个号码";
		return -1;
	}
	return 0;
}
