// SPDX-License-Identifier: GPL-2.0
/*
 * What one execution check costs, against the alternatives, on the
 * running kernel: trusted_for(2), execveat(AT_EXECVE_CHECK), and the
 * user-space emulation of the policy that an interpreter would need
 * without either (fstat, fstatfs, fstatvfs, faccessat: tf_predict_fd()).
 * fstat(2) is the yardstick: the cheapest system call on a descriptor.
 *
 *   check-cost FILE [ITERATIONS]
 *
 * Prints one line per method, with the time per call and its ratio to
 * fstat(2), all measured in this run.  Exit codes: 0 done, 2 bad usage
 * or FILE cannot be opened.
 */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "trusted-for.h"

#ifndef AT_EXECVE_CHECK
#define AT_EXECVE_CHECK 0x10000
#endif

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

typedef int (*method_fn)(int fd);

static int do_fstat(int fd)
{
	struct stat st;

	return fstat(fd, &st);
}

static int do_trusted_for(int fd)
{
	return tf_trusted_for(fd, TF_TRUSTED_FOR_EXECUTION, 0);
}

static int do_execve_check(int fd)
{
	static char *const argv[] = { "check-cost", NULL };
	static char *const envp[] = { NULL };

	return syscall(SYS_execveat, fd, "", argv, envp,
		       AT_EMPTY_PATH | AT_EXECVE_CHECK);
}

static int do_predict(int fd)
{
	return tf_predict_fd(fd, 3, NULL);
}

static int do_check_fd(int fd)
{
	return tf_check_fd(fd, TF_ORIGIN_FILE, "bench", TF_CHECK_QUIET, NULL);
}

/* Best of 5 rounds: the least disturbed by the rest of the machine. */
static double measure(method_fn fn, int fd, long iterations)
{
	double best = 0;

	for (int round = 0; round < 5; round++) {
		double start = now_ns();

		for (long i = 0; i < iterations; i++)
			fn(fd);
		double per_call = (now_ns() - start) / iterations;

		if (round == 0 || per_call < best)
			best = per_call;
	}
	return best;
}

int main(int argc, char **argv)
{
	unsigned int backends = tf_backends();
	long iterations = 20000;
	double base;
	int fd;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: %s FILE [ITERATIONS]\n", argv[0]);
		return 2;
	}
	if (argc == 3) {
		char *end;

		iterations = strtol(argv[2], &end, 10);
		if (*end || iterations <= 0) {
			fprintf(stderr, "%s: %s: not a positive number of iterations\n",
				argv[0], argv[2]);
			return 2;
		}
	}
	fd = open(argv[1], O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "%s: %s: %s\n", argv[0], argv[1], strerror(errno));
		return 2;
	}

	base = measure(do_fstat, fd, iterations);
	printf("%-40s %9.0f ns/call  1.00x\n", "fstat(2), the yardstick", base);
	if (backends & TF_BACKEND_TRUSTED_FOR) {
		double t = measure(do_trusted_for, fd, iterations);

		printf("%-40s %9.0f ns/call  %.2fx\n", "trusted_for(2)", t, t / base);
	}
	if (backends & TF_BACKEND_EXECVE_CHECK) {
		double t = measure(do_execve_check, fd, iterations);

		printf("%-40s %9.0f ns/call  %.2fx\n", "execveat(AT_EXECVE_CHECK)", t, t / base);
	}
	{
		double t = measure(do_predict, fd, iterations);

		printf("%-40s %9.0f ns/call  %.2fx\n",
		       "user-space emulation (tf_predict_fd)", t, t / base);
	}
	{
		double t = measure(do_check_fd, fd, iterations);

		printf("%-40s %9.0f ns/call  %.2fx\n",
		       "tf_check_fd(), what interpreters call", t, t / base);
	}
	close(fd);
	return 0;
}
