// SPDX-License-Identifier: GPL-2.0
/*
 * Stress the two checks of the series against file descriptors that
 * change under them: trusted_for(2) and execveat(fd, "", ..., AT_EMPTY_PATH
 * | AT_EXECVE_CHECK), each called by its own threads on a set of fixed
 * descriptor numbers (slots), while other threads close the slots, dup2
 * one slot over another, reopen them on another object, flip
 * fs.trust_policy through 0..3 and chmod the files.  Meant for the debug
 * kernel (KASAN, lockdep, UBSAN): the kernel's detectors catch what goes
 * wrong inside; this program catches wrong answers and hangs.
 *
 *   stress -d DIR [-c CHECKS] [-w SECONDS]
 *
 * DIR holds DIR/x, a tmpfs mounted exec, and DIR/nx, a tmpfs mounted
 * noexec (tests/lib/fixture.sh mount DIR); the program makes its files
 * there.  CHECKS (default 1000000) is the number of checks of both calls
 * together; SECONDS (default 60) is how long the checks may make no
 * progress before the run is declared hung.  Needs root, and a kernel with
 * trusted_for(2) and AT_EXECVE_CHECK (/proc/sys/fs/trust_policy): skips
 * otherwise.  Restores fs.trust_policy when done.
 *
 * Every answer is checked.  A slot's object, the policy and the modes are
 * each published with a generation counter (odd while a thread changes
 * them, as a seqlock): when none of those an answer depends on changed
 * during the call, the answer must be exactly the one SPEC.md predicts
 * ("unraced"); otherwise it must be one of the answers any of the states
 * the call could have seen gives ("raced"):
 *
 *   trusted_for:                 0, EACCES, EBADF (closed slot, O_PATH)
 *   execveat(AT_EXECVE_CHECK):   0, EACCES, EBADF, ETXTBSY (a file open
 *                                for writing: the writer file)
 *
 * Anything else, a crash or a hang fails.  Prints TAP, with the count of
 * each answer per call and the checks per second as diagnostics.
 *
 * Exit codes: 0 every test passed, 1 a test failed, 2 usage or setup
 * error, 77 skipped (not root, or a kernel without the series).
 */

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* The guest is x86_64: trusted_for(2) is 463 there (lib/backend.c). */
#if defined(__NR_trusted_for)
#define NR_TRUSTED_FOR __NR_trusted_for
#elif defined(__x86_64__) && !defined(__ILP32__)
#define NR_TRUSTED_FOR 463
#else
#error "stress.c: trusted_for(2) number unknown for this architecture"
#endif
#define TRUSTED_FOR_EXECUTION 1
#ifndef AT_EXECVE_CHECK
#define AT_EXECVE_CHECK 0x10000
#endif

#define POLICY_PATH "/proc/sys/fs/trust_policy"
#define POLICY_MOUNT 1
#define POLICY_FILE 2

/* The files whose mode the chmod thread flips. */
enum inode_id {
	INO_EXEC,	/* DIR/x/run: exec mount, never open for writing */
	INO_WRITER,	/* DIR/x/writer: exec mount, kept open for writing */
	INO_NOEXEC,	/* DIR/nx/run: noexec mount */
	INO_MEMFD,	/* a memfd, its creating descriptor kept (read-write) */
	INO_COUNT,
};

/* What a slot can hold. */
enum kind {
	K_CLOSED,
	K_EXEC,		/* INO_EXEC, O_RDONLY */
	K_WRITER,	/* INO_WRITER, O_RDONLY (another descriptor writes) */
	K_NOEXEC,	/* INO_NOEXEC, O_RDONLY */
	K_MEMFD,	/* INO_MEMFD, reopened read-only through /proc */
	K_OPATH,	/* INO_EXEC, O_PATH */
	K_FIFO,		/* a FIFO, O_RDONLY | O_NONBLOCK */
	K_DIR,		/* a directory */
	K_COUNT,
};

static const char *const kind_names[K_COUNT] = {
	"closed", "exec file", "file open for writing", "noexec file",
	"memfd", "O_PATH file", "FIFO", "directory",
};

static const int kind_inode[K_COUNT] = {
	[K_CLOSED] = -1, [K_EXEC] = INO_EXEC, [K_WRITER] = INO_WRITER,
	[K_NOEXEC] = INO_NOEXEC, [K_MEMFD] = INO_MEMFD, [K_OPATH] = INO_EXEC,
	[K_FIFO] = -1, [K_DIR] = -1,
};

static const mode_t modes[] = { 0700, 0600, 0500, 0400, 0100, 0000 };

#define NSLOTS 16
#define SLOT_BASE 64	/* slot i is descriptor SLOT_BASE + i */

enum call { C_TRUSTED_FOR, C_EXECVE_CHECK, C_COUNT };
static const char *const call_names[C_COUNT] = {
	"trusted_for", "execveat(AT_EXECVE_CHECK)",
};

/* The answers counted: 0 and the errnos of the allowed sets, then others. */
enum answer { A_OK, A_EACCES, A_EBADF, A_ETXTBSY, A_OTHER, A_COUNT };
static const char *const answer_names[A_COUNT] = {
	"0", "EACCES", "EBADF", "ETXTBSY", "other",
};
static const unsigned int allowed[C_COUNT] = {
	[C_TRUSTED_FOR] = 1u << A_OK | 1u << A_EACCES | 1u << A_EBADF,
	[C_EXECVE_CHECK] = 1u << A_OK | 1u << A_EACCES | 1u << A_EBADF |
			   1u << A_ETXTBSY,
};

struct slot {
	pthread_mutex_t lock;		/* serializes the threads that change it */
	atomic_uint gen;		/* odd while it changes */
	atomic_int kind;
};

static struct slot slots[NSLOTS];
static atomic_uint policy_gen;
static atomic_int policy;
static atomic_uint mode_gen[INO_COUNT];
static atomic_uint mode_of[INO_COUNT];

static atomic_bool stop;		/* the mutators stop */
static atomic_uint_fast64_t checks_done;
static uint64_t checks_wanted = 1000000;
/* Each call makes half of the checks: tickets taken, checks done. */
static atomic_uint_fast64_t tickets[2];
static uint64_t quota[2];

static atomic_uint_fast64_t answers[C_COUNT][A_COUNT];
static atomic_uint_fast64_t unraced[C_COUNT][K_COUNT];
static atomic_uint_fast64_t raced[C_COUNT];
static atomic_uint_fast64_t wrong[C_COUNT];	/* unraced, not the prediction */
static atomic_uint_fast64_t disallowed[C_COUNT];	/* outside the set */
static atomic_uint_fast64_t mutator_errors;
static atomic_uint_fast64_t mutations[5];
static const char *const mutation_names[5] = {
	"close", "dup2", "reopen", "policy write", "chmod",
};
static atomic_int reports;	/* failures printed so far, capped */

static char path_exec[4096], path_writer[4096], path_noexec[4096];
static char path_fifo[4096], path_dir[4096], path_memfd[64];
static int memfd = -1, writer_fd = -1, policy_fd = -1;

/* One diagnostic line, whole even when threads report at once. */
static void report(const char *fmt, ...)
{
	char line[512];
	va_list ap;

	if (atomic_fetch_add(&reports, 1) >= 20)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	flockfile(stdout);
	printf("# %s\n", line);
	fflush(stdout);
	funlockfile(stdout);
}

static enum answer answer_of(long ret, int err)
{
	if (ret == 0)
		return A_OK;
	switch (err) {
	case EACCES:
		return A_EACCES;
	case EBADF:
		return A_EBADF;
	case ETXTBSY:
		return A_ETXTBSY;
	default:
		return A_OTHER;
	}
}

/* SPEC.md section 3, for root: the one answer of trusted_for(2). */
static enum answer predict_trusted_for(enum kind k, int pol, mode_t mode)
{
	switch (k) {
	case K_CLOSED:
	case K_OPATH:
		return A_EBADF;
	case K_FIFO:
	case K_DIR:
	case K_MEMFD:
		return pol ? A_EACCES : A_OK;
	case K_NOEXEC:
		if (pol & POLICY_MOUNT)
			return A_EACCES;
		break;
	default:
		break;
	}
	if ((pol & POLICY_FILE) && !(mode & 0111))
		return A_EACCES;
	return A_OK;
}

/*
 * Documentation/userspace-api/check_exec.rst, for root: what a real
 * execveat(2) would get from the kernel's checks, in their order.
 */
static enum answer predict_execve_check(enum kind k, mode_t mode)
{
	switch (k) {
	case K_CLOSED:
		return A_EBADF;
	case K_FIFO:
	case K_DIR:
	case K_NOEXEC:
		return A_EACCES;
	default:
		break;
	}
	if (!(mode & 0111))
		return A_EACCES;
	/*
	 * The memfd's own read-write descriptor does not count as a writer:
	 * files of the kernel's internal mounts take no write access.
	 */
	if (k == K_WRITER)
		return A_ETXTBSY;
	return A_OK;
}

static char *const empty_argv[] = { "stress-check", NULL };
static char *const empty_envp[] = { NULL };

static long do_call(enum call c, int fd)
{
	if (c == C_TRUSTED_FOR)
		return syscall(NR_TRUSTED_FOR, fd, TRUSTED_FOR_EXECUTION, 0);
	return syscall(SYS_execveat, fd, "", empty_argv, empty_envp,
		       AT_EMPTY_PATH | AT_EXECVE_CHECK);
}

/* A tiny per-thread generator: no shared state, no locks. */
static unsigned int next_rand(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return (unsigned int)(*s >> 16);
}

static void *checker(void *arg)
{
	enum call c = (enum call)(intptr_t)arg;
	uint64_t seed = 0x9e3779b97f4a7c15ull ^ ((uint64_t)c << 32) ^
			(uint64_t)pthread_self();

	while (atomic_fetch_add(&tickets[c], 1) < quota[c]) {
		unsigned int i = next_rand(&seed) % NSLOTS;
		struct slot *s = &slots[i];
		unsigned int g1, g2, p1 = 0, p2 = 0, m1 = 0, m2 = 0;
		int k, pol = 0, ino, err;
		mode_t mode = 0;
		enum answer got, want;
		long ret;

		g1 = atomic_load(&s->gen);
		k = atomic_load(&s->kind);
		if (c == C_TRUSTED_FOR) {
			p1 = atomic_load(&policy_gen);
			pol = atomic_load(&policy);
		}
		ino = kind_inode[k];
		if (ino >= 0) {
			m1 = atomic_load(&mode_gen[ino]);
			mode = atomic_load(&mode_of[ino]);
		}

		errno = 0;
		ret = do_call(c, SLOT_BASE + (int)i);
		err = errno;

		g2 = atomic_load(&s->gen);
		if (c == C_TRUSTED_FOR)
			p2 = atomic_load(&policy_gen);
		if (ino >= 0)
			m2 = atomic_load(&mode_gen[ino]);

		got = answer_of(ret, err);
		atomic_fetch_add(&answers[c][got], 1);
		if (!(allowed[c] & (1u << got))) {
			atomic_fetch_add(&disallowed[c], 1);
			report("%s(fd %d, a %s): %s (errno %d), not an allowed answer",
			       call_names[c], SLOT_BASE + (int)i, kind_names[k],
			       ret ? strerror(err) : "0", err);
		} else if (g1 == g2 && !(g1 & 1) && p1 == p2 && !(p1 & 1) &&
			   m1 == m2 && !(m1 & 1)) {
			atomic_fetch_add(&unraced[c][k], 1);
			want = c == C_TRUSTED_FOR ?
				predict_trusted_for(k, pol, mode) :
				predict_execve_check(k, mode);
			if (got != want) {
				atomic_fetch_add(&wrong[c], 1);
				report("%s(fd %d, a %s, policy %d, mode %04o): %s, expected %s",
				       call_names[c], SLOT_BASE + (int)i,
				       kind_names[k], pol, (unsigned int)mode,
				       answer_names[got], answer_names[want]);
			}
		} else {
			atomic_fetch_add(&raced[c], 1);
		}
		atomic_fetch_add(&checks_done, 1);
	}
	return NULL;
}

static void mutator_error(const char *what, int err)
{
	atomic_fetch_add(&mutator_errors, 1);
	report("%s: %s", what, strerror(err));
}

/* Start and end a change of a slot: the seqlock's writer side. */
static void slot_begin(struct slot *s)
{
	atomic_fetch_add(&s->gen, 1);
}

static void slot_end(struct slot *s, enum kind k)
{
	atomic_store(&s->kind, k);
	atomic_fetch_add(&s->gen, 1);
}

/* Open a new descriptor on object K (not K_CLOSED); -1 with errno. */
static int open_kind(enum kind k)
{
	switch (k) {
	case K_EXEC:
		return open(path_exec, O_RDONLY | O_CLOEXEC);
	case K_WRITER:
		return open(path_writer, O_RDONLY | O_CLOEXEC);
	case K_NOEXEC:
		return open(path_noexec, O_RDONLY | O_CLOEXEC);
	case K_MEMFD:
		return open(path_memfd, O_RDONLY | O_CLOEXEC);
	case K_OPATH:
		return open(path_exec, O_PATH | O_CLOEXEC);
	case K_FIFO:
		return open(path_fifo, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	case K_DIR:
		return open(path_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	default:
		errno = EINVAL;
		return -1;
	}
}

/* Put a new descriptor on object K in slot I, with dup3 over it. */
static int reopen_slot(unsigned int i, enum kind k)
{
	struct slot *s = &slots[i];
	int fd = open_kind(k), ret = 0, err = 0, was;

	if (fd < 0)
		return -1;
	pthread_mutex_lock(&s->lock);
	was = atomic_load(&s->kind);
	slot_begin(s);
	if (dup3(fd, SLOT_BASE + (int)i, O_CLOEXEC) < 0) {
		/* A failed dup3 leaves the slot as it was. */
		ret = -1;
		err = errno;
		slot_end(s, was);
	} else {
		slot_end(s, k);
	}
	pthread_mutex_unlock(&s->lock);
	close(fd);
	errno = err;
	return ret;
}

/*
 * Let the checkers run between two changes: the mutators get about as much
 * CPU as one checker, so that many checks race a change and many do not.
 */
static void pause_a_little(uint64_t *seed)
{
	unsigned int n = next_rand(seed) % 4;

	while (n--)
		sched_yield();
}

static void *closer(void *arg)
{
	uint64_t seed = 0x1234567ull + (uintptr_t)arg;

	while (!atomic_load(&stop)) {
		unsigned int i = next_rand(&seed) % NSLOTS;
		struct slot *s = &slots[i];
		int was, ret;

		pthread_mutex_lock(&s->lock);
		was = atomic_load(&s->kind);
		slot_begin(s);
		ret = close(SLOT_BASE + (int)i);
		/* Closing a closed slot gives EBADF; anything else is wrong. */
		if (ret < 0 && !(errno == EBADF && was == K_CLOSED))
			mutator_error("close", errno);
		slot_end(s, K_CLOSED);
		pthread_mutex_unlock(&s->lock);
		atomic_fetch_add(&mutations[0], 1);
		pause_a_little(&seed);
	}
	return NULL;
}

static void *duper(void *arg)
{
	uint64_t seed = 0x7654321ull + (uintptr_t)arg;

	while (!atomic_load(&stop)) {
		unsigned int a = next_rand(&seed) % NSLOTS;
		unsigned int b = next_rand(&seed) % NSLOTS;
		struct slot *from = &slots[a], *to = &slots[b];
		int k, ret;

		if (a == b)
			continue;
		/* Both locks, the lower slot first. */
		pthread_mutex_lock(&slots[a < b ? a : b].lock);
		pthread_mutex_lock(&slots[a < b ? b : a].lock);
		k = atomic_load(&from->kind);
		if (k == K_CLOSED) {
			/* The old descriptor is closed: EBADF, nothing moves. */
			ret = dup2(SLOT_BASE + (int)a, SLOT_BASE + (int)b);
			if (ret >= 0 || errno != EBADF)
				mutator_error("dup2 from a closed slot",
					      ret >= 0 ? 0 : errno);
		} else {
			slot_begin(to);
			ret = dup2(SLOT_BASE + (int)a, SLOT_BASE + (int)b);
			if (ret < 0) {
				mutator_error("dup2", errno);
				slot_end(to, K_CLOSED);
			} else {
				slot_end(to, k);
			}
		}
		pthread_mutex_unlock(&slots[a < b ? b : a].lock);
		pthread_mutex_unlock(&slots[a < b ? a : b].lock);
		atomic_fetch_add(&mutations[1], 1);
		pause_a_little(&seed);
	}
	return NULL;
}

static void *reopener(void *arg)
{
	uint64_t seed = 0xabcdefull + (uintptr_t)arg;

	while (!atomic_load(&stop)) {
		unsigned int i = next_rand(&seed) % NSLOTS;
		enum kind k = 1 + next_rand(&seed) % (K_COUNT - 1);

		if (reopen_slot(i, k) < 0)
			mutator_error(kind_names[k], errno);
		atomic_fetch_add(&mutations[2], 1);
		pause_a_little(&seed);
	}
	return NULL;
}

static int write_policy(int value)
{
	char buf[4];
	int len = snprintf(buf, sizeof(buf), "%d\n", value);

	return pwrite(policy_fd, buf, (size_t)len, 0) == len ? 0 : -1;
}

static void *policy_flipper(void *arg)
{
	uint64_t seed = 0x5555ull + (uintptr_t)arg;

	while (!atomic_load(&stop)) {
		int value = (int)(next_rand(&seed) % 4);

		atomic_fetch_add(&policy_gen, 1);
		if (write_policy(value) < 0)
			mutator_error("write " POLICY_PATH, errno);
		atomic_store(&policy, value);
		atomic_fetch_add(&policy_gen, 1);
		atomic_fetch_add(&mutations[3], 1);
		pause_a_little(&seed);
		pause_a_little(&seed);
	}
	return NULL;
}

static int chmod_inode(int ino, mode_t mode)
{
	switch (ino) {
	case INO_EXEC:
		return chmod(path_exec, mode);
	case INO_WRITER:
		return chmod(path_writer, mode);
	case INO_NOEXEC:
		return chmod(path_noexec, mode);
	default:
		return fchmod(memfd, mode);
	}
}

static void *chmodder(void *arg)
{
	uint64_t seed = 0x3333ull + (uintptr_t)arg;

	while (!atomic_load(&stop)) {
		int ino = (int)(next_rand(&seed) % INO_COUNT);
		mode_t mode = modes[next_rand(&seed) %
				    (sizeof(modes) / sizeof(modes[0]))];

		atomic_fetch_add(&mode_gen[ino], 1);
		if (chmod_inode(ino, mode) < 0)
			mutator_error("chmod", errno);
		atomic_store(&mode_of[ino], mode);
		atomic_fetch_add(&mode_gen[ino], 1);
		atomic_fetch_add(&mutations[4], 1);
		pause_a_little(&seed);
	}
	return NULL;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* What the files hold: never run, only checked. */
static const char code[] = "#!/bin/sh\necho stress\n";

static int make_file(const char *path, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

	if (fd < 0 || write(fd, code, sizeof(code) - 1) != sizeof(code) - 1 ||
	    close(fd) < 0 || chmod(path, mode) < 0) {
		fprintf(stderr, "stress: %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

static int setup(const char *dir)
{
	unsigned int i;

	snprintf(path_exec, sizeof(path_exec), "%s/x/stress-run", dir);
	snprintf(path_writer, sizeof(path_writer), "%s/x/stress-writer", dir);
	snprintf(path_noexec, sizeof(path_noexec), "%s/nx/stress-run", dir);
	snprintf(path_fifo, sizeof(path_fifo), "%s/x/stress-fifo", dir);
	snprintf(path_dir, sizeof(path_dir), "%s/x/stress-dir", dir);

	if (make_file(path_exec, 0500) || make_file(path_writer, 0500) ||
	    make_file(path_noexec, 0500))
		return -1;
	unlink(path_fifo);
	rmdir(path_dir);
	if (mkfifo(path_fifo, 0600) < 0 || mkdir(path_dir, 0700) < 0) {
		fprintf(stderr, "stress: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	/* The writer file stays open for writing: checks get ETXTBSY. */
	writer_fd = open(path_writer, O_WRONLY | O_APPEND | O_CLOEXEC);
	memfd = (int)syscall(SYS_memfd_create, "stress", 1u /* CLOEXEC */);
	if (writer_fd < 0 || memfd < 0 ||
	    write(memfd, code, sizeof(code) - 1) != sizeof(code) - 1 ||
	    fchmod(memfd, 0500) < 0) {
		fprintf(stderr, "stress: writer file or memfd: %s\n",
			strerror(errno));
		return -1;
	}
	snprintf(path_memfd, sizeof(path_memfd), "/proc/self/fd/%d", memfd);
	for (i = 0; i < INO_COUNT; i++)
		atomic_store(&mode_of[i], 0500);

	for (i = 0; i < NSLOTS; i++) {
		pthread_mutex_init(&slots[i].lock, NULL);
		atomic_store(&slots[i].kind, K_CLOSED);
		if (reopen_slot(i, 1 + i % (K_COUNT - 1)) < 0) {
			fprintf(stderr, "stress: open %s: %s\n",
				kind_names[1 + i % (K_COUNT - 1)],
				strerror(errno));
			return -1;
		}
	}
	return 0;
}

/*
 * Start a thread.  The debug guest sometimes answers EAGAIN at first (seen
 * under KASAN on a loaded host): retry for a second, and say so.
 */
static int start_thread(pthread_t *t, void *(*fn)(void *), void *arg)
{
	const struct timespec wait = { 0, 20 * 1000 * 1000 };
	int err, tries = 0;

	while ((err = pthread_create(t, NULL, fn, arg)) == EAGAIN && ++tries < 50)
		nanosleep(&wait, NULL);
	if (tries)
		printf("# pthread_create: EAGAIN %d times%s\n", tries,
		       err ? ", giving up" : " before it worked");
	if (err)
		fprintf(stderr, "stress: pthread_create: %s\n", strerror(err));
	return err;
}

static void usage(void)
{
	fprintf(stderr, "usage: stress -d DIR [-c CHECKS] [-w SECONDS]\n");
	exit(2);
}

static uint64_t parse_number(const char *s, const char *what)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *s == '\0' || *end != '\0' || v == 0) {
		fprintf(stderr, "stress: %s: '%s' is not a positive number\n",
			what, s);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	void *(*const mutators[])(void *) = {
		closer, duper, reopener, policy_flipper, chmodder,
	};
	enum { NCHECKERS = 2 };
	pthread_t threads[2 * NCHECKERS + 5];
	unsigned int nthreads = 0, i, c, k, a;
	const char *dir = NULL;
	double hang_after = 60, t0, t1, last_progress;
	uint64_t last_done = 0, total_unraced, total_raced;
	int opt, old_policy = 0, failed = 0, hung = 0, test = 0, kinds_missing;
	char buf[16] = "";
	ssize_t len;
	int fd;

	while ((opt = getopt(argc, argv, "d:c:w:")) != -1) {
		switch (opt) {
		case 'd':
			dir = optarg;
			break;
		case 'c':
			checks_wanted = parse_number(optarg, "-c CHECKS");
			break;
		case 'w':
			hang_after = (double)parse_number(optarg, "-w SECONDS");
			break;
		default:
			usage();
		}
	}
	if (!dir || optind != argc)
		usage();

	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("TAP version 13\n");
	if (geteuid() != 0) {
		printf("1..0 # SKIP needs root (fs.trust_policy, chmod)\n");
		return 77;
	}
	/* Only call 463 where the kernel has the series: see SPEC.md 2. */
	fd = open(POLICY_PATH, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		printf("1..0 # SKIP %s: %s: not a kernel with trusted_for(2)\n",
		       POLICY_PATH, strerror(errno));
		return 77;
	}
	len = read(fd, buf, sizeof(buf) - 1);
	if (len > 0)
		old_policy = atoi(buf);
	policy_fd = fd;
	if (syscall(SYS_execveat, -1, "", empty_argv, empty_envp,
		    AT_EMPTY_PATH | AT_EXECVE_CHECK) == 0 || errno != EBADF) {
		printf("1..0 # SKIP this kernel lacks AT_EXECVE_CHECK\n");
		return 77;
	}
	if (setup(dir) < 0)
		return 2;
	if (write_policy(0) < 0) {
		fprintf(stderr, "stress: write %s: %s\n", POLICY_PATH,
			strerror(errno));
		return 2;
	}
	printf("1..6\n");
	printf("# %" PRIu64 " checks on %d slots, %d threads per call, 5 mutators\n",
	       checks_wanted, NSLOTS, NCHECKERS);

	quota[C_TRUSTED_FOR] = checks_wanted / 2;
	quota[C_EXECVE_CHECK] = checks_wanted - checks_wanted / 2;
	t0 = now();
	for (c = 0; c < C_COUNT; c++)
		for (i = 0; i < NCHECKERS; i++)
			if (start_thread(&threads[nthreads++], checker,
					 (void *)(intptr_t)c))
				return 2;
	for (i = 0; i < sizeof(mutators) / sizeof(mutators[0]); i++)
		if (start_thread(&threads[nthreads++], mutators[i],
				 (void *)(uintptr_t)i))
			return 2;

	/* The watchdog: progress every second, or the run hangs. */
	last_progress = t0;
	while (atomic_load(&checks_done) < checks_wanted) {
		const struct timespec tick = { 0, 20 * 1000 * 1000 };
		uint64_t done;

		nanosleep(&tick, NULL);
		done = atomic_load(&checks_done);
		if (done != last_done) {
			last_done = done;
			last_progress = now();
		} else if (now() - last_progress > hang_after) {
			hung = 1;
			break;
		}
	}
	atomic_store(&stop, true);
	t1 = now();
	/* Every thread ends soon after the stop, or it hangs in the kernel. */
	for (i = 0; i < nthreads && !hung; i++) {
		struct timespec deadline;

		clock_gettime(CLOCK_REALTIME, &deadline);
		deadline.tv_sec += (time_t)hang_after;
		if (pthread_timedjoin_np(threads[i], NULL, &deadline))
			hung = 2;
	}
	if (hung) {
		/* Threads stuck in the kernel cannot be joined: say so, leave. */
		if (hung == 1)
			printf("not ok 1 - the checks made progress (none for %.0f s after %" PRIu64 " checks: a hang)\n",
			       hang_after, last_done);
		else
			printf("not ok 1 - the threads ended after the last check (one did not in %.0f s: a hang)\n",
			       hang_after);
		write_policy(old_policy);
		_exit(1);
	}

	printf("ok %d - the checks made progress (%" PRIu64 " checks in %.1f s, %.0f checks/s)\n",
	       ++test, atomic_load(&checks_done), t1 - t0,
	       (double)atomic_load(&checks_done) / (t1 - t0));

	total_unraced = total_raced = 0;
	for (c = 0; c < C_COUNT; c++) {
		uint64_t n = 0, u = 0;

		printf("# %s:", call_names[c]);
		for (a = 0; a < A_COUNT; a++) {
			n += atomic_load(&answers[c][a]);
			printf(" %s %" PRIu64, answer_names[a],
			       atomic_load(&answers[c][a]));
		}
		for (k = 0; k < K_COUNT; k++)
			u += atomic_load(&unraced[c][k]);
		printf("; %" PRIu64 " checks, %" PRIu64 " unraced, %" PRIu64 " raced\n",
		       n, u, atomic_load(&raced[c]));
		total_unraced += u;
		total_raced += atomic_load(&raced[c]);
	}
	printf("# mutations:");
	for (i = 0; i < 5; i++)
		printf(" %s %" PRIu64, mutation_names[i],
		       atomic_load(&mutations[i]));
	printf("\n");

	for (c = 0; c < C_COUNT; c++) {
		uint64_t bad = atomic_load(&disallowed[c]);

		printf("%s %d - every answer of %s is in its allowed set%s\n",
		       bad ? "not ok" : "ok", ++test, call_names[c],
		       c == C_TRUSTED_FOR ? " (0, EACCES, EBADF)" :
		       " (0, EACCES, EBADF, ETXTBSY)");
		if (bad) {
			printf("#   %" PRIu64 " answers outside it\n", bad);
			failed = 1;
		}
	}
	{
		uint64_t bad = atomic_load(&wrong[0]) + atomic_load(&wrong[1]);

		printf("%s %d - every unraced answer is the predicted one (%" PRIu64 " unraced, %" PRIu64 " raced)\n",
		       bad ? "not ok" : "ok", ++test, total_unraced,
		       total_raced);
		if (bad) {
			printf("#   %" PRIu64 " wrong answers\n", bad);
			failed = 1;
		}
	}
	/* A prediction that never runs cannot fail: each object was seen. */
	kinds_missing = 0;
	for (c = 0; c < C_COUNT; c++)
		for (k = 0; k < K_COUNT; k++)
			if (!atomic_load(&unraced[c][k])) {
				printf("#   %s never answered unraced on a %s\n",
				       call_names[c], kind_names[k]);
				kinds_missing = 1;
			}
	printf("%s %d - each call answered unraced on every kind of object\n",
	       kinds_missing ? "not ok" : "ok", ++test);
	failed |= kinds_missing;

	if (write_policy(old_policy) < 0)
		mutator_error("restore " POLICY_PATH, errno);
	{
		uint64_t bad = atomic_load(&mutator_errors);

		printf("%s %d - the mutators met no unexpected error, fs.trust_policy restored to %d\n",
		       bad ? "not ok" : "ok", ++test, old_policy);
		failed |= bad != 0;
	}
	return failed ? 1 : 0;
}
