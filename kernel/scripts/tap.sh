# SPDX-License-Identifier: GPL-2.0
#
# TAP output for the kernel scripts; sourced, not run.
#   ok TEXT / not_ok TEXT   one result
#   diag FILE               the file as TAP diagnostics
#   tap_end                 the plan; returns non-zero if anything failed

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

diag() {
	sed 's/^/# /' "$1"
}

tap_end() {
	echo "1..$n"
	[ "$failed" -eq 0 ]
}
