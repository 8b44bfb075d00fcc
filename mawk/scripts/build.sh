#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Build mawk from Debian's source package, with or without the project's
# patches, into build/mawk; never installed over the system's mawk.
#
#   build.sh VARIANT      tf (patched, linked with libtrustedfor's archive)
#                         or orig (unpatched)
#
# The binary lands in $MAWK_OUT/bin/mawk (tf) or mawk-orig (orig).  The tree
# $MAWK_OUT/mawk-VARIANT is a copy of the unpacked source (fetched with
# shells/scripts/fetch.sh), patched with mawk/patches/*.patch, configured
# once and kept while the patches are unchanged.

set -eu
variant=$1
top=$(cd "$(dirname "$0")/../.." && pwd)
MAWK_OUT=${MAWK_OUT:-$top/build/mawk}
case $MAWK_OUT in /*) ;; *) MAWK_OUT=$top/$MAWK_OUT ;; esac
version=1.3.4.20200120-3.1
tree=$MAWK_OUT/mawk-$variant
lib=$top/build/userspace/lib/libtrustedfor.a

. "$top/shells/scripts/ccache.sh"
use_ccache "$MAWK_OUT"
# The same flags for both variants (ccache serves the files the patch does
# not touch); only the tf variant links the library.
CPPFLAGS="-I$top/build/userspace/include"
LIBS=
case $variant in
tf)
	LIBS="$lib -lpthread"
	[ -f "$lib" ] || { echo "build.sh: $lib missing (make userspace)" >&2; exit 1; }
	;;
orig) ;;
*) echo "usage: build.sh tf|orig" >&2; exit 2 ;;
esac

"$top/shells/scripts/fetch.sh" mawk "$version" "$MAWK_OUT/src"

# The patches in force, to know whether the tree is still good.
stamp=$(
	echo "$version $variant"
	[ "$variant" = orig ] || cat "$top"/mawk/patches/*.patch
)
stamp=$(echo "$stamp" | sha256sum)
if ! [ -f "$tree/.tf-stamp" ] || [ "$(cat "$tree/.tf-stamp")" != "$stamp" ]; then
	rm -rf "$tree"
	cp -a "$MAWK_OUT/src/mawk" "$tree"
	if [ "$variant" = tf ]; then
		for p in "$top"/mawk/patches/*.patch; do
			patch -s -p1 -d "$tree" <"$p"
		done
	fi
	echo "$stamp" >"$tree/.tf-stamp"
fi

cd "$tree"
if ! [ -f Makefile ]; then
	./configure -q CC="$CC" CFLAGS="-O2 -g" CPPFLAGS="$CPPFLAGS" LIBS="$LIBS" >&2
fi
rm -f mawk	# relink: the library is not among its dependencies
make -s mawk >&2
mkdir -p "$MAWK_OUT/bin"
out=$MAWK_OUT/bin/mawk
[ "$variant" = tf ] || out=$out-orig
cp mawk "$out.tmp"
mv "$out.tmp" "$out"
echo "built $out"
