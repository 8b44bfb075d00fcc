// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The two policies an administrator sets: the system-wide fs.trust_policy
 * sysctl (trusted_for kernels) and the per-process exec securebits
 * (AT_EXECVE_CHECK kernels).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "internal.h"

TF_API int tf_policy_get(void)
{
	_cleanup_close_ int fd = -1;
	char buf[16];
	ssize_t n;
	int saved = errno, ret;

	if (!(tf_backends() & TF_BACKEND_TRUSTED_FOR))
		return -ENOSYS;
	fd = open(TF_SYSCTL_PATH, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		ret = errno == ENOENT ? -ENOSYS : -errno;
		goto out;
	}
	n = read(fd, buf, sizeof(buf) - 1);
	if (n < 0) {
		ret = -errno;
		goto out;
	}
	buf[n] = '\0';
	if (n < 1 || buf[0] < '0' || buf[0] > '0' + TF_POLICY_MAX ||
	    (buf[1] && buf[1] != '\n'))
		ret = -EIO; /* not a value this library knows */
	else
		ret = buf[0] - '0';
out:
	errno = saved;
	return ret;
}

TF_API int tf_policy_set(int policy)
{
	_cleanup_close_ int fd = -1;
	char buf[4];
	int saved = errno, ret = 0, len;

	if (policy < 0 || policy > TF_POLICY_MAX)
		return -EINVAL;
	if (!(tf_backends() & TF_BACKEND_TRUSTED_FOR))
		return -ENOSYS;
	fd = open(TF_SYSCTL_PATH, O_WRONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		ret = errno == ENOENT ? -ENOSYS : -errno;
		goto out;
	}
	len = snprintf(buf, sizeof(buf), "%d\n", policy);
	if (write(fd, buf, (size_t)len) != len)
		ret = errno ? -errno : -EIO;
out:
	errno = saved;
	return ret;
}

TF_API int tf_securebits_get(unsigned int *bits)
{
	int saved = errno, ret;

	if (!bits)
		return -EINVAL;
	*bits = 0;
	if (!(tf_backends() & TF_BACKEND_EXECVE_CHECK))
		return -EOPNOTSUPP;
	ret = prctl(PR_GET_SECUREBITS, 0, 0, 0, 0);
	if (ret < 0) {
		ret = -errno;
		errno = saved;
		return ret;
	}
	*bits = (unsigned int)ret & TF_EXEC_SECBITS_ALL;
	return 0;
}

TF_API int tf_securebits_set(unsigned int bits)
{
	int saved = errno, cur, ret = 0;

	if (bits & ~TF_EXEC_SECBITS_ALL)
		return -EINVAL;
	if (!(tf_backends() & TF_BACKEND_EXECVE_CHECK))
		return -EOPNOTSUPP;
	cur = prctl(PR_GET_SECUREBITS, 0, 0, 0, 0);
	if (cur < 0 ||
	    prctl(PR_SET_SECUREBITS, (unsigned long)cur | bits, 0, 0, 0))
		ret = -errno;
	errno = saved;
	return ret;
}
