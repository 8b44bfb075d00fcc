#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The launcher's matrix inside the guest running the trusted_for kernel:
#   kernel/vm/run.sh python/tests/guest.sh PY_PLAIN PY_BIN PY_CLI
# Skips (exit 77) where the kernel has no fs.trust_policy.

if [ ! -e /proc/sys/fs/trust_policy ]; then
	echo "1..0 # SKIP no fs.trust_policy: this kernel has no trusted_for(2)"
	exit 77
fi
echo "# guest kernel $(uname -r)"
exec "$1" "$(dirname "$0")/matrix.py" --backend guest "$2" "$3"
