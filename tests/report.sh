#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Count the top-level TAP results of every step of `make check` and print
# the closing line "N passed, N failed, N skipped".  Exit 1 if anything
# failed or nothing ran.

set -u
results=$1

passed=0
failed=0
skipped=0
for tap in "$results"/*.tap; do
	[ -e "$tap" ] || continue
	p=$(grep -E '^ok ' "$tap" | grep -Evc '# *(SKIP|skip)')
	s=$(grep -E '^ok ' "$tap" | grep -Ec '# *(SKIP|skip)')
	f=$(grep -Ec '^not ok ' "$tap")
	printf '%-24s %4d passed, %4d failed, %4d skipped\n' \
		"$(basename "$tap" .tap)" "$p" "$f" "$s"
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + s))
done
if [ "$failed" -ne 0 ]; then
	echo "Failed tests:"
	grep -H '^not ok ' "$results"/*.tap | sed 's|^.*/||'
fi
echo "$passed passed, $failed failed, $skipped skipped" | tee "$results/summary"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
