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
#      tmpfs mounts of its own (exec and noexec) under /tmp.
#   2. The sysctl's contract: 0600, EINVAL outside 0..3, EPERM for non-root.
#   3. The library and CLI test programs (they loop over 0..3 themselves).
#
# Usage: guest.sh [BUILD/userspace]   (default: the build tree of this checkout)

SYSCTL=/proc/sys/fs/trust_policy
here=$(cd "$(dirname "$0")" && pwd)
US_OUT=${1:-${US_OUT:-$here/../../build/userspace}}
US_OUT=$(cd "$US_OUT" 2>/dev/null && pwd)
CLI=$US_OUT/bin/trusted-for

if [ ! -e "$SYSCTL" ]; then
	echo "1..0 # SKIP $SYSCTL is absent: this kernel has no trusted_for(2); run me in the guest"
	exit 77
fi
if [ "$(id -u)" -ne 0 ]; then
	echo "Bail out! guest.sh must run as root"
	exit 1
fi
if [ ! -x "$CLI" ]; then
	echo "Bail out! $CLI not built (make userspace on the host first)"
	exit 1
fi

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }
diag() { printf '%s\n' "$@" | sed 's/^/# /'; }

orig=$(cat "$SYSCTL")
D=$(mktemp -d /tmp/tf-guest.XXXXXX)
chmod 0755 "$D"
cleanup() {
	echo "$orig" > "$SYSCTL"
	umount -l "$D/x" "$D/nx" 2>/dev/null
	rm -rf "$D"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
echo "# kernel $(uname -r), fs.trust_policy was $orig, build $US_OUT"
echo "# $("$CLI" status | head -1)"

mkdir "$D/x" "$D/nx"
if ! mount -t tmpfs -o mode=0755 tf-exec "$D/x" ||
	! mount -t tmpfs -o mode=0755,noexec tf-noexec "$D/nx"; then
	echo "Bail out! cannot mount tmpfs under $D"
	exit 1
fi
for dir in x nx; do
	for mode in 500 400; do
		printf 'echo hello\n' > "$D/$dir/f$mode"
		chmod "$mode" "$D/$dir/f$mode"
	done
done
mkdir "$D/x/dir"
mkfifo "$D/x/fifo"
mknod "$D/x/chr" c 1 3

# row NAME WANT0 WANT1 WANT2 WANT3 -- CMD...: exit code of CMD (0 trusted,
# 1 refused) under each policy, the sysctl written directly.
row() {
	name=$1
	shift
	w0=$1 w1=$2 w2=$3 w3=$4
	shift 5
	for p in 0 1 2 3; do
		if ! echo "$p" > "$SYSCTL"; then
			not_ok "write $p to $SYSCTL"
			continue
		fi
		case $p in
		0) want=$w0 ;;
		1) want=$w1 ;;
		2) want=$w2 ;;
		*) want=$w3 ;;
		esac
		out=$(timeout 5 "$@" 2>&1)
		rc=$?
		if [ "$rc" -eq "$want" ]; then
			ok "policy $p: $name: $( [ "$want" -eq 0 ] && echo trusted || echo refused)"
		else
			not_ok "policy $p: $name: exit $rc, want $want"
			diag "\$ $*" "$out"
		fi
	done
}

# trusted_for(2), "Expected answers (root)".
row "regular, exec mount, 0500" 0 0 0 0 -- "$CLI" check "$D/x/f500"
row "regular, exec mount, 0400" 0 0 1 1 -- "$CLI" check "$D/x/f400"
row "regular, noexec mount, 0500" 0 1 0 1 -- "$CLI" check "$D/nx/f500"
row "regular, noexec mount, 0400" 0 1 1 1 -- "$CLI" check "$D/nx/f400"
row "directory" 0 1 1 1 -- "$CLI" check "$D/x/dir"
row "FIFO (no writer, must not block)" 0 1 1 1 -- "$CLI" check "$D/x/fifo"
row "char device" 0 1 1 1 -- "$CLI" check "$D/x/chr"
row "procfs file" 0 1 1 1 -- "$CLI" check /proc/self/status
row "pipe as a file" 0 1 1 1 -- sh -c "echo echo hi | '$CLI' check --origin file -"
# the decision table of libtrustedfor(3): stdin is governed only when it is a regular file.
row "stdin from a regular file (noexec 0500)" 0 1 0 1 -- sh -c "'$CLI' check - < '$D/nx/f500'"
row "stdin from a pipe" 0 0 0 0 -- sh -c "echo echo hi | '$CLI' check -"
row "inline code" 0 0 0 0 -- "$CLI" check --origin inline
# The answer is computed at call time, not at open time.
row "chmod after open (0500 -> 0400)" 0 0 1 1 -- sh -c "
	cp '$D/x/f500' '$D/x/late' && chmod 0500 '$D/x/late' &&
	exec 3< '$D/x/late' && chmod 0400 '$D/x/late' &&
	'$CLI' check - <&3; rc=\$?; rm -f '$D/x/late'; exit \$rc"

echo 1 > "$SYSCTL"
out=$("$CLI" check "$D/nx/f500")
case $out in
*"refused by the system's execution policy (noexec mount)"*) ok "refusal message: $out" ;;
*) not_ok "refusal message"; diag "$out" ;;
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
[ $? -eq 2 ] && ok "trusted-for policy set 4 exits 2" || { not_ok "trusted-for policy set 4"; diag "$out"; }
# uid 65534 runs a copy of the CLI and its library (RUNPATH $ORIGIN/../lib):
# the build tree may sit under a directory only root may enter (/root).
mkdir "$D/u" "$D/u/bin" "$D/u/lib"
chmod 0755 "$D/u" "$D/u/bin" "$D/u/lib"
cp "$CLI" "$D/u/bin/trusted-for" && cp -P "$US_OUT"/lib/libtrustedfor.so* "$D/u/lib/" ||
	{ echo "Bail out! cannot copy the CLI and its library to $D/u"; exit 1; }
out=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$D/u/bin/trusted-for" policy set 0 2>&1)
rc=$?
if [ $rc -eq 2 ] && [ "$(cat "$SYSCTL")" = 1 ]; then
	ok "non-root policy set exits 2 and changes nothing: $out"
else
	not_ok "non-root policy set (exit $rc)"
	diag "$out"
fi
out=$("$CLI" status)
case $out in
*"fs.trust_policy): 1, files on noexec mounts are refused"*) ok "status shows the policy in words" ;;
*) not_ok "status shows the policy in words"; diag "$out" ;;
esac
echo "$orig" > "$SYSCTL"

# The test programs, as subtests (they loop over 0..3 on their own).
sub() {
	name=$1
	shift
	log=$(mktemp /tmp/tf-guest-log.XXXXXX)
	"$@" > "$log" 2>&1
	rc=$?
	echo "# Subtest: $name"
	sed 's/^/    /' "$log"
	rm -f "$log"
	case $rc in
	0) ok "$name" ;;
	*) not_ok "$name (exit $rc)" ;;
	esac
}
sub "library (shared)" "$US_OUT/tests/test-lib"
sub "library (static)" "$US_OUT/tests/test-lib-static"
sub "trusted-for CLI" sh "$here/test-cli.sh" "$CLI"
if [ -x "$US_OUT/asan/tests/test-lib" ]; then
	sub "library (ASan+UBSan)" "$US_OUT/asan/tests/test-lib"
	sub "trusted-for CLI (ASan+UBSan)" sh "$here/test-cli.sh" "$US_OUT/asan/bin/trusted-for"
fi

echo "1..$n"
if [ $failed -ne 0 ]; then
	echo "# FAILED $failed of $n tests"
	exit 1
fi
exit 0
