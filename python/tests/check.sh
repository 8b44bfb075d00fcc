#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# check-python: every test of the launcher, as one TAP stream on stdout.
#   1. the decision table (tests/lib/decisions.tsv) on the host
#      (AT_EXECVE_CHECK + securebits, the four securebits settings through
#      `trusted-for run`), then in the guest (fs.trust_policy 0..3, the
#      securebits alone and with a policy): run.sh through
#      tests/lib/host-guest.sh;
#   2. a slice of CPython's own test suite under the launcher, no policy.
# Environment (set by python.mk): PY_PLAIN PY_BIN PY_CLI.

set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$top/tests/lib/tap.sh"
: "${PY_PLAIN:=/usr/bin/python3.11}"
: "${PY_BIN:=$top/build/python/bin/tf-python3}"
: "${PY_CLI:=$top/build/userspace/bin/trusted-for}"
export PY_PLAIN PY_BIN

{
	"$top/tests/lib/host-guest.sh" "$here/run.sh" "$PY_PLAIN" "$PY_BIN" "$PY_CLI"
	echo "# == cpython-slice"
	tap_part cpython-slice "$here/cpython-tests.sh" slice
} | tap_renumber
