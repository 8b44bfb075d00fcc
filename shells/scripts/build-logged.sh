#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# build.sh with its output kept in LOGDIR/SHELL-VARIANT.log, shown (the
# end of it) only when the build fails, on stderr: stdout stays TAP.
#
#   build-logged.sh SHELL VARIANT LOGDIR

set -u
mkdir -p "$3"
log=$3/$1-$2.log
start=$(date +%s)
if "$(dirname "$0")/build.sh" "$1" "$2" >"$log" 2>&1; then
	echo "# built $1 ($2) in $(($(date +%s) - start)) s, log $log" >&2
	exit 0
fi
echo "build of $1 ($2) failed; the end of $log:" >&2
tail -n 40 "$log" >&2
exit 1
