#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Run one step of `make check`, keep its TAP in RESULTS/NAME.tap (its
# stderr in RESULTS/NAME.tap.stderr) and show it.
#
#   step.sh RESULTS NAME COMMAND [ARG...]
#
# A step is a part of the suite as tests/lib/tap.sh's tap_part runs it: one
# that fails without saying which test failed (it crashed, the guest did not
# boot) gets a "not ok" line of its own, so that the report never counts a
# broken step as a pass; exit 77 with no test line is a skip.  While the
# step runs, a line on stderr every 30 s says that it is alive
# (tests/progress.sh).  Exits with the step's own status.

set -u
results=$1
name=$2
shift 2
tap=$results/$name.tap
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/tap.sh"
. "$here/progress.sh"

mkdir -p "$results"
echo "== $name"
progress_start "$name" "echo \$(grep -c '^ok ' '$tap') ok, \$(grep -c '^not ok ' '$tap') not ok so far\
\$(tail -n 1 '$tap.stderr' | cut -c 1-72 | sed 's/^/, last on stderr: /')"
# The step's own commands print no ticker: their stderr is kept until the end.
tap_part -o "$tap" "$name" env TF_PROGRESS=0 "$@" >"$tap.shown"
progress_stop
cat "$tap.shown"
rm -f "$tap.shown"
exit "$tap_status"
