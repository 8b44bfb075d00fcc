#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The shell tests for one backend: mount the fixture, run matrix.sh under
# each policy setting, print TAP (plan last), exit 1 on any failure.
#
#   run.sh host [SHELL...]    on a kernel with AT_EXECVE_CHECK, as root:
#                             no securebits, --restrict-file,
#                             --deny-interactive, both (trusted-for run)
#   run.sh guest [SHELL...]   in the guest (kernel/vm/run.sh), as root:
#                             fs.trust_policy 0, 1, 2, 3; then the
#                             securebits alone (policy 0) and with a
#                             policy (the table's "both" row: a kernel
#                             with both interfaces); then back to 0
#
# A setting is a securebits name (none, rf, di, both) on the host, and
# POLICY or POLICY+BITS in the guest; BITS are set by `trusted-for run`.
#
# SHELL defaults to every shell built in $SH_BIN (dash ash hush bash), and
# awk (busybox awk, see matrix.sh).  Exits 77
# after a skip line where the kernel lacks the backend.

set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
SH_BIN=${SH_BIN:-$top/build/shells/bin}
CLI=${TF_CLI:-$top/build/userspace/bin/trusted-for}
export SH_BIN
backend=$1
shift
if [ $# -eq 0 ]; then
	for s in dash ash hush bash awk; do
		[ -x "$SH_BIN/$s" ] && set -- "$@" "$s"
	done
fi
. "$top/tests/lib/tap.sh"
. "$top/tests/lib/settings.sh"

settings_for "$backend" "none rf di both" "0 1 2 3 0+rf 0+di 1+rf 2+di 3+both"
[ "$(id -u)" -eq 0 ] || { echo "Bail out! run.sh needs root (tmpfs mounts)"; exit 1; }
[ $# -gt 0 ] || { echo "Bail out! no shell built in $SH_BIN"; exit 1; }

fixture_umount() {
	"$here/fixture.sh" -u "$1"
}
settings_fixture shells
"$here/fixture.sh" "$F" "$SH_BIN" "$@" || { echo "Bail out! cannot make the fixture"; exit 1; }
echo "# $backend: $("$CLI" status | head -1); shells: $*"

out=$F/matrix.tap
for s in $settings; do
	setting_apply "$backend" "$s"
	setting_run "$backend $s: matrix.sh" "$out" sh "$here/matrix.sh" "$F" "$backend" "$s" "$n" "$@"
done
tap_end
