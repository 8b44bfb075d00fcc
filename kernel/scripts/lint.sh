#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Machine checks of the series, as TAP:
#   - checkpatch.pl --strict on every patch (0001 onwards);
#   - sparse (C=1) and W=1 on every C file of the kernel that the series
#     touches (fs/open.c, fs/exec.c, security/commoncap.c): no warning on
#     the lines the series adds;
#   - the syscall table wiring builds for i386 and arm64 (native and compat),
#     and scripts/checksyscalls.sh finds nothing missing on x86_64, i386
#     and arm64.
#
#   lint.sh SRC BUILDDIR
#
# SRC is the kernel tree made by tree.sh; BUILDDIR receives the objects of
# the extra configurations.  Exit code: 0 when every check passed.

set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
src=$(realpath "$1")
out=$(realpath -m "$2")
patches=$top/kernel/patches
jobs=${JOBS:-$(nproc)}

cross=aarch64-linux-gnu-
. "$top/kernel/scripts/cc.sh"

. "$top/tests/lib/tap.sh"

mkdir -p "$out"

for p in "$patches"/[0-9][0-9][0-9][1-9]-*.patch; do
	name=$(basename "$p")
	# checkpatch runs scripts/spdxcheck.py with the first python3 of PATH:
	# make it Debian's, which has python3-ply and python3-git.
	# Both as a patch and as a plain file (-f), which also sees the
	# context lines and the mail around the diff.
	for mode in "" -f; do
		log=$out/$name.checkpatch$mode
		(cd "$src" && PATH=/usr/bin:/bin:$PATH perl scripts/checkpatch.pl \
			--strict $mode --color=never --show-types "$p") >"$log" 2>&1
		rc=$?
		# checkpatch exits 0 on CHECKs: any finding counts.
		if [ "$rc" -eq 0 ] && ! grep -Eq "^(ERROR|WARNING|CHECK):|Traceback" "$log"; then
			ok "checkpatch --strict${mode:+ $mode} $name"
		else
			not_ok "checkpatch --strict${mode:+ $mode} $name"
			diag "$log"
		fi
	done
done

# kernel-doc of the system call and of the UAPI header (fs/open.c has
# older warnings of its own: keep those about this series).
(cd "$src" && PATH=/usr/bin:/bin:$PATH perl scripts/kernel-doc -none -Wall \
	-function sys_trusted_for fs/open.c &&
	PATH=/usr/bin:/bin:$PATH perl scripts/kernel-doc -none -Wall \
	include/uapi/linux/trusted-for.h) 2>&1 | grep -i "trusted" >"$out/kernel-doc.log"
if grep -q . "$out/kernel-doc.log"; then
	not_ok "kernel-doc -Wall sys_trusted_for and linux/trusted-for.h"
	diag "$out/kernel-doc.log"
else
	ok "kernel-doc -Wall sys_trusted_for and linux/trusted-for.h"
fi

# One x86_64 configuration for sparse and W=1, built from the guest one so
# that the same code paths (CONFIG_SYSCTL) are compiled.
x86=$out/x86_64
mkdir -p "$x86"
if [ ! -f "$x86/.config" ]; then
	cp "$top/build/kernel/.config" "$x86/.config" 2>/dev/null ||
		make -s -C "$src" O="$x86" CC="$cc" tinyconfig >/dev/null
	make -s -C "$src" O="$x86" CC="$cc" olddefconfig >/dev/null
fi
make -s -C "$src" O="$x86" CC="$cc" -j"$jobs" prepare >"$x86/prepare.log" 2>&1
if grep -q "trusted_for not implemented" "$x86/prepare.log"; then
	not_ok "checksyscalls x86_64"
	diag "$x86/prepare.log"
else
	ok "checksyscalls x86_64"
fi

# sparse and W=1 on every C file of the kernel the series touches (not the
# selftests, which have their own build): no warning on a line the series
# adds (fs/exec.c and security/commoncap.c have sparse warnings of their
# own, elsewhere).
files=$(git -C "$src" diff --name-only base..HEAD -- '*.c' ':!tools/')

# The warnings of FILE (in the log on stdin) on the lines the series adds.
new_warnings() {
	git -C "$src" diff -U0 base..HEAD -- "$1" |
		sed -n 's/^@@ -[0-9,]* +\([0-9]*\),*\([0-9]*\) @@.*/\1 \2/p' >"$x86/lines"
	awk -v file="$1" '
		NR == FNR { n = ($2 == "") ? 1 : $2
			    for (i = 0; i < n; i++) added[$1 + i] = 1; next }
		{
			i = index($0, file ":")
			if (!i || $0 !~ /: (warning|error)/) next
			split(substr($0, i + length(file) + 1), f, ":")
			if (f[1] in added) print
		}' "$x86/lines" -
}

for c in $files; do
	o=${c%.c}.o
	re=$(printf '%s' "$c" | sed 's/[.]/\\./g')
	log=$x86/$(echo "$o" | tr / _)

	rm -f "$x86/$o"
	make -C "$src" O="$x86" CC="$cc" C=1 CHECK=sparse "$o" >"$log.sparse" 2>&1
	if new_warnings "$c" <"$log.sparse" | grep . >"$log.sparse.found"; then
		not_ok "sparse $c"
		diag "$log.sparse.found"
	elif ! grep -q "CHECK.*$re" "$log.sparse"; then
		not_ok "sparse $c (sparse did not run)"
		diag "$log.sparse"
	else
		ok "sparse $c"
	fi

	rm -f "$x86/$o"
	make -C "$src" O="$x86" CC="$cc" W=1 "$o" >"$log.w1" 2>&1
	if new_warnings "$c" <"$log.w1" | grep . >"$log.w1.found"; then
		not_ok "W=1 $c"
		diag "$log.w1.found"
	elif ! [ -f "$x86/$o" ]; then
		not_ok "W=1 $c (no object)"
		diag "$log.w1"
	else
		ok "W=1 $c"
	fi
done

# i386: the syscall table and the generated numbers.
i386=$out/i386
mkdir -p "$i386"
make -s -C "$src" O="$i386" ARCH=i386 CC="$cc" tinyconfig >/dev/null 2>&1
if make -C "$src" O="$i386" ARCH=i386 CC="$cc" -j"$jobs" prepare \
	>"$i386/prepare.log" 2>&1 &&
	make -C "$src" O="$i386" ARCH=i386 CC="$cc" -j"$jobs" \
		arch/x86/entry/syscall_32.o fs/open.o >"$i386/build.log" 2>&1 &&
	grep -q "__NR_trusted_for 463" "$i386/arch/x86/include/generated/uapi/asm/unistd_32.h" &&
	nm "$i386/arch/x86/entry/syscall_32.o" | grep -q "sys_trusted_for" &&
	! grep -q "trusted_for not implemented" "$i386/prepare.log"; then
	ok "i386 syscall table builds with trusted_for = 463"
else
	not_ok "i386 syscall table builds with trusted_for = 463"
	tail -n 20 "$i386/prepare.log" "$i386/build.log" 2>/dev/null | sed 's/^/# /'
fi

# arm64: the native table (scripts/syscall.tbl through syscall_64.tbl)
# and the compat one.
arm64=$out/arm64
mkdir -p "$arm64"
if ! command -v ${cross}gcc >/dev/null; then
	not_ok "arm64 syscall tables (${cross}gcc missing: apt-get install gcc-aarch64-linux-gnu)"
else
	make -s -C "$src" O="$arm64" ARCH=arm64 CROSS_COMPILE="$cross" tinyconfig >/dev/null 2>&1
	"$src/scripts/config" --file "$arm64/.config" -e COMPAT
	make -s -C "$src" O="$arm64" ARCH=arm64 CROSS_COMPILE="$cross" olddefconfig >/dev/null 2>&1
	if make -C "$src" O="$arm64" ARCH=arm64 CROSS_COMPILE="$cross" -j"$jobs" prepare \
		>"$arm64/prepare.log" 2>&1 &&
		make -C "$src" O="$arm64" ARCH=arm64 CROSS_COMPILE="$cross" -j"$jobs" \
			arch/arm64/kernel/sys.o arch/arm64/kernel/sys32.o fs/open.o \
			>"$arm64/build.log" 2>&1 &&
		grep -q "__NR_trusted_for 463" "$arm64/arch/arm64/include/generated/uapi/asm/unistd_64.h" &&
		grep -q "__NR_compat32_trusted_for 463" "$arm64/arch/arm64/include/generated/asm/unistd_compat_32.h" &&
		${cross}nm "$arm64/arch/arm64/kernel/sys.o" | grep -q "sys_trusted_for" &&
		${cross}nm "$arm64/arch/arm64/kernel/sys32.o" | grep -q "sys_trusted_for" &&
		! grep -q "trusted_for not implemented" "$arm64/prepare.log"; then
		ok "arm64 native and compat syscall tables build with trusted_for = 463"
	else
		not_ok "arm64 native and compat syscall tables build with trusted_for = 463"
		tail -n 20 "$arm64/prepare.log" "$arm64/build.log" 2>/dev/null | sed 's/^/# /'
	fi
fi

tap_end
