#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make check-shells: the shell tests on the host (AT_EXECVE_CHECK under
# each securebits setting), then in the guest (trusted_for under each
# fs.trust_policy), as one TAP stream numbered from 1; exits 1 on any
# failure.  The guest part needs build/kernel (make kernel).

set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

"$here/run.sh" host >"$tmp/host" 2>&1
rc=$?
[ $rc -eq 0 ] || [ $rc -eq 77 ] || status=1
echo "# host run: exit $rc" >>"$tmp/host"
[ $rc -eq 77 ] && echo "ok - host run # SKIP no AT_EXECVE_CHECK on this kernel" >>"$tmp/host"

if [ -r "${TF_KERNEL:-$top/build/kernel/arch/x86/boot/bzImage}" ]; then
	"$top/kernel/vm/run.sh" "$here/run.sh" guest >"$tmp/guest" 2>&1
	rc=$?
	[ $rc -eq 0 ] || status=1
	echo "# guest run: exit $rc" >>"$tmp/guest"
	if [ $rc -ne 0 ] && ! grep -q '^not ok' "$tmp/guest"; then
		echo "not ok - guest run failed (exit $rc) without a failing test" >>"$tmp/guest"
	fi
else
	echo "not ok - guest run: no kernel (make kernel)" >"$tmp/guest"
	status=1
fi

# One numbering for both; each part's own plan becomes a comment.
cat "$tmp/host" "$tmp/guest" | awk '
	/^(not )?ok / {
		n++
		sub(/^ok( [0-9]+)?/, "ok " n)
		sub(/^not ok( [0-9]+)?/, "not ok " n)
		print; next
	}
	/^1\.\.[0-9]+/ { print "# plan of the part: " $0; next }
	{ print }
	END { print "1.." n }'
exit $status
