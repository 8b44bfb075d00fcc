// SPDX-License-Identifier: GPL-2.0
/*
 * What one execution check costs, against the alternatives, on the
 * running kernel: trusted_for(2), execveat(AT_EXECVE_CHECK), and the
 * user-space emulation of the policy that an interpreter would need
 * without either (fstat, fstatfs, fstatvfs, faccessat: tf_predict_fd()).
 * fstat(2) is the yardstick: the cheapest system call on a descriptor;
 * getppid(2) is the cost of entering the kernel at all.
 *
 *   check-cost FILE [ITERATIONS [REFUSED]]
 *
 * Prints one line per method, with the time per call and its ratio to
 * fstat(2), all measured in this run.  With REFUSED (a file the policy in
 * force refuses, such as one on a noexec mount), the kernel checks are also
 * timed on their refusal path.  Where the kernel offers both trusted_for(2)
 * and AT_EXECVE_CHECK, the last lines compare them and getppid(2) directly.
 * Exit codes: 0 done, 2 bad usage or a file cannot be opened.
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

static int do_getppid(int fd)
{
	(void)fd;
	return (int)syscall(SYS_getppid);
}

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

/*
 * Best of 5 rounds: the least disturbed by the rest of the machine.  A
 * round lasts at least 100 ms (ITERATIONS is doubled until it does): a
 * guest's clock can be as coarse as a jiffy.
 */
static double measure(method_fn fn, int fd, long iterations)
{
	double best = 0;

	for (;;) {
		double start = now_ns();

		for (long i = 0; i < iterations; i++)
			fn(fd);
		if (now_ns() - start >= 1e8)
			break;
		iterations *= 2;
	}
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

static int open_file(const char *prog, const char *path)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0)
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
	return fd;
}

static void row(const char *name, double t, double base)
{
	printf("%-40s %9.0f ns/call  %.2fx\n", name, t, t / base);
}

/* A kernel check on its refusal path: it must fail, or the row lies. */
static void refusal_row(const char *name, method_fn fn, int fd,
			long iterations, double base)
{
	int err = fn(fd) ? errno : 0;
	double t;

	if (!err) {
		printf("%-40s (not refused: no refusal row)\n", name);
		return;
	}
	t = measure(fn, fd, iterations);
	printf("%-40s %9.0f ns/call  %.2fx  (%s)\n", name, t, t / base,
	       strerror(err));
}

int main(int argc, char **argv)
{
	unsigned int backends = tf_backends();
	long iterations = 20000;
	double base, ppid, tf = 0, xc = 0;
	int fd, refused_fd = -1;

	if (argc < 2 || argc > 4) {
		fprintf(stderr, "usage: %s FILE [ITERATIONS [REFUSED]]\n", argv[0]);
		return 2;
	}
	if (argc >= 3) {
		char *end;

		iterations = strtol(argv[2], &end, 10);
		if (*end || iterations <= 0) {
			fprintf(stderr, "%s: %s: not a positive number of iterations\n",
				argv[0], argv[2]);
			return 2;
		}
	}
	fd = open_file(argv[0], argv[1]);
	if (fd < 0)
		return 2;
	if (argc == 4) {
		refused_fd = open_file(argv[0], argv[3]);
		if (refused_fd < 0)
			return 2;
	}

	base = measure(do_fstat, fd, iterations);
	printf("%-40s %9.0f ns/call  1.00x\n", "fstat(2), the yardstick", base);
	ppid = measure(do_getppid, fd, iterations);
	row("getppid(2), entering the kernel", ppid, base);
	if (backends & TF_BACKEND_TRUSTED_FOR) {
		tf = measure(do_trusted_for, fd, iterations);
		row("trusted_for(2)", tf, base);
	}
	if (backends & TF_BACKEND_EXECVE_CHECK) {
		xc = measure(do_execve_check, fd, iterations);
		row("execveat(AT_EXECVE_CHECK)", xc, base);
	}
	if (refused_fd >= 0 && (backends & TF_BACKEND_TRUSTED_FOR))
		refusal_row("trusted_for(2), refused", do_trusted_for,
			    refused_fd, iterations, base);
	if (refused_fd >= 0 && (backends & TF_BACKEND_EXECVE_CHECK))
		refusal_row("execveat(AT_EXECVE_CHECK), refused",
			    do_execve_check, refused_fd, iterations, base);
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
	if (tf > 0 && xc > 0)
		printf("AT_EXECVE_CHECK / trusted_for(2): %.2fx; AT_EXECVE_CHECK / getppid(2): %.2fx\n",
		       xc / tf, xc / ppid);
	if (refused_fd >= 0)
		close(refused_fd);
	close(fd);
	return 0;
}
