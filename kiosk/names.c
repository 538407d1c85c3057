/*
 * names.c - the name ranker of names.h: built-in surname and given-name
 * tables, syllable cutting over the readings of kiosk/pinyin.h, and an
 * exhaustive search over the few names each cut allows.
 */
#include "kiosk/names.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/pinyin.h"
#include "kiosk/util.h"

/* Common surnames, most frequent first (public census rankings). */
static const char *const names_surnames =
	"王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩邓冯曹彭曾肖田"
	"董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹"
	"熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康"
	"易乔赖文施洪辛柯庄樊殷温牛葛邢聂安齐申伍耿左季童关祝单焦梅鲁舒晏俞虞"
	"柳柴岳景翟倪霍涂阎包蓝穆车麦华满谷褚卜甘游权饶尚房滕颜苗艾郎鲍盛费";

/* Compound surnames (two characters each), checked before single ones. */
static const char *const names_compound =
	"欧阳司马诸葛上官东方皇甫尉迟公孙令狐慕容宇文司徒夏侯端木轩辕南宫长孙万俟闻人独孤";

/* Common given-name characters, roughly most frequent first. */
static const char *const names_given =
	"英华玉秀明珍文芳兰丽国红军平建志金海霞云春梅桂林凤强伟小德杰娟敏静燕勇洁"
	"涛超波辉刚洪萍琴丹宁斌彬清龙飞鹏磊婷雪艳秋荣亮成光俊永忠学生福庆祥东新"
	"中发晓美娥莲花香菊翠琼珠兵宇浩洋鑫杨帅楠倩颖慧佳欣悦怡琳晶阳峰立健军"
	"民胜利宝山良友富贵才长军树根水田家顺安喜玲凤琪瑶娜婉妍茹霖嘉子涵梓萱"
	"诗雨思欣可馨媛淑惠贞菲蓉翔宏刚毅力振兴旺财松柏青竹兰芬芝蕾莉薇蓓月"
	"星晨露冰玲珊瑜璐曼慧敏捷昊天然博文轩昊宇泽睿哲浩然子豪俊杰嘉诚瑞"
	"凯旭辰逸航铭志远德明建国建华建军国强国庆红梅桂英桂兰玉兰玉梅秀兰秀珍"
	"凤英淑珍淑兰素芳素英翠兰翠英爱华爱国爱民爱玲春花春梅冬梅海燕海涛晓东"
	"晓明晓红丽华丽娟丽萍文华文斌志强志明志刚永红永强永刚卫东卫国卫红"
	"锋军辉江河湖川岩石钢铁铭鸣明亮朋彪虎豹鹤鸿雁燕莺凤仙娇媚妹娣姣"
	"仁义礼智信忠孝廉德善贤良恭俭让和平安康泰宁静怡乐欢庆喜祥瑞吉"
	"福禄寿财富贵荣华昌盛兴隆发达顺利旺全满金银铜锡银元宝珍珠翡翠"
	"春夏秋冬梅兰竹菊松柏桃李杏桂荷莲芙蓉牡丹芍药茉莉玫瑰海棠"
	"会连先进克达继承运保存守胜利亚东西南北辉煌晖耀照彩霓虹霏"
	"丰年登科举登攀升腾跃飞舞歌唱笑颜容貌仪姿琦琨瑾璋璇珏瑛琬琰"
	"彤昕晗晴曦暄暖煜炜烨焕灿熙炎焱鑫淼森磊垚犇晶品众鸣"
	"英姿飒爽雅静淑贤婉约娴萍蓉莎娅娜婵媛妮姗姝娴婕婧婷嫣"
	"兆宗祖先德业基础根本源泉涌流清澈洁净纯真诚实朴素"
	"道路途径程里远近长短高大伟岸峻峰岭峦岗坡坤乾元亨贞"
	"翔凌云霄汉宵鹃杭莹";

/* A surname: one or two characters and a reading of each. */
struct names_surname {
	unsigned cp[2];       /* cp[1] == 0 for a single character */
	const char *syl[2];   /* static syllables from pinyin.h */
	double w;             /* frequency weight */
};

/* A given-name character with one of its readings. */
struct names_char {
	unsigned cp;
	const char *syl;      /* static syllable from pinyin.h */
	double w;             /* built-in weight times the reading's likelihood */
	size_t id;            /* index into nm->count: the character, whatever its reading */
};

/* The ranker. */
struct names {
	char (*syl)[8];                 /* distinct syllables, sorted */
	size_t nsyl;
	struct names_surname *sur;
	size_t nsur, capsur;
	struct names_char *chr;
	size_t nchr, capchr;
	unsigned *chr_cp;               /* distinct characters of chr[] */
	double *count;                  /* published occurrences per distinct character */
	size_t ncp, capcp;
	double published_chars;         /* total characters counted */
	char **pub;                     /* published names, open-addressing set */
	size_t pubcap, npub;
	size_t nsur0, nchr0, ncp0;      /* the built-in tables' sizes: published ones follow */
};

/* Decodes one UTF-8 character of s into *cp; returns its length (0 at end
 * or on an invalid byte). */
static size_t names_decode(const char *s, unsigned *cp)
{
	const unsigned char *p = (const unsigned char *)s;

	if (!p[0])
		return 0;
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if ((p[0] & 0xE0) == 0xC0 && (p[1] & 0xC0) == 0x80) {
		*cp = ((p[0] & 0x1Fu) << 6) | (p[1] & 0x3Fu);
		return 2;
	}
	if ((p[0] & 0xF0) == 0xE0 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
		*cp = ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
		return 3;
	}
	if ((p[0] & 0xF8) == 0xF0 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 &&
	    (p[3] & 0xC0) == 0x80) {
		*cp = ((p[0] & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) |
		      (p[3] & 0x3Fu);
		return 4;
	}
	return 0;
}

/* Appends the UTF-8 form of cp to out (size outlen); returns 0, or -1 when
 * it does not fit. */
static int names_put(char *out, size_t outlen, unsigned cp)
{
	size_t len = strlen(out);
	char b[4];
	size_t n;

	if (cp < 0x80) {
		b[0] = (char)cp; n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6)); b[1] = (char)(0x80 | (cp & 0x3F)); n = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xE0 | (cp >> 12)); b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F)); n = 3;
	} else {
		b[0] = (char)(0xF0 | (cp >> 18)); b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); b[3] = (char)(0x80 | (cp & 0x3F)); n = 4;
	}
	if (len + n + 1 > outlen)
		return -1;
	memcpy(out + len, b, n);
	out[len + n] = 0;
	return 0;
}

/* Orders syllables for qsort and bsearch. */
static int names_cmp_syl(const void *a, const void *b)
{
	return strcmp((const char *)a, (const char *)b);
}

/* Returns 1 when s is a whole syllable. */
static int names_is_syl(const struct names *nm, const char *s)
{
	return bsearch(s, nm->syl, nm->nsyl, sizeof nm->syl[0], names_cmp_syl) != NULL;
}

/* Returns 1 when s (n letters) begins some syllable. */
static int names_is_syl_prefix(const struct names *nm, const char *s, size_t n)
{
	size_t lo = 0, hi = nm->nsyl;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strncmp(nm->syl[mid], s, n) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < nm->nsyl && strncmp(nm->syl[lo], s, n) == 0;
}

/* Returns the index of cp among the distinct characters, adding it. */
static size_t names_cp_id(struct names *nm, unsigned cp)
{
	size_t i;

	for (i = 0; i < nm->ncp; i++)
		if (nm->chr_cp[i] == cp)
			return i;
	if (nm->ncp == nm->capcp) {
		nm->capcp = nm->capcp ? nm->capcp * 2 : 512;
		nm->chr_cp = xrealloc(nm->chr_cp, nm->capcp * sizeof *nm->chr_cp);
		nm->count = xrealloc(nm->count, nm->capcp * sizeof *nm->count);
	}
	nm->chr_cp[nm->ncp] = cp;
	nm->count[nm->ncp] = 0;
	return nm->ncp++;
}

/* Adds a given-name character with all its readings, the first at full
 * weight and the others at a fraction; a character already there keeps
 * its first weight. */
static void names_add_char(struct names *nm, unsigned cp, double w)
{
	const char *r[8];
	size_t n, i, id;

	for (i = 0; i < nm->nchr; i++)
		if (nm->chr[i].cp == cp)
			return;
	n = pinyin_readings(cp, r, 8);
	if (n > 8)
		n = 8;
	id = names_cp_id(nm, cp);
	for (i = 0; i < n; i++) {
		if (nm->nchr == nm->capchr) {
			nm->capchr = nm->capchr ? nm->capchr * 2 : 1024;
			nm->chr = xrealloc(nm->chr, nm->capchr * sizeof *nm->chr);
		}
		nm->chr[nm->nchr].cp = cp;
		nm->chr[nm->nchr].syl = r[i];
		nm->chr[nm->nchr].w = i == 0 ? w : w * 0.2;
		nm->chr[nm->nchr].id = id;
		nm->nchr++;
	}
}

/* Adds one surname reading. */
static void names_push_surname(struct names *nm, unsigned c1, unsigned c2, const char *s1,
			       const char *s2, double w)
{
	if (nm->nsur == nm->capsur) {
		nm->capsur = nm->capsur ? nm->capsur * 2 : 256;
		nm->sur = xrealloc(nm->sur, nm->capsur * sizeof *nm->sur);
	}
	nm->sur[nm->nsur].cp[0] = c1;
	nm->sur[nm->nsur].cp[1] = c2;
	nm->sur[nm->nsur].syl[0] = s1;
	nm->sur[nm->nsur].syl[1] = s2;
	nm->sur[nm->nsur].w = w;
	nm->nsur++;
}

/* Returns the index of surname (c1, c2) in nm->sur, or -1. */
static long names_find_surname(const struct names *nm, unsigned c1, unsigned c2)
{
	size_t i;

	for (i = 0; i < nm->nsur; i++)
		if (nm->sur[i].cp[0] == c1 && nm->sur[i].cp[1] == c2)
			return (long)i;
	return -1;
}

/* Adds a surname of one or two characters with its readings: the
 * surname reading of pinyin_surname() when it has one, else every reading
 * (the less likely ones at a fraction of the weight). */
static void names_add_surname(struct names *nm, unsigned c1, unsigned c2, double w)
{
	char buf[16] = "";
	const char *sp[2] = { NULL, NULL }, *r1[8], *r2[8];
	size_t n1, n2, i;

	if (names_find_surname(nm, c1, c2) >= 0)
		return;
	names_put(buf, sizeof buf, c1);
	if (c2)
		names_put(buf, sizeof buf, c2);
	if (pinyin_surname(buf, sp, NULL) == (c2 ? 2u : 1u)) {
		names_push_surname(nm, c1, c2, sp[0], c2 ? sp[1] : NULL, w);
		return;
	}
	n1 = pinyin_readings(c1, r1, 8);
	if (n1 > 8)
		n1 = 8;
	if (!c2) {
		for (i = 0; i < n1; i++)
			names_push_surname(nm, c1, 0, r1[i], NULL, i == 0 ? w : w * 0.2);
		return;
	}
	n2 = pinyin_readings(c2, r2, 8);
	if (n1 && n2)
		names_push_surname(nm, c1, c2, r1[0], r2[0], w);
}

/* Builds the ranker. */
struct names *names_new(void)
{
	struct names *nm = xcalloc(1, sizeof *nm);
	size_t cap = 512, rank, i, n;
	unsigned cp, c2;
	const char *p;

	/* Syllables: every reading of the URO; interjections rime drops too. */
	nm->syl = xmalloc(cap * sizeof nm->syl[0]);
	for (cp = 0x4E00; cp <= 0x9FFF; cp++) {
		const char *r[8];

		n = pinyin_readings(cp, r, 8);
		for (i = 0; i < n && i < 8; i++) {
			if (strlen(r[i]) >= sizeof nm->syl[0] || !strcmp(r[i], "m") ||
			    !strcmp(r[i], "n") || !strcmp(r[i], "ng") || !strcmp(r[i], "hm") ||
			    !strcmp(r[i], "hng"))
				continue;
			if (nm->nsyl == cap) {
				cap *= 2;
				nm->syl = xrealloc(nm->syl, cap * sizeof nm->syl[0]);
			}
			strcpy(nm->syl[nm->nsyl++], r[i]);
		}
		if (nm->nsyl > 4096) { /* squeeze duplicates as we go */
			qsort(nm->syl, nm->nsyl, sizeof nm->syl[0], names_cmp_syl);
			for (i = n = 0; i < nm->nsyl; i++)
				if (!n || strcmp(nm->syl[n - 1], nm->syl[i]))
					memmove(nm->syl[n++], nm->syl[i], sizeof nm->syl[0]);
			nm->nsyl = n;
		}
	}
	qsort(nm->syl, nm->nsyl, sizeof nm->syl[0], names_cmp_syl);
	for (i = n = 0; i < nm->nsyl; i++)
		if (!n || strcmp(nm->syl[n - 1], nm->syl[i]))
			memmove(nm->syl[n++], nm->syl[i], sizeof nm->syl[0]);
	nm->nsyl = n;

	/* Compound surnames rank with the rarer single ones. */
	for (p = names_compound; (n = names_decode(p, &cp)) > 0; p += n) {
		size_t m = names_decode(p + n, &c2);

		if (!m)
			break;
		names_add_surname(nm, cp, c2, 1.0 / 200);
		p += m;
	}
	rank = 0;
	for (p = names_surnames; (n = names_decode(p, &cp)) > 0; p += n)
		names_add_surname(nm, cp, 0, 1.0 / (double)(rank++ + 8));
	rank = 0;
	for (p = names_given; (n = names_decode(p, &cp)) > 0; p += n)
		names_add_char(nm, cp, 1.0 / (double)(rank++ + 20));
	nm->pubcap = 0;
	nm->nsur0 = nm->nsur;
	nm->nchr0 = nm->nchr;
	nm->ncp0 = nm->ncp;
	return nm;
}

/* Frees the ranker. */
void names_free(struct names *nm)
{
	size_t i;

	if (!nm)
		return;
	for (i = 0; i < nm->pubcap; i++)
		free(nm->pub[i]);
	free(nm->pub);
	free(nm->syl);
	free(nm->sur);
	free(nm->chr);
	free(nm->chr_cp);
	free(nm->count);
	free(nm);
}

/* Returns the FNV-1a hash of s. */
static size_t names_hash(const char *s)
{
	size_t h = (size_t)14695981039346656037ull;

	while (*s)
		h = (h ^ (unsigned char)*s++) * (size_t)1099511628211ull;
	return h;
}

/* Returns 1 when s is a published name. */
static int names_is_published(const struct names *nm, const char *s)
{
	size_t i;

	if (!nm->pubcap)
		return 0;
	for (i = names_hash(s) & (nm->pubcap - 1); nm->pub[i]; i = (i + 1) & (nm->pubcap - 1))
		if (!strcmp(nm->pub[i], s))
			return 1;
	return 0;
}

/* Adds s to the set of published names. */
static void names_pub_insert(struct names *nm, const char *s)
{
	size_t i;

	if (names_is_published(nm, s))
		return;
	if ((nm->npub + 1) * 2 > nm->pubcap) {
		size_t oldcap = nm->pubcap, j;
		char **old = nm->pub;

		nm->pubcap = oldcap ? oldcap * 2 : 256;
		nm->pub = xcalloc(nm->pubcap, sizeof *nm->pub);
		for (j = 0; j < oldcap; j++) {
			if (!old[j])
				continue;
			for (i = names_hash(old[j]) & (nm->pubcap - 1); nm->pub[i];
			     i = (i + 1) & (nm->pubcap - 1))
				;
			nm->pub[i] = old[j];
		}
		free(old);
	}
	for (i = names_hash(s) & (nm->pubcap - 1); nm->pub[i]; i = (i + 1) & (nm->pubcap - 1))
		;
	nm->pub[i] = xstrdup(s);
	nm->npub++;
}

/* Counts one published name. */
void names_add_published(struct names *nm, const char *utf8_name)
{
	unsigned cps[4];
	size_t n = 0, k, i, first = 1;
	const char *p;

	if (!nm || !utf8_name)
		return;
	for (p = utf8_name; *p; p += k) {
		unsigned cp;

		k = names_decode(p, &cp);
		if (!k || !pinyin_is_hanzi(cp) || n == 4)
			return;
		cps[n++] = cp;
	}
	if (n < 2)
		return;
	/* A compound surname when it is one of ours and the name is long enough. */
	if (n >= 3 && names_find_surname(nm, cps[0], cps[1]) >= 0)
		first = 2;
	if (first == 1)
		names_add_surname(nm, cps[0], 0, 1.0 / 400);
	for (i = first; i < n; i++) {
		size_t id;

		names_add_char(nm, cps[i], 1.0 / 2000);
		id = names_cp_id(nm, cps[i]);
		nm->count[id] += 1;
		nm->published_chars += 1;
	}
	names_pub_insert(nm, utf8_name);
}

/* Forgets the published names and their counts (a new import replaces
 * them); the built-in tables stay. */
void names_clear_published(struct names *nm)
{
	size_t i;

	if (!nm)
		return;
	for (i = 0; i < nm->pubcap; i++) {
		free(nm->pub[i]);
		nm->pub[i] = NULL;
	}
	nm->npub = 0;
	/* Surnames and characters only published names brought go too. */
	nm->nsur = nm->nsur0;
	nm->nchr = nm->nchr0;
	nm->ncp = nm->ncp0;
	for (i = 0; i < nm->ncp; i++)
		nm->count[i] = 0;
	nm->published_chars = 0;
}

/* Returns the weight of given-name entry c, published counts included. */
static double names_char_weight(const struct names *nm, const struct names_char *c)
{
	double w = c->w;

	if (nm->published_chars > 0)
		w += 0.3 * nm->count[c->id] / nm->published_chars;
	return w;
}

/* A cut of the letters into syllables. */
struct names_cut {
	size_t n;               /* syllables */
	size_t start[6];        /* letter offset of each syllable, start[n] = end */
	int partial;            /* 1 when the last one is a prefix of a syllable */
};

/* The search state shared by the cut and the candidate enumeration. */
struct names_search {
	const struct names *nm;
	const char *letters;
	size_t len;
	size_t maxsyl;
	struct names_cut cuts[64];
	size_t ncuts;
	struct names_cand pool[48];
	size_t npool;
};

/* Collects every cut of letters[pos..] into at most maxsyl syllables. */
static void names_cut_from(struct names_search *s, struct names_cut *cur, size_t pos)
{
	size_t k;
	char buf[8];

	if (pos == s->len) {
		if (cur->n && s->ncuts < sizeof s->cuts / sizeof s->cuts[0]) {
			cur->start[cur->n] = pos;
			s->cuts[s->ncuts++] = *cur;
		}
		return;
	}
	if (cur->n == s->maxsyl)
		return;
	for (k = 6; k >= 1; k--) {
		if (pos + k > s->len)
			continue;
		memcpy(buf, s->letters + pos, k);
		buf[k] = 0;
		cur->start[cur->n] = pos;
		if (names_is_syl(s->nm, buf)) {
			cur->n++;
			cur->partial = 0;
			names_cut_from(s, cur, pos + k);
			cur->n--;
		} else if (pos + k == s->len && names_is_syl_prefix(s->nm, buf, k)) {
			cur->n++;
			cur->partial = 1;
			names_cut_from(s, cur, pos + k);
			cur->n--;
			cur->partial = 0;
		}
	}
}

/* Returns 1 when syllable syl matches letters[a..b), wholly, or as its
 * beginning when partial. */
static int names_syl_match(const char *syl, const char *letters, size_t a, size_t b, int partial)
{
	size_t n = b - a;

	if (strncmp(syl, letters + a, n) != 0)
		return 0;
	return partial || syl[n] == 0;
}

/* Puts a candidate into the pool, keeping the best-scored distinct ones. */
static void names_pool_add(struct names_search *s, const char *text, size_t nletters, double score)
{
	size_t i, worst = 0;
	const size_t cap = sizeof s->pool / sizeof s->pool[0];

	for (i = 0; i < s->npool; i++) {
		if (!strcmp(s->pool[i].text, text)) {
			if (score > s->pool[i].score)
				s->pool[i].score = score;
			return;
		}
		if (s->pool[i].score < s->pool[worst].score)
			worst = i;
	}
	if (s->npool < cap)
		i = s->npool++;
	else if (score > s->pool[worst].score)
		i = worst;
	else
		return;
	snprintf(s->pool[i].text, sizeof s->pool[i].text, "%s", text);
	s->pool[i].nletters = nletters;
	s->pool[i].score = score;
}

/* The best given-name characters for one syllable of a cut. */
struct names_slot {
	const struct names_char *c[16];
	double w[16];
	size_t n;
};

/* Fills slot with the likeliest characters reading letters[a..b). */
static void names_fill_slot(const struct names_search *s, struct names_slot *slot, size_t a,
			    size_t b, int partial)
{
	size_t i, j;
	const size_t cap = sizeof slot->c / sizeof slot->c[0];

	slot->n = 0;
	for (i = 0; i < s->nm->nchr; i++) {
		const struct names_char *c = &s->nm->chr[i];
		double w;

		if (!names_syl_match(c->syl, s->letters, a, b, partial))
			continue;
		w = names_char_weight(s->nm, c);
		for (j = 0; j < slot->n; j++) /* another reading of the same character */
			if (slot->c[j]->cp == c->cp)
				break;
		if (j < slot->n) {
			if (w > slot->w[j])
				slot->w[j] = w;
			continue;
		}
		if (slot->n < cap) {
			j = slot->n++;
		} else {
			size_t worst = 0;

			for (j = 1; j < slot->n; j++)
				if (slot->w[j] < slot->w[worst])
					worst = j;
			if (w <= slot->w[worst])
				continue;
			j = worst;
		}
		slot->c[j] = c;
		slot->w[j] = w;
	}
}

/* Adds the names of one cut: prefix (surname text, weight w0) then one or
 * two given characters from syllables first..cut->n-1. */
static void names_add_given(struct names_search *s, const struct names_cut *cut, size_t first,
			    const char *prefix, double w0)
{
	struct names_slot a, b;
	size_t g = cut->n - first, i, j;
	int last_a = first + 1 == cut->n;
	double pen = cut->partial ? 0.3 : 1.0;

	if (g < 1 || g > 2)
		return;
	names_fill_slot(s, &a, cut->start[first], cut->start[first + 1], last_a && cut->partial);
	if (g == 2)
		names_fill_slot(s, &b, cut->start[first + 1], cut->start[first + 2], cut->partial);
	for (i = 0; i < a.n; i++) {
		char text[NAMES_TEXT_MAX];

		if (g == 1) {
			snprintf(text, sizeof text, "%s", prefix);
			names_put(text, sizeof text, a.c[i]->cp);
			names_pool_add(s, text, s->len, w0 * a.w[i] * pen *
				       (names_is_published(s->nm, text) ? 6.0 : 1.0));
			continue;
		}
		for (j = 0; j < b.n; j++) {
			snprintf(text, sizeof text, "%s", prefix);
			names_put(text, sizeof text, a.c[i]->cp);
			names_put(text, sizeof text, b.c[j]->cp);
			/* Two-character given names are a little likelier than one. */
			names_pool_add(s, text, s->len, w0 * a.w[i] * b.w[j] * 20.0 * pen *
				       (names_is_published(s->nm, text) ? 6.0 : 1.0));
		}
	}
}

/* Orders candidates by score, best first. */
static int names_cmp_cand(const void *x, const void *y)
{
	const struct names_cand *a = x, *b = y;

	return a->score < b->score ? 1 : a->score > b->score ? -1 : strcmp(a->text, b->text);
}

/* Ranks names for letters. */
size_t names_rank(const struct names *nm, const char *letters, int given_only,
		  struct names_cand *out, size_t max)
{
	struct names_search *s;
	struct names_cut cur;
	size_t c, i, n = 0;
	char best_sur[NAMES_TEXT_MAX] = "";
	size_t best_sur_len = 0, lim;
	int pass;
	double best_sur_w = 0;

	if (!nm || !letters || !max)
		return 0;
	for (i = 0; letters[i]; i++)
		if (letters[i] < 'a' || letters[i] > 'z')
			return 0;
	if (i == 0 || i > NAMES_LETTERS_MAX)
		return 0;
	s = xcalloc(1, sizeof *s);
	s->nm = nm;
	s->letters = letters;
	s->len = i;
	s->maxsyl = given_only ? 2 : 4;
	memset(&cur, 0, sizeof cur);
	names_cut_from(s, &cur, 0);
	for (c = 0; c < s->ncuts; c++) {
		const struct names_cut *cut = &s->cuts[c];

		if (given_only) {
			names_add_given(s, cut, 0, "", 1.0);
			continue;
		}
		for (i = 0; i < nm->nsur; i++) {
			const struct names_surname *su = &nm->sur[i];
			char text[NAMES_TEXT_MAX] = "";
			size_t used = su->cp[1] ? 2 : 1;

			if (cut->n <= used)
				continue;
			if (!names_syl_match(su->syl[0], letters, cut->start[0], cut->start[1], 0))
				continue;
			if (used == 2 &&
			    !names_syl_match(su->syl[1], letters, cut->start[1], cut->start[2], 0))
				continue;
			names_put(text, sizeof text, su->cp[0]);
			if (su->cp[1])
				names_put(text, sizeof text, su->cp[1]);
			if (su->w > best_sur_w || (su->w == best_sur_w &&
						   cut->start[used] < best_sur_len)) {
				best_sur_w = su->w;
				best_sur_len = cut->start[used];
				snprintf(best_sur, sizeof best_sur, "%s", text);
			}
			names_add_given(s, cut, used, text, su->w);
		}
	}
	qsort(s->pool, s->npool, sizeof s->pool[0], names_cmp_cand);
	/* At most three names per surname come first, so that a rarer surname
	 * (汪丽 after 王丽 王莉 王立) still shows; the others fill up after. */
	lim = max - (best_sur[0] && max > 1 ? 1 : 0);
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < s->npool && n < lim; i++) {
			size_t j, same = 0, taken = 0;

			for (j = 0; j < n; j++) { /* the first character: 3 bytes in the BMP */
				taken |= !strcmp(out[j].text, s->pool[i].text);
				same += !strncmp(out[j].text, s->pool[i].text, 3);
			}
			if (!taken && (pass == 1 || same < 3))
				out[n++] = s->pool[i];
		}
	}
	if (best_sur[0] && n < max) {
		snprintf(out[n].text, sizeof out[n].text, "%s", best_sur);
		out[n].nletters = best_sur_len;
		out[n].score = 0;
		n++;
	}
	free(s);
	return n;
}

/* Counts the syllables of the first cut of letters. */
size_t names_syllables(const struct names *nm, const char *letters)
{
	struct names_search *s;
	struct names_cut cur;
	size_t n, i;

	if (!nm || !letters || !*letters || strlen(letters) > NAMES_LETTERS_MAX)
		return 0;
	s = xcalloc(1, sizeof *s);
	s->nm = nm;
	s->letters = letters;
	s->len = strlen(letters);
	s->maxsyl = 5;
	memset(&cur, 0, sizeof cur);
	names_cut_from(s, &cur, 0);
	n = s->ncuts ? s->cuts[0].n : 0;
	for (i = 1; i < s->ncuts; i++)
		if (s->cuts[i].n < n)
			n = s->cuts[i].n;
	free(s);
	return n;
}
