#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The one fixture of the test suites: an exec and a noexec tmpfs, and on
# them the objects of the decision table (tests/lib/decisions.tsv).  Needs
# root.
#
#   fixture.sh mount DIR          mount DIR/x (exec) and DIR/nx (noexec),
#                                 tmpfs, mode 0755, nosuid
#   fixture.sh plant DIR [CODE]   on them, files holding CODE (default
#                                 "echo hello"), one per row of the table:
#                                   DIR/x/x     exec mount, mode 0500
#                                   DIR/x/xr    exec mount, mode 0400
#                                   DIR/nx/nx   noexec mount, mode 0500
#                                   DIR/nx/nxr  noexec mount, mode 0400
#                                 and the non-regular files (row nonreg):
#                                   DIR/x/dir, DIR/x/fifo, DIR/x/null
#                                 (the character device 1:3)
#   fixture.sh umount DIR         lazily unmount every mount below DIR
#
# The modes are for root: an x bit or none.  Only the owner may read: a
# test that runs as another user finds the files unreadable.

set -eu
cmd=${1:-}
dir=${2:-}
[ -n "$dir" ] || { echo "usage: fixture.sh mount|plant|umount DIR [CODE]" >&2; exit 2; }

case $cmd in
mount)
	mkdir -p "$dir/x" "$dir/nx"
	mount -t tmpfs -o mode=0755,nosuid tf-exec "$dir/x"
	mount -t tmpfs -o mode=0755,nosuid,noexec tf-noexec "$dir/nx"
	;;
plant)
	code=${3:-echo hello}
	for f in x/x:0500 x/xr:0400 nx/nx:0500 nx/nxr:0400; do
		printf '%s\n' "$code" >"$dir/${f%:*}"
		chmod "${f#*:}" "$dir/${f%:*}"
	done
	mkdir "$dir/x/dir"
	mkfifo "$dir/x/fifo"
	mknod "$dir/x/null" c 1 3
	;;
umount)
	# The deepest first; the paths as /proc/self/mounts spells them.
	real=$(cd "$dir" 2>/dev/null && pwd -P) || exit 0
	awk -v d="$real/" 'index($2, d) == 1 { print $2 }' /proc/self/mounts |
		sort -r | while read -r m; do
			umount -l "$m" 2>/dev/null || :
		done
	;;
*) echo "usage: fixture.sh mount|plant|umount DIR [CODE]" >&2; exit 2 ;;
esac
