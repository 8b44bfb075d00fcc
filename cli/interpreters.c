// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * trusted-for interpreters: the inventory of the interpreters on this
 * system, each enlightened (built with libtrustedfor: it carries the ELF note
 * of lib/tf-note.h) or open (it runs any script whatever the policy), with
 * the Debian package it comes from.  A file is recognised by its note,
 * never by its name or path: names only choose which files to look at.
 */
#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <getopt.h>
#include <glob.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "../lib/tf-note.h"

/*
 * The names looked at in a directory: the general-purpose interpreters
 * Debian ships, each a program whose job is to run a program file.  Tools
 * that can also run commands from a file they read (sed's e command, m4's
 * syscmd, make, gdb -x, vim, dc's !) are not listed: see trusted-for(1).
 */
static const char *const interp_names[] = {
	/* shells */
	"sh", "ash", "bash", "rbash", "dash", "hush", "busybox", "toybox",
	"zsh", "zsh[0-9]*", "ksh", "ksh93", "mksh", "mksh-static", "lksh",
	"pdksh", "oksh", "yash", "posh", "fish", "csh", "tcsh", "bsd-csh",
	"rc", "es", "elvish", "nu", "xonsh", "osh", "ysh",
	/* awk */
	"awk", "mawk", "gawk", "gawk-[0-9]*", "nawk", "original-awk", "goawk",
	/* Python, Perl, Ruby, JavaScript, Lua, PHP, Tcl */
	"python", "python[0-9]*", "pypy", "pypy[0-9]*", "micropython",
	"perl", "perl[0-9]*", "raku", "rakudo", "perl6",
	"ruby", "ruby[0-9]*", "jruby",
	"node", "nodejs", "deno", "bun", "qjs", "rhino", "gjs", "cjs",
	"lua", "lua[0-9]*", "luajit",
	"php", "php[0-9]*",
	"tclsh", "tclsh[0-9]*", "wish", "wish[0-9]*", "jimsh", "expect", "expectk",
	/* the JVM */
	"java", "jshell", "jrunscript", "groovy", "scala", "kotlin", "clojure",
	/* Lisps and Schemes */
	"guile", "guile-[0-9]*", "racket", "sbcl", "clisp", "ecl", "csi", "gsi",
	"gosh", "mit-scheme", "scheme", "chezscheme", "newlisp", "picolisp",
	/* numbers and others */
	"R", "Rscript", "octave", "octave-cli", "julia", "pwsh", "erl",
	"escript", "elixir", "runghc", "runhaskell", "ocaml", "swipl",
	"gprolog", "gst", "gforth", "pike", "pike[0-9]*",
};

/* Matched above, yet not interpreters: build helpers, debugger scripts. */
static const char *const not_interp_names[] = { "*-config", "*.py" };

/* The directories looked at without a PATH argument, after $PATH's. */
static const char *const default_dirs[] = {
	"/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin",
	"/sbin", "/bin", "/usr/local/games", "/usr/games",
};

#define DPKG_INFO "/var/lib/dpkg/info"

/* Bounds on what is read of one file: an interpreter needs far less. */
#define MAX_TABLE_BYTES (4u << 20)	/* program or section header table */
#define MAX_NOTE_BYTES (1u << 20)	/* one note segment or section */
#define MAX_NOTE_BLOCKS 256		/* note segments and sections */
#define VERSION_MAX 64

struct interp {
	char *name;		/* the name it was found under */
	char *path;		/* as found (in a directory, or given) */
	char *real;		/* with every symlink resolved */
	const char *package;	/* Debian package, "-" if none */
	const char *format;	/* "elf", "script", "other" or "unreadable" */
	int enlightened;
	int locked;		/* no one but root may run or read it */
	int link;		/* path is a symlink */
	char version[VERSION_MAX];
	char problem[160];
};

struct inventory {
	struct interp *v;
	size_t n, cap;
	char **dirs;		/* real paths of the directories scanned */
	size_t ndirs, dircap;
	int errors;		/* explicit PATHs that could not be read */
	int oom;
};

static void *grow(void *p, size_t *cap, size_t n, size_t size)
{
	size_t c;

	if (n < *cap)
		return p;
	c = *cap ? *cap * 2 : 16;
	p = reallocarray(p, c, size);
	if (p)
		*cap = c;
	return p;
}

/* ---- the ELF note ---- */

struct elf {
	int fd;
	uint64_t size;
	int is64, msb;
};

static uint64_t get(const struct elf *e, const unsigned char *p, size_t n)
{
	uint64_t v = 0;

	for (size_t i = 0; i < n; i++)
		v = e->msb ? v << 8 | p[i] : v | (uint64_t)p[i] << (8 * i);
	return v;
}

/* A field of a header: its offset and size in the 32- or 64-bit struct. */
#define FIELD(e, p, type, field)                                               \
	((e)->is64 ? get(e, (p) + offsetof(Elf64_##type, field),               \
			 sizeof(((Elf64_##type *)0)->field)) :                 \
		     get(e, (p) + offsetof(Elf32_##type, field),               \
			 sizeof(((Elf32_##type *)0)->field)))

/* Read len bytes at off: 0, 1 when the file ends before, -errno. */
static int elf_read(const struct elf *e, uint64_t off, void *buf, size_t len)
{
	size_t done = 0;

	if (off > e->size || len > e->size - off)
		return 1;
	while (done < len) {
		ssize_t r = pread(e->fd, (char *)buf + done, len - done, (off_t)(off + done));

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -errno;
		if (r == 0)
			return 1;
		done += (size_t)r;
	}
	return 0;
}

static uint64_t align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) & ~(a - 1);
}

/*
 * Walk the notes of one segment or section; copy the version of ours.
 * Returns 1 found, 0 not there.  A malformed note ends the walk of its
 * block: the note of the library is never malformed.
 */
static int find_note(const struct elf *e, const unsigned char *b, size_t len,
		     uint64_t align, char *version)
{
	static const char owner[] = TF_NOTE_OWNER;
	uint64_t off = 0;

	while (len - off >= 12 && off <= len) {
		uint64_t namesz = get(e, b + off, 4), descsz = get(e, b + off + 4, 4);
		uint64_t type = get(e, b + off + 8, 4);
		uint64_t name = off + 12, desc = align_up(name + namesz, align);
		uint64_t next = align_up(desc + descsz, align);

		if (desc > len || descsz > len - desc)
			return 0;
		if (namesz == sizeof(owner) && !memcmp(b + name, owner, sizeof(owner)) &&
		    type == TF_NOTE_TYPE_VERSION) {
			size_t n = 0;

			/* Printable ASCII only: the version goes to a terminal. */
			for (uint64_t i = 0; i < descsz && b[desc + i] && n < VERSION_MAX - 1; i++)
				version[n++] = b[desc + i] > 0x20 && b[desc + i] < 0x7f ?
					       (char)b[desc + i] : '?';
			version[n] = 0;
			if (!n)
				strcpy(version, "?");
			return 1;
		}
		if (next <= off || next > len)
			return 0;
		off = next;
	}
	return 0;
}

/* Read one block of notes and look for ours: 1, 0, or -1 (problem set). */
static int note_block(const struct elf *e, uint64_t off, uint64_t len, uint64_t align,
		      char *version, char *problem, size_t psz, const char *what)
{
	unsigned char *b;
	int ret;

	if (len == 0)
		return 0;
	if (len > MAX_NOTE_BYTES) {
		snprintf(problem, psz, "%s of %llu bytes, more than an interpreter has",
			 what, (unsigned long long)len);
		return -1;
	}
	b = malloc(len);
	if (!b) {
		snprintf(problem, psz, "out of memory");
		return -1;
	}
	ret = elf_read(e, off, b, len);
	if (ret) {
		free(b);
		if (ret > 0)
			snprintf(problem, psz, "truncated ELF file (%s past the end)", what);
		else
			snprintf(problem, psz, "%s: %s", what, strerror(-ret));
		return -1;
	}
	ret = find_note(e, b, len, align == 8 ? 8 : 4, version);
	free(b);
	return ret;
}

/* Read a header table (program or section headers) whole. */
static unsigned char *read_table(const struct elf *e, uint64_t off, uint64_t num,
				 uint64_t entsize, size_t want, const char *what,
				 char *problem, size_t psz)
{
	unsigned char *t;
	int ret;

	if (entsize < want) {
		snprintf(problem, psz, "not a valid ELF file (%s entries of %llu bytes)",
			 what, (unsigned long long)entsize);
		return NULL;
	}
	if (num > MAX_TABLE_BYTES / entsize) {
		snprintf(problem, psz, "not a valid ELF file (%llu %s)",
			 (unsigned long long)num, what);
		return NULL;
	}
	t = malloc(num * entsize);
	if (!t) {
		snprintf(problem, psz, "out of memory");
		return NULL;
	}
	ret = elf_read(e, off, t, num * entsize);
	if (ret) {
		free(t);
		if (ret > 0)
			snprintf(problem, psz, "truncated ELF file (%s past the end)", what);
		else
			snprintf(problem, psz, "%s: %s", what, strerror(-ret));
		return NULL;
	}
	return t;
}

/*
 * Look for the note in the PT_NOTE segments, then in the SHT_NOTE sections
 * (a relocatable object, or a file whose program headers were stripped of
 * it).  Returns 1 marked, 0 not, -1 with problem set.
 */
static int elf_marked(struct elf *e, char *version, char *problem, size_t psz)
{
	unsigned char eh[sizeof(Elf64_Ehdr)];
	size_t ehsize = e->is64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);
	size_t phsize = e->is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr);
	size_t shsize = e->is64 ? sizeof(Elf64_Shdr) : sizeof(Elf32_Shdr);
	uint64_t phoff, shoff, phnum, shnum, phent, shent;
	unsigned char *t;
	int ret, blocks = 0, found = 0;

	ret = elf_read(e, 0, eh, ehsize);
	if (ret) {
		if (ret > 0)
			snprintf(problem, psz, "truncated ELF file (the ELF header is incomplete)");
		else
			snprintf(problem, psz, "%s", strerror(-ret));
		return -1;
	}
	phoff = FIELD(e, eh, Ehdr, e_phoff);
	shoff = FIELD(e, eh, Ehdr, e_shoff);
	phnum = FIELD(e, eh, Ehdr, e_phnum);
	shnum = FIELD(e, eh, Ehdr, e_shnum);
	phent = FIELD(e, eh, Ehdr, e_phentsize);
	shent = FIELD(e, eh, Ehdr, e_shentsize);

	/* Extended numbering: the real counts are in section header 0. */
	if ((phnum == PN_XNUM || (shnum == 0 && shoff)) && shoff) {
		unsigned char *s0 = read_table(e, shoff, 1, shent, shsize,
					       "section headers", problem, psz);

		if (!s0)
			return -1;
		if (phnum == PN_XNUM)
			phnum = FIELD(e, s0, Shdr, sh_info);
		if (shnum == 0)
			shnum = FIELD(e, s0, Shdr, sh_size);
		free(s0);
	}

	if (phoff && phnum) {
		t = read_table(e, phoff, phnum, phent, phsize, "program headers", problem, psz);
		if (!t)
			return -1;
		for (uint64_t i = 0; i < phnum && !found; i++) {
			const unsigned char *ph = t + i * phent;

			if (FIELD(e, ph, Phdr, p_type) != PT_NOTE)
				continue;
			if (++blocks > MAX_NOTE_BLOCKS)
				break;
			ret = note_block(e, FIELD(e, ph, Phdr, p_offset),
					 FIELD(e, ph, Phdr, p_filesz),
					 FIELD(e, ph, Phdr, p_align), version, problem, psz,
					 "a note segment");
			if (ret < 0) {
				free(t);
				return -1;
			}
			found = ret;
		}
		free(t);
	}
	if (found || !shoff || !shnum)
		return found;

	t = read_table(e, shoff, shnum, shent, shsize, "section headers", problem, psz);
	if (!t)
		return -1;
	for (uint64_t i = 0; i < shnum && !found; i++) {
		const unsigned char *sh = t + i * shent;

		if (FIELD(e, sh, Shdr, sh_type) != SHT_NOTE)
			continue;
		if (++blocks > MAX_NOTE_BLOCKS)
			break;
		ret = note_block(e, FIELD(e, sh, Shdr, sh_offset), FIELD(e, sh, Shdr, sh_size),
				 FIELD(e, sh, Shdr, sh_addralign), version, problem, psz,
				 "a note section");
		if (ret < 0) {
			free(t);
			return -1;
		}
		found = ret;
	}
	free(t);
	return found;
}

/* Describe the #! line of a script, in printable ASCII. */
static void script_problem(const unsigned char *head, size_t n, char *problem, size_t psz)
{
	char line[80];
	size_t k = 0;

	for (size_t i = 0; i < n && head[i] != '\n' && k < sizeof(line) - 1; i++)
		line[k++] = head[i] >= 0x20 && head[i] < 0x7f ? (char)head[i] : '?';
	line[k] = 0;
	snprintf(problem, psz, "a script (%s): what it runs is not known from the file", line);
}

/*
 * Open the real file (never following a symlink, never waiting on a FIFO)
 * and decide: the ELF note, a script, or something else.  Returns 0, or
 * -errno when the file cannot be opened or read (problem set).
 */
static int examine(struct interp *it)
{
	unsigned char head[128];
	struct stat st;
	struct elf e;
	ssize_t n;
	int fd, ret = 0;

	it->format = "unreadable";
	fd = open(it->real, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0) {
		ret = -errno;
		snprintf(it->problem, sizeof(it->problem), "cannot open: %s", strerror(errno));
		return ret;
	}
	if (fstat(fd, &st)) {
		ret = -errno;
		snprintf(it->problem, sizeof(it->problem), "cannot stat: %s", strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		ret = -EINVAL;
		snprintf(it->problem, sizeof(it->problem), "not a regular file");
		goto out;
	}
	/*
	 * Root's, with no execute bit and no read bit but the owner's: no
	 * one else can run it, nor map it through the dynamic loader (what
	 * trusted-for-divert leaves of a switched-out interpreter).
	 */
	it->locked = st.st_uid == 0 && !(st.st_mode & 0111) && !(st.st_mode & 0044);
	do
		n = pread(fd, head, sizeof(head), 0);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		ret = -errno;
		snprintf(it->problem, sizeof(it->problem), "cannot read: %s", strerror(errno));
		goto out;
	}
	if (n >= 2 && head[0] == '#' && head[1] == '!') {
		it->format = "script";
		script_problem(head, (size_t)n, it->problem, sizeof(it->problem));
		goto out;
	}
	it->format = "other";
	if (n < SELFMAG || memcmp(head, ELFMAG, SELFMAG)) {
		snprintf(it->problem, sizeof(it->problem),
			 n ? "not an ELF file nor a script" : "an empty file");
		goto out;
	}
	it->format = "elf";
	if (n < EI_NIDENT) {
		snprintf(it->problem, sizeof(it->problem),
			 "truncated ELF file (the ELF header is incomplete)");
		goto out;
	}
	if ((head[EI_CLASS] != ELFCLASS32 && head[EI_CLASS] != ELFCLASS64) ||
	    (head[EI_DATA] != ELFDATA2LSB && head[EI_DATA] != ELFDATA2MSB) ||
	    head[EI_VERSION] != EV_CURRENT) {
		snprintf(it->problem, sizeof(it->problem),
			 "not a valid ELF file (class %u, data %u, version %u)",
			 head[EI_CLASS], head[EI_DATA], head[EI_VERSION]);
		goto out;
	}
	e = (struct elf){
		.fd = fd, .size = (uint64_t)st.st_size,
		.is64 = head[EI_CLASS] == ELFCLASS64, .msb = head[EI_DATA] == ELFDATA2MSB,
	};
	it->enlightened = elf_marked(&e, it->version, it->problem, sizeof(it->problem)) > 0;
	if (!it->enlightened)
		it->version[0] = 0;
out:
	close(fd);
	return ret;
}

/* ---- finding them ---- */

static int is_interp_name(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(not_interp_names) / sizeof(*not_interp_names); i++)
		if (!fnmatch(not_interp_names[i], name, 0))
			return 0;
	for (i = 0; i < sizeof(interp_names) / sizeof(*interp_names); i++)
		if (!fnmatch(interp_names[i], name, 0))
			return 1;
	return 0;
}

/* Add PATH (a name found in a directory, or a file given).  0, or -1. */
static int add(struct inventory *inv, const char *path, int given)
{
	struct interp *it;
	struct stat st;
	const char *slash;
	char *real;
	int it_link;

	for (size_t i = 0; i < inv->n; i++)
		if (!strcmp(inv->v[i].path, path))
			return 0;
	real = realpath(path, NULL);
	if (!real) {
		if (given || errno != ENOENT)
			warnx_("%s: %s", path, strerror(errno));
		else
			warnx_("%s: a dangling symlink, skipped", path);
		return given ? -1 : 0;
	}
	it_link = !lstat(path, &st) && S_ISLNK(st.st_mode);
	if (lstat(real, &st)) {
		warnx_("%s: %s", path, strerror(errno));
		free(real);
		return given ? -1 : 0;
	}
	if (!S_ISREG(st.st_mode)) {
		/* A FIFO, a device, a directory: nothing execve(2) runs. */
		warnx_("%s: not a regular file, skipped", path);
		free(real);
		return given ? -1 : 0;
	}
	inv->v = grow(inv->v, &inv->cap, inv->n, sizeof(*inv->v));
	if (!inv->v) {
		inv->oom = 1;
		free(real);
		return -1;
	}
	it = &inv->v[inv->n];
	memset(it, 0, sizeof(*it));
	slash = strrchr(path, '/');
	it->name = strdup(slash ? slash + 1 : path);
	it->path = strdup(path);
	it->real = real;
	it->package = "-";
	it->link = it_link;
	if (!it->name || !it->path) {
		free(it->name);
		free(it->path);
		free(real);
		inv->oom = 1;
		return -1;
	}
	inv->n++;
	if (examine(it) < 0 && given) {
		warnx_("%s: %s", path, it->problem);
		return -1;
	}
	/* A script is no error: its line says what it is. */
	if (it->problem[0] && strcmp(it->format, "script"))
		warnx_("%s: %s", path, it->problem);
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Scan one directory for interpreter names; once per real directory. */
static int scan_dir(struct inventory *inv, const char *dir, int given)
{
	char *real = realpath(dir, NULL), **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *d;
	DIR *dp;
	int ret = 0;

	if (!real) {
		if (given)
			warnx_("%s: %s", dir, strerror(errno));
		return given ? -1 : 0;
	}
	for (size_t i = 0; i < inv->ndirs; i++) {
		if (!strcmp(inv->dirs[i], real)) {
			free(real);
			return 0;
		}
	}
	inv->dirs = grow(inv->dirs, &inv->dircap, inv->ndirs, sizeof(*inv->dirs));
	if (!inv->dirs) {
		free(real);
		inv->oom = 1;
		return -1;
	}
	inv->dirs[inv->ndirs++] = real;

	dp = opendir(dir);
	if (!dp) {
		if (given || errno != ENOENT)
			warnx_("%s: %s", dir, strerror(errno));
		return given ? -1 : 0;
	}
	while ((d = readdir(dp))) {
		char *p;

		if (!is_interp_name(d->d_name))
			continue;
		names = grow(names, &cap, n, sizeof(*names));
		if (!names || asprintf(&p, "%s%s%s", dir,
				       dir[strlen(dir) - 1] == '/' ? "" : "/", d->d_name) < 0) {
			inv->oom = 1;
			ret = -1;
			break;
		}
		names[n++] = p;
	}
	closedir(dp);
	/* Sorted, so that the messages come in a stable order. */
	if (names)
		qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n; i++) {
		if (ret == 0)
			add(inv, names[i], 0);
		free(names[i]);
	}
	free(names);
	return ret;
}

/* A given PATH: a directory to scan, or a file to examine whatever its name. */
static void scan_given(struct inventory *inv, const char *path)
{
	struct stat st;

	if (stat(path, &st)) {
		warnx_("%s: %s", path, strerror(errno));
		inv->errors++;
		return;
	}
	if (S_ISDIR(st.st_mode) ? scan_dir(inv, path, 1) : add(inv, path, 1))
		inv->errors++;
}

/* $PATH's absolute directories, then the usual ones. */
static void scan_defaults(struct inventory *inv)
{
	const char *env = getenv("PATH");
	char *copy = env ? strdup(env) : NULL, *save = NULL;

	for (char *d = copy ? strtok_r(copy, ":", &save) : NULL; d;
	     d = strtok_r(NULL, ":", &save))
		if (d[0] == '/')	/* "" and relative entries depend on the cwd */
			scan_dir(inv, d, 0);
	free(copy);
	for (size_t i = 0; i < sizeof(default_dirs) / sizeof(*default_dirs); i++)
		scan_dir(inv, default_dirs[i], 0);
}

/* ---- the Debian packages ---- */

struct owner {
	char *path;
	char *package;
};

static int cmp_owner(const void *a, const void *b)
{
	return strcmp(((const struct owner *)a)->path, ((const struct owner *)b)->path);
}

/* The other spelling of a path on a merged-/usr system: /bin/x, /usr/bin/x. */
static char *other_spelling(const char *p)
{
	static const char *const dirs[] = { "/bin/", "/sbin/", "/lib/", "/lib64/" };
	char *s = NULL;

	for (size_t i = 0; i < sizeof(dirs) / sizeof(*dirs); i++) {
		if (!strncmp(p, dirs[i], strlen(dirs[i])))
			return asprintf(&s, "/usr%s", p) < 0 ? NULL : s;
		if (!strncmp(p, "/usr", 4) && !strncmp(p + 4, dirs[i], strlen(dirs[i])))
			return strdup(p + 4);
	}
	return NULL;
}

static const char *owner_of(struct owner *o, size_t n, const char *path)
{
	struct owner key = { .path = (char *)path }, *f;

	f = n ? bsearch(&key, o, n, sizeof(*o), cmp_owner) : NULL;
	return f && f->package ? f->package : NULL;
}

/*
 * Read dpkg's file lists (what `dpkg -S` reads, without a process per
 * file) for the paths of the inventory: the real file first, then the
 * name it was found under, each also in its other merged-/usr spelling.
 */
static void find_packages(struct inventory *inv)
{
	struct owner *o = NULL;
	size_t n = 0, cap = 0, linecap = 0;
	char *line = NULL;
	glob_t g;

	for (size_t i = 0; i < inv->n; i++) {
		const char *p[2] = { inv->v[i].real, inv->v[i].path };

		for (int k = 0; k < 2; k++) {
			char *alt = other_spelling(p[k]);

			for (int a = 0; a < 2; a++) {
				char *s = a ? alt : strdup(p[k]);

				if (!s)
					continue;
				o = grow(o, &cap, n, sizeof(*o));
				if (!o) {
					free(s);
					inv->oom = 1;
					return;
				}
				o[n++] = (struct owner){ .path = s };
			}
		}
	}
	if (!n)
		return;
	qsort(o, n, sizeof(*o), cmp_owner);

	if (glob(DPKG_INFO "/*.list", GLOB_NOSORT, NULL, &g) == 0) {
		for (size_t i = 0; i < g.gl_pathc; i++) {
			/* The package is the name of its list: dash.list, libc6:amd64.list */
			const char *base = strrchr(g.gl_pathv[i], '/') + 1;
			int pkglen = (int)(strlen(base) - strlen(".list"));
			FILE *f = fopen(g.gl_pathv[i], "re");
			ssize_t len;

			if (!f)
				continue;
			while ((len = getline(&line, &linecap, f)) > 0) {
				struct owner key, *hit, *q;

				if (line[len - 1] == '\n')
					line[len - 1] = 0;
				key.path = line;
				hit = bsearch(&key, o, n, sizeof(*o), cmp_owner);
				if (!hit)
					continue;
				/* Every copy of the path (two entries may share it). */
				while (hit > o && !strcmp(hit[-1].path, line))
					hit--;
				for (q = hit; q < o + n && !strcmp(q->path, line); q++)
					if (!q->package && !(q->package = strndup(base, pkglen)))
						inv->oom = 1;
			}
			fclose(f);
		}
		globfree(&g);
	}
	free(line);

	for (size_t i = 0; i < inv->n; i++) {
		struct interp *it = &inv->v[i];
		const char *p[2] = { it->real, it->path };
		const char *pkg = NULL;

		for (int k = 0; k < 2 && !pkg; k++) {
			char *alt = other_spelling(p[k]);

			pkg = owner_of(o, n, p[k]);
			if (!pkg && alt)
				pkg = owner_of(o, n, alt);
			free(alt);
		}
		it->package = pkg ? strdup(pkg) : "-";
		if (!it->package) {
			it->package = "-";
			inv->oom = 1;
		}
	}

	for (size_t i = 0; i < n; i++) {
		free(o[i].path);
		free(o[i].package);
	}
	free(o);
}

/* ---- output ---- */

static int cmp_interp(const void *a, const void *b)
{
	const struct interp *x = a, *y = b;
	int c = strcmp(x->real, y->real);

	return c ? c : strcmp(x->path, y->path);
}

static void print_json(const struct inventory *inv)
{
	printf("[");
	for (size_t i = 0; i < inv->n; i++) {
		const struct interp *it = &inv->v[i];

		printf("%s\n  {\"name\": ", i ? "," : "");
		json_string(it->name);
		printf(", \"path\": ");
		json_string(it->path);
		printf(", \"realpath\": ");
		json_string(it->real);
		printf(", \"package\": ");
		if (strcmp(it->package, "-"))
			json_string(it->package);
		else
			printf("null");
		printf(", \"enlightened\": %s, \"locked\": %s, \"version\": ",
		       it->enlightened ? "true" : "false", it->locked ? "true" : "false");
		if (it->enlightened)
			json_string(it->version);
		else
			printf("null");
		printf(", \"format\": \"%s\", \"problem\": ", it->format);
		if (it->problem[0])
			json_string(it->problem);
		else
			printf("null");
		printf("}");
	}
	printf("%s]\n", inv->n ? "\n" : "");
}

/*
 * One line per real file: its state, package and path, then the names it
 * was found under when they differ from it (symlinks), then its problem.
 */
static void print_text(const struct inventory *inv)
{
	for (size_t i = 0; i < inv->n;) {
		const struct interp *it = &inv->v[i];
		char state[16 + VERSION_MAX];
		size_t j = i;
		int via = 0;

		if (it->enlightened)
			snprintf(state, sizeof(state), "enlightened %s", it->version);
		else if (it->locked)
			snprintf(state, sizeof(state), "locked");
		else
			snprintf(state, sizeof(state), "open");
		printf("%-18s %-16s %s", state, it->package, it->real);
		for (; j < inv->n && !strcmp(inv->v[j].real, it->real); j++) {
			if (!inv->v[j].link)
				continue;
			printf("%s%s", via ? ", " : " (via ", inv->v[j].path);
			via = 1;
		}
		printf("%s%s%s\n", via ? ")" : "", it->problem[0] ? ": " : "", it->problem);
		i = j;
	}
}

int cmd_interpreters(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct inventory inv = { 0 };
	size_t files = 0, open_files = 0, locked_files = 0, enlightened_files = 0;
	int c, json = 0, status;

	while ((c = getopt_long(argc, argv, "+jh", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = 1;
			break;
		case 'h':
			usage(stdout);
			return EXIT_TRUSTED;
		default:
			return EXIT_TROUBLE;
		}
	}
	if (optind == argc)
		scan_defaults(&inv);
	for (int i = optind; i < argc; i++)
		scan_given(&inv, argv[i]);
	find_packages(&inv);
	if (inv.oom) {
		warnx_("interpreters: out of memory");
		return EXIT_TROUBLE;
	}
	if (inv.n)
		qsort(inv.v, inv.n, sizeof(*inv.v), cmp_interp);
	if (json)
		print_json(&inv);
	else
		print_text(&inv);
	fflush(stdout);

	for (size_t i = 0; i < inv.n; i++) {
		const struct interp *it = &inv.v[i];

		if (i == 0 || strcmp(it->real, inv.v[i - 1].real)) {
			files++;
			enlightened_files += !!it->enlightened;
			locked_files += !it->enlightened && it->locked;
			open_files += !it->enlightened && !it->locked;
		}
	}
	fprintf(stderr, "%s: %zu interpreter files (%zu names): %zu enlightened, %zu locked, %zu open%s\n",
		prog, files, inv.n, enlightened_files, locked_files, open_files,
		open_files ? ": they run any script whatever the policy" : "");
	status = inv.errors ? EXIT_TROUBLE : open_files ? EXIT_REFUSED : EXIT_TRUSTED;

	for (size_t i = 0; i < inv.n; i++) {
		free(inv.v[i].name);
		free(inv.v[i].path);
		free(inv.v[i].real);
		if (strcmp(inv.v[i].package, "-"))
			free((char *)inv.v[i].package);
	}
	free(inv.v);
	for (size_t i = 0; i < inv.ndirs; i++)
		free(inv.dirs[i]);
	free(inv.dirs);
	return status;
}
