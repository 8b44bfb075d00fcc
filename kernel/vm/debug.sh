#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Guest job of the debug kernel (KASAN, lockdep, UBSAN): the selftests of
# the series, then the stress program on an exec and a noexec tmpfs.
# Prints TAP (one subtest each, with how long it took); fails if either
# fails.  kernel/vm/debug-run.sh boots the kernel with it and checks the
# console.
#
#   debug.sh [-s SELFTESTS_DIR] STRESS CHECKS
#
# Without -s the selftests are left out (make stress).

set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/tap.sh"

selftests=
if [ "${1:-}" = -s ]; then
	selftests=$2
	shift 2
fi
[ $# -eq 2 ] || { echo "usage: debug.sh [-s SELFTESTS_DIR] STRESS CHECKS" >&2; exit 2; }
stress=$1
checks=$2

echo "# $(uname -r), $(nproc) CPUs"
if [ -n "$selftests" ]; then
	t0=$(date +%s)
	tap_subtest "the selftests of the series on the debug kernel" \
		sh "$top/kernel/vm/kselftests.sh" "$selftests"
	echo "# the selftests took $(($(date +%s) - t0)) s"
fi

dir=$(mktemp -d /tmp/stress.XXXXXX)
sh "$top/tests/lib/fixture.sh" mount "$dir"
t0=$(date +%s)
tap_subtest "stress: $checks checks while descriptors, policy and modes change" \
	"$stress" -d "$dir" -c "$checks"
echo "# the stress run took $(($(date +%s) - t0)) s"
sh "$top/tests/lib/fixture.sh" umount "$dir"
tap_end
