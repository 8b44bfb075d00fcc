// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * tf-java: Debian's OpenJDK 17 started through the JNI invocation API by a
 * launcher that asks the kernel before the JVM runs code from a file
 * (libtrustedfor(3); see also trusted_for(2), SECURITY.md, java/README.md).
 *
 * Two layers:
 *  - before the JVM exists, the command line: the -jar JAR, the main class
 *    file in a class path directory, each class path, module path and
 *    boot class path entry that is a file, --patch-module files, the
 *    source file of the single-file launcher, -javaagent: JARs,
 *    -agentpath: libraries, @argfiles, -XX:Flags= and -XX:VMOptionsFile=
 *    files are opened once and checked (origin file); a refusal exits 126.
 *    JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS and _JAVA_OPTIONS are inline code
 *    when they add code (an agent, a class path, module path or boot class
 *    path entry, an options file), and the files they name are checked too.
 *  - while the JVM runs, the launcher exports open(), open64(), openat(),
 *    openat64(), their fortified variants and dlopen() (java/exports.list),
 *    which the JDK's libraries bind to before libc's: every read-only open
 *    of a file that holds code (see code_name()) is checked on the
 *    descriptor that open returned, and refused with EACCES (the class
 *    loader sees a missing file: ClassNotFoundException); every library
 *    dlopen()ed by path (libjvm.so itself, the JDK's libraries, agents,
 *    System.load/loadLibrary) is opened, checked, and mapped from that
 *    descriptor through /proc/self/fd.
 * Not covered: bytecode that admitted code makes in memory (defineClass,
 * Lookup.defineClass, proxies, lambdas, the source launcher's compiled
 * classes), class files a program reads with its own I/O and defines;
 * files the JDK reads with fopen() (not code); libraries dlopen()ed by a
 * bare soname (ld.so's search).  jshell is not offered.  See README.md.
 */
#include <dirent.h>
#include <dlfcn.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jni.h>
#include <trusted-for.h>

#define EXIT_REFUSED 126	/* like a failed exec, as the shells do */
#define EXIT_ERROR 1		/* what java itself exits with on errors */

#ifndef TF_JAVA_HOME
#define TF_JAVA_HOME "/usr/lib/jvm/java-17-openjdk-amd64"
#endif

/* sun.launcher.LauncherHelper's launch modes. */
#define LM_CLASS 1
#define LM_JAR 2
#define LM_MODULE 3
#define LM_SOURCE 4
#define SOURCE_MAIN "jdk.compiler/com.sun.tools.javac.launcher.Main"

static const char *progname = "tf-java";

/* ------------------------------------------------------------------ */
/* Growing arrays of strings. */

struct strv {
	char **v;
	size_t n, cap;
};

static void die_oom(void)
{
	fprintf(stderr, "%s: out of memory\n", progname);
	exit(EXIT_ERROR);
}

static char *xstrdup(const char *s)
{
	char *d = strdup(s);

	if (!d)
		die_oom();
	return d;
}

static char *xprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int ret;

	va_start(ap, fmt);
	ret = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (ret < 0)
		die_oom();
	return s;
}

static void strv_push(struct strv *a, char *s)
{
	if (a->n + 1 >= a->cap) {
		size_t cap = a->cap ? 2 * a->cap : 16;
		char **v = realloc(a->v, cap * sizeof(*v));

		if (!v)
			die_oom();
		a->v = v;
		a->cap = cap;
	}
	a->v[a->n++] = s;
	a->v[a->n] = NULL;
}

/* ------------------------------------------------------------------ */
/* Refusals. */

/* Print why code is refused, in the library's words. */
static void say_refused(const char *name, int ret, const struct tf_verdict *v)
{
	char why[TF_MESSAGE_MAX];

	tf_verdict_message(ret, v, why, sizeof(why));
	fprintf(stderr, "%s: %s: %s\n", progname, name, why);
}

/* Inline code named @what (an environment variable): 0 or exit 126. */
static void check_inline(const char *what)
{
	struct tf_verdict v;
	int ret;

	ret = tf_check_fd(-1, TF_ORIGIN_INLINE, what, 0, &v);
	if (ret) {
		say_refused(what, ret, &v);
		exit(EXIT_REFUSED);
	}
}

/*
 * A file named on the command line that holds code: opened once and
 * checked.  Returns the checked descriptor (O_CLOEXEC), -1 when the file
 * does not exist and @missing_ok (java ignores such class path entries);
 * exits 126 when refused, 1 when it cannot be opened.
 */
static int check_file(const char *path, const char *what, int missing_ok)
{
	struct tf_verdict v;
	int fd;

	fd = tf_open_check(path, TF_ORIGIN_FILE, 0, &v);
	if (fd >= 0)
		return fd;
	if (!v.checked) {
		if (missing_ok && (fd == -ENOENT || fd == -ENOTDIR))
			return -1;
		fprintf(stderr, "%s: %s %s: %s\n", progname, what, path, strerror(-fd));
		exit(EXIT_ERROR);
	}
	say_refused(path, fd, &v);
	exit(EXIT_REFUSED);
}

/* As check_file(), the descriptor closed. */
static void check_file_closed(const char *path, const char *what, int missing_ok)
{
	int fd = check_file(path, what, missing_ok);

	if (fd >= 0)
		close(fd);
}

static int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* ------------------------------------------------------------------ */
/*
 * The run-time layer: the libc entry points the JDK's libraries open code
 * through, exported by the launcher (java/exports.list) so that the
 * dynamic linker binds the JDK's calls to them.
 */

/* Real paths of files checked on the command line that the JVM opens
 * under names code_name() does not know (a class path JAR named *.bin). */
static struct strv registered;
static pthread_mutex_t registered_lock = PTHREAD_MUTEX_INITIALIZER;
/* Set once the command line is checked: from then on, opens are checked. */
static volatile int armed;

static void register_code(const char *path)
{
	char real[PATH_MAX];

	if (!realpath(path, real))
		return;
	pthread_mutex_lock(&registered_lock);
	strv_push(&registered, xstrdup(real));
	pthread_mutex_unlock(&registered_lock);
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

/*
 * Whether a file the JVM opens for reading under @path holds code: class
 * files, archives of classes (JAR, zip, jmod), the modules image of the
 * JDK, the class data sharing archives, Java sources (the source
 * launcher), or a file registered from the command line.
 */
static int code_name(const char *path, int fd)
{
	static const char *const suffixes[] = {
		".class", ".jar", ".zip", ".jmod", ".jsa", ".java", "/lib/modules",
	};
	char link[64], real[PATH_MAX];
	ssize_t len;
	int found = 0;

	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++)
		if (ends_with(path, suffixes[i]))
			return 1;
	if (!registered.n)
		return 0;
	/* The real path of what was opened: no reopening. */
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	len = readlink(link, real, sizeof(real) - 1);
	if (len <= 0)
		return 0;
	real[len] = '\0';
	pthread_mutex_lock(&registered_lock);
	for (size_t i = 0; i < registered.n && !found; i++)
		found = strcmp(registered.v[i], real) == 0;
	pthread_mutex_unlock(&registered_lock);
	return found;
}

/*
 * The descriptor @fd that an open of @path with @flags returned, checked
 * if it holds code: @fd, or -1 with errno EACCES once refused (the JVM
 * reports a missing class; the reason goes to stderr, since the exception
 * text is the JVM's).
 */
static int checked_open(int fd, const char *path, int flags)
{
	struct tf_verdict v;
	int ret, saved = errno;

	if (fd < 0 || !armed || !path)
		return fd;
	if ((flags & O_ACCMODE) != O_RDONLY || (flags & (O_PATH | O_DIRECTORY)))
		return fd;
	if (!code_name(path, fd)) {
		errno = saved;
		return fd;
	}
	ret = tf_check_fd(fd, TF_ORIGIN_FILE, path, 0, &v);
	if (!ret) {
		errno = saved;
		return fd;
	}
	say_refused(path, ret, &v);
	close(fd);
	errno = EACCES;
	return -1;
}

typedef int (*open_fn)(const char *, int, ...);
typedef int (*openat_fn)(int, const char *, int, ...);
typedef void *(*dlopen_fn)(const char *, int);

/* The next definition of @name: libc's. */
static void *real(void **slot, const char *name)
{
	void *fn = __atomic_load_n(slot, __ATOMIC_ACQUIRE);

	if (!fn) {
		fn = dlsym(RTLD_NEXT, name);
		if (!fn) {
			fprintf(stderr, "%s: no %s in libc\n", progname, name);
			abort();
		}
		__atomic_store_n(slot, fn, __ATOMIC_RELEASE);
	}
	return fn;
}

#define REAL(type, name) ({ static void *slot_; (type)real(&slot_, name); })

static mode_t open_mode(int flags, va_list ap)
{
	return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE ?
		(mode_t)va_arg(ap, int) : 0;
}

#define EXPORT __attribute__((visibility("default")))

EXPORT int open(const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = open_mode(flags, ap);
	va_end(ap);
	return checked_open(REAL(open_fn, "open")(path, flags, mode), path, flags);
}

EXPORT int open64(const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = open_mode(flags, ap);
	va_end(ap);
	return checked_open(REAL(open_fn, "open64")(path, flags, mode), path, flags);
}

EXPORT int openat(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = open_mode(flags, ap);
	va_end(ap);
	return checked_open(REAL(openat_fn, "openat")(dirfd, path, flags, mode),
			    path, flags);
}

EXPORT int openat64(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = open_mode(flags, ap);
	va_end(ap);
	return checked_open(REAL(openat_fn, "openat64")(dirfd, path, flags, mode),
			    path, flags);
}

/* _FORTIFY_SOURCE's variants (libnio uses __open_2): no mode argument. */
EXPORT int __open_2(const char *path, int flags)
{
	return checked_open(REAL(open_fn, "open")(path, flags), path, flags);
}

EXPORT int __open64_2(const char *path, int flags)
{
	return checked_open(REAL(open_fn, "open64")(path, flags), path, flags);
}

EXPORT int __openat_2(int dirfd, const char *path, int flags)
{
	return checked_open(REAL(openat_fn, "openat")(dirfd, path, flags),
			    path, flags);
}

EXPORT int __openat64_2(int dirfd, const char *path, int flags)
{
	return checked_open(REAL(openat_fn, "openat64")(dirfd, path, flags),
			    path, flags);
}

/* Open the library @file and check it: the descriptor, or -1 (said why). */
static int checked_library(const char *file)
{
	struct tf_verdict v;
	int fd;

	fd = tf_open_check(file, TF_ORIGIN_FILE, 0, &v);
	if (fd >= 0)
		return fd;
	if (v.checked)
		say_refused(file, fd, &v);
	errno = -fd;
	return -1;
}

/*
 * The libraries that @fd (the checked library @file) needs and that lie
 * beside it, loaded first through dlopen() (hence checked): mapped from
 * /proc/self/fd/N, the library's $ORIGIN is /proc/self/fd, where the
 * dynamic linker would not find them (the JDK's libraries have RUNPATH
 * $ORIGIN).  The dynamic linker then finds them loaded, by soname.  Other
 * libraries are found by its usual search (system directories).
 */
static void preload_needed(int fd, const char *file)
{
	Elf64_Ehdr eh;
	Elf64_Phdr ph[64];
	Elf64_Dyn dyn[512];
	Elf64_Addr strtab = 0;
	Elf64_Xword strsz = 0;
	char *strs = NULL, *dir;
	const char *slash = strrchr(file, '/');
	size_t nd = 0, nph;
	off_t stroff = -1;

	if (pread(fd, &eh, sizeof(eh), 0) != sizeof(eh) ||
	    memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 ||
	    eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_phentsize != sizeof(Elf64_Phdr))
		return;
	nph = eh.e_phnum < 64 ? eh.e_phnum : 64;
	if (pread(fd, ph, nph * sizeof(ph[0]), eh.e_phoff) != (ssize_t)(nph * sizeof(ph[0])))
		return;
	for (size_t i = 0; i < nph; i++) {
		if (ph[i].p_type != PT_DYNAMIC)
			continue;
		nd = ph[i].p_filesz / sizeof(dyn[0]);
		if (nd > 512)
			nd = 512;
		if (pread(fd, dyn, nd * sizeof(dyn[0]), ph[i].p_offset) !=
		    (ssize_t)(nd * sizeof(dyn[0])))
			return;
	}
	for (size_t i = 0; i < nd && dyn[i].d_tag != DT_NULL; i++) {
		if (dyn[i].d_tag == DT_STRTAB)
			strtab = dyn[i].d_un.d_ptr;
		else if (dyn[i].d_tag == DT_STRSZ)
			strsz = dyn[i].d_un.d_val;
	}
	for (size_t i = 0; i < nph; i++)
		if (ph[i].p_type == PT_LOAD && strtab >= ph[i].p_vaddr &&
		    strtab < ph[i].p_vaddr + ph[i].p_filesz)
			stroff = strtab - ph[i].p_vaddr + ph[i].p_offset;
	if (stroff < 0 || !strsz || strsz > (1u << 20) || !slash)
		return;
	strs = malloc(strsz + 1);
	if (!strs || pread(fd, strs, strsz, stroff) != (ssize_t)strsz) {
		free(strs);
		return;
	}
	strs[strsz] = '\0';
	dir = strndup(file, slash - file);
	for (size_t i = 0; dir && i < nd && dyn[i].d_tag != DT_NULL; i++) {
		const char *need;
		char *path;

		if (dyn[i].d_tag != DT_NEEDED || dyn[i].d_un.d_val >= strsz)
			continue;
		need = strs + dyn[i].d_un.d_val;
		if (strchr(need, '/') || dlopen(need, RTLD_LAZY | RTLD_NOLOAD))
			continue;
		path = xprintf("%s/%s", dir, need);
		if (access(path, F_OK) == 0)
			dlopen(path, RTLD_LAZY);
		free(path);
	}
	free(dir);
	free(strs);
}

/*
 * A library given by path: opened, checked, and mapped from that very
 * descriptor (/proc/self/fd/N, which the dynamic linker opens as the same
 * file).  The descriptor stays open while the library may be in use: the
 * JVM finds its home from the name libjvm.so was loaded under; the JVM
 * loads each library once, so these are few.  A bare
 * soname is left to the dynamic linker's search (not checked, see
 * README.md); so is RTLD_NOLOAD, which maps nothing.
 */
EXPORT void *dlopen(const char *file, int mode)
{
	dlopen_fn real_dlopen = REAL(dlopen_fn, "dlopen");
	char name[64];
	void *handle;
	int fd;

	if (!armed || !file || !strchr(file, '/') || (mode & RTLD_NOLOAD))
		return real_dlopen(file, mode);
	fd = checked_library(file);
	if (fd < 0)
		return NULL;
	preload_needed(fd, file);
	snprintf(name, sizeof(name), "/proc/self/fd/%d", fd);
	handle = real_dlopen(name, mode);
	/*
	 * Kept open once loaded, even when the file was already mapped under
	 * another name: the dynamic linker then adds this name to that
	 * library, and a descriptor number used again would find it.
	 */
	if (!handle)
		close(fd);
	return handle;
}

/* ------------------------------------------------------------------ */
/* The command line. */

struct launch {
	struct strv jvm;	/* JavaVMOption strings */
	int mode;		/* LM_*, 0 when nothing to run */
	const char *what;	/* class, JAR, module[/class], or SOURCE_MAIN */
	struct strv app;	/* the program's arguments */
	const char *class_path;	/* -cp, CLASSPATH; NULL: the JVM's "." */
	const char *source;	/* --source RELEASE */
	int version;		/* 1 -version, 2 --version, 3 -showversion, 4 --show-version */
	int dry_run, list_modules;
};

/* Options of the java launcher that take the next argument as value. */
static const char *const with_value[] = {
	"-cp", "-classpath", "--class-path", "-p", "--module-path",
	"--upgrade-module-path", "--add-modules", "--limit-modules",
	"--add-exports", "--add-opens", "--add-reads", "--patch-module",
	"--enable-native-access", "--source", "-jar", "-m", "--module", NULL,
};

static int takes_value(const char *arg)
{
	for (int i = 0; with_value[i]; i++)
		if (strcmp(arg, with_value[i]) == 0)
			return 1;
	return 0;
}

/* Whether a launcher or JVM option adds code to what the JVM loads. */
static int adds_code(const char *opt)
{
	static const char *const prefixes[] = {
		"-javaagent:", "-agentpath:", "-agentlib:", "-Xrun", "-Xbootclasspath",
		"-Djava.class.path=", "-Djdk.module.path=",
		"-Djdk.module.upgrade.path=", "-Djdk.module.patch.",
		"-XX:Flags=", "-XX:VMOptionsFile=", "-XX:SharedArchiveFile=",
		"--module-path", "--upgrade-module-path", "--patch-module",
		"--class-path", NULL,
	};

	if (strcmp(opt, "-cp") == 0 || strcmp(opt, "-classpath") == 0 ||
	    strcmp(opt, "-p") == 0)
		return 1;
	for (int i = 0; prefixes[i]; i++)
		if (strncmp(opt, prefixes[i], strlen(prefixes[i])) == 0)
			return 1;
	return 0;
}

/*
 * Split @text into words the way the java launcher splits an @argfile or
 * JDK_JAVA_OPTIONS: white space separates; '...' and "..." group, and
 * inside them \n \t \r \f \\ \" \' are escapes; a backslash at the end of
 * a line continues the word on the next one, after its leading blanks;
 * with @comments, '#' at the start of a word comments out the line.
 */
static void split_words(const char *text, int comments, struct strv *out)
{
	const char *p = text;

	for (;;) {
		char *word, *w, quote = 0;

		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f')
			p++;
		if (!*p)
			return;
		if (comments && *p == '#') {
			while (*p && *p != '\n')
				p++;
			continue;
		}
		word = w = malloc(strlen(p) + 1);
		if (!word)
			die_oom();
		for (; *p; p++) {
			if (*p == '\\' && (p[1] == '\n' || (p[1] == '\r' && p[2] == '\n'))) {
				p += p[1] == '\r' ? 2 : 1;
				while (p[1] == ' ' || p[1] == '\t')
					p++;
				continue;
			}
			if (quote) {
				if (*p == quote) {
					quote = 0;
				} else if (*p == '\\' && p[1]) {
					p++;
					*w++ = *p == 'n' ? '\n' : *p == 't' ? '\t' :
					       *p == 'r' ? '\r' : *p == 'f' ? '\f' : *p;
				} else {
					*w++ = *p;
				}
				continue;
			}
			if (*p == '\'' || *p == '"') {
				quote = *p;
				continue;
			}
			if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f')
				break;
			*w++ = *p;
		}
		*w = '\0';
		strv_push(out, word);
	}
}

/* An @argfile: opened once, checked (origin file), read from that fd. */
static void read_argfile(const char *path, struct strv *out)
{
	char *text = NULL;
	size_t len = 0, cap = 0;
	ssize_t n;
	int fd;

	fd = check_file(path, "cannot open the @argfile", 0);
	for (;;) {
		if (len + 4096 + 1 > cap) {
			cap = cap ? 2 * cap : 8192;
			text = realloc(text, cap);
			if (!text)
				die_oom();
		}
		n = read(fd, text + len, cap - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			fprintf(stderr, "%s: @%s: %s\n", progname, path, strerror(errno));
			exit(EXIT_ERROR);
		}
		if (n == 0)
			break;
		len += n;
	}
	close(fd);
	text[len] = '\0';
	split_words(text, 1, out);
	free(text);
}

/*
 * The command line with its @argfiles expanded, up to the main class, JAR,
 * module or source file (after it, an @word is the program's argument), as
 * the java launcher does; --disable-@files stops the expansion.
 */
struct expander {
	struct strv out;
	int value;		/* the next word is an option's value */
	int last;		/* ... and after it the program's arguments */
	int done, no_files;
};

static void expand_word(struct expander *e, const char *arg, int from_file)
{
	if (e->done) {
		strv_push(&e->out, xstrdup(arg));
		return;
	}
	if (e->value) {
		strv_push(&e->out, xstrdup(arg));
		e->value = 0;
		e->done = e->last;
		return;
	}
	if (arg[0] == '@' && arg[1] && !e->no_files && !from_file) {
		struct strv words = { 0 };

		read_argfile(arg + 1, &words);
		for (size_t i = 0; i < words.n; i++)
			expand_word(e, words.v[i], 1);
		return;
	}
	strv_push(&e->out, xstrdup(arg));
	if (strcmp(arg, "--disable-@files") == 0) {
		e->no_files = 1;
	} else if (arg[0] != '-') {
		e->done = 1;	/* the main class or the source file */
	} else if (strncmp(arg, "--module=", 9) == 0) {
		e->done = 1;
	} else if (takes_value(arg)) {
		e->value = 1;
		e->last = strcmp(arg, "-jar") == 0 || strcmp(arg, "-m") == 0 ||
			  strcmp(arg, "--module") == 0;
	}
}

/* Check each file of a path list (class path, boot class path). */
static void check_path_list(const char *list, const char *what)
{
	char *copy = xstrdup(list), *save = NULL;

	for (char *e = strtok_r(copy, ":", &save); e; e = strtok_r(NULL, ":", &save)) {
		if (is_dir(e))
			continue;	/* its class files are checked as opened */
		check_file_closed(e, what, 1);
		register_code(e);
	}
	free(copy);
}

/* The JARs in @dir: a class path wildcard (DIR/ and a star) or a module path. */
static void dir_archives(const char *dir, int jmods, struct strv *out)
{
	struct dirent **names;
	int n;

	n = scandir(dir, &names, NULL, alphasort);
	for (int i = 0; i < n; i++) {
		const char *name = names[i]->d_name;

		if (ends_with(name, ".jar") || (jmods && ends_with(name, ".jmod")))
			strv_push(out, xprintf("%s/%s", dir, name));
		free(names[i]);
	}
	if (n >= 0)
		free(names);
}

/*
 * The class path as the JVM gets it: wildcard entries (DIR/ and a star)
 * expanded to the JARs
 * of dir, as the java launcher does (the JVM would not).
 */
static char *expand_class_path(const char *cp)
{
	char *copy = xstrdup(cp), *save = NULL, *out = xstrdup("");
	int first = 1;

	for (char *e = strtok_r(copy, ":", &save); e; e = strtok_r(NULL, ":", &save)) {
		size_t len = strlen(e);
		struct strv jars = { 0 };
		char *next;

		if (len >= 1 && e[len - 1] == '*' && (len == 1 || e[len - 2] == '/')) {
			char *dir = len == 1 ? xstrdup(".") : strndup(e, len - 2);

			if (!dir)
				die_oom();
			dir_archives(*dir ? dir : "/", 0, &jars);
			free(dir);
		} else {
			strv_push(&jars, xstrdup(e));
		}
		for (size_t i = 0; i < jars.n; i++) {
			next = xprintf("%s%s%s", out, first ? "" : ":", jars.v[i]);
			free(out);
			free(jars.v[i]);
			out = next;
			first = 0;
		}
		free(jars.v);
	}
	free(copy);
	return out;
}

/* The main class's file in the first class path directory that has it. */
static void check_main_class_file(const char *cp, const char *cls)
{
	char *copy = xstrdup(cp), *save = NULL, *rel = xstrdup(cls);

	for (char *c = rel; *c; c++)
		if (*c == '.')
			*c = '/';
	for (char *e = strtok_r(copy, ":", &save); e; e = strtok_r(NULL, ":", &save)) {
		char *file;

		if (!is_dir(e))
			continue;
		file = xprintf("%s/%s.class", e, rel);
		if (access(file, F_OK) == 0) {
			check_file_closed(file, "cannot open the main class", 1);
			free(file);
			break;
		}
		free(file);
	}
	free(rel);
	free(copy);
}

/* A module path (or upgrade module path): its archives and files. */
static void check_module_path(const char *list)
{
	char *copy = xstrdup(list), *save = NULL;

	for (char *e = strtok_r(copy, ":", &save); e; e = strtok_r(NULL, ":", &save)) {
		struct strv found = { 0 };

		if (!is_dir(e)) {
			check_file_closed(e, "cannot open the module", 1);
			register_code(e);
			continue;
		}
		dir_archives(e, 1, &found);
		for (size_t i = 0; i < found.n; i++) {
			check_file_closed(found.v[i], "cannot open the module", 1);
			register_code(found.v[i]);
			free(found.v[i]);
		}
		free(found.v);
	}
	free(copy);
}

/* The file part of "-javaagent:JAR=OPTIONS" or "-agentpath:LIB=OPTIONS". */
static char *option_file(const char *value)
{
	const char *eq = strchr(value, '=');
	char *file = eq ? strndup(value, eq - value) : xstrdup(value);

	if (!file)
		die_oom();
	return file;
}

/*
 * Check the files a JVM option names as code, and register them for the
 * run-time checks.  Returns the option to give the JVM: an options file
 * (-XX:Flags=, -XX:VMOptionsFile=) stays open, and the option names the
 * checked descriptor (/proc/self/fd/N), which the JVM reads with fopen().
 */
static char *check_jvm_option(const char *opt)
{
	static const char *const opt_files[] = { "-XX:Flags=", "-XX:VMOptionsFile=", NULL };
	const char *v;

	if (strncmp(opt, "-javaagent:", 11) == 0 || strncmp(opt, "-agentpath:", 11) == 0) {
		char *file = option_file(opt + 11);

		check_file_closed(file, opt[1] == 'j' ? "cannot open the agent" :
				  "cannot open the agent library", 0);
		register_code(file);
		free(file);
	} else if (strncmp(opt, "-Xbootclasspath/a:", 18) == 0) {
		check_path_list(opt + 18, "cannot open the boot class path entry");
	} else if (strncmp(opt, "-Djava.class.path=", 18) == 0) {
		check_path_list(opt + 18, "cannot open the class path entry");
	} else if (strncmp(opt, "-Djdk.module.path=", 18) == 0) {
		check_module_path(opt + 18);
	} else if (strncmp(opt, "-Djdk.module.upgrade.path=", 26) == 0) {
		check_module_path(opt + 26);
	} else if (strncmp(opt, "-XX:SharedArchiveFile=", 22) == 0) {
		check_path_list(opt + 22, "cannot open the shared archive");
	} else {
		for (int i = 0; opt_files[i]; i++) {
			size_t len = strlen(opt_files[i]);

			if (strncmp(opt, opt_files[i], len) != 0)
				continue;
			v = opt + len;
			return xprintf("%s/proc/self/fd/%d", opt_files[i],
				       check_file(v, "cannot open the options file", 0));
		}
	}
	return xstrdup(opt);
}

/* --patch-module MODULE=FILE:DIR...: the files are code. */
static void check_patch(const char *value)
{
	const char *eq = strchr(value, '=');

	if (eq)
		check_path_list(eq + 1, "cannot open the patch");
}

static void add_module_option(struct launch *l, const char *name, const char *value)
{
	if (strcmp(name, "--module-path") == 0 || strcmp(name, "-p") == 0) {
		check_module_path(value);
		name = "--module-path";
	} else if (strcmp(name, "--upgrade-module-path") == 0) {
		check_module_path(value);
	} else if (strcmp(name, "--patch-module") == 0) {
		check_patch(value);
	}
	strv_push(&l->jvm, xprintf("%s=%s", name, value));
}

static void usage(FILE *out)
{
	fprintf(out,
		"usage: %s [options] <mainclass> [args...]\n"
		"   or  %s [options] -jar <jarfile> [args...]\n"
		"   or  %s [options] -m <module>[/<mainclass>] [args...]\n"
		"   or  %s [options] <sourcefile> [args...]\n"
		"OpenJDK 17 (%s) with execution checks (libtrustedfor);\n"
		"the options are java(1)'s: -cp, -p, --add-modules, -D, -X, -XX:,\n"
		"-javaagent:, -agentpath:, -agentlib:, --source, @argfiles, -version.\n"
		"Exit status: the program's; 126 when its code is refused, 1 on errors.\n",
		progname, progname, progname, progname, TF_JAVA_HOME);
}

static int jvm_option_prefix(const char *arg)
{
	static const char *const prefixes[] = {
		"-D", "-X", "-ea", "-da", "-esa", "-dsa", "-enableassertions",
		"-disableassertions", "-enablesystemassertions",
		"-disablesystemassertions", "-verbose", "-javaagent:", "-agentlib:",
		"-agentpath:", NULL,
	};

	for (int i = 0; prefixes[i]; i++)
		if (strncmp(arg, prefixes[i], strlen(prefixes[i])) == 0)
			return 1;
	return 0;
}

/*
 * The JDWP agent: a debugger that connects may evaluate expressions and
 * call any method, code typed by someone, hence inline code (as jshell).
 */
static int is_debugger(const char *opt)
{
	return strncmp(opt, "-agentlib:jdwp", 14) == 0 || strncmp(opt, "-Xrunjdwp", 9) == 0 ||
	       (strncmp(opt, "-agentpath:", 11) == 0 && strstr(opt, "libjdwp"));
}

/* The java launcher's options, into @l; the rest is the program's. */
static void parse(struct launch *l, char **args, size_t n)
{
	size_t i;

	for (i = 0; i < n && !l->mode; i++) {
		const char *a = args[i], *eq = strchr(a, '='), *v = NULL;
		char name[64] = "";

		if (a[0] == '-' && a[1] == '-' && eq && (size_t)(eq - a) < sizeof(name)) {
			memcpy(name, a, eq - a);
			name[eq - a] = '\0';
			v = eq + 1;
			if (!takes_value(name)) {
				v = NULL;
				name[0] = '\0';
			}
		}
		if (!v && takes_value(a)) {
			if (i + 1 >= n) {
				fprintf(stderr, "%s: %s requires an argument\n", progname, a);
				exit(EXIT_ERROR);
			}
			snprintf(name, sizeof(name), "%s", a);
			v = args[++i];
		}
		if (v) {
			if (!strcmp(name, "-cp") || !strcmp(name, "-classpath") ||
			    !strcmp(name, "--class-path")) {
				l->class_path = v;
			} else if (!strcmp(name, "-jar")) {
				l->mode = LM_JAR;
				l->what = v;
			} else if (!strcmp(name, "-m") || !strcmp(name, "--module")) {
				const char *slash = strchr(v, '/');
				char *mod = slash ? strndup(v, slash - v) : xstrdup(v);

				if (!mod)
					die_oom();
				l->mode = LM_MODULE;
				l->what = v;
				strv_push(&l->jvm, xprintf("-Djdk.module.main=%s", mod));
				free(mod);
			} else if (!strcmp(name, "--source")) {
				l->source = v;
			} else {
				add_module_option(l, name, v);
			}
		} else if (!strcmp(a, "-version")) {
			l->version = 1;
		} else if (!strcmp(a, "--version")) {
			l->version = 2;
		} else if (!strcmp(a, "-showversion")) {
			l->version = 3;
		} else if (!strcmp(a, "--show-version")) {
			l->version = 4;
		} else if (!strcmp(a, "--dry-run")) {
			l->dry_run = 1;
		} else if (!strcmp(a, "--list-modules")) {
			l->list_modules = 1;
		} else if (!strcmp(a, "-h") || !strcmp(a, "-help") || !strcmp(a, "--help") ||
			   !strcmp(a, "-?")) {
			usage(stdout);
			exit(0);
		} else if (!strcmp(a, "--disable-@files") || !strcmp(a, "-server") ||
			   !strcmp(a, "-client")) {
			/* nothing to do */
		} else if (jvm_option_prefix(a)) {
			if (is_debugger(a))
				check_inline(a);
			strv_push(&l->jvm, check_jvm_option(a));
		} else if (a[0] == '-') {
			fprintf(stderr, "%s: unrecognized option: %s\n", progname, a);
			exit(EXIT_ERROR);
		} else if (l->source || ends_with(a, ".java")) {
			l->mode = LM_SOURCE;
			l->what = SOURCE_MAIN;
			strv_push(&l->app, xstrdup(a));
		} else {
			l->mode = LM_CLASS;
			l->what = a;
		}
	}
	for (; i < n; i++)
		strv_push(&l->app, xstrdup(args[i]));
}

/* JAVA_TOOL_OPTIONS and _JAVA_OPTIONS, which the JVM reads itself. */
static void check_jvm_env(const char *var)
{
	const char *text = getenv(var);
	struct strv words = { 0 };
	int code = 0;

	if (!text)
		return;
	split_words(text, 0, &words);
	for (size_t i = 0; i < words.n; i++)
		code |= adds_code(words.v[i]);
	if (code) {
		check_inline(var);
		for (size_t i = 0; i < words.n; i++)
			free(check_jvm_option(words.v[i]));
	}
	for (size_t i = 0; i < words.n; i++)
		free(words.v[i]);
	free(words.v);
}

/*
 * JDK_JAVA_OPTIONS: launcher options before the command line's; no main
 * class, -jar, -m or @argfile (as the java launcher says).  Inline code
 * when it adds code.
 */
static void jdk_java_options(struct expander *e)
{
	const char *text = getenv("JDK_JAVA_OPTIONS");
	struct strv words = { 0 };
	int code = 0;

	if (!text)
		return;
	split_words(text, 0, &words);
	if (words.n)
		fprintf(stderr, "NOTE: Picked up JDK_JAVA_OPTIONS: %s\n", text);
	for (size_t i = 0; i < words.n; i++) {
		const char *w = words.v[i];

		if (w[0] != '-' || !strcmp(w, "-jar") || !strcmp(w, "-m") ||
		    !strncmp(w, "--module", 8)) {
			fprintf(stderr, "%s: JDK_JAVA_OPTIONS: '%s' is not allowed there\n",
				progname, w);
			exit(EXIT_ERROR);
		}
		code |= adds_code(w);
	}
	if (code)
		check_inline("JDK_JAVA_OPTIONS");
	e->no_files = 1;	/* no @argfile in the variable */
	for (size_t i = 0; i < words.n; i++)
		expand_word(e, words.v[i], 1);
	e->no_files = 0;
	e->done = e->value = 0;
}

/* ------------------------------------------------------------------ */
/* The JVM. */

/* libjvm.so of the JDK, checked and mapped from the checked descriptor. */
static void *load_jvm(const char *home)
{
	char *path = xprintf("%s/lib/server/libjvm.so", home);
	struct tf_verdict v;
	char name[64];
	void *h;
	int fd;

	fd = tf_open_check(path, TF_ORIGIN_FILE, 0, &v);
	if (fd < 0) {
		if (v.checked) {
			say_refused(path, fd, &v);
			exit(EXIT_REFUSED);
		}
		fprintf(stderr, "%s: %s: %s\n", progname, path, strerror(-fd));
		exit(EXIT_ERROR);
	}
	snprintf(name, sizeof(name), "/proc/self/fd/%d", fd);
	h = REAL(dlopen_fn, "dlopen")(name, RTLD_NOW | RTLD_GLOBAL);
	if (!h) {
		fprintf(stderr, "%s: %s: %s\n", progname, path, dlerror());
		exit(EXIT_ERROR);
	}
	free(path);
	return h;	/* the descriptor stays open: it names libjvm.so */
}

/* A Java string of the platform's encoding, as the java launcher makes. */
static jstring platform_string(JNIEnv *env, jclass helper, const char *s)
{
	static jmethodID make;
	jbyteArray bytes;
	jstring str;
	jsize len = strlen(s);

	if (!make)
		make = (*env)->GetStaticMethodID(env, helper, "makePlatformString",
						 "(Z[B)Ljava/lang/String;");
	if (!make)
		return NULL;
	bytes = (*env)->NewByteArray(env, len);
	if (!bytes)
		return NULL;
	(*env)->SetByteArrayRegion(env, bytes, 0, len, (const jbyte *)s);
	str = (*env)->CallStaticObjectMethod(env, helper, make, JNI_TRUE, bytes);
	(*env)->DeleteLocalRef(env, bytes);
	return str;
}

struct java_main {
	struct launch *l;
	void *jvm;
	int ret;
};

/* 1 when an exception is pending (it is printed as java prints it). */
static int failed(JNIEnv *env)
{
	return (*env)->ExceptionCheck(env) ? 1 : 0;
}

static int leave(JavaVM *vm, int ret)
{
	if ((*vm)->DetachCurrentThread(vm) != JNI_OK) {
		fprintf(stderr, "%s: could not detach the main thread\n", progname);
		ret = 1;
	}
	(*vm)->DestroyJavaVM(vm);
	return ret;
}

/* What the java launcher's JavaMain() does, in the JVM's main thread. */
static void *java_main(void *arg)
{
	struct java_main *m = arg;
	struct launch *l = m->l;
	jint (*create)(JavaVM **, void **, void *);
	JavaVMOption *opts;
	JavaVMInitArgs init;
	jclass helper, main_class;
	jmethodID mid;
	jobjectArray args;
	JavaVM *vm;
	JNIEnv *env;

	*(void **)&create = dlsym(m->jvm, "JNI_CreateJavaVM");
	if (!create) {
		fprintf(stderr, "%s: libjvm.so has no JNI_CreateJavaVM\n", progname);
		m->ret = EXIT_ERROR;
		return NULL;
	}
	opts = calloc(l->jvm.n + 1, sizeof(*opts));
	if (!opts)
		die_oom();
	for (size_t i = 0; i < l->jvm.n; i++)
		opts[i].optionString = l->jvm.v[i];
	init.version = JNI_VERSION_10;
	init.nOptions = l->jvm.n;
	init.options = opts;
	init.ignoreUnrecognized = JNI_FALSE;
	if (create(&vm, (void **)&env, &init) != JNI_OK) {
		fprintf(stderr, "Error: Could not create the Java Virtual Machine.\n");
		m->ret = EXIT_ERROR;
		return NULL;
	}
	if (l->version) {
		jclass vp = (*env)->FindClass(env, "java/lang/VersionProps");

		mid = vp ? (*env)->GetStaticMethodID(env, vp, "print", "(Z)V") : NULL;
		if (mid)
			(*env)->CallStaticVoidMethod(env, vp, mid,
						     l->version == 1 || l->version == 3);
		if (failed(env) || l->version <= 2) {
			m->ret = leave(vm, failed(env));
			return NULL;
		}
	}
	helper = (*env)->FindClass(env, "sun/launcher/LauncherHelper");
	if (!helper) {
		m->ret = leave(vm, 1);
		return NULL;
	}
	if (l->list_modules) {
		mid = (*env)->GetStaticMethodID(env, helper, "listModules", "()V");
		if (mid)
			(*env)->CallStaticVoidMethod(env, helper, mid);
		m->ret = leave(vm, failed(env));
		return NULL;
	}
	if (!l->mode) {
		usage(stderr);
		m->ret = leave(vm, 1);
		return NULL;
	}
	mid = (*env)->GetStaticMethodID(env, helper, "checkAndLoadMain",
					"(ZILjava/lang/String;)Ljava/lang/Class;");
	if (!mid) {
		m->ret = leave(vm, 1);
		return NULL;
	}
	{
		jstring what = platform_string(env, helper, l->what);

		main_class = what ? (*env)->CallStaticObjectMethod(env, helper, mid,
								   JNI_TRUE, l->mode, what) : NULL;
	}
	if (!main_class || failed(env)) {
		m->ret = leave(vm, 1);
		return NULL;
	}
	if (l->dry_run) {
		m->ret = leave(vm, 0);
		return NULL;
	}
	mid = (*env)->GetStaticMethodID(env, main_class, "main", "([Ljava/lang/String;)V");
	if (!mid) {
		m->ret = leave(vm, 1);
		return NULL;
	}
	args = (*env)->NewObjectArray(env, l->app.n,
				      (*env)->FindClass(env, "java/lang/String"), NULL);
	for (size_t i = 0; args && i < l->app.n; i++) {
		jstring s = platform_string(env, helper, l->app.v[i]);

		if (!s) {
			args = NULL;
			break;
		}
		(*env)->SetObjectArrayElement(env, args, i, s);
		(*env)->DeleteLocalRef(env, s);
	}
	if (!args) {
		m->ret = leave(vm, 1);
		return NULL;
	}
	(*env)->CallStaticVoidMethod(env, main_class, mid, args);
	m->ret = leave(vm, failed(env));
	return NULL;
}

/* "sun.java.command": the main class, JAR or module, and the arguments. */
static char *java_command(const struct launch *l)
{
	char *cmd = xstrdup(l->mode == LM_SOURCE ? SOURCE_MAIN : l->what ? l->what : "");

	for (size_t i = 0; i < l->app.n; i++) {
		char *next = xprintf("%s %s", cmd, l->app.v[i]);

		free(cmd);
		cmd = next;
	}
	return cmd;
}

int main(int argc, char **argv)
{
	struct expander e = { 0 };
	struct launch l = { 0 };
	struct java_main m = { .l = &l };
	const char *home = TF_JAVA_HOME, *env_home;
	pthread_attr_t attr;
	pthread_t thread;
	char *cp;

	/* Another JDK 17 (a jlink image): everything it loads is checked. */
	env_home = secure_getenv("TF_JAVA_HOME");
	if (env_home && *env_home)
		home = env_home;

	check_jvm_env("JAVA_TOOL_OPTIONS");
	check_jvm_env("_JAVA_OPTIONS");
	jdk_java_options(&e);
	for (int i = 1; i < argc; i++)
		expand_word(&e, argv[i], 0);
	parse(&l, e.out.v, e.out.n);

	/* The code of the command line, before the JVM exists. */
	if (l.mode == LM_JAR) {
		check_file_closed(l.what, "Unable to access jarfile", 0);
		l.class_path = l.what;
	} else if (l.mode == LM_SOURCE) {
		check_file_closed(l.app.v[0], "cannot open the source file", 0);
		register_code(l.app.v[0]);
		strv_push(&l.jvm, xstrdup("--add-modules=ALL-DEFAULT"));
		if (l.source)
			strv_push(&l.jvm, xprintf("-Djdk.internal.javac.source=%s", l.source));
	}
	if (!l.class_path && l.mode != LM_JAR)
		l.class_path = getenv("CLASSPATH");
	if (l.class_path) {
		cp = expand_class_path(l.class_path);
		check_path_list(cp, "cannot open the class path entry");
		strv_push(&l.jvm, xprintf("-Djava.class.path=%s", cp));
		free(cp);
	}
	if (l.mode == LM_CLASS)
		check_main_class_file(l.class_path ? l.class_path : ".", l.what);
	strv_push(&l.jvm, xstrdup("-Dsun.java.launcher=SUN_STANDARD"));
	strv_push(&l.jvm, xprintf("-Dsun.java.command=%s", java_command(&l)));

	/* From here on, what the JVM opens to load code is checked. */
	armed = 1;
	m.jvm = load_jvm(home);

	/* The JVM's main thread, with room for the stack like java's. */
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 8UL << 20);
	if (pthread_create(&thread, &attr, java_main, &m) != 0) {
		fprintf(stderr, "%s: cannot create the main thread\n", progname);
		return EXIT_ERROR;
	}
	pthread_join(thread, NULL);
	return m.ret;
}
