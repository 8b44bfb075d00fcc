#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The fixture of matrix.sh under DIR: tests/lib/fixture.sh (DIR/x exec,
# DIR/nx noexec, the objects x, xr, nx, nxr of the decision table), their
# code the target "echo TFRAN", and what the shells' routes add (for awk,
# the same code as an awk program); needs root.  "fixture.sh -u DIR" unmounts.
#
#   fixture.sh DIR SHELL_BIN SHELL...

set -eu
here=$(cd "$(dirname "$0")" && pwd)
lib=$here/../../tests/lib/fixture.sh
if [ "$1" = -u ]; then
	exec "$lib" umount "$2"
fi
F=$1
B=$2
shift 2
target='echo TFRAN'
awk_target='BEGIN { print "TFRAN" }'
"$lib" mount "$F"
"$lib" plant "$F" "$target"

mk() {	# mk PATH MODE [CONTENT]
	mkdir -p "$(dirname "$1")"
	printf '%s\n' "${3:-$target}" >"$1"
	chmod "$2" "$1"
}
ln -s ../nx/nx "$F/x/lnk"
# For each object, a home with startup files and a PATH directory holding
# the same code, on the same mount with the same mode.
for t in x xr nx; do
	case $t in nx) d=$F/nx ;; *) d=$F/x ;; esac
	case $t in xr) m=0400 ;; *) m=0500 ;; esac
	mk "$d/h$t/.profile" $m
	mk "$d/h$t/.bashrc" $m
	mk "$d/p$t/tfscript" $m
	mk "$d/awk$t" $m "$awk_target"
	for sh in "$@"; do
		case $sh in
		awk) mk "$d/p$t/tfexec-$sh" $m "#!$B/$sh -f
$awk_target" ;;
		*) mk "$d/p$t/tfexec-$sh" $m "#!$B/$sh
$target" ;;
		esac
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
