#!/bin/sh
# bench/verify_big.sh - issue 12, point 3: a genuine signed bundle whose
# subsidies.csv is then swapped for a large file (sparse, in /tmp, deleted
# afterwards). Measures `gongkaictl verify` on it: wall time to refusal and
# peak memory = peak RSS (/usr/bin/time) plus the largest memfd/tmpfs total
# the process held open (polled from /proc/PID/fd). Two sizes: 1 GB (above
# the 512 MB per-file limit: refused from its size, unread) and 500 MB
# (below it: hashed through a 64 KB buffer into a private copy on disk, then
# refused on the hash). The peer is `sha256sum` of the same file.
# Goal: under 64 MB and refused in under 1 s for the 1 GB file.
# BIG_MB=N / MID_MB=N override the two sizes.
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
BIG_MB=${BIG_MB:-1024}
MID_MB=${MID_MB:-500}
W=$(mktemp -d /tmp/gk-bench-verify.XXXXXX)
trap 'rm -rf "$W"' EXIT

mkdir -p "$W/gongkai-bundle"
"$BUILD/bench/gen_subsidies" 1000 1 1 1 10 50 >"$W/gongkai-bundle/subsidies.csv"
minisign -G -W -p "$W/k.pub" -s "$W/k.key" >/dev/null 2>&1
sh scripts/make-bundle.sh "$W/gongkai-bundle" "$W/k.key" 1 >/dev/null
cat >"$W/kiosk.conf" <<CONF
[kiosk]
database = $W/kiosk.db
[trust]
bundle_pubkey = $(sed -n 2p "$W/k.pub")
CONF
"$BUILD/gongkaictl" --config "$W/kiosk.conf" verify "$W/gongkai-bundle" >/dev/null 2>&1 || {
	echo "verify of the genuine bundle failed"; exit 1; }

# Prints the largest memfd/tmpfs total (bytes) process $1 holds while it runs.
ram_files() {
	max=0
	while kill -0 "$1" 2>/dev/null; do
		sum=0
		for f in /proc/"$1"/fd/*; do
			t=$(readlink "$f" 2>/dev/null) || continue
			case $t in
			/memfd:*) s=$(stat -L -c %s "$f" 2>/dev/null || echo 0) ;;
			/*) [ "$(stat -f -L -c %T "$f" 2>/dev/null)" = tmpfs ] &&
				s=$(stat -L -c %s "$f" 2>/dev/null || echo 0) || s=0 ;;
			*) s=0 ;;
			esac
			sum=$((sum + s))
		done
		[ "$sum" -gt "$max" ] && max=$sum
	done
	echo "$max"
}

# Swaps in a sparse file of $1 MB, runs verify, prints one line of figures.
run_verify() {
	rm -f "$W/gongkai-bundle/subsidies.csv"
	truncate -s "${1}M" "$W/gongkai-bundle/subsidies.csv"
	/usr/bin/time -f '%e %M' -o "$W/t" "$BUILD/gongkaictl" --config "$W/kiosk.conf" \
		verify "$W/gongkai-bundle" >"$W/out" 2>&1 &
	tpid=$!
	sleep 0.01
	vpid=$(pgrep -P "$tpid" | head -1 || true)
	mem=0
	[ -n "$vpid" ] && mem=$(ram_files "$vpid")
	rc=0; wait "$tpid" || rc=$?
	s=$(tail -1 "$W/t" | cut -d' ' -f1); k=$(tail -1 "$W/t" | cut -d' ' -f2)
	printf 'gongkaictl verify, %5d MB file  %6.2f s   peak RSS %5.1f MB + memfd/tmpfs %5.1f MB   exit %d\n' \
		"$1" "$s" "$(awk "BEGIN{print $k/1024}")" "$(awk "BEGIN{print $mem/1048576}")" "$rc"
	echo "  $(grep -m1 'subsidies.csv' "$W/out" || tail -1 "$W/out")"
	[ "$rc" -ne 0 ] || { echo "  verify accepted a swapped file"; exit 1; }
}

echo "bench/verify_big: signed bundle, subsidies.csv swapped for a sparse file"
run_verify "$BIG_MB"
big_s=$s; big_k=$k; big_mem=$mem
run_verify "$MID_MB"
/usr/bin/time -f '%e %M' -o "$W/t" sha256sum "$W/gongkai-bundle/subsidies.csv" >/dev/null
read -r s k <"$W/t"
printf 'peer: sha256sum,     %5d MB file  %6.2f s   peak RSS %5.1f MB\n' "$MID_MB" "$s" "$(awk "BEGIN{print $k/1024}")"
truncate -s "${BIG_MB}M" "$W/gongkai-bundle/subsidies.csv"
/usr/bin/time -f '%e %M' -o "$W/t" sha256sum "$W/gongkai-bundle/subsidies.csv" >/dev/null
read -r s k <"$W/t"
printf 'peer: sha256sum,     %5d MB file  %6.2f s   peak RSS %5.1f MB\n' "$BIG_MB" "$s" "$(awk "BEGIN{print $k/1024}")"
total=$(awk "BEGIN{print $big_k/1024 + $big_mem/1048576}")
printf 'goal for %d MB: under 64 MB and under 1 s: %.1f MB, %.2f s: %s\n' "$BIG_MB" "$total" "$big_s" \
	"$(awk "BEGIN{print ($total < 64 && $big_s < 1) ? \"met\" : \"NOT met\"}")"
