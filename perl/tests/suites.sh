#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# check-perl-suites: perl's own tests (t/op, t/comp, t/run and lib/) in the
# build trees of the unpatched and the patched perl (build/perl/perl-orig,
# build/perl/perl-tf), no policy in force: every check is made and none
# refuses.  Prints TAP: the counts of each tree, then one line that fails
# if a test file fails patched but not unpatched.  Long (tens of minutes
# on two cores).
#
#   suites.sh [TESTS...]     test files relative to t/ (default: all of
#                            op/ comp/ run/ and ../lib/)
#
# The logs stay in build/perl/suites-{orig,tf}.log.

set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$top/tests/lib/tap.sh"
out=$top/build/perl
jobs=$(nproc 2>/dev/null || echo 2)

run_tree() {	# run_tree VARIANT: the verdict of each file in suites-VARIANT.res
	tree=$out/perl-$1
	log=$out/suites-$1.log
	[ -x "$tree/perl" ] || { echo "no perl built in $tree (make perl perl-orig)" >"$log"; return 1; }
	(
		cd "$tree" && make test_prep >/dev/null 2>&1 && cd t &&
		if [ $# -gt 1 ]; then
			shift
			set -- "$@"
		else
			set -- op/*.t comp/*.t run/*.t $(cd .. && find lib -name '*.t' | sort | sed 's|^|../|')
		fi &&
		TEST_JOBS=$jobs HARNESS_TIMER=0 ./perl harness "$@"
	) >"$log" 2>&1
	# "op/array.t ...... ok" (or "skipped: ...", "Failed 2/10 subtests",
	# "Dubious, ...") per file.
	sed -n 's/^\([^ ]*\.t\) \.\.*  *\(.*\)$/\1 \2/p' "$log" | sort -u -k1,1 >"$out/suites-$1.res"
	# The harness stops at a test it cannot start: that is a failure.
	! grep -q '^Could not execute' "$log" && [ -s "$out/suites-$1.res" ]
}

summary() {	# summary VARIANT: "N files, F failed"
	awk '{ n++ } $2 != "ok" && $2 != "skipped:" && $2 != "skipped" { f++ }
	END { printf "%d files, %d failed\n", n, f }' "$out/suites-$1.res"
}

failed_of() {
	awk '$2 != "ok" && $2 != "skipped:" && $2 != "skipped" { print $1 }' "$out/suites-$1.res"
}

for v in orig tf; do
	if run_tree "$v" "$@"; then
		ok "perl-$v: $(summary "$v") (log build/perl/suites-$v.log)"
		note "$(tail -n 3 "$out/suites-$v.log")"
	else
		not_ok "perl-$v: the suite did not run (log build/perl/suites-$v.log)"
		tail -n 20 "$out/suites-$v.log" | sed 's/^/# /'
	fi
done
if [ -s "$out/suites-orig.res" ] && [ -s "$out/suites-tf.res" ]; then
	failed_of orig | sort >"$out/suites-orig.failed"
	failed_of tf | sort >"$out/suites-tf.failed"
	new=$(comm -13 "$out/suites-orig.failed" "$out/suites-tf.failed")
	gone=$(awk '{ print $1 }' "$out/suites-orig.res" | sort | comm -23 - "$(
		awk '{ print $1 }' "$out/suites-tf.res" | sort >"$out/suites-tf.files"
		echo "$out/suites-tf.files")")
	if [ -z "$new" ] && [ -z "$gone" ]; then
		ok "no test file fails patched that passes unpatched"
	else
		not_ok "patched perl: new failures or missing files"
		note "new failures:" $new "not run patched:" $gone
	fi
fi
tap_end
