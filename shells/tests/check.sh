#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make check-shells: the shell tests on the host (AT_EXECVE_CHECK under
# each securebits setting), then in the guest (trusted_for under each
# fs.trust_policy), as one TAP stream numbered from 1; exits 1 on any
# failure.  The guest part needs build/kernel (make kernel).

here=$(cd "$(dirname "$0")" && pwd)
exec "$here/../../tests/lib/host-guest.sh" "$here/run.sh"
