#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The cost of the check: N starts of a tiny .exe (`wine64 tfexe.exe`, the
# prefix ready, a new wineserver each time: Debian's starts it with -p0),
# with the patched wineserver vs Debian's, interleaved in one run, without
# securebits and under `trusted-for run --restrict-file` (where every
# image costs an AT_EXECVE_CHECK); prints the median of each and the
# ratio.  Runs under wine/tests/ns.sh; the server is switched between runs
# by mounting the patched one over Debian's and unmounting it.  The host
# backend answers (AT_EXECVE_CHECK): Wine does not run in the guest
# (wine/README.md).

set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
N=${N:-8}
CLI=$top/build/userspace/bin/trusted-for
WINE_SERVER=${WINE_SERVER:-$top/build/wine/bin/wineserver}
WINE_PE=${WINE_PE:-$top/build/wine/pe}
if [ -z "${TF_WINE_IN_NS:-}" ]; then
	TF_WINE_IN_NS=1 exec "$here/ns.sh" sh "$0" "$@"
fi
[ "${TF_WINE_XBIT:-1}" = 1 ] || { echo "bench-wine: no overlayfs here (Wine's DLLs without x bit)" >&2; exit 1; }
W=$(mktemp -d /tmp/tf-bench-wine.XXXXXX)
trap 'rm -rf "$W"' EXIT
cp "$WINE_PE/tfexe.exe" "$W/tiny.exe"
chmod 0755 "$W/tiny.exe"

echo "bench-wine: $N starts each of wine64 tiny.exe, patched vs Debian's wineserver, interleaved ($("$CLI" status | head -1))"
python3 - "$WINE_SERVER" "$W/tiny.exe" "$N" "$CLI" <<'PY'
import statistics, subprocess, sys, time
server, exe, n, cli = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
system = "/usr/lib/wine/wineserver64"
wine = "/usr/lib/wine/wine64"

def use(patched):
    # ns.sh mounted the patched server: unmount it for Debian's, and back.
    mounted = subprocess.run(["cmp", "-s", server, system]).returncode == 0
    if patched and not mounted:
        subprocess.run(["mount", "--bind", server, system], check=True)
    elif not patched and mounted:
        subprocess.run(["umount", system], check=True)
    if (subprocess.run(["cmp", "-s", server, system]).returncode == 0) != patched:
        sys.exit("bench-wine: cannot switch the server")

def start(wrap):
    t0 = time.perf_counter()
    p = subprocess.run(wrap + [wine, exe], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    t = time.perf_counter() - t0
    if p.returncode != 0 or b"TFRAN" not in p.stdout:
        sys.exit(f"bench-wine: {exe} did not run (exit {p.returncode})")
    subprocess.run([system, "-w"], stderr=subprocess.DEVNULL)   # the server is gone
    return t

for name, wrap in (("no securebits", []), ("--restrict-file", [cli, "run", "--restrict-file", "--"])):
    t = {False: [], True: []}
    for i in range(n):
        for patched in (False, True) if i % 2 else (True, False):
            use(patched)
            t[patched].append(start(wrap))
    a, b = statistics.median(t[False]), statistics.median(t[True])
    print(f"  {name}:")
    print(f"    Debian's wineserver: {a * 1e3:.0f} ms per start (median)")
    print(f"    patched wineserver:  {b * 1e3:.0f} ms per start (median)")
    print(f"    {name}, ratio patched/Debian's: {b / a:.3f}")
use(True)
PY
