#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Build the series' kernel as Debian packages for a whole Debian 12 system.
#
#   build-kernel.sh SRC OUT DEBDIR
#
# SRC is the patched tree (make kernel-tree: build/linux); the objects go to
# OUT/obj (never build/kernel, which the tests boot); the configuration is
# x86_64 tinyconfig + kernel/config/trusted-for.config +
# system/kernel.config, remade only when a fragment changed.  kbuild's
# bindeb-pkg writes its packages next to OUT/obj, in OUT; the linux-image
# and linux-headers packages are copied to DEBDIR.
#
# Fails if an option of system/kernel.config did not make it into the final
# .config.  The compiler's output goes to OUT/build.log, bindeb-pkg's to
# OUT/package.log.  The packages are made again only when the kernel is
# newer than them.
#
# Exit codes: 0 built; 1 the configuration or the build failed; 2 usage.

set -eu

[ $# -eq 3 ] || { echo "usage: $0 SRC OUT DEBDIR" >&2; exit 2; }
top=$(cd "$(dirname "$0")/.." && pwd)
src=$(realpath "$1")
out=$(realpath -m "$2")
debdir=$(realpath -m "$3")
obj=$out/obj
base=$top/kernel/config/trusted-for.config
fragment=$top/system/kernel.config
localversion=-trusted-for
jobs=${JOBS:-$(nproc)}
. "$top/tests/progress.sh"
trap progress_stop EXIT
. "$top/kernel/scripts/cc.sh"

[ -f "$src/Makefile" ] || { echo "build-kernel.sh: $src: no kernel tree (run: make kernel-tree)" >&2; exit 1; }
for tool in dpkg-buildpackage dh_listpackages rsync cpio kmod bc; do
	command -v "$tool" >/dev/null 2>&1 ||
		{ echo "build-kernel.sh: $tool missing (run: make deps)" >&2; exit 1; }
done

mkdir -p "$obj" "$debdir"
stamp=$obj/.trusted-for-fragment
want="$(sha256sum <"$base") $(sha256sum <"$fragment")"
if [ ! -f "$obj/.config" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
	progress_note "build-kernel.sh: configuring $obj (tinyconfig + trusted-for.config + system/kernel.config)"
	make -s -C "$src" O="$obj" CC="$cc" tinyconfig >/dev/null
	KCONFIG_CONFIG="$obj/.config" "$src/scripts/kconfig/merge_config.sh" -m \
		-O "$obj" "$obj/.config" "$base" "$fragment" >"$obj/merge_config.log" 2>&1
	make -s -C "$src" O="$obj" CC="$cc" olddefconfig >/dev/null
	echo "$want" >"$stamp"
fi

# The fragment's own options must all be there; of the guest's fragment,
# those that this one does not override.
missing=0
for opt in $(sed -n 's/^\(CONFIG_[A-Z0-9_]*\)=y$/\1/p' "$fragment" "$base"); do
	grep -q "^# $opt is not set" "$fragment" && continue
	grep -qx "$opt=y" "$obj/.config" ||
		{ echo "build-kernel.sh: $opt=y did not stick in $obj/.config" >&2; missing=1; }
done
for opt in $(sed -n 's/^# \(CONFIG_[A-Z0-9_]*\) is not set$/\1/p' "$fragment"); do
	! grep -q "^$opt=" "$obj/.config" ||
		{ echo "build-kernel.sh: $opt is set in $obj/.config, the fragment says not" >&2; missing=1; }
done
[ "$missing" -eq 0 ] || exit 1

# bindeb-pkg packs again every time: first bring the kernel up to date,
# and pack only when it is newer than the packages (a warm run: seconds).
# KBUILD_BUILD_VERSION is the one bindeb-pkg gives (the Debian revision),
# or each of the two would link the kernel again.
kmake() {
	make -C "$src" O="$obj" CC="$cc" LOCALVERSION="$localversion" \
		KDEB_PKGVERSION="$(cat "$top/VERSION")-1" "$@"
}
start=$(date +%s)
progress_note "build-kernel.sh: make bzImage, $jobs jobs, log $out/build.log"
progress_start "kernel build" \
	"echo \$(grep -c '^  CC ' '$out/build.log') files compiled"
kmake KBUILD_BUILD_VERSION=1 -j"$jobs" bzImage >"$out/build.log" 2>&1 || {
	progress_stop
	grep -E "error|Error" "$out/build.log" | head -n 40 >&2
	echo "build-kernel.sh: kernel build failed, see $out/build.log" >&2
	exit 1
}
progress_stop
image=
for f in "$out"/linux-image-*"$localversion"_*.deb; do
	case $f in *-dbg_*) ;; *) [ ! -f "$f" ] || image=$f ;; esac
done
if [ -n "$image" ] && [ -z "$(find "$obj/arch/x86/boot/bzImage" "$obj/.config" \
	"$top/VERSION" -newer "$image" 2>/dev/null)" ]; then
	echo "build-kernel.sh: $image is up to date"
else
	progress_note "build-kernel.sh: make bindeb-pkg, log $out/package.log"
	rm -f "$out"/*.deb "$out"/*.changes "$out"/*.buildinfo
	progress_start "kernel package build"
	kmake DEB_BUILD_OPTIONS="parallel=$jobs terse" -j"$jobs" bindeb-pkg \
		>"$out/package.log" 2>&1 || {
		progress_stop
		grep -E "error|Error" "$out/package.log" | head -n 40 >&2
		echo "build-kernel.sh: kernel package build failed, see $out/package.log" >&2
		exit 1
	}
	progress_stop
fi
rm -f "$debdir"/linux-image-*"$localversion"*.deb "$debdir"/linux-headers-*"$localversion"*.deb
n=0
for deb in "$out"/linux-image-*.deb "$out"/linux-headers-*.deb; do
	[ -f "$deb" ] || continue
	case $deb in *-dbg_*) continue ;; esac
	cp "$deb" "$debdir/"
	echo "build-kernel.sh: $debdir/$(basename "$deb")"
	n=$((n + 1))
done
[ "$n" -gt 0 ] || { echo "build-kernel.sh: bindeb-pkg made no linux-image package in $out" >&2; exit 1; }
echo "build-kernel.sh: built in $(($(date +%s) - start)) s"
