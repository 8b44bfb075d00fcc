#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make check-shells-suites: each shell's own test suite, on the unpatched
# and on the patched build, and the difference; TAP on stdout, one line
# per shell: "not ok" if a test passes unpatched and fails patched.
#
#   suites.sh [dash] [busybox] [hush] [bash]
#
#   busybox  shell/ash_test/run-all (busybox's tests of ash; busybox's
#            testsuite/ tests the other applets, not built here)
#   hush     shell/hush_test/run-all (busybox's tests of hush), on the
#            same busybox binary
#   dash     dash 0.5.12 ships no test suite: busybox's ash_test is run on
#            it instead (ash and dash share their ancestry), as a
#            regression check; many tests use ash extensions and fail on
#            both builds alike
#   bash     each tests/run-* of bash's own suite (what `make tests` runs),
#            its output compared with the expected output; a test passes
#            when it prints nothing but warnings
#
# Results are kept in build/shells/suites/.  No policy is in force: this
# checks that the patch changes nothing where nothing is refused.

set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
SH_OUT=${SH_OUT:-$top/build/shells}
R=$SH_OUT/suites
[ $# -gt 0 ] || set -- dash busybox hush bash
mkdir -p "$R"
n=0
status=0

# bb_test SUITE VARIANT SHELL_BINARY OUTDIR: run busybox's tests of SUITE
# (ash or hush, shell/SUITE_test) on a shell.
bb_test() {
	rm -rf "$4"
	mkdir -p "$4"
	cp -a "$SH_OUT/busybox-$2/shell/$1_test" "$4/$1_test"
	cp "$SH_OUT/busybox-$2/.config" "$4/$1_test/.config"
	ln -sf "$3" "$4/$1_test/$1"
	# A time limit per test: some loop forever on a shell lacking a
	# feature (dash: '. FILE ARGS' ignores ARGS, var_LINENO1 recurses).
	sed -i -e 's|^\t\t\t"\$THIS_SH" "./\$x"|\t\t\ttimeout 10 "$THIS_SH" "./$x"|' \
		-e 's|^\t\t\tsh "\$x" >|\t\t\ttimeout 60 sh "$x" >|' "$4/$1_test/run-all"
	grep -q 'timeout 10 "$THIS_SH"' "$4/$1_test/run-all" || { echo "# suites.sh: cannot edit run-all" >&2; return 1; }
	(cd "$4/$1_test" && timeout 900 sh ./run-all) >"$4/results" 2>&1
	# "NAME: ok", "NAME: fail" (hush: "fail (N)"); hush's skipped tests
	# (a feature not built) are left out.
	sed -n 's/^\([^ :]*\): *\(ok\|fail\)\( (.*)\)\{0,1\}$/\1 \2/p' "$4/results" | sort >"$4/list"
}

# bash_tests VARIANT OUTDIR
bash_tests() {
	tree=$SH_OUT/bash-$1
	rm -rf "$2"
	mkdir -p "$2"
	make -s -C "$tree" recho zecho printenv xcase >/dev/null 2>&1
	cp "$tree/recho" "$tree/zecho" "$tree/printenv" "$tree/xcase" "$tree/tests/"
	for t in "$tree"/tests/run-*; do
		name=$(basename "$t")
		case $name in run-all | run-minimal | run-gprof) continue ;; esac
		# The environment run-all sets up for each test.
		mkdir -p "$2/tmp"
		(cd "$tree/tests" && unset BASH_ENV ENV SHELLOPTS &&
		 BUILD_DIR=$tree THIS_SH=$tree/bash PATH=.:$tree/tests:$PATH \
		 TMPDIR=$2/tmp BASH_TSTOUT=$2/tmp/tstout \
			timeout 300 sh "$name" </dev/null) >"$2/$name.out" 2>&1
		# Clean: nothing but bash's own warnings about the test.
		if grep -v '^warning:' "$2/$name.out" | grep -q .; then
			echo "$name fail"
		else
			echo "$name ok"
		fi
	done | sort >"$2/list"
}

# rerun SHELL VARIANT TEST: run one test again; exit 0 if it passes.
rerun() {
	case $1 in
	bash)
		tree=$SH_OUT/bash-$2
		(cd "$tree/tests" && unset BASH_ENV ENV SHELLOPTS &&
		 BUILD_DIR=$tree THIS_SH=$tree/bash PATH=.:$tree/tests:$PATH \
		 TMPDIR=$R/bash-$2/tmp BASH_TSTOUT=$R/bash-$2/tmp/tstout \
			timeout 300 sh "$3" </dev/null) 2>&1 | grep -v '^warning:' | grep -q . && return 1
		return 0
		;;
	*)
		suite=ash
		[ "$1" = hush ] && suite=hush
		d=$R/$1-$2/${suite}_test
		# (in the subshell: the caller's loop variable is $x)
		(base=$(basename "$3") && cd "$d" &&
		 eval "$(sed -e '/^#/d' -e '/^$/d' -e 's:^:export :' .config)" &&
		 PATH=$d:$PATH THIS_SH=$d/$suite && export PATH THIS_SH &&
		 cd "$(dirname "$3")" &&
		 timeout 10 "$THIS_SH" "./$base" 2>&1 | grep -va '^ash: using fallback suid method$' |
			diff -q - "${base%.tests}.right" >/dev/null)
		;;
	esac
}

for s in "$@"; do
	start=$(date +%s)
	for v in orig tf; do
		case $s in
		dash) bb_test ash "$v" "$SH_OUT/bin/dash$( [ $v = orig ] && echo -orig)" "$R/dash-$v" ;;
		busybox) bb_test ash "$v" "$SH_OUT/busybox-$v/busybox" "$R/busybox-$v" ;;
		hush) bb_test hush "$v" "$SH_OUT/busybox-$v/busybox" "$R/hush-$v" ;;
		bash) bash_tests "$v" "$R/bash-$v" ;;
		esac
	done
	o=$R/$s-orig/list
	t=$R/$s-tf/list
	total=$(wc -l <"$o")
	po=$(grep -c ' ok$' "$o")
	pt=$(grep -c ' ok$' "$t")
	# A test that fails patched only counts when it keeps failing there
	# and keeps passing unpatched over 3 more runs (signal and timing
	# tests race).
	regress=
	flaky=
	for x in $(join "$o" "$t" | awk '$2 == "ok" && $3 != "ok" { print $1 }'); do
		po3=0
		pt3=0
		for k in 1 2 3; do
			rerun "$s" orig "$x" && po3=$((po3 + 1))
			rerun "$s" tf "$x" && pt3=$((pt3 + 1))
		done
		if [ $po3 -eq 3 ] && [ $pt3 -eq 0 ]; then
			regress="$regress $x"
		else
			flaky="$flaky $x (reruns: unpatched $po3/3, patched $pt3/3 pass)"
		fi
	done
	fixed=$(join "$o" "$t" | awk '$2 != "ok" && $3 == "ok" { print $1 }' | tr '\n' ' ')
	n=$((n + 1))
	line="$s: $total tests, unpatched $po pass, patched $pt pass ($(($(date +%s) - start)) s)"
	if [ -z "$regress" ] && [ "$(wc -l <"$t")" -eq "$total" ]; then
		echo "ok $n - $line"
	else
		echo "not ok $n - $line; pass unpatched, fail patched (and on 3 reruns):${regress:- none}"
		status=1
	fi
	[ -z "$fixed" ] || echo "# $s: fail unpatched, pass patched (flaky?): $fixed"
	[ -z "$flaky" ] || echo "# $s: pass unpatched, fail patched, then flaky on reruns:$flaky"
	join "$o" "$t" | awk '$2 != "ok" && $3 != "ok" { print $1 }' >"$R/$s-both-fail"
	echo "# $s: $(wc -l <"$R/$s-both-fail") fail on both builds (list: $R/$s-both-fail)"
done | tee "$R/summary.tap"
echo "1..$#" | tee -a "$R/summary.tap"
! grep -q '^not ok' "$R/summary.tap"
