#!/usr/bin/env python3
"""gen-pinyin-tone.py - builds kiosk/pinyin_tone.inc, the toned readings behind
kiosk/speech_text.c (read-aloud): one default reading per character and the
words of rime's pinyin_simp dictionary with a toned reading per syllable.

Sources (both already used by scripts/gen-pinyin.py, see docs/PINYIN-DATA.md):
  - rime pinyin_simp.dict.yaml (rime-data-pinyin-simp, Apache-2.0): which
    words exist and which syllable each character takes in each word, but
    without tones;
  - Unihan_Readings.txt (unicode-data, Unicode licence): the toned readings of
    each character (kMandarin, kHanyuPinlu with frequencies, kXHC1983,
    kTGHZ2013, kHanyuPinyin).
A word's syllable gets the tone of the character's toned reading that spells
that syllable, the most frequent one (kHanyuPinlu) when several do; the
OVERRIDES below (readings of 现代汉语词典) settle words where that guess is
wrong.  Run by hand and commit the output; make never runs it:

    python3 scripts/gen-pinyin-tone.py [--out FILE] [--unihan DIR] [--rime FILE]
"""

import argparse
import bz2
import collections
import os
import re
import subprocess
import sys
import unicodedata

# Words whose tones the frequency rule gets wrong (readings of 现代汉语词典).
# A word listed here is added when rime lacks it.
OVERRIDES = {
    "的确": "di2 que4", "目的": "mu4 di4", "为了": "wei4 le5", "因为": "yin1 wei4",
    "作为": "zuo4 wei2", "认为": "ren4 wei2", "行为": "xing2 wei2", "成为": "cheng2 wei2",
    "为民": "wei4 min2", "为人民": "wei4 ren2 min2", "更新": "geng1 xin1",
    "更加": "geng4 jia1", "应当": "ying1 dang1", "应该": "ying1 gai1", "相应": "xiang1 ying4",
    "适当": "shi4 dang4", "当年": "dang1 nian2", "当天": "dang1 tian1", "当日": "dang1 ri4",
    "好处": "hao3 chu4", "处理": "chu3 li3", "处罚": "chu3 fa2", "办事处": "ban4 shi4 chu4",
    "数量": "shu4 liang4", "数据": "shu4 ju4", "人数": "ren2 shu4", "户数": "hu4 shu4",
    "种植": "zhong4 zhi2", "种类": "zhong3 lei4", "种子": "zhong3 zi5", "各种": "ge4 zhong3",
    "发放": "fa1 fang4", "头发": "tou2 fa4", "干部": "gan4 bu4", "干净": "gan1 jing4",
    "教育": "jiao4 yu4", "教师": "jiao4 shi1", "少年": "shao4 nian2", "多少": "duo1 shao3",
    "只有": "zhi3 you3", "只是": "zhi3 shi4", "一只": "yi4 zhi1", "几乎": "ji1 hu1",
    "分配": "fen1 pei4", "部分": "bu4 fen5", "身份": "shen1 fen4", "充分": "chong1 fen4",
    "正月": "zheng1 yue4", "供应": "gong1 ying4", "提供": "ti2 gong1", "供给": "gong1 ji3",
    "给予": "ji3 yu3", "空间": "kong1 jian1", "空白": "kong4 bai2", "时间": "shi2 jian1",
    "中间": "zhong1 jian1", "间隔": "jian4 ge2", "看护": "kan1 hu4", "看守": "kan1 shou3",
    "要求": "yao1 qiu2", "重要": "zhong4 yao4", "重新": "chong2 xin1", "重复": "chong2 fu4",
    "兴趣": "xing4 qu4", "高兴": "gao1 xing4", "中奖": "zhong4 jiang3", "中标": "zhong4 biao1",
    "结果": "jie2 guo3", "结实": "jie1 shi5", "号召": "hao4 zhao4", "调查": "diao4 cha2",
    "调整": "tiao2 zheng3", "强调": "qiang2 diao4", "了解": "liao3 jie3", "为止": "wei2 zhi3",
    "便宜": "pian2 yi5", "方便": "fang1 bian4", "地方": "di4 fang1", "得到": "de2 dao4",
    "记得": "ji4 de5", "觉得": "jue2 de5", "还有": "hai2 you3", "还款": "huan2 kuan3",
    "归还": "gui1 huan2", "退还": "tui4 huan2", "长大": "zhang3 da4", "县长": "xian4 zhang3",
    "村长": "cun1 zhang3", "增长": "zeng1 zhang3", "长期": "chang2 qi1", "银行": "yin2 hang2",
    "行政": "xing2 zheng4", "执行": "zhi2 xing2", "单位": "dan1 wei4", "补贴": "bu3 tie1",
    "参加": "can1 jia1", "人参": "ren2 shen1", "率先": "shuai4 xian1", "比率": "bi3 lv4",
    "效率": "xiao4 lv4", "利率": "li4 lv4", "传统": "chuan2 tong3", "传记": "zhuan4 ji4",
    "差别": "cha1 bie2", "出差": "chu1 chai1", "差不多": "cha4 bu5 duo1", "参差": "cen1 ci1",
    "曾经": "ceng2 jing1", "尽管": "jin3 guan3", "尽量": "jin3 liang4", "尽快": "jin3 kuai4",
    "似的": "shi4 de5", "相似": "xiang1 si4", "和平": "he2 ping2", "暖和": "nuan3 huo5",
    "累计": "lei3 ji4", "积累": "ji1 lei3", "劳累": "lao2 lei4", "朝阳": "zhao1 yang2",
    "朝向": "chao2 xiang4", "着手": "zhuo2 shou3", "着急": "zhao2 ji2", "着重": "zhuo2 zhong4",
    "没有": "mei2 you3", "淹没": "yan1 mo4", "答应": "da1 ying5", "答复": "da2 fu4",
    "回答": "hui2 da2", "假期": "jia4 qi1", "请假": "qing3 jia4", "假如": "jia3 ru2",
    "还是": "hai2 shi4", "模样": "mu2 yang4", "模式": "mo2 shi4", "规模": "gui1 mo2",
    "大夫": "dai4 fu5", "宁可": "ning4 ke3", "安宁": "an1 ning2", "降低": "jiang4 di1",
    "投降": "tou2 xiang2", "扇子": "shan4 zi5", "便利": "bian4 li4", "处所": "chu4 suo3",
    "薄弱": "bo2 ruo4", "剥削": "bo1 xue1", "削减": "xue1 jian3", "给付": "ji3 fu4",
    "发给": "fa1 gei3", "缴纳": "jiao3 na4", "自行": "zi4 xing2", "一行": "yi4 hang2",
    "行业": "hang2 ye4", "分行": "fen1 hang2", "支行": "zhi1 hang2", "农行": "nong2 hang2",
    "工行": "gong1 hang2", "建行": "jian4 hang2", "中行": "zhong1 hang2",
    "农业银行": "nong2 ye4 yin2 hang2", "信用社": "xin4 yong4 she4",
    "理发": "li3 fa4", "干旱": "gan1 han4", "适应": "shi4 ying4", "上当": "shang4 dang4",
    "变更": "bian4 geng1", "振兴": "zhen4 xing1", "获得": "huo4 de2", "参与": "can1 yu4",
    "差距": "cha1 ju4", "差异": "cha1 yi4", "灾难": "zai1 nan4", "难民": "nan4 min2",
    "困难": "kun4 nan5", "困难群众": "kun4 nan5 qun2 zhong4", "取得": "qu3 de2", "应用": "ying4 yong4", "反应": "fan3 ying4",
    "响应": "xiang3 ying4", "对应": "dui4 ying4", "应急": "ying4 ji2", "应对": "ying4 dui4",
    "应届": "ying1 jie4", "中央": "zhong1 yang1", "中心": "zhong1 xin1",
    "好的": "hao3 de5", "爱好": "ai4 hao4", "号码": "hao4 ma3", "号召": "hao4 zhao4",
    "分量": "fen4 liang4", "成分": "cheng2 fen4", "过分": "guo4 fen4", "分别": "fen1 bie2",
    "处于": "chu3 yu2", "相处": "xiang1 chu3", "到处": "dao4 chu4", "各处": "ge4 chu4",
    "少数": "shao3 shu4", "数学": "shu4 xue2", "数一数": "shu3 yi1 shu3",
    "看见": "kan4 jian4", "看到": "kan4 dao4", "看法": "kan4 fa3", "空闲": "kong4 xian2",
    "空地": "kong4 di4", "正在": "zheng4 zai4", "将来": "jiang1 lai2", "将军": "jiang1 jun1",
    "相关": "xiang1 guan1", "照相": "zhao4 xiang4", "首相": "shou3 xiang4",
    "间断": "jian4 duan4", "间接": "jian4 jie1", "一般": "yi4 ban1", "几个": "ji3 ge4",
    "茶几": "cha2 ji1", "几乎": "ji1 hu1", "冲突": "chong1 tu1", "担任": "dan1 ren4",
    "负担": "fu4 dan4", "重担": "zhong4 dan4", "称号": "cheng1 hao4", "相称": "xiang1 chen4",
    "对称": "dui4 chen4", "解散": "jie3 san4", "散步": "san4 bu4", "划分": "hua4 fen1",
    "计划": "ji4 hua4", "规划": "gui1 hua4", "冲击": "chong1 ji1", "发行": "fa1 xing2",
    "头发": "tou2 fa4", "干事": "gan4 shi5", "干活": "gan4 huo2", "树干": "shu4 gan4",
    "干燥": "gan1 zao4", "饼干": "bing3 gan1", "教学": "jiao4 xue2", "教授": "jiao4 shou4",
    "请教": "qing3 jiao4", "要是": "yao4 shi4", "主要": "zhu3 yao4", "需要": "xu1 yao4",
    "只要": "zhi3 yao4", "供养": "gong1 yang3", "供销": "gong1 xiao1", "口供": "kou3 gong4",
    "测量": "ce4 liang2", "商量": "shang1 liang5", "质量": "zhi4 liang4", "丈量": "zhang4 liang2",
    "把握": "ba3 wo4", "倒是": "dao4 shi4", "倒闭": "dao3 bi4", "颠倒": "dian1 dao3",
    "为主": "wei2 zhu3", "为止": "wei2 zhi3", "为此": "wei4 ci3", "为何": "wei4 he2",
    "以为": "yi3 wei2", "称为": "cheng1 wei2", "视为": "shi4 wei2", "更改": "geng1 gai3",
    "更换": "geng1 huan4", "更正": "geng1 zheng4", "当作": "dang4 zuo4", "当成": "dang4 cheng2",
    "恰当": "qia4 dang4", "妥当": "tuo3 dang4", "典当": "dian3 dang4", "当时": "dang1 shi2",
    "兴旺": "xing1 wang4", "兴起": "xing1 qi3", "复兴": "fu4 xing1", "新兴": "xin1 xing1",
    "参与者": "can1 yu4 zhe3", "与会": "yu4 hui4",
}

# Single characters whose most usual reading in the kiosk's texts differs
# from Unihan's kMandarin (which lists the first reading of a heteronym).
CHAR_OVERRIDES = {
    "的": "de5", "了": "le5", "着": "zhe5", "地": "di4", "得": "de2", "个": "ge4",
    "行": "xing2", "长": "chang2", "重": "zhong4", "还": "hai2", "为": "wei2",
    "和": "he2", "都": "dou1", "会": "hui4", "要": "yao4", "说": "shuo1", "少": "shao3",
    "只": "zhi3", "种": "zhong3", "数": "shu4", "处": "chu4", "应": "ying1", "当": "dang1",
    "发": "fa1", "干": "gan4", "便": "bian4", "传": "chuan2", "调": "diao4", "转": "zhuan3",
    "更": "geng4", "相": "xiang1", "分": "fen1", "空": "kong1", "看": "kan4", "好": "hao3",
    "乐": "le4", "将": "jiang1", "间": "jian1", "号": "hao4", "中": "zhong1", "一": "yi1",
    "不": "bu4", "〇": "ling2", "零": "ling2", "正": "zheng4", "差": "cha4", "率": "lv4",
    "省": "sheng3", "县": "xian4", "区": "qu1", "单": "dan1", "曾": "ceng2", "参": "can1",
    "角": "jiao3", "斗": "dou4", "系": "xi4", "假": "jia3", "给": "gei3", "没": "mei2",
    "那": "na4", "哪": "na3", "么": "me5", "们": "men5", "吗": "ma5", "呢": "ne5", "吧": "ba5",
    "啊": "a5", "似": "si4", "藏": "cang2", "降": "jiang4", "模": "mo2", "累": "lei4",
    "量": "liang4", "几": "ji3", "供": "gong1", "教": "jiao4", "兴": "xing1", "结": "jie2",
    "答": "da2", "尽": "jin4", "朝": "chao2", "薄": "bao2", "削": "xue1", "宁": "ning2",
    "冲": "chong1", "奇": "qi2", "卡": "ka3", "恶": "e4", "落": "luo4", "露": "lu4",
    "血": "xue4", "剥": "bo1", "缝": "feng4", "强": "qiang2", "丧": "sang4", "难": "nan2",
    "散": "san4", "称": "cheng1", "待": "dai4", "担": "dan1", "把": "ba3", "肚": "du4",
    "大": "da4", "上": "shang4", "下": "xia4", "期": "qi1", "其": "qi2", "车": "che1",
    "广": "guang3", "乘": "cheng2", "石": "shi2", "否": "fou3", "据": "ju4", "校": "xiao4",
}

# Suffixes read in the neutral tone at the end of a word (孩子, 我们, 什么).
NEUTRAL_SUFFIX = "子们么"

TONE_MARKS = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}
LAST_CP = 0x323B0


def die(msg):
    """Prints an error and exits."""
    sys.stderr.write("gen-pinyin-tone: %s\n" % msg)
    sys.exit(1)


def open_unihan(unihan_dir, name):
    """Returns the text of one Unihan file, plain or .bz2."""
    plain = os.path.join(unihan_dir, name)
    if os.path.exists(plain):
        return open(plain, encoding="utf-8").read()
    if os.path.exists(plain + ".bz2"):
        return bz2.open(plain + ".bz2", "rt", encoding="utf-8").read()
    die("cannot find %s in %s" % (name, unihan_dir))
    return ""


def toned(reading):
    """Turns 'háng' into 'hang2' (ü as v, neutral tone 5); None if not pinyin."""
    s = unicodedata.normalize("NFD", reading.strip().lower())
    s = s.replace("u\u0308", "v")
    tone = 5
    out = []
    for ch in s:
        if ch in TONE_MARKS:
            tone = TONE_MARKS[ch]
        elif not unicodedata.combining(ch):
            out.append(ch)
    base = "".join(out)
    if base in ("lve", "nve"):
        base = base[0] + "ue"
    if not re.fullmatch(r"[a-z]+", base):
        return None
    return "%s%d" % (base, tone)


def char_readings(fields):
    """Returns the toned readings of one character, most usual first."""
    out = []

    def add(r):
        t = toned(r)
        if t and t not in out:
            out.append(t)
    if "kMandarin" in fields:
        for r in fields["kMandarin"].split():
            add(r)
    if "kHanyuPinlu" in fields:
        pl = []
        for item in fields["kHanyuPinlu"].split():
            m = re.fullmatch(r"(.+)\((\d+)\)", item)
            if m:
                pl.append((-int(m.group(2)), m.group(1)))
        for _, r in sorted(pl):
            add(r)
    for f in ("kXHC1983", "kTGHZ2013", "kHanyuPinyin"):
        if f in fields:
            for part in fields[f].split():
                for r in part.split(":", 1)[1].split(","):
                    add(r)
    return out


def pinlu_order(fields):
    """Returns the toned readings of kHanyuPinlu, most frequent first."""
    pl = []
    for item in fields.get("kHanyuPinlu", "").split():
        m = re.fullmatch(r"(.+)\((\d+)\)", item)
        if m:
            t = toned(m.group(1))
            if t:
                pl.append((-int(m.group(2)), t))
    return [t for _, t in sorted(pl)]


def parse_rime(path):
    """Returns {word: (toneless syllables, weight)} keeping each word's
    heaviest reading, and {char: [(syllable, weight)]}."""
    words, chars = {}, collections.defaultdict(list)
    body = False
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line == "...":
            body = True
            continue
        if not body or not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        w = int(parts[2]) if len(parts) > 2 and parts[2].strip().isdigit() else 0
        syls = parts[1].split()
        if len(syls) != len(parts[0]) or not all(re.fullmatch(r"[a-z]+", s) for s in syls):
            continue
        if len(parts[0]) == 1:
            chars[parts[0]].append((syls[0], w))
            continue
        if parts[0] not in words or words[parts[0]][1] < w:
            words[parts[0]] = (syls, w)
    return words, chars


def pick_tone(ch, syl, last, readings, pinlu):
    """Returns the toned form of syllable syl for character ch, or None: the
    most frequent full tone that spells syl (a neutral tone only for the
    suffixes of NEUTRAL_SUFFIX at the end of a word, or when nothing else
    spells syl)."""
    order = [r for r in pinlu if r[:-1] == syl] + [r for r in readings if r[:-1] == syl]
    if last and ch in NEUTRAL_SUFFIX and syl + "5" in order:
        return syl + "5"
    full = [r for r in order if not r.endswith("5")]
    if full:
        order = full
    return order[0] if order else None


def package_version(pkg):
    """Returns the installed Debian version of pkg, or 'unknown'."""
    try:
        return subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg],
                              capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def c_str(text):
    """Returns text (UTF-8 kept as is) as the body of a C string literal."""
    return (text.replace("\\", "\\\\").replace('"', '\\"')
            .replace("\0", "\\000"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--unihan", default="/usr/share/unicode")
    ap.add_argument("--rime", default="/usr/share/rime-data/pinyin_simp.dict.yaml")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..",
                                                  "kiosk", "pinyin_tone.inc"))
    a = ap.parse_args()

    uni = collections.defaultdict(dict)
    want = ("kMandarin", "kHanyuPinlu", "kXHC1983", "kTGHZ2013", "kHanyuPinyin")
    for line in open_unihan(a.unihan, "Unihan_Readings.txt").split("\n"):
        if not line.startswith("U+"):
            continue
        cp, field, value = line.split("\t", 2)
        if field in want:
            uni[int(cp[2:], 16)][field] = value
    words, rchars = parse_rime(a.rime)

    # Single characters: override, else rime's heaviest syllable spelled
    # with its most frequent tone, else kMandarin's first reading.
    chars = {}
    for cp, f in uni.items():
        rd = char_readings(f)
        if not rd:
            continue
        ch = chr(cp)
        best = rd[0]
        if ch in rchars:
            syl = max(rchars[ch], key=lambda sw: sw[1])[0]
            t = pick_tone(ch, syl, True, rd, pinlu_order(f))
            if t and "kMandarin" not in f:
                best = t
        chars[cp] = best
    for ch, r in CHAR_OVERRIDES.items():
        chars[ord(ch)] = r

    table = {}
    dropped = 0
    for w, (syls, _) in words.items():
        out = []
        for i, (ch, s) in enumerate(zip(w, syls)):
            f = uni.get(ord(ch), {})
            t = pick_tone(ch, s, i == len(w) - 1, char_readings(f), pinlu_order(f))
            if t is None:
                break
            out.append(t)
        if len(out) != len(w):
            dropped += 1
            continue
        table[w] = out
    for w, r in OVERRIDES.items():
        table[w] = r.split()
        if len(table[w]) != len(w):
            die("override %s has %d syllables" % (w, len(table[w])))

    syl_set = sorted(set(chars.values()) | {s for r in table.values() for s in r})
    syl_id = {s: i for i, s in enumerate(syl_set)}
    if len(syl_set) >= 65536:
        die("too many syllables")

    with open(a.out, "w", encoding="utf-8") as o:
        o.write("/* Generated by scripts/gen-pinyin-tone.py; do not edit.\n"
                " * Sources: Unihan_Readings.txt (unicode-data %s, Unicode licence,\n"
                " * notice in docs/PINYIN-DATA.md) and rime pinyin_simp.dict.yaml\n"
                " * (rime-data-pinyin-simp %s, Apache-2.0, Copyright GONG Chen),\n"
                " * modified: toneless word readings given tones from Unihan. */\n"
                % (package_version("unicode-data"), package_version("rime-data-pinyin-simp")))
        o.write("#define PT_NSYL %d\n" % len(syl_set))
        o.write("static const char *const pt_syl[PT_NSYL] = {\n")
        for i in range(0, len(syl_set), 10):
            o.write("  " + " ".join('"%s",' % s for s in syl_set[i:i + 10]) + "\n")
        o.write("};\n")
        cps = sorted(chars)
        o.write("#define PT_NCHAR %d\n" % len(cps))
        o.write("static const uint32_t pt_char_cp[PT_NCHAR] = {\n")
        for i in range(0, len(cps), 10):
            o.write("  " + " ".join("0x%x," % c for c in cps[i:i + 10]) + "\n")
        o.write("};\nstatic const uint16_t pt_char_syl[PT_NCHAR] = {\n")
        for i in range(0, len(cps), 16):
            o.write("  " + " ".join("%d," % syl_id[chars[c]] for c in cps[i:i + 16]) + "\n")
        o.write("};\n")
        # Words sorted by their UTF-8 bytes; each entry: the offset of the
        # word in pt_word_text (NUL-terminated) and of its syllables in
        # pt_word_syl (as many as the word has characters).
        ws = sorted(table, key=lambda w: w.encode("utf-8"))
        text = bytearray()
        offs, soffs, syl_ids = [], [], []
        for w in ws:
            offs.append(len(text))
            text += w.encode("utf-8") + b"\0"
            soffs.append(len(syl_ids))
            syl_ids += [syl_id[s] for s in table[w]]
        maxlen = max(len(w) for w in ws)
        o.write("#define PT_NWORD %d\n#define PT_WORD_MAXCHARS %d\n" % (len(ws), maxlen))
        o.write("static const char pt_word_text[] =\n")
        for i in range(0, len(ws), 8):
            chunk = "".join(w + "\0" for w in ws[i:i + 8])
            o.write('  "%s"\n' % c_str(chunk))
        o.write("  ;\nstatic const uint32_t pt_word_off[PT_NWORD] = {\n")
        for i in range(0, len(offs), 10):
            o.write("  " + " ".join("%d," % x for x in offs[i:i + 10]) + "\n")
        o.write("};\nstatic const uint32_t pt_word_syloff[PT_NWORD] = {\n")
        for i in range(0, len(soffs), 10):
            o.write("  " + " ".join("%d," % x for x in soffs[i:i + 10]) + "\n")
        o.write("};\nstatic const uint16_t pt_word_syl[] = {\n")
        for i in range(0, len(syl_ids), 16):
            o.write("  " + " ".join("%d," % x for x in syl_ids[i:i + 16]) + "\n")
        o.write("};\n")
    sys.stderr.write("gen-pinyin-tone: %d characters, %d words (%d without a toned "
                     "reading dropped), %d syllables\n"
                     % (len(chars), len(table), dropped, len(syl_set)))


if __name__ == "__main__":
    main()
