#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# bench-python: start-up of a script importing 50 stdlib modules, tf-python3
# vs Debian's python3.11, per backend, each ratio measured in one run:
#   host  (AT_EXECVE_CHECK backend, no securebits: the library's fast path)
#   guest (trusted_for, fs.trust_policy 0: every file is still checked)
# The stdlib of /usr is mode 0644, so stricter policies would refuse it.
# A third interpreter, PY_SAME_LINK (tests/plain.c), separates the cost of
# the checks from the cost of linking the static libpython.
# Environment (set by python.mk): PY_PLAIN PY_BIN PY_SAME_LINK PY_VM.

set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${PY_PLAIN:=/usr/bin/python3.11}"
if [ "${1:-}" = guest ]; then
	exec "$PY_PLAIN" "$here/bench.py" "guest trusted_for (TCG)" "$2" 10 "$3"
fi
"$PY_PLAIN" "$here/bench.py" "host execve_check" "$PY_BIN" 30 "$PY_SAME_LINK" || exit 1
exec "$PY_VM" "$here/bench.sh" guest "$PY_BIN" "$PY_SAME_LINK"
