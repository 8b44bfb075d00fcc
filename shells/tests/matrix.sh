#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The expectation table of the enlightened shells (SPEC section 5), run for
# one backend and one policy setting; prints TAP lines numbered from START.
#
#   matrix.sh FIXTURE BACKEND SETTING START SHELL...
#
# FIXTURE is the directory made by fixture.sh (an exec and a noexec tmpfs).
# BACKEND is "guest" (trusted_for, SETTING = the fs.trust_policy in force,
# 0..3) or "host" (AT_EXECVE_CHECK; SETTING = none, rf, di or both: the
# exec securebits this process runs under, set by `trusted-for run`).
# SHELL is a name (dash, ash, bash) of a binary in $SH_BIN.
#
# Each shell x route x target gives one verdict, compared with what the
# table says: allowed means the target's code ran (its marker is on
# stdout); refused means it did not, the shell said why (and which file),
# and a refused script argument exited 126.  Prints "# count N failed F"
# last; exits 1 if anything failed.
#
# Targets: X (exec mount, 0755), XR (exec mount, 0644), NX (noexec mount,
# 0755), LNK (symlink on the exec mount to NX), PFD (/proc/self/fd/N of
# NX), MFD (a memfd), and for the code that is not a file: PIPE, INLINE,
# TTY.

set -u
F=$1
backend=$2
setting=$3
n=$4
shift 4
here=$(cd "$(dirname "$0")" && pwd)
SH_BIN=${SH_BIN:-$here/../../build/shells/bin}
PY=${PYTHON:-python3}
failed=0
W=$(mktemp -d /tmp/tf-matrix.XXXXXX)
trap 'rm -rf "$W"' EXIT

# --- the table ---------------------------------------------------------

# Would the kernel's check on this object fail?  (0 passes, 1 fails)
fails_host() {	# AT_EXECVE_CHECK, root: needs an x bit and an exec mount
	case $1 in X | MFD) return 1 ;; *) return 0 ;; esac
}
fails_guest() {	# trusted_for under fs.trust_policy=$setting (SPEC section 3)
	case $1 in
	X) return 1 ;;
	XR) [ $((setting & 2)) -ne 0 ] ;;
	NX | LNK | PFD) [ $((setting & 1)) -ne 0 ] ;;
	MFD) [ "$setting" -ne 0 ] ;;
	*) return 1 ;;
	esac
}
rf=0
di=0
case $setting in rf) rf=1 ;; di) di=1 ;; both) rf=1; di=1 ;; esac

# expect KIND TARGET: prints "allow" or "deny".
# KIND: file, stdin (redirected from a file), pipe, inline, exec (through
# the kernel's execve first: noexec or no x bit is refused by execve),
# ifile (a file an interactive shell reads: the shell itself is inline
# code first).
expect() {
	kind=$1
	t=$2
	v=allow
	case $backend.$kind in
	guest.file | guest.ifile | guest.stdin) fails_guest "$t" && v=deny ;;
	guest.pipe | guest.inline) ;;
	host.file) [ $rf -eq 1 ] && fails_host "$t" && v=deny ;;
	host.ifile)
		if [ $di -eq 1 ] || { [ $rf -eq 1 ] && fails_host "$t"; }; then
			v=deny
		fi
		;;
	host.stdin) [ $di -eq 1 ] && fails_host "$t" && v=deny ;;
	host.pipe | host.inline) [ $di -eq 1 ] && v=deny ;;
	*.exec) [ "$t" = X ] || v=deny ;;
	esac
	echo $v
}

# --- running one case --------------------------------------------------

# check NAME KIND TARGET EXPECT126 WHO COMMAND...: run COMMAND (in a
# subshell, stdin /dev/null unless redirected by the command), compare.
# WHO is the name the refusal must mention ("" for none).
check() {
	name=$1 kind=$2 t=$3 want126=$4 who=$5
	shift 5
	want=$(expect "$kind" "$t")
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
	n=$((n + 1))
	if [ -z "$bad" ]; then
		echo "ok $n - $backend $setting $name: $t $want"
	else
		failed=$((failed + 1))
		echo "not ok $n - $backend $setting $name: $t $want: $bad"
		echo "# rc=$rc; stdout:"
		sed 's/^/#   /' "$W/out" | head -5
		echo "# stderr:"
		sed 's/^/#   /' "$W/err" | head -5
	fi
}

path_of() {	# the target file of each kind of object
	case $1 in
	X) echo "$F/x/X.sh" ;;
	XR) echo "$F/x/XR.sh" ;;
	NX) echo "$F/nx/NX.sh" ;;
	LNK) echo "$F/x/LNK.sh" ;;
	esac
}
home_of() { case $1 in NX) echo "$F/nx/hNX" ;; *) echo "$F/x/h$1" ;; esac; }
pdir_of() { case $1 in NX) echo "$F/nx/pNX" ;; *) echo "$F/x/p$1" ;; esac; }

C=$F/x/carrier.sh	# an allowed script that just runs
# A shell run with -i is refused as a whole where inline code is: it says
# "<interactive>" and exits 126 before it reads any startup file.
iwho= i126=-
[ "$backend" = host ] && [ $di -eq 1 ] && iwho="<interactive>" i126=126
for sh in "$@"; do
	S=$SH_BIN/$sh
	[ -x "$S" ] || { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $sh: $S not built"; continue; }
	for t in X XR NX; do
		p=$(path_of $t)
		d=$(dirname "$p")
		b=$(basename "$p")
		h=$(home_of $t)
		pd=$(pdir_of $t)
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
		*)
			check "$sh ENV (-i)" ifile $t $i126 "${iwho:-$p}" \
				env ENV="$p" "$S" -i "$C"
			;;
		esac
	done
	p=$(path_of NX)
	check "$sh symlink on exec mount to noexec" file LNK 126 "$(path_of LNK)" "$S" "$(path_of LNK)"
	check "$sh /proc/self/fd/N of noexec file" file PFD 126 "/proc/self/fd/3" \
		sh -c 'exec "$1" /proc/self/fd/3 3<"$2"' - "$S" "$p"
	check "$sh memfd" file MFD 126 "/proc/self/fd/9" \
		"$PY" "$here/helper.py" memfd "$F/x/X.sh" "$S" "/proc/self/fd/@FD@"
	check "$sh cat file | sh" pipe PIPE 126 "<stdin>" \
		sh -c 'cat "$1" | "$2"' - "$F/x/X.sh" "$S"
	check "$sh -c" inline INLINE 126 "-c" "$S" -c 'echo TFRAN'
	if [ "$sh" = bash ]; then
		check "$sh function from the environment" inline ENVFN - "BASH_FUNC_tff%%" \
			env 'BASH_FUNC_tff%%=() { echo TFRAN; }' "$S" "$F/x/callfn.sh"
	fi
	check "$sh interactive on a TTY" inline TTY 126 "<interactive>" \
		env HOME=/nonexistent ENV= "$PY" "$here/helper.py" tty 20 \
		'echo TF$((1+1))RAN\nexit 0\n' "$S" -i
done
echo "# count $n failed $failed"
[ "$failed" -eq 0 ]
