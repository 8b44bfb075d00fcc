#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The launcher's matrix (matrix.py) on one kernel, as root:
#
#   run.sh host  [PY_PLAIN PY_BIN PY_CLI]   AT_EXECVE_CHECK + securebits
#   run.sh guest [PY_PLAIN PY_BIN PY_CLI]   in the guest (kernel/vm/run.sh):
#                                           fs.trust_policy, securebits,
#                                           and both together
#
# PY_PLAIN runs matrix.py (Debian's python3.11, not the launcher), PY_BIN
# is the launcher, PY_CLI the trusted-for CLI; by default those of this
# checkout's build.  Skips (exit 77) in the guest mode where the kernel
# has no fs.trust_policy.

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
mode=${1:-}
plain=${2:-${PY_PLAIN:-/usr/bin/python3.11}}
bin=${3:-${PY_BIN:-$top/build/python/bin/tf-python3}}
cli=${4:-${PY_CLI:-$top/build/userspace/bin/trusted-for}}

case $mode in
host) ;;
guest)
	if [ ! -e /proc/sys/fs/trust_policy ]; then
		echo "1..0 # SKIP no fs.trust_policy: this kernel has no trusted_for(2)"
		exit 77
	fi
	echo "# guest kernel $(uname -r)"
	;;
*) echo "usage: run.sh host|guest [PY_PLAIN PY_BIN PY_CLI]" >&2; exit 2 ;;
esac
exec "$plain" "$here/matrix.py" --backend "$mode" "$bin" "$cli"
