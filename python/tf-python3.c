// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * tf-python3: CPython 3.11 that asks the kernel before running code from a
 * file descriptor (PEP 578 open-code hook + libtrustedfor; the decision is
 * libtrustedfor(3)'s, see also trusted_for(2) and SECURITY.md).
 *
 * Embeds Debian's libpython3.11 (PSF licence, compatible with linking).
 * Covers:
 *  - every file CPython opens through io.open_code(): imports of .py,
 *    cached and sourceless .pyc (FileLoader.get_data), zip archives
 *    (zipimport), runpy.run_path, .pth files (site.addpackage), and through
 *    the program shim the scripts and pickles that cProfile, profile,
 *    trace, pickle, pdb and doctest read (CPython's own code reads them
 *    with open()).  The hook opens the file
 *    itself, checks that descriptor (origin file) and hands CPython a reader
 *    of the same descriptor: no path is reopened after the check.  A denial
 *    raises PermissionError(EACCES, reason, path).
 *  - the main script: opened once, checked (origin file), run from that
 *    descriptor (source or .pyc); refused with exit status 126.
 *  - -c (origin inline); code read from fd 0 (`-`, a pipe, a redirected
 *    file, the REPL, -i), classified by tf_check_stdin(): a terminal is
 *    inline code, anything else origin stdin; PYTHONSTARTUP (origin file).
 *  - programs of the stdlib (-m NAME; a nested -m through runpy, cProfile,
 *    profile, trace --module or pdb -m; the module's file, cache or
 *    directory given as the script): the program shim below wraps
 *    runpy._get_module_details(), which all of them go through, and tells
 *    the module by the file the hook read.  A stdlib module runs as a
 *    program only if it is on the shim's ALLOW list (it runs its own code
 *    only) or is a runner (cProfile, profile, trace, pickle, runpy), whose
 *    files are read through io.open_code(); pdb and doctest are inline
 *    code and read their files that way too; any other stdlib module
 *    counts as inline code.  A refused program exits 126.  Modules that
 *    are not from the stdlib are files, checked by the hook.
 *  - extension modules and ctypes libraries given by path: checked by path
 *    from an audit hook just before dlopen(3) maps them (a weaker check:
 *    dlopen reopens the path; the kernel refuses noexec mounts anyway).
 * Does not cover: frozen modules (part of libpython, like the launcher),
 * code that Python programs read with open() and pass to exec()/compile()
 * themselves (trusted programs, including other stdlib trees than the two
 * the shim knows), prompts that trusted code opens (pdb.set_trace()).
 * See python/README.md.
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
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <trusted-for.h>

#define EXIT_REFUSED 126	/* like a failed exec, as the shells do */
/* The stdlib the launcher was built for (Debian's libpython3.11). */
#define TF_PYTHON_STDLIB "/usr/lib/python3.11"

/*
 * Set by CPython when KeyboardInterrupt ends the program; Py_RunMain() then
 * dies of SIGINT.  Not in the public headers, exported by libpython3.11.
 */
extern int _Py_UnhandledKeyboardInterrupt;

static const char *progname = "tf-python3";
/* Path given to io.open_code() -> (st_dev, st_ino) of the file read. */
static PyObject *opened;

/*
 * Print why code is refused, the way a failed exec is reported, in the
 * library's words: "refused by the system's execution policy (noexec
 * mount)", "refused: the execution check could not be done (...)", or
 * the error of an open that failed.
 */
static int refuse(const char *name, int ret, const struct tf_verdict *v)
{
	char why[TF_MESSAGE_MAX];

	tf_verdict_message(ret, v, why, sizeof(why));
	fprintf(stderr, "%s: %s: %s\n", progname, name, why);
	return EXIT_REFUSED;
}

/* The name of fd 0 in messages, as tf_check_stdin() classified it. */
static const char *stdin_name(const struct tf_verdict *v)
{
	return v->origin == TF_ORIGIN_INLINE ? "<terminal>" : "<stdin>";
}

/* Code read from fd 0: 0 if it may run, else EXIT_REFUSED once said so. */
static int check_stdin(void)
{
	struct tf_verdict v;
	int ret;

	ret = tf_check_stdin(0, &v);
	return ret ? refuse(stdin_name(&v), ret, &v) : 0;
}

/*
 * An interactive mode (-i, PYTHONINSPECT) is inline code whatever fd 0 is,
 * as an interactive shell is; then fd 0 itself is checked.
 */
static int check_interactive(const char *what)
{
	struct tf_verdict v;
	int ret;

	ret = tf_check_fd(-1, TF_ORIGIN_INLINE, what, 0, &v);
	if (ret)
		return refuse(what, ret, &v);
	return check_stdin();
}

/* Raise the OSError that tells why @path was not handed to CPython. */
static void raise_refusal(PyObject *path, int ret, const struct tf_verdict *v)
{
	char why[TF_MESSAGE_MAX];
	PyObject *exc;

	if (!v->checked) {
		/* open(2) failed: the usual FileNotFoundError and friends. */
		errno = -ret;
		PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, path);
		return;
	}
	tf_verdict_message(ret, v, why, sizeof(why));
	/* OSError(errno, ...) picks the subclass: PermissionError for EACCES. */
	exc = PyObject_CallFunction(PyExc_OSError, "isO", -ret, why, path);
	if (exc) {
		PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
		Py_DECREF(exc);
	}
}

/*
 * Remember which file @path named when the hook read it: the program shim
 * tells a stdlib module run under another name (a symbolic link) by the
 * file that was read, not by a path that may have changed since.
 */
static int record_opened(PyObject *path, int fd)
{
	PyObject *id;
	struct stat st;
	int ret;

	if (fstat(fd, &st) < 0) {
		PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, path);
		return -1;
	}
	if (!opened && !(opened = PyDict_New()))
		return -1;
	id = Py_BuildValue("(KK)", (unsigned long long)st.st_dev,
			   (unsigned long long)st.st_ino);
	if (!id)
		return -1;
	ret = PyDict_SetItem(opened, path, id);
	Py_DECREF(id);
	return ret;
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
	if (record_opened(path, fd) < 0) {
		close(fd);
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

/*
 * The program shim, Python run once in the built-in module _tf_python3:
 * what a module of the stdlib may do when it runs as a program (-m NAME,
 * a nested -m, or its file given as the script), and the checked reads of
 * the modules that run files (modules that run code given as arguments or
 * on stdin are inline code, libtrustedfor(3)).  Part of the binary, trusted
 * as the launcher is.
 */
static const char program_shim[] =
	"import io, os, sys\n"
	"_builtin_open = open\n"
	"\n"
	"# What the stdlib's modules may do when run as a program: by -m NAME, by a\n"
	"# nested -m (runpy, cProfile, profile, trace --module, pdb -m, all through\n"
	"# runpy._get_module_details), or by their file given as the script.  A\n"
	"# module of the stdlib on neither list counts as inline code (modules that\n"
	"# run code given as arguments or on stdin are inline code, libtrustedfor(3)):\n"
	"# most run nothing of the kind, but the ones that do are not known by name\n"
	"# in advance (unittest calls any function named on its command line).\n"
	"ALLOW = frozenset((\n"
	"    'json.tool',                        # pretty-prints JSON\n"
	"    'zipfile', 'tarfile', 'gzip',       # list, test, create, extract\n"
	"    'zipapp',                           # builds an archive, never runs it\n"
	"    'compileall', 'py_compile',         # compile, never run what they compile\n"
	"    'dis', 'ast', 'tokenize', 'tabnanny',       # read source, never run it\n"
	"    'pickletools',                      # shows a pickle without loading it\n"
	"    'http.server',                      # --cgi scripts are child processes,\n"
	"                                        # checked there\n"
	"    'venv',                             # pip runs in a child, checked there\n"
	"    'site', 'sysconfig', 'platform',    # print the configuration\n"
	"    'base64', 'quopri', 'calendar', 'mimetypes', 'filecmp',     # text tools\n"
	"))\n"
	"# Programs that run code from files named on their command line: allowed,\n"
	"# but the files are read through io.open_code(), i.e. checked on the\n"
	"# descriptor that is read (see _prepare).\n"
	"RUNNERS = frozenset((\n"
	"    'cProfile', 'profile', 'trace',     # run a script, or -m a module\n"
	"    'pickle',                           # loads pickles: code\n"
	"    'runpy',                            # -m a module\n"
	"))\n"
	"# Inline code, whose files are read through io.open_code() as well, for\n"
	"# where inline code is allowed: pdb (commands are code; its script, .pdbrc\n"
	"# files), doctest (the examples of text files).\n"
	"INLINE_RUNNERS = frozenset(('pdb', 'doctest'))\n"
	"\n"
	"_ROOTS = []\n"
	"_TRAMPOLINE = '<tf-python3 program>'\n"
	"_CODE = '\\0tf-python3: the program code'\n"
	"\n"
	"\n"
	"def _roots():\n"
	"    # The stdlib in use (PYTHONHOME) and the one the launcher was built for.\n"
	"    if not _ROOTS:\n"
	"        for d in (getattr(sys, '_stdlib_dir', None), BUILT_STDLIB):\n"
	"            if d:\n"
	"                d = os.path.realpath(d)\n"
	"                if d not in _ROOTS:\n"
	"                    _ROOTS.append(d)\n"
	"    return _ROOTS\n"
	"\n"
	"\n"
	"def _stdlib_name(real):\n"
	"    \"\"\"Module name of the stdlib file at @real (a real path): '' if it has\n"
	"    none, None if @real is not in the stdlib.\"\"\"\n"
	"    for root in _roots():\n"
	"        if real.startswith(root + '/'):\n"
	"            break\n"
	"    else:\n"
	"        return None\n"
	"    parts = real[len(root) + 1:].split('/')\n"
	"    if parts[0] in ('site-packages', 'dist-packages'):\n"
	"        return None\n"
	"    if len(parts) > 1 and parts[-2] == '__pycache__':\n"
	"        del parts[-2]\n"
	"        parts[-1] = parts[-1].partition('.')[0]\n"
	"    elif parts[-1].endswith('.py'):\n"
	"        parts[-1] = parts[-1][:-3]\n"
	"    elif parts[-1].endswith('.pyc'):\n"
	"        parts[-1] = parts[-1][:-4]\n"
	"    else:\n"
	"        return ''\n"
	"    if parts[-1] == '__init__':\n"
	"        del parts[-1]\n"
	"    if not parts or not all(p.isidentifier() for p in parts):\n"
	"        return ''\n"
	"    return '.'.join(parts)\n"
	"\n"
	"\n"
	"def _fd_name(fd, path):\n"
	"    \"\"\"_stdlib_name() of the file open on @fd (named @path).\"\"\"\n"
	"    try:\n"
	"        real = os.readlink('/proc/self/fd/%d' % fd)\n"
	"    except OSError:\n"
	"        real = ''\n"
	"    if not real.startswith('/'):\n"
	"        # No /proc: the path, if it still leads to the same file.\n"
	"        real = os.path.realpath(path)\n"
	"        try:\n"
	"            st, fst = os.stat(real), os.fstat(fd)\n"
	"        except OSError:\n"
	"            return ''\n"
	"        if (st.st_dev, st.st_ino) != (fst.st_dev, fst.st_ino):\n"
	"            return ''\n"
	"    return _stdlib_name(real)\n"
	"\n"
	"\n"
	"def _spec_name(name, spec):\n"
	"    \"\"\"Stdlib module name of what runpy found for @name, None if not the\n"
	"    stdlib.  The files are those the open-code hook read (_opened).\"\"\"\n"
	"    for path in (spec.origin if spec.has_location else None, spec.cached):\n"
	"        if not path:\n"
	"            continue\n"
	"        real = os.path.realpath(path)\n"
	"        seen = _opened.get(path)\n"
	"        if seen is not None:\n"
	"            try:\n"
	"                st = os.stat(real)\n"
	"            except OSError:\n"
	"                return ''\n"
	"            if (st.st_dev, st.st_ino) != seen:\n"
	"                return ''       # changed since it was read: unknown\n"
	"        std = _stdlib_name(real)\n"
	"        if std is not None:\n"
	"            return std\n"
	"    return _by_name(spec.name) or _by_name(name)\n"
	"\n"
	"\n"
	"def _by_name(name):\n"
	"    if name and name.partition('.')[0] in sys.stdlib_module_names:\n"
	"        return name\n"
	"    return None\n"
	"\n"
	"\n"
	"def _kind(name):\n"
	"    \"\"\"'allow', 'inline' or the name of a runner, for a stdlib module.\"\"\"\n"
	"    if name.endswith('.__main__'):\n"
	"        name = name[:-len('.__main__')]\n"
	"    if name in ALLOW:\n"
	"        return 'allow'\n"
	"    if name in RUNNERS or name in INLINE_RUNNERS:\n"
	"        return name\n"
	"    return 'inline'\n"
	"\n"
	"\n"
	"def _refused(path, err):\n"
	"    # A file the open-code hook refused: the program is refused (exit 126).\n"
	"    if isinstance(err, PermissionError) and err.strerror and \\\n"
	"            err.strerror.startswith('refused'):\n"
	"        refuse(path, err.strerror)\n"
	"\n"
	"\n"
	"def _open_code(path, text=False, encoding=None, errors=None, newline=None):\n"
	"    \"\"\"A checked reader of @path, which a runner reads as code; a stdlib\n"
	"    program in it is classified as if run by -m.\"\"\"\n"
	"    try:\n"
	"        f = io.open_code(path)\n"
	"    except OSError as err:\n"
	"        _refused(path, err)\n"
	"        raise\n"
	"    try:\n"
	"        name = _fd_name(f.fileno(), path)\n"
	"        if name is not None:\n"
	"            kind = _kind(name)\n"
	"            if kind == 'inline':\n"
	"                check_inline(path)\n"
	"            elif kind in ('pdb', 'pickle'):\n"
	"                _prepare(kind, None, path)\n"
	"            elif kind != 'allow':\n"
	"                # It would run with the builtin open(): nothing to check with.\n"
	"                refuse(path, 'refused: a program that runs scripts, '\n"
	"                       'checked only when run with -m %s' % name)\n"
	"        if text:\n"
	"            f = io.TextIOWrapper(f, encoding, errors, newline)\n"
	"    except BaseException:\n"
	"        f.close()\n"
	"        raise\n"
	"    return f\n"
	"\n"
	"\n"
	"def _make_open(text):\n"
	"    \"\"\"An open() for a runner's namespace: reads of code go through\n"
	"    io.open_code() (binary reads; also text ones if @text).\"\"\"\n"
	"    def open(file, mode='r', buffering=-1, encoding=None, errors=None,\n"
	"             newline=None, closefd=True, opener=None):\n"
	"        if isinstance(file, (str, bytes, os.PathLike)) and \\\n"
	"                isinstance(mode, str) and set(mode) <= set('rbt') and \\\n"
	"                ('b' in mode or text) and closefd and opener is None:\n"
	"            return _open_code(os.fsdecode(file), 'b' not in mode,\n"
	"                              encoding, errors, newline)\n"
	"        return _builtin_open(file, mode, buffering, encoding, errors,\n"
	"                             newline, closefd, opener)\n"
	"    return open\n"
	"\n"
	"\n"
	"_open_binary = _make_open(False)\n"
	"_open_any = _make_open(True)\n"
	"\n"
	"\n"
	"def _patch_pdb():\n"
	"    import pdb\n"
	"    if getattr(pdb, '_tf_checked', False):\n"
	"        return\n"
	"    target = pdb._ScriptTarget\n"
	"    check = target.check\n"
	"\n"
	"    def checked(self):\n"
	"        check(self)\n"
	"        _open_code(self).close()        # refused before the debugger starts\n"
	"\n"
	"    def code(self):\n"
	"        with _open_code(self, True) as fp:\n"
	"            return \"exec(compile(%r, %r, 'exec'))\" % (fp.read(), self)\n"
	"\n"
	"    target.check = checked\n"
	"    target.code = property(code)\n"
	"    # .pdbrc files hold pdb commands; a refused one is skipped, as pdb\n"
	"    # skips an unreadable one (the library logs it).\n"
	"    def rc_open(file, *args, **kwargs):\n"
	"        return io.TextIOWrapper(io.open_code(os.fsdecode(file)),\n"
	"                                kwargs.get('encoding'))\n"
	"    pdb.open = rc_open\n"
	"    pdb._tf_checked = True\n"
	"\n"
	"\n"
	"def _runpy_main():\n"
	"    # runpy's own \"if __name__ == '__main__'\" part, on the checked runpy.\n"
	"    runpy = install()\n"
	"    if len(sys.argv) < 2:\n"
	"        print('No module specified for execution', file=sys.stderr)\n"
	"    else:\n"
	"        del sys.argv[0]\n"
	"        runpy._run_module_as_main(sys.argv[0])\n"
	"\n"
	"\n"
	"def _prepare(kind, g, name):\n"
	"    \"\"\"Get a program of the stdlib of @kind ready to run in the namespace\n"
	"    @g; returns what to run instead of its code, or None.\"\"\"\n"
	"    if kind == 'allow':\n"
	"        return None\n"
	"    if kind == 'inline' or kind in INLINE_RUNNERS:\n"
	"        check_inline(name)\n"
	"    if kind in ('cProfile', 'profile', 'trace'):\n"
	"        install()       # their -m/--module\n"
	"        if g is not None:\n"
	"            g['open'] = _open_binary\n"
	"    elif kind == 'doctest':\n"
	"        if g is not None:\n"
	"            g['open'] = _open_any\n"
	"    elif kind == 'pdb':\n"
	"        install()\n"
	"        _patch_pdb()\n"
	"    elif kind == 'pickle':\n"
	"        # Its files are argparse.FileType('br') arguments, '-' is stdin.\n"
	"        import argparse\n"
	"        argparse.open = _open_binary\n"
	"        if '-' in sys.argv[1:]:\n"
	"            check_stdin()\n"
	"    elif kind == 'runpy':\n"
	"        return _runpy_main\n"
	"    return None\n"
	"\n"
	"\n"
	"def _run(kind, g, code):\n"
	"    \"\"\"The code of a stdlib runner found by runpy: runs in the namespace\n"
	"    its caller chose (runpy, trace, pdb), once ready.\"\"\"\n"
	"    if g.get('__name__') != '__main__':\n"
	"        return exec(code, g)         # imported, not a program\n"
	"    main = _prepare(kind, g, '-m ' + kind)\n"
	"    if main is not None:\n"
	"        return main()\n"
	"    exec(code, g)\n"
	"\n"
	"\n"
	"def _trampoline(kind, code):\n"
	"    t = compile('__import__(%r)._run(%r, globals(), %r)'\n"
	"                % (__name__, kind, _CODE), code.co_filename, 'exec')\n"
	"    return t.replace(co_name=_TRAMPOLINE, co_consts=tuple(\n"
	"        code if c == _CODE else c for c in t.co_consts))\n"
	"\n"
	"\n"
	"def install():\n"
	"    \"\"\"Classify every module that runpy finds to run as a program.\"\"\"\n"
	"    import runpy\n"
	"    find = runpy._get_module_details\n"
	"    if getattr(find, '_tf_checked', False):\n"
	"        return runpy\n"
	"\n"
	"    def _get_module_details(mod_name, error=ImportError):\n"
	"        # First by the name asked: nothing of a refused package is imported.\n"
	"        std = _by_name(mod_name)\n"
	"        if std is not None and _kind(std) == 'inline':\n"
	"            check_inline('-m ' + mod_name)\n"
	"        mod_name, spec, code = find(mod_name, error)\n"
	"        if code.co_name == _TRAMPOLINE:\n"
	"            return mod_name, spec, code\n"
	"        std = _spec_name(mod_name, spec)\n"
	"        if std is None:\n"
	"            return mod_name, spec, code\n"
	"        kind = _kind(std)\n"
	"        if kind == 'allow':\n"
	"            return mod_name, spec, code\n"
	"        if kind == 'inline':\n"
	"            check_inline('-m ' + std)\n"
	"            return mod_name, spec, code\n"
	"        return mod_name, spec, _trampoline(kind, code)\n"
	"\n"
	"    _get_module_details._tf_checked = True\n"
	"    runpy._get_module_details = _get_module_details\n"
	"    return runpy\n"
	"\n"
	"\n"
	"def main_script(fd, path):\n"
	"    \"\"\"The script given on the command line, open on @fd: what to run\n"
	"    instead of it (a callable), or None to run it.\"\"\"\n"
	"    name = _fd_name(fd, path)\n"
	"    if name is None:\n"
	"        return None\n"
	"    main = sys.modules['__main__']\n"
	"    return _prepare(_kind(name), main.__dict__, path)\n";

/*
 * _tf_python3, a built-in module for the program shim below: the checks it
 * asks, in the launcher's words.  A refused program ends the process at
 * once with EXIT_REFUSED, after what it printed so far: an exception could
 * be caught by the program that runs it (pdb catches everything and
 * starts its post-mortem prompt).
 */

/* Flush what the program printed, before the refusal is printed. */
static void flush_python(void)
{
	PyObject *f, *res;

	for (int i = 0; i < 2; i++) {
		f = PySys_GetObject(i ? "stderr" : "stdout");	/* borrowed */
		res = f && f != Py_None ? PyObject_CallMethod(f, "flush", NULL) : NULL;
		Py_XDECREF(res);
		PyErr_Clear();
	}
	fflush(NULL);
}

/* check_inline(name): code given on the command line or typed at a prompt. */
static PyObject *shim_check_inline(PyObject *self, PyObject *arg)
{
	struct tf_verdict v;
	const char *name;
	int ret;

	(void)self;
	name = PyUnicode_AsUTF8(arg);
	if (!name)
		return NULL;
	Py_BEGIN_ALLOW_THREADS
	ret = tf_check_fd(-1, TF_ORIGIN_INLINE, name, 0, &v);
	Py_END_ALLOW_THREADS
	if (ret) {
		flush_python();
		_exit(refuse(name, ret, &v));
	}
	Py_RETURN_NONE;
}

/* check_stdin(): code read from fd 0 (a terminal is inline code). */
static PyObject *shim_check_stdin(PyObject *self, PyObject *unused)
{
	struct tf_verdict v;
	int ret;

	(void)self;
	(void)unused;
	Py_BEGIN_ALLOW_THREADS
	ret = tf_check_stdin(0, &v);
	Py_END_ALLOW_THREADS
	if (ret) {
		flush_python();
		_exit(refuse(stdin_name(&v), ret, &v));
	}
	Py_RETURN_NONE;
}

/* refuse(name, why): refused for a reason found in Python. */
static PyObject *shim_refuse(PyObject *self, PyObject *args)
{
	const char *name, *why;

	(void)self;
	if (!PyArg_ParseTuple(args, "ss", &name, &why))
		return NULL;
	flush_python();
	fprintf(stderr, "%s: %s: %s\n", progname, name, why);
	_exit(EXIT_REFUSED);
}

static PyMethodDef shim_methods[] = {
	{ "check_inline", shim_check_inline, METH_O, NULL },
	{ "check_stdin", shim_check_stdin, METH_NOARGS, NULL },
	{ "refuse", shim_refuse, METH_VARARGS, NULL },
	{ NULL, NULL, 0, NULL },
};

static struct PyModuleDef shim_module = {
	PyModuleDef_HEAD_INIT, "_tf_python3", NULL, -1, shim_methods,
	NULL, NULL, NULL, NULL,
};

static PyObject *shim_init(void)
{
	PyObject *m, *d, *code, *res;

	m = PyModule_Create(&shim_module);
	if (!m)
		return NULL;
	if (!opened)
		opened = PyDict_New();
	d = PyModule_GetDict(m);
	if (!opened || PyDict_SetItemString(d, "_opened", opened) < 0 ||
	    PyModule_AddStringConstant(m, "BUILT_STDLIB", TF_PYTHON_STDLIB) < 0 ||
	    PyDict_SetItemString(d, "__builtins__", PyEval_GetBuiltins()) < 0)
		goto fail;
	code = Py_CompileString(program_shim, "<tf-python3>", Py_file_input);
	if (!code)
		goto fail;
	res = PyEval_EvalCode(code, d, d);
	Py_DECREF(code);
	if (!res)
		goto fail;
	Py_DECREF(res);
	return m;
fail:
	Py_DECREF(m);
	return NULL;
}

/* Call _tf_python3.@func(...); a new reference, or NULL with an exception. */
static PyObject *shim_call(const char *func, const char *format, ...)
{
	PyObject *m, *f, *args, *res = NULL;
	va_list ap;

	m = PyImport_ImportModule("_tf_python3");
	if (!m)
		return NULL;
	f = PyObject_GetAttrString(m, func);
	Py_DECREF(m);
	if (!f)
		return NULL;
	va_start(ap, format);
	args = Py_VaBuildValue(format, ap);
	va_end(ap);
	if (args && !PyTuple_Check(args)) {
		PyObject *t = PyTuple_Pack(1, args);

		Py_DECREF(args);
		args = t;
	}
	if (args)
		res = PyObject_Call(f, args, NULL);
	Py_XDECREF(args);
	Py_DECREF(f);
	return res;
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
 * Run the .pyc open on @fd (consumed) in the namespace @d of __main__,
 * named @name.  Returns what the code returned, or NULL with an exception.
 */
static PyObject *run_pyc_fd(int fd, PyObject *d, PyObject *name)
{
	long magic = PyImport_GetMagicNumber();
	PyObject *data, *code = NULL, *v = NULL;
	const unsigned char *p;

	data = read_all(fd);
	close(fd);
	if (!data)
		return NULL;
	p = (const unsigned char *)PyBytes_AS_STRING(data);
	if (PyBytes_GET_SIZE(data) < 16 ||
	    (p[0] | p[1] << 8 | p[2] << 16 | (unsigned long)p[3] << 24) !=
		    (unsigned long)magic)
		PyErr_SetString(PyExc_RuntimeError, "Bad magic number in .pyc file");
	else if (set_main_loader(d, name, "SourcelessFileLoader") == 0)
		code = PyMarshal_ReadObjectFromString(PyBytes_AS_STRING(data) + 16,
						      PyBytes_GET_SIZE(data) - 16);
	if (code && !PyCode_Check(code)) {
		PyErr_SetString(PyExc_RuntimeError, "Bad code object in .pyc file");
	} else if (code) {
		v = PyEval_EvalCode(code, d, d);
		if (!v && PyErr_ExceptionMatches(PyExc_KeyboardInterrupt))
			_Py_UnhandledKeyboardInterrupt = 1;
	}
	Py_XDECREF(code);
	Py_DECREF(data);
	return v;
}

/*
 * Run the source open on @fd (consumed) in the namespace @d of __main__,
 * as CPython does (-x skips the first line).  Returns what the code
 * returned, or NULL with an exception.
 */
static PyObject *run_source_fd(int fd, PyObject *d, PyObject *name,
			       const char *filename, int skip_first_line,
			       PyCompilerFlags *cf)
{
	FILE *fp;
	int ch;

	fp = fdopen(fd, "rb");
	if (!fp) {
		PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, name);
		close(fd);
		return NULL;
	}
	while (skip_first_line && (ch = getc(fp)) != EOF)
		if (ch == '\n') {
			ungetc(ch, fp);
			break;
		}
	if (set_main_loader(d, name, "SourceFileLoader") < 0) {
		fclose(fp);
		return NULL;
	}
	/* Parses all, closes @fp, then runs. */
	return PyRun_FileExFlags(fp, filename, Py_file_input, d, d, 1, cf);
}

/*
 * Run the checked descriptor @fd as __main__, like PyRun_SimpleFileExFlags()
 * but never reopening @filename (CPython reopens a .pyc by name).
 * Consumes @fd.  Returns 0, or -1 after printing the exception.
 */
static int run_fd_as_main(int fd, const char *filename, int skip_first_line,
			  PyCompilerFlags *cf)
{
	PyObject *m = NULL, *d, *name, *v;
	int set_file = 0;

	name = PyUnicode_DecodeFSDefault(filename);
	if (!name)
		goto fail;
	m = PyImport_AddModule("__main__");
	if (!m)
		goto fail;
	Py_INCREF(m);	/* the program may delete sys.modules["__main__"] */
	d = PyModule_GetDict(m);
	if (!PyDict_GetItemString(d, "__file__")) {
		if (PyDict_SetItemString(d, "__file__", name) < 0 ||
		    PyDict_SetItemString(d, "__cached__", Py_None) < 0)
			goto fail;
		set_file = 1;
	}
	if (fd_is_pyc(fd, filename))
		v = run_pyc_fd(fd, d, name);
	else
		v = run_source_fd(fd, d, name, filename, skip_first_line, cf);
	fd = -1;
	if (!v)
		goto fail;
	Py_DECREF(v);
	if (set_file && (PyDict_DelItemString(d, "__file__") ||
			 PyDict_DelItemString(d, "__cached__")))
		PyErr_Clear();
	Py_DECREF(m);
	Py_DECREF(name);
	fflush(stdout);
	return 0;
fail:
	if (fd >= 0)
		close(fd);
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

/*
 * Whether the script open on @fd may be a file of the stdlib (in use, or
 * the one the launcher was built for, as in the shim's _roots()): only then
 * is the program shim asked, which costs its compilation (~3 ms).  Says yes
 * when it cannot tell (no /proc): the shim decides then.
 */
static int script_in_stdlib(int fd)
{
	char link[64], real[PATH_MAX], root[PATH_MAX];
	PyObject *dir = PySys_GetObject("_stdlib_dir");	/* borrowed */
	const char *roots[2] = { NULL, TF_PYTHON_STDLIB };
	PyObject *bytes = NULL;
	ssize_t n;
	int found = 0;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, real, sizeof(real) - 1);
	if (n <= 0 || real[0] != '/')
		return 1;
	real[n] = '\0';
	if (dir && PyUnicode_Check(dir) && PyUnicode_FSConverter(dir, &bytes))
		roots[0] = PyBytes_AS_STRING(bytes);
	PyErr_Clear();
	for (int i = 0; i < 2 && !found; i++) {
		size_t len;

		if (!roots[i] || !realpath(roots[i], root))
			continue;
		len = strlen(root);
		found = strncmp(real, root, len) == 0 && real[len] == '/';
	}
	Py_XDECREF(bytes);
	return found;
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

/* What the command line asks to run; decided before Python starts. */
struct plan {
	int main_fd;		/* checked script, or -1 */
	int main_is_dir;	/* a directory with __main__.py */
	char *filename;		/* the script as given, in the locale */
};

/*
 * The script argument: opened once and checked (origin file); the
 * descriptor is kept for run().  A directory is not opened for reading: its
 * __main__.py is imported, hence checked by the hook.  Returns 0, or the
 * exit status once the reason is printed.
 */
static int open_script(const PyConfig *config, struct plan *plan)
{
	struct tf_verdict v;
	struct stat st;
	int ret, fd;

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
		close(fd);
		plan->main_is_dir = 1;
		return 0;
	}
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
	return 0;
}

/* Ask the library about every code source of the command line. */
static int check_plan(const PyConfig *config, struct plan *plan)
{
	struct tf_verdict v;
	int ret;

	if (config->run_command) {
		ret = tf_check_fd(-1, TF_ORIGIN_INLINE, "-c", 0, &v);
		if (ret)
			return refuse("-c", ret, &v);
	} else if (config->run_module) {
		/* Decided once the module is found: see program_shim. */
	} else if (config->run_filename) {
		ret = open_script(config, plan);
		if (ret)
			return ret;
	}
	/* Code read from fd 0: `-`, a pipe, a redirected file, the REPL, -i. */
	if (config->inspect)
		return check_interactive("-i");
	if (!config->run_command && !config->run_module && !config->run_filename)
		return check_stdin();
	return 0;
}

/* Print the pending exception (exits on SystemExit, unless inspecting). */
static int print_error(void)
{
	PyErr_Print();
	return 1;
}

/* An exception out of the program itself: the same, noting a ^C. */
static int program_error(void)
{
	if (PyErr_ExceptionMatches(PyExc_KeyboardInterrupt))
		_Py_UnhandledKeyboardInterrupt = 1;
	return print_error();
}

/* sys.path.insert(0, @path0), stealing the reference; NULL is an error. */
static int insert_path0(PyObject *path0)
{
	int ret;

	if (!path0)
		return -1;
	ret = sys_path_insert0(path0);
	Py_DECREF(path0);
	return ret;
}

/* A directory or a zip archive given as the script: its __main__ module. */
static int run_script_importer(struct plan *plan, PyObject *filename)
{
	PyObject *runpy, *res;

	if (plan->main_fd >= 0) {
		close(plan->main_fd);
		plan->main_fd = -1;
	}
	if (PySys_Audit("cpython.run_file", "O", filename) < 0 ||
	    sys_path_insert0(filename) < 0)
		return print_error();
	runpy = shim_call("install", "()");
	if (!runpy)
		return print_error();
	res = PyObject_CallMethod(runpy, "_run_module_as_main", "si", "__main__", 0);
	Py_DECREF(runpy);
	if (!res)
		return program_error();
	Py_DECREF(res);
	return 0;
}

/*
 * What the program shim runs instead of the script open on plan->main_fd
 * when it is a program of the stdlib (as if run with -m): a callable, or
 * Py_None to run the script; NULL with an exception.
 */
static PyObject *stdlib_program(struct plan *plan)
{
	PyObject *path;

	if (!script_in_stdlib(plan->main_fd))
		return Py_NewRef(Py_None);
	path = PyUnicode_DecodeFSDefault(plan->filename);
	if (!path)
		return NULL;
	return shim_call("main_script", "(iN)", plan->main_fd, path);
}

/* The script checked in open_script(), run from its descriptor. */
static int run_script_fd(const PyConfig *config, struct plan *plan,
			 PyObject *filename, PyCompilerFlags *cf)
{
	PyObject *main, *res;
	int fd;

	/* sys.path[0], unless -P, -I or a ._pth file asks for a safe path. */
	if ((!config->safe_path &&
	     insert_path0(script_dir(plan->main_fd, plan->filename)) < 0) ||
	    PySys_Audit("cpython.run_file", "O", filename) < 0)
		return print_error();
	main = stdlib_program(plan);
	if (!main)
		return print_error();
	if (main != Py_None) {
		close(plan->main_fd);
		plan->main_fd = -1;
		res = PyObject_CallNoArgs(main);
		Py_DECREF(main);
		if (!res)
			return program_error();
		Py_DECREF(res);
		return 0;
	}
	Py_DECREF(main);
	if (config->inspect && isatty(fileno(stdin)))
		import_readline();
	fd = plan->main_fd;
	plan->main_fd = -1;
	return run_fd_as_main(fd, plan->filename, config->skip_source_first_line,
			      cf) != 0;
}

/* A script argument: a file, or a directory or zip with __main__. */
static int run_script(const PyConfig *config, struct plan *plan,
		      PyCompilerFlags *cf)
{
	PyObject *filename, *importer = NULL;
	int exitcode;

	filename = PyUnicode_FromWideChar(config->run_filename, -1);
	if (!filename)
		return print_error();
	/* A directory or a zip archive with __main__ (CPython's rule). */
	if (plan->main_is_dir || plan->main_fd >= 0) {
		importer = PyImport_GetImporter(filename);
		if (!importer) {
			Py_DECREF(filename);
			return print_error();
		}
	}
	if (importer != Py_None)
		exitcode = run_script_importer(plan, filename);
	else
		exitcode = run_script_fd(config, plan, filename, cf);
	Py_XDECREF(importer);
	Py_DECREF(filename);
	return exitcode;
}

/* -c CODE, checked in check_plan(). */
static int run_command(const PyConfig *config, PyCompilerFlags *cf)
{
	PyObject *command, *utf8;
	int exitcode;

	if (!config->safe_path && insert_path0(PyUnicode_FromString("")) < 0)
		return print_error();
	command = PyUnicode_FromWideChar(config->run_command, -1);
	if (!command)
		return print_error();
	if (PySys_Audit("cpython.run_command", "O", command) < 0) {
		Py_DECREF(command);
		return print_error();
	}
	utf8 = PyUnicode_AsUTF8String(command);
	Py_DECREF(command);
	if (!utf8) {
		PySys_WriteStderr("Unable to decode the command from the command line:\n");
		return print_error();
	}
	cf->cf_flags |= PyCF_IGNORE_COOKIE;
	exitcode = PyRun_SimpleStringFlags(PyBytes_AS_STRING(utf8), cf) != 0;
	cf->cf_flags &= ~PyCF_IGNORE_COOKIE;
	Py_DECREF(utf8);
	return exitcode;
}

/* -m MODULE: found by runpy, decided by the program shim. */
static int run_module(const PyConfig *config)
{
	PyObject *module, *runpy, *res;
	char cwd[PATH_MAX];

	if (!config->safe_path) {
		if (!getcwd(cwd, sizeof(cwd))) {
			PyErr_SetFromErrno(PyExc_OSError);
			return print_error();
		}
		if (insert_path0(PyUnicode_DecodeFSDefault(cwd)) < 0)
			return print_error();
	}
	module = PyUnicode_FromWideChar(config->run_module, -1);
	runpy = module ? shim_call("install", "()") : NULL;
	if (!runpy) {
		Py_XDECREF(module);
		return print_error();
	}
	res = PyObject_CallMethod(runpy, "_run_module_as_main", "Oi", module, 1);
	Py_DECREF(runpy);
	Py_DECREF(module);
	if (!res)
		return program_error();
	Py_DECREF(res);
	return 0;
}

/*
 * Code from fd 0, checked in check_plan(): `-`, a pipe, a file, or the
 * interactive prompt (banner, readline, PYTHONSTARTUP, the hook first).
 */
static int run_stdin(const PyConfig *config, PyCompilerFlags *cf)
{
	if (!config->safe_path && insert_path0(PyUnicode_FromString("")) < 0)
		return print_error();
	if (stdin_is_interactive(config)) {
		if (!config->quiet)
			fprintf(stderr, "Python %s on %s\n%s\n", Py_GetVersion(),
				Py_GetPlatform(),
				"Type \"help\", \"copyright\", \"credits\" or \"license\" for more information.");
		if (isatty(fileno(stdin)))
			import_readline();
		set_inspect(0);
		run_startup(config, cf);
		run_interactive_hook();
	}
	if (PySys_Audit("cpython.run_stdin", NULL) < 0)
		return print_error();
	return PyRun_AnyFileExFlags(stdin, "<stdin>", 0, cf) != 0;
}

/*
 * -i, or PYTHONINSPECT set by the program: the prompt after the code.  -i
 * was checked in check_plan(); PYTHONINSPECT is checked here.
 */
static int run_inspect(const PyConfig *config, PyCompilerFlags *cf,
		       int exitcode)
{
	const char *env;
	int ret;

	if (!config->inspect) {
		env = config->use_environment ? getenv("PYTHONINSPECT") : NULL;
		if (!env || !*env)
			return exitcode;
		ret = check_interactive("PYTHONINSPECT");
		if (ret)
			return ret;
	}
	if (stdin_is_interactive(config)) {
		set_inspect(0);
		exitcode = run_repl(cf);
	}
	return exitcode;
}

/* The part of CPython's pymain_run_python() that reads code, by mode. */
static int run(const PyConfig *config, struct plan *plan)
{
	PyCompilerFlags cf = _PyCompilerFlags_INIT;
	int exitcode;

	if (config->run_filename)
		exitcode = run_script(config, plan, &cf);
	else if (config->run_command)
		exitcode = run_command(config, &cf);
	else if (config->run_module)
		exitcode = run_module(config);
	else
		return run_stdin(config, &cf);
	return run_inspect(config, &cf, exitcode);
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

	if (PyImport_AppendInittab("_tf_python3", shim_init) < 0) {
		fprintf(stderr, "%s: cannot add the program shim\n", progname);
		PyConfig_Clear(&config);
		return 1;
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
