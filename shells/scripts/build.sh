#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Build one shell from Debian's source package, with or without the
# project's patches, into build/shells.
#
#   build.sh SHELL VARIANT      SHELL: dash, busybox or bash
#                               VARIANT: tf (patched, linked with
#                               libtrustedfor) or orig (unpatched)
#
# The binary lands in $SH_OUT/bin/SHELL (tf) or SHELL-orig (orig).  The
# tree $SH_OUT/SHELL-VARIANT is a copy of the unpacked source, patched with
# shells/patches/SHELL/*.patch; it is reused (just re-made) while the
# patches are unchanged.  Configured small, only the shell binary is built.

set -eu
shell=$1
variant=$2
top=$(cd "$(dirname "$0")/../.." && pwd)
SH_OUT=${SH_OUT:-$top/build/shells}
case $SH_OUT in /*) ;; *) SH_OUT=$top/$SH_OUT ;; esac
src=$SH_OUT/src
tree=$SH_OUT/$shell-$variant
glue=$SH_OUT/glue/tf-shell.o
jobs=$(nproc 2>/dev/null || echo 2)

case $shell in
dash) version=0.5.12-2 ;;
busybox) version=1:1.35.0-4+deb12u1 ;;
bash) version=5.2.15-2 ;;
*) echo "build.sh: unknown shell $shell" >&2; exit 2 ;;
esac

. "$top/shells/scripts/ccache.sh"
use_ccache "$SH_OUT"
CFLAGS="-O2 -g"
# The same compiler flags for both variants: ccache serves the files the
# patches do not touch.
CPPFLAGS="-I$top/shells/glue"
LIBS=
if [ "$variant" = tf ]; then
	LIBS=$glue
	[ -f "$glue" ] || { echo "build.sh: $glue missing" >&2; exit 1; }
fi

"$top/shells/scripts/fetch.sh" "$shell" "$version" "$src"

# The patches in force, to know whether the tree is still good.
stamp=$(
	echo "$version $variant"
	[ "$shell" = busybox ] && cat "$top/shells/scripts/busybox-config.sh"
	if [ "$variant" = tf ]; then
		cat "$top"/shells/patches/"$shell"/*.patch
	fi | sha256sum
)
if ! [ -f "$tree/.tf-stamp" ] || [ "$(cat "$tree/.tf-stamp")" != "$stamp" ]; then
	rm -rf "$tree"
	cp -a "$src/$shell" "$tree"
	if [ "$variant" = tf ]; then
		for p in "$top"/shells/patches/"$shell"/*.patch; do
			patch -s -p1 -d "$tree" <"$p"
		done
	fi
	echo "$stamp" >"$tree/.tf-stamp"
fi

mkdir -p "$SH_OUT/bin"
out=$SH_OUT/bin/$shell
[ "$variant" = tf ] || out=$out-orig
cd "$tree"

case $shell in
dash)
	if ! [ -f Makefile ]; then
		# Debian's patches touch configure.ac, as debian/rules knows.
		autoreconf -fi >/dev/null 2>&1
		./configure -q CC="$CC" CFLAGS="$CFLAGS" CPPFLAGS="$CPPFLAGS" \
			LIBS="$LIBS" >&2
	fi
	rm -f src/dash	# relink: the glue object is not in its dependencies
	make -s -j"$jobs" -C src >&2
	cp src/dash "$out.tmp"
	;;
busybox)
	"$top/shells/scripts/busybox-config.sh" "$tree" >&2
	rm -f busybox busybox_unstripped
	make -s -j"$jobs" CC="$CC" EXTRA_CFLAGS="$CPPFLAGS" \
		CFLAGS_busybox="$LIBS" busybox >&2
	cp busybox "$out.tmp"
	;;
bash)
	if ! [ -f Makefile ]; then
		./configure -q CC="$CC" CFLAGS="$CFLAGS" CPPFLAGS="$CPPFLAGS" \
			LIBS="$LIBS" --without-bash-malloc --disable-nls \
			--without-curses --enable-readline >&2
	fi
	rm -f bash
	make -s -j"$jobs" bash >&2
	cp bash "$out.tmp"
	;;
esac
mv "$out.tmp" "$out"
echo "built $out"
