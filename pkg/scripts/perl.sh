#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The packaging build of the enlightened perl: the same source and patches
# as perl/scripts/build.sh (whose build the tests use, under build/perl),
# configured for where the package puts it, /usr/lib/trusted-for/perl, and
# installed with DESTDIR into a staging tree.  The test build's @INC points
# into the checkout; this one's points to its install prefix and to
# Debian's module directories, so that it runs on a machine without the
# checkout and finds the pure-Perl modules of Debian's packages (Debconf,
# Dpkg) when it stands in for /usr/bin/perl.
#
#   perl.sh OUT        build in OUT/tree, install into OUT/stage
#
# Threads as in Debian's perl (-Dusethreads): XS modules that Debian's
# packages install under /usr/lib/x86_64-linux-gnu/perl5 are built for that
# interpreter layout, and perl refuses to load one built for another
# (XS handshake), so the same layout is what lets them load here.

set -eu
out=$1
top=$(cd "$(dirname "$0")/../.." && pwd)
case $out in /*) ;; *) out=$top/$out ;; esac
version=${PL_VERSION:-5.36.0-7+deb12u3}
prefix=/usr/lib/trusted-for/perl
triplet=x86_64-linux-gnu
src=$top/build/perl/src
tree=$out/tree
stage=$out/stage
lib_a=$top/build/userspace/lib/libtrustedfor.a
include=$top/build/userspace/include
jobs=$(nproc 2>/dev/null || echo 2)

[ -f "$lib_a" ] && [ -f "$include/trusted-for.h" ] ||
	{ echo "perl.sh: $lib_a or its header missing (make userspace)" >&2; exit 1; }

. "$top/shells/scripts/ccache.sh"
use_ccache "$out"
"$top/shells/scripts/fetch.sh" perl "$version" "$src"

stamp=$(
	echo "$version $prefix threads"
	cat "$0" "$top"/perl/patches/*.patch
) 
stamp=$(echo "$stamp" | sha256sum)
if ! [ -f "$tree/.tf-stamp" ] || [ "$(cat "$tree/.tf-stamp")" != "$stamp" ]; then
	rm -rf "$tree" "$stage"
	mkdir -p "$out"
	cp -a "$src/perl" "$tree"
	for p in "$top"/perl/patches/*.patch; do
		patch -s -p1 -d "$tree" <"$p"
	done
	echo "$stamp" >"$tree/.tf-stamp"
fi
cd "$tree"

if ! [ -f config.sh ]; then
	./Configure -des -Dprefix="$prefix" -Dcc="$CC" -Dusethreads \
		-Dman1dir=none -Dman3dir=none -Dinstallusrbinperl=undef \
		-Dusevendorprefix -Dvendorprefix=/usr \
		-Dvendorlib=/usr/share/perl5 \
		-Dvendorarch=/usr/lib/$triplet/perl5/5.36 \
		-Dsiteprefix=/usr/local -Dsitelib=/usr/local/share/perl/5.36.0 \
		-Dsitearch=/usr/local/lib/$triplet/perl/5.36.0 \
		-Dotherlibdirs=/usr/lib/$triplet/perl-base \
		-Dinc_version_list=none \
		-Accflags="-I$include" >&2
	# All of libtrustedfor.a linked in, as perl/scripts/build.sh does.
	sed -i -E "s#^ldflags='(.*)'\$#ldflags='\1 -Wl,--whole-archive $lib_a -Wl,--no-whole-archive'#" config.sh
	./Configure -S >&2
fi
rm -f perl
make -j"$jobs" >&2
rm -rf "$stage"
make install DESTDIR="$stage" >&2
# Only the prefix ships: the site and vendor directories are Debian's.
find "$stage" -mindepth 1 -maxdepth 3 -path "$stage/usr/lib/trusted-for" -prune -o \
	-type d -empty -print | sort -r | xargs -r rmdir
rm -rf "$stage/usr/local"
# The library is code: under the file-permission rule a module loads only
# with an x bit, so it ships 0755 (as build.sh installs the test build).
find "$stage$prefix/lib" -type f \( -name '*.pm' -o -name '*.pl' -o -name '*.pmc' \
	-o -name '*.al' -o -name '*.ix' \) -exec chmod a+x {} +
echo "built $stage$prefix/bin/perl"
