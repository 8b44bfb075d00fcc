#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The cost of the check for a program file: N runs of `mawk -f PROG`
# (a small program on a file), patched vs unpatched, interleaved in one
# run; prints the median of each and their ratio.  The host
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

# Runs alternate (unpatched, patched, ...) so that both see the same load;
# the median of each is kept: a busy machine moves the mean, not the median.
echo "bench-mawk: $N runs each of mawk -f PROG, interleaved ($("$top/build/userspace/bin/trusted-for" status | head -1))"
python3 - "$orig" "$tf" "$W/prog.awk" "$N" <<'PY'
import statistics, subprocess, sys, time
orig, tf, prog, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
t = {orig: [], tf: []}
for i in range(n):
    for b in (orig, tf) if i % 2 else (tf, orig):
        t0 = time.perf_counter()
        subprocess.run([b, "-f", prog], stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL, check=True)
        t[b].append(time.perf_counter() - t0)
a, b = statistics.median(t[orig]), statistics.median(t[tf])
print(f"  unpatched: {a * 1e6:.0f} us per run (median)")
print(f"  patched:   {b * 1e6:.0f} us per run (median)")
print(f"  ratio patched/unpatched: {b / a:.3f}")
PY
