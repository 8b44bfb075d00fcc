#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The table and the plot of `make bench`, from OUT/rows.tsv (run.sh) and
# the integrations' logs OUT/e2e/NAME.log (the top-level Makefile keeps
# them): writes OUT/bench.md, OUT/bench.tsv (every row, tab-separated) and
# OUT/bench.png, and prints the table.
#
#   report.sh OUT
#
# An integration's bench prints its own ratio (patched over unpatched,
# its own statistic over its own runs): each line of its log that holds
# "ratio" and a number becomes a row, its median column that number, in
# the guest when the line says "guest", on the host otherwise.
# Exit codes: 0 done, 1 no rows, or gnuplot failed.

set -eu
out=$1
rows=$out/rows.tsv
all=$out/bench.tsv
[ -s "$rows" ] || { echo "report.sh: $rows: no rows (run make bench-kernel)" >&2; exit 1; }

host="host $(uname -r | cut -d- -f1)"
guest=$(grep -m1 -o '^guest [^	]*' "$rows" || echo guest)
cp "$rows" "$all.tmp"
for log in "$out"/e2e/*.log; do
	[ -r "$log" ] || continue
	name=$(basename "$log" .log)
	# Perl's bench says each ratio twice: as a comment and in its ok line.
	grep -i 'ratio[^0-9]*[0-9][0-9.]*' "$log" | grep -v '^ok ' |
		awk -v name="$name" -v host="$host" -v guest="$guest" '{
			line = $0
			match(line, /[Rr]atio[^0-9]*[0-9][0-9.]*/)
			r = substr(line, RSTART, RLENGTH)
			sub(/^[Rr]atio[^0-9]*/, "", r)
			what = substr(line, 1, RSTART - 1)
			gsub(/^[# ]+|[ ,:]+$/, "", what)
			sub(/^(bench-[a-z]+|== [a-z]+)[: ]*/, "", what)
			label = name (what == "" ? "" : ": " what)
			where = tolower(line) ~ /guest/ ? guest : host
			printf "%s\tpatched/unpatched\t%s\t-\t%s\t-\t%s\n", where, label, r, "ok"
		}'
done >>"$all.tmp"
mv "$all.tmp" "$all"

{
	echo "# make bench: ratios to getppid(2), measured in one run"
	echo
	echo "Per-check rows: time per call over getppid(2)'s, minimum, median and"
	echo "maximum over the rounds. fapolicyd rows: time of the workload over the"
	echo "median time with nothing enforcing. Integration rows (patched/unpatched):"
	echo "the integration's own ratio (median column only). Answer: what the"
	echo "method returned (ok, or the errno name), or whether code on the noexec"
	echo "tmpfs was refused."
	echo
	echo "| where | condition | what | min | median | max | answer |"
	echo "|---|---|---|---:|---:|---:|---|"
	awk -F '\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7 }' "$all"
} >"$out/bench.md"

# The plot: the medians of the per-check rows (log scale), with their
# minimum-maximum range.
awk -F '\t' '$4 != "-" && $3 !~ /scripts|Python/ {
	printf "%d\t%s\t%s\t%s\t\"%s: %s (%s)\"\n", n++, $5, $4, $6, $1, $3, $2
}' "$all" >"$out/plot.dat"
gnuplot <<EOF || { echo "report.sh: gnuplot failed" >&2; exit 1; }
set terminal pngcairo size 1800,1100 noenhanced font ",9"
set output "$out/bench.png"
set title "Cost of a check, as a ratio to getppid(2) (median, min-max), measured in one run"
set logscale y
set ylabel "ratio to getppid(2)"
set xtics rotate by 90 right
set bmargin 34
set grid ytics
set style fill solid 0.5
set boxwidth 0.7
plot "$out/plot.dat" using 1:2:xtic(5) with boxes title "median", \
	"" using 1:2:3:4 with yerrorbars pt 0 lc rgb "black" title "min-max"
EOF
cat "$out/bench.md"
