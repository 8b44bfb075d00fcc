#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The mawk tests for one backend: the common fixture (tests/lib/fixture.sh),
# cases.sh under each policy setting, TAP (plan last); exits 1 on any
# failure, 77 after a skip line where the kernel lacks the backend.
#
#   run.sh host     a kernel with AT_EXECVE_CHECK, as root: no securebits,
#                   --restrict-file, --deny-interactive, both
#   run.sh guest    in the guest (kernel/vm/run.sh), as root:
#                   fs.trust_policy 0..3, then with securebits; back to 0
#
# $MAWK (default build/mawk/bin/mawk) is the mawk under test.

set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
MAWK=${MAWK:-$top/build/mawk/bin/mawk}
CLI=${TF_CLI:-$top/build/userspace/bin/trusted-for}
export MAWK
backend=${1:-}
SYSCTL=/proc/sys/fs/trust_policy
. "$top/tests/lib/tap.sh"

case $backend in
host)
	if ! "$CLI" status 2>/dev/null | grep -q 'AT_EXECVE_CHECK.*: *available'; then
		echo "1..0 # SKIP no AT_EXECVE_CHECK on this kernel"
		exit 77
	fi
	settings="none rf di both"
	;;
guest)
	if ! [ -e $SYSCTL ]; then
		echo "1..0 # SKIP no fs.trust_policy: run me in the guest"
		exit 77
	fi
	settings="0 1 2 3 0+rf 0+di 3+both"
	;;
*) echo "usage: run.sh host|guest" >&2; exit 2 ;;
esac
[ "$(id -u)" -eq 0 ] || { echo "Bail out! run.sh needs root (tmpfs mounts)"; exit 1; }
[ -x "$MAWK" ] || { echo "Bail out! $MAWK is not built (make mawk)"; exit 1; }

F=$(mktemp -d /tmp/tf-mawk.XXXXXX)
chmod 0755 "$F"
cleanup() {
	[ "$backend" = guest ] && echo 0 >$SYSCTL
	"$top/tests/lib/fixture.sh" umount "$F"
	rm -rf "$F"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
# Each object of the table holds an awk program that prints the marker
# (split in the source: only running it prints TFRAN).
"$top/tests/lib/fixture.sh" mount "$F" &&
	"$top/tests/lib/fixture.sh" plant "$F" 'BEGIN { print "TF" "RAN" }' ||
	{ echo "Bail out! cannot make the fixture under $F"; exit 1; }
# Scripts run through execve(2): #!MAWK -f, on each mount.
for d in x nx; do
	printf '#!%s -f\nBEGIN { print "TF" "RAN" }\n' "$MAWK" >"$F/$d/sb"
	chmod 0500 "$F/$d/sb"
done
echo "# $backend: $("$CLI" status | head -1); mawk: $MAWK"

out=$F/cases.tap
n=0
for s in $settings; do
	bits=${s#*+}	# host: the whole setting; guest: after the "+", if any
	if [ "$backend" = guest ]; then
		echo "${s%%+*}" >$SYSCTL
		[ "$bits" = "$s" ] && bits=none
	fi
	case $bits in
	none) wrap= ;;
	rf) wrap="$CLI run --restrict-file --" ;;
	di) wrap="$CLI run --deny-interactive --" ;;
	both) wrap="$CLI run --restrict-file --deny-interactive --" ;;
	*) echo "Bail out! run.sh: $s: unknown setting"; exit 1 ;;
	esac
	$wrap sh "$here/cases.sh" "$F" "$backend" "$s" "$n" >"$out" 2>&1
	cat "$out"
	last=$(sed -n 's/^# count \([0-9]*\) failed \([0-9]*\)$/\1 \2/p' "$out" | tail -1)
	if [ -z "$last" ]; then
		not_ok "$backend $s: cases.sh did not finish"
		continue
	fi
	n=${last% *}
	failed=$((failed + ${last#* }))
done
tap_end
