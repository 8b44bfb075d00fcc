#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Guest job of `make bench-kernel`: time the checks of one file on a tmpfs
# under fs.trust_policy=3 (every restriction on, the file trusted), and of
# one on a noexec tmpfs, which both checks refuse.
set -eu
bin=$1
mkdir -p /tmp/bench
mount -t tmpfs tmpfs /tmp/bench
mkdir /tmp/bench/nx
mount -t tmpfs -o noexec tmpfs /tmp/bench/nx
printf 'echo hi\n' >/tmp/bench/x.sh
cp /tmp/bench/x.sh /tmp/bench/nx/x.sh
chmod 0755 /tmp/bench/x.sh /tmp/bench/nx/x.sh
echo 3 >/proc/sys/fs/trust_policy
"$bin" /tmp/bench/x.sh 20000 /tmp/bench/nx/x.sh
echo 0 >/proc/sys/fs/trust_policy
