#!/usr/bin/env python3
"""gen-pinyin.py - builds kiosk/pinyin_table.inc, the character-to-readings
table behind kiosk/pinyin.c, from Unihan (Debian package unicode-data) and
rime's pinyin_simp dictionary (Debian package rime-data-pinyin-simp).

Run it by hand after either package changes and commit its output; make does
not run it (a CI machine need not have python3):

    python3 scripts/gen-pinyin.py                 # writes kiosk/pinyin_table.inc
    python3 scripts/gen-pinyin.py --out FILE --unihan DIR --rime FILE

It prints coverage counts to stderr.  docs/PINYIN-DATA.md explains the
sources, their licences, the order in which they are consulted and the
surname table kept below.
"""

import argparse
import bz2
import collections
import io
import os
import re
import subprocess
import sys
import unicodedata
import zipfile

# Syllables a surname or compound surname is read with when it starts a
# personal name.  Only entries whose surname reading differs from the
# character's most common reading matter for the key; the others are kept so
# the table documents the usual pitfalls.  Sources: 现代汉语词典 entries marked
# 姓, 百家姓 readings.  Each reading is also added to the character's reading
# set if the data sources lack it.
SURNAMES = [
    # (surname, readings, why)
    ("单", "shan", "Shàn as a surname; dān is the common word"),
    ("曾", "zeng", "Zēng as a surname; céng is the common word"),
    ("解", "xie", "Xiè as a surname; jiě is the common word"),
    ("区", "ou", "Ōu as a surname; qū is the common word"),
    ("仇", "qiu", "Qiú as a surname; chóu is the common word"),
    ("朴", "piao", "Piáo as a surname (Korean Park); pǔ is the common word"),
    ("查", "zha", "Zhā as a surname; chá is the common word"),
    ("尉", "wei", "Wèi as a single surname; 尉迟 is Yùchí"),
    ("乐", "yue", "Yuè as a surname (Lè also occurs); lè is the common word"),
    ("盖", "ge", "Gě as a surname; gài is the common word"),
    ("缪", "miao", "Miào as a surname; miù is the common word"),
    ("覃", "qin", "Qín as a surname (Tán also occurs)"),
    ("重", "chong", "Chóng as a surname; zhòng is the common word"),
    ("召", "shao", "Shào as a surname; zhào is the common word"),
    ("种", "chong", "Chóng as a surname; zhǒng is the common word"),
    ("秘", "bi", "Bì as a surname; mì is the common word"),
    ("繁", "po", "Pó as a surname; fán is the common word"),
    ("折", "she", "Shé as a surname; zhé is the common word"),
    ("员", "yun", "Yùn as a surname; yuán is the common word"),
    ("翟", "zhai", "Zhái as a surname; dí is the other reading"),
    ("谌", "chen", "Chén as a surname (Shèn also occurs)"),
    ("宓", "fu", "Fú as a surname; mì is the common word"),
    ("隗", "wei", "Wěi as a surname; kuí is the other reading"),
    ("阚", "kan", "Kàn as a surname; hǎn is the other reading"),
    ("卜", "bu", "Bǔ as a surname; bo is the other reading"),
    ("蔚", "yu", "Yù as a surname; wèi is the common word"),
    ("郇", "xun", "Xún as a surname; huán is the other reading"),
    ("句", "gou", "Gōu as a surname; jù is the common word"),
    ("牟", "mou", "Móu as a surname; mù is the other reading"),
    ("祭", "zhai", "Zhài as a surname; jì is the common word"),
    ("粘", "nian", "Nián as a surname; zhān is the common word"),
    ("藏", "zang", "Zàng as a surname; cáng is the common word"),
    ("褚", "chu", "Chǔ as a surname; zhǔ is the other reading"),
    ("颉", "xie", "Xié as a surname; jié is the common reading"),
    ("沈", "shen", "Shěn as a surname; chén is the archaic reading"),
    ("薄", "bo", "Bó as a surname; báo is the colloquial word"),
    ("朝", "chao", "Cháo as a surname; zhāo is the other reading"),
    ("长", "chang", "Cháng as a surname; 长孙 is Zhǎngsūn"),
    ("便", "pian", "Pián as a surname; biàn is the common word"),
    ("都", "du", "Dū as a surname; dōu is the common word"),
    ("能", "nai", "Nài as a surname; néng is the common word"),
    ("费", "fei", "Fèi as a surname (Bì is an archaic reading)"),
    ("莘", "shen", "Shēn as a surname; xīn is the other reading"),
    ("乜", "nie", "Niè as a surname; miē is the common word"),
    ("厍", "she", "Shè as a surname"),
    ("燕", "yan", "Yān as a surname; yàn is the common word"),
    ("洗", "xian", "Xiǎn as a surname; xǐ is the common word"),
    ("逄", "pang", "Páng as a surname"),
    ("石", "shi", "Shí as a surname; dàn is the other reading"),
    ("陆", "lu", "Lù as a surname; liù is the financial numeral"),
    ("强", "qiang", "Qiáng as a surname"),
    ("万俟", "mo qi", "compound surname Mòqí; 万 alone is Wàn"),
    ("尉迟", "yu chi", "compound surname Yùchí; 尉 alone is Wèi"),
    ("长孙", "zhang sun", "compound surname Zhǎngsūn; 长 alone is Cháng"),
    ("澹台", "tan tai", "compound surname Tántái; 澹 is usually dàn"),
    # 单于 (Chányú) is left out on purpose: a name starting 单于 is far more
    # likely surname 单 (Shàn) with a given name starting 于.  Compound
    # surnames read like their parts (欧阳, 司马, 诸葛, 拓跋...) need no entry.
]

# Readings for ideographs that no source above gives a Mandarin reading,
# kept by hand with the reason.  The unit characters are read as the
# two-syllable words they abbreviate (现代汉语词典 lists them so); only the
# first syllable is used for matching.
SUPPLEMENT = [
    ("〇", "ling", "the ideographic zero, líng (现代汉语词典)"),
    ("兙", "shi", "十克 shíkè, decagram"),
    ("兡", "bai", "百克 bǎikè, hectogram"),
    ("瓧", "shi", "十瓦 shíwǎ, decawatt"),
    ("瓰", "fen", "分瓦 fēnwǎ, deciwatt"),
    ("瓱", "hao", "毫瓦 háowǎ, milliwatt"),
    ("瓼", "bai", "百瓦 bǎiwǎ, hectowatt"),
    ("甅", "li", "厘瓦 líwǎ, centiwatt"),
    ("嗧", "jia", "加仑 jiālún, gallon"),
]

UNICODE_NOTICE = """\
 * Unihan: Copyright (c) 1991-2022 Unicode, Inc. All rights reserved.
 * Distributed under the Terms of Use in https://www.unicode.org/copyright.html.
 * Permission is hereby granted, free of charge, to any person obtaining a copy
 * of the Unicode data files and any associated documentation (the "Data
 * Files") or Unicode software and any associated documentation (the
 * "Software") to deal in the Data Files or Software without restriction,
 * including without limitation the rights to use, copy, modify, merge,
 * publish, distribute, and/or sell copies of the Data Files or Software, and
 * to permit persons to whom the Data Files or Software are furnished to do
 * so, provided that either (a) this copyright and permission notice appear
 * with all copies of the Data Files or Software, or (b) this copyright and
 * permission notice appear in associated Documentation.
 * THE DATA FILES AND SOFTWARE ARE PROVIDED "AS IS", WITHOUT WARRANTY OF ANY
 * KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF
 * MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT OF
 * THIRD PARTY RIGHTS.  IN NO EVENT SHALL THE COPYRIGHT HOLDER OR HOLDERS
 * INCLUDED IN THIS NOTICE BE LIABLE FOR ANY CLAIM, OR ANY SPECIAL INDIRECT OR
 * CONSEQUENTIAL DAMAGES, OR ANY DAMAGES WHATSOEVER RESULTING FROM LOSS OF
 * USE, DATA OR PROFITS, WHETHER IN AN ACTION OF CONTRACT, NEGLIGENCE OR OTHER
 * TORTIOUS ACTION, ARISING OUT OF OR IN CONNECTION WITH THE USE OR
 * PERFORMANCE OF THE DATA FILES OR SOFTWARE.
 * Except as contained in this notice, the name of a copyright holder shall
 * not be used in advertising or otherwise to promote the sale, use or other
 * dealings in these Data Files or Software without prior written
 * authorization of the copyright holder.
"""

MODERN_FIELDS = ("kTGHZ2013", "kXHC1983")
VARIANT_FIELDS = ("kSemanticVariant", "kZVariant", "kSpecializedSemanticVariant",
                  "kTraditionalVariant", "kSimplifiedVariant")
LAST_CP = 0x323B0        # one past CJK Extension H
BLOCK_SHIFT = 6
BLOCK = 1 << BLOCK_SHIFT
# Entries of the block index: LAST_CP rounded up to a whole block, since
# LAST_CP need not be a multiple of BLOCK (0x323B0 is 48 code points into
# block 0xC8E; truncating left U+32380..U+323AF past the end of the index).
NINDEX = (LAST_CP + BLOCK - 1) >> BLOCK_SHIFT
GUESS_FLAG = 1 << 26
PRIMARY_SHIFT = 27


def die(msg):
    """Prints an error and exits."""
    sys.stderr.write("gen-pinyin: %s\n" % msg)
    sys.exit(1)


def open_unihan(unihan_dir, name):
    """Returns the text of one Unihan file, plain, .bz2 or inside Unihan.zip."""
    plain = os.path.join(unihan_dir, name)
    if os.path.exists(plain):
        return open(plain, encoding="utf-8").read()
    if os.path.exists(plain + ".bz2"):
        return bz2.open(plain + ".bz2", "rt", encoding="utf-8").read()
    z = os.path.join(unihan_dir, "Unihan.zip")
    if os.path.exists(z):
        with zipfile.ZipFile(z) as zf:
            return zf.read(name).decode("utf-8")
    die("cannot find %s in %s" % (name, unihan_dir))


def parse_unihan(text, fields):
    """Returns {code point: {field: value}} for the wanted fields."""
    out = collections.defaultdict(dict)
    for line in text.split("\n"):
        if not line.startswith("U+"):
            continue
        cp, field, value = line.split("\t", 2)
        if field in fields:
            out[int(cp[2:], 16)][field] = value
    return out


def toneless(reading):
    """Turns a pinyin reading with tone marks into a lowercase syllable with
    ü written v (lüe and nüe as lue and nue, the way input methods type them);
    returns None when the result is not plain letters."""
    s = unicodedata.normalize("NFD", reading.strip().lower())
    s = s.replace("u\u0308", "v")
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    if s in ("lve", "nve"):
        s = s[0] + "ue"
    if not re.fullmatch(r"[a-z]+", s):
        return None
    return s


def unihan_readings(fields):
    """Returns (modern, all) reading lists of one character, most usual first."""
    modern, hdz = [], []
    if "kMandarin" in fields:
        modern += fields["kMandarin"].split()
    if "kHanyuPinlu" in fields:
        pl = []
        for item in fields["kHanyuPinlu"].split():
            m = re.fullmatch(r"(.+)\((\d+)\)", item)
            if m:
                pl.append((-int(m.group(2)), m.group(1)))
        modern += [r for _, r in sorted(pl)]
    for f in MODERN_FIELDS:
        if f in fields:
            for part in fields[f].split():
                modern += part.split(":", 1)[1].split(",")
    if "kHanyuPinyin" in fields:
        for part in fields["kHanyuPinyin"].split():
            hdz += part.split(":", 1)[1].split(",")
    return modern, hdz


def parse_rime(path):
    """Returns {char: [(syllable, weight)]} for the single characters of a rime
    dictionary."""
    out = collections.defaultdict(list)
    body = False
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line == "...":
            body = True
            continue
        if not body or not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2 or len(parts[0]) != 1:
            continue
        w = 0
        if len(parts) > 2 and parts[2].strip().isdigit():
            w = int(parts[2])
        syl = parts[1].strip()
        if re.fullmatch(r"[a-z]+", syl):
            out[ord(parts[0])].append((syl, w))
    return out


def is_ideograph(cp):
    """Tells whether cp is a CJK ideograph (unified, compatibility, 〇)."""
    return (cp == 0x3007 or 0x3400 <= cp <= 0x4DBF or 0x4E00 <= cp <= 0x9FFF
            or 0xF900 <= cp <= 0xFAFF or 0x20000 <= cp < LAST_CP)


def package_version(pkg):
    """Returns the installed Debian version of pkg, or 'unknown'."""
    try:
        return subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg],
                              capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def definition_refs(defn):
    """Returns the characters a kDefinition calls this one a form of."""
    refs = [int(x, 16) for x in re.findall(r"U\+([0-9A-F]{4,5})", defn)]
    han = r"[\u3400-\u4DBF\u4E00-\u9FFF\U00020000-\U0003FFFF]"
    for m in re.finditer(r"(same as|form of|variant of|interchangeable with)"
                         r"\s*((?:" + han + r"\s*)+)", defn):
        refs += [ord(ch) for ch in m.group(2) if not ch.isspace()]
    return refs


def main():
    """Reads the sources, fills the gaps, and writes the C table."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--unihan", default="/usr/share/unicode")
    ap.add_argument("--rime", default="/usr/share/rime-data/pinyin_simp.dict.yaml")
    ap.add_argument("--out", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "kiosk", "pinyin_table.inc"))
    args = ap.parse_args()

    rd = parse_unihan(open_unihan(args.unihan, "Unihan_Readings.txt"),
                      ("kMandarin", "kHanyuPinlu", "kHanyuPinyin", "kCantonese",
                       "kDefinition") + MODERN_FIELDS)
    var = parse_unihan(open_unihan(args.unihan, "Unihan_Variants.txt"), VARIANT_FIELDS)
    rime = parse_rime(args.rime)

    # 1. Direct readings: rime (by weight), then Unihan.  Characters that a
    # modern dictionary (TGHZ 2013, XHC 1983) covers keep only modern
    # readings; the archaic readings of 汉语大字典 (kHanyuPinyin) are used for
    # the others only, so that 不 does not match "f" for fǒu.
    readings = {}
    source = collections.Counter()
    for cp in sorted(set(rd) | set(rime)):
        if not is_ideograph(cp):
            continue
        f = rd.get(cp, {})
        modern, hdz = unihan_readings(f)
        have_modern = any(x in f for x in MODERN_FIELDS)
        ordered = [s for s, _ in sorted(rime.get(cp, []), key=lambda t: -t[1])]
        rest = modern + ([] if have_modern else hdz)
        for r in rest:
            s = toneless(r)
            if s and s not in ordered:
                ordered.append(s)
        if ordered:
            readings[cp] = ordered
            source["rime+unihan" if cp in rime else "unihan"] += 1

    for text, syl, _why in SUPPLEMENT:
        cp = ord(text)
        if cp not in readings:
            readings[cp] = [syl]
            source["supplement"] += 1

    # Surname readings must be among the character's readings.
    surname_rows = []
    for text, syls, _why in SURNAMES:
        sl = syls.split()
        if len(sl) != len(text):
            die("surname %s: %d readings for %d characters" % (text, len(sl), len(text)))
        for ch, s in zip(text, sl):
            lst = readings.setdefault(ord(ch), [])
            if s not in lst:
                sys.stderr.write("gen-pinyin: added surname reading %s to %s\n" % (s, ch))
                lst.append(s)
        surname_rows.append(([ord(c) for c in text], sl))

    # 2. Compatibility ideographs read as the ideograph they decompose to.
    for cp in range(0xF900, 0xFB00):
        d = unicodedata.normalize("NFD", chr(cp))
        if cp not in readings and d != chr(cp) and ord(d) in readings:
            readings[cp] = list(readings[ord(d)])
            source["compat decomposition"] += 1
    for cp in range(0x2F800, 0x2FA20):
        d = unicodedata.normalize("NFD", chr(cp))
        if cp not in readings and d != chr(cp) and len(d) == 1 and ord(d) in readings:
            readings[cp] = list(readings[ord(d)])
            source["compat decomposition"] += 1

    # 3. Characters with no reading take those of a variant named in
    # Unihan_Variants, then of a character their kDefinition calls them a
    # form of ("same as 昆", "non-standard form of U+559C").
    def borrow(cp, refs, tag):
        got = []
        for r in refs:
            for s in readings.get(r, []):
                if s not in got:
                    got.append(s)
        if got:
            readings[cp] = got
            source[tag] += 1
            return True
        return False

    candidates = sorted(set(cp for cp in list(rd) + list(var) if is_ideograph(cp)))
    for cp in candidates:
        if cp in readings:
            continue
        refs = []
        for f in VARIANT_FIELDS:
            refs += [int(x, 16) for x in re.findall(r"U\+([0-9A-F]+)", var.get(cp, {}).get(f, ""))]
        if borrow(cp, refs, "variant"):
            continue
        borrow(cp, definition_refs(rd.get(cp, {}).get("kDefinition", "")), "definition")

    # 4. Last resort: guess the initial from the Cantonese reading, learning
    # which Mandarin initials go with each Cantonese syllable from the
    # characters that have both.  Guessed characters get an initials mask
    # but no syllables.
    model = collections.defaultdict(collections.Counter)
    for cp, lst in sorted(readings.items()):
        jy = rd.get(cp, {}).get("kCantonese")
        if not jy:
            continue
        inits = set(s[0] for s in lst)
        for j in jy.split():
            for key in (j, j.rstrip("0123456789")):
                model[key].update(inits)
    guessed = {}
    for cp in candidates:
        if cp in readings:
            continue
        jy = rd.get(cp, {}).get("kCantonese")
        if not jy:
            continue
        cnt = collections.Counter()
        for j in jy.split():
            cnt.update(model.get(j) or model.get(j.rstrip("0123456789")) or {})
        if not cnt:
            continue
        top = sorted(cnt.items(), key=lambda t: (-t[1], t[0]))
        letters = [top[0][0]] + [l for l, n in top[1:2] if n * 2 >= top[0][1]]
        guessed[cp] = letters
        source["cantonese guess"] += 1

    # Syllable ids, reading sets and the code point -> set table.
    syllables = sorted(set(s for lst in readings.values() for s in lst))
    syl_id = {s: i for i, s in enumerate(syllables)}
    sets = [None]                      # set 0: no data
    set_id = {}
    cp_set = {}
    for cp in sorted(set(readings) | set(guessed)):
        if cp in readings:
            key = ("r",) + tuple(readings[cp])
        else:
            key = ("g",) + tuple(guessed[cp])
        if key not in set_id:
            set_id[key] = len(sets)
            sets.append(key)
        cp_set[cp] = set_id[key]
    if len(sets) >= 65536:
        die("too many reading sets for uint16_t")

    set_info, set_first, set_syl = [0], [0], []
    for key in sets[1:]:
        letters = key[1:] if key[0] == "g" else [s[0] for s in key[1:]]
        mask = 0
        for l in letters:
            mask |= 1 << (ord(l[0]) - 97)
        info = mask | ((ord(letters[0][0]) - 97) << PRIMARY_SHIFT)
        if key[0] == "g":
            info |= GUESS_FLAG
        else:
            set_syl += [syl_id[s] for s in key[1:]]
        set_info.append(info)
        set_first.append(len(set_syl))
    # Set 0 has no syllables: first[0] == first[1] == 0.
    set_first.insert(0, 0)

    blocks = [tuple([0] * BLOCK)]
    block_id = {blocks[0]: 0}
    index = []
    for b in range(NINDEX):
        blk = tuple(cp_set.get((b << BLOCK_SHIFT) + i, 0) for i in range(BLOCK))
        if blk not in block_id:
            block_id[blk] = len(blocks)
            blocks.append(blk)
        index.append(block_id[blk])
    if len(index) << BLOCK_SHIFT < LAST_CP or max(cp_set) >= LAST_CP:
        die("block index does not cover every code point below 0x%X" % LAST_CP)

    surname_rows.sort()
    write_table(args.out, syllables, set_info, set_first, set_syl, index, blocks,
                [(cps, [syl_id[s] for s in sl]) for cps, sl in surname_rows],
                {"unicode-data": package_version("unicode-data"),
                 "rime-data-pinyin-simp": package_version("rime-data-pinyin-simp")})

    # Coverage report.
    for name, lo, hi in (("URO", 0x4E00, 0x9FFF), ("Ext-A", 0x3400, 0x4DBF),
                         ("Ext-B", 0x20000, 0x2A6DF), ("Ext-C..H", 0x2A700, LAST_CP - 1),
                         ("Compat", 0xF900, 0xFAFF)):
        n = sum(1 for cp in range(lo, hi + 1) if cp in cp_set)
        sys.stderr.write("gen-pinyin: %-8s %6d characters with initials\n" % (name, n))
    for k, v in sorted(source.items()):
        sys.stderr.write("gen-pinyin: from %-20s %6d\n" % (k, v))
    sys.stderr.write("gen-pinyin: %d syllables, %d reading sets, %d blocks\n"
                     % (len(syllables), len(sets), len(blocks)))
    nogb = [cp for cp in range(0x3400, 0x4DB6) if cp not in cp_set]
    nogb += [cp for cp in range(0x4E00, 0x9FA6) if cp not in cp_set]
    sys.stderr.write("gen-pinyin: GB18030 ideographs without data: %d: %s\n"
                     % (len(nogb), "".join(chr(c) for c in nogb)))


def c_rows(values, per_line=16, fmt="%d"):
    """Formats numbers as comma-separated C initializer lines."""
    lines = []
    for i in range(0, len(values), per_line):
        lines.append("\t" + ",".join(fmt % v for v in values[i:i + per_line]) + ",")
    return "\n".join(lines)


def write_table(path, syllables, set_info, set_first, set_syl, index, blocks,
                surnames, versions):
    """Writes the generated C include file."""
    out = io.StringIO()
    w = out.write
    w("/*\n * pinyin_table.inc - generated by scripts/gen-pinyin.py; do not edit.\n")
    w(" *\n * Modified data derived from the Unihan database (Debian unicode-data %s)\n"
      " * and from rime's pinyin_simp.dict.yaml (Debian rime-data-pinyin-simp %s,\n"
      " * Apache License 2.0, Copyright GONG Chen; derived from the Android Pinyin\n"
      " * IME).  The readings were converted to toneless syllables, reduced to\n"
      " * initials, combined and gap-filled; docs/PINYIN-DATA.md says how.\n *\n"
      % (versions["unicode-data"], versions["rime-data-pinyin-simp"]))
    w(UNICODE_NOTICE)
    w(" */\n\n")
    w("#define PINYIN_BLOCK_SHIFT %d\n" % BLOCK_SHIFT)
    w("#define PINYIN_LAST_CP 0x%X\n" % LAST_CP)
    w("#define PINYIN_NINDEX %d /* PINYIN_LAST_CP rounded up to whole blocks */\n"
      % len(index))
    w("#define PINYIN_GUESS_FLAG (1u << 26)\n")
    w("#define PINYIN_PRIMARY_SHIFT %d\n" % PRIMARY_SHIFT)
    w("#define PINYIN_NSYL %d\n#define PINYIN_NSET %d\n" % (len(syllables), len(set_info)))
    w("#define PINYIN_NSURNAME %d\n\n" % len(surnames))
    offs, pos = [], 0
    for s in syllables:
        offs.append(pos)
        pos += len(s) + 1
    w("/* Toneless syllables, NUL-separated; ü is written v. */\n")
    w("static const char pinyin_syl_text[] =\n")
    for i in range(0, len(syllables), 12):
        w("\t\"" + "".join(s + "\\0" for s in syllables[i:i + 12]) + "\"\n")
    w(";\n\n/* Offset of each syllable in pinyin_syl_text. */\n")
    w("static const uint16_t pinyin_syl_off[PINYIN_NSYL] = {\n%s\n};\n\n" % c_rows(offs))
    w("/* Per reading set: bits 0-25 initials a-z, bit 26 guessed (no syllables),\n"
      " * bits 27-31 the most likely initial (0 = a). Set 0 means no data. */\n")
    w("static const uint32_t pinyin_set_info[PINYIN_NSET] = {\n%s\n};\n\n"
      % c_rows(set_info, 8, "0x%08x"))
    w("/* Set i's syllable ids are pinyin_set_syl[first[i] .. first[i + 1]). */\n")
    w("static const uint16_t pinyin_set_first[PINYIN_NSET + 1] = {\n%s\n};\n\n"
      % c_rows(set_first))
    w("/* Syllable ids of every set, most likely reading first. */\n")
    w("static const uint16_t pinyin_set_syl[%d] = {\n%s\n};\n\n"
      % (len(set_syl), c_rows(set_syl, 20)))
    w("/* Block number of each run of %d code points from U+0000. */\n" % BLOCK)
    w("static const uint16_t pinyin_block_index[PINYIN_NINDEX] = {\n"
      "%s\n};\n\n" % c_rows(index, 32))
    w("/* Reading set of each code point in a block; block 0 is empty. */\n")
    w("static const uint16_t pinyin_blocks[%d][1 << PINYIN_BLOCK_SHIFT] = {\n" % len(blocks))
    for blk in blocks:
        w("\t{" + ",".join("%d" % v for v in blk) + "},\n")
    w("};\n\n")
    w("/* Surnames whose reading differs, sorted by code points; cp[1] == 0 for a\n"
      " * single-character surname. */\n")
    w("static const struct pinyin_surname pinyin_surnames[PINYIN_NSURNAME] = {\n")
    for cps, ids in surnames:
        c2 = cps[1] if len(cps) > 1 else 0
        s2 = ids[1] if len(ids) > 1 else 0
        w("\t{{0x%X, 0x%X}, {%d, %d}}, /* %s */\n"
          % (cps[0], c2, ids[0], s2, "".join(chr(c) for c in cps)))
    w("};\n")
    with open(path, "w", encoding="utf-8") as f:
        f.write(out.getvalue())


if __name__ == "__main__":
    main()
