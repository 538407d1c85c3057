/*
 * gen_subsidies.c - writes a realistic, deterministic subsidies.csv
 * (惠民惠农补贴"一卡通"发放名单, shared/spec/bundle-format.md) to stdout in
 * UTF-8, for the demo bundle, tests and the import benchmark.
 *
 *   gen_subsidies [ROWS [SEED [PROGRAMS [YEARS [TOWNSHIPS [VILLAGES]]]]]]
 *                 [--rows=N] [--seed=N] [--programs=N] [--years=N]
 *                 [--townships=N] [--villages=N] [--crlf] [--no-header]
 *                 [--header-only]
 *
 * Defaults: 1000000 rows, seed 1, 4 programs, 3 years (2023..2025), 20
 * townships, 400 villages. Pipe through `iconv -f UTF-8 -t GB18030` for the
 * encoding Excel writes; every character used is in the two-byte (GBK-shaped)
 * part of GB18030 (䶮 U+4DAE is 0xFE9F there).
 *
 * The data model: each program draws its recipients from a "class" of
 * people (farmers, forest holders, elderly, disabled, very old); a person is
 * a number whose name, resident id, village and account come from a hash of
 * (seed, number), so the same person keeps the same id across programs,
 * years and batches. Rows are grouped by program, year and batch and sorted
 * by township and village, as an office's spreadsheet is. Resident ids are
 * full and valid (GB 11643 check digit), accounts are full 19-digit UnionPay
 * numbers passing Luhn: the importer must mask both.
 *
 * Six sentinel people are always present, whatever the seed (see
 * assets/README.md): 王芳, 李秀英, 欧阳明, 刘䶮, 单德发, 曾国藩, and three more
 * people named 王芳 and one more 李秀英 in other villages.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LAST_YEAR 2025
#define NCLASS 5

enum basis_kind { B_FARM, B_GRAIN, B_PENSION, B_DISABLED, B_MACHINE, B_FOREST, B_CARE,
		  B_RETURN, B_OLD, B_POOR };

struct program {
	const char *name;
	int cls;             /* class of people it is paid to */
	int batches;         /* 1 = batch column empty; 2 = 第一批/第二批 */
	int distinct;        /* batches and years go to different people */
	int weight;          /* share of rows */
	enum basis_kind kind;
	const char *fund;
	int month[2];        /* payment month per batch */
};

static const struct program programs[] = {
	{ "耕地地力保护补贴", 0, 1, 0, 30, B_FARM, "中央财政", { 5, 0 } },
	{ "城乡居民基本养老保险", 2, 1, 0, 26, B_PENSION, "中央、省、县财政", { 3, 0 } },
	{ "实际种粮农民一次性补贴", 0, 2, 0, 14, B_GRAIN, "中央财政", { 6, 9 } },
	{ "困难残疾人生活补贴", 3, 2, 0, 5, B_DISABLED, "中央、省、县财政", { 6, 12 } },
	{ "农机购置补贴", 1, 2, 1, 1, B_MACHINE, "中央财政", { 7, 11 } },
	{ "生态公益林补偿", 1, 1, 0, 8, B_FOREST, "中央和省级财政", { 10, 0 } },
	{ "重度残疾人护理补贴", 3, 1, 0, 4, B_CARE, "中央、省、县财政", { 12, 0 } },
	{ "退耕还林补助", 1, 1, 0, 5, B_RETURN, "中央财政", { 11, 0 } },
	{ "高龄津贴", 4, 1, 0, 5, B_OLD, "县级财政", { 12, 0 } },
	{ "农村特困人员救助供养金", 2, 1, 0, 2, B_POOR, "中央、省、县财政", { 12, 0 } },
};
#define NPROGRAMS ((int)(sizeof programs / sizeof programs[0]))

/* Townships of a Sichuan county (宣汉县 style); more are numbered. */
static const char *const townships[] = {
	"东乡街道", "南坝镇", "黄金镇", "蜀宣街道", "君塘镇", "普光镇", "天生镇", "柏树镇",
	"芭蕉镇", "五宝镇", "峰城镇", "土黄镇", "华景镇", "樊哙镇", "新华镇", "胡家镇",
	"毛坝镇", "双河镇", "大成镇", "下八镇", "上峡镇", "马渡关镇", "庙安镇", "七里镇",
	"清溪镇", "厂溪镇", "渡口土家族乡", "三墩土家族乡", "漆碑土家族乡", "龙泉土家族乡",
};
#define NTOWNSHIPS ((int)(sizeof townships / sizeof townships[0]))

/* First parts of village names (…村). */
static const char *const village_words[] = {
	"白岩", "新华", "大河", "石桥", "青龙", "黄桷", "柏树", "红星", "双河", "桂花",
	"松林", "凤凰", "龙泉", "高峰", "天池", "金竹", "梨树", "堰塘", "田坝", "水口",
	"马鞍", "观音", "茶园", "核桃", "杨柳", "桃园", "石岭", "庙坝", "中坝", "向阳",
	"光明", "胜利", "团结", "和平", "红光", "五一", "前进", "东风", "长岭", "大坪",
	"岩门", "龙潭", "青山", "竹园", "太平", "宝塔", "马家", "李家", "张家", "王家",
	"陈家", "何家", "罗家", "冉家", "清水", "黄泥", "石板", "铁厂", "凉风", "响滩",
	"碑坝", "沙坝", "金山", "银山", "九龙", "七星", "三合", "四合", "双龙", "鹿鸣",
	"白鹤", "黄龙", "回龙", "天宝", "福禄", "永安", "长乐", "安乐", "复兴", "兴隆",
	"老鹰", "狮子", "印盒", "笔架", "鸡鸣", "板桥", "花园", "梓潼", "龙凤", "油房",
};
#define NVWORDS ((int)(sizeof village_words / sizeof village_words[0]))

/* First parts of community names (…社区). */
static const char *const community_words[] = {
	"新华", "东城", "城南", "西城", "城北", "滨河", "解放", "人民", "北门", "南门",
	"西街", "东街", "文化", "红旗", "建设", "正街", "河街", "育才", "紫荆", "江北",
};
#define NCWORDS ((int)(sizeof community_words / sizeof community_words[0]))

struct weighted {
	const char *s;
	int w;
};

/* Surnames with weights roughly like their share in China (per 10,000), plus
 * two-character, heteronym and rare ones with small weights. */
static const struct weighted surnames[] = {
	{ "王", 710 }, { "李", 700 }, { "张", 670 }, { "刘", 540 }, { "陈", 450 },
	{ "杨", 310 }, { "黄", 210 }, { "赵", 200 }, { "吴", 180 }, { "周", 170 },
	{ "徐", 130 }, { "孙", 120 }, { "马", 120 }, { "朱", 110 }, { "胡", 110 },
	{ "郭", 100 }, { "何", 100 }, { "高", 90 }, { "林", 90 }, { "罗", 90 },
	{ "郑", 80 }, { "梁", 80 }, { "谢", 70 }, { "宋", 60 }, { "唐", 60 },
	{ "许", 60 }, { "韩", 50 }, { "冯", 50 }, { "邓", 50 }, { "曹", 50 },
	{ "彭", 50 }, { "曾", 50 }, { "肖", 40 }, { "田", 40 }, { "董", 40 },
	{ "袁", 40 }, { "潘", 40 }, { "于", 40 }, { "蒋", 40 }, { "蔡", 40 },
	{ "余", 40 }, { "杜", 40 }, { "叶", 40 }, { "程", 40 }, { "苏", 30 },
	{ "魏", 30 }, { "吕", 30 }, { "丁", 30 }, { "任", 30 }, { "沈", 30 },
	{ "姚", 30 }, { "卢", 30 }, { "姜", 30 }, { "崔", 30 }, { "钟", 30 },
	{ "谭", 30 }, { "陆", 30 }, { "汪", 30 }, { "范", 30 }, { "金", 30 },
	{ "石", 30 }, { "廖", 30 }, { "贾", 30 }, { "夏", 20 }, { "付", 20 },
	{ "方", 20 }, { "白", 20 }, { "邹", 20 }, { "孟", 20 }, { "熊", 20 },
	{ "秦", 20 }, { "邱", 20 }, { "江", 20 }, { "尹", 20 }, { "薛", 20 },
	{ "段", 20 }, { "雷", 20 }, { "侯", 20 }, { "龙", 20 }, { "史", 20 },
	{ "陶", 20 }, { "黎", 20 }, { "贺", 20 }, { "顾", 20 }, { "毛", 20 },
	{ "郝", 20 }, { "龚", 20 }, { "邵", 20 }, { "万", 20 }, { "向", 20 },
	{ "冉", 15 }, { "蒲", 10 }, { "符", 10 }, { "牟", 10 }, { "覃", 10 },
	{ "欧阳", 4 }, { "司马", 1 }, { "诸葛", 1 }, { "上官", 1 },
	{ "单", 3 }, { "解", 3 }, { "区", 1 }, { "仇", 2 }, { "朴", 1 }, { "查", 2 },
};
#define NSURNAMES ((int)(sizeof surnames / sizeof surnames[0]))

/* Characters of given names; *_first lead two-character names, the others
 * end them or stand alone. */
static const char *const male_first[] = {
	"德", "国", "建", "明", "志", "永", "文", "成", "春", "光", "天", "家", "正", "庆",
	"绍", "洪", "学", "世", "开", "长", "大", "先", "远", "元", "朝", "兴", "泽", "俊",
};
static const char *const male_last[] = {
	"发", "明", "华", "军", "平", "强", "伟", "林", "福", "贵", "荣", "兴", "安", "才",
	"全", "清", "生", "顺", "富", "友", "忠", "勇", "刚", "斌", "川", "海", "涛", "鑫",
	"堃", "喆", "昇",
};
static const char *const female_first[] = {
	"秀", "桂", "玉", "淑", "凤", "翠", "素", "春", "金", "德", "明", "小", "丽", "晓",
	"红", "雪", "佳", "思",
};
static const char *const female_last[] = {
	"英", "兰", "珍", "芳", "华", "梅", "琴", "蓉", "琼", "莲", "凤", "霞", "萍", "娟",
	"燕", "敏", "静", "丽", "婷", "玥", "珺",
};
#define N(a) ((int)(sizeof a / sizeof a[0]))

/* Very common full names, so that a search for 王芳 finds many people. */
static const char *const common_female[] = {
	"王芳", "李秀英", "王秀英", "张秀英", "李娜", "张敏", "王静", "刘芳", "陈秀英", "李桂兰",
	"王芳", "王芳", "王芳", "李秀英",
};
static const char *const common_male[] = {
	"张伟", "王伟", "李强", "刘洋", "王军", "李军", "张勇", "王勇", "陈明", "李明",
};

/* Region codes (prefix of the resident id) and weights: 宣汉县 now and before
 * the 达川地区 became 达州市, plus neighbours. */
static const struct weighted regions[] = {
	{ "511722", 70 }, { "513022", 18 }, { "513021", 6 }, { "511702", 4 }, { "511781", 2 },
};

/* Agricultural machines: name, lowest and highest subsidy in yuan. */
static const struct {
	const char *name;
	int lo, hi;
} machines[] = {
	{ "微耕机1台", 800, 1500 },       { "旋耕机1台", 1200, 3000 },
	{ "水稻插秧机1台", 3000, 8000 },  { "谷物联合收割机1台", 12000, 40000 },
	{ "植保无人飞机1架", 10000, 20000 }, { "谷物烘干机1台", 15000, 30000 },
	{ "田园管理机1台", 900, 1600 },
};

/* Maps a number in [0, 100) to a machine, small machines being the most common. */
static int machine_pick(int x)
{
	static const int upto[] = { 40, 65, 73, 77, 83, 85, 100 };

	for (int i = 0; i < N(upto); i++)
		if (x < upto[i])
			return i == 6 ? 6 : i;
	return 0;
}

struct person {
	char name[32];
	char id[40];    /* 18 characters */
	char card[40];  /* 19 digits */
	int township;      /* index */
	int village;       /* global village index */
	int birth_year;
	int area;          /* farm area, hundredths of 亩 */
	int forest;        /* forest area, hundredths of 亩 */
	int pension_extra; /* individual-account part of the pension, fen a month */
	int machine;       /* index into machines */
	int care_level;    /* 1 or 2 */
};

struct sentinel {
	const char *name;
	int female;
	const char *region;
	int y, m, d;
	const char *seq;     /* three digits */
	int township;        /* index, clamped to the townships generated */
	int village;         /* index within the township, clamped */
	int area;            /* hundredths of 亩 */
	unsigned programs;   /* bit mask over programs[] */
	const char *card;    /* first 18 digits; the Luhn digit is appended */
};

static const struct sentinel sentinels[] = {
	{ "王芳", 1, "511722", 1961, 8, 17, "124", 0, 0, 280, 0x007, "621467300198234501" },
	{ "李秀英", 1, "513022", 1948, 3, 2, "062", 1, 2, 150, 0x04b, "621467300176540023" },
	{ "欧阳明", 0, "511722", 1976, 11, 23, "331", 2, 1, 1260, 0x035, "623197500034418827" },
	{ "刘䶮", 0, "511722", 1984, 5, 9, "017", 0, 3, 420, 0x025, "621467300311905566" },
	{ "单德发", 0, "513021", 1957, 12, 30, "215", 1, 0, 360, 0x00b, "623197500087712340" },
	{ "曾国藩", 0, "511722", 1962, 2, 11, "193", 3, 4, 510, 0x007, "621467300245367781" },
	/* namesakes in other villages, so that a name alone is not enough */
	{ "王芳", 1, "511722", 1972, 6, 28, "086", 1, 3, 330, 0x005, "621467300412095538" },
	{ "王芳", 1, "513022", 1958, 10, 3, "140", 2, 0, 190, 0x003, "623197500120663419" },
	{ "王芳", 1, "511722", 1990, 1, 15, "228", 3, 2, 610, 0x021, "621467300587710246" },
	{ "李秀英", 1, "511722", 1952, 7, 7, "046", 0, 5, 240, 0x003, "621467300633128874" },
};
#define NSENTINELS N(sentinels)

struct options {
	long rows;
	uint64_t seed;
	int programs, years, townships, villages;
	int crlf, header, body;
};

struct geo {
	int townships, villages;
	int *first;            /* first global village index of each township, +1 entry */
	char (*vname)[40];     /* name of each global village */
};

struct out {
	char buf[1 << 16];
	size_t len;
};

/* Writes out the buffered bytes. */
static void out_flush(struct out *o)
{
	if (o->len && fwrite(o->buf, 1, o->len, stdout) != o->len) {
		perror("gen_subsidies: write");
		exit(3);
	}
	o->len = 0;
}

/* Appends a string to the output buffer. */
static void out_add(struct out *o, const char *s)
{
	size_t n = strlen(s);

	if (o->len + n > sizeof o->buf)
		out_flush(o);
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

/* Appends one character to the output buffer. */
static void out_ch(struct out *o, char c)
{
	if (o->len + 1 > sizeof o->buf)
		out_flush(o);
	o->buf[o->len++] = c;
}

/* Mixes a 64-bit value (splitmix64 finaliser): the generator's only randomness. */
static uint64_t mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/* A small xorshift stream seeded from a hash, for drawing a person's traits. */
struct rng {
	uint64_t s;
};

/* Returns the next number of the stream. */
static uint64_t rng_next(struct rng *r)
{
	r->s ^= r->s << 13;
	r->s ^= r->s >> 7;
	r->s ^= r->s << 17;
	return r->s;
}

/* Returns a number in [0, n). */
static int rng_below(struct rng *r, int n)
{
	return (int)((rng_next(r) >> 11) % (uint64_t)n);
}

/* Picks a string from a weighted table. */
static const char *pick_weighted(struct rng *r, const struct weighted *t, int n)
{
	int total = 0, x;

	for (int i = 0; i < n; i++)
		total += t[i].w;
	x = rng_below(r, total);
	for (int i = 0; i < n; i++) {
		if (x < t[i].w)
			return t[i].s;
		x -= t[i].w;
	}
	return t[0].s;
}

/* Returns the number of days in a month. */
static int days_in_month(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

/* Completes a 17-digit resident id with its GB 11643 check character. */
static void id_finish(char *id)
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	int sum = 0;

	for (int i = 0; i < 17; i++)
		sum += (id[i] - '0') * w[i];
	id[17] = "10X98765432"[sum % 11];
	id[18] = '\0';
}

/* Completes an 18-digit account number with its Luhn check digit. */
static void card_finish(char *card)
{
	int sum = 0;

	/* Counting from the check digit (position 0), odd positions are doubled. */
	for (int i = 17, pos = 1; i >= 0; i--, pos++) {
		int d = card[i] - '0';
		if (pos % 2) {
			d *= 2;
			if (d > 9)
				d -= 9;
		}
		sum += d;
	}
	card[18] = (char)('0' + (10 - sum % 10) % 10);
	card[19] = '\0';
}

/* Builds the township and village names for the options given. */
static void geo_build(struct geo *g, int townships_n, int villages_n)
{
	g->townships = townships_n;
	g->villages = villages_n;
	g->first = calloc((size_t)townships_n + 1, sizeof *g->first);
	g->vname = calloc((size_t)villages_n, sizeof *g->vname);
	if (!g->first || !g->vname) {
		fputs("gen_subsidies: out of memory\n", stderr);
		exit(3);
	}
	for (int t = 0, v = 0; t < townships_n; t++) {
		int count = villages_n / townships_n + (t < villages_n % townships_n);
		const char *tn = t < NTOWNSHIPS ? townships[t] : "";
		int street = strstr(tn, "街道") != NULL;
		int ncomm = street ? count * 2 / 3 : (count > 3 ? 1 : 0);

		g->first[t] = v;
		for (int k = 0; k < count; k++, v++) {
			int round;
			if (k < ncomm) {
				round = k / NCWORDS;
				snprintf(g->vname[v], sizeof g->vname[v], "%s%s社区",
					 community_words[(t * 3 + k) % NCWORDS],
					 round ? (round == 1 ? "二" : "三") : "");
			} else {
				int kk = k - ncomm;
				round = kk / NVWORDS;
				/* 89 and 90 share no factor, so a township's names are distinct. */
				snprintf(g->vname[v], sizeof g->vname[v], "%s%s村",
					 village_words[(t * 7 + kk * 89) % NVWORDS],
					 round ? (round == 1 ? "二" : "三") : "");
			}
		}
	}
	g->first[townships_n] = villages_n;
}

/* Returns the township of a global village index. */
static int geo_township(const struct geo *g, int village)
{
	int t = 0;

	while (t + 1 < g->townships && g->first[t + 1] <= village)
		t++;
	return t;
}

/* Writes a township name (numbered when past the built-in list). */
static void township_name(int t, char *buf, size_t n)
{
	int k = t - NTOWNSHIPS;

	if (t < NTOWNSHIPS)
		snprintf(buf, n, "%s", townships[t]);
	else if (k < NVWORDS)
		snprintf(buf, n, "%s镇", village_words[k]);
	else
		snprintf(buf, n, "%s%d镇", village_words[k % NVWORDS], k / NVWORDS + 1);
}

/* Returns the birth-year range of a class of people, given the first year listed. */
static void class_births(int cls, int first_year, int *lo, int *hi)
{
	switch (cls) {
	case 2: /* pensioners: 60 or older in the first year */
		*lo = 1933, *hi = first_year - 61;
		break;
	case 3: /* disabled: any adult age */
		*lo = 1940, *hi = first_year - 18;
		break;
	case 4: /* very old: 80 or older */
		*lo = 1922, *hi = first_year - 81;
		break;
	default: /* land and forest holders */
		*lo = 1948, *hi = first_year - 25;
		break;
	}
	if (*hi < *lo)
		*hi = *lo;
}

/* Draws every trait of person number `who` of class `cls` living in `village`. */
static void person_make(struct person *p, uint64_t seed, uint64_t who, int cls, int village,
			const struct geo *g, int first_year)
{
	struct rng r = { mix(seed * 0x100000001b3ULL ^ mix(who)) | 1 };
	int female = rng_below(&r, 2);
	int lo, hi, y, m, d, seq;
	const char *region;

	if (rng_below(&r, 1000) < 30) {
		snprintf(p->name, sizeof p->name, "%s", female
			 ? common_female[rng_below(&r, N(common_female))]
			 : common_male[rng_below(&r, N(common_male))]);
	} else {
		const char *sur = pick_weighted(&r, surnames, NSURNAMES);
		const char *const *first = female ? female_first : male_first;
		const char *const *last = female ? female_last : male_last;
		int nfirst = female ? N(female_first) : N(male_first);
		int nlast = female ? N(female_last) : N(male_last);
		const char *a = first[rng_below(&r, nfirst)];
		const char *b = last[rng_below(&r, nlast)];

		if (rng_below(&r, 20000) == 0)
			b = "䶮"; /* U+4DAE, CJK Extension A */
		if (rng_below(&r, 5) == 0)
			snprintf(p->name, sizeof p->name, "%s%s", sur, b);
		else
			snprintf(p->name, sizeof p->name, "%s%s%s", sur, a, b);
	}
	class_births(cls, first_year, &lo, &hi);
	y = lo + rng_below(&r, hi - lo + 1);
	m = 1 + rng_below(&r, 12);
	d = 1 + rng_below(&r, days_in_month(y, m));
	region = pick_weighted(&r, regions, N(regions));
	seq = rng_below(&r, 50) * 2 + !female; /* the 17th digit is odd for men */
	snprintf(p->id, sizeof p->id, "%s%04d%02d%02d%02d%d", region, y, m, d, rng_below(&r, 100),
		 seq % 10);
	id_finish(p->id);
	snprintf(p->card, sizeof p->card, "%s%06d%06d", rng_below(&r, 3) ? "621467" : "623197",
		 rng_below(&r, 1000000), rng_below(&r, 1000000));
	card_finish(p->card);
	p->birth_year = y;
	p->village = village;
	p->township = geo_township(g, village);
	switch (rng_below(&r, 20)) {
	case 0:
		p->area = 1200 + rng_below(&r, 4800); /* a large grower */
		break;
	case 1: case 2: case 3: case 4:
		p->area = 500 + rng_below(&r, 700);
		break;
	default:
		p->area = 50 + rng_below(&r, 450);
		break;
	}
	if (rng_below(&r, 5))
		p->area -= p->area % 10; /* most areas have one decimal */
	p->forest = (500 + rng_below(&r, 19500)) / 10 * 10;
	p->pension_extra = rng_below(&r, 120) * 100;
	p->machine = machine_pick(rng_below(&r, 100));
	p->care_level = 1 + rng_below(&r, 3) / 2;
}

/* Builds a sentinel person as placed on this map. */
static void person_sentinel(struct person *p, const struct sentinel *s, const struct geo *g)
{
	int t = s->township < g->townships ? s->township : s->township % g->townships;
	int count = g->first[t + 1] - g->first[t];
	int k = s->village < count ? s->village : count - 1;

	memset(p, 0, sizeof *p);
	snprintf(p->name, sizeof p->name, "%s", s->name);
	snprintf(p->id, sizeof p->id, "%s%04d%02d%02d%s", s->region, s->y, s->m, s->d, s->seq);
	id_finish(p->id);
	snprintf(p->card, sizeof p->card, "%s", s->card);
	card_finish(p->card);
	p->township = t;
	p->village = g->first[t] + (k < 0 ? 0 : k);
	p->birth_year = s->y;
	p->area = s->area;
	p->forest = s->area * 3;
	p->pension_extra = 2400;
	p->machine = 1;
	p->care_level = 2;
}

/* Formats hundredths as "3.2" or "3.25". */
static void fmt_area(char *buf, size_t n, int hundredths)
{
	if (hundredths % 10)
		snprintf(buf, n, "%d.%02d", hundredths / 100, hundredths % 100);
	else
		snprintf(buf, n, "%d.%d", hundredths / 100, hundredths % 100 / 10);
}

/* Rounds area (hundredths of 亩) times a rate (fen per 亩) to fen. */
static long area_amount(int area, long rate)
{
	return (area * rate + 50) / 100;
}

/* Computes the basis text and the amount in fen of one payment. */
static long payment(const struct person *p, const struct program *pg, int year, int batch,
		    char *basis, size_t n)
{
	char a[16];
	int age = year - p->birth_year;
	long fen;

	switch (pg->kind) {
	case B_FARM:
		fmt_area(a, sizeof a, p->area);
		snprintf(basis, n, "%s亩", a);
		return area_amount(p->area, 9612 + (year - 2023) * 123L);
	case B_GRAIN:
		fmt_area(a, sizeof a, p->area);
		snprintf(basis, n, "%s亩", a);
		return area_amount(p->area, batch ? 470 : 850 + (year - 2023) * 30L);
	case B_PENSION:
		snprintf(basis, n, "1人");
		return (14300 + (year - 2023) * 2000L + p->pension_extra) * 12;
	case B_DISABLED:
		snprintf(basis, n, "1人（6个月）");
		return (8000 + (year - 2023) * 500L) * 6;
	case B_MACHINE: {
		int lo = machines[p->machine].lo, hi = machines[p->machine].hi;
		uint64_t h = mix((uint64_t)year * 31 + (uint64_t)batch) ^ mix((uint64_t)p->village);
		snprintf(basis, n, "%s", machines[p->machine].name);
		fen = (lo + (long)(h % (uint64_t)(hi - lo + 1))) * 100;
		return fen - fen % 1000; /* whole tens of yuan */
	}
	case B_FOREST:
		fmt_area(a, sizeof a, p->forest);
		snprintf(basis, n, "%s亩", a);
		return area_amount(p->forest, 1475);
	case B_CARE:
		snprintf(basis, n, "1人（%s级）", p->care_level == 1 ? "一" : "二");
		return (p->care_level == 1 ? 10000L : 6000L) * 12;
	case B_RETURN:
		fmt_area(a, sizeof a, p->area / 2 + 30);
		snprintf(basis, n, "%s亩", a);
		return area_amount(p->area / 2 + 30, 30000);
	case B_OLD:
		if (age >= 100) {
			snprintf(basis, n, "1人（100周岁以上）");
			return 360000;
		}
		snprintf(basis, n, "1人（%s周岁）", age >= 90 ? "90-99" : "80-89");
		return age >= 90 ? 120000 : 60000;
	case B_POOR:
		snprintf(basis, n, "1人（分散供养）");
		return (62000 + (year - 2023) * 2000L) * 12;
	}
	return 0;
}

/* Formats fen as yuan, "1234.50" or, quoted, "1,234.50". */
static void fmt_money(char *buf, size_t n, long fen, int separators)
{
	long yuan = fen / 100;
	int cents = (int)(fen % 100);

	if (!separators || yuan < 1000)
		snprintf(buf, n, "%ld.%02d", yuan, cents);
	else if (yuan < 1000000)
		snprintf(buf, n, "\"%ld,%03ld.%02d\"", yuan / 1000, yuan % 1000, cents);
	else
		snprintf(buf, n, "\"%ld,%03ld,%03ld.%02d\"", yuan / 1000000, yuan / 1000 % 1000,
			 yuan % 1000, cents);
}

struct group {
	int program, year, batch, yi;
	long n;
};

/* Writes one CSV row. */
static void emit_row(struct out *o, const struct options *opt, const struct geo *g,
		     const struct group *gr, const struct person *p)
{
	const struct program *pg = &programs[gr->program];
	char basis[48], money[32], date[16], tname[48], year[8];
	long fen = payment(p, pg, gr->year, gr->batch, basis, sizeof basis);
	int month = pg->month[gr->batch];
	int day = 5 + (p->township * 3 + gr->yi) % 20;
	int seps = mix(((uint64_t)gr->program << 40) ^ ((uint64_t)gr->year << 20)
		       ^ (uint64_t)p->township) % 3 == 0;

	fmt_money(money, sizeof money, fen, seps);
	snprintf(date, sizeof date, "%04d-%02d-%02d", gr->year, month, day);
	snprintf(year, sizeof year, "%d", gr->year);
	township_name(p->township, tname, sizeof tname);
	out_add(o, pg->name);
	out_ch(o, ',');
	out_add(o, year);
	out_ch(o, ',');
	if (pg->batches > 1)
		out_add(o, gr->batch ? "第二批" : "第一批");
	out_ch(o, ',');
	out_add(o, tname);
	out_ch(o, ',');
	out_add(o, g->vname[p->village]);
	out_ch(o, ',');
	out_add(o, p->name);
	out_ch(o, ',');
	out_add(o, p->id);
	out_ch(o, ',');
	out_add(o, basis);
	out_ch(o, ',');
	out_add(o, money);
	out_ch(o, ',');
	out_add(o, date);
	out_ch(o, ',');
	out_add(o, pg->fund);
	out_ch(o, ',');
	out_add(o, p->card);
	out_add(o, opt->crlf ? "\r\n" : "\n");
}

/* Tells whether sentinel s is paid in this group. */
static int sentinel_in(const struct sentinel *s, const struct group *gr, int years)
{
	const struct program *pg = &programs[gr->program];

	if (!(s->programs & (1u << gr->program)))
		return 0;
	if (pg->distinct) /* one machine, bought once, in the middle year */
		return gr->batch == 0 && gr->yi == (years > 1 ? 1 : 0);
	return 1;
}

/* Parses a positive number or exits with a usage error. */
static long parse_num(const char *s, const char *what, long lo, long hi)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (end == s || *end || v < lo || v > hi) {
		fprintf(stderr, "gen_subsidies: bad %s \"%s\" (%ld..%ld)\n", what, s, lo, hi);
		exit(2);
	}
	return v;
}

/* Reads the command line into opt. */
static void parse_args(int argc, char **argv, struct options *opt)
{
	static const char *const names[] = { "rows", "seed", "programs", "years", "townships",
					     "villages" };
	int pos = 0;

	*opt = (struct options){ 1000000, 1, 4, 3, 20, 400, 0, 1, 1 };
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *val = NULL;
		int which = -1;

		if (strcmp(a, "--crlf") == 0) {
			opt->crlf = 1;
			continue;
		} else if (strcmp(a, "--no-header") == 0) {
			opt->header = 0;
			continue;
		} else if (strcmp(a, "--header-only") == 0) {
			opt->body = 0;
			continue;
		} else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			printf("usage: gen_subsidies [ROWS [SEED [PROGRAMS [YEARS [TOWNSHIPS [VILLAGES]]]]]]\n"
			       "       [--rows=N] [--seed=N] [--programs=1..%d] [--years=N] [--townships=N]\n"
			       "       [--villages=N] [--crlf] [--no-header] [--header-only]\n"
			       "Writes a UTF-8 subsidies.csv to stdout.\n", NPROGRAMS);
			exit(0);
		} else if (strncmp(a, "--", 2) == 0) {
			for (int k = 0; k < N(names); k++) {
				size_t n = strlen(names[k]);
				if (strncmp(a + 2, names[k], n) == 0 && a[2 + n] == '=') {
					which = k;
					val = a + 3 + n;
				}
			}
			if (which < 0) {
				fprintf(stderr, "gen_subsidies: unknown option %s (try --help)\n", a);
				exit(2);
			}
		} else {
			if (pos >= N(names)) {
				fprintf(stderr, "gen_subsidies: too many arguments\n");
				exit(2);
			}
			which = pos++;
			val = a;
		}
		switch (which) {
		case 0: opt->rows = parse_num(val, "rows", 0, 2000000000L); break;
		case 1: opt->seed = (uint64_t)parse_num(val, "seed", 0, 2147483647L); break;
		case 2: opt->programs = (int)parse_num(val, "programs", 1, NPROGRAMS); break;
		case 3: opt->years = (int)parse_num(val, "years", 1, 20); break;
		case 4: opt->townships = (int)parse_num(val, "townships", 1, 1000); break;
		case 5: opt->villages = (int)parse_num(val, "villages", 1, 100000); break;
		}
	}
	if (opt->villages < opt->townships)
		opt->villages = opt->townships;
}

/* Writes the file. */
int main(int argc, char **argv)
{
	static struct out o;
	struct options opt;
	struct geo g;
	struct group *groups;
	struct person sp[NSENTINELS];
	long slots[NCLASS] = { 0 }, written = 0, nsent = 0, regular;
	int ngroups = 0, first_year;
	long wsum = 0;

	parse_args(argc, argv, &opt);
	first_year = LAST_YEAR - opt.years + 1;
	if (opt.header) {
		out_add(&o, "补贴项目,年度,批次,乡镇,村(社区),姓名,身份证号,补贴依据,发放金额,"
			    "发放日期,资金来源,一卡通账号");
		out_add(&o, opt.crlf ? "\r\n" : "\n");
	}
	if (!opt.body || opt.rows == 0) {
		out_flush(&o);
		return 0;
	}
	geo_build(&g, opt.townships, opt.villages);
	for (int s = 0; s < NSENTINELS; s++)
		person_sentinel(&sp[s], &sentinels[s], &g);

	groups = calloc((size_t)opt.programs * (size_t)opt.years * 2, sizeof *groups);
	if (!groups) {
		fputs("gen_subsidies: out of memory\n", stderr);
		return 3;
	}
	for (int p = 0; p < opt.programs; p++)
		for (int yi = 0; yi < opt.years; yi++)
			for (int b = 0; b < programs[p].batches; b++) {
				struct group *gr = &groups[ngroups++];
				*gr = (struct group){ p, first_year + yi, b, yi, 0 };
				wsum += programs[p].weight;
				for (int s = 0; s < NSENTINELS; s++)
					nsent += sentinel_in(&sentinels[s], gr, opt.years);
			}
	regular = opt.rows > nsent ? opt.rows - nsent : 0;
	{
		long given = 0;
		for (int i = 0; i < ngroups; i++) {
			groups[i].n = regular * programs[groups[i].program].weight / wsum;
			given += groups[i].n;
		}
		for (int i = 0; given < regular; i = (i + 1) % ngroups, given++)
			groups[i].n++;
	}
	/* People per class: enough for the largest group of that class. */
	for (int i = 0; i < ngroups; i++) {
		const struct program *pg = &programs[groups[i].program];
		long need = pg->distinct ? groups[i].n * pg->batches * opt.years : groups[i].n;
		if (need > slots[pg->cls])
			slots[pg->cls] = need;
	}

	for (int i = 0; i < ngroups && written < opt.rows; i++) {
		const struct group *gr = &groups[i];
		const struct program *pg = &programs[gr->program];
		long m = slots[pg->cls], n = gr->n;
		int sent_done[NSENTINELS] = { 0 };

		for (long j = 0; j <= n && written < opt.rows; j++) {
			struct person p;
			long slot = 0;
			int village;

			if (j < n) {
				/* Spread the group over the class; in "distinct" programs each
				 * year and batch takes its own share of the slots. */
				slot = j * m / n;
				if (pg->distinct) {
					long stride = m / n;
					slot += (long)(gr->yi * pg->batches + gr->batch) * stride
						/ (pg->batches * opt.years);
				}
				village = (int)(slot * opt.villages / (m ? m : 1));
			} else {
				village = opt.villages; /* flush the remaining sentinels */
			}
			for (int s = 0; s < NSENTINELS && written < opt.rows; s++) {
				if (sent_done[s] || sp[s].village >= village)
					continue;
				sent_done[s] = 1;
				if (sentinel_in(&sentinels[s], gr, opt.years)) {
					emit_row(&o, &opt, &g, gr, &sp[s]);
					written++;
				}
			}
			if (j == n || written >= opt.rows)
				break;
			person_make(&p, opt.seed, (uint64_t)slot * NCLASS + (uint64_t)pg->cls,
				    pg->cls, village, &g, first_year);
			emit_row(&o, &opt, &g, gr, &p);
			written++;
		}
	}
	out_flush(&o);
	free(groups);
	free(g.first);
	free(g.vname);
	return 0;
}
