/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Private helpers of libtrustedfor; not installed. */
#ifndef TF_INTERNAL_H
#define TF_INTERNAL_H

#include <errno.h>
#include <unistd.h>

#include "trusted-for.h"

/* Kernel constants that the build host's headers may lack. */
#ifndef AT_EXECVE_CHECK
#define AT_EXECVE_CHECK 0x10000
#endif
#ifndef PR_GET_SECUREBITS
#define PR_GET_SECUREBITS 27
#define PR_SET_SECUREBITS 28
#endif

#define TF_STR_(x) #x
#define TF_STR(x) TF_STR_(x)
#define TF_VERSION_STRING                                        \
	TF_STR(TF_VERSION_MAJOR) "." TF_STR(TF_VERSION_MINOR) "." \
	TF_STR(TF_VERSION_MICRO)

#define TF_SYSCTL_PATH "/proc/sys/fs/trust_policy"
#define TF_EXEC_SECBITS_ALL                                                  \
	(TF_SECBIT_EXEC_RESTRICT_FILE | TF_SECBIT_EXEC_RESTRICT_FILE_LOCKED | \
	 TF_SECBIT_EXEC_DENY_INTERACTIVE |                                    \
	 TF_SECBIT_EXEC_DENY_INTERACTIVE_LOCKED)

/* Close a descriptor when it goes out of scope. */
static inline void tf_closep(int *fd)
{
	if (*fd >= 0) {
		int saved = errno;

		close(*fd);
		errno = saved;
	}
}
#define _cleanup_close_ __attribute__((cleanup(tf_closep)))

/* Answers of a backend probe. */
#define TF_PROBE_NO 0
#define TF_PROBE_YES 1
#define TF_PROBE_UNKNOWN 2	/* the kernel's answer was hidden (seccomp) */

/*
 * TF_BACKEND_* bits whose presence the probe could not tell: a check that
 * would need them fails closed while a policy may be in force.  @err, if
 * not NULL, is set to the errno the probe got instead of an answer.
 */
unsigned int tf_backends_unknown(int *err);

/* AT_EXECVE_CHECK on @fd: 0 or -1 with errno. */
int tf_execve_check(int fd);

/* TF_REASON_* bits explaining why a check on @fd failed with @err. */
unsigned int tf_reasons_for(int fd, int err);

#endif /* TF_INTERNAL_H */
