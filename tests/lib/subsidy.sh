# subsidy.sh - sourced by tests/sh/tui_subsidy*.sh after common.sh and
# tui.sh: the demo bundle imported into the kiosk's database, sums computed
# from its subsidies.csv, and moving through the 补贴公示 screens.
#
#   subsidy_setup               imports the demo bundle into $T/kiosk.db, writes
#                               $T/kiosk.conf and $T/subsidies.csv (UTF-8, LF)
#   sums P Y B W V NAME TAIL    "N 人，X 元" over the CSV rows that match (empty =
#                               any; B "-" = any batch)
#   amounts P Y W V             a village's amounts as yuan, one a line
#   pick TEXT                   moves the selection (▶) onto the entry with TEXT
#   open_entry NAME TEXT WAIT   picks TEXT, Enter, PASS when WAIT shows
#   search TEXT                 types TEXT into a fresh search on 补贴公示
#   absent NAME TEXT            PASS when TEXT is not on the screen

DEMO_KEY=RWQURiJj1TZCkOCrsG1NTYmpZvCFHr4ABGHgDFlA7vYgQaDhqybc7IAj

subsidy_setup() {
	iconv -f GB18030 -t UTF-8 assets/demo-bundle/gongkai-bundle/subsidies.csv | tr -d '\r' >"$T/subsidies.csv"
	"$CTL" --config assets/demo.conf --db "$T/kiosk.db" import assets/demo-bundle/gongkai-bundle \
		>/dev/null 2>"$T/import.err" || { cat "$T/import.err"; return 1; }
	write_conf "$T/kiosk.conf" "$DEMO_KEY" "$T/kiosk.db"
}

# sums PROGRAM YEAR BATCH TOWNSHIP VILLAGE NAME TAIL: "N 人，X 元" over the
# CSV rows that match (an empty argument matches anything).
sums() {
	awk -v P="$1" -v Y="$2" -v B="$3" -v W="$4" -v V="$5" -v N="$6" -v L="$7" '
	function csv(line, f,   n, i, c, q, cur) {
		n = 0; cur = ""; q = 0
		for (i = 1; i <= length(line); i++) {
			c = substr(line, i, 1)
			if (q) {
				if (c == "\"") {
					if (substr(line, i + 1, 1) == "\"") { cur = cur "\""; i++ } else q = 0
				} else cur = cur c
			} else if (c == "\"") q = 1
			else if (c == ",") { f[++n] = cur; cur = "" }
			else cur = cur c
		}
		f[++n] = cur
		return n
	}
	function group(s,   out) {
		out = ""
		while (length(s) > 3) { out = "," substr(s, length(s) - 2) out; s = substr(s, 1, length(s) - 3) }
		return s out
	}
	NR == 1 { n = csv($0, h); for (i = 1; i <= n; i++) col[h[i]] = i; next }
	{
		csv($0, f)
		if (P != "" && f[col["补贴项目"]] != P) next
		if (Y != "" && f[col["年度"]] != Y) next
		if (B != "-" && f[col["批次"]] != B) next
		if (W != "" && f[col["乡镇"]] != W) next
		if (V != "" && f[col["村(社区)"]] != V) next
		if (N != "" && f[col["姓名"]] != N) next
		if (L != "" && substr(f[col["身份证号"]], 15) != L) next
		a = f[col["发放金额"]]; gsub(/,/, "", a)
		k = split(a, p, ".")
		d = k > 1 ? (length(p[2]) == 1 ? p[2] * 10 : p[2] + 0) : 0
		fen += p[1] * 100 + d
		people++
	}
	END { printf "%s 人，%s.%02d 元\n", group(sprintf("%d", people)), group(sprintf("%d", int(fen / 100))), fen % 100 }
	' "$T/subsidies.csv"
}

# amounts PROGRAM YEAR TOWNSHIP VILLAGE: the village's amounts as yuan, one a line.
amounts() {
	awk -F, -v P="$1" -v Y="$2" -v W="$3" -v V="$4" '
	NR > 1 && $1 == P && $2 == Y && $4 == W && $5 == V && $9 !~ /"/ {
		k = split($9, p, "."); d = k > 1 ? (length(p[2]) == 1 ? p[2] * 10 : p[2] + 0) : 0
		printf "%d.%02d\n", p[1], d
	}' "$T/subsidies.csv"
}

# pick TEXT: moves the selection (▶) onto the entry holding TEXT, looking
# down the list, then up; 1 if not found.
pick() {
	for key in Down Up; do
		i=0
		while [ $i -lt 40 ]; do
			if tui_screen | grep '▶' | grep -qF -- "$1"; then
				return 0
			fi
			tui_keys $key
			sleep 0.05
			i=$((i + 1))
		done
	done
	return 1
}

# open NAME TEXT WAIT: selects the entry TEXT, opens it, waits for WAIT.
open_entry() {
	if pick "$2" && tui_keys Enter && tui_wait "$3"; then
		ok "$1"
	else
		bad "$1" "could not open \"$2\""
		tui_screen | sed 's/^/    | /'
	fi
}

# search TEXT: from the 补贴公示 screen, types TEXT into a fresh search.
search() {
	tui_keys F1
	tui_wait "星期"
	tui_keys 6
	tui_wait "找自己的名字"
	tui_type "$1"
	tui_wait "搜索：$1"
}

# absent NAME TEXT: passes when TEXT is not on the screen.
absent() {
	if tui_screen | grep -qF -- "$2"; then
		bad "$1" "\"$2\" shown"
		tui_screen | sed 's/^/    | /'
	else
		ok "$1"
	fi
}
