#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# CPython's own tests (Debian's libpython3.11-testsuite) under the launcher,
# with no policy, in a clean environment.  One TAP line per test module.
#
#   cpython-tests.sh slice   the tests of the code paths the launcher takes
#                            over: imports, runpy, zipimport, site and .pth,
#                            compileall/py_compile, the command line, the
#                            REPL, pdb/profile/trace/doctest (about 1 minute)
#   cpython-tests.sh full    the whole suite (long)
# Environment: PY_PLAIN (runs the report), PY_BIN (the launcher).

set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${PY_PLAIN:=/usr/bin/python3.11}"
SLICE="test_import test_importlib test_runpy test_zipimport
	test_zipimport_support test_site test_compileall test_py_compile
	test_cmd_line_script test_cmd_line test_pkgutil test_zipapp test_audit
	test_modulefinder test_profile test_cprofile test_trace test_pkg
	test_source_encoding test_linecache test_doctest test_repl test_sys
	test_utf8_mode test_c_locale_coercion test_traceback test_warnings
	test_frozen test_inspect test_pdb test_unittest test_ctypes"

case ${1:-slice} in
slice) tests=$SLICE ;;
full) tests="" ;;
*) echo "usage: $0 slice|full" >&2; exit 2 ;;
esac

work=$(mktemp -d /tmp/tf-python-cpython.XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 0755 "$work"
cd "$work" || exit 1
start=$(date +%s)
# SIGINT back to its default: started in the background by a script
# (nohup make check &, CI), we inherit it ignored, CPython then keeps it
# ignored instead of installing its KeyboardInterrupt handler, and the tests
# that expect that handler fail (test_pdb's test_pdb_issue_20766), under
# the launcher and under python3.11 alike.  A shell cannot reset a signal
# ignored on entry; env(1) can.
# shellcheck disable=SC2086 # word splitting of the list is intended
env -i --default-signal=INT PATH=/usr/bin:/bin HOME="$work" LC_ALL=C.UTF-8 TMPDIR="$work" \
	"$PY_BIN" -m test -j2 --timeout 600 --junit-xml "$work/junit.xml" \
	$tests >"$work/log" 2>&1
status=$?
sed 's/^/# /' "$work/log" | grep -v '^# 0:' | tail -n 40
"$PY_PLAIN" "$here/junit-tap.py" "$work/junit.xml" "$(($(date +%s) - start))" || status=1
exit "$status"
