#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# check-python: every test of the launcher, as one TAP stream on stdout.
#   1. the SPEC section 5 matrix on the host (AT_EXECVE_CHECK + securebits,
#      the four securebits settings through `trusted-for run`);
#   2. the same matrix in the guest (trusted_for, fs.trust_policy 0..3);
#   3. a slice of CPython's own test suite under the launcher, no policy.
# The parts print "ok - ..." lines; this script numbers them.
# Environment (set by python.mk): PY_PLAIN PY_BIN PY_CLI PY_VM.

set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${PY_PLAIN:=/usr/bin/python3.11}"
out=$(mktemp -d /tmp/tf-python-check.XXXXXX)
trap 'rm -rf "$out"' EXIT

# part NAME COMMAND...: run, keep its lines, add a failure line when it
# failed without saying which test failed.
part() {
	name=$1
	shift
	echo "# == $name"
	start=$(date +%s)
	"$@" >"$out/$name" 2>"$out/$name.err"
	status=$?
	cat "$out/$name"
	sed 's/^/# stderr: /' "$out/$name.err" | tail -n 20
	if [ "$status" -eq 77 ] && ! grep -Eq '^(not )?ok' "$out/$name"; then
		echo "ok - $name # SKIP $(sed -n 's/^1\.\.0 # SKIP //p' "$out/$name" | head -n 1)"
	elif [ "$status" -ne 0 ] && ! grep -q '^not ok' "$out/$name"; then
		echo "not ok - $name exited with status $status"
	elif ! grep -q '^ok' "$out/$name" && ! grep -q '^not ok' "$out/$name"; then
		echo "not ok - $name ran no test"
	fi
	echo "# $name took $(($(date +%s) - start)) s"
}

{
	part host "$PY_PLAIN" "$here/matrix.py" --backend host "$PY_BIN" "$PY_CLI"
	part guest "$PY_VM" "$here/guest.sh" "$PY_PLAIN" "$PY_BIN" "$PY_CLI"
	part cpython-slice "$here/cpython-tests.sh" slice
} | awk '
	/^1\.\./ { print "# (part plan) " $0; next }
	/^ok / || /^ok$/ { sub(/^ok/, "ok " ++n); print; fflush(); next }
	/^not ok/ { sub(/^not ok/, "not ok " ++n); failed++; print; fflush(); next }
	{ print; fflush() }
	END { print "1.." n; if (failed) { print "# " failed " of " n " failed"; exit 1 } }'
