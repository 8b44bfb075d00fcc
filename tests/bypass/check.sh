#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make check-bypass: the bypass suite on the host (AT_EXECVE_CHECK and the
# exec securebits), then in the guest (trusted_for), as one TAP stream.
# Exits 1 if any route's outcome is not the one its line states.

here=$(cd "$(dirname "$0")" && pwd)
exec "$here/../lib/host-guest.sh" "$here/run.sh"
