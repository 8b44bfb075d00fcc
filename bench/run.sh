#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The per-check rows of `make bench`: micro.sh on the host (as is, then
# under `trusted-for run --restrict-file`), then guest.sh in the guest
# (micro.sh, fapolicyd.sh).  Rows go to OUT/rows.tsv, the guest's whole
# output to OUT/guest.log.
#
#   run.sh OUT ROUNDS MS SCRIPTS REPS
#
# Exit codes: 0 done, 1 a part failed (what it printed is shown).

set -u
top=$(cd "$(dirname "$0")/.." && pwd)
out=$1
rounds=$2
ms=$3
scripts=$4
reps=$5
cc=$top/build/bench/check-cost
cli=$top/build/userspace/bin/trusted-for
mkdir -p "$out"
rows=$out/rows.tsv

echo "bench: host $(uname -r), $rounds rounds" >&2
"$top/bench/micro.sh" "$cc" "$cli" "$rounds" "$ms" >"$rows.tmp" || {
	cat "$rows.tmp" >&2
	echo "bench: micro.sh failed on the host" >&2
	exit 1
}
echo "bench: guest (kernel/vm/run.sh), $rounds rounds, fapolicyd: $scripts scripts, $reps runs" >&2
# A guest that did not boot (125: on a loaded host, QEMU's timer check can
# fail early) is booted once more.
for try in 1 2; do
	"$top/kernel/vm/run.sh" -q -r "$out/guest.run" -t 1800 "$top/bench/guest.sh" \
		"$top" "$cc" "$rounds" "$ms" "$scripts" "$reps" >"$out/guest.log" 2>&1
	status=$?
	[ "$status" -eq 125 ] && [ "$try" -eq 1 ] || break
	echo "bench: the guest did not boot, once more" >&2
done
run=$(cat "$out/guest.run" 2>/dev/null)
[ -z "$run" ] || cat "$run/output" >>"$out/guest.log"
grep -E '^guest ' "$out/guest.log" >>"$rows.tmp"
mv "$rows.tmp" "$rows"
if [ "$status" -ne 0 ]; then
	grep -vE '^guest ' "$out/guest.log" | tail -n 30 >&2
	echo "bench: the guest job failed (status $status), see $out/guest.log" >&2
	exit 1
fi
