#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make bench-shells: the cost of the checks.  A script that sources 100
# files, run ROUNDS times by the unpatched and by the patched build of each
# shell (alternating blocks of ROUNDS/10 runs, in one run), and the median
# of the blocks' ratios patched/unpatched; on the host (AT_EXECVE_CHECK,
# under --restrict-file) and in the guest (trusted_for,
# fs.trust_policy=3).  Files are allowed: this measures the checks, not
# refusals.
#
#   bench.sh                  host, then guest (kernel/vm/run.sh)
#   bench.sh run BACKEND [ROUNDS]   one backend, here (as root)

set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
SH_BIN=${SH_BIN:-$top/build/shells/bin}
CLI=${TF_CLI:-$top/build/userspace/bin/trusted-for}

if [ "${1:-}" != run ]; then
	"$CLI" run --restrict-file -- "$here/bench.sh" run host 300 || exit 1
	exec "$top/kernel/vm/run.sh" "$here/bench.sh" run guest 100
fi
backend=$2
rounds=${3:-200}

B=$(mktemp -d /tmp/tf-bench.XXXXXX)
mount -t tmpfs -o mode=0755 tf-bench "$B" || exit 1
trap 'umount -l "$B"; rmdir "$B"' EXIT
i=0
: >"$B/main.sh"
while [ $i -lt 100 ]; do
	printf 'v%d=%d\n' $i $i >"$B/f$i.sh"
	echo ". $B/f$i.sh" >>"$B/main.sh"
	i=$((i + 1))
done
chmod 0755 "$B"/*.sh

now() { date +%s%N; }
# total NANOSECONDS of ROUNDS runs of "SHELL main.sh" (SHELL: words)
loop() {
	t0=$(now)
	j=0
	while [ $j -lt "$rounds" ]; do
		$1 "$B/main.sh" || return 1
		j=$((j + 1))
	done
	echo $(($(now) - t0))
}

[ "$backend" = guest ] && echo 3 >/proc/sys/fs/trust_policy
echo "# backend $backend ($("$CLI" status | head -1 | sed 's/.*backend: //')), $rounds runs of a script sourcing 100 files"
for s in dash busybox bash; do
	orig=$SH_BIN/$s-orig
	tf=$SH_BIN/$s
	[ -x "$orig" ] && [ -x "$tf" ] || { echo "$backend $s: not built"; continue; }
	if [ $s = busybox ]; then
		orig="$orig ash"
		tf="$tf ash"
	fi
	# Warm up, then alternate blocks of runs: the ratio of each pair of
	# blocks, and their median, which a burst of load on the host (one
	# block) cannot move; the totals' ratio is printed too.
	$tf "$B/main.sh" && $orig "$B/main.sh" || exit 1
	blocks=10
	per=$((rounds / blocks))
	[ $per -gt 0 ] || per=1
	ot=0
	tt=0
	ratios=
	k=0
	while [ $k -lt $blocks ]; do
		if [ $((k % 2)) -eq 0 ]; then
			x=$(rounds=$per loop "$orig") || exit 1
			y=$(rounds=$per loop "$tf") || exit 1
		else
			y=$(rounds=$per loop "$tf") || exit 1
			x=$(rounds=$per loop "$orig") || exit 1
		fi
		ot=$((ot + x))
		tt=$((tt + y))
		ratios="$ratios $(echo "$y $x" | awk '{ printf "%.4f", $1 / $2 }')"
		k=$((k + 1))
	done
	n=$((per * blocks))
	med=$(echo $ratios | tr ' ' '\n' | sort -n | awk '{ r[NR] = $1 } END { printf "%.3f", NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2 }')
	echo "$backend $s: unpatched $((ot / n / 1000)) us/run, patched $((tt / n / 1000)) us/run, ratio $med (median of $blocks blocks of $per runs; totals $(echo "$tt $ot" | awk '{ printf "%.3f", $1 / $2 }'))"
done
[ "$backend" = guest ] && echo 0 >/proc/sys/fs/trust_policy
exit 0
