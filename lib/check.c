// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The interpreter-facing decision (the table of libtrustedfor(3)), the
 * reasons given to the user, the prediction of what trusted_for(2) would
 * answer, and the audit log.
 */
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/xattr.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

#ifndef F_GET_SEALS
#define F_GET_SEALS 1034
#endif
#ifndef NSFS_MAGIC
#define NSFS_MAGIC 0x6e736673
#endif

static const struct {
	unsigned int bit;
	const char *text;
} reason_names[] = {
	{ TF_REASON_POLICY, "refused by policy" },
	{ TF_REASON_NOT_REGULAR, "not a regular file" },
	{ TF_REASON_PSEUDO_FS, "kernel pseudo file system" },
	{ TF_REASON_NOEXEC_MOUNT, "noexec mount" },
	{ TF_REASON_NO_EXEC_PERM, "no execute permission" },
	{ TF_REASON_NO_READ_PERM, "no read permission" },
	{ TF_REASON_INTERACTIVE, "inline or interactive code not allowed" },
	{ TF_REASON_WRITE_BUSY, "file open for writing" },
};

/* Every reason has a name, in the order of the bits. */
_Static_assert(TF_REASON_MASK + 1 ==
	       1u << (sizeof(reason_names) / sizeof(reason_names[0])),
	       "a TF_REASON_* bit without a name in reason_names");

TF_API const char *tf_reason_string(unsigned int reason)
{
	for (size_t i = 0; i < sizeof(reason_names) / sizeof(reason_names[0]); i++)
		if (reason_names[i].bit == reason)
			return reason_names[i].text;
	return "unknown reason";
}

TF_API const char *tf_origin_string(int origin)
{
	switch (origin) {
	case TF_ORIGIN_FILE:
		return "file";
	case TF_ORIGIN_STDIN:
		return "stdin";
	case TF_ORIGIN_INLINE:
		return "inline";
	default:
		return "unknown";
	}
}

/* Append with snprintf semantics; keeps counting past the end of @buf. */
static void append(char *buf, size_t size, size_t *len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(*len < size ? buf + *len : NULL, *len < size ? size - *len : 0,
		      fmt, ap);
	va_end(ap);
	if (n > 0)
		*len += (size_t)n;
}

static void append_reasons(char *buf, size_t size, size_t *len,
			   unsigned int reasons)
{
	const char *sep = "";

	for (size_t i = 0; i < sizeof(reason_names) / sizeof(reason_names[0]); i++) {
		if (!(reasons & reason_names[i].bit))
			continue;
		append(buf, size, len, "%s%s", sep, reason_names[i].text);
		sep = ", ";
	}
	if (!*sep)
		append(buf, size, len, "%s", tf_reason_string(TF_REASON_POLICY));
}

TF_API int tf_verdict_format(const struct tf_verdict *v, char *buf, size_t size)
{
	size_t len = 0;

	if (!v || (!buf && size))
		return -EINVAL;
	if (size)
		buf[0] = '\0';
	if (!v->allowed && v->denied_by) {
		if (v->denied_by == (TF_BACKEND_TRUSTED_FOR | TF_BACKEND_EXECVE_CHECK))
			append(buf, size, &len,
			       "refused by the system's and the process's execution policies (");
		else if (v->denied_by == TF_BACKEND_TRUSTED_FOR)
			append(buf, size, &len,
			       "refused by the system's execution policy (");
		else
			append(buf, size, &len,
			       "refused by the process's execution policy (");
		append_reasons(buf, size, &len, v->reasons);
		append(buf, size, &len, ")");
	} else if (!v->allowed) {
		append(buf, size, &len, "no answer: the check could not be done");
	} else if (v->backends == TF_BACKEND_NONE) {
		append(buf, size, &len,
		       "trusted (the kernel offers no execution check: nothing is enforced)");
	} else if (v->trusted_for_errno > 0 || v->execve_check_errno > 0) {
		append(buf, size, &len, "trusted; the check fails (");
		append_reasons(buf, size, &len, v->reasons);
		append(buf, size, &len, ") but no policy in force refuses it here");
	} else {
		append(buf, size, &len, "trusted");
	}
	return len > (size_t)__INT_MAX__ ? __INT_MAX__ : (int)len;
}

static int is_memfd(int fd)
{
	char link[64], target[16];
	ssize_t n;

	if (fcntl(fd, F_GET_SEALS) < 0)
		return 0;
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, target, sizeof(target));
	return n >= 7 && !memcmp(target, "/memfd:", 7);
}

/* Superblocks that trusted_for(2) refuses under any non-zero policy. */
static int is_pseudo_fs(int fd)
{
	struct statfs sfs;

	if (fstatfs(fd, &sfs))
		return 0;
	switch ((unsigned long)sfs.f_type) {
	case PROC_SUPER_MAGIC:
	case PIPEFS_MAGIC:
	case SOCKFS_MAGIC:
	case NSFS_MAGIC:
	case ANON_INODE_FS_MAGIC:
	case SYSFS_MAGIC:	/* SB_I_NOEXEC, like procfs */
		return 1;
	default:
		return is_memfd(fd);
	}
}

/* Is @gid the caller's effective or a supplementary group? */
static int in_group(gid_t gid)
{
	gid_t *groups;
	int n, found = 0;

	if (gid == getegid())
		return 1;
	n = getgroups(0, NULL);
	if (n <= 0)
		return 0;
	groups = calloc((size_t)n, sizeof(*groups));
	if (!groups)
		return 0;
	n = getgroups(n, groups);
	for (int i = 0; i < n && !found; i++)
		found = groups[i] == gid;
	free(groups);
	return found;
}

/* The POSIX ACL of the file, as stored in system.posix_acl_access. */
#define TF_ACL_VERSION 2
#define TF_ACL_USER_OBJ 0x01
#define TF_ACL_USER 0x02
#define TF_ACL_GROUP_OBJ 0x04
#define TF_ACL_GROUP 0x08
#define TF_ACL_MASK 0x10
#define TF_ACL_OTHER 0x20
#define TF_ACL_MAX_ENTRIES 64

struct tf_acl_entry {
	uint16_t tag;
	uint16_t perm;
	uint32_t id;
};

/*
 * Evaluate the access ACL of @fd for @bits (4 read, 1 execute) the way
 * the kernel does (owner, named users, groups, other; the mask limits
 * named entries and groups).  Return 1 granted, 0 refused, -1 when the
 * file has no ACL (the mode bits decide).
 */
static int acl_permits(int fd, const struct stat *st, unsigned int bits)
{
	struct {
		uint32_t version;
		struct tf_acl_entry e[TF_ACL_MAX_ENTRIES];
	} acl;
	unsigned int mask = 7, n, i;
	int group_matched = 0;
	ssize_t len;

	len = fgetxattr(fd, "system.posix_acl_access", &acl, sizeof(acl));
	if (len < (ssize_t)sizeof(acl.version) || le32toh(acl.version) != TF_ACL_VERSION)
		return -1;
	n = (unsigned int)(len - sizeof(acl.version)) / sizeof(acl.e[0]);
	for (i = 0; i < n; i++)
		if (le16toh(acl.e[i].tag) == TF_ACL_MASK)
			mask = le16toh(acl.e[i].perm);
	for (i = 0; i < n; i++) {
		unsigned int tag = le16toh(acl.e[i].tag);
		unsigned int perm = le16toh(acl.e[i].perm);

		if (tag == TF_ACL_USER_OBJ && st->st_uid == geteuid())
			return (perm & bits) == bits;
		if (tag == TF_ACL_USER && le32toh(acl.e[i].id) == geteuid())
			return (perm & mask & bits) == bits;
	}
	for (i = 0; i < n; i++) {
		unsigned int tag = le16toh(acl.e[i].tag);
		unsigned int perm = le16toh(acl.e[i].perm);

		if ((tag == TF_ACL_GROUP_OBJ && in_group(st->st_gid)) ||
		    (tag == TF_ACL_GROUP && in_group(le32toh(acl.e[i].id)))) {
			if ((perm & mask & bits) == bits)
				return 1;
			group_matched = 1;
		}
	}
	if (group_matched)
		return 0;
	for (i = 0; i < n; i++)
		if (le16toh(acl.e[i].tag) == TF_ACL_OTHER)
			return (le16toh(acl.e[i].perm) & bits) == bits;
	return 0;
}

/*
 * May the caller (effective ids) access the file of @fd with @mode?
 * faccessat(2) also refuses X_OK on a noexec mount; the mount is reported
 * on its own, so there (@noexec) the permission is worked out from the
 * ACL or the mode bits, with the supplementary groups.
 */
static int may_access(int fd, const struct stat *st, int mode, int noexec)
{
	unsigned int bits = mode == X_OK ? 1 : 4;
	int acl;

	if (!(mode == X_OK && noexec)) {
		if (!faccessat(fd, "", mode, AT_EMPTY_PATH | AT_EACCESS))
			return 1;
		if (errno == EACCES || errno == EPERM || errno == EROFS)
			return 0;
	}
	/* No faccessat2(2), or a noexec mount: emulate the kernel. */
	if (geteuid() == 0)
		return mode == X_OK ? !!(st->st_mode & 0111) : 1;
	acl = acl_permits(fd, st, bits);
	if (acl >= 0)
		return acl;
	if (st->st_uid == geteuid())
		return !!(st->st_mode & (bits << 6));
	if (in_group(st->st_gid))
		return !!(st->st_mode & (bits << 3));
	return !!(st->st_mode & bits);
}

static unsigned int noexec_mount(int fd)
{
	struct statvfs svfs;

	return !fstatvfs(fd, &svfs) && (svfs.f_flag & ST_NOEXEC);
}

unsigned int tf_reasons_for(int fd, int err)
{
	unsigned int reasons = 0, noexec;
	struct stat st;

	if (fstat(fd, &st))
		return TF_REASON_POLICY;
	if (!S_ISREG(st.st_mode))
		reasons |= TF_REASON_NOT_REGULAR;
	if (is_pseudo_fs(fd))
		reasons |= TF_REASON_PSEUDO_FS;
	noexec = noexec_mount(fd);
	if (noexec)
		reasons |= TF_REASON_NOEXEC_MOUNT;
	if (S_ISREG(st.st_mode)) {
		if (!may_access(fd, &st, X_OK, noexec))
			reasons |= TF_REASON_NO_EXEC_PERM;
		if (!may_access(fd, &st, R_OK, 0))
			reasons |= TF_REASON_NO_READ_PERM;
	}
	if (err == ETXTBSY)
		reasons |= TF_REASON_WRITE_BUSY;
	return reasons ? reasons : TF_REASON_POLICY;
}

TF_API int tf_predict_fd(int fd, int policy, unsigned int *out)
{
	unsigned int reasons = 0, noexec;
	struct stat st;
	int fl;

	if (out)
		*out = 0;
	if (policy < 0 || policy > TF_POLICY_MAX)
		return -EINVAL;
	fl = fcntl(fd, F_GETFL);
	if (fl < 0 || (fl & O_PATH) || fstat(fd, &st))
		return -EBADF;
	if (policy) {
		if (!S_ISREG(st.st_mode))
			reasons |= TF_REASON_NOT_REGULAR;
		if (is_pseudo_fs(fd))
			reasons |= TF_REASON_PSEUDO_FS;
	}
	noexec = noexec_mount(fd);
	if ((policy & TF_POLICY_MOUNT) && noexec)
		reasons |= TF_REASON_NOEXEC_MOUNT;
	if (!may_access(fd, &st, R_OK, 0))
		reasons |= TF_REASON_NO_READ_PERM;
	if ((policy & TF_POLICY_FILE) && !may_access(fd, &st, X_OK, noexec))
		reasons |= TF_REASON_NO_EXEC_PERM;
	if (out)
		*out = reasons;
	return reasons ? -EACCES : 0;
}

/*
 * Printable copy of @name for one field of the log line: control
 * characters, and for an unquoted field (@quoted 0) also spaces, quotes
 * and '=', become '?', so that no name can forge another field or line.
 */
static void log_field(char *dst, size_t size, const char *name, int quoted)
{
	size_t i;

	for (i = 0; name[i] && i + 1 < size; i++) {
		unsigned char c = (unsigned char)name[i];

		if (c < 0x20 || c == 0x7f || c == '"' || c == '\\' ||
		    (!quoted && (c == ' ' || c == '=')))
			c = '?';
		dst[i] = (char)c;
	}
	dst[i] = '\0';
}

/*
 * Send one record to the system logger, as syslog(3) would, but on a
 * socket of our own and with our own tag: the library must not change the
 * program's openlog(3) state, and syslog(3) would put the program's name,
 * unfiltered, in the tag.
 */
static void send_log(int priority, const char *msg)
{
	static const struct sockaddr_un addr = {
		.sun_family = AF_UNIX,
		.sun_path = "/dev/log",
	};
	char rec[1100], stamp[32];
	struct tm tm;
	time_t now = time(NULL);
	int len, fd;

	if (!localtime_r(&now, &tm) ||
	    !strftime(stamp, sizeof(stamp), "%b %e %H:%M:%S", &tm))
		stamp[0] = '\0';
	len = snprintf(rec, sizeof(rec), "<%d>%s trusted-for[%ld]: %s",
		       priority, stamp, (long)getpid(), msg);
	if (len < 0)
		return;
	if ((size_t)len >= sizeof(rec))
		len = sizeof(rec) - 1;
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return;
	if (!connect(fd, (const struct sockaddr *)&addr, sizeof(addr)))
		(void)!send(fd, rec, (size_t)len, MSG_NOSIGNAL | MSG_DONTWAIT);
	close(fd);
}

static void log_denial(const struct tf_verdict *v, int fd, const char *name)
{
	char path[512], prog[64], why[256], msg[1024];
	size_t len = 0;

	if (name)
		log_field(path, sizeof(path), name, 1);
	else
		snprintf(path, sizeof(path), "(fd %d)", fd);
	log_field(prog, sizeof(prog), program_invocation_short_name, 0);
	append_reasons(why, sizeof(why), &len, v->reasons);
	snprintf(msg, sizeof(msg),
		 "refused program=%s pid=%ld origin=%s path=\"%s\" reason=\"%s\" policy=%s",
		 prog, (long)getpid(), tf_origin_string(v->origin), path, why,
		 v->denied_by & TF_BACKEND_TRUSTED_FOR ? "system" : "process");
	send_log(LOG_AUTHPRIV | LOG_WARNING, msg);
}

/* A check answer that is a refusal, as opposed to "could not answer". */
static int is_refusal(int err)
{
	return err == EACCES || err == EPERM;
}

/*
 * The exec securebits of the caller, or -errno when they cannot be read
 * (a seccomp filter on prctl(2)): then a per-process policy may be in
 * force, and the caller must fail closed.  Kernels without the exec
 * securebits never have them set.
 */
static int read_exec_securebits(unsigned int *bits)
{
	int ret = prctl(PR_GET_SECUREBITS, 0, 0, 0, 0);

	*bits = 0;
	if (ret < 0)
		return -errno;
	*bits = (unsigned int)ret & TF_EXEC_SECBITS_ALL;
	return 0;
}

/* A verdict before anything is known: no kernel asked, nothing decided. */
static void verdict_init(struct tf_verdict *v, int origin)
{
	memset(v, 0, sizeof(*v));
	v->trusted_for_errno = -1;
	v->execve_check_errno = -1;
	v->origin = origin;
}

/*
 * The decision without the explanation, for the common case: every
 * backend's probe answered, and each kernel call the decision needs says
 * yes.  Returns 1 with @v filled when the code may run, 0 when anything
 * failed or cannot be told, and the full path must decide (and explain).
 *
 * It asks only what can refuse: trusted_for(2) when the kernel has it, the
 * exec securebits always (a kernel may have them even where a seccomp
 * filter hid AT_EXECVE_CHECK from the probe: the full path then fails
 * closed), and AT_EXECVE_CHECK only when a securebit makes its answer
 * count.  Every "yes" here is also a "yes" of the full path: a failed call
 * is never interpreted here, only handed over.
 */
static int check_fast(int fd, struct tf_verdict *v)
{
	unsigned int secbits;
	int fl;

	if (v->backends & TF_BACKEND_TRUSTED_FOR) {
		/* It also refuses closed and O_PATH descriptors (EBADF). */
		if (tf_trusted_for(fd, TF_TRUSTED_FOR_EXECUTION, 0))
			return 0;
		v->trusted_for_errno = 0;
	} else {
		fl = fcntl(fd, F_GETFL);
		if (fl < 0 || (fl & O_PATH))
			return 0;
	}
	if (read_exec_securebits(&secbits))
		return 0;
	if (secbits & (TF_SECBIT_EXEC_RESTRICT_FILE | TF_SECBIT_EXEC_DENY_INTERACTIVE)) {
		if (!(v->backends & TF_BACKEND_EXECVE_CHECK) || tf_execve_check(fd))
			return 0;
		v->execve_check_errno = 0;
	}
	v->securebits = secbits;
	v->checked = 1;
	v->allowed = 1;
	return 1;
}

TF_API int tf_check_fd(int fd, int origin, const char *name, unsigned int flags,
		       struct tf_verdict *verdict)
{
	struct tf_verdict v;
	int saved = errno, ret = 0, error = 0, unknown_err, secbits_err;
	unsigned int secbits, unknown, bit;
	struct stat st;

	verdict_init(&v, origin);
	v.backends = tf_backends();
	unknown = tf_backends_unknown(&unknown_err);
	if (origin != TF_ORIGIN_FILE && origin != TF_ORIGIN_STDIN &&
	    origin != TF_ORIGIN_INLINE) {
		ret = -EINVAL;
		goto out;
	}
	if (flags & ~(TF_CHECK_QUIET | TF_CHECK_EXPLAIN) ||
	    (origin == TF_ORIGIN_INLINE && fd != -1)) {
		ret = -EINVAL;
		goto out;
	}
	if (!(flags & TF_CHECK_EXPLAIN) && origin != TF_ORIGIN_INLINE &&
	    fd >= 0 && !unknown && check_fast(fd, &v))
		goto out;
	/* Whatever the fast path asked is asked again, and explained. */
	verdict_init(&v, origin);
	v.backends = tf_backends();
	if (origin != TF_ORIGIN_INLINE &&
	    (fd < 0 || fstat(fd, &st) || (fcntl(fd, F_GETFL) & O_PATH))) {
		ret = -EBADF;
		goto out;
	}
	v.checked = 1;

	/* Only a kernel with AT_EXECVE_CHECK can have exec securebits set. */
	secbits_err = read_exec_securebits(&secbits);
	if (!((v.backends | unknown) & TF_BACKEND_EXECVE_CHECK))
		secbits_err = 0;
	v.securebits = secbits;

	if (origin == TF_ORIGIN_INLINE) {
		/*
		 * No file behind it: only the per-process policy can refuse,
		 * and it needs no kernel call: the bit decides.
		 */
		if (secbits_err) {
			error = -secbits_err;
		} else if (secbits & TF_SECBIT_EXEC_DENY_INTERACTIVE) {
			v.denied_by = TF_BACKEND_EXECVE_CHECK;
			v.reasons = TF_REASON_INTERACTIVE;
		}
		goto decide;
	}

	/*
	 * Which exec securebit governs this code: RESTRICT_FILE for a file,
	 * DENY_INTERACTIVE for stdin.  A "file" that is not a regular file (a
	 * pipe or a terminal named as /dev/stdin, a FIFO, a socket) is fed
	 * like stdin: DENY_INTERACTIVE governs it too.
	 */
	bit = origin == TF_ORIGIN_FILE ? TF_SECBIT_EXEC_RESTRICT_FILE :
					 TF_SECBIT_EXEC_DENY_INTERACTIVE;
	if (!S_ISREG(st.st_mode))
		bit |= TF_SECBIT_EXEC_DENY_INTERACTIVE;

	/*
	 * Fail closed where a policy may be in force and the kernel's answer
	 * cannot be had: a probe hidden by seccomp on a kernel that may have
	 * trusted_for, exec securebits that cannot be read, or a securebit
	 * set where AT_EXECVE_CHECK did not answer the probe.
	 */
	if (unknown & TF_BACKEND_TRUSTED_FOR)
		error = unknown_err;
	else if (secbits_err)
		error = -secbits_err;
	else if ((secbits & bit) && !(v.backends & TF_BACKEND_EXECVE_CHECK))
		error = unknown & TF_BACKEND_EXECVE_CHECK ? unknown_err : ENOSYS;

	if (v.backends & TF_BACKEND_TRUSTED_FOR) {
		/* Asked for every origin: the verdict tells what it said. */
		int err = tf_trusted_for(fd, TF_TRUSTED_FOR_EXECUTION, 0) ? errno : 0;

		v.trusted_for_errno = err;
		/* Pipes and terminals on stdin are not governed system-wide. */
		if (err && (origin == TF_ORIGIN_FILE || S_ISREG(st.st_mode))) {
			if (is_refusal(err))
				v.denied_by |= TF_BACKEND_TRUSTED_FOR;
			else if (!error)
				error = err;
		}
	}
	if (v.backends & TF_BACKEND_EXECVE_CHECK) {
		int err = tf_execve_check(fd) ? errno : 0;

		v.execve_check_errno = err;
		if (err && (secbits & bit)) {
			if (is_refusal(err))
				v.denied_by |= TF_BACKEND_EXECVE_CHECK;
			else if (!error)
				error = err;
		}
	}
	if (v.trusted_for_errno > 0 || v.execve_check_errno > 0)
		v.reasons = tf_reasons_for(fd,
			v.trusted_for_errno > 0 ? v.trusted_for_errno :
						  v.execve_check_errno);

decide:
	if (v.denied_by) {
		ret = -EACCES;
		if (!(flags & TF_CHECK_QUIET))
			log_denial(&v, fd, name);
	} else if (error) {
		ret = -error;
	} else {
		v.allowed = 1;
	}
out:
	if (verdict)
		*verdict = v;
	errno = saved;
	return ret;
}

TF_API int tf_check_stdin(unsigned int flags, struct tf_verdict *verdict)
{
	int saved = errno, closed, tty;

	closed = fcntl(STDIN_FILENO, F_GETFD) < 0 && errno == EBADF;
	tty = !closed && isatty(STDIN_FILENO);
	errno = saved;
	if (tty)	/* someone typing: inline code */
		return tf_check_fd(-1, TF_ORIGIN_INLINE, "<terminal>", flags, verdict);
	if (!closed)
		return tf_check_fd(STDIN_FILENO, TF_ORIGIN_STDIN, "<stdin>", flags,
				   verdict);
	/* Closed: no code, the interpreter reads end of file. */
	if (verdict) {
		verdict_init(verdict, TF_ORIGIN_STDIN);
		verdict->backends = tf_backends();
	}
	if (flags & ~(TF_CHECK_QUIET | TF_CHECK_EXPLAIN))
		return -EINVAL;
	if (verdict)
		verdict->allowed = 1;
	return 0;
}

TF_API int tf_verdict_message(int ret, const struct tf_verdict *v, char *buf,
			      size_t size)
{
	size_t len = 0;

	if (!v || (!buf && size))
		return -EINVAL;
	if (ret >= 0 || (ret == -EACCES && v->denied_by))
		return tf_verdict_format(v, buf, size);
	if (size)
		buf[0] = '\0';
	if (v->checked)
		append(buf, size, &len,
		       "refused: the execution check could not be done (%s)",
		       strerror(-ret));
	else
		append(buf, size, &len, "%s", strerror(-ret));
	return len > (size_t)__INT_MAX__ ? __INT_MAX__ : (int)len;
}

TF_API int tf_open_check(const char *path, int origin, unsigned int flags,
			 struct tf_verdict *verdict)
{
	int fd, ret, fl;

	if (verdict)
		verdict_init(verdict, origin);
	if (!path || origin == TF_ORIGIN_INLINE)
		return -EINVAL;
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = tf_check_fd(fd, origin, path, flags, verdict);
	if (ret) {
		close(fd);
		return ret;
	}
	/* The check is done; reading code may block like a plain open. */
	fl = fcntl(fd, F_GETFL);
	if (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK)) {
		ret = -errno;
		close(fd);
		return ret;
	}
	return fd;
}
