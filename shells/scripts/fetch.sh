#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Fetch the Debian source package of one shell (or of mawk, mawk/) into
# SRCDIR, once.
#
#   fetch.sh PACKAGE VERSION SRCDIR
#
# Adds a deb-src entry matching the system's Debian sources (idempotent),
# then `apt-get source --download-only` of exactly PACKAGE=VERSION and
# unpacks it with dpkg-source (Debian patches applied) into SRCDIR/PACKAGE.
# Downloads go to SRCDIR; nothing is cached outside it.

set -eu
pkg=$1
version=$2
srcdir=$3
list=/etc/apt/sources.list.d/trusted-for-src.sources

if [ -d "$srcdir/$pkg/debian" ] && [ -f "$srcdir/$pkg/.tf-version" ] &&
   [ "$(cat "$srcdir/$pkg/.tf-version")" = "$version" ]; then
	exit 0
fi

# One fetch at a time: `make -j` builds the shells in parallel, and two
# apt-get runs would fail on apt's lock.
mkdir -p "$srcdir"
exec 9>"$srcdir/.fetch.lock"
flock 9

if ! [ -f "$list" ]; then
	[ "$(id -u)" -eq 0 ] || { echo "fetch.sh: need root to add $list" >&2; exit 1; }
	cat >"$list" <<EOS
# Added by trusted-for shells/scripts/fetch.sh: sources of the enlightened shells.
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOS
	apt-get update -q >&2
fi

mkdir -p "$srcdir/dl"
cd "$srcdir/dl"
dsc=${pkg}_${version#*:}.dsc
if ! [ -f "$dsc" ]; then
	if ! apt-get source -q --download-only "$pkg=$version" >&2; then
		# The deb-src entry may predate the last index update.
		apt-get update -q >&2
		apt-get source -q --download-only "$pkg=$version" >&2
	fi
fi
rm -rf "../$pkg.tmp"
dpkg-source --no-copy -x "$dsc" "../$pkg.tmp" >&2
echo "$version" >"../$pkg.tmp/.tf-version"
rm -rf "../$pkg"
mv "../$pkg.tmp" "../$pkg"
