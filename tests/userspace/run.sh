#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Run the user-space tests of one build ($US_OUT) and print TAP: one line per
# test program, its own TAP indented below it as a subtest (tap_subtest of
# tests/lib/tap.sh).  Exit 77 from a program is a skip (printed loudly),
# anything else non-zero is a failure.
# Called by 'make check-userspace'; usable alone:
#   US_OUT=build/userspace US_SRC=. tests/userspace/run.sh

US_OUT=${US_OUT:-build/userspace}
US_SRC=${US_SRC:-.}
US_HEADER=${US_HEADER:-$US_OUT/../userspace/include/trusted-for.h}
. "$US_SRC/tests/lib/tap.sh"
# The expectations of test-lib's matrix.
TF_DECISIONS=${TF_DECISIONS:-$(cd "$US_SRC" && pwd)/tests/lib/decisions.tsv}
export TF_DECISIONS

# Only the documented API leaves the shared library, in its version node.
check_exports() {
	so=$US_OUT/lib/libtrustedfor.so.1
	bad=$(nm -D --defined-only "$so" | awk '$3 !~ /^LIBTRUSTEDFOR_1\.[0-9]+$/ && $3 !~ /^tf_[a-z_]+@@LIBTRUSTEDFOR_1\.[0-9]+$/')
	soname=$(readelf -d "$so" | sed -n 's/.*SONAME.*\[\(.*\)\]/\1/p')
	echo "# soname: $soname"
	[ -z "$bad" ] || { echo "$bad"; return 1; }
	# Every exported function is declared in the public header.
	for sym in $(nm -D --defined-only "$so" | sed -n 's/.* \(tf_[a-z_]*\)@@.*/\1/p'); do
		grep -q "^TF_API .*[ *]$sym(" "$US_HEADER" ||
			{ echo "$sym is not in trusted-for.h"; return 1; }
	done
	PKG_CONFIG_PATH=$US_OUT/lib/pkgconfig pkg-config --exists libtrustedfor || return 1
	# One version, from VERSION, everywhere.
	v=$(cat "$US_SRC/VERSION")
	[ "$(PKG_CONFIG_PATH=$US_OUT/lib/pkgconfig pkg-config --modversion libtrustedfor)" = "$v" ] &&
		[ -e "$US_OUT/lib/libtrustedfor.so.$v" ] &&
		[ "$soname" = "libtrustedfor.so.${v%%.*}" ] &&
		grep -q "^#define TF_VERSION_MAJOR ${v%%.*}$" "$US_HEADER" &&
		! grep -l "@TF_VERSION" "$US_HEADER" "$US_OUT"/man/*.[0-9] &&
		[ "$(grep -l "trusted-for $v" "$US_OUT"/man/*.[0-9] | wc -l)" -eq "$(ls "$US_SRC"/man/*.in | wc -l)" ] ||
		{ echo "the version $v is not the same everywhere"; return 1; }
	# What ships has no test seam: the switch is only in test builds.
	for f in "$so" "$US_OUT/lib/libtrustedfor.a" "$US_OUT/bin/trusted-for"; do
		if grep -q TRUSTED_FOR_FORCE_BACKEND "$f"; then
			echo "$f contains the test seam TRUSTED_FOR_FORCE_BACKEND"
			return 1
		fi
	done
	grep -q TRUSTED_FOR_FORCE_BACKEND "$US_OUT/tests/libtrustedfor-test.a" ||
		{ echo "the test build lacks its seam: the check above proves nothing"; return 1; }
}

# man --warnings prints nothing for each page.
check_man() {
	status=0
	for page in "$US_OUT"/man/*.[0-9]; do
		w=$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
		if [ -n "$w" ]; then
			echo "$page:"; echo "$w"; status=1
		else
			echo "# $page: clean"
		fi
	done
	return $status
}

echo "TAP version 14"
echo "# build: $US_OUT${US_SAN:+ (ASan+UBSan)}"
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
if [ -z "$US_SAN" ]; then
	tap_subtest "exported symbols, soname, pkg-config" check_exports
	tap_subtest "man pages: man --warnings is silent" check_man
fi
tap_subtest "library (shared)" "$US_OUT/tests/test-lib"
tap_subtest "library (static)" "$US_OUT/tests/test-lib-static"
tap_subtest "trusted-for CLI" sh "$US_SRC/tests/userspace/test-cli.sh" "$US_OUT/bin/trusted-for"
tap_subtest "trusted-for interpreters" sh "$US_SRC/tests/userspace/test-interpreters.sh" "$US_OUT/bin/trusted-for"
if [ $skipped -ne 0 ]; then
	echo "# WARNING: $skipped of $n test programs SKIPPED (see above): not a pass"
fi
tap_end
