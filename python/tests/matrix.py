# SPDX-License-Identifier: LGPL-2.1-or-later
"""The launcher against the decision table, on one kernel, under every policy.

    matrix.py --backend host  LAUNCHER CLI   # AT_EXECVE_CHECK + securebits
    matrix.py --backend guest LAUNCHER CLI   # trusted_for + fs.trust_policy,
                                             # also with the securebits

Run as root by Debian's plain /usr/bin/python3.11 (not by the launcher).
Mounts the exec and the noexec tmpfs of tests/lib/fixture.sh under /tmp and
puts the same code in three places named after the rows of the decision
table: exec mount with mode 0555 (x), exec mount with mode 0444 (xr),
noexec mount with mode 0555 (nx).  Each code route runs from each place
under each policy; tests/lib/decisions.tsv (read by tests/lib/decisions.py)
says which must be refused, for both kernels.

The stdlib of /usr/lib/python3.11 is mode 0644: under the file-permission
rule (fs.trust_policy bit 2, SECBIT_EXEC_RESTRICT_FILE) the launcher would
refuse it, as it must.  The tests run with PYTHONHOME set to a copy of the
modules they need, on the exec mount with mode 0555, byte-compiled and
marked executable: what an administrator does to trust the stdlib.

Prints one "ok - ..." / "not ok - ..." line per check (check.sh numbers
them); exits 1 if any failed.
"""

import os
import py_compile
import pty
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile

STDLIB = "/usr/lib/python3.11"
TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(TOP, "tests", "lib"))
sys.dont_write_bytecode = True  # no __pycache__ in the checkout
import decisions  # noqa: E402  (the table, tests/lib/decisions.tsv)

FIXTURE = os.path.join(TOP, "tests", "lib", "fixture.sh")
# The settings of each backend: a name shown in the results, the column of
# the table, and the flags of `trusted-for run` (the exec securebits).  The
# guest has both interfaces: fs.trust_policy alone (the column tfN), the
# securebits alone (policy 0) and both together ("tfN+BITS", denied where
# either column denies).
BITS = {
    "rf": ("restrict-file", ["--restrict-file"]),
    "di": ("deny-interactive", ["--deny-interactive"]),
    "both": ("restrict-file+deny-interactive",
             ["--restrict-file", "--deny-interactive"]),
}
SETTINGS = {
    "host": [("none", "none", [])] + [(name, column, flags)
                                      for column, (name, flags) in BITS.items()],
    "guest": [(f"policy {p}", f"tf{p}", []) for p in "0123"] + [
        (f"policy {p} + {BITS[bits][0]}", f"tf{p}+{bits}", BITS[bits][1])
        for p, bits in (("0", "rf"), ("0", "di"), ("0", "both"),
                        ("1", "rf"), ("2", "di"), ("3", "both"))],
}
PLACES = ("x", "xr", "nx")
EXTENSION = "xxlimited.cpython-311-x86_64-linux-gnu.so"

# Modules the launcher needs for these tests, beyond the frozen ones.
NEEDED = ["runpy", "site", "zipimport", "importlib.util", "importlib.machinery",
          "pkgutil", "timeit", "getopt", "rlcompleter", "readline",
          "encodings.idna", "os", "traceback", "linecache", "tokenize"]

DRIVER = r'''
import importlib, runpy, site, sys
sys.dont_write_bytecode = True
place = sys.argv[1]
cached = sys.argv[2]

def report(name, fn):
    try:
        res = fn()
    except (ImportError, OSError) as e:
        print(f"{name}: DENY {type(e).__name__}: {e}")
    else:
        print(f"{name}: {res}")

def imp(path, mod):
    sys.path.insert(0, path)
    try:
        m = importlib.import_module(mod)
    finally:
        sys.path.remove(path)
    return "ALLOW" if getattr(m, "RAN", 1) else "?"

def cachedpyc():
    sys.path.insert(0, cached)
    import cmod
    return "ALLOW" if cmod.ORIGIN == "pyc" else "DENY fell back to the source"

def run_path():
    return "ALLOW" if runpy.run_path(place + "/rp.py")["RAN"] else "?"

def pth():
    site.addsitedir(place + "/site")
    return "ALLOW" if getattr(sys, "tf_pth", 0) else "DENY .pth skipped by site"

report("import .py", lambda: imp(place, "mod_py"))
report("import sourceless .pyc", lambda: imp(place, "mod_pyc"))
report("cached .pyc in __pycache__", cachedpyc)
report("zipimport", lambda: imp(place + "/mods.zip", "zmod"))
report("runpy.run_path", run_path)
report(".pth file", pth)
report("extension module (.so)", lambda: imp(place, "xxlimited"))
'''

n_failed = 0


def tap(ok, desc, diag=""):
    global n_failed
    if not ok:
        n_failed += 1
    print(f"{'ok' if ok else 'not ok'} - {desc}")
    if not ok and diag:
        for line in diag.rstrip().splitlines()[-12:]:
            print(f"#   {line}")
    sys.stdout.flush()


def write(path, text, mode):
    with open(path, "w") as f:
        f.write(text)
    os.chmod(path, mode)


def make_home(home):
    """A stdlib copy, mode 0555, byte-compiled, caches executable."""
    lib = os.path.join(home, "lib", "python3.11")
    os.makedirs(lib)
    shutil.copytree(os.path.join(STDLIB, "lib-dynload"), os.path.join(lib, "lib-dynload"))
    out = subprocess.run(
        [sys.executable, "-S", "-c",
         "import sys, importlib\n"
         "for m in sys.argv[1:]: importlib.import_module(m)\n"
         "for m in list(sys.modules.values()):\n"
         "    f = getattr(m, '__file__', None)\n"
         "    if f and f.endswith('.py'): print(f)\n"] + NEEDED,
        check=True, capture_output=True, text=True).stdout.split()
    files = set(f for f in out if f.startswith(STDLIB + "/"))
    for name in os.listdir(os.path.join(STDLIB, "encodings")):
        if name.endswith(".py"):
            files.add(os.path.join(STDLIB, "encodings", name))
    for src in files:
        dst = os.path.join(lib, os.path.relpath(src, STDLIB))
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copyfile(src, dst)
    subprocess.run([sys.executable, "-m", "compileall", "-q", lib], check=True)
    for root, dirs, names in os.walk(lib):
        for name in names:
            p = os.path.join(root, name)
            if not os.path.islink(p):
                os.chmod(p, 0o555)


def make_place(path, mode, cache_src):
    """The code of every route, in @path with @mode; its cached-pyc case."""
    os.makedirs(path)
    write(f"{path}/main.py", 'print("RAN main")\n', mode)
    write(f"{path}/mmod.py", 'print("RAN mmod")\n', mode)
    write(f"{path}/mod_py.py", "RAN = 1\n", mode)
    write(f"{path}/rp.py", "RAN = 1\n", mode)
    write(f"{path}/startup.py", "TF_STARTUP = 'ran'\n", mode)
    # Sourceless: a legacy .pyc beside no source.
    write(f"{path}/mod_pyc_src.py", "RAN = 1\n", 0o644)
    py_compile.compile(f"{path}/mod_pyc_src.py", cfile=f"{path}/mod_pyc.pyc",
                       doraise=True)
    os.unlink(f"{path}/mod_pyc_src.py")
    os.chmod(f"{path}/mod_pyc.pyc", mode)
    with zipfile.ZipFile(f"{path}/mods.zip", "w", zipfile.ZIP_STORED) as z:
        z.writestr("zmod.py", "RAN = 1\n")
    os.chmod(f"{path}/mods.zip", mode)
    shutil.copyfile(f"{STDLIB}/lib-dynload/{EXTENSION}", f"{path}/{EXTENSION}")
    os.chmod(f"{path}/{EXTENSION}", mode)
    os.makedirs(f"{path}/site")
    write(f"{path}/site/t.pth", "import sys; sys.tf_pth = 1\n", mode)
    # A source on the trusted place whose __pycache__ lives in @path: the
    # cache says ORIGIN = "pyc", the source "source" (an unchecked hash-based
    # pyc is used without looking at the source).
    os.makedirs(f"{path}/pycache")
    os.makedirs(cache_src)
    write(f"{cache_src}/cmod.py", 'ORIGIN = "source"\n', 0o555)
    write(f"{path}/pycache/fake.py", 'ORIGIN = "pyc"\n', 0o644)
    py_compile.compile(
        f"{path}/pycache/fake.py", cfile=f"{path}/pycache/cmod.cpython-311.pyc",
        doraise=True,
        invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
    os.unlink(f"{path}/pycache/fake.py")
    os.chmod(f"{path}/pycache/cmod.cpython-311.pyc", mode)
    os.symlink(f"{path}/pycache", f"{cache_src}/__pycache__")


class Runner:
    def __init__(self, backend, launcher, cli, env):
        self.backend = backend
        self.launcher = launcher
        self.cli = cli
        self.env = env
        self.prefix = []

    def setting(self, column, flags):
        self.prefix = [self.cli, "run"] + flags + ["--"] if flags else []
        if self.backend == "guest":
            with open("/proc/sys/fs/trust_policy", "w") as f:
                f.write(column[2:].split("+")[0])

    def run(self, args, stdin=subprocess.DEVNULL, input=None, cwd=None, env=None):
        p = subprocess.run(self.prefix + [self.launcher] + args, stdin=stdin,
                           input=input, cwd=cwd, env=env or self.env,
                           capture_output=True, text=True, timeout=120)
        return p.returncode, p.stdout, p.stderr

    def run_pty(self, text, env):
        """The REPL on a pseudo-terminal: type @text, collect the screen."""
        pid, fd = pty.fork()
        if pid == 0:
            try:
                os.execve((self.prefix or [self.launcher])[0],
                          self.prefix + [self.launcher, "-q"], env)
            finally:
                os._exit(127)
        out = b""
        os.write(fd, text.encode())
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            r, _, _ = select.select([fd], [], [], 1)
            if not r:
                continue
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        else:
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        os.close(fd)
        return os.waitstatus_to_exitcode(status), out.decode(errors="replace"), ""


def verdict_main(rc, out, err, path, marker):
    """ALLOW when it ran, DENY when refused with status 126 and a message."""
    if rc == 0 and marker in out:
        return "ALLOW", ""
    if rc == 126 and "refused" in err and path in err:
        return "DENY", err.strip()
    return "ERROR", f"rc={rc}\nstdout: {out}\nstderr: {err}"


def check(desc, want_deny, got, diag):
    want = "DENY" if want_deny else "ALLOW"
    tap(got == want, f"{desc}: {'refused' if want_deny else 'runs'}",
        f"expected {want}, got {got}\n{diag}")


def main():
    backend, launcher, cli = sys.argv[2], sys.argv[3], sys.argv[4]
    assert sys.argv[1] == "--backend" and backend in SETTINGS
    if os.geteuid() != 0:
        print("1..0 # SKIP needs root (mounts tmpfs, sets the policies)")
        return 77
    top = tempfile.mkdtemp(prefix="tf-python.", dir="/tmp")
    os.chmod(top, 0o755)
    x, nx = f"{top}/x", f"{top}/nx"
    try:
        subprocess.run([FIXTURE, "mount", top], check=True)
        places = {"x": f"{x}/x", "xr": f"{x}/xr", "nx": f"{nx}/nx"}
        for name, path in places.items():
            make_place(path, 0o444 if name == "xr" else 0o555, f"{x}/cache-{name}")
        write(f"{x}/driver.py", DRIVER, 0o555)
        make_home(f"{x}/home")
        env = {"PATH": "/usr/bin:/bin:/usr/sbin:/sbin", "LC_ALL": "C.UTF-8",
               "PYTHONHOME": f"{x}/home", "PYTHONNOUSERSITE": "1",
               "PYTHONDONTWRITEBYTECODE": "1", "HOME": top, "TERM": "dumb"}
        r = Runner(backend, launcher, cli, env)
        print(f"# backend {backend}, launcher {launcher}, places {places}")
        for setting, column, flags in SETTINGS[backend]:
            r.setting(column, flags)

            def deny(origin, obj):
                return decisions.expect(origin, obj, column) == "deny"
            file_deny = {p: deny("file", p) for p in PLACES}
            stdin_deny = {p: deny("stdin", p) for p in PLACES}
            inline = deny("inline", "-")
            for place in PLACES:
                p = places[place]
                tag = f"{backend} {setting}: {place}"
                got, diag = verdict_main(*r.run([f"{p}/main.py"]), f"{p}/main.py", "RAN main")
                check(f"{tag} main script", file_deny[place], got, diag)

                rc, out, err = r.run([f"{x}/driver.py", p, f"{x}/cache-{place}"])
                lines = dict(l.split(": ", 1) for l in out.splitlines() if ": " in l)
                for case in ("import .py", "import sourceless .pyc",
                             "cached .pyc in __pycache__", "zipimport",
                             "runpy.run_path", ".pth file", "extension module (.so)"):
                    res = lines.get(case, f"missing (rc={rc}) {err}")
                    got = res.split()[0] if res.split() else res
                    # A refusal says why: PermissionError naming the file
                    # and the reason; zipimport turns it into "no module".
                    if got == "DENY" and not (
                            res.startswith("DENY PermissionError") and "refused" in res
                            and p in res or
                            case == "zipimport" and "No module named 'zmod'" in res or
                            case in (".pth file", "cached .pyc in __pycache__") or
                            case.startswith("extension") and place == "nx" and
                            "failed to map segment" in res):
                        got = "DENY-for-another-reason"
                    want = file_deny[place]
                    if case.startswith("extension") and place == "nx":
                        want = True	# the kernel never maps code from noexec
                    check(f"{tag} {case}", want, got, res + "\n" + err)

                rc, out, err = r.run(["-m", "mmod"], cwd=p)
                got = "ALLOW" if rc == 0 and "RAN mmod" in out else \
                    "DENY" if rc == 1 and "PermissionError" in err and "refused" in err \
                    else f"ERROR rc={rc}"
                check(f"{tag} -m module", file_deny[place], got, out + err)

                for args, what in (([], "stdin redirected from a file"),
                                   (["-"], "'-' with stdin from a file")):
                    with open(f"{p}/main.py") as f:
                        got, diag = verdict_main(*r.run(args, stdin=f), "<stdin>", "RAN main")
                    check(f"{tag} {what}", stdin_deny[place], got, diag)

                # PYTHONSTARTUP, on the REPL (which inline rules may refuse).
                rc, out, _ = r.run_pty("print('S', globals().get('TF_STARTUP'))\n"
                                       "raise SystemExit(0)\n",
                                       dict(env, PYTHONSTARTUP=f"{p}/startup.py"))
                if inline:
                    got = "DENY" if rc == 126 and "refused" in out else f"ERROR rc={rc}"
                    check(f"{tag} REPL with PYTHONSTARTUP", True, got, out)
                else:
                    got = "ALLOW" if rc == 0 and "S ran" in out else \
                        "DENY" if rc == 0 and "S None" in out and "refused" in out \
                        else f"ERROR rc={rc}"
                    check(f"{tag} PYTHONSTARTUP (REPL)", file_deny[place], got, out)

            tag = f"{backend} {setting}:"
            main_py = f"{places['x']}/main.py"
            got, diag = verdict_main(*r.run(["-c", "print('RAN c')"]), "-c", "RAN c")
            check(f"{tag} -c", inline, got, diag)
            with open(main_py) as f:
                code = f.read()
            got, diag = verdict_main(*r.run([], stdin=None, input=code), "<stdin>", "RAN main")
            check(f"{tag} stdin pipe", deny("stdin", "nonreg"), got, diag)
            got, diag = verdict_main(*r.run(["-"], stdin=None, input=code), "<stdin>", "RAN main")
            check(f"{tag} '-' with a stdin pipe", deny("stdin", "nonreg"), got, diag)
            got, diag = verdict_main(*r.run(["-m", "timeit", "-n1", "-r1", "pass"]),
                                     "-m timeit", "loop")
            check(f"{tag} -m timeit (code from argv)", inline, got, diag)
            rc, out, _ = r.run_pty("print(6*7)\nraise SystemExit(0)\n", env)
            got = "ALLOW" if rc == 0 and "42" in out else \
                "DENY" if rc == 126 and "refused" in out else f"ERROR rc={rc}"
            check(f"{tag} REPL on a tty", deny("stdin", "tty"), got, out)
    finally:
        if backend == "guest":
            with open("/proc/sys/fs/trust_policy", "w") as f:
                f.write("0")
        subprocess.run([FIXTURE, "umount", top])
        shutil.rmtree(top, ignore_errors=True)
    return 1 if n_failed else 0


if __name__ == "__main__":
    sys.exit(main())
