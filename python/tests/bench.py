# SPDX-License-Identifier: LGPL-2.1-or-later
"""Start-up of a script importing 50 stdlib modules: launcher vs python3.11.

    bench.py LABEL LAUNCHER [RUNS [SAME_LINK]]

Run by Debian's /usr/bin/python3.11.  Alternates the interpreters RUNS
times (after one warm-up each) in a clean environment and prints the
median wall-clock time of each and their ratio, measured in this one run.
SAME_LINK (tests/plain.c) is CPython's main() linked like the launcher,
without checks: launcher over it is the cost of the checks alone, it over
python3.11 the cost of the static libpython (no LTO), a second line.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

MODULES = """argparse ast base64 bisect calendar configparser contextlib copy csv
dataclasses datetime decimal difflib dis email.message enum fnmatch fractions
getopt gettext glob gzip hashlib heapq hmac html.parser http.client inspect
ipaddress json logging mimetypes optparse pathlib pickle pprint queue random
shutil statistics string subprocess tarfile tempfile textwrap
tokenize typing urllib.parse uuid zipfile""".split()
assert len(MODULES) == 50

label, launcher = sys.argv[1], sys.argv[2]
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 20
same = sys.argv[4] if len(sys.argv) > 4 else None
plain = "/usr/bin/python3.11"
with tempfile.TemporaryDirectory() as d:
    script = os.path.join(d, "imports.py")
    with open(script, "w") as f:
        f.write("".join(f"import {m}\n" for m in MODULES))
    env = {"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8", "HOME": d}
    exes = [launcher, plain] + ([same] if same else [])
    times = {exe: [] for exe in exes}

    def once(exe):
        t = time.perf_counter()
        subprocess.run([exe, script], env=env, check=True)
        return time.perf_counter() - t

    for exe in exes:
        once(exe)
    for _ in range(runs):
        for exe in exes:
            times[exe].append(once(exe))
    med = {exe: statistics.median(t) * 1000 for exe, t in times.items()}
    lm, pm = med[launcher], med[plain]
    print(f"python start-up, 50 stdlib imports, {label}: tf-python3 {lm:.1f} ms, "
          f"python3.11 {pm:.1f} ms, ratio {lm / pm:.3f} (median of {runs})")
    if same:
        sm = med[same]
        print(f"python, the checks alone, {label}: tf-python3 {lm:.1f} ms, "
              f"same link without checks {sm:.1f} ms, ratio {lm / sm:.3f}; "
              f"the static libpython alone costs {sm / pm:.3f}x python3.11")
