#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The shells' routes against the decision table (tests/lib/decisions.tsv),
# run for one backend and one policy setting; prints TAP lines numbered
# from START.
#
#   matrix.sh FIXTURE BACKEND SETTING START SHELL...
#
# FIXTURE is the directory made by fixture.sh (an exec and a noexec tmpfs).
# BACKEND is "guest" (trusted_for and AT_EXECVE_CHECK; SETTING = the
# fs.trust_policy in force, 0..3, alone or as POLICY+BITS with BITS = rf,
# di or both: the exec securebits this process runs under, set by
# `trusted-for run`) or "host" (AT_EXECVE_CHECK; SETTING = none, rf, di or
# both: the securebits).
# SHELL is a name (dash, ash, hush, bash) of a binary in $SH_BIN, or awk
# (busybox awk: its -f program files, the command line, stdin).
#
# Each shell x route x target gives one verdict, compared with what the
# table says: allowed means the target's code ran (its marker is on
# stdout); refused means it did not, the shell said why (and which file),
# and a refused script argument exited 126.  Prints "# count N failed F"
# last; exits 1 if anything failed.
#
# Targets: the objects x, xr, nx of the fixture, lnk (symlink on the exec
# mount to nx), pfd (/proc/self/fd/N of nx), mfd (a memfd), and for the
# code that is not a file: pipe, inline, envfn (a function from the
# environment), tty.

set -u
F=$1
backend=$2
setting=$3
start=$4
shift 4
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$top/tests/lib/tap.sh"
. "$top/tests/lib/expect.sh"
n=$start
SH_BIN=${SH_BIN:-$top/build/shells/bin}
PY=${PYTHON:-python3}
W=$(mktemp -d /tmp/tf-matrix.XXXXXX)
trap 'rm -rf "$W"' EXIT

# --- the table ---------------------------------------------------------

# The column of the table: fs.trust_policy N is "tfN" in the guest, with
# securebits "tfN+BITS" (denied where either column denies); the
# securebits settings are the columns' own names on the host.
case $backend in guest) column=tf$setting ;; *) column=$setting ;; esac

# The row of the table of each target.
row_of() {
	case $1 in
	lnk | pfd) echo nx ;;	# what the kernel opens is nx itself
	mfd) echo memfd ;;
	pipe) echo nonreg ;;
	inline | envfn) echo - ;;
	*) echo "$1" ;;
	esac
}

# want KIND TARGET: prints "allow" or "deny" (or "error": no such row).
# KIND: file, stdin (redirected from a file), pipe, inline, tty, exec
# (through the kernel's execve first: what AT_EXECVE_CHECK answers, the
# column rf), ifile (a file an interactive shell reads: the shell itself is
# inline code first), argv (a program on awk's command line: allowed by
# design, see shells/README.md).
want() {
	r=$(row_of "$2")
	case $1 in
	file) expect file "$r" "$column" ;;
	stdin | pipe | tty) expect stdin "$r" "$column" ;;
	inline) expect inline - "$column" ;;
	argv) echo allow ;;
	exec) expect file "$r" rf ;;
	ifile)
		if [ "$(expect inline - "$column")" = deny ]; then
			echo deny
		else
			expect file "$r" "$column"
		fi
		;;
	*) echo error ;;
	esac
}

# --- running one case --------------------------------------------------

# check NAME KIND TARGET EXPECT126 WHO COMMAND...: run COMMAND (in a
# subshell, stdin /dev/null unless redirected by the command), compare.
# WHO is the name the refusal must mention ("" for none).
check() {
	name=$1 kind=$2 t=$3 want126=$4 who=$5
	shift 5
	want=$(want "$kind" "$t")
	"$@" >"$W/out" 2>"$W/err" </dev/null
	rc=$?
	got=deny
	grep -q 'TF[2]*RAN' "$W/out" && got=allow
	bad=
	if [ "$got" != "$want" ]; then
		bad="ran=$got, the table says $want"
	elif [ "$want" = deny ] && [ "$kind" != exec ] &&
	     ! grep -qF -e "${who}: refused by the" "$W/err" "$W/out"; then
		bad="no refusal message naming '$who'"
	elif [ "$want" = deny ] && [ "$want126" = 126 ] && [ "$rc" -ne 126 ]; then
		bad="exit status $rc, not 126"
	elif [ "$want" = allow ] &&
	     grep -h 'refused by the' "$W/err" "$W/out" | grep -qv ': /etc/[^:]*: refused'; then
		# (the system's own startup files, 0644, may be refused)
		bad="ran, but a refusal was printed"
	fi
	if [ -z "$bad" ]; then
		ok "$backend $setting $name: $t $want"
	else
		not_ok "$backend $setting $name: $t $want: $bad"
		echo "# rc=$rc; stdout:"
		sed 's/^/#   /' "$W/out" | head -5
		echo "# stderr:"
		sed 's/^/#   /' "$W/err" | head -5
	fi
}

path_of() {	# the file of each target
	case $1 in
	x | xr) echo "$F/x/$1" ;;
	nx) echo "$F/nx/nx" ;;
	lnk) echo "$F/x/lnk" ;;
	esac
}
dir_of() { case $1 in nx) echo "$F/nx" ;; *) echo "$F/x" ;; esac; }

# awk_routes: busybox awk ($S), each -f program file, -f - and -f
# /dev/stdin, and the program given on the command line.
awk_routes() {
	for t in x xr nx; do
		p=$(dir_of $t)/awk$t
		check "awk -f" file $t 126 "$p" "$S" -f "$p"
		check "awk -f, the second -f" file $t 126 "$p" \
			"$S" -f "$F/x/awkx" -f "$p"
		check "awk -f - < file" stdin $t 126 "<stdin>" \
			sh -c 'exec "$1" -f - < "$2"' - "$S" "$p"
		check "awk -f /dev/stdin < file" stdin $t 126 "<stdin>" \
			sh -c 'exec "$1" -f /dev/stdin < "$2"' - "$S" "$p"
		check "awk script through PATH (shebang, -f)" exec $t 126 "" \
			env PATH="$(dir_of $t)/p$t:$PATH" "tfexec-awk"
	done
	check "awk -f /proc/self/fd/N of noexec file" file pfd 126 "/proc/self/fd/3" \
		sh -c 'exec "$1" -f /proc/self/fd/3 3<"$2"' - "$S" "$F/nx/awknx"
	check "awk -f memfd" file mfd 126 "/proc/self/fd/9" \
		"$PY" "$here/helper.py" memfd "$F/x/awkx" "$S" -f "/proc/self/fd/@FD@"
	for f in - /dev/stdin; do
		check "awk -f $f from a pipe" pipe pipe 126 "<stdin>" \
			sh -c 'cat "$1" | "$2" -f "$3"' - "$F/x/awkx" "$S" "$f"
	done
	check "awk -f - on a TTY" tty tty 126 "<terminal>" \
		"$PY" "$here/helper.py" tty 20 \
		"BEGIN { print \"TF\" 2 \"RAN\" }\n$(printf '\004')" "$S" -f -
	check "awk program on the command line" argv - - "" \
		"$S" 'BEGIN { print "TFRAN" }'
	check "awk -e program" argv - - "" "$S" -e 'BEGIN { print "TFRAN" }'
}

C=$F/x/carrier.sh	# an allowed script that just runs
# A shell run with -i is refused as a whole where inline code is: it says
# "<interactive>" and exits 126 before it reads any startup file.
iwho= i126=-
[ "$(expect inline - "$column")" = deny ] && iwho="<interactive>" i126=126
for sh in "$@"; do
	S=$SH_BIN/$sh
	[ -x "$S" ] || { not_ok "$sh: $S not built"; continue; }
	if [ "$sh" = awk ]; then
		awk_routes
		continue
	fi
	for t in x xr nx; do
		p=$(path_of $t)
		d=$(dirname "$p")
		b=$(basename "$p")
		h=$(dir_of $t)/h$t
		pd=$(dir_of $t)/p$t
		check "$sh script argument" file $t 126 "$p" "$S" "$p"
		check "$sh relative script argument after cd" file $t 126 "./$b" \
			sh -c 'cd "$1" && exec "$2" "./$3"' - "$d" "$S" "$b"
		check "$sh ." file $t - "$p" "$S" "$F/x/dot.sh" "$p"
		check "$sh nested ." file $t - "$p" "$S" "$F/x/nest.sh" "$p"
		check "$sh . relative after cd" file $t - "./$b" "$S" "$F/x/dotrel.sh" "$d" "$b"
		check "$sh . through PATH" file $t - "tfscript" \
			env PATH="$pd:$PATH" "$S" "$F/x/dotpath.sh"
		check "$sh exec through PATH (shebang)" exec $t 126 "" \
			env PATH="$pd:$PATH" "tfexec-$sh"
		check "$sh login profile" file $t - "$h/.profile" \
			env HOME="$h" "$S" -l "$C"
		check "$sh < file" stdin $t 126 "<stdin>" sh -c 'exec "$1" < "$2"' - "$S" "$p"
		case $sh in
		bash)
			check "$sh script found through PATH" file $t 126 "tfscript" \
				env PATH="$pd:$PATH" "$S" tfscript
			check "$sh BASH_ENV" file $t - "$p" env BASH_ENV="$p" "$S" "$C"
			check "$sh ~/.bashrc (-i)" ifile $t $i126 "${iwho:-$h/.bashrc}" \
				env HOME="$h" "$S" -i "$C"
			;;
		hush) ;;	# no ENV: -i below
		*)
			check "$sh ENV (-i)" ifile $t $i126 "${iwho:-$p}" \
				env ENV="$p" "$S" -i "$C"
			;;
		esac
	done
	p=$(path_of nx)
	check "$sh symlink on exec mount to noexec" file lnk 126 "$(path_of lnk)" "$S" "$(path_of lnk)"
	check "$sh /proc/self/fd/N of noexec file" file pfd 126 "/proc/self/fd/3" \
		sh -c 'exec "$1" /proc/self/fd/3 3<"$2"' - "$S" "$p"
	check "$sh memfd" file mfd 126 "/proc/self/fd/9" \
		"$PY" "$here/helper.py" memfd "$F/x/x" "$S" "/proc/self/fd/@FD@"
	check "$sh cat file | sh" pipe pipe 126 "<stdin>" \
		sh -c 'cat "$1" | "$2"' - "$F/x/x" "$S"
	check "$sh -c" inline inline 126 "-c" "$S" -c 'echo TFRAN'
	if [ "$sh" = hush ]; then	# hush ignores -i but for this check
		check "$sh -i with a script" inline inline 126 "<interactive>" \
			"$S" -i "$F/x/x"
	fi
	if [ "$sh" = bash ]; then
		check "$sh function from the environment" inline envfn - "BASH_FUNC_tff%%" \
			env 'BASH_FUNC_tff%%=() { echo TFRAN; }' "$S" "$F/x/callfn.sh"
	fi
	check "$sh interactive on a TTY" tty tty 126 "<interactive>" \
		env HOME=/nonexistent ENV= "$PY" "$here/helper.py" tty 20 \
		'echo TF$((1+1))RAN\nexit 0\n' "$S" -i
done
echo "# count $n failed $failed"
[ "$failed" -eq 0 ]
