// SPDX-License-Identifier: GPL-2.0
/*
 * seccomp-deny: run a command under a seccomp filter that makes some system
 * calls fail, as an attacker who can install a filter would (any process
 * may, after PR_SET_NO_NEW_PRIVS).  A test tool of the bypass suite.
 *
 *   seccomp-deny ERRNO SYSCALL[,SYSCALL...] -- COMMAND [ARG...]
 *
 * ERRNO is a number (1 for EPERM, 38 for ENOSYS; 0 fakes success without
 * running the call); SYSCALL is execveat, prctl or a number.
 * Exit status: COMMAND's; 2 on usage errors; 126/127 if it cannot run.
 */
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MAX_CALLS 8

static int syscall_number(const char *name)
{
	char *end;
	long nr;

	if (!strcmp(name, "execveat"))
		return SYS_execveat;
	if (!strcmp(name, "prctl"))
		return SYS_prctl;
	errno = 0;
	nr = strtol(name, &end, 10);
	if (errno || end == name || *end || nr < 0 || nr > 4095)
		return -1;
	return (int)nr;
}

int main(int argc, char **argv)
{
	struct sock_filter prog[4 + 2 * MAX_CALLS + 2];
	struct sock_fprog fprog = { .filter = prog };
	int nrs[MAX_CALLS], n = 0, len = 0, i;
	char *list, *name, *end;
	long err;

	if (argc < 5 || strcmp(argv[3], "--")) {
		fprintf(stderr, "usage: %s ERRNO SYSCALL[,SYSCALL...] -- COMMAND [ARG...]\n",
			argv[0]);
		return 2;
	}
	err = strtol(argv[1], &end, 10);
	if (*end || end == argv[1] || err < 0 || err > 4095) {
		fprintf(stderr, "%s: bad errno '%s'\n", argv[0], argv[1]);
		return 2;
	}
	list = argv[2];
	for (name = strtok(list, ","); name; name = strtok(NULL, ",")) {
		if (n == MAX_CALLS || (nrs[n] = syscall_number(name)) < 0) {
			fprintf(stderr, "%s: bad system call '%s'\n", argv[0], name);
			return 2;
		}
		n++;
	}

	/* Other architectures: let everything through, the test will say. */
	prog[len++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		offsetof(struct seccomp_data, arch));
	prog[len++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
		AUDIT_ARCH_X86_64, 1, 0);
	prog[len++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	prog[len++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		offsetof(struct seccomp_data, nr));
	for (i = 0; i < n; i++) {
		prog[len++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
			(unsigned int)nrs[i], 0, 1);
		prog[len++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
			SECCOMP_RET_ERRNO | ((unsigned int)err & SECCOMP_RET_DATA));
	}
	prog[len++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	fprog.len = (unsigned short)len;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &fprog, 0, 0)) {
		perror("seccomp-deny: BYPASS-SETUP-FAILED: cannot install the filter");
		return 126;
	}
	execvp(argv[4], argv + 4);
	fprintf(stderr, "seccomp-deny: %s: %s\n", argv[4], strerror(errno));
	return errno == ENOENT ? 127 : 126;
}
