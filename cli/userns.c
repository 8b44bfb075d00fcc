// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * trusted-for run: keep the exec securebits from being dropped through a
 * new user namespace.
 *
 * The kernel gives a new user namespace the default securebits, locked or
 * not (set_cred_user_ns(), mainline and our series alike), so that
 * `unshare -U sh script` would run with the per-process policy gone.  A
 * seccomp filter, inherited by every descendant and impossible to remove,
 * refuses what makes or enters a user namespace:
 *
 *   unshare(2) and clone(2) with CLONE_NEWUSER      EPERM
 *   setns(2) with nstype 0 or CLONE_NEWUSER         EPERM (the fd's type
 *                                                   cannot be seen, 0 may
 *                                                   be a user namespace)
 *   clone3(2)                                       ENOSYS: its flags are
 *                                                   in memory a filter
 *                                                   cannot read; the C
 *                                                   library then falls
 *                                                   back to clone(2)
 *
 * for the native system call ABI and, on x86_64, for the i386 and x32
 * ones.  A system call of any other ABI is refused with EPERM rather than
 * let through unseen.
 */

#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "cli.h"

#ifndef CLONE_NEWUSER
#define CLONE_NEWUSER 0x10000000
#endif

#define NR_OFF offsetof(struct seccomp_data, nr)
#define ARCH_OFF offsetof(struct seccomp_data, arch)
/* The low 32 bits of an argument: every flag tested here is in them. */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define ARG_LO(n) offsetof(struct seccomp_data, args[n])
#else
#define ARG_LO(n) (offsetof(struct seccomp_data, args[n]) + 4)
#endif

#define RET_ERRNO(e) BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ((e) & SECCOMP_RET_DATA))
#define RET_ALLOW BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)
#define LOAD(off) BPF_STMT(BPF_LD | BPF_W | BPF_ABS, (off))
#define JEQ(k, jt, jf) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (k), (jt), (jf))

/*
 * The rules for one ABI, entered with the system call number in A; jump
 * offsets count from the next instruction.
 */
#define ABI_RULES_LEN 13
#define ABI_RULES(nr_unshare, nr_clone, nr_setns, nr_clone3)                 \
	/*  0 */ JEQ(nr_clone3, 0, 1),                                          \
	/*  1 */ RET_ERRNO(ENOSYS),                                             \
	/*  2 */ JEQ(nr_unshare, 1, 0),                                         \
	/*  3 */ JEQ(nr_clone, 0, 3),                 /* else to 7 */           \
	/*  4 */ LOAD(ARG_LO(0)),                                               \
	/*  5 */ BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, CLONE_NEWUSER, 0, 6),      \
	/*  6 */ RET_ERRNO(EPERM),                                              \
	/*  7 */ JEQ(nr_setns, 0, 4),                 /* else to 12 */          \
	/*  8 */ LOAD(ARG_LO(1)),                                               \
	/*  9 */ JEQ(0, 1, 0),                                                  \
	/* 10 */ JEQ(CLONE_NEWUSER, 0, 1),                                      \
	/* 11 */ RET_ERRNO(EPERM),                                              \
	/* 12 */ RET_ALLOW

#if defined(__x86_64__)
#define X32_SYSCALL_BIT 0x40000000u
#elif defined(__i386__)
#define NATIVE_ARCH AUDIT_ARCH_I386
#elif defined(__aarch64__)
#define NATIVE_ARCH AUDIT_ARCH_AARCH64
#endif

int forbid_user_namespaces(void)
{
#if defined(__x86_64__) || defined(NATIVE_ARCH)
	static struct sock_filter insns[] = {
		LOAD(ARCH_OFF),
#ifdef __x86_64__
		JEQ(AUDIT_ARCH_X86_64, 0, 2 + ABI_RULES_LEN),
		LOAD(NR_OFF),
		/* x32 numbers are the x86_64 ones with a high bit set. */
		BPF_STMT(BPF_ALU | BPF_AND | BPF_K, ~X32_SYSCALL_BIT),
		ABI_RULES(__NR_unshare, __NR_clone, __NR_setns, 435),
		/* i386 compat: unshare 310, clone 120, setns 346, clone3 435. */
		JEQ(AUDIT_ARCH_I386, 0, 1 + ABI_RULES_LEN),
		LOAD(NR_OFF),
		ABI_RULES(310, 120, 346, 435),
#else
		JEQ(NATIVE_ARCH, 0, 1 + ABI_RULES_LEN),
		LOAD(NR_OFF),
		ABI_RULES(__NR_unshare, __NR_clone, __NR_setns, 435),
#endif
		RET_ERRNO(EPERM),	/* another ABI */
	};
	struct sock_fprog fprog = {
		.len = sizeof(insns) / sizeof(insns[0]),
		.filter = insns,
	};

	/*
	 * Without CAP_SYS_ADMIN, the kernel takes a filter only from a
	 * process that can no longer gain privileges by exec: then
	 * set-user-ID programs run without their privileges (returns 1).
	 */
	if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &fprog, 0, 0) == 0)
		return 0;
	if (errno != EACCES)
		return -errno;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &fprog, 0, 0))
		return -errno;
	return 1;
#else
	return -EOPNOTSUPP;
#endif
}
