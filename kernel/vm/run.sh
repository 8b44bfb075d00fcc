#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Boot the patched kernel under QEMU (TCG) with the host's root file system
# shared read-only over virtio-9p, run one shell job in the guest as root,
# and report its output and exit status.
#
#   run.sh [-k BZIMAGE] [-t SECONDS] [-s CPUS] [-r FILE] [-q] JOBFILE [ARG...]
#
# JOBFILE is a shell script (any path of the host: the guest sees the same
# tree); ARGs are passed to it.  The guest has /tmp, /run and /dev/shm as
# tmpfs, /proc, /sys, /dev, and the sysctl fs.trust_policy at 0.
#
# The job's output is printed on stdout (or only kept with -q).  The console
# log is kept in the run directory and scanned for kernel warnings; -r
# writes that directory's path to FILE.  -s gives the guest CPUS
# processors (1 by default).
#
# Exit codes: the job's own exit status; 124 on time-out; 125 when the
# guest did not run the job; 3 when the job passed but the kernel logged a
# warning, a BUG or an oops; 2 on usage errors.

set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
kernel=${TF_KERNEL:-$top/build/kernel/arch/x86/boot/bzImage}
timeout=${TF_VM_TIMEOUT:-900}
quiet=0
cpus=1
runfile=

usage() {
	echo "usage: $0 [-k BZIMAGE] [-t SECONDS] [-s CPUS] [-r FILE] [-q] JOBFILE [ARG...]" >&2
	exit 2
}

while getopts k:t:s:r:q opt; do
	case $opt in
	k) kernel=$OPTARG ;;
	t) timeout=$OPTARG ;;
	s) cpus=$OPTARG ;;
	r) runfile=$OPTARG ;;
	q) quiet=1 ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || usage
job=$1
shift

case $job in
/*) ;;
*) job=$(pwd)/$job ;;
esac
[ -r "$job" ] || { echo "run.sh: $job: no such job file" >&2; exit 2; }
[ -r "$kernel" ] || { echo "run.sh: $kernel: no kernel (run: make kernel)" >&2; exit 2; }
command -v qemu-system-x86_64 >/dev/null ||
	{ echo "run.sh: qemu-system-x86_64 missing (apt-get install qemu-system-x86)" >&2; exit 2; }

mkdir -p "$top/build/vm"
run=$(mktemp -d "$top/build/vm/run.XXXXXX")
chmod 0777 "$run"
[ -z "$runfile" ] || echo "$run" >"$runfile"

# The job file of the guest: cd to where the caller stands, then run.
{
	echo "cd '$(pwd)' 2>/dev/null || cd /tmp"
	printf 'exec sh'
	for a in "$job" "$@"; do
		printf " '%s'" "$(printf '%s' "$a" | sed "s/'/'\\\\''/g")"
	done
	echo
} >"$run/job"

# no_timer_check: on a loaded host, the emulated CPU can be too slow for
# the kernel's check that the IO-APIC timer ticks, and the guest panics at
# boot ("IO-APIC + timer doesn't work"), whatever the kernel under test.
timeout --foreground -k 10 "$timeout" qemu-system-x86_64 \
	-accel tcg -cpu max -m 1024 -smp "$cpus" \
	-nographic -no-reboot -nodefaults -serial "file:$run/console.log" \
	-kernel "$kernel" \
	-append "console=ttyS0 root=hostroot rootfstype=9p rootflags=trans=virtio,version=9p2000.L,msize=262144,cache=loose ro init=$top/kernel/vm/init.sh panic=-1 no_timer_check" \
	-fsdev local,id=root,path=/,readonly=on,security_model=none,multidevs=remap \
	-device virtio-9p-pci,fsdev=root,mount_tag=hostroot \
	-fsdev local,id=out,path="$run",security_model=none \
	-device virtio-9p-pci,fsdev=out,mount_tag=out \
	>"$run/qemu.log" 2>&1
qemu_status=$?

if [ "$quiet" -eq 0 ] && [ -r "$run/output" ]; then
	cat "$run/output"
fi

if [ "$qemu_status" -eq 124 ]; then
	echo "run.sh: the guest timed out after ${timeout}s (console: $run/console.log)" >&2
	exit 124
fi
if [ ! -r "$run/status" ]; then
	echo "run.sh: the guest did not run the job (console: $run/console.log)" >&2
	tail -n 20 "$run/console.log" >&2
	exit 125
fi
status=$(cat "$run/status")

# Any of these in the console means the kernel misbehaved, whatever the
# job says.
if grep -E -n 'WARNING:|BUG:|Oops|Kernel panic|general protection fault|UBSAN:|KASAN:|Call Trace:' \
	"$run/console.log" >"$run/kernel-warnings"; then
	echo "run.sh: the kernel logged warnings (console: $run/console.log):" >&2
	cat "$run/kernel-warnings" >&2
	[ "$status" -eq 0 ] && status=3
fi
echo "$run" >"$top/build/vm/last"
exit "$status"
