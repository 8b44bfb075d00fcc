#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The per-check rows of `make bench`, here (as root): on the host
# (AT_EXECVE_CHECK and the exec securebits) or in the guest (trusted_for
# and fs.trust_policy, and AT_EXECVE_CHECK of our series).
#
#   micro.sh CHECK_COST CLI ROUNDS MS
#
# Makes the files on two tmpfs mounts, one exec and one noexec: ok.sh
# (1 byte, 0755, exec mount: trusted), nx/ok.sh (the same on the noexec
# mount), nox.sh (0644), fifo (a FIFO, opened O_NONBLOCK), big.sh (10 MB,
# 0755), d1/f.sh and d1/.../d40/f.sh (1 and 40 directories deep).  Prints
# the rows of check-cost, tab-separated: WHERE CONDITION LABEL MIN MEDIAN
# MAX ANSWER (ratios to getppid(2) measured in the same run).

set -eu
# Rows hold spaces: split command substitutions on new lines only.
IFS='
'

run() { # CONDITION [THREADS] ROW...: check-cost, labelled
	cond=$1
	shift
	t=1
	case ${1:-} in [0-9]*) t=$1; shift ;; esac
	"$cc" -r "$rounds" -m "$ms" -t "$t" -p "$where	$cond" "$@"
}

# Each refusal path of a check, and the trusted file.
paths() { # LABEL METHOD
	printf '%s\n' "$1, trusted=$2:$B/ok.sh" "$1, noexec mount=$2:$B/nx/ok.sh" \
		"$1, no x bit=$2:$B/nox.sh" "$1, FIFO=$2:$B/fifo"
}

# The host rows under SECBIT_EXEC_RESTRICT_FILE, locked: run by
# `trusted-for run --restrict-file` from below.
if [ "${1:-}" = --restricted ]; then
	cc=$2 rounds=$3 ms=$4 B=$5 deep=$6 where=$7
	cond="--restrict-file"
	# shellcheck disable=SC2046 # word splitting of paths is wanted
	run "$cond" "AT_EXECVE_CHECK, trusted=execve_check:$B/ok.sh" \
		$(paths tf_check_fd check_fd) \
		"tf_check_fd EXPLAIN, trusted=check_fd_explain:$B/ok.sh"
	for t in 1 2 4; do
		run "$cond" $t "AT_EXECVE_CHECK, $t threads=execve_check:$B/ok.sh" \
			"tf_check_fd, $t threads=check_fd:$B/ok.sh"
	done
	run "$cond" "AT_EXECVE_CHECK, 10 MB file=execve_check:$B/big.sh" \
		"AT_EXECVE_CHECK, 40 dirs deep=execve_check:$deep" \
		"tf_open_check, 1 dir deep=open_check:$B/d1/f.sh" \
		"tf_open_check, 40 dirs deep=open_check:$deep" \
		"open+close, 40 dirs deep=open:$deep"
	exit 0
fi

cc=$1
cli=$2
rounds=$3
ms=$4

B=$(mktemp -d /tmp/tf-bench-micro.XXXXXX)
mount -t tmpfs -o mode=0755 tf-bench "$B"
mkdir "$B/nx"
mount -t tmpfs -o noexec,mode=0755 tf-bench-nx "$B/nx"
trap 'umount "$B/nx"; umount "$B"; rmdir "$B"' EXIT
printf ':' >"$B/ok.sh"
cp "$B/ok.sh" "$B/nx/ok.sh"
cp "$B/ok.sh" "$B/nox.sh"
mkfifo "$B/fifo"
head -c 10485760 /dev/zero >"$B/big.sh"
d=$B
for i in $(seq 1 40); do
	d=$d/d$i
	mkdir "$d"
	cp "$B/ok.sh" "$d/f.sh"
done
deep=$d/f.sh
chmod 0755 "$B"/ok.sh "$B"/nx/ok.sh "$B"/big.sh "$B"/fifo "$deep" "$B/d1/f.sh"
chmod 0644 "$B"/nox.sh

if [ -e /proc/sys/fs/trust_policy ]; then
	where="guest $(uname -r | cut -d- -f1)"
	# shellcheck disable=SC2046 # word splitting of paths is wanted
	for p in 0 3; do
		echo $p >/proc/sys/fs/trust_policy
		cond="fs.trust_policy=$p"
		if [ $p = 0 ]; then
			run "$cond" "getppid=getppid:$B/ok.sh" "fstat=fstat:$B/ok.sh" \
				"open+close=open:$B/ok.sh" \
				"tf_predict_fd (user space)=predict:$B/ok.sh"
		fi
		run "$cond" $(paths trusted_for trusted_for) \
			$(paths AT_EXECVE_CHECK execve_check) \
			$(paths tf_check_fd check_fd) \
			"tf_check_fd EXPLAIN, trusted=check_fd_explain:$B/ok.sh" \
			"tf_check_fd EXPLAIN, noexec mount=check_fd_explain:$B/nx/ok.sh"
	done
	cond=fs.trust_policy=3
	echo 3 >/proc/sys/fs/trust_policy
	for t in 1 2 4; do
		run "$cond" $t "trusted_for, $t threads=trusted_for:$B/ok.sh" \
			"tf_check_fd, $t threads=check_fd:$B/ok.sh"
	done
	run "$cond" "trusted_for, 10 MB file=trusted_for:$B/big.sh" \
		"trusted_for, 40 dirs deep=trusted_for:$deep" \
		"tf_open_check, 1 dir deep=open_check:$B/d1/f.sh" \
		"tf_open_check, 40 dirs deep=open_check:$deep" \
		"open+close, 40 dirs deep=open:$deep"
	echo 0 >/proc/sys/fs/trust_policy
else
	where="host $(uname -r | cut -d- -f1)"
	cond="no securebits"
	# shellcheck disable=SC2046
	run "$cond" "getppid=getppid:$B/ok.sh" "fstat=fstat:$B/ok.sh" \
		"open+close=open:$B/ok.sh" \
		"tf_predict_fd (user space)=predict:$B/ok.sh" \
		$(paths AT_EXECVE_CHECK execve_check) \
		$(paths tf_check_fd check_fd) \
		"tf_check_fd EXPLAIN, trusted=check_fd_explain:$B/ok.sh" \
		"tf_check_fd EXPLAIN, noexec mount=check_fd_explain:$B/nx/ok.sh"
	"$cli" run --restrict-file -- "$0" --restricted "$cc" "$rounds" "$ms" \
		"$B" "$deep" "$where"
fi
