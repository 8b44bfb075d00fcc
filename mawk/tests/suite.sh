#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# mawk's own tests (test/mawktest and test/fpe_test of the source),
# unpatched then patched, as TAP: each must pass, and the patched mawk
# must fail no test the unpatched one passes.  No policy is in force: the
# checks answer "trusted" and must change nothing.

set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/tap.sh"
out=$top/build/mawk
mkdir -p "$out/log"
for v in orig tf; do
	bin=$out/bin/mawk
	[ $v = tf ] || bin=$bin-orig
	tree=$out/mawk-$v
	[ -x "$bin" ] && [ -d "$tree/test" ] || { not_ok "$v: $bin not built (make mawk mawk-orig)"; continue; }
	for t in mawktest fpe_test; do
		log=$out/log/suite-$v-$t.log
		(cd "$tree/test" && MAWK=$bin sh "./$t") >"$log" 2>&1
		rc=$?
		grep -i 'fail' "$log" | sed 's/^/# /' >"$log.fail"
		if [ $rc -eq 0 ] && ! [ -s "$log.fail" ]; then
			ok "$v: $t passes ($(grep -c ' OK$' "$log") parts OK)"
		else
			not_ok "$v: $t (exit $rc), log $log"
			cat "$log.fail"
		fi
	done
done
for t in mawktest fpe_test; do
	if [ -f "$out/log/suite-tf-$t.log.fail" ] && [ -f "$out/log/suite-orig-$t.log.fail" ] &&
	   cmp -s "$out/log/suite-tf-$t.log.fail" "$out/log/suite-orig-$t.log.fail"; then
		ok "$t: the patched mawk fails nothing the unpatched one passes"
	else
		not_ok "$t: the patched and unpatched results differ"
	fi
done
tap_end
