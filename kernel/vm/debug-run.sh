#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Boot the debug kernel (KASAN, lockdep, UBSAN: kernel/config/debug.config)
# on two CPUs with kernel/vm/debug.sh, then check its console: any splat of
# a detector, a BUG, a WARNING or an oops fails the run, whatever the job
# said.  Prints TAP: the job's results, then the console's.
#
#   debug-run.sh [-t SECONDS] [-s SELFTESTS_DIR] BZIMAGE STRESS CHECKS
#
# SECONDS bounds the whole guest (default 1800).  Exit codes: 0 all
# passed, 1 a test failed, 2 usage error.

set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/tap.sh"

timeout=1800
selftests=
while getopts t:s: opt; do
	case $opt in
	t) timeout=$OPTARG ;;
	s) selftests=$OPTARG ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 3 ] || {
	echo "usage: debug-run.sh [-t SECONDS] [-s SELFTESTS_DIR] BZIMAGE STRESS CHECKS" >&2
	exit 2
}
bzimage=$1
stress=$(realpath "$2")
checks=$3
[ -r "$bzimage" ] || { echo "debug-run.sh: $bzimage: no kernel (run: make kernel-debug)" >&2; exit 2; }
[ -x "$stress" ] || { echo "debug-run.sh: $stress: not built (run: make stress)" >&2; exit 2; }

# What the detectors print: KASAN and UBSAN reports, lockdep's (a WARNING:
# headline, or INFO: for some), sleeping in atomic context (BUG:), lockdep
# turning itself off after a first report, and any oops, panic or trace.
splats='KASAN:|UBSAN:|BUG:|WARNING:|INFO:|Oops|Kernel panic|general protection fault|Call Trace:|DEBUG_LOCKS_WARN_ON|turning off the locking correctness validator|lockdep is turned off|possible (circular|recursive) locking|inconsistent lock state|suspicious RCU usage'

tmp=$(mktemp -d "$top/build/vm/debug-run.XXXXXX" 2>/dev/null) ||
	{ mkdir -p "$top/build/vm" && tmp=$(mktemp -d "$top/build/vm/debug-run.XXXXXX"); } || exit 2
trap 'rm -rf "$tmp"' EXIT

{
	# The check must be able to fail: one headline of each detector.
	printf '%s\n' \
		'[ 12.3] BUG: KASAN: slab-use-after-free in trusted_for+0x42/0x80' \
		'[ 12.3] WARNING: possible circular locking dependency detected' \
		'[ 12.3] UBSAN: array-index-out-of-bounds in fs/open.c:600:3' \
		'[ 12.3] BUG: sleeping function called from invalid context at fs/exec.c:1' \
		>"$tmp/samples"
	if [ "$(grep -Ec "$splats" "$tmp/samples")" -eq 4 ]; then
		ok "the console check catches a KASAN, lockdep, UBSAN and sleep-in-atomic report"
	else
		not_ok "the console check misses one of the sample reports"
	fi

	t0=$(date +%s)
	"$top/kernel/vm/run.sh" -k "$bzimage" -s 2 -t "$timeout" -r "$tmp/run" \
		"$top/kernel/vm/debug.sh" ${selftests:+-s "$selftests"} "$stress" "$checks" \
		2>"$tmp/err"
	status=$?
	echo "# the guest took $(($(date +%s) - t0)) s (boot, job, power-off), exit $status"
	case $status in
	0 | 1 | 3) ;;
	*) not_ok "the debug guest ran the job (exit $status)"; diag "$tmp/err" ;;
	esac

	run=$(cat "$tmp/run" 2>/dev/null)
	console=$run/console.log
	if [ -z "$run" ] || [ ! -s "$console" ]; then
		not_ok "the debug kernel's console was kept"
	else
		if grep -q 'KernelAddressSanitizer initialized' "$console" &&
			grep -q 'Lock dependency validator' "$console"; then
			ok "the debug kernel runs KASAN and lockdep"
		else
			not_ok "the debug kernel runs KASAN and lockdep (no banner in $console)"
		fi
		boot=$(sed -n 's/^\[ *\([0-9.]*\)\] vm-init: running job.*/\1/p' "$console" | head -n 1)
		[ -z "$boot" ] || echo "# the guest booted in ${boot} s (guest clock)"
		if grep -E -n "$splats" "$console" >"$tmp/splats"; then
			not_ok "the console of the debug kernel is clean ($(wc -l <"$tmp/splats") suspicious lines, $console)"
			# The first report in full: from its line to the end marker.
			first=$(head -n 1 "$tmp/splats" | cut -d: -f1)
			sed -n "$((first > 5 ? first - 5 : 1)),$((first + 60))p" "$console" |
				sed 's/^/# /'
		else
			ok "the console of the debug kernel is clean (no KASAN, lockdep, UBSAN, BUG, WARNING, oops)"
		fi
	fi
} | tap_renumber
