#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The mawk tests for one backend: the common fixture (tests/lib/fixture.sh),
# cases.sh under each policy setting, TAP (plan last); exits 1 on any
# failure, 77 after a skip line where the kernel lacks the backend.
#
#   run.sh host     a kernel with AT_EXECVE_CHECK, as root: no securebits,
#                   --restrict-file, --deny-interactive, both
#   run.sh guest    in the guest (kernel/vm/run.sh), as root:
#                   fs.trust_policy 0..3, then with securebits; back to 0
#
# $MAWK (default build/mawk/bin/mawk) is the mawk under test.

set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
MAWK=${MAWK:-$top/build/mawk/bin/mawk}
CLI=${TF_CLI:-$top/build/userspace/bin/trusted-for}
export MAWK
backend=${1:-}
. "$top/tests/lib/tap.sh"
. "$top/tests/lib/settings.sh"

settings_for "$backend" "none rf di both" "0 1 2 3 0+rf 0+di 3+both"
[ "$(id -u)" -eq 0 ] || { echo "Bail out! run.sh needs root (tmpfs mounts)"; exit 1; }
[ -x "$MAWK" ] || { echo "Bail out! $MAWK is not built (make mawk)"; exit 1; }

settings_fixture mawk
# Each object of the table holds an awk program that prints the marker
# (split in the source: only running it prints TFRAN).
"$top/tests/lib/fixture.sh" mount "$F" &&
	"$top/tests/lib/fixture.sh" plant "$F" 'BEGIN { print "TF" "RAN" }' ||
	{ echo "Bail out! cannot make the fixture under $F"; exit 1; }
# Scripts run through execve(2): #!MAWK -f, on each mount.
for d in x nx; do
	printf '#!%s -f\nBEGIN { print "TF" "RAN" }\n' "$MAWK" >"$F/$d/sb"
	chmod 0500 "$F/$d/sb"
done
echo "# $backend: $("$CLI" status | head -1); mawk: $MAWK"

out=$F/cases.tap
n=0
for s in $settings; do
	setting_apply "$backend" "$s"
	setting_run "$backend $s: cases.sh" "$out" sh "$here/cases.sh" "$F" "$backend" "$s" "$n"
done
tap_end
