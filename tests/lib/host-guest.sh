#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Run a suite on the host (AT_EXECVE_CHECK and the exec securebits) and in
# the guest (trusted_for, booted under QEMU), as one TAP stream.
#
#   host-guest.sh RUNNER [ARG...]
#
# RUNNER is called as "RUNNER host ARG..." here and "RUNNER guest ARG..."
# in the guest; it prints TAP and exits 0, 1 (a test failed) or 77 (not
# for this kernel).  Exits 1 if anything failed; the guest part fails when
# there is no kernel to boot (make kernel).

set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/tap.sh"
runner=$1
shift
kernel=${TF_KERNEL:-$top/build/kernel/arch/x86/boot/bzImage}

{
	echo "# == host"
	tap_part host "$runner" host "$@"
	echo "# == guest"
	if [ -r "$kernel" ]; then
		tap_part guest "$top/kernel/vm/run.sh" "$runner" guest "$@"
	else
		echo "not ok - guest: no kernel at $kernel (make kernel)"
	fi
} | tap_renumber
