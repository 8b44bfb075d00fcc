// SPDX-License-Identifier: GPL-2.0
/*
 * What one execution check costs, as a ratio to getppid(2) (the cost of
 * entering the kernel at all), on the running kernel.
 *
 *   check-cost [-r ROUNDS] [-m MS] [-t THREADS] [-p PREFIX] ROW...
 *
 * Each ROW is LABEL=METHOD:PATH.  METHOD is one of:
 *   getppid          the yardstick itself (a ratio of about 1)
 *   fstat            fstat(2) of the descriptor
 *   open             open(2) of PATH then close(2)
 *   trusted_for      trusted_for(2)
 *   execve_check     execveat(fd, "", AT_EMPTY_PATH | AT_EXECVE_CHECK)
 *   predict          tf_predict_fd(fd, 3): the user-space emulation
 *   check_fd         tf_check_fd(): the library's decision
 *   check_fd_explain tf_check_fd() with TF_CHECK_EXPLAIN
 *   open_check       tf_open_check(PATH) then close(2): open and decide
 * PATH is opened once, O_RDONLY | O_NONBLOCK (a FIFO does not block), and
 * the descriptor is what the method checks; with THREADS > 1 each thread
 * opens its own.
 *
 * A round (7 by default) times getppid(2) then the method, 5 times in
 * turn, each loop lasting at least MS/5 milliseconds (the iteration count
 * is calibrated once per method: a guest's clock can be as coarse as a
 * jiffy); the ratio of the least time per call of each, the least
 * disturbed by the rest of a busy machine, is that round's figure.  Times
 * are the thread's CPU time (CLOCK_THREAD_CPUTIME_ID), which the other
 * programs of a loaded machine do not move (a thread asleep on a lock does
 * not count), unless that clock steps by more than 0.1 ms, as in a guest
 * that counts CPU time in ticks: then the wall clock (CLOCK_MONOTONIC),
 * which check-cost says on stderr.  With THREADS > 1, THREADS threads run the loop at once
 * and the per-call time is the mean over the threads, for getppid(2) too:
 * the ratio then shows what the threads contend on (spinning, cache
 * lines), not how many cores there are.
 *
 * Prints one tab-separated line per ROW:
 *   PREFIX LABEL MIN MEDIAN MAX ANSWER
 * (PREFIX given by -p, "-" by default; ratios with 3 decimals; ANSWER the
 * method's first result: "ok" or the errno name, so that a row meant to
 * time a refusal shows that it did).
 * Exit codes: 0 done, 2 bad usage or a file that cannot be opened.
 */

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
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

#define MAX_ROUNDS 101
#define MAX_THREADS 64
#define CHUNKS 5

static clockid_t clock_id = CLOCK_THREAD_CPUTIME_ID;

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(clock_id, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/*
 * The thread's CPU time is what the other programs of a loaded machine do
 * not move; but where the kernel counts it in ticks (a guest whose TSC is
 * not trusted), its steps are far too coarse: use the wall clock there.
 */
static double clock_step;

static double step_of(void)
{
	double t0 = now_ns(), t;

	while ((t = now_ns()) == t0)
		;
	return t - t0;
}

static void pick_clock(void)
{
	clock_step = step_of();
	if (clock_step > 1e5) {
		clock_id = CLOCK_MONOTONIC;
		clock_step = step_of();
	}
}

/* Returns 0 or an errno value. */
typedef int (*method_fn)(int fd, const char *path);

static int ret_errno(long r)
{
	return r < 0 ? errno : 0;
}

static int neg_errno(int r)
{
	return r < 0 ? -r : 0;
}

static int do_getppid(int fd, const char *path)
{
	(void)fd;
	(void)path;
	return syscall(SYS_getppid) < 0 ? errno : 0;
}

static int do_fstat(int fd, const char *path)
{
	struct stat st;

	(void)path;
	return ret_errno(fstat(fd, &st));
}

static int do_open(int fd, const char *path)
{
	int f = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	(void)fd;
	if (f < 0)
		return errno;
	close(f);
	return 0;
}

static int do_trusted_for(int fd, const char *path)
{
	(void)path;
	return ret_errno(tf_trusted_for(fd, TF_TRUSTED_FOR_EXECUTION, 0));
}

static int do_execve_check(int fd, const char *path)
{
	static char *const argv[] = { "check-cost", NULL };
	static char *const envp[] = { NULL };

	(void)path;
	return ret_errno(syscall(SYS_execveat, fd, "", argv, envp,
				 AT_EMPTY_PATH | AT_EXECVE_CHECK));
}

static int do_predict(int fd, const char *path)
{
	(void)path;
	return neg_errno(tf_predict_fd(fd, 3, NULL));
}

/* QUIET: a refusal row would otherwise fill the system log. */
static int do_check_fd(int fd, const char *path)
{
	return neg_errno(tf_check_fd(fd, TF_ORIGIN_FILE, path, TF_CHECK_QUIET,
				     NULL));
}

static int do_check_fd_explain(int fd, const char *path)
{
	struct tf_verdict v;

	return neg_errno(tf_check_fd(fd, TF_ORIGIN_FILE, path,
				     TF_CHECK_QUIET | TF_CHECK_EXPLAIN, &v));
}

static int do_open_check(int fd, const char *path)
{
	int f = tf_open_check(path, TF_ORIGIN_FILE, TF_CHECK_QUIET, NULL);

	(void)fd;
	if (f < 0)
		return -f;
	close(f);
	return 0;
}

static const struct {
	const char *name;
	method_fn fn;
} methods[] = {
	{ "getppid", do_getppid },
	{ "fstat", do_fstat },
	{ "open", do_open },
	{ "trusted_for", do_trusted_for },
	{ "execve_check", do_execve_check },
	{ "predict", do_predict },
	{ "check_fd", do_check_fd },
	{ "check_fd_explain", do_check_fd_explain },
	{ "open_check", do_open_check },
};

struct job {
	method_fn fn;
	const char *path;
	long iterations;
	int fd;
	pthread_barrier_t *start;
	double ns;
};

static void *worker(void *arg)
{
	struct job *j = arg;
	double t0;

	pthread_barrier_wait(j->start);
	t0 = now_ns();
	for (long i = 0; i < j->iterations; i++)
		j->fn(j->fd, j->path);
	j->ns = now_ns() - t0;
	return NULL;
}

static int threads = 1;
static int fds[MAX_THREADS];

/* Nanoseconds per call of @fn, @iterations per thread. */
static double timed(method_fn fn, const char *path, long iterations)
{
	pthread_t tid[MAX_THREADS];
	struct job jobs[MAX_THREADS];
	pthread_barrier_t start;
	double t0;

	if (threads == 1) {
		t0 = now_ns();
		for (long i = 0; i < iterations; i++)
			fn(fds[0], path);
		return (now_ns() - t0) / iterations;
	}
	pthread_barrier_init(&start, NULL, threads + 1);
	for (int i = 0; i < threads; i++) {
		jobs[i] = (struct job){ fn, path, iterations, fds[i], &start, 0 };
		if (pthread_create(&tid[i], NULL, worker, &jobs[i])) {
			perror("check-cost: pthread_create");
			exit(1);
		}
	}
	pthread_barrier_wait(&start);
	t0 = 0;
	for (int i = 0; i < threads; i++) {
		pthread_join(tid[i], NULL);
		t0 += jobs[i].ns;
	}
	pthread_barrier_destroy(&start);
	return t0 / threads / iterations;
}

/* A loop lasts at least @min_ns, and 50 steps of a coarse clock. */
static long calibrate(method_fn fn, const char *path, double min_ns)
{
	long n = 16;

	if (min_ns < 50 * clock_step)
		min_ns = 50 * clock_step;
	while (timed(fn, path, n) * n < min_ns && n < (1L << 40))
		n *= 2;
	return n;
}

/*
 * timed(), with a loop that lasted at least 10 steps of the clock: a
 * guest's clock can stand still, then jump, when the host is loaded, and a
 * loop timed at 0 would make a ratio infinite.  Doubles *@n until it does.
 */
static double steady(method_fn fn, const char *path, long *n)
{
	double t = timed(fn, path, *n);

	while (t * *n < 10 * clock_step && *n < (1L << 40)) {
		*n *= 2;
		t = timed(fn, path, *n);
	}
	return t;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static const char *answer(int err)
{
	const char *name;

	if (!err)
		return "ok";
	name = strerrorname_np(err);
	return name ? name : "error";
}

static void usage(const char *prog)
{
	fprintf(stderr,
		"usage: %s [-r ROUNDS] [-m MS] [-t THREADS] [-p PREFIX] LABEL=METHOD:PATH...\n",
		prog);
	exit(2);
}

static long number(const char *prog, const char *s, long max)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*end || end == s || v <= 0 || v > max) {
		fprintf(stderr, "%s: %s: not a number from 1 to %ld\n", prog, s, max);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	int rounds = 7, opt;
	double min_ns = 20e6;
	const char *prefix = "-";

	while ((opt = getopt(argc, argv, "r:m:t:p:")) != -1) {
		switch (opt) {
		case 'r':
			rounds = number(argv[0], optarg, MAX_ROUNDS);
			break;
		case 'm':
			min_ns = number(argv[0], optarg, 10000) * 1e6;
			break;
		case 't':
			threads = number(argv[0], optarg, MAX_THREADS);
			break;
		case 'p':
			prefix = optarg;
			break;
		default:
			usage(argv[0]);
		}
	}
	if (optind >= argc)
		usage(argv[0]);
	pick_clock();
	if (clock_id == CLOCK_MONOTONIC)
		fprintf(stderr, "check-cost: CPU time is counted in ticks here: timing wall-clock time\n");

	for (int a = optind; a < argc; a++) {
		char *label = argv[a], *eq = strchr(label, '='), *colon;
		double ratio[MAX_ROUNDS];
		method_fn fn = NULL;
		long n_ppid, n_fn;
		int err;

		colon = eq ? strchr(eq, ':') : NULL;
		if (!eq || !colon) {
			fprintf(stderr, "%s: %s: not LABEL=METHOD:PATH\n", argv[0], label);
			return 2;
		}
		*eq = *colon = '\0';
		for (size_t m = 0; m < sizeof(methods) / sizeof(methods[0]); m++)
			if (!strcmp(methods[m].name, eq + 1))
				fn = methods[m].fn;
		if (!fn) {
			fprintf(stderr, "%s: %s: no such method\n", argv[0], eq + 1);
			return 2;
		}
		for (int i = 0; i < threads; i++) {
			fds[i] = open(colon + 1, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
			if (fds[i] < 0) {
				fprintf(stderr, "%s: %s: %s\n", argv[0], colon + 1,
					strerror(errno));
				return 2;
			}
		}
		err = fn(fds[0], colon + 1);
		n_ppid = calibrate(do_getppid, colon + 1, min_ns / CHUNKS);
		n_fn = calibrate(fn, colon + 1, min_ns / CHUNKS);
		for (int r = 0; r < rounds; r++) {
			double base = 0, t = 0;

			for (int c = 0; c < CHUNKS; c++) {
				double b = steady(do_getppid, colon + 1, &n_ppid);
				double x = steady(fn, colon + 1, &n_fn);

				if (!c || b < base)
					base = b;
				if (!c || x < t)
					t = x;
			}
			ratio[r] = t / base;
		}
		qsort(ratio, rounds, sizeof(ratio[0]), cmp_double);
		printf("%s\t%s\t%.3f\t%.3f\t%.3f\t%s\n", prefix, label, ratio[0],
		       rounds % 2 ? ratio[rounds / 2] :
		       (ratio[rounds / 2 - 1] + ratio[rounds / 2]) / 2,
		       ratio[rounds - 1], answer(err));
		fflush(stdout);
		for (int i = 0; i < threads; i++)
			close(fds[i]);
	}
	return 0;
}
