#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make check-bypass: the bypass suite on the host (AT_EXECVE_CHECK and the
# exec securebits), then in the guest (trusted_for), as one TAP stream.
# Exits 1 if any route's outcome is not the one its line states.

set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

"$here/run.sh" host >"$tmp/host" 2>&1
rc=$?
case $rc in
0) ;;
77) echo "ok - host routes # SKIP no AT_EXECVE_CHECK on this kernel" >>"$tmp/host" ;;
*)
	status=1
	grep -q '^not ok' "$tmp/host" ||
		echo "not ok - host routes failed (exit $rc) without a failing route" >>"$tmp/host"
	;;
esac

if [ -r "${TF_KERNEL:-$top/build/kernel/arch/x86/boot/bzImage}" ]; then
	"$top/kernel/vm/run.sh" "$here/run.sh" guest >"$tmp/guest" 2>&1
	rc=$?
	if [ $rc -ne 0 ]; then
		status=1
		grep -q '^not ok' "$tmp/guest" ||
			echo "not ok - guest routes failed (exit $rc) without a failing route" >>"$tmp/guest"
	fi
else
	echo "not ok - guest routes: no kernel (make kernel)" >"$tmp/guest"
	status=1
fi

cat "$tmp/host" "$tmp/guest" | awk '
	/^(not )?ok / {
		n++
		sub(/^ok( [0-9]+)?/, "ok " n)
		sub(/^not ok( [0-9]+)?/, "not ok " n)
		print; next
	}
	/^1\.\.[0-9]+/ { next }
	{ print }
	END { print "1.." n }'
exit $status
