#!/bin/sh
# privacy-scan.sh - lists resident ids and UnionPay card numbers in text
# files, so the office can clean a bundle before signing it (the kiosk
# rejects such a bundle, shared/spec/bundle-format.md "Privacy screen").
#
# Usage: scripts/privacy-scan.sh FILE...
#
# Prints "file:line: resident id 510722********1234" or
# "file:line: card number ************5678" for each hit and exits 1 if
# there was any, 0 if none, 2 on wrong usage. A hit is a run of digits
# (bounded by non-digits) that is
#   - 18 characters: region code starting 1-8, a real birth date
#     (1900-2099), the GB 11643 check character (X allowed), or
#   - 16 to 19 digits starting 62 and passing the Luhn check.
# Works on bytes, so GB18030 and UTF-8 files are both fine.
[ $# -gt 0 ] || { sed -n '6,15p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

LC_ALL=C awk '
function leap(y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }
function is_id(s,    y, m, d, dim, sum, i, w) {
	if (length(s) != 18 || substr(s, 1, 17) !~ /^[1-8][0-9]+$/)
		return 0
	y = substr(s, 7, 4) + 0; m = substr(s, 11, 2) + 0; d = substr(s, 13, 2) + 0
	if (y < 1900 || y > 2099 || m < 1 || m > 12 || d < 1)
		return 0
	dim = substr("312831303130313130313031", 2 * m - 1, 2) + 0
	if (m == 2 && leap(y))
		dim = 29
	if (d > dim)
		return 0
	split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " ")
	sum = 0
	for (i = 1; i <= 17; i++)
		sum += substr(s, i, 1) * w[i]
	return substr("10X98765432", sum % 11 + 1, 1) == toupper(substr(s, 18, 1))
}
function is_card(s,    n, i, d, sum) {
	n = length(s)
	if (n < 16 || n > 19 || s !~ /^62[0-9]+$/)
		return 0
	sum = 0
	for (i = 0; i < n; i++) {
		d = substr(s, n - i, 1) + 0
		if (i % 2 == 1) {
			d *= 2
			if (d > 9)
				d -= 9
		}
		sum += d
	}
	return sum % 10 == 0
}
{
	rest = $0
	while (match(rest, /[0-9]+[Xx]?/)) {
		run = substr(rest, RSTART, RLENGTH)
		rest = substr(rest, RSTART + RLENGTH)
		if (is_id(run)) {
			printf "%s:%d: resident id %s********%s\n", FILENAME, FNR,
				substr(run, 1, 6), substr(run, 15, 4)
			hits++
		} else {
			sub(/[Xx]$/, "", run)
			if (is_card(run)) {
				printf "%s:%d: card number ************%s\n", FILENAME, FNR,
					substr(run, length(run) - 3)
				hits++
			}
		}
	}
}
END { exit hits > 0 }
' "$@"
