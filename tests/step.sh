#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Run one step of `make check`, keep its TAP in RESULTS/NAME.tap and show it.
#
#   step.sh RESULTS NAME COMMAND [ARG...]
#
# A step that fails without saying which test failed (it crashed, the guest
# did not boot) gets a "not ok" line of its own, so that the report never
# counts a broken step as a pass.  Exit 77 with no test line is a skip.
# While the step runs (its output is kept until it ends), a line on stderr
# every 30 s says that it is alive (tests/progress.sh).

set -u
results=$1
name=$2
shift 2
tap=$results/$name.tap

mkdir -p "$results"
echo "== $name"
. "$(dirname "$0")/progress.sh"
progress_start "$name" "echo \$(grep -c '^ok ' '$tap') ok, \$(grep -c '^not ok ' '$tap') not ok so far"
# The step's own commands print no ticker: their stderr is kept until the end.
TF_PROGRESS=0 "$@" >"$tap" 2>"$results/$name.stderr"
status=$?
progress_stop
cat "$tap"
if [ -s "$results/$name.stderr" ]; then
	sed 's/^/# stderr: /' "$results/$name.stderr"
fi

if [ "$status" -eq 77 ] && ! grep -Eq '^(not )?ok ' "$tap"; then
	echo "ok - $name # SKIP the step skipped itself (exit 77)" | tee -a "$tap"
elif [ "$status" -ne 0 ] && ! grep -q '^not ok ' "$tap"; then
	echo "not ok - $name exited with status $status" | tee -a "$tap"
elif [ "$status" -eq 0 ] && ! grep -Eq '^(not )?ok ' "$tap"; then
	echo "not ok - $name ran no test" | tee -a "$tap"
fi
exit "$status"
