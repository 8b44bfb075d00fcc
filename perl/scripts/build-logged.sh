#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# build.sh with its output kept in OUT/build-VARIANT.log, shown (the end of
# it) only when the build fails, on stderr: stdout stays TAP.  A build
# takes minutes: every 30 s a line on stderr says how far it is
# (tests/progress.sh).
#
#   build-logged.sh VARIANT OUT

set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../../tests/progress.sh"
mkdir -p "$2"
log=$2/build-$1.log
start=$(date +%s)
progress_note "# building perl ($1), log $log"
progress_start "build of perl ($1)" "echo last: \$(tail -n 1 '$log' | cut -c 1-60)"
"$here/build.sh" "$1" >"$log" 2>&1
status=$?
progress_stop
if [ "$status" -eq 0 ]; then
	echo "# built perl ($1) in $(($(date +%s) - start)) s, log $log" >&2
	exit 0
fi
echo "build of perl ($1) failed; the end of $log:" >&2
tail -n 40 "$log" >&2
exit 1
