#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make check-shells: the shell tests on the host (AT_EXECVE_CHECK under
# each securebits setting), then in the guest (trusted_for under each
# fs.trust_policy, then with the securebits), as one TAP stream numbered
# from 1; exits 1 on any failure.  The guest part needs build/kernel (make
# kernel); it runs nine settings under TCG, so it gets more time than the
# guest's default 900 s (TF_VM_TIMEOUT overrides).

here=$(cd "$(dirname "$0")" && pwd)
TF_VM_TIMEOUT=${TF_VM_TIMEOUT:-2400}
export TF_VM_TIMEOUT
exec "$here/../../tests/lib/host-guest.sh" "$here/run.sh"
