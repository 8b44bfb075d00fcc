#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Guest job: run the selftests of the series (built in DIR): trusted_for(2)
# and fs.trust_policy, then execveat(AT_EXECVE_CHECK) and the exec
# securebits.  Prints their TAP output; fails if any of them fails.  Runs as
# PID 1's child in the guest made by run.sh.
#
#   kselftests.sh DIR

set -u
dir=$1
if [ ! -e /proc/sys/fs/trust_policy ]; then
	echo "not ok 1 - /proc/sys/fs/trust_policy missing: this kernel lacks the series"
	exit 1
fi
cd "$dir" || exit 1
status=0
for t in trust_policy_test check_exec_test; do
	if [ ! -x "./$t" ]; then
		echo "not ok 1 - $dir/$t missing: make kselftests"
		status=1
		continue
	fi
	"./$t" || status=1
done
exit "$status"
