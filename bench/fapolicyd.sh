#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The fapolicyd rows of `make bench`, in the guest (as root, kernel with
# fanotify permission events): the same workload with nothing enforcing,
# with trusted_for, and with Debian's fapolicyd enforcing rules that give
# the same decisions (bench/fapolicyd.rules: refuse what lies on the
# noexec tmpfs, allow the rest).
#
#   fapolicyd.sh TOP CHECK_COST ROUNDS MS SCRIPTS REPS
#
# Workloads, each run REPS times per condition (nothing and trusted_for
# in turn, then fapolicyd, then nothing again):
#   shell    dash running SCRIPTS small scripts, one process each
#   python   Python starting and importing the 50 modules of
#            python/tests/bench.py
# Conditions: "nothing" (dash-orig, Debian's python3.11, fs.trust_policy=0),
# "trusted_for" (the enlightened dash under fs.trust_policy=3; tf-python3
# under fs.trust_policy=1, as Debian's stdlib is mode 0644, which bit 2
# refuses), "fapolicyd" (dash-orig and python3.11, fapolicyd running).
# Prints rows as micro.sh does: WHERE CONDITION LABEL MIN MEDIAN MAX ANSWER,
# the ratios being times over the median time of "nothing"; ANSWER says
# whether a script on the noexec tmpfs was refused under that condition
# ("refused"), as the same decisions require, or ran ("ran").  Then the
# cost of a plain open(2) with and without fapolicyd, from check-cost.
# Exit codes: 0 done, 1 fapolicyd or a workload failed.

set -eu
top=$1
cc=$2
rounds=$3
ms=$4
scripts=$5
reps=$6
where="guest $(uname -r | cut -d- -f1)"
sh_orig=$top/build/shells/bin/dash-orig
sh_tf=$top/build/shells/bin/dash
py_orig=/usr/bin/python3.11
py_tf=$top/build/python/bin/tf-python3
for b in "$sh_orig" "$sh_tf" "$py_orig" "$py_tf" /usr/sbin/fapolicyd; do
	[ -x "$b" ] || { echo "fapolicyd.sh: $b missing (make shells python; make deps)" >&2; exit 1; }
done

W=/tmp/tf-fapo
mkdir -p $W
mount -t tmpfs -o mode=0755 tf-fapo $W
mkdir $W/nx
mount -t tmpfs -o noexec,mode=0755 tf-fapo-nx $W/nx
i=1
while [ "$i" -le "$scripts" ]; do
	printf 'v=%d\n' "$i" >"$W/s$i.sh"
	i=$((i + 1))
done
printf 'v=0\n' >$W/nx/s.sh
# The workload's driver: dash-orig runs SHELL on each script.
printf 'i=1\nwhile [ $i -le %d ]; do "$1" %s/s$i.sh || exit 1; i=$((i + 1)); done\n' \
	"$scripts" "$W" >$W/driver.sh
"$py_orig" - "$top/python/tests/bench.py" >$W/imports.py <<'EOF'
import ast, sys
tree = ast.parse(open(sys.argv[1]).read())
for node in ast.walk(tree):
    if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "MODULES":
        for m in ast.literal_eval(node.value.func.value).split():
            print(f"import {m}")
EOF
[ "$(wc -l <$W/imports.py)" -eq 50 ] || { echo "fapolicyd.sh: no 50 modules in python/tests/bench.py" >&2; exit 1; }
chmod 0755 $W/*.sh $W/nx/s.sh $W/imports.py

# fapolicyd's own files: /etc/fapolicyd and /var/lib/fapolicyd are the
# host's, read-only here; a tmpfs over each holds this run's.
etc=/etc/fapolicyd
mount -t tmpfs -o mode=0755 tf-fapo-etc $etc
mount -t tmpfs -o mode=0755 tf-fapo-db /var/lib/fapolicyd
mkdir -p /run/fapolicyd
chown fapolicyd:fapolicyd /run/fapolicyd /var/lib/fapolicyd
cp "$top/bench/fapolicyd.conf" $etc/fapolicyd.conf
sed "s|@NX@|$W/nx/|" "$top/bench/fapolicyd.rules" >$etc/compiled.rules
# One trusted file (fapolicyd fails to create an empty trust database);
# the rules do not ask for trust.
printf '%s %s %s\n' /usr/bin/env "$(stat -c %s /usr/bin/env)" \
	"$(sha256sum /usr/bin/env | cut -d' ' -f1)" >$etc/fapolicyd.trust
mkdir $etc/trust.d
chmod 0644 $etc/fapolicyd.conf $etc/compiled.rules $etc/fapolicyd.trust
fapo_pid=
cleanup() {
	[ -z "$fapo_pid" ] || kill "$fapo_pid" 2>/dev/null || true
	echo 0 >/proc/sys/fs/trust_policy
}
trap cleanup EXIT

ns() { date +%s%N; }

# One timed run of a workload under a condition, its time appended to
# times.CONDITION.WORKLOAD; then (answer) whether the condition lets it
# run code from the noexec tmpfs, in answer.CONDITION.WORKLOAD.
py() { env -i PATH=/usr/bin:/bin LC_ALL=C.UTF-8 HOME=/tmp "$@"; }
shell_once() { # CONDITION SHELL POLICY
	echo "$3" >/proc/sys/fs/trust_policy
	t0=$(ns)
	"$sh_orig" $W/driver.sh "$2" || { echo "fapolicyd.sh: $1: the shell workload failed" >&2; exit 1; }
	echo $(($(ns) - t0)) >>"$W/times.$1.shell"
	echo 0 >/proc/sys/fs/trust_policy
}
python_once() { # CONDITION PYTHON POLICY
	echo "$3" >/proc/sys/fs/trust_policy
	t0=$(ns)
	py "$2" -B $W/imports.py || { echo "fapolicyd.sh: $1: the python workload failed" >&2; exit 1; }
	echo $(($(ns) - t0)) >>"$W/times.$1.python"
	echo 0 >/proc/sys/fs/trust_policy
}
answer() { # CONDITION SHELL SHELL_POLICY PYTHON PYTHON_POLICY
	echo "$3" >/proc/sys/fs/trust_policy
	if "$2" $W/nx/s.sh 2>/dev/null; then echo ran; else echo refused; fi >"$W/answer.$1.shell"
	echo "$5" >/proc/sys/fs/trust_policy
	if py "$4" -B -c "import sys; sys.path.insert(0, '$W/nx'); import s" 2>/dev/null; then
		echo ran
	else
		echo refused
	fi >"$W/answer.$1.python"
	echo 0 >/proc/sys/fs/trust_policy
}
# Runs alternate between the conditions, so that they see the same load
# of the host; fapolicyd, a daemon to start, gets a block of its own
# between two blocks of "nothing".
nothing_block() {
	k=0
	while [ "$k" -lt "$reps" ]; do
		shell_once nothing "$sh_orig" 0
		python_once nothing "$py_orig" 0
		k=$((k + 1))
	done
}

open_rows() { # CONDITION
	"$cc" -r "$rounds" -m "$ms" -p "$where	$1" \
		"open+close of a file=open:$W/s1.sh" \
		"open+close of /usr/bin/env=open:/usr/bin/env"
}

# The rows of CONDITIONs: each time over the median time of "nothing".
rows() { # CONDITION...
	for w in shell python; do
		case $w in
		shell) label="scripts, one dash each" ;;
		python) label="Python, 50 imports" ;;
		esac
		for c in "$@"; do
			case $c.$w in
			trusted_for.shell) cond=fs.trust_policy=3 ;;
			trusted_for.python) cond=fs.trust_policy=1 ;;
			*) cond=$c ;;
			esac
			sort -n "$W/times.$c.$w" | awk -v base="$(sort -n "$W/times.nothing.$w" |
				awk '{ t[NR] = $1 } END { print NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }')" \
				-v pre="$where	$cond	$label" -v ans="$(cat "$W/answer.$c.$w")" '
				{ t[NR] = $1 / base }
				END {
					med = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
					printf "%s\t%.3f\t%.3f\t%.3f\t%s\n", pre, t[1], med, t[NR], ans
				}'
			echo "# $c $w: $(sort -n "$W/times.$c.$w" | awk '{ printf "%s%.0f", (NR > 1 ? " " : ""), $1 / 1e6 }') ms" >&2
		done
	done
}

printf 'v=0\n' >$W/nx/s.py
"$sh_orig" $W/s1.sh && "$sh_tf" $W/s1.sh && py "$py_orig" -B -c pass && py "$py_tf" -B -c pass
k=0
while [ "$k" -lt "$reps" ]; do
	shell_once nothing "$sh_orig" 0
	shell_once trusted_for "$sh_tf" 3
	python_once nothing "$py_orig" 0
	python_once trusted_for "$py_tf" 1
	k=$((k + 1))
done
answer nothing "$sh_orig" 0 "$py_orig" 0
answer trusted_for "$sh_tf" 3 "$py_tf" 1
open_rows nothing
echo 3 >/proc/sys/fs/trust_policy
open_rows fs.trust_policy=3
echo 0 >/proc/sys/fs/trust_policy

# fapolicyd in the foreground (--debug-deny: it logs its denials), ready
# once it refuses the script of the noexec tmpfs.
fapolicyd --debug-deny >$W/fapolicyd.log 2>&1 &
fapo_pid=$!
n=0
while "$sh_orig" $W/nx/s.sh 2>/dev/null; do
	n=$((n + 1))
	if [ $n -ge 120 ] || ! kill -0 $fapo_pid 2>/dev/null; then
		echo "fapolicyd.sh: fapolicyd did not start enforcing in 60 s; its log:" >&2
		grep -v '^#\|^allow\|^deny' $W/fapolicyd.log | tail -n 20 >&2
		fapo_pid=
		rows nothing trusted_for
		exit 1
	fi
	sleep 0.5
done
k=0
while [ "$k" -lt "$reps" ]; do
	shell_once fapolicyd "$sh_orig" 0
	python_once fapolicyd "$py_orig" 0
	k=$((k + 1))
done
answer fapolicyd "$sh_orig" 0 "$py_orig" 0
open_rows fapolicyd
kill $fapo_pid
wait $fapo_pid 2>/dev/null || true
fapo_pid=
nothing_block
rows nothing trusted_for fapolicyd
