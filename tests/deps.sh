#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Is every command the build and the tests run here, and does `make deps`
# install it?  TAP, one line per command.  A command counts as provided
# when its Debian package is in the `make deps` list ($TF_DEPS_PACKAGES,
# set by the Makefile) or is on every Debian system, even a debootstrap
# --variant=minbase one (Essential: yes or Priority: required, as apt
# and mount are).  A tool installed by hand on a
# developer's machine thus cannot hide a dependency missing from the list:
# its package still has to be in the list.
#
#   TF_DEPS_PACKAGES="..." deps.sh

set -u
: "${TF_DEPS_PACKAGES:?set by the Makefile: the packages of make deps}"

. "$(dirname "$0")/lib/tap.sh"

listed() {
	case " $(echo $TF_DEPS_PACKAGES) " in *" $1 "*) return 0 ;; esac
	case $(dpkg-query -W -f '${Essential} ${Priority}' "$1" 2>/dev/null) in
	"yes "* | *" required") return 0 ;;
	esac
	return 1
}

# COMMAND PACKAGE: where the scripts, the makefiles and the guest use it.
while read -r cmd pkg; do
	case $cmd in '' | '#'*) continue ;; esac
	where=$(command -v "$cmd" 2>/dev/null)
	if [ -z "$where" ]; then
		not_ok "$cmd is missing (package $pkg: run make deps)"
	elif ! listed "$pkg"; then
		not_ok "$cmd ($where): package $pkg is not in the make deps list"
	else
		ok "$cmd ($pkg)"
	fi
done <<'EOF'
# building: kernel, library, shells, launcher
make make
gcc gcc
ld binutils
ar binutils
nm binutils
readelf binutils
aarch64-linux-gnu-gcc gcc-aarch64-linux-gnu
ccache ccache
bc bc
bison bison
flex flex
cpio cpio
xz xz-utils
bzip2 bzip2
rsync rsync
depmod kmod
perl perl
git git
patch patch
autoreconf autoconf
automake automake
apt-get apt
dpkg-source dpkg-dev
pkg-config pkg-config
python3 python3
python3.11 python3.11
python3.11-config python3.11-dev
# checking the series
sparse sparse
# the guest
qemu-system-x86_64 qemu-system-x86
busybox busybox-static
# the tests
mount mount
umount mount
setpriv util-linux
flock util-linux
unshare util-linux
capsh libcap2-bin
setfacl acl
script bsdutils
timeout coreutils
ps procps
file file
man man-db
groff groff
EOF

# Python modules and headers have no command.
for pkg in $(echo $TF_DEPS_PACKAGES); do
	status=$(dpkg-query -W -f '${Status}' "$pkg" 2>/dev/null)
	case $status in
	*" installed") ;;
	*) not_ok "package $pkg of make deps is not installed ($status)" ;;
	esac
done
[ "$failed" -ne 0 ] || ok "every package of make deps is installed"
tap_end
