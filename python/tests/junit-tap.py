# SPDX-License-Identifier: LGPL-2.1-or-later
"""One TAP line per test module from regrtest's --junit-xml, and totals.

    junit-tap.py JUNIT.xml SECONDS
"""
import sys
import xml.etree.ElementTree as ET

root = ET.parse(sys.argv[1]).getroot()
suites = root.iter("testsuite") if root.tag == "testsuites" else [root]
# regrtest writes one <testsuite> per test module; name it by its test ids.
totals = [0, 0, 0, 0]
failed = 0
for suite in suites:
    cases = list(suite.iter("testcase"))
    if not cases:
        continue
    name = cases[0].get("name", "?").split(".")
    name = name[1] if len(name) > 1 and name[0] == "test" else name[0]
    tests = len(cases)
    fails = sum(1 for c in cases if c.find("failure") is not None or c.find("error") is not None)
    skips = sum(1 for c in cases if c.find("skipped") is not None or
                c.get("status") == "skipped" or c.get("result") == "skipped")
    secs = sum(float(c.get("time", 0) or 0) for c in cases)
    totals = [totals[0] + tests, totals[1] + fails, totals[2] + skips, totals[3] + secs]
    ok = "ok" if not fails else "not ok"
    failed += bool(fails)
    print(f"{ok} - cpython {name}: {tests} tests, {fails} failed, {skips} skipped ({secs:.1f} s)")
    for c in cases:
        for tag in ("failure", "error"):
            e = c.find(tag)
            if e is not None:
                print(f"#   {tag}: {c.get('name')}: {(e.get('message') or '')[:200]}")
print(f"# cpython tests under the launcher: {totals[0]} tests, {totals[1]} failed, "
      f"{totals[2]} skipped, in {sys.argv[2]} s wall clock")
sys.exit(1 if failed else 0)
