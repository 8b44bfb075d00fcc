#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The whole-system test: make (or reuse) the Debian 12 disk
# (system/image.sh), boot it under QEMU (TCG) on the packaged kernel with
# systemd as PID 1, and let tf-system-test.service run
# system/guest/guest-test.sh in it.  Prints TAP: the host's own results
# (disk made, guest booted and finished, kernel console clean), then the
# guest's, numbered as one stream.
#
#   check.sh [-d] OUT DEBDIR
#
# -d (make demo-system): the same boot, told for a human: the guest's
# stream with what each check ran and saw, then the failures the policy
# caused.  The disk is booted with snapshot=on: a run never changes it.
# TF_SYSTEM_TIMEOUT (seconds, 1500) bounds the boot and the test.
#
# Exit codes: 0 all passed; 1 a test failed; 2 usage; 77 skipped (no
# network for the first debootstrap, not root, no QEMU).

set -u
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib/tap.sh"
demo=0
if [ "${1:-}" = -d ]; then
	demo=1
	shift
fi
[ $# -eq 2 ] || { echo "usage: $0 [-d] OUT DEBDIR" >&2; exit 2; }
out=$(realpath -m "$1")
debdir=$(realpath -m "$2")
timeout=${TF_SYSTEM_TIMEOUT:-1500}

command -v qemu-system-x86_64 >/dev/null 2>&1 ||
	{ echo "1..0 # SKIP qemu-system-x86_64 missing (make deps)"; exit 77; }

t0=$(date +%s)
"$top/system/image.sh" "$out" "$debdir"
s=$?
if [ "$s" -eq 77 ]; then
	echo "1..0 # SKIP the Debian 12 disk could not be made here (see above: network or root)"
	exit 77
fi
t_image=$(($(date +%s) - t0))

run=$out/run
rm -rf "$run"
mkdir -p "$run"
chmod 0777 "$run"

host_tap() {
	if [ "$s" -ne 0 ]; then
		not_ok "the Debian 12 disk is made (system/image.sh exit $s)"
		tap_end
		return 1
	fi
	ok "the Debian 12 disk is made or up to date ($t_image s)"
	missing=$(tr '\n' ' ' <"$out/missing" | sed 's/ *$//')
	if [ -n "$missing" ]; then
		skip "the user-space packages are installed" "missing from $debdir: $missing (make deb-userspace)"
	else
		ok "the kernel and user-space packages are installed by dpkg"
	fi
	t1=$(date +%s)
	# tfsystem= starts tf-system-test.service; the guest ends with a
	# power-off that -no-reboot turns into QEMU's exit either way.
	timeout --foreground -k 10 "$timeout" qemu-system-x86_64 \
		-accel tcg -cpu max -m 2048 -smp 2 \
		-nographic -no-reboot -nodefaults -serial "file:$run/console.log" \
		-kernel "$out/vmlinuz" \
		-append "console=ttyS0 root=/dev/vda rw rootfstype=ext4 panic=-1 no_timer_check reboot=t tfsystem=$([ "$demo" -eq 1 ] && echo demo || echo check)" \
		-drive "file=$out/disk.raw,if=virtio,format=raw,snapshot=on" \
		-netdev user,id=n0,restrict=on -device virtio-net-pci,netdev=n0 \
		-device virtio-rng-pci \
		-fsdev local,id=out,path="$run",security_model=none \
		-device virtio-9p-pci,fsdev=out,mount_tag=out \
		>"$run/qemu.log" 2>&1
	q=$?
	t_boot=$(($(date +%s) - t1))
	if [ "$q" -eq 124 ]; then
		not_ok "the guest boots and finishes the test (timed out after $timeout s)"
	elif [ -f "$run/guest.tap" ]; then
		ok "the guest boots and finishes the test ($t_boot s under TCG)"
	else
		not_ok "the guest boots and finishes the test (QEMU exit $q, no out/guest.tap)"
		tail -n 30 "$run/console.log" 2>/dev/null | sed 's/^/# console: /'
		[ ! -f "$run/guest.tap.part" ] || sed 's/^/# partial: /' "$run/guest.tap.part"
	fi
	if grep -E -n 'WARNING:|BUG:|Oops|Kernel panic|general protection fault|Call Trace:' \
		"$run/console.log" >"$run/kernel-warnings" 2>/dev/null; then
		not_ok "the kernel logged no warning, BUG or oops"
		diag "$run/kernel-warnings"
	else
		ok "the kernel logged no warning, BUG or oops"
	fi
	note "console: $run/console.log; journal: $run/journal.txt; times: disk $t_image s, boot and test $t_boot s"
	echo "1..$n"
}

{
	host_tap
	[ ! -f "$run/guest.tap" ] || cat "$run/guest.tap"
} | tap_renumber >"$run/result.tap"
status=$?
if [ "$demo" -eq 1 ]; then
	echo "=== The whole system: Debian 12, systemd, fs.trust_policy=3 ==="
	echo "Each check below shows what it ran and what came back (the lines"
	echo "that start with '#'); 'ok' or 'not ok' is its verdict."
	echo
fi
cat "$run/result.tap"
if [ "$demo" -eq 1 ]; then
	echo
	echo "=== What the policy broke that the test did not ask for ==="
	if [ -s "$run/findings.txt" ]; then
		cat "$run/findings.txt"
	else
		echo "(nothing)"
	fi
	echo "See README.md, \"The whole system\", for each one and its fix."
fi
exit "$status"
