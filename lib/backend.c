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
static unsigned int unknown;	/* backends whose presence could not be told */
static int unknown_errno;	/* what the probe got instead of an answer */
#ifdef TF_TEST_SEAMS
static unsigned int forced = ~0u; /* mask from TRUSTED_FOR_FORCE_BACKEND */
#endif

/*
 * trusted_for(2) is advertised by /proc/sys/fs/trust_policy (existence only:
 * the sysctl is mode 0600, never read it to decide).  The system call is
 * then asked with arguments that are harmless under both meanings of its
 * number: our trusted_for(-1, 1, 0) fails with EBADF; mainline's
 * setxattrat(2) refuses a zero-sized argument structure with EINVAL before
 * it looks at anything; a kernel with neither answers ENOSYS.  This also
 * finds trusted_for where /proc/sys cannot be seen (no /proc in a chroot,
 * systemd's ProcSubset=pid), and where the sysctl exists, it catches a
 * seccomp filter that fakes the answers: the check then fails closed.
 */
static int have_trusted_for(void)
{
	int advertised, err;
	long ret;

	advertised = access(TF_SYSCTL_PATH, F_OK) == 0;
	if (!advertised && errno == ENOENT && access("/proc/sys/fs", F_OK) == 0)
		return TF_PROBE_NO;	/* procfs is there, the sysctl is not */
	ret = syscall(TF_NR, -1, TF_TRUSTED_FOR_EXECUTION, 0, 0, 0, 0);
	err = ret == -1 ? errno : 0;
	if (err == EBADF)
		return TF_PROBE_YES;
	if (!advertised && (err == ENOSYS || err == EINVAL))
		return TF_PROBE_NO;
	unknown_errno = err ? err : EPROTO;
	return TF_PROBE_UNKNOWN;
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
	 * (a seccomp filter's EPERM or ENOSYS) tells nothing: the caller then
	 * refuses while an exec securebit is set.
	 */
	ret = syscall(SYS_execveat, -1, "", argv, envp,
		      AT_EMPTY_PATH | AT_EXECVE_CHECK);
	if (ret == -1 && errno == EBADF)
		return TF_PROBE_YES;
	if (ret == -1 && errno == EINVAL)
		return TF_PROBE_NO;
	unknown_errno = ret == -1 ? errno : EPROTO;
	return TF_PROBE_UNKNOWN;
}

#ifdef TF_TEST_SEAMS
/*
 * Test builds only (never in what is installed): simulate a kernel with
 * fewer features.  An unknown value is an error of the test, not "none".
 */
static void tf_force_from_env(void)
{
	const char *force = secure_getenv("TRUSTED_FOR_FORCE_BACKEND");

	if (!force || !*force)
		return;
	if (!strcmp(force, "none"))
		forced = TF_BACKEND_NONE;
	else if (!strcmp(force, "trusted_for"))
		forced = TF_BACKEND_TRUSTED_FOR;
	else if (!strcmp(force, "execve_check"))
		forced = TF_BACKEND_EXECVE_CHECK;
	else if (!strcmp(force, "both"))
		forced = TF_BACKEND_TRUSTED_FOR | TF_BACKEND_EXECVE_CHECK;
	else
		abort();
	unknown &= forced;
}
#endif

static void tf_probe(void)
{
	int saved = errno;

	switch (have_trusted_for()) {
	case TF_PROBE_YES:
		probed |= TF_BACKEND_TRUSTED_FOR;
		break;
	case TF_PROBE_UNKNOWN:
		unknown |= TF_BACKEND_TRUSTED_FOR;
		break;
	}
	switch (have_execve_check()) {
	case TF_PROBE_YES:
		probed |= TF_BACKEND_EXECVE_CHECK;
		break;
	case TF_PROBE_UNKNOWN:
		unknown |= TF_BACKEND_EXECVE_CHECK;
		break;
	}
#ifdef TF_TEST_SEAMS
	tf_force_from_env();
#endif
	errno = saved;
}

TF_API unsigned int tf_backends(void)
{
	pthread_once(&probe_once, tf_probe);
#ifdef TF_TEST_SEAMS
	return probed & forced;
#else
	return probed;
#endif
}

unsigned int tf_backends_unknown(int *err)
{
	pthread_once(&probe_once, tf_probe);
	if (err)
		*err = unknown_errno ? unknown_errno : EPROTO;
	return unknown;
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
