#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Make the files of matrix.sh under DIR, on two tmpfs it mounts there
# (DIR/x exec, DIR/nx noexec); needs root.  "fixture.sh -u DIR" unmounts.
#
#   fixture.sh DIR SHELL_BIN SHELL...

set -eu
if [ "$1" = -u ]; then
	umount -l "$2/x" "$2/nx" 2>/dev/null || :
	exit 0
fi
F=$1
B=$2
shift 2
mkdir -p "$F/x" "$F/nx"
mount -t tmpfs -o mode=0755 tf-shells-exec "$F/x"
mount -t tmpfs -o mode=0755,noexec tf-shells-noexec "$F/nx"

target='echo TFRAN'
mk() {	# mk PATH MODE [CONTENT]
	mkdir -p "$(dirname "$1")"
	printf '%s\n' "${3:-$target}" >"$1"
	chmod "$2" "$1"
}
mk "$F/x/X.sh" 0755
mk "$F/x/XR.sh" 0644
mk "$F/nx/NX.sh" 0755
ln -s ../nx/NX.sh "$F/x/LNK.sh"
for t in X XR NX; do
	case $t in NX) d=$F/nx ;; *) d=$F/x ;; esac
	case $t in XR) m=0644 ;; *) m=0755 ;; esac
	mk "$d/h$t/.profile" $m
	mk "$d/h$t/.bashrc" $m
	mk "$d/p$t/tfscript" $m
	for sh in "$@"; do
		mk "$d/p$t/tfexec-$sh" $m "#!$B/$sh
$target"
	done
done
# The carriers: allowed scripts that bring the target in.
mk "$F/x/carrier.sh" 0755 'echo carrier'
mk "$F/x/dot.sh" 0755 '. "$1"; echo after'
mk "$F/x/mid.sh" 0755 '. "$1"'
mk "$F/x/nest.sh" 0755 '. "$(dirname "$0")/mid.sh"'
mk "$F/x/dotrel.sh" 0755 'cd "$1" && . "./$2"'
mk "$F/x/dotpath.sh" 0755 '. tfscript'
mk "$F/x/callfn.sh" 0755 'tff'
