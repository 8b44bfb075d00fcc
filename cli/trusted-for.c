// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * trusted-for: see and set the execution policy of scripts, check files
 * against it, run a command under the exec securebits, and find what a policy
 * would refuse before enforcing it.  A thin layer over libtrustedfor's public
 * API: argument parsing, messages and exit codes.
 */
#include <errno.h>
#include <fcntl.h>
#include <fts.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "trusted-for.h"
#include "cli.h"

const char *prog = "trusted-for";

/* A diagnostic tool: log nothing, and show every backend's answer. */
#define CLI_CHECK_FLAGS (TF_CHECK_QUIET | TF_CHECK_EXPLAIN)

void warnx_(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void usage(FILE *out)
{
	fprintf(out,
		"Usage: %s COMMAND [OPTIONS] [ARGS]\n"
		"\n"
		"Commands:\n"
		"  check [--origin file|stdin|inline] PATH...\n"
		"                       tell whether code read from each PATH may run\n"
		"                       (\"-\" is stdin); exit 0 all trusted, 1 any\n"
		"                       refused, 2 usage or I/O errors\n"
		"  status               kernel support and the policies in force\n"
		"  policy [get]         print fs.trust_policy\n"
		"  policy set 0..3      set fs.trust_policy (root)\n"
		"  run [--restrict-file] [--deny-interactive] [--no-lock] [--allow-userns]\n"
		"      -- CMD [ARGS...] set and lock the exec securebits, forbid new user\n"
		"                       namespaces, then execute CMD\n"
		"  scan [--policy 0..3] [--json] DIR...\n"
		"                       list the files a policy would refuse\n"
		"  interpreters [--json] [PATH...]\n"
		"                       list the interpreters found (in PATH and the usual\n"
		"                       bin directories, or in each PATH given): enlightened,\n"
		"                       locked (root's, mode 0: no one else runs it) or open;\n"
		"                       exit 0 none open, 1 any open, 2 usage\n"
		"                       errors or a PATH given that cannot be read\n"
		"  version              print the versions of the tool and library\n"
		"\n"
		"See trusted-for(1).\n",
		prog);
}

static int parse_policy(const char *s, int *policy)
{
	if (!s || s[0] < '0' || s[0] > '0' + TF_POLICY_MAX || s[1]) {
		warnx_("invalid policy '%s': use 0 (nothing enforced), 1 (noexec mounts), "
		       "2 (execute permission) or 3 (both)", s ? s : "");
		return -1;
	}
	*policy = s[0] - '0';
	return 0;
}

static const char *policy_words(int policy)
{
	switch (policy) {
	case 0:
		return "nothing enforced: every readable file is trusted";
	case TF_POLICY_MOUNT:
		return "files on noexec mounts are refused";
	case TF_POLICY_FILE:
		return "files without execute permission are refused";
	case TF_POLICY_MOUNT | TF_POLICY_FILE:
		return "files on noexec mounts and files without execute permission are refused";
	default:
		return "unknown value";
	}
}

/* ---- check ---- */

static int parse_origin(const char *s)
{
	if (!strcmp(s, "file"))
		return TF_ORIGIN_FILE;
	if (!strcmp(s, "stdin"))
		return TF_ORIGIN_STDIN;
	if (!strcmp(s, "inline"))
		return TF_ORIGIN_INLINE;
	return -1;
}

static void print_verdict(const char *name, const struct tf_verdict *v)
{
	char text[512];

	tf_verdict_format(v, text, sizeof(text));
	printf("%s: %s\n", name, text);
	if (!v->allowed)
		return;
	/* Say which per-process bit would make a failed check binding. */
	if ((v->backends & TF_BACKEND_EXECVE_CHECK) && v->execve_check_errno > 0)
		printf("%s: hint: refused when %s is set (trusted-for run %s)\n", name,
		       v->origin == TF_ORIGIN_FILE ? "SECBIT_EXEC_RESTRICT_FILE" :
						     "SECBIT_EXEC_DENY_INTERACTIVE",
		       v->origin == TF_ORIGIN_FILE ? "--restrict-file" :
						     "--deny-interactive");
}

static int cmd_check(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "origin", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int origin = 0, c, status = EXIT_TRUSTED, errors = 0;
	struct tf_verdict v;

	while ((c = getopt_long(argc, argv, "+o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			origin = parse_origin(optarg);
			if (origin < 0) {
				warnx_("invalid origin '%s': use file, stdin or inline", optarg);
				return EXIT_TROUBLE;
			}
			break;
		case 'h':
			usage(stdout);
			return EXIT_TRUSTED;
		default:
			return EXIT_TROUBLE;
		}
	}
	if (origin == TF_ORIGIN_INLINE) {
		int ret;

		if (optind != argc) {
			warnx_("check --origin inline takes no PATH");
			return EXIT_TROUBLE;
		}
		ret = tf_check_fd(-1, TF_ORIGIN_INLINE, "inline code", CLI_CHECK_FLAGS, &v);
		if (ret && !(ret == -EACCES && v.denied_by)) {
			char msg[TF_MESSAGE_MAX];

			tf_verdict_message(ret, &v, msg, sizeof(msg));
			warnx_("inline code: %s", msg);
			return EXIT_TROUBLE;
		}
		print_verdict("inline code", &v);
		return ret ? EXIT_REFUSED : EXIT_TRUSTED;
	}
	if (optind == argc) {
		warnx_("check: missing PATH (see '%s check --help')", prog);
		return EXIT_TROUBLE;
	}
	for (int i = optind; i < argc; i++) {
		const char *path = argv[i];
		int ret;

		if (!strcmp(path, "-")) {
			ret = tf_check_fd(STDIN_FILENO, origin ? origin : TF_ORIGIN_STDIN,
					  "<stdin>", CLI_CHECK_FLAGS, &v);
			path = "<stdin>";
		} else {
			ret = tf_open_check(path, origin ? origin : TF_ORIGIN_FILE,
					    CLI_CHECK_FLAGS, &v);
			if (ret >= 0) {
				close(ret);
				ret = 0;
			}
		}
		if (ret == 0 || (ret == -EACCES && v.denied_by)) {
			print_verdict(path, &v);
			if (ret)
				status = EXIT_REFUSED;
		} else {
			char msg[TF_MESSAGE_MAX];

			tf_verdict_message(ret, &v, msg, sizeof(msg));
			warnx_("%s: %s", path, msg);
			errors++;
		}
	}
	fflush(stdout);
	return errors ? EXIT_TROUBLE : status;
}

/* ---- status and policy ---- */

static void print_bit(const char *words, const char *name, unsigned int bits,
		      unsigned int bit, unsigned int lock)
{
	printf("  %-22s %-11s (%s)%s\n", words,
	       bits & bit ? (bits & lock ? "on, locked" : "on") :
			    (bits & lock ? "off, locked" : "off"),
	       name,
	       (bits & bit) && !(bits & lock) ?
	       "\n  warning: not locked: any descendant can clear it" : "");
}

/*
 * memfds differ between the kernels: trusted_for(2) refuses them under any
 * non-zero policy; AT_EXECVE_CHECK follows their mode, which
 * vm.memfd_noexec decides for memfds created without MFD_EXEC/MFD_NOEXEC_SEAL.
 */
static void print_memfd(unsigned int be)
{
	static const char *const words[] = {
		"memfds may be created executable",
		"new memfds are not executable unless MFD_EXEC asks for it",
		"no memfd can be executable",
	};
	char buf[16] = "";
	FILE *f;

	if (be & TF_BACKEND_TRUSTED_FOR)
		printf("memfd: refused by trusted_for(2) under any non-zero fs.trust_policy\n");
	if (!(be & TF_BACKEND_EXECVE_CHECK))
		return;
	f = fopen("/proc/sys/vm/memfd_noexec", "re");
	if (f && fgets(buf, sizeof(buf), f) && buf[0] >= '0' && buf[0] <= '2')
		printf("memfd: AT_EXECVE_CHECK follows its mode; vm.memfd_noexec=%c: %s\n",
		       buf[0], words[buf[0] - '0']);
	else
		printf("memfd: AT_EXECVE_CHECK follows its mode; vm.memfd_noexec cannot be read\n");
	if (f)
		fclose(f);
}

static int cmd_status(int argc, char **argv)
{
	unsigned int be = tf_backends(), bits = 0;
	int policy;

	(void)argv;
	if (argc > 1) {
		warnx_("status takes no argument");
		return EXIT_TROUBLE;
	}
	printf("libtrustedfor %s, backend: %s\n", tf_version(), tf_backend_name(be));
	printf("trusted_for(2) and fs.trust_policy:      %s\n",
	       be & TF_BACKEND_TRUSTED_FOR ? "available" : "not available");
	printf("AT_EXECVE_CHECK and exec securebits:     %s\n",
	       be & TF_BACKEND_EXECVE_CHECK ? "available" : "not available");

	printf("System-wide policy (fs.trust_policy): ");
	policy = tf_policy_get();
	if (policy >= 0)
		printf("%d, %s\n", policy, policy_words(policy));
	else if (policy == -ENOSYS)
		printf("not available on this kernel\n");
	else if (policy == -EACCES || policy == -EPERM)
		printf("cannot be read without privileges (run as root)\n");
	else
		printf("cannot be read: %s\n", strerror(-policy));

	printf("Per-process policy (exec securebits inherited by this process):");
	if (tf_securebits_get(&bits) == 0) {
		printf("\n");
		print_bit("restrict files:", "SECBIT_EXEC_RESTRICT_FILE", bits,
			  TF_SECBIT_EXEC_RESTRICT_FILE,
			  TF_SECBIT_EXEC_RESTRICT_FILE_LOCKED);
		print_bit("deny interactive code:", "SECBIT_EXEC_DENY_INTERACTIVE", bits,
			  TF_SECBIT_EXEC_DENY_INTERACTIVE,
			  TF_SECBIT_EXEC_DENY_INTERACTIVE_LOCKED);
	} else {
		printf(" not available on this kernel\n");
	}

	print_memfd(be);
#ifdef TF_TEST_SEAMS
	if (secure_getenv("TRUSTED_FOR_FORCE_BACKEND"))
		printf("Note: TRUSTED_FOR_FORCE_BACKEND=%s hides kernel features (test build)\n",
		       secure_getenv("TRUSTED_FOR_FORCE_BACKEND"));
#endif
	if (be == TF_BACKEND_NONE)
		printf("Hint: this kernel cannot check scripts: nothing is enforced.\n"
		       "      Use a kernel with trusted_for(2) (this project's 6.12 series)\n"
		       "      or Linux 6.14 or later (AT_EXECVE_CHECK).\n");
	else if (!(be & TF_BACKEND_TRUSTED_FOR))
		printf("Hint: the policy here is per process: start services with\n"
		       "      'trusted-for run --restrict-file --deny-interactive -- CMD'.\n");
	return EXIT_TRUSTED;
}

static int cmd_policy(int argc, char **argv)
{
	int policy, ret;

	if (argc == 1 || (argc == 2 && !strcmp(argv[1], "get"))) {
		ret = tf_policy_get();
		if (ret >= 0) {
			printf("%d (%s)\n", ret, policy_words(ret));
			return EXIT_TRUSTED;
		}
	} else if (argc == 3 && !strcmp(argv[1], "set")) {
		if (parse_policy(argv[2], &policy))
			return EXIT_TROUBLE;
		ret = tf_policy_set(policy);
		if (!ret) {
			printf("fs.trust_policy = %d (%s)\n", policy, policy_words(policy));
			return EXIT_TRUSTED;
		}
	} else {
		warnx_("usage: %s policy [get] | %s policy set 0..3", prog, prog);
		return EXIT_TROUBLE;
	}
	switch (ret) {
	case -ENOSYS:
		warnx_("this kernel has no fs.trust_policy (trusted_for(2) is missing)");
		if (tf_backends() & TF_BACKEND_EXECVE_CHECK)
			warnx_("hint: this kernel has AT_EXECVE_CHECK: the policy is per process, "
			       "see '%s run'", prog);
		break;
	case -EACCES:
	case -EPERM:
		warnx_("permission denied: fs.trust_policy can only be %s by root "
		       "(CAP_SYS_ADMIN)", argc == 3 ? "changed" : "read");
		break;
	case -EINVAL:
		warnx_("the kernel refused the value");
		break;
	default:
		warnx_("fs.trust_policy: %s", strerror(-ret));
		break;
	}
	return EXIT_TROUBLE;
}

/* ---- run ---- */

static int cmd_run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "restrict-file", no_argument, NULL, 'f' },
		{ "deny-interactive", no_argument, NULL, 'i' },
		{ "lock", no_argument, NULL, 'l' },
		{ "no-lock", no_argument, NULL, 'n' },
		{ "allow-userns", no_argument, NULL, 'u' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned int bits = 0;
	int lock = 1, lock_only = 0, allow_userns = 0, c, ret;

	while ((c = getopt_long(argc, argv, "+filh", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			bits |= TF_SECBIT_EXEC_RESTRICT_FILE;
			break;
		case 'i':
			bits |= TF_SECBIT_EXEC_DENY_INTERACTIVE;
			break;
		case 'l':
			lock = 1;	/* the default; kept for scripts */
			lock_only = 1;
			break;
		case 'n':
			lock = 0;
			break;
		case 'u':
			allow_userns = 1;
			break;
		case 'h':
			usage(stdout);
			return EXIT_TRUSTED;
		default:
			return EXIT_TROUBLE;
		}
	}
	if (optind == argc) {
		warnx_("run: missing command (%s run [--restrict-file] "
		       "[--deny-interactive] [--no-lock] [--allow-userns] -- CMD [ARGS...])",
		       prog);
		return EXIT_TROUBLE;
	}
	if (!bits && !(lock && lock_only)) {
		warnx_("run: nothing to set: give --restrict-file and/or --deny-interactive");
		return EXIT_TROUBLE;
	}
	if (lock) {
		/*
		 * Lock the bits asked for, so that no descendant can clear
		 * them: the kernel lets any process clear an unlocked exec
		 * securebit.  With none asked for, lock both as they are.
		 */
		if (!bits || (bits & TF_SECBIT_EXEC_RESTRICT_FILE))
			bits |= TF_SECBIT_EXEC_RESTRICT_FILE_LOCKED;
		if (!(bits & TF_SECBIT_EXEC_RESTRICT_FILE) ||
		    (bits & TF_SECBIT_EXEC_DENY_INTERACTIVE))
			bits |= TF_SECBIT_EXEC_DENY_INTERACTIVE_LOCKED;
	} else {
		warnx_("warning: --no-lock: any process started by %s can clear "
		       "these bits and escape the policy", argv[optind]);
	}
	ret = tf_securebits_set(bits);
	switch (ret) {
	case 0:
		break;
	case -EOPNOTSUPP:
		warnx_("this kernel has no exec securebits (AT_EXECVE_CHECK, Linux 6.14+)");
		if (tf_backends() & TF_BACKEND_TRUSTED_FOR)
			warnx_("hint: this kernel has trusted_for(2): set the system-wide "
			       "policy with '%s policy set 0..3'", prog);
		return EXIT_TROUBLE;
	case -EPERM:
		warnx_("cannot set the exec securebits: a locked bit cannot change "
		       "(or this kernel wants CAP_SETPCAP)");
		return EXIT_TROUBLE;
	default:
		warnx_("cannot set the exec securebits: %s", strerror(-ret));
		return EXIT_TROUBLE;
	}
	/*
	 * A new user namespace starts with the default securebits: without
	 * this, `unshare -U` would drop even locked bits.  Unlocked bits can
	 * be cleared anyway, so the filter only comes with the lock.
	 */
	if (lock && !allow_userns) {
		ret = forbid_user_namespaces();
		if (ret < 0) {
			warnx_("cannot forbid new user namespaces (seccomp): %s; "
			       "--allow-userns runs without that, and the bits can then "
			       "be dropped", strerror(-ret));
			return EXIT_TROUBLE;
		}
	} else if (lock) {
		warnx_("warning: --allow-userns: a process started by %s can drop "
		       "these bits by creating a user namespace", argv[optind]);
	}
	execvp(argv[optind], argv + optind);
	ret = errno;
	warnx_("%s: %s", argv[optind], strerror(ret));
	return ret == ENOENT ? 127 : 126;
}

/* ---- scan ---- */

struct scan {
	int policy;		/* -1: ask the kernel */
	int json;
	int tty;
	unsigned long files, dirs, symlinks, others, refused, errors;
	const char *sep;
};

/* JSON string; bytes that are not UTF-8 become \u00XX (Latin-1). */
void json_string(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	putchar('"');
	while (*p) {
		unsigned char c = *p;
		int n = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 :
			(c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;
		int ok = n > 0 && !(n == 2 && c < 0xc2);

		for (int i = 1; ok && i < n; i++)
			ok = (p[i] & 0xc0) == 0x80;
		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20 || c == 0x7f || !ok)
			printf("\\u%04x", c);
		else {
			fwrite(p, 1, (size_t)n, stdout);
			p += n;
			continue;
		}
		p++;
	}
	putchar('"');
}

static void scan_report(struct scan *sc, const char *path, unsigned int reasons)
{
	sc->refused++;
	if (sc->json) {
		const char *sep = "";

		printf("%s\n    {\"path\": ", sc->sep);
		json_string(path);
		printf(", \"reasons\": [");
		for (unsigned int bit = 1; bit & TF_REASON_MASK; bit <<= 1) {
			if (!(reasons & bit))
				continue;
			printf("%s\"%s\"", sep, tf_reason_string(bit));
			sep = ", ";
		}
		printf("]}");
		sc->sep = ",";
		return;
	}
	printf("%s: ", path);
	for (unsigned int bit = 1, first = 1; bit & TF_REASON_MASK; bit <<= 1) {
		if (!(reasons & bit))
			continue;
		printf("%s%s", first ? "" : ", ", tf_reason_string(bit));
		first = 0;
	}
	putchar('\n');
}

static void scan_file(struct scan *sc, FTSENT *ent)
{
	struct tf_verdict v;
	unsigned int reasons = 0;
	struct stat st;
	int fd, ret;

	/* fts has changed into the parent: fts_accpath is relative to it. */
	fd = open(ent->fts_accpath, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0) {
		warnx_("%s: %s", ent->fts_path, strerror(errno));
		sc->errors++;
		return;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		sc->others++; /* replaced since fts saw it */
		close(fd);
		return;
	}
	sc->files++;
	if (sc->policy >= 0) {
		ret = tf_predict_fd(fd, sc->policy, &reasons);
	} else {
		ret = tf_check_fd(fd, TF_ORIGIN_FILE, ent->fts_path, CLI_CHECK_FLAGS, &v);
		if (ret == -EACCES && v.denied_by)
			reasons = v.reasons;
		else if (ret == 0 && (v.trusted_for_errno > 0 || v.execve_check_errno > 0))
			ret = -EACCES, reasons = v.reasons; /* would be refused when enforced */
		else if (ret == -EACCES)
			ret = -EIO;
	}
	close(fd);
	if (ret == -EACCES)
		scan_report(sc, ent->fts_path, reasons);
	else if (ret) {
		warnx_("%s: %s", ent->fts_path, strerror(-ret));
		sc->errors++;
	}
}

static void scan_progress(struct scan *sc, int done)
{
	unsigned long n = sc->files + sc->others + sc->symlinks;

	if (sc->tty) {
		if (done)
			fprintf(stderr, "\r\033[K");
		else if (n % 1000 == 0)
			fprintf(stderr, "\rscanned %lu files, %lu refused...", sc->files,
				sc->refused);
	} else if (!done && n && n % 100000 == 0) {
		fprintf(stderr, "%s: scanned %lu files, %lu refused so far\n", prog,
			sc->files, sc->refused);
	}
}

static int cmd_scan(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "policy", required_argument, NULL, 'p' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct scan sc = { .policy = -1, .sep = "" };
	char how[64];
	unsigned int be = tf_backends();
	FTSENT *ent;
	FTS *fts;
	int c;

	while ((c = getopt_long(argc, argv, "+p:jh", opts, NULL)) != -1) {
		switch (c) {
		case 'p':
			if (parse_policy(optarg, &sc.policy))
				return EXIT_TROUBLE;
			break;
		case 'j':
			sc.json = 1;
			break;
		case 'h':
			usage(stdout);
			return EXIT_TRUSTED;
		default:
			return EXIT_TROUBLE;
		}
	}
	if (optind == argc) {
		warnx_("scan: missing DIR");
		return EXIT_TROUBLE;
	}
	if (sc.policy < 0 && be == TF_BACKEND_NONE) {
		warnx_("scan: this kernel offers no execution check; "
		       "use --policy 0..3 for a prediction");
		return EXIT_TROUBLE;
	}
	sc.tty = isatty(STDERR_FILENO);

	/* Physical walk: symlinks are never followed, except the DIRs given. */
	fts = fts_open(argv + optind, FTS_PHYSICAL | FTS_COMFOLLOW, NULL);
	if (!fts) {
		warnx_("scan: %s", strerror(errno));
		return EXIT_TROUBLE;
	}
	if (sc.json) {
		printf("{\"backend\": \"%s\", \"policy\": ", tf_backend_name(be));
		if (sc.policy >= 0)
			printf("%d, \"prediction\": true", sc.policy);
		else
			printf("null, \"prediction\": false");
		printf(", \"refused\": [");
	}
	while ((ent = fts_read(fts))) {
		switch (ent->fts_info) {
		case FTS_D:
			sc.dirs++;
			break;
		case FTS_DP:
			break;
		case FTS_F:
			scan_file(&sc, ent);
			break;
		case FTS_SL:
		case FTS_SLNONE:
			sc.symlinks++;
			break;
		case FTS_DC:
			warnx_("%s: directory cycle, not entered", ent->fts_path);
			break;
		case FTS_DNR:
		case FTS_ERR:
		case FTS_NS:
			warnx_("%s: %s", ent->fts_path, strerror(ent->fts_errno));
			sc.errors++;
			break;
		default: /* devices, FIFOs, sockets: never opened */
			sc.others++;
			break;
		}
		scan_progress(&sc, 0);
	}
	if (errno) {
		warnx_("scan: %s", strerror(errno));
		sc.errors++;
	}
	fts_close(fts);
	scan_progress(&sc, 1);
	if (sc.json) {
		printf("\n  ], \"summary\": {\"files\": %lu, \"refused\": %lu, "
		       "\"directories\": %lu, \"symlinks_not_followed\": %lu, "
		       "\"other_skipped\": %lu, \"errors\": %lu}}\n",
		       sc.files, sc.refused, sc.dirs, sc.symlinks,
		       sc.others, sc.errors);
	}
	fflush(stdout);
	if (sc.policy >= 0)
		snprintf(how, sizeof(how), "predicted for fs.trust_policy=%d", sc.policy);
	else
		snprintf(how, sizeof(how), "answered by %s now", tf_backend_name(be));
	fprintf(stderr,
		"%s: scanned %lu regular files in %lu directories: %lu refused (%s); "
		"%lu symlinks not followed, %lu other files skipped, %lu errors\n",
		prog, sc.files, sc.dirs, sc.refused, how, sc.symlinks, sc.others,
		sc.errors);
	if (sc.errors)
		return EXIT_TROUBLE;
	return sc.refused ? EXIT_REFUSED : EXIT_TRUSTED;
}

int main(int argc, char **argv)
{
	const char *cmd;

	if (argc < 2) {
		usage(stderr);
		return EXIT_TROUBLE;
	}
	cmd = argv[1];
	argc--;
	argv++;
	if (!strcmp(cmd, "check"))
		return cmd_check(argc, argv);
	if (!strcmp(cmd, "status"))
		return cmd_status(argc, argv);
	if (!strcmp(cmd, "policy"))
		return cmd_policy(argc, argv);
	if (!strcmp(cmd, "run"))
		return cmd_run(argc, argv);
	if (!strcmp(cmd, "scan"))
		return cmd_scan(argc, argv);
	if (!strcmp(cmd, "interpreters"))
		return cmd_interpreters(argc, argv);
	if (!strcmp(cmd, "version") || !strcmp(cmd, "--version")) {
		printf("trusted-for %s (libtrustedfor %s, built with %d.%d.%d)\n",
		       tf_version(), tf_version(), TF_VERSION_MAJOR, TF_VERSION_MINOR,
		       TF_VERSION_MICRO);
		return EXIT_TRUSTED;
	}
	if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
		usage(stdout);
		return EXIT_TRUSTED;
	}
	warnx_("unknown command '%s'", cmd);
	usage(stderr);
	return EXIT_TROUBLE;
}
