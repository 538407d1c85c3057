/*
 * searchlog.c - counting searches that found nothing, without keeping
 * anything that could name a person (see searchlog.h for the rule).
 */
#include "kiosk/searchlog.h"

#include <stdio.h>
#include <string.h>

#include "db/log.h"
#include "db/subsidy.h"
#include "kiosk/fields.h"
#include "kiosk/util.h"

/* The most common surnames (over four fifths of the population), and the
 * compound ones: a short Hanzi search starting with one may be a name. */
static const char searchlog_surnames[] =
	"王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于"
	"蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹"
	"薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易"
	"乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单"
	"季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农"
	"司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬"
	"边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池乐匡";
static const char *const searchlog_compound[] = { "欧阳", "司马", "上官", "诸葛", "东方",
						  "皇甫", "令狐", "慕容", "尉迟", "长孙" };

/* Decodes one UTF-8 character at p; returns its length (1 for a bad byte). */
static int searchlog_utf8(const unsigned char *p, unsigned *cp)
{
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if ((p[0] & 0xE0) == 0xC0 && p[1]) {
		*cp = (unsigned)(p[0] & 0x1F) << 6 | (p[1] & 0x3F);
		return 2;
	}
	if ((p[0] & 0xF0) == 0xE0 && p[1] && p[2]) {
		*cp = (unsigned)(p[0] & 0x0F) << 12 | (unsigned)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
		return 3;
	}
	if ((p[0] & 0xF8) == 0xF0 && p[1] && p[2] && p[3]) {
		*cp = (unsigned)(p[0] & 0x07) << 18 | (unsigned)(p[1] & 0x3F) << 12 |
		      (unsigned)(p[2] & 0x3F) << 6 | (p[3] & 0x3F);
		return 4;
	}
	*cp = 0xFFFD;
	return 1;
}

/* Says whether text starts with a common or compound surname. */
static int searchlog_surname_first(const char *text)
{
	size_t n = strlen(text);

	for (size_t i = 0; i < sizeof searchlog_compound / sizeof searchlog_compound[0]; i++)
		if (strncmp(text, searchlog_compound[i], strlen(searchlog_compound[i])) == 0)
			return 1;
	if (n < 3)
		return 0;
	for (const char *s = searchlog_surnames; *s; s += 3)
		if (strncmp(s, text, 3) == 0)
			return 1;
	return 0;
}

/* Applies the rule of searchlog.h. */
int searchlog_keepable(const char *text)
{
	const unsigned char *p = (const unsigned char *)text;
	int chars = 0, hanzi = 0, other = 0;

	if (!text || !*text || privacy_scan(text, strlen(text), 1, NULL, NULL) > 0)
		return 0;
	while (*p) {
		unsigned cp;

		p += searchlog_utf8(p, &cp);
		if ((cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19) ||
		    (cp >= 0x2460 && cp <= 0x249B) || cp == 0x3007)
			return 0; /* a digit in any form */
		if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A))
			return 0; /* letters: initials of a name, or an id's X */
		if (cp == ' ' || cp == 0x3000)
			continue;
		chars++;
		if ((cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0x20000 && cp <= 0x3FFFF))
			hanzi++;
		else
			other++;
		/* 〇一二… written out could still be a number: long runs are refused. */
	}
	if (chars > 12)
		return 0;
	if (hanzi >= 2 && hanzi <= 4 && other == 0 && searchlog_surname_first(text))
		return 0;
	return chars >= 2;
}

/* Counts the search, and keeps its words when they are safe. */
void searchlog_nothing_found(struct db *db, const char *text)
{
	char err[256];
	int published = 1;

	if (!db || !text || !*text)
		return;
	if (db_log_usage(db, SEARCHLOG_WHAT, err, sizeof err) < 0)
		return;
	if (!searchlog_keepable(text) ||
	    subsidy_name_exists(db, text, &published, err, sizeof err) < 0 || published)
		return;
	{
		struct sbuf what = {0};

		sbuf_add(&what, SEARCHLOG_WORDS);
		sbuf_add(&what, text);
		db_log_usage(db, sbuf_str(&what), err, sizeof err);
		sbuf_free(&what);
	}
}
