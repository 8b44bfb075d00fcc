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

n=0
failed=0
expect() {
	want=$1
	what=$2
	shift 2
	"$top/kernel/vm/run.sh" -q "$@" >/dev/null 2>"$tmp/err"
	got=$?
	n=$((n + 1))
	if [ "$got" -eq "$want" ]; then
		echo "ok $n - $what (exit $got)"
	else
		failed=$((failed + 1))
		echo "not ok $n - $what: exit $got, expected $want"
		sed 's/^/# /' "$tmp/err"
	fi
}

expect 0 "a passing job on the patched kernel passes" "$tmp/ok.sh"
expect 7 "a job's exit status comes back" "$tmp/exit7.sh"
expect 3 "a kernel warning fails a passing job" "$tmp/warn.sh"
echo "1..$n"
[ "$failed" -eq 0 ]
