# SPDX-License-Identifier: LGPL-2.1-or-later
"""Start-up of a script importing 50 stdlib modules: launcher vs python3.11.

    bench.py LABEL LAUNCHER [RUNS]

Run by Debian's /usr/bin/python3.11.  Alternates the two interpreters RUNS
times (after one warm-up each) in a clean environment and prints the
median wall-clock time of each and their ratio, measured in this one run.
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
plain = "/usr/bin/python3.11"
with tempfile.TemporaryDirectory() as d:
    script = os.path.join(d, "imports.py")
    with open(script, "w") as f:
        f.write("".join(f"import {m}\n" for m in MODULES))
    env = {"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8", "HOME": d}
    times = {launcher: [], plain: []}

    def once(exe):
        t = time.perf_counter()
        subprocess.run([exe, script], env=env, check=True)
        return time.perf_counter() - t

    once(launcher)
    once(plain)
    for _ in range(runs):
        for exe in (launcher, plain):
            times[exe].append(once(exe))
    lm = statistics.median(times[launcher]) * 1000
    pm = statistics.median(times[plain]) * 1000
    print(f"python start-up, 50 stdlib imports, {label}: tf-python3 {lm:.1f} ms, "
          f"python3.11 {pm:.1f} ms, ratio {lm / pm:.3f} (median of {runs})")
