/*
 * test_speech_text.c - text to toned pinyin for read-aloud: a table of words
 * with the readings of 现代汉语词典 (polyphones in the words of government
 * notices), numbers, dates, money, 文号 and percentages as a reader says
 * them, pauses, and every corpus document and demo body read with no Hanzi
 * left without a reading.
 */
#include "kiosk/speech_text.h"
#include "kiosk/pinyin.h"
#include "kiosk/util.h"
#include "kiosk/width.h"
#include "tests/unit/check.h"

#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A text and its expected reading. */
struct case_ {
	const char *text;
	const char *pinyin;
};

/* Words with their readings in 现代汉语词典 (7th edition); neutral tones are
 * written 5. Written by hand from the dictionary, not from our output. */
static const struct case_ words[] = {
	{ "银行", "yin2 hang2" },
	{ "重新", "chong2 xin1" },
	{ "长大", "zhang3 da4" },
	{ "行政", "xing2 zheng4" },
	{ "补贴", "bu3 tie1" },
	{ "还款", "huan2 kuan3" },
	{ "单位", "dan1 wei4" },
	{ "行业", "hang2 ye4" },
	{ "行动", "xing2 dong4" },
	{ "执行", "zhi2 xing2" },
	{ "进行", "jin4 xing2" },
	{ "银行卡", "yin2 hang2 ka3" },
	{ "重要", "zhong4 yao4" },
	{ "重量", "zhong4 liang4" },
	{ "重复", "chong2 fu4" },
	{ "严重", "yan2 zhong4" },
	{ "重大", "zhong4 da4" },
	{ "长期", "chang2 qi1" },
	{ "长度", "chang2 du4" },
	{ "县长", "xian4 zhang3" },
	{ "镇长", "zhen4 zhang3" },
	{ "增长", "zeng1 zhang3" },
	{ "成长", "cheng2 zhang3" },
	{ "延长", "yan2 chang2" },
	{ "还是", "hai2 shi4" },
	{ "归还", "gui1 huan2" },
	{ "偿还", "chang2 huan2" },
	{ "退还", "tui4 huan2" },
	{ "还有", "hai2 you3" },
	{ "单独", "dan1 du2" },
	{ "名单", "ming2 dan1" },
	{ "清单", "qing1 dan1" },
	{ "简单", "jian3 dan1" },
	{ "贴息", "tie1 xi1" },
	{ "津贴", "jin1 tie1" },
	{ "补助", "bu3 zhu4" },
	{ "发放", "fa1 fang4" },
	{ "发展", "fa1 zhan3" },
	{ "发布", "fa1 bu4" },
	{ "头发", "tou2 fa4" },
	{ "理发", "li3 fa4" },
	{ "干部", "gan4 bu4" },
	{ "干净", "gan1 jing4" },
	{ "干旱", "gan1 han4" },
	{ "教育", "jiao4 yu4" },
	{ "教师", "jiao4 shi1" },
	{ "处理", "chu3 li3" },
	{ "处罚", "chu3 fa2" },
	{ "办事处", "ban4 shi4 chu4" },
	{ "好处", "hao3 chu4" },
	{ "数据", "shu4 ju4" },
	{ "数量", "shu4 liang4" },
	{ "人数", "ren2 shu4" },
	{ "种植", "zhong4 zhi2" },
	{ "种子", "zhong3 zi5" },
	{ "种类", "zhong3 lei4" },
	{ "应当", "ying1 dang1" },
	{ "应该", "ying1 gai1" },
	{ "相应", "xiang1 ying4" },
	{ "适应", "shi4 ying4" },
	{ "供应", "gong1 ying4" },
	{ "答应", "da1 ying5" },
	{ "当年", "dang1 nian2" },
	{ "当地", "dang1 di4" },
	{ "适当", "shi4 dang4" },
	{ "上当", "shang4 dang4" },
	{ "只有", "zhi3 you3" },
	{ "只是", "zhi3 shi4" },
	{ "为了", "wei4 le5" },
	{ "因为", "yin1 wei4" },
	{ "作为", "zuo4 wei2" },
	{ "认为", "ren4 wei2" },
	{ "行为", "xing2 wei2" },
	{ "成为", "cheng2 wei2" },
	{ "更新", "geng1 xin1" },
	{ "更加", "geng4 jia1" },
	{ "变更", "bian4 geng1" },
	{ "分配", "fen1 pei4" },
	{ "部分", "bu4 fen5" },
	{ "身份", "shen1 fen4" },
	{ "充分", "chong1 fen4" },
	{ "提供", "ti2 gong1" },
	{ "供给", "gong1 ji3" },
	{ "给予", "ji3 yu3" },
	{ "空间", "kong1 jian1" },
	{ "时间", "shi2 jian1" },
	{ "中间", "zhong1 jian1" },
	{ "期间", "qi1 jian1" },
	{ "要求", "yao1 qiu2" },
	{ "需要", "xu1 yao4" },
	{ "主要", "zhu3 yao4" },
	{ "兴趣", "xing4 qu4" },
	{ "高兴", "gao1 xing4" },
	{ "振兴", "zhen4 xing1" },
	{ "乡村振兴", "xiang1 cun1 zhen4 xing1" },
	{ "结果", "jie2 guo3" },
	{ "结合", "jie2 he2" },
	{ "调查", "diao4 cha2" },
	{ "调整", "tiao2 zheng3" },
	{ "协调", "xie2 tiao2" },
	{ "强调", "qiang2 diao4" },
	{ "了解", "liao3 jie3" },
	{ "方便", "fang1 bian4" },
	{ "便民", "bian4 min2" },
	{ "便宜", "pian2 yi5" },
	{ "地方", "di4 fang1" },
	{ "得到", "de2 dao4" },
	{ "获得", "huo4 de2" },
	{ "觉得", "jue2 de5" },
	{ "参加", "can1 jia1" },
	{ "参与", "can1 yu4" },
	{ "人参", "ren2 shen1" },
	{ "效率", "xiao4 lv4" },
	{ "利率", "li4 lv4" },
	{ "比率", "bi3 lv4" },
	{ "率先", "shuai4 xian1" },
	{ "传统", "chuan2 tong3" },
	{ "宣传", "xuan1 chuan2" },
	{ "差别", "cha1 bie2" },
	{ "出差", "chu1 chai1" },
	{ "差距", "cha1 ju4" },
	{ "曾经", "ceng2 jing1" },
	{ "尽管", "jin3 guan3" },
	{ "尽快", "jin3 kuai4" },
	{ "相似", "xiang1 si4" },
	{ "和平", "he2 ping2" },
	{ "累计", "lei3 ji4" },
	{ "积累", "ji1 lei3" },
	{ "着手", "zhuo2 shou3" },
	{ "着重", "zhuo2 zhong4" },
	{ "没有", "mei2 you3" },
	{ "答复", "da2 fu4" },
	{ "回答", "hui2 da2" },
	{ "假期", "jia4 qi1" },
	{ "请假", "qing3 jia4" },
	{ "假如", "jia3 ru2" },
	{ "规模", "gui1 mo2" },
	{ "模式", "mo2 shi4" },
	{ "降低", "jiang4 di1" },
	{ "薄弱", "bo2 ruo4" },
	{ "削减", "xue1 jian3" },
	{ "缴纳", "jiao3 na4" },
	{ "自行", "zi4 xing2" },
	{ "农行", "nong2 hang2" },
	{ "支行", "zhi1 hang2" },
	{ "信用社", "xin4 yong4 she4" },
	{ "农业银行", "nong2 ye4 yin2 hang2" },
	{ "政府", "zheng4 fu3" },
	{ "信息", "xin4 xi1" },
	{ "公开", "gong1 kai1" },
	{ "申请", "shen1 qing3" },
	{ "办理", "ban4 li3" },
	{ "村民", "cun1 min2" },
	{ "社区", "she4 qu1" },
	{ "户口", "hu4 kou3" },
	{ "身份证", "shen1 fen4 zheng4" },
	{ "低保", "di1 bao3" },
	{ "医疗", "yi1 liao2" },
	{ "养老", "yang3 lao3" },
	{ "保险", "bao3 xian3" },
	{ "耕地", "geng1 di4" },
	{ "地力", "di4 li4" },
	{ "保护", "bao3 hu4" },
	{ "承包", "cheng2 bao1" },
	{ "农户", "nong2 hu4" },
	{ "标准", "biao1 zhun3" },
	{ "金额", "jin1 e2" },
	{ "联系", "lian2 xi4" },
	{ "电话", "dian4 hua4" },
	{ "通知", "tong1 zhi1" },
	{ "公告", "gong1 gao4" },
	{ "文件", "wen2 jian4" },
	{ "规范", "gui1 fan4" },
	{ "解读", "jie3 du2" },
	{ "指南", "zhi3 nan2" },
	{ "问答", "wen4 da2" },
	{ "条例", "tiao2 li4" },
	{ "法律", "fa3 lv4" },
	{ "规定", "gui1 ding4" },
	{ "管理", "guan3 li3" },
	{ "服务", "fu2 wu4" },
	{ "残疾", "can2 ji2" },
	{ "救助", "jiu4 zhu4" },
	{ "困难", "kun4 nan5" },
	{ "灾难", "zai1 nan4" },
	{ "难民", "nan4 min2" },
	{ "危房", "wei1 fang2" },
	{ "改造", "gai3 zao4" },
	{ "住房", "zhu4 fang2" },
	{ "审核", "shen3 he2" },
	{ "审批", "shen3 pi1" },
	{ "公示", "gong1 shi4" },
	{ "监督", "jian1 du1" },
	{ "举报", "ju3 bao4" },
	{ "投诉", "tou2 su4" },
	{ "期限", "qi1 xian4" },
	{ "答复期限", "da2 fu4 qi1 xian4" },
	{ "受理", "shou4 li3" },
	{ "编号", "bian1 hao4" },
	{ "号码", "hao4 ma3" },
	{ "年度", "nian2 du4" },
	{ "季度", "ji4 du4" },
	{ "第一批", "di4 yi1 pi1" },
	{ "乡镇", "xiang1 zhen4" },
	{ "街道", "jie1 dao4" },
	{ "人民政府", "ren2 min2 zheng4 fu3" },
	{ "委员会", "wei3 yuan2 hui4" },
	{ "财政局", "cai2 zheng4 ju2" },
	{ "民政局", "min2 zheng4 ju2" },
	{ "农业农村局", "nong2 ye4 nong2 cun1 ju2" },
	{ "教育局", "jiao4 yu4 ju2" },
	{ "卫生健康", "wei4 sheng1 jian4 kang1" },
	{ "老年人", "lao3 nian2 ren2" },
	{ "儿童", "er2 tong2" },
	{ "学生", "xue2 sheng1" },
	{ "家庭", "jia1 ting2" },
	{ "经济", "jing1 ji4" },
	{ "困难群众", "kun4 nan5 qun2 zhong4" },
	{ "落实", "luo4 shi2" },
	{ "重点", "zhong4 dian3" },
	{ "区域", "qu1 yu4" },
	{ "率领", "shuai4 ling3" },
	{ "音乐", "yin1 yue4" },
	{ "快乐", "kuai4 le4" },
	{ "销售", "xiao1 shou4" },
	{ "数字", "shu4 zi4" },
	{ "参差", "cen1 ci1" },
};

/* Numbers, dates, money, 文号 and percentages, read as a Chinese reader
 * says them. */
static const struct case_ numbers[] = {
	{ "2026年3月5日", "er4 ling2 er4 liu4 nian2 san1 yue4 wu3 ri4" },
	{ "1,234.50元", "yi1 qian1 er4 bai3 san1 shi2 si4 yuan2 wu3 jiao3" },
	{ "12.5%", "bai3 fen1 zhi1 shi2 er4 dian3 wu3" },
	{ "宣府发〔2022〕21号",
	  "xuan1 fu3 fa1 er4 ling2 er4 er4 nian2 er4 shi2 yi1 hao4" },
	{ "10", "shi2" },
	{ "15", "shi2 wu3" },
	{ "20", "er4 shi2" },
	{ "105", "yi1 bai3 ling2 wu3" },
	{ "110", "yi1 bai3 yi1 shi2" },
	{ "1001", "yi1 qian1 ling2 yi1" },
	{ "10000", "yi1 wan4" },
	{ "120000", "shi2 er4 wan4" },
	{ "100005", "shi2 wan4 ling2 wu3" },
	{ "3,000,000", "san1 bai3 wan4" },
	{ "0.5", "ling2 dian3 wu3" },
	{ "88.00元", "ba1 shi2 ba1 yuan2" },
	{ "0.35元", "san1 jiao3 wu3 fen1" },
	{ "100.05元", "yi1 bai3 yuan2 ling2 wu3 fen1" },
	{ "120元", "yi1 bai3 er4 shi2 yuan2" },
	{ "５０％", "bai3 fen1 zhi1 wu3 shi2" },
	{ "2026-03-05", "er4 ling2 er4 liu4 nian2 san1 yue4 wu3 ri4" },
	{ "9:30", "jiu3 dian3 san1 shi2 fen1" },
	{ "第3条", "di4 san1 tiao2" },
	{ "13800001234", "yi1 san1 ba1 ling2 ling2 ling2 ling2 yi1 er4 san1 si4" },
	{ "（2023）", "er4 ling2 er4 san1 nian2" },
	{ "0818-5210123", "ling2 ba1 yi1 ba1 wu3 er4 yi1 ling2 yi1 er4 san1" },
	{ "3月5日至3月10日", "san1 yue4 wu3 ri4 zhi4 san1 yue4 shi2 ri4" },
	{ "共48户", "gong4 si4 shi2 ba1 hu4" },
};

/* Punctuation as pauses, letters spelled, symbols skipped. */
static const struct case_ pauses[] = {
	{ "银行，单位。", "yin2 hang2 , dan1 wei4 ." },
	{ "申请、受理；答复：", "shen1 qing3 , shou4 li3 , da2 fu4 ," },
	{ "公开！！！", "gong1 kai1 ." },
	{ "《条例》", "tiao2 li4" },
	{ "补贴，。", "bu3 tie1 ." },
	{ "QR码", "q r ma3" },
	{ "★银行", "yin2 hang2" },
	{ "通知\n\n公告", "tong1 zhi1 . gong1 gao4" },
	{ "", "" },
};

/* Compares one table of cases. */
static void check_table(const struct case_ *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t unread = 99;
		char *p = speech_text_pinyin(t[i].text, strlen(t[i].text), &unread);

		CHECK_STR(p, t[i].pinyin);
		CHECK_INT(unread, 0);
		free(p);
	}
}

/* The polyphone words. */
static void dictionary_words(void)
{
	CHECK(sizeof words / sizeof words[0] >= 200);
	check_table(words, sizeof words / sizeof words[0]);
}

/* Numbers and the like. */
static void numbers_read(void)
{
	char buf[128];

	check_table(numbers, sizeof numbers / sizeof numbers[0]);
	CHECK_STR(speech_text_number(0, buf, sizeof buf), "零");
	CHECK_STR(speech_text_number(1234, buf, sizeof buf), "一千二百三十四");
	CHECK_STR(speech_text_number(100000001, buf, sizeof buf), "一亿零一");
	CHECK_STR(speech_text_number(20300, buf, sizeof buf), "二万零三百");
	CHECK_STR(speech_text_number(1000000000000ULL, buf, sizeof buf), "一万亿");
}

/* Pauses and what is skipped. */
static void pauses_read(void)
{
	char *p;
	size_t unread = 0;

	check_table(pauses, sizeof pauses / sizeof pauses[0]);
	/* invalid bytes and a character without a reading never crash */
	p = speech_text_pinyin("银\xff\xfe行\xe4", 10, &unread);
	CHECK(p != NULL);
	free(p);
	p = speech_text_pinyin("\xef\xa8\x8e", 3, &unread); /* U+FA0E, no reading */
	CHECK_STR(p, "");
	CHECK_INT(unread, 1);
	free(p);
}

/* Counts Hanzi of text with no reading, printing the first few. */
static size_t count_unread(const char *name, const char *text, size_t len)
{
	size_t unread = 0, shown = 0;
	char *p = speech_text_pinyin(text, len, &unread);

	if (unread) {
		for (size_t i = 0; i < len && shown < 5;) {
			uint32_t cp;
			int l = width_decode(text + i, len - i, &cp);
			const char *r;

			if (pinyin_is_hanzi(cp) && !speech_text_char_reading(cp, &r)) {
				printf("  %s: U+%04X has no reading\n", name, (unsigned)cp);
				shown++;
			}
			i += (size_t)l;
		}
	}
	CHECK(strlen(p) > 0);
	free(p);
	return unread;
}

/* Reads every .txt of dir; returns how many files were read. */
static int read_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int files = 0;

	if (!d) {
		printf("  %s not found: run from the repository root\n", dir);
		return 0;
	}
	while ((e = readdir(d)) != NULL) {
		char path[1024], err[256];
		char *text = NULL;
		size_t len;

		if (!strstr(e->d_name, ".txt") || strcmp(e->d_name, "README.md") == 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (util_read_file(path, 1 << 24, &text, &len, err, sizeof err) != 0) {
			printf("  %s\n", err);
			CHECK(0);
			continue;
		}
		CHECK_INT(count_unread(e->d_name, text, len), 0);
		free(text);
		files++;
	}
	closedir(d);
	return files;
}

/* Every corpus document and demo body: no Hanzi without a reading. */
static void corpus_read(void)
{
	CHECK(read_dir("assets/corpus") >= 4);
	CHECK(read_dir("assets/demo-bundle/gongkai-bundle/bodies") >= 20);
}

/* Runs the tests. */
int main(void)
{
	TEST(dictionary_words);
	TEST(numbers_read);
	TEST(pauses_read);
	TEST(corpus_read);
	return CHECK_EXIT();
}
