#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Guest job: run the trusted_for selftests (built in DIR) and print their
# TAP output.  Runs as PID 1's child in the guest made by run.sh.
#
#   kselftests.sh DIR

set -u
dir=$1
if [ ! -e /proc/sys/fs/trust_policy ]; then
	echo "not ok 1 - /proc/sys/fs/trust_policy missing: this kernel lacks the series"
	exit 1
fi
cd "$dir" || exit 1
exec ./trust_policy_test
