#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Build perl from Debian bookworm's source package, with or without the
# project's patches, and install it under build/perl (never over the
# system's perl).
#
#   build.sh VARIANT     tf (patched, linked with libtrustedfor) or orig
#
# The tree $PL_OUT/perl-VARIANT is a copy of the unpacked source, patched
# with perl/patches/*.patch; it is reused (just re-made) while the patches
# are unchanged.  The perl lands in $PL_OUT/inst-VARIANT/bin/perl, its
# library beside it.  The build runs miniperl many times: the checks are
# compiled out of miniperl (PERL_IS_MINIPERL), only the final perl has them.

set -eu
variant=$1
top=$(cd "$(dirname "$0")/../.." && pwd)
PL_OUT=${PL_OUT:-$top/build/perl}
case $PL_OUT in /*) ;; *) PL_OUT=$top/$PL_OUT ;; esac
# The version of bookworm's main pool (bookworm-security's newer one is
# not always on the mirror).
version=${PL_VERSION:-5.36.0-7+deb12u3}
src=$PL_OUT/src
tree=$PL_OUT/perl-$variant
inst=$PL_OUT/inst-$variant
lib_a=$top/build/userspace/lib/libtrustedfor.a
include=$top/build/userspace/include
jobs=$(nproc 2>/dev/null || echo 2)

case $variant in
tf) [ -f "$lib_a" ] && [ -f "$include/trusted-for.h" ] ||
	{ echo "build.sh: $lib_a or its header missing (make userspace)" >&2; exit 1; } ;;
orig) ;;
*) echo "usage: build.sh tf|orig" >&2; exit 2 ;;
esac

. "$top/shells/scripts/ccache.sh"
use_ccache "$PL_OUT"

"$top/shells/scripts/fetch.sh" perl "$version" "$src"

stamp=$(
	echo "$version $variant"
	if [ "$variant" = tf ]; then
		cat "$top"/perl/patches/*.patch
	fi | sha256sum
)
if ! [ -f "$tree/.tf-stamp" ] || [ "$(cat "$tree/.tf-stamp")" != "$stamp" ]; then
	rm -rf "$tree" "$inst"
	cp -a "$src/perl" "$tree"
	if [ "$variant" = tf ]; then
		for p in "$top"/perl/patches/*.patch; do
			patch -s -p1 -d "$tree" <"$p"
		done
	fi
	echo "$stamp" >"$tree/.tf-stamp"
fi
cd "$tree"

if ! [ -f config.sh ]; then
	# Perl's own defaults (static libperl, no threads), no manual pages;
	# both variants find <trusted-for.h> (the same flags: ccache serves
	# the files the patch does not touch).
	./Configure -des -Dprefix="$inst" -Dcc="$CC" -Dman1dir=none \
		-Dman3dir=none -Dinstallusrbinperl=undef \
		-Accflags="-I$include" >&2
	# The tf variant links all of libtrustedfor.a statically (nothing at
	# load time can swap the checks out).  It goes into ldflags, which
	# Config.pm keeps and ExtUtils::Embed's ldopts puts before -lperl: a
	# program that embeds this libperl.a links it too (libs takes only
	# -l and -L).  miniperl carries it unused: its checks are compiled out.
	if [ "$variant" = tf ]; then
		sed -i -E "s#^ldflags='(.*)'\$#ldflags='\1 -Wl,--whole-archive $lib_a -Wl,--no-whole-archive'#" config.sh
		./Configure -S >&2
	fi
fi
rm -f perl	# relink: libtrustedfor.a is not among its dependencies
make -j"$jobs" >&2
make install >&2
# Perl's library is code: under RESTRICT_FILE or fs.trust_policy bit 2 a
# file loads only with an x bit (Debian's 0644 /usr/share/perl would be
# refused), so it is installed the way a system enforcing the policy would
# install it: 0555.
find "$inst/lib" -type f \( -name '*.pm' -o -name '*.pl' -o -name '*.pmc' \
	-o -name '*.al' -o -name '*.ix' \) -exec chmod a+x {} +
echo "built $inst/bin/perl"
