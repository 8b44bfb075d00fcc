/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libtrustedfor: ask the kernel whether code read from a file descriptor may
 * be executed, on kernels with trusted_for(2) (this project's 6.12 series)
 * and on mainline kernels with execveat(AT_EXECVE_CHECK) and the exec
 * securebits (Linux 6.14 and later).
 *
 * Every function returns 0 (or a non-negative value where documented) on
 * success and a negative errno value on failure.  No function prints, exits
 * or changes the process state, except tf_securebits_set() and
 * tf_policy_set(), whose purpose that is.  All functions are thread-safe.
 *
 * An interpreter calls tf_open_check() (or tf_check_fd() on a descriptor it
 * already holds) for every file it is about to read code from, and
 * tf_check_fd(-1, TF_ORIGIN_INLINE, ...) before running inline code; it
 * refuses the code whenever the return value is negative.
 */
#ifndef TRUSTED_FOR_H
#define TRUSTED_FOR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef TF_API
#define TF_API __attribute__((visibility("default")))
#endif

/* Version of the header; compare with tf_version() at run time. */
#define TF_VERSION_MAJOR 1
#define TF_VERSION_MINOR 1
#define TF_VERSION_MICRO 0
#define TF_VERSION_NUMBER \
	((TF_VERSION_MAJOR << 16) | (TF_VERSION_MINOR << 8) | TF_VERSION_MICRO)

/* Usage argument of trusted_for(2) (linux/trusted-for.h). */
#define TF_TRUSTED_FOR_EXECUTION 1

/* Kernel interfaces the library can use; tf_backends() returns a mask. */
#define TF_BACKEND_NONE 0x0u
#define TF_BACKEND_TRUSTED_FOR 0x1u	/* trusted_for(2) + fs.trust_policy */
#define TF_BACKEND_EXECVE_CHECK 0x2u	/* AT_EXECVE_CHECK + exec securebits */

/*
 * fs.trust_policy, the system-wide policy of trusted_for(2) kernels: a mask
 * of these bits, 0 (nothing enforced) to TF_POLICY_MAX.
 */
#define TF_POLICY_MOUNT 0x1	/* refuse files on noexec mounts */
#define TF_POLICY_FILE 0x2	/* refuse files the caller may not execute */
#define TF_POLICY_MAX (TF_POLICY_MOUNT | TF_POLICY_FILE)

/* Where the code comes from; see libtrustedfor(3) for the decision. */
#define TF_ORIGIN_FILE 1	/* script argument, sourced or imported file */
#define TF_ORIGIN_STDIN 2	/* code read from standard input */
#define TF_ORIGIN_INLINE 3	/* -c/-e code, environment, interactive REPL */

/* Why a check failed; a mask, several facts may hold at once. */
#define TF_REASON_POLICY 0x01u		/* refused, no more specific cause */
#define TF_REASON_NOT_REGULAR 0x02u	/* directory, device, FIFO, socket, pipe */
#define TF_REASON_PSEUDO_FS 0x04u	/* procfs, sysfs, pipefs; memfd (trusted_for) */
#define TF_REASON_NOEXEC_MOUNT 0x08u	/* the file's mount is noexec */
#define TF_REASON_NO_EXEC_PERM 0x10u	/* no execute permission for the caller */
#define TF_REASON_NO_READ_PERM 0x20u	/* no read permission for the caller */
#define TF_REASON_INTERACTIVE 0x40u	/* inline or interactive code refused */
#define TF_REASON_WRITE_BUSY 0x80u	/* the file is open for writing */
#define TF_REASON_LAST TF_REASON_WRITE_BUSY	/* a new reason moves this */
#define TF_REASON_MASK ((TF_REASON_LAST << 1) - 1u)

/* Flags of tf_check_fd() and tf_open_check(). */
#define TF_CHECK_QUIET 0x1u	/* do not log denials (diagnostic tools only) */

/*
 * Exec securebits (linux/securebits.h, Linux 6.14), for tf_securebits_get()
 * and tf_securebits_set().  The values are the kernel's.
 */
#define TF_SECBIT_EXEC_RESTRICT_FILE (1u << 8)
#define TF_SECBIT_EXEC_RESTRICT_FILE_LOCKED (1u << 9)
#define TF_SECBIT_EXEC_DENY_INTERACTIVE (1u << 10)
#define TF_SECBIT_EXEC_DENY_INTERACTIVE_LOCKED (1u << 11)

/* The outcome of a check, filled by tf_check_fd() and tf_open_check(). */
struct tf_verdict {
	int allowed;		/* 1 if the code may run, else 0 */
	int origin;		/* TF_ORIGIN_* given by the caller */
	unsigned int backends;	/* TF_BACKEND_* bits asked */
	unsigned int denied_by;	/* TF_BACKEND_* bits whose policy refuses */
	unsigned int reasons;	/* TF_REASON_* bits, set when a check failed */
	int trusted_for_errno;	/* answer of trusted_for(2): 0, an errno, -1 if not asked */
	int execve_check_errno;	/* answer of AT_EXECVE_CHECK: 0, an errno, -1 if not asked */
	unsigned int securebits; /* exec securebits in force at check time */
	int checked;		/* 1 once the check itself began (the code was
				 * looked at), 0 if the arguments or an open
				 * failed before */
	unsigned int reserved[3];
};

/* Room for a message of tf_verdict_message(), as a buffer size. */
#define TF_MESSAGE_MAX 256

/**
 * tf_version() - Version of the library in use, e.g. "1.0.0".
 *
 * Return: a static string; never NULL.
 */
TF_API const char *tf_version(void);

/**
 * tf_version_number() - Version of the library in use as a number.
 *
 * Return: (major << 16) | (minor << 8) | micro, like TF_VERSION_NUMBER.
 */
TF_API unsigned int tf_version_number(void);

/**
 * tf_backends() - Which kernel interfaces answer execution checks.
 *
 * Probed once per process (thread-safe) and cached.  trusted_for(2) counts
 * where it answers a harmless call (fd -1) as trusted_for does, asked where
 * /proc/sys/fs/trust_policy exists or /proc/sys cannot be seen; the number
 * is never used where procfs shows no such sysctl.  AT_EXECVE_CHECK is
 * probed with an execveat(2) call that cannot execute anything.  A probe
 * whose answer is hidden (seccomp) counts as absent here, and makes
 * tf_check_fd() fail closed while a policy may be in force.  Nothing in the
 * environment changes the result.
 *
 * Return: a mask of TF_BACKEND_* bits, TF_BACKEND_NONE when neither exists.
 */
TF_API unsigned int tf_backends(void);

/**
 * tf_backend_name() - Name of a backend mask, for messages.
 * @backends: mask of TF_BACKEND_* bits.
 *
 * Return: "none", "trusted_for", "execve_check" or "trusted_for+execve_check".
 */
TF_API const char *tf_backend_name(unsigned int backends);

/**
 * tf_trusted_for() - Call trusted_for(2), libc style.
 * @fd: file descriptor to check.
 * @usage: TF_TRUSTED_FOR_EXECUTION.
 * @flags: must be 0.
 *
 * Issues the system call only when the kernel advertises it (the number is
 * used by another system call on later mainline kernels).
 *
 * Return: 0 if trusted; -1 with errno set otherwise: ENOSYS where the kernel
 * lacks trusted_for(2), EACCES when denied, EBADF, EINVAL, or another error
 * of the kernel's permission check.
 */
TF_API int tf_trusted_for(int fd, int usage, unsigned int flags);

/**
 * tf_check_fd() - Decide whether code read from @fd may run.
 * @fd: descriptor the code is read from; -1 for TF_ORIGIN_INLINE.
 * @origin: TF_ORIGIN_FILE, TF_ORIGIN_STDIN or TF_ORIGIN_INLINE.
 * @name: name for the log (path, "<stdin>", "-c"); NULL for a default.
 * @flags: 0 or TF_CHECK_QUIET.
 * @verdict: filled with the details if not NULL, also on failure.
 *
 * Always asks every available backend, whatever the policy, and follows the
 * decision table of each one: trusted_for(2) refuses files and regular-file
 * stdin it answers EACCES for; AT_EXECVE_CHECK refuses files when
 * SECBIT_EXEC_RESTRICT_FILE is set, and stdin and inline code when
 * SECBIT_EXEC_DENY_INTERACTIVE is set and the check fails.  A @fd that is
 * not a regular file (pipe, FIFO, socket, terminal) given as TF_ORIGIN_FILE
 * is fed like stdin: SECBIT_EXEC_DENY_INTERACTIVE governs it too.  Each
 * denial is sent to the system logger (/dev/log, LOG_AUTHPRIV) unless
 * TF_CHECK_QUIET is given.
 *
 * Fails closed: when a policy may be in force and the kernel's answer
 * cannot be had (a probe answered by a seccomp filter, exec securebits that
 * cannot be read, a securebit set but AT_EXECVE_CHECK not answering), the
 * return value is that error, never 0.
 *
 * Return: 0 if the code may run; -EACCES if a policy refuses it; -EBADF for
 * a closed or O_PATH @fd; -EINVAL for a bad @origin, @flags or a @fd given
 * with TF_ORIGIN_INLINE; another -errno when the kernel could not answer
 * (e.g. -ENOMEM, -EIO, -EPERM, -ENOSYS).  The caller must not run the code
 * on any negative return.
 */
TF_API int tf_check_fd(int fd, int origin, const char *name, unsigned int flags,
		       struct tf_verdict *verdict);

/**
 * tf_check_stdin() - Decide whether code read from standard input may run.
 * @flags: 0 or TF_CHECK_QUIET.
 * @verdict: as for tf_check_fd(); its origin says how fd 0 was classified.
 *
 * Classifies fd 0 once, the same way for every interpreter: a terminal is
 * someone typing, hence inline code (TF_ORIGIN_INLINE, named
 * "<terminal>"); a regular file, a pipe or anything else is checked as
 * TF_ORIGIN_STDIN (named "<stdin>"); a closed fd 0 holds no code and is
 * allowed (the interpreter reads end of file).  An interpreter that is
 * interactive whatever its stdin (-i) asks tf_check_fd(-1,
 * TF_ORIGIN_INLINE, ...) as well.
 *
 * Return: as tf_check_fd().
 */
TF_API int tf_check_stdin(unsigned int flags, struct tf_verdict *verdict);

/**
 * tf_open_check() - Open @path safely and decide on the opened descriptor.
 * @path: file to open.
 * @origin: TF_ORIGIN_FILE or TF_ORIGIN_STDIN.
 * @flags: 0 or TF_CHECK_QUIET.
 * @verdict: as for tf_check_fd().
 *
 * Opens with O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC (a FIFO never
 * blocks), checks that descriptor with tf_check_fd(), then clears O_NONBLOCK.
 * Read the code from the returned descriptor; never reopen @path.
 *
 * Return: a descriptor (the caller closes it) if the code may run; -EACCES
 * if refused; the -errno of open(2) (e.g. -ENOENT, -ELOOP); otherwise as
 * tf_check_fd().
 */
TF_API int tf_open_check(const char *path, int origin, unsigned int flags,
			 struct tf_verdict *verdict);

/**
 * tf_predict_fd() - What trusted_for(2) would answer under @policy.
 * @fd: descriptor to look at.
 * @policy: fs.trust_policy value, 0 to 3.
 * @reasons: if not NULL, set to the TF_REASON_* bits that refuse.
 *
 * Emulates trusted_for(2) from fstat(2), fstatfs(2) and faccessat(2) for
 * the caller's credentials; does not ask the kernel's policy (LSMs are not
 * seen).  A prediction, for planning a roll-out.
 *
 * Return: 0 if it would be trusted, -EACCES if it would be refused, -EINVAL
 * for a bad @policy, -EBADF for a bad @fd.
 */
TF_API int tf_predict_fd(int fd, int policy, unsigned int *reasons);

/**
 * tf_policy_get() - Read fs.trust_policy.
 *
 * For display only: checks must call tf_check_fd(), not decide from this.
 *
 * Return: the policy (0 to 3); -ENOSYS if the kernel has no trusted_for(2);
 * -EACCES if not privileged to read it; another -errno on I/O errors.
 */
TF_API int tf_policy_get(void);

/**
 * tf_policy_set() - Write fs.trust_policy.
 * @policy: 0 to 3.
 *
 * Return: 0; -EINVAL if @policy is out of range; -ENOSYS if the kernel has
 * no trusted_for(2); -EACCES or -EPERM without CAP_SYS_ADMIN; another
 * -errno on I/O errors.
 */
TF_API int tf_policy_set(int policy);

/**
 * tf_securebits_get() - Read the exec securebits of the calling thread.
 * @bits: set to the TF_SECBIT_EXEC_* bits in force.
 *
 * Return: 0; -EOPNOTSUPP if the kernel has no exec securebits; -EINVAL if
 * @bits is NULL; another -errno from prctl(2).
 */
TF_API int tf_securebits_get(unsigned int *bits);

/**
 * tf_securebits_set() - Add exec securebits to the calling thread.
 * @bits: TF_SECBIT_EXEC_* bits to set (never clears any).
 *
 * Inherited across fork(2) and execve(2); a *_LOCKED bit makes its bit
 * immutable.  Call before creating threads: the bits are per thread.
 *
 * Mainline lets any process set, clear and lock these bits without
 * privilege (other securebits need CAP_SETPCAP): only a locked bit is
 * binding on descendants.
 *
 * Return: 0; -EINVAL for other bits; -EOPNOTSUPP if the kernel has no exec
 * securebits; -EPERM when a locked bit would change (or where the kernel
 * requires CAP_SETPCAP).
 */
TF_API int tf_securebits_set(unsigned int bits);

/**
 * tf_reason_string() - Words for one TF_REASON_* bit.
 * @reason: a single TF_REASON_* bit.
 *
 * Return: a static string, e.g. "noexec mount"; "unknown reason" otherwise.
 */
TF_API const char *tf_reason_string(unsigned int reason);

/**
 * tf_origin_string() - Name of a TF_ORIGIN_* value ("file", "stdin", "inline").
 * @origin: TF_ORIGIN_* value.
 *
 * Return: a static string; "unknown" for other values.
 */
TF_API const char *tf_origin_string(int origin);

/**
 * tf_verdict_format() - Describe a verdict for a user message.
 * @verdict: filled by tf_check_fd() or tf_open_check().
 * @buf: destination.
 * @size: size of @buf.
 *
 * Writes e.g. "refused by the system's execution policy (noexec mount)" or
 * "trusted".  Truncates like snprintf(3).
 *
 * Return: the length of the full text, like snprintf(3); -EINVAL if
 * @verdict is NULL.
 */
TF_API int tf_verdict_format(const struct tf_verdict *verdict, char *buf,
			     size_t size);

/**
 * tf_verdict_message() - The words for the outcome of a check, any outcome.
 * @ret: what tf_check_fd(), tf_check_stdin() or tf_open_check() returned.
 * @verdict: the verdict that call filled.
 * @buf: destination; TF_MESSAGE_MAX bytes hold any message.
 * @size: size of @buf.
 *
 * What an interpreter prints after "PROGRAM: NAME: ": for a refusal, as
 * tf_verdict_format() ("refused by the system's execution policy (noexec
 * mount)"); when the check could not be done, "refused: the execution
 * check could not be done (REASON)" from @ret; for another error of
 * tf_open_check() (the file cannot be opened), the error; for 0 or a
 * descriptor, as tf_verdict_format().
 *
 * Return: as tf_verdict_format().
 */
TF_API int tf_verdict_message(int ret, const struct tf_verdict *verdict,
			      char *buf, size_t size);

#ifdef __cplusplus
}
#endif

#endif /* TRUSTED_FOR_H */
