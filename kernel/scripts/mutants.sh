#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Show that the selftests can fail: build a kernel from the series with
# known mistakes in fs/open.c, fs/namei.c, fs/exec.c and
# security/commoncap.c, run the selftests on it in the guest, and
# check that each mistake is caught by the test meant to catch it, while
# the other tests still pass.  Prints TAP.
#
#   mutants.sh SRC SELFTESTS
#
# SRC is the kernel git tree made by tree.sh; the mutants are built in a
# separate worktree (build/linux-mutant) and output directory
# (build/kernel-mutant), so SRC and build/kernel are never touched.

set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
src=$(realpath "$1")
selftests=$(realpath "$2")
tree=$top/build/linux-mutant
out=$top/build/kernel-mutant
. "$top/tests/lib/tap.sh"

bail() {
	echo "Bail out! $*"
	exit 1
}

git -C "$src" worktree remove --force "$tree" >/dev/null 2>&1
rm -rf "$tree"
git -C "$src" worktree prune
git -C "$src" worktree add -q --detach "$tree" HEAD || bail "cannot make the worktree $tree"

# Each mistake: the text of fs/open.c it replaces, and the replacement.
# The script fails if the text is not found: a mutant that was not applied
# would prove nothing.
perl -0pi -e '
	my $n = 0;
	# 1. the pseudo file system check is gone
	$n += s/\t\tif \(trusted_for_pseudo_sb\(inode->i_sb\)\)\n/\t\tif (0 && trusted_for_pseudo_sb(inode->i_sb))\n/;
	# 2. the fd is looked at before flags and usage
	$n += s/(\tif \(flags\)\n\t\treturn -EINVAL;\n\tif \(usage != TRUSTED_FOR_EXECUTION\)\n\t\treturn -EINVAL;\n)\n(\t\/\* fdget\(\) does not return O_PATH files. \*\/\n\tCLASS\(fd, f\)\(fd\);\n\tif \(fd_empty\(f\)\)\n\t\treturn -EBADF;\n)/$2$1/;
	# 3. no capability check when the sysctl is written
	$n += s/\tif \(write && !capable\(CAP_SYS_ADMIN\)\)/\tif (0 && write && !capable(CAP_SYS_ADMIN))/;
	END { exit($n == 3 ? 0 : 1) }
' "$tree/fs/open.c" || bail "fs/open.c changed: update the mutants of $0"

# 4. AT_EXECVE_CHECK forgets noexec mounts: every place where an exec open
# looks at the mount, may_open(), do_open_execat() and the check of an open
# file before its reopen, exec_check_refuses().
perl -0pi -e '
	my $n = 0;
	$n += s/\t\tif \(\(acc_mode & MAY_EXEC\) && path_noexec\(path\)\)\n/\t\tif (0 && (acc_mode & MAY_EXEC) && path_noexec(path))\n/;
	END { exit($n == 1 ? 0 : 1) }
' "$tree/fs/namei.c" || bail "fs/namei.c changed: update the mutants of $0"
perl -0pi -e '
	my $n = 0;
	$n += s/(\tif \(WARN_ON_ONCE\(!S_ISREG\(file_inode\(file\)->i_mode\)\) \|\|\n)\t    path_noexec\(&file->f_path\)\)\n(\t\treturn ERR_PTR\(-EACCES\);)/$1\t    (0 && path_noexec(&file->f_path)))\n$2/;
	$n += s/(\taudit_file\(file\);\n)\tif \(path_noexec\(&file->f_path\)\)\n/$1\tif (0 && path_noexec(&file->f_path))\n/;
	END { exit($n == 2 ? 0 : 1) }
' "$tree/fs/exec.c" || bail "fs/exec.c changed: update the mutants of $0"

# 5. a locked securebit can be changed (the lock is still not removable).
perl -0pi -e '
	my $n = 0;
	$n += s/(\t\t     & \(old->securebits \^ arg2\))\)(\t\t\t\/\*\[1\]\*\/)/$1 & 0)$2/;
	END { exit($n == 1 ? 0 : 1) }
' "$tree/security/commoncap.c" || bail "security/commoncap.c changed: update the mutants of $0"

if ! "$top/kernel/scripts/build.sh" "$tree" "$out" >/dev/null; then
	bail "the mutant kernel does not build"
fi

log=$top/build/vm/mutants.log
"$top/kernel/vm/run.sh" -k "$out/arch/x86/boot/bzImage" \
	"$top/kernel/vm/kselftests.sh" "$selftests" >"$log" 2>&1
status=$?
[ "$status" -ne 0 ] || not_ok "the selftests fail on the mutant kernel (they passed)"
grep -q '^# Totals:' "$log" || bail "the selftests did not run on the mutant kernel (see $log)"

caught() {
	mistake=$1
	shift
	for t in "$@"; do
		if grep -q "^not ok [0-9]* $t\$" "$log"; then
			ok "mistake '$mistake' caught by $t"
		else
			not_ok "mistake '$mistake' not caught by $t"
		fi
	done
}

caught "no pseudo file system check" object.memfd.with_dac_override \
	object.memfd.without_dac_override
caught "fd checked before flags and usage" global.usage_and_flags_checked_before_fd
caught "sysctl writable without CAP_SYS_ADMIN" sysctl.write_needs_cap_sys_admin
caught "AT_EXECVE_CHECK forgets noexec mounts" \
	access.mount_noexec_file_exec.regular_empty \
	access.mount_noexec_file_exec.regular_elf \
	access.mount_noexec_file_exec.regular_elf_unprivileged
caught "a locked securebit can be changed" \
	secbits.privileged.lock_restrict_file \
	secbits.without_cap_setpcap.lock_restrict_file \
	secbits.without_cap_setpcap.lock_deny_interactive_off

# The mistakes must not be caught by anything else: the other tests
# still pass, so a failure says what is wrong.
others=$(grep '^not ok ' "$log" | grep -v -e 'object\.memfd\.' \
	-e 'global\.usage_and_flags_checked_before_fd' \
	-e 'sysctl\.write_needs_cap_sys_admin' \
	-e 'access\.mount_noexec_file_exec\.' \
	-e 'access\.mount_noexec_file_noexec\.mode_change_after_open' \
	-e 'secbits\.[a-z_]*\.lock_' | sed 's/^not ok [0-9]* //')
if [ -z "$others" ]; then
	ok "the other tests pass on the mutant kernel"
else
	not_ok "other tests failed on the mutant kernel: $(echo $others)"
fi

git -C "$src" worktree remove --force "$tree" >/dev/null 2>&1
tap_end
