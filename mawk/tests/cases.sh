#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Every way mawk reads a program, against the decision table
# (tests/lib/decisions.tsv), for one backend and one policy setting (the
# exec securebits of this process are set by the caller); TAP lines
# numbered from START, "# count N failed F" last.
#
#   cases.sh FIXTURE BACKEND SETTING START
#
# SETTING: none, rf, di, both on the host; P or P+BITS in the guest
# (fs.trust_policy P).  A case is allowed when the program ran (TFRAN on
# stdout), refused when it did not, mawk named the file and the reason
# ("mawk: NAME: refused by the ...") and exited 126.

set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/tap.sh"
. "$top/tests/lib/expect.sh"
cases_setup mawk "$@"

# want KIND ROW: allow or deny.  KIND: file, stdin, exec (through execve
# first: the kernel's own check, the column rf), argv (the command line:
# allowed by design, mawk/README.md).
want() {
	case $1 in
	file | stdin) expect "$1" "$2" "$column" ;;
	exec) expect file "$2" rf ;;
	argv) echo allow ;;
	*) echo error ;;
	esac
}

# check NAME KIND ROW WHO COMMAND...: WHO is the name the refusal gives
# ("" when the kernel refuses the exec itself).
check() {
	name=$1 kind=$2 row=$3 who=$4
	shift 4
	want=$(want "$kind" "$row")
	"$@" >"$W/out" 2>"$W/err" </dev/null
	rc=$?
	got=deny
	grep -q TFRAN "$W/out" && got=allow
	bad=
	if [ "$got" != "$want" ]; then
		bad="ran=$got, the table says $want"
	elif [ "$want" = deny ] && [ -n "$who" ]; then
		if ! grep -qF "mawk: $who: refused by the" "$W/err"; then
			bad="no refusal message naming '$who'"
		elif [ "$rc" -ne 126 ]; then
			bad="exit status $rc, not 126"
		fi
	elif [ "$want" = allow ] && grep -q 'refused' "$W/err"; then
		bad="ran, but a refusal was printed"
	fi
	if [ -z "$bad" ]; then
		ok "$backend $setting $name: $row $want"
	else
		not_ok "$backend $setting $name: $row $want: $bad"
		note "rc=$rc" "stdout: $(head -3 "$W/out")" "stderr: $(head -3 "$W/err")"
	fi
}

M=$MAWK
for p in x/x x/xr nx/nx nx/nxr; do
	f=$F/$p
	r=${p#*/}
	check "mawk -f FILE" file "$r" "$f" "$M" -f "$f"
	check "mawk -f an allowed file -f FILE" file "$r" "$f" "$M" -f "$F/x/x" -f "$f"
	check "mawk -W exec FILE" file "$r" "$f" "$M" -W exec "$f"
	check "mawk -f - < FILE" stdin "$r" "<stdin>" sh -c 'exec "$1" -f - <"$2"' - "$M" "$f"
	check "mawk -f /dev/stdin < FILE" stdin "$r" "<stdin>" \
		sh -c 'exec "$1" -f /dev/stdin <"$2"' - "$M" "$f"
done
for f in - /dev/stdin; do
	check "cat FILE | mawk -f $f" stdin nonreg "<stdin>" \
		sh -c 'cat "$1" | "$2" -f "$3"' - "$F/x/x" "$M" "$f"
done
# A FIFO whose writer comes later: mawk waits for it, as it always did.
mkfifo "$W/fifo"
check "mawk -f FIFO, its writer late" file nonreg "$W/fifo" \
	sh -c '(sleep 0.5; timeout 5 sh -c "cat \"\$0\" >\"\$1\"" "$1" "$2") & exec "$3" -f "$2"' \
	- "$F/x/x" "$W/fifo" "$M"
check "mawk -f /proc/self/fd/N of a noexec file" file nx "/proc/self/fd/3" \
	sh -c 'exec "$1" -f /proc/self/fd/3 3<"$2"' - "$M" "$F/nx/nx"
check "#!mawk -f script, exec mount" exec x "" "$F/x/sb"
check "#!mawk -f script, noexec mount" exec nx "" "$F/nx/sb"
check "a program on the command line" argv - "" "$M" 'BEGIN { print "TF" "RAN" }'
check "a program on the command line, input from stdin" argv - "" \
	sh -c 'echo TFRAN | "$1" "{ print }"' - "$M"
echo "# count $n failed $failed"
[ "$failed" -eq 0 ]
