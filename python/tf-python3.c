// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * tf-python3: CPython 3.11 that asks the kernel before running code from a
 * file descriptor (PEP 578 open-code hook + libtrustedfor, SPEC section 5).
 *
 * Embeds Debian's libpython3.11 (PSF licence, compatible with linking).
 * Covers:
 *  - every file CPython opens through io.open_code(): imports of .py,
 *    cached and sourceless .pyc (FileLoader.get_data), zip archives
 *    (zipimport), runpy.run_path, .pth files (site.addpackage), the scripts
 *    that cProfile, profile, trace and pdb run.  The hook opens the file
 *    itself, checks that descriptor (origin file) and hands CPython a reader
 *    of the same descriptor: no path is reopened after the check.  A denial
 *    raises PermissionError(EACCES, reason, path).
 *  - the main script: opened once, checked (origin file), run from that
 *    descriptor (source or .pyc); refused with exit status 126.
 *  - -c (origin inline), stdin (origin stdin: `-`, a pipe, a redirected
 *    file), the REPL and -i (origin stdin, read from fd 0), PYTHONSTARTUP
 *    (origin file).
 *  - -m MODULE: the module is found by the import system, so its file is
 *    checked by the hook; modules known to run code given on their command
 *    line or typed at a prompt (see inline_modules) count as inline code.
 *  - extension modules and ctypes libraries given by path: checked by path
 *    from an audit hook just before dlopen(3) maps them (a weaker check:
 *    dlopen reopens the path; the kernel refuses noexec mounts anyway).
 * Does not cover: frozen modules (part of libpython, like the launcher),
 * code that Python programs read with open() and pass to exec()/compile()
 * themselves.  See python/README.md.
 *
 * Everything else is CPython's own command line, parsed by PyConfig.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <marshal.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <trusted-for.h>

#define EXIT_REFUSED 126	/* like a failed exec, as the shells do */

/*
 * Set by CPython when KeyboardInterrupt ends the program; Py_RunMain() then
 * dies of SIGINT.  Not in the public headers, exported by libpython3.11.
 */
extern int _Py_UnhandledKeyboardInterrupt;

static const char *progname = "tf-python3";

/* Modules whose command line or prompt is code: -m NAME is inline code. */
static const char *const inline_modules[] = {
	"timeit",	/* statements from argv */
	"code",		/* an interactive console */
	"pdb",		/* debugger commands, "!stmt" runs Python */
	"asyncio",	/* python -m asyncio is a REPL */
	"doctest",	/* runs examples of text files read with open() */
	"idlelib",	/* an IDE with a shell */
	"idlelib.idle",
	NULL,
};

/* "refused by the system's execution policy (noexec mount)" and the like. */
static void verdict_text(int ret, const struct tf_verdict *v, char *buf,
			 size_t size)
{
	if (ret == -EACCES && v->denied_by)
		tf_verdict_format(v, buf, size);
	else if (!v->backends && !v->denied_by && v->trusted_for_errno < 0 &&
		 v->execve_check_errno < 0)
		snprintf(buf, size, "%s", strerror(-ret));
	else
		snprintf(buf, size, "no answer from the kernel: %s",
			 strerror(-ret));
}

/* Print why code is refused, the way a failed exec is reported. */
static int refuse(const char *name, int ret, const struct tf_verdict *v)
{
	char why[256];

	verdict_text(ret, v, why, sizeof(why));
	fprintf(stderr, "%s: %s: %s\n", progname, name, why);
	return EXIT_REFUSED;
}

/* Raise the OSError that tells why @path was not handed to CPython. */
static void raise_refusal(PyObject *path, int ret, const struct tf_verdict *v)
{
	char why[256];
	PyObject *exc;

	if (!(ret == -EACCES && v->denied_by) && v->trusted_for_errno < 0 &&
	    v->execve_check_errno < 0) {
		/* open(2) failed: the usual FileNotFoundError and friends. */
		errno = -ret;
		PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, path);
		return;
	}
	verdict_text(ret, v, why, sizeof(why));
	/* OSError(errno, ...) picks the subclass: PermissionError for EACCES. */
	exc = PyObject_CallFunction(PyExc_OSError, "isO", -ret, why, path);
	if (exc) {
		PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
		Py_DECREF(exc);
	}
}

/*
 * The open-code hook (PEP 578): called with the GIL held by io.open_code()
 * for every file CPython reads code from.  Returns a binary reader of the
 * descriptor that was checked.
 */
static PyObject *open_code_hook(PyObject *path, void *data)
{
	PyObject *bytes = NULL, *io = NULL, *raw = NULL, *reader = NULL;
	struct tf_verdict v;
	int fd;

	(void)data;
	if (!PyUnicode_Check(path)) {
		PyErr_Format(PyExc_TypeError, "open_code() expects str, not %.100s",
			     Py_TYPE(path)->tp_name);
		return NULL;
	}
	if (!PyUnicode_FSConverter(path, &bytes))
		return NULL;
	Py_BEGIN_ALLOW_THREADS
	fd = tf_open_check(PyBytes_AS_STRING(bytes), TF_ORIGIN_FILE, 0, &v);
	Py_END_ALLOW_THREADS
	if (fd < 0) {
		raise_refusal(path, fd, &v);
		goto out;
	}
	io = PyImport_ImportModule("_io");
	if (io)
		raw = PyObject_CallMethod(io, "FileIO", "isi", fd, "rb", 1);
	if (!raw) {
		close(fd);
		goto out;
	}
	/* Like open(path, "rb"): the name is the path, not the number. */
	if (PyObject_SetAttrString(raw, "name", path) == 0)
		reader = PyObject_CallMethod(io, "BufferedReader", "O", raw);
out:
	Py_XDECREF(raw);
	Py_XDECREF(io);
	Py_XDECREF(bytes);
	return reader;
}

/*
 * Extension modules and ctypes libraries are mapped by dlopen(3), which
 * opens them by path: no open-code hook sees them.  This audit hook checks
 * the path just before (event "import" with a file name, raised by the
 * extension loader; "ctypes.dlopen" with a path).  A check by path, not by
 * the descriptor that is mapped: weaker than the hook (see README.md); the
 * kernel itself refuses to map code from a noexec mount.
 */
static int audit_hook(const char *event, PyObject *args, void *data)
{
	PyObject *path, *bytes;
	struct tf_verdict v;
	int fd;

	(void)data;
	if (strcmp(event, "import") == 0 && PyTuple_GET_SIZE(args) >= 2)
		path = PyTuple_GET_ITEM(args, 1);
	else if (strcmp(event, "ctypes.dlopen") == 0 && PyTuple_GET_SIZE(args) >= 1)
		path = PyTuple_GET_ITEM(args, 0);
	else
		return 0;
	if (!PyUnicode_Check(path) || PyUnicode_FindChar(path, '/', 0,
							 PyUnicode_GET_LENGTH(path), 1) < 0)
		return 0;	/* a built-in module, or a soname the linker looks up */
	if (!PyUnicode_FSConverter(path, &bytes))
		return -1;
	Py_BEGIN_ALLOW_THREADS
	fd = tf_open_check(PyBytes_AS_STRING(bytes), TF_ORIGIN_FILE, 0, &v);
	Py_END_ALLOW_THREADS
	Py_DECREF(bytes);
	if (fd >= 0) {
		close(fd);
		return 0;
	}
	if (fd == -ENOENT && strcmp(event, "ctypes.dlopen") == 0)
		return 0;	/* let dlopen(3) say it */
	raise_refusal(path, fd, &v);
	return -1;
}

/* Only look at the first two bytes, as CPython's maybe_pyc_file() does. */
static int fd_is_pyc(int fd, const char *filename)
{
	unsigned char buf[2];
	size_t len = strlen(filename);
	long magic = PyImport_GetMagicNumber();

	if (len >= 4 && strcmp(filename + len - 4, ".pyc") == 0)
		return 1;
	if (pread(fd, buf, 2, 0) != 2)
		return 0;
	return buf[0] == (magic & 0xff) && buf[1] == ((magic >> 8) & 0xff);
}

/* Read all of @fd; returns a bytes object or NULL with an exception. */
static PyObject *read_all(int fd)
{
	PyObject *io, *raw, *data;

	io = PyImport_ImportModule("_io");
	if (!io)
		return NULL;
	raw = PyObject_CallMethod(io, "FileIO", "isi", fd, "rb", 0);
	Py_DECREF(io);
	if (!raw)
		return NULL;
	data = PyObject_CallMethod(raw, "readall", NULL);
	Py_DECREF(raw);
	return data;
}

static int set_main_loader(PyObject *d, PyObject *filename, const char *type)
{
	PyObject *ext, *loader;
	int ret;

	ext = PyImport_ImportModule("_frozen_importlib_external");
	if (!ext)
		return -1;
	loader = PyObject_CallMethod(ext, type, "sO", "__main__", filename);
	Py_DECREF(ext);
	if (!loader)
		return -1;
	ret = PyDict_SetItemString(d, "__loader__", loader);
	Py_DECREF(loader);
	return ret;
}

/*
 * Run the checked descriptor @fd as __main__, like PyRun_SimpleFileExFlags()
 * but never reopening @filename (CPython reopens a .pyc by name).
 * Consumes @fd.  Returns 0, or -1 after printing the exception.
 */
static int run_fd_as_main(int fd, const char *filename, int skip_first_line,
			  PyCompilerFlags *cf)
{
	PyObject *m, *d, *name, *v = NULL, *data = NULL, *code = NULL;
	int set_file = 0, pyc;
	FILE *fp = NULL;

	name = PyUnicode_DecodeFSDefault(filename);
	m = PyImport_AddModule("__main__");
	if (!name || !m)
		goto fail;
	Py_INCREF(m);	/* the program may delete sys.modules["__main__"] */
	d = PyModule_GetDict(m);
	if (!PyDict_GetItemString(d, "__file__")) {
		if (PyDict_SetItemString(d, "__file__", name) < 0 ||
		    PyDict_SetItemString(d, "__cached__", Py_None) < 0)
			goto fail;
		set_file = 1;
	}
	pyc = fd_is_pyc(fd, filename);
	if (pyc) {
		long magic = PyImport_GetMagicNumber();
		const unsigned char *p;

		data = read_all(fd);
		close(fd);
		fd = -1;
		if (!data)
			goto fail;
		p = (const unsigned char *)PyBytes_AS_STRING(data);
		if (PyBytes_GET_SIZE(data) < 16 ||
		    (p[0] | p[1] << 8 | p[2] << 16 | (unsigned long)p[3] << 24) !=
			    (unsigned long)magic) {
			PyErr_SetString(PyExc_RuntimeError,
					"Bad magic number in .pyc file");
			goto fail;
		}
		if (set_main_loader(d, name, "SourcelessFileLoader") < 0)
			goto fail;
		code = PyMarshal_ReadObjectFromString(PyBytes_AS_STRING(data) + 16,
						      PyBytes_GET_SIZE(data) - 16);
		if (!code)
			goto fail;
		if (!PyCode_Check(code)) {
			PyErr_SetString(PyExc_RuntimeError,
					"Bad code object in .pyc file");
			goto fail;
		}
		v = PyEval_EvalCode(code, d, d);
		if (!v && PyErr_ExceptionMatches(PyExc_KeyboardInterrupt))
			_Py_UnhandledKeyboardInterrupt = 1;
	} else {
		fp = fdopen(fd, "rb");
		if (!fp) {
			PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, name);
			goto fail;
		}
		fd = -1;
		if (skip_first_line) {
			int ch;

			while ((ch = getc(fp)) != EOF)
				if (ch == '\n') {
					ungetc(ch, fp);
					break;
				}
		}
		if (set_main_loader(d, name, "SourceFileLoader") < 0)
			goto fail;
		/* Parses all, closes @fp, then runs. */
		v = PyRun_FileExFlags(fp, filename, Py_file_input, d, d, 1, cf);
		fp = NULL;
	}
	if (!v)
		goto fail;
	Py_DECREF(v);
	Py_XDECREF(code);
	Py_XDECREF(data);
	if (set_file && (PyDict_DelItemString(d, "__file__") ||
			 PyDict_DelItemString(d, "__cached__")))
		PyErr_Clear();
	Py_DECREF(m);
	Py_DECREF(name);
	fflush(stdout);
	return 0;
fail:
	if (fp)
		fclose(fp);
	if (fd >= 0)
		close(fd);
	Py_XDECREF(code);
	Py_XDECREF(data);
	Py_XDECREF(name);
	/* Let SystemExit's finalisation collect __main__ (its __del__s run). */
	Py_CLEAR(m);
	PyErr_Print();	/* exits on SystemExit */
	m = set_file ? PyImport_AddModule("__main__") : NULL;
	if (m) {
		d = PyModule_GetDict(m);
		if (PyDict_DelItemString(d, "__file__") ||
		    PyDict_DelItemString(d, "__cached__"))
			PyErr_Clear();
	}
	return -1;
}

static int sys_path_insert0(PyObject *path0)
{
	PyObject *path = PySys_GetObject("path");	/* borrowed */

	if (!path || !PyList_Check(path)) {
		PyErr_SetString(PyExc_RuntimeError, "sys.path is not a list");
		return -1;
	}
	return PyList_Insert(path, 0, path0);
}

/* The directory of the opened script, as CPython computes sys.path[0]. */
static PyObject *script_dir(int fd, const char *filename)
{
	char link[64], real[PATH_MAX], *slash;
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, real, sizeof(real) - 1);
	if (n <= 0 || real[0] != '/') {
		if (!realpath(filename, real))
			return PyUnicode_FromString("");
	} else {
		real[n] = '\0';
	}
	slash = strrchr(real, '/');
	if (slash == real)
		slash++;
	*slash = '\0';
	return PyUnicode_DecodeFSDefault(real);
}

static int stdin_is_interactive(const PyConfig *config)
{
	return isatty(fileno(stdin)) || config->interactive;
}

static void set_inspect(int inspect)
{
	/* As CPython's main.c: SystemExit does not exit while inspect is set. */
	PyConfig *config =
		(PyConfig *)_PyInterpreterState_GetConfig(PyInterpreterState_Get());

	config->inspect = inspect;
}

/* Run sys.__interactivehook__ (readline set-up) if site installed one. */
static void run_interactive_hook(void)
{
	PyObject *hook = PySys_GetObject("__interactivehook__");
	PyObject *res;

	if (!hook)
		return;
	if (PySys_Audit("cpython.run_interactivehook", "O", hook) < 0) {
		PyErr_Print();
		return;
	}
	res = PyObject_CallNoArgs(hook);
	if (!res)
		PyErr_Print();
	Py_XDECREF(res);
}

/* PYTHONSTARTUP: a file, checked like one; a refused one is not run. */
static void run_startup(const PyConfig *config, PyCompilerFlags *cf)
{
	const char *startup = config->use_environment ? getenv("PYTHONSTARTUP") : NULL;
	PyObject *m, *d, *v;
	struct tf_verdict verdict;
	FILE *fp;
	int fd;

	if (!startup || !*startup)
		return;
	fd = tf_open_check(startup, TF_ORIGIN_FILE, 0, &verdict);
	if (fd < 0) {
		refuse(startup, fd, &verdict);
		fprintf(stderr, "%s: PYTHONSTARTUP not run\n", progname);
		return;
	}
	fp = fdopen(fd, "rb");
	if (!fp) {
		close(fd);
		return;
	}
	m = PyImport_AddModule("__main__");
	if (!m) {
		fclose(fp);
		PyErr_Print();
		return;
	}
	d = PyModule_GetDict(m);
	v = PyRun_FileExFlags(fp, startup, Py_file_input, d, d, 1, cf);
	if (!v)
		PyErr_Print();
	Py_XDECREF(v);
}

/* Line editing for the prompt; a failure only costs the editing. */
static void import_readline(void)
{
	PyObject *mod = PyImport_ImportModule("readline");

	if (mod)
		Py_DECREF(mod);
	else
		PyErr_Clear();
}

static int run_repl(PyCompilerFlags *cf)
{
	run_interactive_hook();
	return PyRun_AnyFileExFlags(stdin, "<stdin>", 0, cf) != 0;
}

static int is_inline_module(const wchar_t *module)
{
	char name[128];

	if (wcstombs(name, module, sizeof(name)) >= sizeof(name))
		return 0;
	for (size_t i = 0; inline_modules[i]; i++) {
		size_t len = strlen(inline_modules[i]);

		if (strcmp(name, inline_modules[i]) == 0 ||
		    (strncmp(name, inline_modules[i], len) == 0 &&
		     strcmp(name + len, ".__main__") == 0))
			return 1;
	}
	return 0;
}

/* What the command line asks to run; decided before Python starts. */
struct plan {
	int main_fd;		/* checked script, or -1 */
	int main_is_dir;	/* a directory with __main__.py */
	char *filename;		/* the script as given, in the locale */
};

/* Ask the library about every code source of the command line. */
static int check_plan(const PyConfig *config, struct plan *plan)
{
	struct tf_verdict v;
	struct stat st;
	int ret, fd;

	if (config->run_command) {
		ret = tf_check_fd(-1, TF_ORIGIN_INLINE, "-c", 0, &v);
		if (ret)
			return refuse("-c", ret, &v);
	} else if (config->run_module) {
		if (is_inline_module(config->run_module)) {
			char name[160];

			snprintf(name, sizeof(name), "-m %ls", config->run_module);
			ret = tf_check_fd(-1, TF_ORIGIN_INLINE, name, 0, &v);
			if (ret)
				return refuse(name, ret, &v);
		}
	} else if (config->run_filename) {
		plan->filename = Py_EncodeLocale(config->run_filename, NULL);
		if (!plan->filename) {
			fprintf(stderr, "%s: cannot encode the script name\n", progname);
			return 2;
		}
		fd = open(plan->filename, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
		if (fd < 0) {
			fprintf(stderr, "%s: can't open file '%s': [Errno %d] %s\n",
				progname, plan->filename, errno, strerror(errno));
			return 2;
		}
		if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
			/* Its __main__.py is imported, hence checked by the hook. */
			close(fd);
			plan->main_is_dir = 1;
		} else {
			ret = tf_check_fd(fd, TF_ORIGIN_FILE, plan->filename, 0, &v);
			if (ret) {
				close(fd);
				return refuse(plan->filename, ret, &v);
			}
			ret = fcntl(fd, F_GETFL);
			if (ret < 0 || fcntl(fd, F_SETFL, ret & ~O_NONBLOCK) < 0) {
				close(fd);
				return 2;
			}
			plan->main_fd = fd;
		}
	}
	/* Code read from fd 0: `-`, a pipe, a redirected file, the REPL, -i. */
	if (!config->run_command && !config->run_module && !config->run_filename)
		ret = tf_check_fd(STDIN_FILENO, TF_ORIGIN_STDIN, "<stdin>", 0, &v);
	else if (config->inspect)
		ret = tf_check_fd(STDIN_FILENO, TF_ORIGIN_STDIN, "<stdin> (-i)", 0, &v);
	else
		ret = 0;
	if (ret)
		return refuse("<stdin>", ret, &v);
	return 0;
}

static int run_main_importer(const PyConfig *config, struct plan *plan,
			     PyObject *filename)
{
	PyObject *runpy, *res;

	(void)config;
	(void)plan;
	if (sys_path_insert0(filename) < 0)
		return -1;
	runpy = PyImport_ImportModule("runpy");
	if (!runpy)
		return -1;
	res = PyObject_CallMethod(runpy, "_run_module_as_main", "si", "__main__", 0);
	Py_DECREF(runpy);
	if (!res) {
		if (PyErr_ExceptionMatches(PyExc_KeyboardInterrupt))
			_Py_UnhandledKeyboardInterrupt = 1;
		return -1;
	}
	Py_DECREF(res);
	return 0;
}

/* The part of CPython's pymain_run_python() that reads code. */
static int run(const PyConfig *config, struct plan *plan)
{
	PyCompilerFlags cf = _PyCompilerFlags_INIT;
	PyObject *obj, *res;
	int exitcode = 0;

	if (config->run_filename) {
		PyObject *filename = PyUnicode_FromWideChar(config->run_filename, -1);
		PyObject *importer = NULL;

		if (!filename)
			goto error;
		/* A directory or a zip archive with __main__ (CPython's rule). */
		if (plan->main_is_dir || plan->main_fd >= 0) {
			importer = PyImport_GetImporter(filename);
			if (!importer) {
				Py_DECREF(filename);
				goto error;
			}
		}
		if (importer != Py_None) {
			Py_XDECREF(importer);
			if (plan->main_fd >= 0) {
				close(plan->main_fd);
				plan->main_fd = -1;
			}
			if (PySys_Audit("cpython.run_file", "O", filename) < 0 ||
			    run_main_importer(config, plan, filename) < 0) {
				Py_DECREF(filename);
				goto error;
			}
			Py_DECREF(filename);
		} else {
			Py_DECREF(importer);
			if (!config->safe_path) {
				obj = script_dir(plan->main_fd, plan->filename);
				if (!obj || sys_path_insert0(obj) < 0) {
					Py_XDECREF(obj);
					Py_DECREF(filename);
					goto error;
				}
				Py_DECREF(obj);
			}
			if (PySys_Audit("cpython.run_file", "O", filename) < 0) {
				Py_DECREF(filename);
				goto error;
			}
			Py_DECREF(filename);
			if (config->inspect && isatty(fileno(stdin)))
				import_readline();
			exitcode = run_fd_as_main(plan->main_fd, plan->filename,
						  config->skip_source_first_line, &cf) != 0;
			plan->main_fd = -1;
		}
	} else if (config->run_command) {
		if (!config->safe_path) {
			obj = PyUnicode_FromString("");
			if (!obj || sys_path_insert0(obj) < 0)
				goto error;
			Py_DECREF(obj);
		}
		obj = PyUnicode_FromWideChar(config->run_command, -1);
		if (!obj)
			goto error;
		if (PySys_Audit("cpython.run_command", "O", obj) < 0) {
			Py_DECREF(obj);
			goto error;
		}
		res = PyUnicode_AsUTF8String(obj);
		Py_DECREF(obj);
		if (!res) {
			PySys_WriteStderr("Unable to decode the command from the command line:\n");
			goto error;
		}
		cf.cf_flags |= PyCF_IGNORE_COOKIE;
		exitcode = PyRun_SimpleStringFlags(PyBytes_AS_STRING(res), &cf) != 0;
		cf.cf_flags &= ~PyCF_IGNORE_COOKIE;
		Py_DECREF(res);
	} else if (config->run_module) {
		PyObject *runpy;

		if (!config->safe_path) {
			char cwd[PATH_MAX];

			if (!getcwd(cwd, sizeof(cwd)))
				goto error_errno;
			obj = PyUnicode_DecodeFSDefault(cwd);
			if (!obj || sys_path_insert0(obj) < 0)
				goto error;
			Py_DECREF(obj);
		}
		obj = PyUnicode_FromWideChar(config->run_module, -1);
		runpy = obj ? PyImport_ImportModule("runpy") : NULL;
		if (!runpy) {
			Py_XDECREF(obj);
			goto error;
		}
		res = PyObject_CallMethod(runpy, "_run_module_as_main", "Oi", obj, 1);
		Py_DECREF(runpy);
		Py_DECREF(obj);
		if (!res) {
			if (PyErr_ExceptionMatches(PyExc_KeyboardInterrupt))
				_Py_UnhandledKeyboardInterrupt = 1;
			goto error;
		}
		Py_DECREF(res);
	} else {
		/* stdin: `-`, a pipe, a file, or the interactive prompt. */
		if (!config->safe_path) {
			obj = PyUnicode_FromString("");
			if (!obj || sys_path_insert0(obj) < 0)
				goto error;
			Py_DECREF(obj);
		}
		if (stdin_is_interactive(config)) {
			if (!config->quiet)
				fprintf(stderr, "Python %s on %s\n%s\n", Py_GetVersion(),
					Py_GetPlatform(),
					"Type \"help\", \"copyright\", \"credits\" or \"license\" for more information.");
			if (isatty(fileno(stdin)))
				import_readline();
			set_inspect(0);
			run_startup(config, &cf);
			run_interactive_hook();
		}
		if (PySys_Audit("cpython.run_stdin", NULL) < 0) {
			PyErr_Print();
			return 1;
		}
		return PyRun_AnyFileExFlags(stdin, "<stdin>", 0, &cf) != 0;
	}

	if (0) {
error_errno:
		PyErr_SetFromErrno(PyExc_OSError);
error:
		PyErr_Print();	/* exits on SystemExit, unless inspecting */
		exitcode = 1;
	}

	/* -i, or PYTHONINSPECT set by the program: the prompt after the code. */
	if (config->inspect || (config->use_environment && getenv("PYTHONINSPECT") &&
				*getenv("PYTHONINSPECT"))) {
		struct tf_verdict v;
		int ret;

		if (!config->inspect) {
			ret = tf_check_fd(STDIN_FILENO, TF_ORIGIN_STDIN, "<stdin> (inspect)", 0, &v);
			if (ret)
				return refuse("<stdin>", ret, &v);
		}
		if (stdin_is_interactive(config)) {
			set_inspect(0);
			exitcode = run_repl(&cf);
		}
	}
	return exitcode;
}

int main(int argc, char **argv)
{
	struct plan plan = { .main_fd = -1 };
	PyConfig config, init;
	PyStatus status;
	int exitcode;

	/* First, so that nothing is read before the hook is in place. */
	if (PyFile_SetOpenCodeHook(open_code_hook, NULL) < 0) {
		fprintf(stderr, "%s: cannot install the open-code hook\n", progname);
		return 1;
	}

	PyConfig_InitPythonConfig(&config);
	status = PyConfig_SetBytesArgv(&config, argc, argv);
	if (PyStatus_Exception(status))
		goto fail;
	status = PyConfig_Read(&config);
	if (PyStatus_Exception(status))
		goto fail;
	/*
	 * After the pre-initialization (PyConfig_SetBytesArgv), which may switch
	 * to the debug allocators (-X dev): the hook entry is freed with them.
	 * Still before anything is imported.
	 */
	if (PySys_AddAuditHook(audit_hook, NULL) < 0) {
		fprintf(stderr, "%s: cannot install the audit hook\n", progname);
		PyConfig_Clear(&config);
		return 1;
	}

	exitcode = check_plan(&config, &plan);
	if (exitcode) {
		PyConfig_Clear(&config);
		return exitcode;
	}

	/*
	 * Initialise from a configuration that was not read yet, as
	 * Py_BytesMain() does: reading one twice loses options
	 * (-X warn_default_encoding).  Same command line, same decisions.
	 */
	PyConfig_InitPythonConfig(&init);
	status = PyConfig_SetBytesArgv(&init, argc, argv);
	if (!PyStatus_Exception(status))
		status = Py_InitializeFromConfig(&init);
	PyConfig_Clear(&init);
	if (PyStatus_Exception(status))
		goto fail;

	/* The interpreter's own copy: the path configuration (a ._pth file)
	 * may have changed safe_path, use_environment... */
	exitcode = run(_PyInterpreterState_GetConfig(PyInterpreterState_Get()), &plan);
	if (plan.main_fd >= 0)
		close(plan.main_fd);
	PyMem_Free(plan.filename);
	PyConfig_Clear(&config);
	if (Py_FinalizeEx() < 0)
		exitcode = 120;
	if (_Py_UnhandledKeyboardInterrupt) {
		/* Die of SIGINT, so that the caller knows (as CPython does). */
		signal(SIGINT, SIG_DFL);
		kill(getpid(), SIGINT);
		exitcode = 128 + SIGINT;
	}
	return exitcode;

fail:
	PyConfig_Clear(&config);
	if (PyStatus_IsExit(status))
		return status.exitcode;
	Py_ExitStatusException(status);
}
