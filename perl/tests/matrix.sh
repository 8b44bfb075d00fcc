#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Perl's routes against the decision table (tests/lib/decisions.tsv), under
# one setting; prints TAP lines numbered from START.
#
#   matrix.sh FIXTURE COLUMN START PERL
#
# FIXTURE is the directory run.sh made (tests/lib/fixture.sh: an exec and
# a noexec tmpfs with the table's objects, planted with perl code, and the
# modules and carriers below).  COLUMN is the column of the table this
# process runs under (none, rf, di, both on the host; tfP or tfP+BITS in
# the guest).  Each route x target gives one verdict compared with what
# the table says: allowed means the target's code ran (TFRAN on stdout);
# refused means it did not, perl said which file or what and why, and a
# refused script (or stdin, or inline code) exited 126.  Prints
# "# count N failed F" last; exits 1 if anything failed.

set -u
F=$1
column=$2
start=$3
P=$4
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$top/tests/lib/tap.sh"
. "$top/tests/lib/expect.sh"
n=$start
PY=${PYTHON:-python3}
HELPER=$top/shells/tests/helper.py
W=$(mktemp -d /tmp/tf-perl-matrix.XXXXXX)
trap 'rm -rf "$W"' EXIT

# want KIND ROW: "allow" or "deny" (or "error": no such row or column).
want() {
	case $1 in
	file | stdin) expect "$1" "$2" "$column" ;;
	inline) expect inline - "$column" ;;
	*) echo error ;;
	esac
}

# check NAME KIND ROW EXPECT126 WHO COMMAND...: run COMMAND (stdin
# /dev/null unless the command redirects it) and compare.  WHO is what the
# refusal must name; EXPECT126 is 126 when a refusal must exit 126.
check() {
	name=$1 kind=$2 row=$3 want126=$4 who=$5
	shift 5
	want=$(want "$kind" "$row")
	"$@" >"$W/out" 2>"$W/err" </dev/null
	rc=$?
	got=deny
	grep -q 'TF[2]*RAN' "$W/out" && got=allow
	bad=
	if [ "$want" = error ]; then
		bad="no row $kind $row or column $column in the table"
	elif [ "$got" != "$want" ]; then
		bad="ran=$got, the table says $want"
	elif [ "$want" = deny ] &&
	     ! grep -qF -e "${who}: refused by the" "$W/err" "$W/out"; then
		bad="no refusal message naming '$who'"
	elif [ "$want" = deny ] && [ "$want126" = 126 ] && [ "$rc" -ne 126 ]; then
		bad="exit status $rc, not 126"
	elif [ "$want" = allow ] && grep -q 'refused' "$W/err" "$W/out"; then
		bad="ran, but a refusal was printed"
	fi
	if [ -z "$bad" ]; then
		ok "$column: $name: $row $want"
	else
		not_ok "$column: $name: $row $want: $bad"
		echo "# rc=$rc; stdout:"
		sed 's/^/#   /' "$W/out" | head -5
		echo "# stderr:"
		sed 's/^/#   /' "$W/err" | head -5
	fi
}

dir_of() { case $1 in nx | nxr) echo "$F/nx" ;; *) echo "$F/x" ;; esac; }

C=$F/x/carrier.pl	# an allowed script that runs nothing of its own
# nxr (refused wherever xr or nx is) by two routes only: the guest is slow.
check "script argument" file nxr 126 "$F/nx/nxr" "$P" "$F/nx/nxr"
check "require FILE" file nxr - "$F/nx/nxr" "$P" "$F/x/require.pl" "$F/nx/nxr"
for t in x xr nx; do
	d=$(dir_of "$t")
	p=$d/$t
	check "script argument" file $t 126 "$p" "$P" "$p"
	check "relative script after cd" file $t 126 "./$t" \
		sh -c 'cd "$1" && exec "$2" "./$3"' - "$d" "$P" "$t"
	case $t in
	x | nx)	# -S finds only files with an x bit (root: any x bit)
		check "-S through PATH" file $t 126 "$p" \
			env PATH="$d:/usr/bin:/bin" "$P" -S "$t" ;;
	esac
	check "-x" file $t 126 "$p" "$P" -x "$p"
	check "-c (BEGIN blocks run)" file $t 126 "$p" "$P" -c "$p"
	check "/dev/fd/3" file $t 126 "/dev/fd/3" sh -c 'exec "$1" /dev/fd/3 3<"$2"' - "$P" "$p"
	check "/proc/self/fd/3" file $t 126 "/proc/self/fd/3" \
		sh -c 'exec "$1" /proc/self/fd/3 3<"$2"' - "$P" "$p"
	check "require FILE" file $t - "$p" "$P" "$F/x/require.pl" "$p"
	check "do FILE" file $t - "$p" "$P" "$F/x/do.pl" "$p"
	check "require Module through @INC" file $t - "$d/Tf_$t.pm" \
		"$P" -I"$d" "$F/x/require.pl" "Tf_$t.pm"
	check "use Module (-I)" file $t - "$d/Tf_$t.pm" "$P" -I"$d" "$F/x/use.pl" "Tf_$t"
	check "-MModule" file $t - "$d/Tf_$t.pm" "$P" -I"$d" "-MTf_$t" "$C"
	check "first @INC entry refused, none skipped" file $t - "$d/Tf_$t.pm" \
		"$P" -I"$d" -I"$F/x/alt" "$F/x/require.pl" "Tf_$t.pm"
	check ".pmc before .pm" file $t - "$d/Tfc_$t.pmc" \
		"$P" -I"$d" "$F/x/require.pl" "Tfc_$t.pm"
	check "@INC hook returning a file handle" file $t - "TfHook.pm" \
		"$P" "$F/x/hook.pl" "$p"
	check "PERL5LIB" file $t - "$d/Tf_$t.pm" \
		env PERL5LIB="$d" "$P" "$F/x/require.pl" "Tf_$t.pm"
	check "perl < file" stdin $t 126 "<stdin>" sh -c 'exec "$1" <"$2"' - "$P" "$p"
	check "perl - < file" stdin $t 126 "<stdin>" sh -c 'exec "$1" - <"$2"' - "$P" "$p"
done
check "cat file | perl" stdin nonreg 126 "<stdin>" sh -c 'cat "$2" | "$1"' - "$P" "$F/x/x"
check "cat file | perl -" stdin nonreg 126 "<stdin>" sh -c 'cat "$2" | "$1" -' - "$P" "$F/x/x"
check "script is a FIFO" file nonreg 126 "$F/x/fifo" \
	sh -c 'cat "$2" >"$3" & exec "$1" "$3"' - "$P" "$F/x/x" "$F/x/fifo"
check "memfd" file memfd 126 "/proc/self/fd/9" \
	"$PY" "$HELPER" memfd "$F/x/x" "$P" "/proc/self/fd/@FD@"
check "-e" inline - 126 "-e" "$P" -e 'print "TFRAN\n"'
check "-E" inline - 126 "-E" "$P" -E 'say "TFRAN"'
check "-e with -c" inline - 126 "-e" "$P" -c -e 'BEGIN { print "TFRAN\n" }'
check "-M with code" inline - 126 "-M" \
	"$P" -I"$F/x" '-MTfOk;print "TFRAN\n"' "$C"
check "-M 'Module LIST'" inline - 126 "-M" \
	"$P" -I"$F/x" '-MTfOk qw(a); BEGIN { print "TFRAN\n" }' "$C"
check "-d (PERL5DB code)" inline - 126 "-d" \
	env PERL5DB='BEGIN { print "TFRAN\n" }' "$P" -d "$C"
check "-d:Module" inline - 126 "-d:" "$P" -I"$F/x" -d:TfDbg "$C"
check "PERL5OPT -M with code" inline - 126 "PERL5OPT" \
	env PERL5OPT="-I$F/x -MTfOk;print(qq(TFRAN\\n))" "$P" "$C"
check "PERL5OPT -d" inline - 126 "PERL5OPT" \
	env PERL5OPT=-d PERL5DB='BEGIN { print "TFRAN\n" }' "$P" "$C"
check "-F with code" inline - 126 "-F" \
	"$P" '-F/(?{print(qq(TFRAN\n))})/' "$C" "$F/x/x"
check "interactive on a TTY" stdin tty 126 "<terminal>" \
	"$PY" "$HELPER" tty 20 "print 'TF', 1+1, 'RAN', chr 10;\\n$(printf '\004')" "$P"
echo "# count $n failed $failed"
[ "$failed" -eq 0 ]
