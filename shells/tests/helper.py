#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Helpers of the shell tests that need more than sh.

  helper.py tty TIMEOUT INPUT CMD [ARG...]
      Run CMD on a new pseudo-terminal (stdin, stdout and stderr), type
      INPUT (\\n separated lines), print everything CMD wrote, exit with
      its status (124 on time-out).
  helper.py memfd FILE CMD [ARG...]
      Copy FILE into a memfd (fd 9), replace @FD@ in the arguments by 9,
      and execute CMD with the memfd inherited.
"""
import os
import pty
import select
import sys
import time


def tty(timeout, text, argv):
    pid, master = pty.fork()
    if pid == 0:
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    deadline = time.monotonic() + float(timeout)
    out = b""
    pending = text.encode()
    status = None
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            sys.stdout.buffer.write(out)
            return 124
        r, w, _ = select.select([master], [master] if pending else [], [], min(left, 0.2))
        if w and pending:
            n = os.write(master, pending[:64])
            pending = pending[n:]
        if r:
            try:
                data = os.read(master, 4096)
            except OSError:
                data = b""
            if not data:
                break
            out += data
        done, st = os.waitpid(pid, os.WNOHANG)
        if done:
            status = st
            # Drain what is left.
            while select.select([master], [], [], 0.05)[0]:
                try:
                    data = os.read(master, 4096)
                except OSError:
                    break
                if not data:
                    break
                out += data
            break
    if status is None:
        _, status = os.waitpid(pid, 0)
    sys.stdout.buffer.write(out)
    return os.waitstatus_to_exitcode(status)


def memfd(path, argv):
    fd = os.memfd_create("tf-script", 0)
    with open(path, "rb") as f:
        os.write(fd, f.read())
    os.lseek(fd, 0, os.SEEK_SET)
    if fd != 9:  # a fixed number, for the messages the tests look for
        os.dup2(fd, 9)
        os.close(fd)
        fd = 9
    os.set_inheritable(fd, True)
    argv = [a.replace("@FD@", str(fd)) for a in argv]
    os.execvp(argv[0], argv)


def main():
    if len(sys.argv) >= 5 and sys.argv[1] == "tty":
        return tty(sys.argv[2], sys.argv[3].replace("\\n", "\n"), sys.argv[4:])
    if len(sys.argv) >= 4 and sys.argv[1] == "memfd":
        return memfd(sys.argv[2], sys.argv[3:])
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
