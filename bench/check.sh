#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make check-bench (the "bench" part of make check): a quick run of the
# whole bench, so that it cannot rot.  3 rounds of 2 ms loops, 10 scripts
# and one run of each fapolicyd workload; then the report.  TAP: the run
# and the report succeeded, the plot is a PNG, and every row listed in
# bench/rows.expected was made, with three finite positive ratios in order
# (min <= median <= max) and the expected answer (a refusal row that did
# not refuse would time the wrong path).  Never a timing threshold: the
# figures of a quick run on a loaded machine mean nothing.
#
#   check.sh OUT

set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
. "$top/tests/lib/tap.sh"
out=$1
rm -rf "$out"
mkdir -p "$out"

if "$here/run.sh" "$out" 3 2 10 1 2>"$out/run.stderr"; then
	ok "run.sh: the host and guest rows were made"
else
	not_ok "run.sh: the host and guest rows were made"
	diag "$out/run.stderr"
fi
if "$here/report.sh" "$out" >/dev/null 2>"$out/report.stderr" && [ -s "$out/bench.md" ]; then
	ok "report.sh wrote bench.md ($(grep -c '^| [hg]' "$out/bench.md") rows)"
else
	not_ok "report.sh wrote bench.md"
	diag "$out/report.stderr"
fi
if [ "$(head -c 4 "$out/bench.png" 2>/dev/null | od -An -c | tr -d ' ')" = '211PNG' ]; then
	ok "report.sh drew bench.png"
else
	not_ok "report.sh drew bench.png"
fi

# rows.expected: WHERE (host or guest), CONDITION, LABEL, ANSWER, tab-separated.
while IFS='	' read -r where cond label answer; do
	case $where in '#'* | '') continue ;; esac
	line=$(awk -F '\t' -v w="$where" -v c="$cond" -v l="$label" \
		'index($1, w " ") == 1 && $2 == c && $3 == l' "$out/rows.tsv" 2>/dev/null | head -n 1)
	what="$where, $cond: $label"
	if [ -z "$line" ]; then
		not_ok "$what: no row"
		continue
	fi
	why=$(printf '%s\n' "$line" | awk -F '\t' -v a="$answer" '
		function num(x) { return x ~ /^[0-9]+(\.[0-9]+)?$/ && x + 0 > 0 }
		{
			if (!num($4) || !num($5) || !num($6)) print "a ratio is not a finite positive number"
			else if ($4 + 0 > $5 + 0 || $5 + 0 > $6 + 0) print "min <= median <= max does not hold"
			else if ($7 != a) print "answer " $7 ", expected " a
		}')
	if [ -z "$why" ]; then
		ok "$what: $(printf '%s\n' "$line" | cut -f 4-7 | tr '\t' ' ')"
	else
		not_ok "$what: $why ($(printf '%s\n' "$line" | cut -f 4-7 | tr '\t' ' '))"
	fi
done <"$here/rows.expected"
tap_end
