#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# PID 1 of the test guest.  The root file system is the host's, read-only
# over virtio-9p; this script gives the guest writable scratch space, runs
# the job that run.sh left in the "out" share, records its exit status
# there, and powers off.

PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
HOME=/tmp
TERM=dumb
export PATH HOME TERM

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts /dev/shm 2>/dev/null
mount -t devpts devpts /dev/pts
# What udev or systemd would add on a real system: /dev/fd, /dev/stdin...
ln -s /proc/self/fd /dev/fd
ln -s fd/0 /dev/stdin
ln -s fd/1 /dev/stdout
ln -s fd/2 /dev/stderr
mount -t tmpfs -o mode=0755 tmpfs /run
# The guest's /tmp is its own, but the checkout may live in the host's
# /tmp (CI clones anywhere): keep that part of the host's /tmp in view.
top=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p /run/host-tmp
mount --bind /tmp /run/host-tmp
mount -t tmpfs -o mode=1777 tmpfs /tmp
case $top in
/tmp/*)
	mkdir -p "$top"
	mount --bind "/run/host-tmp/${top#/tmp/}" "$top"
	;;
esac
mount -t tmpfs -o mode=1777 tmpfs /dev/shm
mkdir -p /tmp/.vm-out
mount -t 9p -o trans=virtio,version=9p2000.L out /tmp/.vm-out

out=/tmp/.vm-out
if [ -r "$out/job" ]; then
	echo "vm-init: running job on $(uname -r)" >/dev/console
	cd /tmp
	sh "$out/job" >"$out/output" 2>&1 </dev/null
	echo $? >"$out/status"
else
	echo "vm-init: no job in the out share" >/dev/console
	echo 125 >"$out/status"
fi
sync
umount /tmp/.vm-out
echo "vm-init: powering off" >/dev/console
busybox reboot -f
# reboot -f should not return; make the failure visible.
echo "vm-init: reboot failed" >/dev/console
sleep 5
exit 1
