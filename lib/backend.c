// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Backend detection and the raw kernel calls: trusted_for(2) and
 * execveat(AT_EXECVE_CHECK).  Probes run once per process and are cached.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "internal.h"

/*
 * The number of trusted_for(2) in this project's 6.12 series.  It is not in
 * any mainline table: mainline later gave 463 to setxattrat(2), so it is
 * only issued where the kernel advertises trusted_for (see tf_probe()).
 */
#if defined(__NR_trusted_for)
#define TF_NR __NR_trusted_for
#elif defined(__alpha__)
#define TF_NR 573
#elif defined(__mips__) && _MIPS_SIM == _MIPS_SIM_ABI32
#define TF_NR 4463
#elif defined(__mips__) && _MIPS_SIM == _MIPS_SIM_ABI64
#define TF_NR 5463
#elif defined(__mips__) && _MIPS_SIM == _MIPS_SIM_NABI32
#define TF_NR 6463
#elif defined(__x86_64__) && defined(__ILP32__)
#define TF_NR (0x40000000 + 463) /* x32: __X32_SYSCALL_BIT */
#else
#define TF_NR 463
#endif

static pthread_once_t probe_once = PTHREAD_ONCE_INIT;
static unsigned int probed;	/* kernel backends, before any forcing */
static unsigned int forced = ~0u; /* mask from TRUSTED_FOR_FORCE_BACKEND */

static int have_trusted_for(void)
{
	/* Existence only: the sysctl is mode 0600, never read it to decide. */
	return access(TF_SYSCTL_PATH, F_OK) == 0;
}

static int have_execve_check(void)
{
	char *const argv[] = { (char *)"trusted-for-probe", NULL };
	char *const envp[] = { NULL };
	long ret;

	/*
	 * Kernels without AT_EXECVE_CHECK reject the unknown flag with EINVAL
	 * before looking at the descriptor; kernels with it fail on fd -1 with
	 * EBADF.  With fd -1 nothing can ever be executed.  Any other answer
	 * (ENOSYS, a seccomp EPERM) means "not usable".
	 */
	ret = syscall(SYS_execveat, -1, "", argv, envp,
		      AT_EMPTY_PATH | AT_EXECVE_CHECK);
	return ret == -1 && errno == EBADF;
}

static void tf_probe(void)
{
	int saved = errno;
	const char *force;

	if (have_trusted_for())
		probed |= TF_BACKEND_TRUSTED_FOR;
	if (have_execve_check())
		probed |= TF_BACKEND_EXECVE_CHECK;

	/* Testing aid: simulate a kernel with fewer features. */
	force = secure_getenv("TRUSTED_FOR_FORCE_BACKEND");
	if (force && *force) {
		if (!strcmp(force, "none"))
			forced = TF_BACKEND_NONE;
		else if (!strcmp(force, "trusted_for"))
			forced = TF_BACKEND_TRUSTED_FOR;
		else if (!strcmp(force, "execve_check"))
			forced = TF_BACKEND_EXECVE_CHECK;
		else if (!strcmp(force, "both"))
			forced = TF_BACKEND_TRUSTED_FOR | TF_BACKEND_EXECVE_CHECK;
		else
			forced = TF_BACKEND_NONE; /* unknown: fail safe, loudly visible in status */
	}
	errno = saved;
}

TF_API unsigned int tf_backends(void)
{
	pthread_once(&probe_once, tf_probe);
	return probed & forced;
}

TF_API const char *tf_backend_name(unsigned int backends)
{
	switch (backends & (TF_BACKEND_TRUSTED_FOR | TF_BACKEND_EXECVE_CHECK)) {
	case TF_BACKEND_TRUSTED_FOR:
		return "trusted_for";
	case TF_BACKEND_EXECVE_CHECK:
		return "execve_check";
	case TF_BACKEND_TRUSTED_FOR | TF_BACKEND_EXECVE_CHECK:
		return "trusted_for+execve_check";
	default:
		return "none";
	}
}

TF_API int tf_trusted_for(int fd, int usage, unsigned int flags)
{
	if (!(tf_backends() & TF_BACKEND_TRUSTED_FOR)) {
		errno = ENOSYS;
		return -1;
	}
	return syscall(TF_NR, fd, usage, flags) ? -1 : 0;
}

int tf_execve_check(int fd)
{
	char *const argv[] = { (char *)"trusted-for-check", NULL };
	char *const envp[] = { NULL };

	if (!(tf_backends() & TF_BACKEND_EXECVE_CHECK)) {
		errno = ENOSYS;
		return -1;
	}
	return syscall(SYS_execveat, fd, "", argv, envp,
		       AT_EMPTY_PATH | AT_EXECVE_CHECK) ? -1 : 0;
}

TF_API const char *tf_version(void)
{
	return TF_VERSION_STRING;
}

TF_API unsigned int tf_version_number(void)
{
	return TF_VERSION_NUMBER;
}
