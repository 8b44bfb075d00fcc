# SPDX-License-Identifier: LGPL-2.1-or-later
"""The audit line of a denial, as syslog receives it.

    unshare -m --propagation unchanged python3 syslog-line.py CLI TEST-LIB FILE

Run in a new mount namespace as root (--propagation unchanged works in a
chroot whose / is no mount point; /dev is made private before anything is
mounted on it, so nothing reaches the system): mounts a tmpfs over /dev with a
socket at /dev/log, runs `CLI run --restrict-file -- TEST-LIB --check
FILE` (one logged check), then the same with an argv[0] that tries to
forge fields and lines, and checks the datagrams that arrive: facility
authpriv, the program name cleaned, the path quoted.  Prints TAP lines without numbers (the caller numbers them).
"""

import os
import socket
import subprocess
import sys

cli, prog, path = sys.argv[1], sys.argv[2], sys.argv[3]
subprocess.run(["mount", "--make-rprivate", "/dev"], check=True)
subprocess.run(["mount", "-t", "tmpfs", "-o", "mode=0755", "tf-dev", "/dev"], check=True)
os.mknod("/dev/null", 0o666 | 0o020000, os.makedev(1, 3))
os.chmod("/dev/null", 0o666)
log = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
log.bind("/dev/log")
log.settimeout(5)

forged = 'check" pid=1 origin=inline\nfake line'
proc = subprocess.run([cli, "run", "--restrict-file", "--", prog, "--check", path],
                      capture_output=True, text=True)
# The same with the forged program name (argv[0] of the checking process).
proc2 = subprocess.run([cli, "run", "--restrict-file", "--", "python3", "-c",
                        "import os, sys; os.execv(sys.argv[1], [sys.argv[2], '--check', sys.argv[3]])",
                        prog, forged, path], capture_output=True, text=True)
lines = []
try:
    while len(lines) < 2:
        lines.append(log.recv(4096).decode(errors="replace"))
except socket.timeout:
    pass


def tap(cond, what, detail=""):
    print(("ok" if cond else "not ok") + " - " + what)
    if not cond and detail:
        print("# " + detail.replace("\n", "\\n"))


tap(proc.returncode == 1 and proc2.returncode == 1, "both checks refused",
    "%d %d %s" % (proc.returncode, proc2.returncode, proc.stderr + proc2.stderr))
tap(len(lines) == 2, "one syslog datagram per denial", repr(lines))
first = lines[0] if lines else ""
second = lines[1] if len(lines) > 1 else ""
tap(first.startswith("<84>"), "facility authpriv, level warning", first)
tap('path="%s"' % path in first and "program=test-lib " in first,
    "the path is quoted, the program named", first)
tap("\n" not in second and 'pid=1 ' not in second and
    "program=check?" in second and second.count("origin=") == 1 and
    " trusted-for[" in second,
    "a forged program name cannot add a field or a line", second)
