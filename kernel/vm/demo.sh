#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Guest job of `make demo`: the execution policy at work, told for an
# administrator.  Runs as root in the guest made by run.sh, on the patched
# kernel, with the trusted-for CLI built on the host.

set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
tf=$top/build/userspace/bin/trusted-for
demo=/tmp/demo

# A paragraph of narration: one blank line, then each argument on a line.
say() {
	echo
	for line in "$@"; do
		echo "$line"
	done
}

run() {
	printf '  # %s\n' "$*"
	"$@" 2>&1 | sed 's/^/  /'
}

if [ ! -x "$tf" ]; then
	echo "demo: $tf missing (make userspace)" >&2
	exit 1
fi

echo "=== trusted_for(2) on $(uname -sr) ==="
say "Two tmpfs mounts, one of them noexec, each with the same script twice:" \
	"with its x bit (0755) and without (0644)."
mkdir -p $demo/exec $demo/noexec
mount -t tmpfs -o size=1m tmpfs $demo/exec
mount -t tmpfs -o size=1m,noexec tmpfs $demo/noexec
for m in exec noexec; do
	printf '#!/bin/sh\necho "  hello from %s"\n' "$m" >$demo/$m/x.sh
	cp $demo/$m/x.sh $demo/$m/nox.sh
	chmod 0755 $demo/$m/x.sh
	chmod 0644 $demo/$m/nox.sh
done
run ls -l $demo/exec $demo/noexec
run grep $demo /proc/mounts

say "The gap: the kernel refuses ./script on the noexec mount, but any" \
	"interpreter runs it, because it only needs to read it."
run $demo/noexec/x.sh
run sh $demo/noexec/x.sh

say "trusted_for(2) lets the interpreter ask. The administrator's policy" \
	"is the sysctl fs.trust_policy: bit 1 refuses noexec mounts, bit 2" \
	"refuses files without an x bit (root included)."
for policy in 0 1 2 3; do
	case $policy in
	0) what="nothing enforced: every readable file is trusted" ;;
	1) what="mount restriction" ;;
	2) what="file permission restriction" ;;
	3) what="both" ;;
	esac
	say "--- fs.trust_policy = $policy ($what)"
	"$tf" policy set $policy >/dev/null || exit 1
	printf '  # cat /proc/sys/fs/trust_policy\n  %s\n' "$(cat /proc/sys/fs/trust_policy)"
	printf '  # trusted-for check ...\n'
	for f in $demo/exec/x.sh $demo/exec/nox.sh $demo/noexec/x.sh $demo/noexec/nox.sh; do
		"$tf" check "$f" 2>&1 | grep -v ': hint:' | sed 's/^/  /'
	done
done

say "Pipes, devices and procfs files are never trusted under a policy:"
run "$tf" check /dev/null /proc/self/status

say "Only root with CAP_SYS_ADMIN may change the policy. An unprivileged" \
	"user cannot, not even through a file descriptor that root opened:"
run setpriv --reuid=65534 --regid=65534 --clear-groups \
	sh -c '/bin/echo 0 >/proc/sys/fs/trust_policy'
run setpriv --reuid=65534 --regid=65534 --clear-groups "$tf" policy set 0
run sh -c 'exec 3>/proc/sys/fs/trust_policy; setpriv --reuid=65534 --regid=65534 --clear-groups /bin/echo 0 >&3'
say "Values outside 0..3 are refused and change nothing:"
run sh -c '/bin/echo 7 >/proc/sys/fs/trust_policy'
run cat /proc/sys/fs/trust_policy

"$tf" policy set 0 >/dev/null
umount $demo/exec $demo/noexec
say "=== end of the demo: fs.trust_policy is back to 0 ==="
