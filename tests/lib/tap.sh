# SPDX-License-Identifier: GPL-2.0
#
# The project's TAP helper for shell test scripts; sourced, not run.
#
#   ok TEXT / not_ok TEXT     one result, numbered
#   skip TEXT REASON          one result that did not run: "ok N - TEXT # SKIP"
#   diag FILE                 the file as TAP diagnostics
#   tap_end                   the plan; returns non-zero if anything failed
#   tap_part NAME CMD...      run a part of a suite (its own TAP on stdout),
#                             show its lines, and add a "not ok" line when it
#                             failed without saying which test failed (or ran
#                             none), an "ok ... # SKIP" line when it exited 77
#                             without a test line
#   tap_renumber              filter: number the ok/not ok lines of several
#                             parts as one stream, the parts' plans become
#                             comments, the plan last
#
# Counters: $n tests so far, $failed of them failed.

n=0
failed=0

ok() {
	n=$((n + 1))
	echo "ok $n - $*"
}

not_ok() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $*"
}

skip() {
	n=$((n + 1))
	echo "ok $n - $1 # SKIP $2"
}

diag() {
	sed 's/^/# /' "$1"
}

tap_end() {
	echo "1..$n"
	[ "$failed" -eq 0 ]
}

tap_part() {
	_name=$1
	shift
	_out=$(mktemp /tmp/tf-part.XXXXXX)
	"$@" >"$_out" 2>&1
	_status=$?
	cat "$_out"
	if [ "$_status" -eq 77 ] && ! grep -Eq '^(not )?ok' "$_out"; then
		_why=$(sed -n 's/^1\.\.0 # SKIP //p' "$_out" | head -n 1)
		echo "ok - $_name # SKIP ${_why:-the part skipped itself (exit 77)}"
	elif [ "$_status" -ne 0 ] && ! grep -q '^not ok' "$_out"; then
		echo "not ok - $_name exited with status $_status"
	elif ! grep -Eq '^(not )?ok' "$_out"; then
		echo "not ok - $_name ran no test"
	fi
	rm -f "$_out"
	[ "$_status" -eq 0 ] || [ "$_status" -eq 77 ]
}

tap_renumber() {
	awk '
	/^(not )?ok( [0-9]+)?( |$)/ {
		k++
		if (sub(/^not ok( [0-9]+)?/, "not ok " k)) bad++
		else sub(/^ok( [0-9]+)?/, "ok " k)
		print; next
	}
	/^1\.\.[0-9]+/ { print "# plan of the part: " $0; next }
	{ print }
	END { print "1.." k; exit bad > 0 }'
}
