#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# User-space tests inside a guest running the trusted_for kernel (this
# project's 6.12 series), as root, with the build tree visible at the same
# path and /tmp writable.  Prints TAP; exits 0 on success, 1 on failure, 77
# (after "1..0 # SKIP") where the kernel has no fs.trust_policy.
#
#   1. The trusted_for(2) table through 'trusted-for check', the sysctl being
#      written directly (not through the library) for each policy 0..3, on
#      the fixture (tests/lib/fixture.sh) under /tmp, each expectation from
#      tests/lib/decisions.tsv.
#   2. The sysctl's contract: 0600, EINVAL outside 0..3, EPERM for non-root.
#   3. The library and CLI test programs (they loop over 0..3 themselves).
#
# Usage: guest.sh [BUILD/userspace]   (default: the build tree of this checkout)

SYSCTL=/proc/sys/fs/trust_policy
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$top/tests/lib/tap.sh"
. "$top/tests/lib/cli.sh"
. "$top/tests/lib/expect.sh"
export TF_DECISIONS
fixture=$top/tests/lib/fixture.sh
US_OUT=${1:-${US_OUT:-$top/build/userspace}}
US_OUT=$(cd "$US_OUT" 2>/dev/null && pwd)

if [ ! -e "$SYSCTL" ]; then
	echo "1..0 # SKIP $SYSCTL is absent: this kernel has no trusted_for(2); run me in the guest"
	exit 77
fi
cli_preamble "$US_OUT/bin/trusted-for"

orig=$(cat "$SYSCTL")
D=$(mktemp -d /tmp/tf-guest.XXXXXX)
chmod 0755 "$D"
cleanup() {
	echo "$orig" > "$SYSCTL"
	"$fixture" umount "$D"
	rm -rf "$D"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
echo "# kernel $(uname -r), fs.trust_policy was $orig, build $US_OUT"
echo "# $("$CLI" status | head -1)"
"$fixture" mount "$D" && "$fixture" plant "$D" ||
	{ echo "Bail out! cannot make the fixture under $D"; exit 1; }

# row NAME ORIGIN OBJECT -- CMD...: exit code of CMD (0 trusted, 1 refused)
# under each policy, the sysctl written directly, against the table.
row() {
	name=$1 origin=$2 object=$3
	shift 4
	for p in 0 1 2 3; do
		if ! echo "$p" > "$SYSCTL"; then
			not_ok "write $p to $SYSCTL"
			continue
		fi
		case $(expect "$origin" "$object" "tf$p") in
		allow) want=0 ;;
		deny) want=1 ;;
		*) not_ok "policy $p: $name: no row $origin $object in $TF_DECISIONS"; continue ;;
		esac
		out=$(timeout 5 "$@" 2>&1)
		rc=$?
		if [ "$rc" -eq "$want" ]; then
			ok "policy $p: $name: $( [ "$want" -eq 0 ] && echo trusted || echo refused)"
		else
			not_ok "policy $p: $name: exit $rc, want $want"
			note "\$ $*" "$out"
		fi
	done
}

row "regular, exec mount, 0500" file x -- "$CLI" check "$D/x/x"
row "regular, exec mount, 0400" file xr -- "$CLI" check "$D/x/xr"
row "regular, noexec mount, 0500" file nx -- "$CLI" check "$D/nx/nx"
row "regular, noexec mount, 0400" file nxr -- "$CLI" check "$D/nx/nxr"
row "directory" file nonreg -- "$CLI" check "$D/x/dir"
row "FIFO (no writer, must not block)" file nonreg -- "$CLI" check "$D/x/fifo"
row "char device" file nonreg -- "$CLI" check "$D/x/null"
row "procfs file" file procfs -- "$CLI" check /proc/self/status
row "pipe as a file" file nonreg -- sh -c "echo echo hi | '$CLI' check --origin file -"
row "stdin from a regular file (noexec 0500)" stdin nx -- sh -c "'$CLI' check - < '$D/nx/nx'"
row "stdin from a pipe" stdin nonreg -- sh -c "echo echo hi | '$CLI' check -"
row "inline code" inline - -- "$CLI" check --origin inline
# The answer is computed at call time, not at open time.
row "chmod after open (0500 -> 0400)" stdin xr -- sh -c "
	cp '$D/x/x' '$D/x/late' && chmod 0500 '$D/x/late' &&
	exec 3< '$D/x/late' && chmod 0400 '$D/x/late' &&
	'$CLI' check - <&3; rc=\$?; rm -f '$D/x/late'; exit \$rc"

echo 1 > "$SYSCTL"
out=$("$CLI" check "$D/nx/nx")
case $out in
*"refused by the system's execution policy (noexec mount)"*) ok "refusal message: $out" ;;
*) not_ok "refusal message"; note "$out" ;;
esac

# The sysctl's contract.
mode=$(stat -c %a "$SYSCTL")
[ "$mode" = 600 ] && ok "$SYSCTL is mode 0600" || not_ok "$SYSCTL is mode $mode, want 600"
if (echo 4 > "$SYSCTL") 2>/dev/null; then
	not_ok "writing 4 is refused"
else
	ok "writing 4 is refused"
fi
[ "$(cat "$SYSCTL")" = 1 ] && ok "a refused write changes nothing" || not_ok "a refused write changed the policy"
out=$(timeout 5 "$CLI" policy set 4 2>&1)
[ $? -eq 2 ] && ok "trusted-for policy set 4 exits 2" || { not_ok "trusted-for policy set 4"; note "$out"; }
cli_for_nobody "$D"
out=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$NCLI" policy set 0 2>&1)
rc=$?
if [ $rc -eq 2 ] && [ "$(cat "$SYSCTL")" = 1 ]; then
	ok "non-root policy set exits 2 and changes nothing: $out"
else
	not_ok "non-root policy set (exit $rc)"
	note "$out"
fi
out=$("$CLI" status)
case $out in
*"fs.trust_policy): 1, files on noexec mounts are refused"*) ok "status shows the policy in words" ;;
*) not_ok "status shows the policy in words"; note "$out" ;;
esac
echo "$orig" > "$SYSCTL"

# The test programs, as subtests (they loop over 0..3 on their own).
tap_subtest "library (shared)" "$US_OUT/tests/test-lib"
tap_subtest "library (static)" "$US_OUT/tests/test-lib-static"
tap_subtest "trusted-for CLI" sh "$here/test-cli.sh" "$CLI"
if [ -x "$US_OUT/asan/tests/test-lib" ]; then
	tap_subtest "library (ASan+UBSan)" "$US_OUT/asan/tests/test-lib"
	tap_subtest "trusted-for CLI (ASan+UBSan)" sh "$here/test-cli.sh" "$US_OUT/asan/bin/trusted-for"
fi
tap_end
