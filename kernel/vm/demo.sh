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

# The interpreters of this project, when they are built.
sh_bin=$top/build/shells/bin
py_bin=$top/build/python/bin/tf-python3
pl_bin=$top/build/perl/inst-tf/bin/perl
if [ -x "$sh_bin/dash" ] || [ -x "$py_bin" ]; then
	"$tf" policy set 1 >/dev/null || exit 1
	say "--- The enlightened interpreters under fs.trust_policy = 1 (noexec mounts)" \
		"They ask trusted_for(2) about every file they read code from, and" \
		"refuse what the policy refuses, whatever the route; code with no" \
		"file behind it (-c, a pipe) is not the system policy's business."
	printf 'print("  hello from python on %s")\n' exec >$demo/exec/x.py
	printf 'print("  hello from python on %s")\n' noexec >$demo/noexec/x.py
	chmod 0755 $demo/exec/x.py $demo/noexec/x.py
	for shell in dash ash bash; do
		[ -x "$sh_bin/$shell" ] || continue
		say "$shell (build/shells/bin/$shell):"
		run "$sh_bin/$shell" $demo/exec/x.sh
		run "$sh_bin/$shell" $demo/noexec/x.sh
		printf '  (exit status %s)\n' "$("$sh_bin/$shell" $demo/noexec/x.sh >/dev/null 2>&1; echo $?)"
		run "$sh_bin/$shell" -c ". $demo/noexec/x.sh || echo '  . failed, the shell goes on'"
		printf '  # %s < %s\n' "$shell" "$demo/noexec/x.sh"
		"$sh_bin/$shell" <$demo/noexec/x.sh 2>&1 | sed 's/^/  /'
		run "$sh_bin/$shell" -c 'echo "  -c still runs"'
	done
	if [ -x "$py_bin" ]; then
		say "tf-python3 (build/python/bin/tf-python3):"
		run "$py_bin" $demo/exec/x.py
		run "$py_bin" $demo/noexec/x.py
		run "$py_bin" -c "import sys; sys.path.insert(0, '$demo/noexec'); import x"
	fi
	if [ -x "$pl_bin" ]; then
		say "perl (build/perl/inst-tf/bin/perl):"
		printf 'print "  hello from perl on %s\\n";\n1;\n' exec >$demo/exec/x.pl
		printf 'print "  hello from perl on %s\\n";\n1;\n' noexec >$demo/noexec/x.pl
		chmod 0755 $demo/exec/x.pl $demo/noexec/x.pl
		run "$pl_bin" $demo/exec/x.pl
		run "$pl_bin" $demo/noexec/x.pl
		run "$pl_bin" -e "require '$demo/noexec/x.pl'"
	fi
	if [ -x "$py_bin" ]; then
		say "Bit 2 asks for an x bit on every file code is read from: Debian" \
			"installs Python's modules without one, so under fs.trust_policy = 2" \
			"tf-python3 cannot even load its codecs. Before enforcing bit 2, find" \
			"what it would refuse:"
		printf '  # trusted-for scan --policy 2 /usr/lib/python3.11 | wc -l\n  %s\n' \
			"$("$tf" scan --policy 2 /usr/lib/python3.11 2>/dev/null | wc -l)"
		"$tf" policy set 2 >/dev/null || exit 1
		printf '  # tf-python3 -c pass\n'
		"$py_bin" -c pass 2>&1 | grep -E '^PermissionError|^Fatal' | sed 's/^/  /'
	fi
	"$tf" policy set 0 >/dev/null || exit 1
	say "With fs.trust_policy = 0 again, nothing changes for anyone:"
	[ -x "$sh_bin/dash" ] && run "$sh_bin/dash" $demo/noexec/nox.sh
	[ -x "$py_bin" ] && run "$py_bin" $demo/noexec/x.py
fi

"$tf" policy set 3 >/dev/null || exit 1
say "Under any policy, devices, pipes and procfs files are never trusted:"
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
if "$tf" status | grep -q '^AT_EXECVE_CHECK.*available' && [ -x "$sh_bin/dash" ]; then
	say "This kernel also has mainline's interface: execveat(AT_EXECVE_CHECK)" \
		"and the exec securebits, a policy per process.  The system-wide" \
		"policy cannot refuse code with no file behind it (system(3) needs" \
		"sh -c); a service started under 'trusted-for run --deny-interactive'" \
		"refuses it, and pipes too:"
	run sh -c "echo 'echo pwned' | $sh_bin/dash"
	run "$tf" run --restrict-file --deny-interactive -- \
		sh -c "echo 'echo pwned' | $sh_bin/dash"
	run "$tf" run --restrict-file --deny-interactive -- "$sh_bin/dash" -c 'echo pwned'
	say "The bits are locked: a child cannot clear them (PR_SET_SECUREBITS):"
	run "$tf" run --restrict-file --deny-interactive -- python3 -c \
		'import ctypes, os; r = ctypes.CDLL(None, use_errno=True).prctl(28, 0, 0, 0, 0); print("prctl:", r, os.strerror(ctypes.get_errno()))'
fi

jv_bin=$top/build/java/bin/tf-java
jv_jar=$top/build/java/fixtures/code/main.jar
if [ -x "$jv_bin" ] && [ -r "$jv_jar" ]; then
	"$tf" policy set 1 >/dev/null || exit 1
	say "--- tf-java (build/java/bin/tf-java): Debian's OpenJDK 17, started by a" \
		"launcher that checks every class, JAR and library the JVM loads." \
		"The same JAR on each mount, under fs.trust_policy = 1:"
	cp "$jv_jar" $demo/exec/app.jar
	cp "$jv_jar" $demo/noexec/app.jar
	chmod 0755 $demo/exec/app.jar $demo/noexec/app.jar
	for m in exec noexec; do
		printf '  # tf-java -jar %s\n' $demo/$m/app.jar
		"$jv_bin" -Xshare:auto -XX:TieredStopAtLevel=1 -Xmx64m -XX:+UseSerialGC \
			-jar $demo/$m/app.jar 2>&1 | sed 's/^/  /'
	done
	"$tf" policy set 0 >/dev/null || exit 1
fi

if [ -x "$top/build/wine/bin/wineserver" ]; then
	say "--- Wine (build/wine/bin/wineserver): not in this guest.  Every Wine" \
		"process faults at its first return from a system call under QEMU's" \
		"TCG, so the refused .exe is shown on the host: make check-wine," \
		"and wine/README.md."
fi

umount $demo/exec $demo/noexec
say "=== end of the demo: fs.trust_policy is back to 0 ==="
