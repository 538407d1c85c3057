#!/bin/sh
# demo_bundle.sh - checks the committed demo bundle and configuration, the
# bundle-signing helper (scripts/make-bundle.sh), the privacy scanner and the
# subsidy generator (build/bench/gen_subsidies). Needs no importer.
cd "$(dirname "$0")/../.." || exit 3
B=${GK_BUILD:-build}
BUNDLE=assets/demo-bundle/gongkai-bundle
PUB=assets/demo-keys/office.pub
KEY=assets/demo-keys/office.key
GEN=$B/bench/gen_subsidies
tmp=$(mktemp -d /tmp/gk-demo-bundle.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

ok() { echo "PASS: $1"; }
bad() { echo "FAIL: $1"; }
check() { # name command...
	n=$1
	shift
	if "$@" >"$tmp/out" 2>&1; then ok "$n"; else bad "$n"; sed 's/^/  /' "$tmp/out" | head -n 20; fi
}

# --- the committed demo bundle ---
check "demo bundle: every listed file has its hash" \
	sh -c "cd $BUNDLE && sha256sum --quiet -c manifest.txt"
check "demo bundle: signature verifies with the demo key" \
	minisign -V -q -p "$PUB" -x "$BUNDLE/manifest.txt.minisig" -m "$BUNDLE/manifest.txt"
check "demo bundle: every file of the bundle is listed" sh -c "
	cd $BUNDLE && find . -type f ! -name 'manifest.txt*' | sed 's|^\./||' | sort >$tmp/files &&
	grep -v '^#' manifest.txt | sed 's/^[0-9a-f]*  //' | sort >$tmp/listed &&
	cmp $tmp/files $tmp/listed"
check "demo bundle: headers say version 1, the issuer and sequence 1, no encoding" sh -c "
	m=$BUNDLE/manifest.txt
	[ \"\$(sed -n 1p \$m)\" = '# gongkai-bundle 1' ] &&
	grep -qx '# issuer: 宣汉县人民政府办公室' \$m && grep -qx '# sequence: 1' \$m &&
	grep -q '^# created: 20[0-9][0-9]-[01][0-9]-[0-3][0-9]T' \$m && ! grep -q '^# encoding' \$m"
check "demo bundle: subsidies.csv is GB18030, not UTF-8" sh -c "
	! iconv -f UTF-8 -t UTF-8 $BUNDLE/subsidies.csv >/dev/null 2>&1 &&
	iconv -f GB18030 -t UTF-8 $BUNDLE/subsidies.csv >$tmp/sub.csv"
check "demo bundle: subsidies.csv has the spec's header, CRLF rows and about 4000 rows" sh -c "
	head -n 1 $tmp/sub.csv | grep -qx '补贴项目,年度,批次,乡镇,村(社区),姓名,身份证号,补贴依据,发放金额,发放日期,资金来源,一卡通账号.' &&
	[ \$(wc -l <$tmp/sub.csv) -eq 4001 ] && [ \$(grep -c \"\$(printf '\r')\$\" $tmp/sub.csv) -eq 4001 ]"
check "demo bundle: sentinel people and namesakes are in subsidies.csv" sh -c "
	for n in 王芳 李秀英 欧阳明 刘䶮 单德发 曾国藩; do grep -q \",\$n,\" $tmp/sub.csv || exit 1; done
	[ \$(grep ',王芳,' $tmp/sub.csv | cut -d, -f4,5 | sort -u | wc -l) -ge 3 ]"
check "demo bundle: amounts with thousands separators are quoted" sh -c "
	grep -q ',\"[0-9]*,[0-9][0-9][0-9]\\.[0-9][0-9]\",' $tmp/sub.csv &&
	! grep -q ',[0-9]*,[0-9][0-9][0-9]\\.[0-9][0-9],20' $tmp/sub.csv"
check "demo bundle: every subsidy row carries a full id and account (the importer masks them)" \
	sh -c "[ \$(sh scripts/privacy-scan.sh $BUNDLE/subsidies.csv | wc -l) -eq 8000 ]"
check "demo bundle: no id or card number in any published text" \
	sh scripts/privacy-scan.sh "$BUNDLE"/bodies/*.txt "$BUNDLE/bulletins.csv" \
	"$BUNDLE/guides.csv" "$BUNDLE/qa.csv" "$BUNDLE/calendar.csv"
check "demo bundle: every 正文 of bulletins.csv is a file of the bundle" sh -c "
	tail -n +2 $BUNDLE/bulletins.csv | cut -d, -f10 | tr -d '\r' | while read -r b; do
		grep -q \"  \$b\$\" $BUNDLE/manifest.txt || { echo \"\$b\"; exit 1; }; done"
check "demo bundle: bulletins have 失效 and 废止 documents and interpretations naming them" sh -c "
	grep -q ',废止,' $BUNDLE/bulletins.csv && grep -q ',失效,' $BUNDLE/bulletins.csv &&
	[ \$(grep -c ',政策解读,.*,5117220[0-9]*/20[0-9]*-[0-9]*,' $BUNDLE/bulletins.csv) -ge 3 ]"
check "demo bundle: calendar 休息日 are weekdays and 工作日 are weekends" sh -c "
	tail -n +2 $BUNDLE/calendar.csv | while IFS=, read -r d t; do
		w=\$(date -d \"\$d\" +%u) || exit 1
		case \$t in 休息日) [ \$w -le 5 ] ;; 工作日) [ \$w -ge 6 ] ;; *) false ;; esac || { echo \"\$d \$t\"; exit 1; }
	done && grep -q '^2026-02-16,休息日' $BUNDLE/calendar.csv && grep -q '^2025-09-28,工作日' $BUNDLE/calendar.csv"

# --- configuration ---
check "demo.conf trusts exactly the demo public key" sh -c "
	k=\$(sed -n 2p $PUB) && grep -qx \"bundle_pubkey = \$k\" assets/demo.conf"
check "kiosk.conf ships no usable key" sh -c "
	grep -qx 'bundle_pubkey = REPLACE-WITH-COUNTY-KEY' assets/kiosk.conf &&
	! grep -q \"\$(sed -n 2p $PUB)\" assets/kiosk.conf"

# --- scripts/make-bundle.sh ---
mkdir -p "$tmp/b/gongkai-bundle/bodies"
printf '日期,类型\n2026-10-01,休息日\n' >"$tmp/b/gongkai-bundle/calendar.csv"
printf '正文\n' >"$tmp/b/gongkai-bundle/bodies/a.txt"
check "make-bundle.sh: signs a bundle that verifies" sh -c "
	sh scripts/make-bundle.sh --encoding UTF-8 $tmp/b/gongkai-bundle $KEY 7 &&
	cd $tmp/b/gongkai-bundle && sha256sum --quiet -c manifest.txt &&
	minisign -V -q -p $PWD/$PUB -m manifest.txt &&
	grep -qx '# sequence: 7' manifest.txt && grep -qx '# encoding: UTF-8' manifest.txt &&
	[ \$(grep -vc '^#' manifest.txt) -eq 2 ]"
check "make-bundle.sh: a changed file no longer matches its hash" sh -c "
	cp -r $tmp/b $tmp/t && printf '2026-10-02,休息日\n' >>$tmp/t/gongkai-bundle/calendar.csv &&
	cd $tmp/t/gongkai-bundle && ! sha256sum --quiet -c manifest.txt 2>/dev/null"
check "make-bundle.sh: an edited manifest no longer verifies" sh -c "
	cp -r $tmp/b $tmp/e && sed -i 's/^# sequence: 7/# sequence: 70/' $tmp/e/gongkai-bundle/manifest.txt &&
	! minisign -V -q -p $PUB -m $tmp/e/gongkai-bundle/manifest.txt 2>/dev/null"
check "make-bundle.sh: a foreign key's signature does not verify with the demo key" sh -c "
	minisign -G -W -p $tmp/f.pub -s $tmp/f.key >/dev/null &&
	cp -r $tmp/b $tmp/f && sh scripts/make-bundle.sh $tmp/f/gongkai-bundle $tmp/f.key 8 &&
	minisign -V -q -p $tmp/f.pub -m $tmp/f/gongkai-bundle/manifest.txt &&
	! minisign -V -q -p $PUB -m $tmp/f/gongkai-bundle/manifest.txt 2>/dev/null"
check "make-bundle.sh: pre-hashed (ED) by default, legacy (Ed) on request" sh -c "
	sed -n 2p $tmp/b/gongkai-bundle/manifest.txt.minisig | base64 -d | head -c 2 | grep -qx ED &&
	sh scripts/make-bundle.sh --legacy $tmp/b/gongkai-bundle $KEY 9 &&
	sed -n 2p $tmp/b/gongkai-bundle/manifest.txt.minisig | base64 -d | head -c 2 | grep -qx Ed &&
	minisign -V -q -p $PUB -m $tmp/b/gongkai-bundle/manifest.txt"
check "make-bundle.sh: --no-sign leaves no signature behind" sh -c "
	sh scripts/make-bundle.sh --no-sign $tmp/b/gongkai-bundle x 10 &&
	[ -f $tmp/b/gongkai-bundle/manifest.txt ] && [ ! -e $tmp/b/gongkai-bundle/manifest.txt.minisig ]"
check "make-bundle.sh: wrong usage exits 2" sh -c "
	sh scripts/make-bundle.sh $tmp/b/gongkai-bundle 2>/dev/null; [ \$? -eq 2 ]"

# --- scripts/privacy-scan.sh ---
printf '张三 11010519491231002X\n卡号6222600260001072444\n电话0818-5201620\n' >"$tmp/p.txt"
check "privacy-scan.sh: finds an id with X and a card, not a phone number" sh -c "
	out=\$(sh scripts/privacy-scan.sh $tmp/p.txt); [ \$? -eq 1 ] &&
	[ \"\$out\" = \"$tmp/p.txt:1: resident id 110105********002X
$tmp/p.txt:2: card number ************2444\" ]"
printf '110105194912310021\n11010519491331002X\n6222600260001072445\n' >"$tmp/q.txt"
check "privacy-scan.sh: ignores a wrong check digit, a bad date and a failed Luhn" \
	sh scripts/privacy-scan.sh "$tmp/q.txt"

# --- the generator ---
if [ -x "$GEN" ]; then
	check "gen_subsidies: same seed, same file; other seed, other file" sh -c "
		$GEN 2000 5 >$tmp/g1 && $GEN --rows=2000 --seed=5 >$tmp/g2 && cmp -s $tmp/g1 $tmp/g2 &&
		$GEN 2000 6 >$tmp/g3 && ! cmp -s $tmp/g1 $tmp/g3"
	check "gen_subsidies: exactly ROWS rows, 12 columns each" sh -c "
		[ \$(wc -l <$tmp/g1) -eq 2001 ] &&
		[ \$(tail -n +2 $tmp/g1 | sed 's/\"[^\"]*\"/X/g' | awk -F, 'NF != 12' | wc -l) -eq 0 ]"
	check "gen_subsidies: every row has a valid full id and a Luhn-valid account" sh -c "
		[ \$(sh scripts/privacy-scan.sh $tmp/g1 | wc -l) -eq 4000 ]"
	check "gen_subsidies: sentinels present even in a tiny file" sh -c "
		$GEN 60 1 >$tmp/g4 && for n in 王芳 李秀英 欧阳明 刘䶮 单德发 曾国藩; do
			grep -q \",\$n,\" $tmp/g4 || exit 1; done"
	check "gen_subsidies: all ten programs convert to GB18030 in two-byte (GBK) form" sh -c "
		$GEN 20000 3 10 5 30 600 --crlf >$tmp/g5 &&
		iconv -f UTF-8 -t GB18030 $tmp/g5 >$tmp/g6 &&
		perl -ne '/\\A(?:[\\x00-\\x7f]|[\\x81-\\xfe][\\x40-\\x7e\\x80-\\xfe])*\\z/ or exit 1' $tmp/g6 &&
		[ \$(cut -d, -f1 $tmp/g5 | sort -u | wc -l) -eq 11 ]"
	check "gen_subsidies: --header-only and --no-header" sh -c "
		[ \$($GEN --header-only | wc -l) -eq 1 ] && [ \$($GEN 5 --no-header | wc -l) -eq 5 ] &&
		! $GEN --programs=0 2>/dev/null"
else
	bad "gen_subsidies: $GEN not built"
fi
