#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The cost of the check for a program file: N runs of `mawk -f PROG`
# (a small program on a file), patched vs unpatched, interleaved in one run,
# the best of 5 rounds each; prints both and their ratio.  The host
# backend (AT_EXECVE_CHECK) answers; run in the guest (kernel/vm/run.sh) for
# trusted_for(2).

set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
tf=$top/build/mawk/bin/mawk
orig=$tf-orig
N=${N:-500}
for b in "$tf" "$orig"; do
	[ -x "$b" ] || { echo "bench-mawk: $b not built (make mawk mawk-orig)" >&2; exit 1; }
done
W=$(mktemp -d /tmp/tf-bench-mawk.XXXXXX)
trap 'rm -rf "$W"' EXIT
printf 'BEGIN { for (i = 0; i < 10; i++) s += i; print s }\n' >"$W/prog.awk"

# runs BINARY: microseconds for N runs
runs() {
	t0=$(date +%s%N)
	i=0
	while [ $i -lt "$N" ]; do
		"$1" -f "$W/prog.awk" >/dev/null </dev/null
		i=$((i + 1))
	done
	echo $((($(date +%s%N) - t0) / 1000))
}

best_tf= best_orig=
for round in 1 2 3 4 5; do
	a=$(runs "$orig")
	b=$(runs "$tf")
	[ -z "$best_orig" ] || [ "$a" -lt "$best_orig" ] && best_orig=$a
	[ -z "$best_tf" ] || [ "$b" -lt "$best_tf" ] && best_tf=$b
done
echo "bench-mawk: $N runs of mawk -f PROG, best of 5 ($("$top/build/userspace/bin/trusted-for" status | head -1))"
echo "  unpatched: $((best_orig / N)) us per run"
echo "  patched:   $((best_tf / N)) us per run"
awk -v a="$best_orig" -v b="$best_tf" 'BEGIN { printf "  ratio patched/unpatched: %.3f\n", b / a }'
