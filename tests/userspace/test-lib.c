// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Tests of libtrustedfor against the decision table of libtrustedfor(3)
 * (tests/lib/decisions.tsv, its path in $TF_DECISIONS), on whatever backends
 * the running kernel offers:
 *   - AT_EXECVE_CHECK (mainline 6.14+): each exec securebits setting, set in
 *     a child process;
 *   - trusted_for(2) (this project's 6.12 series): each fs.trust_policy
 *     value, written through the library (the original value is restored).
 * For each: files on an exec and a noexec tmpfs with modes 0500 and 0400
 * (named x, xr, nx, nxr as in the table and tests/lib/fixture.sh),
 * non-regular files, memfd, procfs; origins file, stdin and inline.
 * Needs root (tmpfs mounts, securebits, sysctl); the matrix is skipped
 * otherwise.  Output is TAP.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"
#include "trusted-for.h"

#define TFB TF_BACKEND_TRUSTED_FOR
#define XCB TF_BACKEND_EXECVE_CHECK
#define RF TF_SECBIT_EXEC_RESTRICT_FILE
#define DI TF_SECBIT_EXEC_DENY_INTERACTIVE

enum kind { REG, NONREG, MEMFD, PROCFS };

struct object {
	const char *name;
	const char *row;	/* its row in the decision table */
	enum kind kind;
	int noexec;	/* REG: on the noexec mount */
	int mode;	/* REG: 0500 or 0400 */
	int fd;
};

static char tmpdir[] = "/tmp/tf-test-lib.XXXXXX";
static char xdir[64], nxdir[64];
static int mounted;

static void cleanup(void)
{
	if (mounted) {
		umount2(xdir, MNT_DETACH);
		umount2(nxdir, MNT_DETACH);
		rmdir(xdir);
		rmdir(nxdir);
		rmdir(tmpdir);
	}
}

/*
 * The decision table, tests/lib/decisions.tsv (its path in $TF_DECISIONS):
 * one row per origin and object, one column per setting, 'A' or 'D'.
 */
#define MAX_ROWS 32
static const char *const columns[] = { "tf0", "tf1", "tf2", "tf3", "none", "rf", "di", "both" };
#define NCOLUMNS (sizeof(columns) / sizeof(columns[0]))

static struct row {
	char origin[16], object[16], verdict[NCOLUMNS];
} rows[MAX_ROWS];
static size_t nrows;

static void load_decisions(void)
{
	const char *path = getenv("TF_DECISIONS");
	char line[256];
	FILE *f;

	if (!path)
		tap_bail("TF_DECISIONS is not set: the path of tests/lib/decisions.tsv");
	f = fopen(path, "re");
	if (!f)
		tap_bail("%s: %s", path, strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		struct row *r = &rows[nrows];
		char v[NCOLUMNS][4];

		if (line[0] == '#' || line[strspn(line, " \t\n")] == '\0')
			continue;
		if (sscanf(line, "%15s %15s %3s %3s %3s %3s %3s %3s %3s %3s", r->origin,
			   r->object, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]) != 10 ||
		    nrows + 1 == MAX_ROWS)
			tap_bail("%s: bad row or too many rows: %s", path, line);
		if (!strcmp(r->origin, "origin"))
			continue;
		for (size_t c = 0; c < NCOLUMNS; c++) {
			if (strcmp(v[c], "A") && strcmp(v[c], "D"))
				tap_bail("%s: neither A nor D: %s", path, line);
			r->verdict[c] = v[c][0];
		}
		nrows++;
	}
	fclose(f);
}

static int column(const char *name)
{
	for (size_t c = 0; c < NCOLUMNS; c++)
		if (!strcmp(columns[c], name))
			return (int)c;
	tap_bail("no column %s in the decision table", name);
}

/*
 * 1 if the library must refuse @row (an object) read as @origin: on a
 * kernel with both interfaces, where either column denies.
 */
static int expect_deny(const char *row, int origin, unsigned int be,
		       int policy, unsigned int secbits)
{
	static const char *const sb_columns[] = { "none", "rf", "di", "both" };
	const char *o = tf_origin_string(origin);
	char tf[16];
	int deny = 0;

	if (!nrows)
		load_decisions();
	snprintf(tf, sizeof(tf), "tf%d", policy);
	for (size_t i = 0; i < nrows; i++) {
		if (strcmp(rows[i].origin, o) || strcmp(rows[i].object, row))
			continue;
		if (be & TFB)
			deny |= rows[i].verdict[column(tf)] == 'D';
		if (be & XCB)
			deny |= rows[i].verdict[column(sb_columns[(secbits & RF ? 1 : 0) |
								   (secbits & DI ? 2 : 0)])] == 'D';
		return deny;
	}
	tap_bail("no row %s %s in the decision table", o, row);
}

static unsigned int expect_reasons(const struct object *o)
{
	if (!o)
		return TF_REASON_INTERACTIVE;
	switch (o->kind) {
	case NONREG:
		return TF_REASON_NOT_REGULAR;
	case MEMFD:
	case PROCFS:
		return TF_REASON_PSEUDO_FS;
	default:
		return (o->noexec ? TF_REASON_NOEXEC_MOUNT : 0) |
		       (o->mode == 0400 ? TF_REASON_NO_EXEC_PERM : 0);
	}
}

struct answer {
	int ret;
	struct tf_verdict v;
	int explained_ret;	/* the same check with TF_CHECK_EXPLAIN */
	struct tf_verdict explained;
	int setup_errno;
};

/* Check @o with @origin in a child that has @secbits set. */
static struct answer check_in_child(const struct object *o, int origin,
				    unsigned int secbits)
{
	struct answer a = { .ret = 1 };
	int p[2], status;
	pid_t pid;

	if (pipe2(p, O_CLOEXEC))
		tap_bail("pipe2: %s", strerror(errno));
	pid = fork();
	if (pid < 0)
		tap_bail("fork: %s", strerror(errno));
	if (pid == 0) {
		int fd = o ? o->fd : -1;

		close(p[0]);
		if (secbits) {
			int ret = tf_securebits_set(secbits);

			if (ret)
				a.setup_errno = -ret;
		}
		if (!a.setup_errno && origin == TF_ORIGIN_STDIN) {
			if (dup2(fd, STDIN_FILENO) < 0)
				a.setup_errno = errno;
			fd = STDIN_FILENO;
		}
		if (!a.setup_errno) {
			a.ret = tf_check_fd(fd, origin, o ? o->name : "-c", TF_CHECK_QUIET, &a.v);
			a.explained_ret = tf_check_fd(fd, origin, o ? o->name : "-c",
						      TF_CHECK_QUIET | TF_CHECK_EXPLAIN,
						      &a.explained);
		}
		if (write(p[1], &a, sizeof(a)) != sizeof(a))
			_exit(1);
		_exit(0);
	}
	close(p[1]);
	if (read(p[0], &a, sizeof(a)) != sizeof(a))
		a.setup_errno = EPIPE;
	close(p[0]);
	waitpid(pid, &status, 0);
	return a;
}

static void check_row(const struct object *o, int origin, unsigned int be,
		      int policy, unsigned int secbits)
{
	int deny = expect_deny(o ? o->row : "-", origin, be, policy, secbits);
	struct answer a = check_in_child(o, origin, secbits);
	char cfg[96];

	snprintf(cfg, sizeof(cfg), "%s policy=%d secbits=%s%s%s", tf_backend_name(be),
		 policy, secbits & RF ? "RF" : "", secbits & DI ? "DI" : "",
		 secbits ? "" : "0");
	if (a.setup_errno) {
		tap_ok(0, "%s, origin %s, %s: setup failed: %s", o ? o->name : "inline",
		       tf_origin_string(origin), cfg, strerror(a.setup_errno));
		return;
	}
	if (!tap_ok(a.ret == (deny ? -EACCES : 0) && a.v.allowed == !deny &&
			    (!deny || (a.v.reasons & expect_reasons(o)) == expect_reasons(o)),
		    "%s, origin %s, %s: %s", o ? o->name : "inline",
		    tf_origin_string(origin), cfg, deny ? "refused" : "trusted"))
		tap_diag("got ret=%d allowed=%d denied_by=%#x reasons=%#x tf_errno=%d xc_errno=%d",
			 a.ret, a.v.allowed, a.v.denied_by, a.v.reasons,
			 a.v.trusted_for_errno, a.v.execve_check_errno);
	/*
	 * The decision never depends on TF_CHECK_EXPLAIN, and a verdict that
	 * does not allow is always the whole one.
	 */
	if (!tap_ok(a.explained_ret == a.ret && a.explained.allowed == a.v.allowed &&
			    a.explained.denied_by == a.v.denied_by &&
			    (a.v.allowed || !memcmp(&a.explained, &a.v, sizeof(a.v))),
		    "%s, origin %s, %s: the same with TF_CHECK_EXPLAIN",
		    o ? o->name : "inline", tf_origin_string(origin), cfg))
		tap_diag("explained: ret=%d allowed=%d denied_by=%#x reasons=%#x tf_errno=%d xc_errno=%d",
			 a.explained_ret, a.explained.allowed, a.explained.denied_by,
			 a.explained.reasons, a.explained.trusted_for_errno,
			 a.explained.execve_check_errno);
}

static void make_file(const char *dir, const char *name, mode_t mode, char *out, size_t size)
{
	int fd;

	snprintf(out, size, "%s/%s", dir, name);
	fd = open(out, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 || write(fd, "echo hello\n", 11) != 11 || close(fd) ||
	    chmod(out, mode))
		tap_bail("%s: %s", out, strerror(errno));
}

static int open_ro(const char *path)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);

	if (fd < 0)
		tap_bail("open %s: %s", path, strerror(errno));
	return fd;
}

static void test_matrix(void)
{
	static struct object objs[] = {
		{ "exec mount 0500", "x", REG, 0, 0500, -1 },
		{ "exec mount 0400", "xr", REG, 0, 0400, -1 },
		{ "noexec mount 0500", "nx", REG, 1, 0500, -1 },
		{ "noexec mount 0400", "nxr", REG, 1, 0400, -1 },
		{ "directory", "nonreg", NONREG, 0, 0, -1 },
		{ "FIFO", "nonreg", NONREG, 0, 0, -1 },
		{ "char device", "nonreg", NONREG, 0, 0, -1 },
		{ "socket", "nonreg", NONREG, 0, 0, -1 },
		{ "pipe", "nonreg", NONREG, 0, 0, -1 },
		{ "memfd", "memfd", MEMFD, 0, 0, -1 },
		{ "procfs file", "procfs", PROCFS, 0, 0, -1 },
	};
	const size_t nobjs = sizeof(objs) / sizeof(objs[0]);
	unsigned int be = tf_backends();
	char path[128];
	int sv[2], pp[2], orig_policy = -1;

	if (geteuid() != 0) {
		tap_skip("needs root (tmpfs mounts, securebits)", "decision matrix");
		return;
	}
	if (!mkdtemp(tmpdir))
		tap_bail("mkdtemp: %s", strerror(errno));
	chmod(tmpdir, 0755);
	snprintf(xdir, sizeof(xdir), "%s/x", tmpdir);
	snprintf(nxdir, sizeof(nxdir), "%s/nx", tmpdir);
	if (mkdir(xdir, 0755) || mkdir(nxdir, 0755))
		tap_bail("mkdir: %s", strerror(errno));
	if (mount("tf-exec", xdir, "tmpfs", MS_NOSUID, "mode=0755") ||
	    mount("tf-noexec", nxdir, "tmpfs", MS_NOSUID | MS_NOEXEC, "mode=0755"))
		tap_bail("mount tmpfs: %s", strerror(errno));
	mounted = 1;
	atexit(cleanup);

	make_file(xdir, "x", 0500, path, sizeof(path));
	objs[0].fd = open_ro(path);
	make_file(xdir, "xr", 0400, path, sizeof(path));
	objs[1].fd = open_ro(path);
	make_file(nxdir, "nx", 0500, path, sizeof(path));
	objs[2].fd = open_ro(path);
	make_file(nxdir, "nxr", 0400, path, sizeof(path));
	objs[3].fd = open_ro(path);
	objs[4].fd = open_ro(xdir);
	snprintf(path, sizeof(path), "%s/fifo", xdir);
	if (mkfifo(path, 0700))
		tap_bail("mkfifo: %s", strerror(errno));
	objs[5].fd = open_ro(path); /* O_NONBLOCK: does not wait for a writer */
	snprintf(path, sizeof(path), "%s/null", xdir);
	if (mknod(path, S_IFCHR | 0777, makedev(1, 3)))
		tap_bail("mknod: %s", strerror(errno));
	objs[6].fd = open_ro(path);
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) ||
	    pipe2(pp, O_CLOEXEC))
		tap_bail("socketpair/pipe: %s", strerror(errno));
	objs[7].fd = sv[0];
	objs[8].fd = pp[0];
	objs[9].fd = memfd_create("tf-test", MFD_CLOEXEC);
	if (objs[9].fd < 0 || write(objs[9].fd, "echo hi\n", 8) != 8)
		tap_bail("memfd_create: %s", strerror(errno));
	objs[10].fd = open_ro("/proc/self/status");

	if (be & TFB) {
		orig_policy = tf_policy_get();
		tap_ok(orig_policy >= 0 && orig_policy <= 3, "tf_policy_get() = %d", orig_policy);
	}
	for (int policy = 0; policy <= 3; policy++) {
		if (be & TFB) {
			int ret = tf_policy_set(policy);

			if (!tap_ok(ret == 0 && tf_policy_get() == policy,
				    "tf_policy_set(%d)", policy))
				continue;
		} else if (policy) {
			break; /* no system-wide policy: one pass */
		}
		for (size_t j = 0; j < 4; j++) {
			static const unsigned int sbs[] = { 0, RF, DI, RF | DI };
			unsigned int sb = sbs[j];

			if (sb && !(be & XCB))
				break; /* no exec securebits: only the unset row */
			for (size_t i = 0; i < nobjs; i++) {
				check_row(&objs[i], TF_ORIGIN_FILE, be, policy, sb);
				check_row(&objs[i], TF_ORIGIN_STDIN, be, policy, sb);
			}
			check_row(NULL, TF_ORIGIN_INLINE, be, policy, sb);
		}
	}
	if (be & TFB) {
		int ret = tf_policy_set(orig_policy >= 0 ? orig_policy : 0);

		tap_ok(ret == 0, "restore fs.trust_policy to %d", orig_policy);
		tap_ok(tf_policy_set(4) == -EINVAL && tf_policy_get() == orig_policy,
		       "tf_policy_set(4) = -EINVAL, policy unchanged");
	}
	for (size_t i = 0; i < nobjs; i++)
		close(objs[i].fd);
	close(sv[1]);
	close(pp[1]);
}

/* Helpers for tests that check in a child with given credentials/bits. */
static int child_open_check(const char *path, unsigned int secbits, uid_t uid,
			    int *denied_by)
{
	int p[2], res[2] = { 0, 0 }, status;
	pid_t pid;

	if (pipe2(p, O_CLOEXEC))
		tap_bail("pipe2");
	pid = fork();
	if (pid == 0) {
		struct tf_verdict v;

		alarm(5); /* a FIFO must never block */
		if (secbits && tf_securebits_set(secbits))
			_exit(3);
		if (uid && setresuid(uid, uid, uid))
			_exit(4);
		res[0] = tf_open_check(path, TF_ORIGIN_FILE, TF_CHECK_QUIET, &v);
		if (res[0] >= 0) {
			int fl = fcntl(res[0], F_GETFL);

			res[0] = (fl & O_NONBLOCK) || !(fcntl(res[0], F_GETFD) & FD_CLOEXEC) ?
					 -1000 : 0;
		}
		res[1] = (int)v.denied_by;
		_exit(write(p[1], res, sizeof(res)) == sizeof(res) ? 0 : 1);
	}
	close(p[1]);
	if (read(p[0], res, sizeof(res)) != sizeof(res))
		res[0] = -EPIPE;
	close(p[0]);
	waitpid(pid, &status, 0);
	if (WIFSIGNALED(status))
		res[0] = -EINTR;
	*denied_by = res[1];
	return res[0];
}

static void test_open_check(void)
{
	unsigned int be = tf_backends();
	char path[128];
	int ret, denied_by, fd;

	if (!mounted) {
		tap_skip("needs root", "tf_open_check() on files");
		return;
	}
	snprintf(path, sizeof(path), "%s/fifo", xdir);
	ret = child_open_check(path, 0, 0, &denied_by);
	tap_ok(ret == 0 || (ret == -EACCES && denied_by),
	       "tf_open_check(FIFO) does not block (ret=%d)", ret);
	if (be & XCB) {
		ret = child_open_check(path, RF, 0, &denied_by);
		tap_ok(ret == -EACCES && denied_by == XCB,
		       "tf_open_check(FIFO) refused with RESTRICT_FILE (ret=%d)", ret);
	}
	snprintf(path, sizeof(path), "%s/x", xdir);
	ret = child_open_check(path, be & XCB ? RF : 0, 0, &denied_by);
	tap_ok(ret == 0, "tf_open_check(exec 0500) returns a blocking O_CLOEXEC fd (ret=%d)",
	       ret);
	ret = child_open_check("/nonexistent/tf-test", 0, 0, &denied_by);
	tap_ok(ret == -ENOENT && !denied_by, "tf_open_check(missing) = -ENOENT");
	snprintf(path, sizeof(path), "%s/xr", xdir);
	ret = child_open_check(path, 0, 65534, &denied_by);
	tap_ok(ret == -EACCES && !denied_by,
	       "unreadable file as uid 65534: -EACCES from open, not a policy denial");

	/* The answer is computed at call time: a chmod after open counts. */
	snprintf(path, sizeof(path), "%s/late", xdir);
	make_file(xdir, "late", 0500, path, sizeof(path));
	fd = open_ro(path);
	if (be & XCB) {
		struct object o = { "late", "x", REG, 0, 0500, fd };
		struct answer a1 = check_in_child(&o, TF_ORIGIN_FILE, RF), a2;

		chmod(path, 0400);
		a2 = check_in_child(&o, TF_ORIGIN_FILE, RF);
		tap_ok(a1.ret == 0 && a2.ret == -EACCES &&
			       (a2.v.reasons & TF_REASON_NO_EXEC_PERM),
		       "chmod after open changes the answer (%d then %d)", a1.ret, a2.ret);
	} else {
		tap_skip("no AT_EXECVE_CHECK", "chmod after open changes the answer");
	}
	close(fd);
}

/* Every reason bit has a name; none beyond the mask. */
static void test_reasons(void)
{
	int named = 1;

	for (unsigned int bit = 1; bit & TF_REASON_MASK; bit <<= 1)
		named &= strcmp(tf_reason_string(bit), "unknown reason") != 0;
	tap_ok(named && !strcmp(tf_reason_string(TF_REASON_LAST << 1), "unknown reason"),
	       "every TF_REASON_* bit up to TF_REASON_LAST has a name");
}

/* tf_verdict_message() for each kind of outcome. */
static void test_messages(void)
{
	char msg[TF_MESSAGE_MAX];
	struct tf_verdict v;
	int fd;

	memset(&v, 0, sizeof(v));
	v.denied_by = TFB;
	v.reasons = TF_REASON_NOEXEC_MOUNT | TF_REASON_NO_EXEC_PERM;
	tf_verdict_message(-EACCES, &v, msg, sizeof(msg));
	tap_ok(!strcmp(msg, "refused by the system's execution policy (noexec mount, no execute permission)"),
	       "message of a refusal: %s", msg);
	memset(&v, 0, sizeof(v));
	v.checked = 1;
	tf_verdict_message(-EPERM, &v, msg, sizeof(msg));
	tap_ok(!strcmp(msg, "refused: the execution check could not be done (Operation not permitted)"),
	       "message of a check that could not be done: %s", msg);
	fd = tf_open_check("/nonexistent/x", TF_ORIGIN_FILE, 0, &v);
	tf_verdict_message(fd, &v, msg, sizeof(msg));
	tap_ok(fd == -ENOENT && !v.checked && !strcmp(msg, "No such file or directory"),
	       "message of a file that cannot be opened: %s", msg);
	fd = open("/", O_RDONLY | O_CLOEXEC);
	tf_verdict_message(tf_check_fd(fd, TF_ORIGIN_STDIN, NULL, 0, &v), &v, msg, sizeof(msg));
	close(fd);
	tap_ok(v.checked && msg[0], "message of any check is not empty: %s", msg);
	tap_ok(tf_verdict_message(0, NULL, msg, sizeof(msg)) == -EINVAL,
	       "tf_verdict_message(NULL) = -EINVAL");
}

/* tf_check_stdin() classifies fd 0 once, for every interpreter. */
static void test_stdin(void)
{
	struct tf_verdict v;
	int saved = dup(0), fds[2], tty;

	if (saved < 0 || pipe(fds)) {
		tap_ok(0, "tf_check_stdin(): cannot set up fd 0");
		return;
	}
	dup2(fds[0], 0);
	tap_ok(tf_check_stdin(TF_CHECK_QUIET, &v) <= 0 && v.origin == TF_ORIGIN_STDIN &&
		       v.checked,
	       "a pipe on fd 0 is checked as stdin");
	close(0);
	tap_ok(tf_check_stdin(0, &v) == 0 && v.allowed && v.origin == TF_ORIGIN_STDIN,
	       "a closed fd 0 holds no code: allowed");
	tap_ok(tf_check_stdin(0x80, &v) == -EINVAL, "tf_check_stdin() refuses unknown flags");
	dup2(saved, 0);	/* keep the pseudo-terminal's fds off 0 */
	tty = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (tty >= 0 && !grantpt(tty) && !unlockpt(tty)) {
		int pts = open(ptsname(tty), O_RDWR | O_NOCTTY);

		dup2(pts, 0);
		tap_ok(tf_check_stdin(TF_CHECK_QUIET, &v) <= 0 && v.origin == TF_ORIGIN_INLINE,
		       "a terminal on fd 0 is inline code");
		if (pts >= 0)
			close(pts);
	} else {
		tap_skip("no pseudo-terminal", "a terminal on fd 0");
	}
	if (tty >= 0)
		close(tty);
	dup2(saved, 0);
	close(saved);
	close(fds[0]);
	close(fds[1]);
}

static void test_api(void)
{
	struct tf_verdict v;
	char buf[8], path[] = "/tmp/tf-test-opath.XXXXXX";
	unsigned int bits;
	int fd, ret;

	tap_ok(tf_version_number() == TF_VERSION_NUMBER && tf_version() &&
		       tf_version()[0] == '0' + TF_VERSION_MAJOR,
	       "runtime version %s matches the header", tf_version());
	tap_ok(!strcmp(tf_backend_name(TFB | XCB), "trusted_for+execve_check") &&
		       !strcmp(tf_backend_name(0), "none"),
	       "tf_backend_name()");
	tap_diag("backends here: %s", tf_backend_name(tf_backends()));
	tap_ok(!strcmp(tf_reason_string(TF_REASON_NOEXEC_MOUNT), "noexec mount") &&
		       !strcmp(tf_reason_string(0x12345), "unknown reason"),
	       "tf_reason_string()");
	tap_ok(!strcmp(tf_origin_string(TF_ORIGIN_STDIN), "stdin") &&
		       !strcmp(tf_origin_string(42), "unknown"),
	       "tf_origin_string()");
	tap_ok(tf_check_fd(0, 0, NULL, 0, &v) == -EINVAL && !v.allowed,
	       "origin 0 is -EINVAL");
	tap_ok(tf_check_fd(0, TF_ORIGIN_FILE, NULL, 0x80, &v) == -EINVAL,
	       "unknown flags are -EINVAL");
	tap_ok(tf_check_fd(0, TF_ORIGIN_INLINE, NULL, 0, &v) == -EINVAL,
	       "inline code with a fd is -EINVAL");
	tap_ok(tf_check_fd(-1, TF_ORIGIN_FILE, NULL, 0, &v) == -EBADF, "fd -1 is -EBADF");
	tap_ok(tf_check_fd(9999, TF_ORIGIN_FILE, NULL, 0, &v) == -EBADF,
	       "closed fd is -EBADF");
	fd = mkstemp(path);
	if (fd >= 0) {
		int opath = open(path, O_PATH | O_CLOEXEC);

		tap_ok(tf_check_fd(opath, TF_ORIGIN_FILE, NULL, 0, &v) == -EBADF &&
			       tf_predict_fd(opath, 3, NULL) == -EBADF,
		       "O_PATH fd is -EBADF");
		tap_ok(tf_predict_fd(fd, 4, NULL) == -EINVAL &&
			       tf_predict_fd(fd, -1, NULL) == -EINVAL,
		       "tf_predict_fd() rejects policies outside 0..3");
		close(opath);
		close(fd);
		unlink(path);
	}
	ret = tf_trusted_for(-1, TF_TRUSTED_FOR_EXECUTION, 0);
	if (tf_backends() & TFB) {
		tap_ok(ret == -1 && errno == EBADF, "trusted_for(-1) fails with EBADF");
		tap_ok(tf_trusted_for(0, TF_TRUSTED_FOR_EXECUTION, 1) == -1 && errno == EINVAL,
		       "trusted_for(flags=1) fails with EINVAL");
		tap_ok(tf_trusted_for(-1, 0, 0) == -1 && errno == EINVAL,
		       "trusted_for(usage=0) fails with EINVAL before looking at the fd");
	} else {
		tap_ok(ret == -1 && errno == ENOSYS, "no trusted_for here: ENOSYS, no syscall");
	}
	tap_ok(tf_securebits_set(1u << 0) == -EINVAL, "tf_securebits_set() refuses other bits");
	ret = tf_securebits_get(&bits);
	if (tf_backends() & XCB)
		tap_ok(ret == 0, "tf_securebits_get() = %#x", bits);
	else
		tap_ok(ret == -EOPNOTSUPP, "tf_securebits_get() without exec securebits");
	tap_ok(tf_policy_set(-1) == -EINVAL, "tf_policy_set(-1) = -EINVAL");
	if (!(tf_backends() & TFB))
		tap_ok(tf_policy_get() == -ENOSYS && tf_policy_set(1) == -ENOSYS,
		       "no fs.trust_policy here: -ENOSYS");

	memset(&v, 0, sizeof(v));
	v.denied_by = XCB;
	v.reasons = TF_REASON_NOEXEC_MOUNT;
	ret = tf_verdict_format(&v, buf, sizeof(buf));
	tap_ok(ret == (int)strlen("refused by the process's execution policy (noexec mount)") &&
		       !strcmp(buf, "refused"),
	       "tf_verdict_format() truncates like snprintf (%d)", ret);
	tap_ok(tf_verdict_format(NULL, buf, sizeof(buf)) == -EINVAL,
	       "tf_verdict_format(NULL) = -EINVAL");
	test_messages();
	test_stdin();
}

static void *probe_thread(void *arg)
{
	*(unsigned int *)arg = tf_backends();
	return NULL;
}

static void test_threads(void)
{
	pthread_t t[8];
	unsigned int r[8];
	int same = 1;

	for (int i = 0; i < 8; i++)
		pthread_create(&t[i], NULL, probe_thread, &r[i]);
	for (int i = 0; i < 8; i++) {
		pthread_join(t[i], NULL);
		same &= r[i] == r[0];
	}
	tap_ok(same && r[0] == tf_backends(), "probe is consistent across threads");
}

/*
 * Run this program with TRUSTED_FOR_FORCE_BACKEND=none.  A test build
 * (TF_TEST_SEAMS, the static test program) simulates a kernel without
 * support; the shipped library (the shared test program) must ignore it.
 */
static void test_forced_none(const char *self)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		char *argv[] = { (char *)self, (char *)"--forced-none", NULL };
		char buf[16];

		snprintf(buf, sizeof(buf), "%u", tf_backends());
		setenv("TRUSTED_FOR_FORCE_BACKEND", "none", 1);
		setenv("TF_TEST_REAL_BACKENDS", buf, 1);
		execv("/proc/self/exe", argv);
		_exit(99);
	}
	waitpid(pid, &status, 0);
#ifdef TF_TEST_SEAMS
	tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "test build: TRUSTED_FOR_FORCE_BACKEND=none: no backend, everything allowed, no syscall");
#else
	tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "shipped library: TRUSTED_FOR_FORCE_BACKEND=none is ignored");
#endif
}

#ifndef TF_TEST_SEAMS
static int forced_none(void)
{
	const char *real = getenv("TF_TEST_REAL_BACKENDS");

	return !real || strtoul(real, NULL, 10) != tf_backends();
}
#else
static int forced_none(void)
{
	struct tf_verdict v;
	unsigned int bits;
	int fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC);

	if (tf_backends() != TF_BACKEND_NONE)
		return 1;
	if (tf_check_fd(fd, TF_ORIGIN_FILE, NULL, 0, &v) || !v.allowed ||
	    v.trusted_for_errno != -1 || v.execve_check_errno != -1)
		return 2;
	if (tf_check_fd(-1, TF_ORIGIN_INLINE, NULL, 0, &v) || !v.allowed)
		return 3;
	if (tf_trusted_for(fd, 1, 0) != -1 || errno != ENOSYS)
		return 4;
	if (tf_securebits_get(&bits) != -EOPNOTSUPP || tf_securebits_set(RF) != -EOPNOTSUPP)
		return 5;
	if (tf_policy_set(1) != -ENOSYS)
		return 6;
	if (tf_check_fd(9999, TF_ORIGIN_FILE, NULL, 0, &v) != -EBADF)
		return 7; /* bad input is still an error */
	return 0;
}
#endif

/* test-lib --check FILE: one logged check, for syslog-line.py. */
static int check_one(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), ret;

	if (fd < 0)
		return 2;
	ret = tf_check_fd(fd, TF_ORIGIN_FILE, path, 0, NULL);
	close(fd);
	return ret == -EACCES ? 1 : ret ? 2 : 0;
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--forced-none"))
		return forced_none();
	if (argc > 2 && !strcmp(argv[1], "--check"))
		return check_one(argv[2]);
	signal(SIGPIPE, SIG_IGN);
	test_reasons();
	test_api();
	test_threads();
	test_forced_none(argv[0]);
	test_matrix();
	test_open_check();
	return tap_done();
}
