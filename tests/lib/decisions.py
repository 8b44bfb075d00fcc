# SPDX-License-Identifier: GPL-2.0
"""The decision table (tests/lib/decisions.tsv) for Python test scripts.

    import decisions
    decisions.expect("file", "nx", "tf1")      # -> "deny"
    decisions.expect("stdin", "tty", "di")     # -> "deny"

The setting is a column (tf0..tf3, none, rf, di, both) or several joined
by "+" for a kernel with both interfaces (denied where either denies).
An unknown row or setting raises KeyError: an error of the test.
"""

import os

COLUMNS = ("tf0", "tf1", "tf2", "tf3", "none", "rf", "di", "both")
PATH = os.environ.get("TF_DECISIONS") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "decisions.tsv")


def load(path=PATH):
    table = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            fields = line.split()
            if not fields or fields[0].startswith("#") or fields[0] == "origin":
                continue
            if len(fields) != 2 + len(COLUMNS):
                raise ValueError("%s: bad row: %s" % (path, line.strip()))
            table[(fields[0], fields[1])] = dict(zip(COLUMNS, fields[2:]))
    return table


_TABLE = None


def expect(origin, obj, setting):
    global _TABLE
    if _TABLE is None:
        _TABLE = load()
    row = _TABLE[(origin, obj)]
    return "deny" if any(row[c] == "D" for c in setting.split("+")) else "allow"
