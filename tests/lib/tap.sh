# SPDX-License-Identifier: GPL-2.0
#
# The project's TAP helper for shell test scripts; sourced, not run.
#
#   ok TEXT / not_ok TEXT     one result, numbered
#   skip TEXT REASON          one result that did not run: "ok N - TEXT # SKIP"
#   diag FILE                 the file as TAP diagnostics
#   note TEXT...              each TEXT (any number of lines) as diagnostics
#   tap_end                   the plan; returns non-zero if anything failed
#   tap_subtest NAME CMD...   one result for a whole program: its own TAP
#                             indented below "# Subtest: NAME"; exit 0 is
#                             ok, 77 a skip, anything else not ok
#   tap_part [-o FILE] NAME CMD...
#                             run a part of a suite (its own TAP on stdout),
#                             show its lines, then its stderr as "# stderr:"
#                             lines, and add a "not ok" line when it failed
#                             without saying which test failed (or ran
#                             none), an "ok ... # SKIP" line when it exited
#                             77 without a test line.  With -o, the part's
#                             TAP and that added line are also kept in FILE
#                             (its stderr in FILE.stderr).  Returns 0 when
#                             the part exited 0 or 77; its exit status is
#                             left in $tap_status.
#   tap_renumber              filter: number the ok/not ok lines of several
#                             parts as one stream, the parts' plans become
#                             comments, the plan last
#
# Counters: $n tests so far, $failed of them failed, $skipped skipped.

n=0
failed=0
skipped=0

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
	skipped=$((skipped + 1))
	echo "ok $n - $1 # SKIP $2"
}

diag() {
	sed 's/^/# /' "$1"
}

note() {
	printf '%s\n' "$@" | sed 's/^/# /'
}

tap_end() {
	echo "1..$n"
	[ "$failed" -eq 0 ]
}

tap_subtest() {
	_name=$1
	shift
	_out=$(mktemp /tmp/tf-subtest.XXXXXX)
	"$@" >"$_out" 2>&1
	_status=$?
	echo "# Subtest: $_name"
	sed 's/^/    /' "$_out"
	rm -f "$_out"
	case $_status in
	0) ok "$_name" ;;
	77) skip "$_name" "needs a kernel feature or privilege missing here" ;;
	*) not_ok "$_name (exit $_status)" ;;
	esac
}

tap_part() {
	_keep=
	if [ "$1" = -o ]; then
		_keep=$2
		shift 2
	fi
	_name=$1
	shift
	if [ -n "$_keep" ]; then
		_out=$_keep
		_err=$_keep.stderr
	else
		_out=$(mktemp /tmp/tf-part.XXXXXX)
		_err=$_out.stderr
	fi
	_t0=$(date +%s)
	"$@" >"$_out" 2>"$_err"
	tap_status=$?
	cat "$_out"
	sed 's/^/# stderr: /' "$_err"
	_verdict=
	if [ "$tap_status" -eq 77 ] && ! grep -Eq '^(not )?ok' "$_out"; then
		_why=$(sed -n 's/^1\.\.0 # SKIP //p' "$_out" | head -n 1)
		_verdict="ok - $_name # SKIP ${_why:-the part skipped itself (exit 77)}"
	elif [ "$tap_status" -ne 0 ] && ! grep -q '^not ok' "$_out"; then
		_verdict="not ok - $_name exited with status $tap_status"
	elif ! grep -Eq '^(not )?ok' "$_out"; then
		_verdict="not ok - $_name ran no test"
	fi
	if [ -n "$_verdict" ]; then
		echo "$_verdict"
		[ -z "$_keep" ] || echo "$_verdict" >>"$_keep"
	fi
	echo "# $_name took $(($(date +%s) - _t0)) s"
	[ -n "$_keep" ] || rm -f "$_out" "$_err"
	[ "$tap_status" -eq 0 ] || [ "$tap_status" -eq 77 ]
}

tap_renumber() {
	awk '
	/^(not )?ok( [0-9]+)?( |$)/ {
		k++
		if (sub(/^not ok( [0-9]+)?/, "not ok " k)) bad++
		else sub(/^ok( [0-9]+)?/, "ok " k)
		print; fflush(); next
	}
	/^1\.\.[0-9]+/ { print "# plan of the part: " $0; fflush(); next }
	{ print; fflush() }
	END {
		print "1.." k
		if (bad) print "# " bad " of " k " failed"
		exit bad > 0
	}'
}
