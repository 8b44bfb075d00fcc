#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Check that the QEMU harness can fail: a job's exit status comes back,
# and a warning in the kernel log fails a job that passed.  Prints TAP.

set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$top/build/vm"
# Under build/: the guest sees the host tree, but has its own /tmp.
tmp=$(mktemp -d "$top/build/vm/harness.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

echo 'exit 7' >"$tmp/exit7.sh"
printf '%s\n' 'echo "<4>WARNING: CPU: 0 PID: 1 at harness self-test" >/dev/kmsg' \
	'exit 0' >"$tmp/warn.sh"
echo 'test -e /proc/sys/fs/trust_policy' >"$tmp/ok.sh"

. "$top/tests/lib/tap.sh"

expect() {
	want=$1
	what=$2
	shift 2
	"$top/kernel/vm/run.sh" -q "$@" >/dev/null 2>"$tmp/err"
	got=$?
	if [ "$got" -eq "$want" ]; then
		ok "$what (exit $got)"
	else
		not_ok "$what: exit $got, expected $want"
		diag "$tmp/err"
	fi
}

expect 0 "a passing job on the patched kernel passes" "$tmp/ok.sh"
expect 7 "a job's exit status comes back" "$tmp/exit7.sh"
expect 3 "a kernel warning fails a passing job" "$tmp/warn.sh"
tap_end
