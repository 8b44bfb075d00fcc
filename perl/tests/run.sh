#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The perl tests on one kernel: mount the fixture, plant perl code, run
# matrix.sh under each policy setting, print TAP (plan last), exit 1 on any
# failure.  As root.
#
#   run.sh host [PERL [SETTING...]]    a kernel with AT_EXECVE_CHECK
#                         (6.14+): no securebits (none), --restrict-file
#                         (rf), --deny-interactive (di), both (trusted-for run)
#   run.sh guest [PERL [SETTING...]]   our 6.12 (kernel/vm/run.sh):
#                         fs.trust_policy alone (1 2 3), the securebits
#                         alone (0+both) and both (3+both); any P+BITS
#                         (BITS: rf, di, both) may be asked; back to 0
#
# PERL defaults to build/perl/inst-tf/bin/perl; SETTINGs to all of them.  Exits 77 after a skip
# line where the kernel lacks the backend.

set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
backend=${1:-}
P=${2:-${PL_PERL:-$top/build/perl/inst-tf/bin/perl}}
[ $# -gt 2 ] && shift 2 || set --
CLI=${TF_CLI:-$top/build/userspace/bin/trusted-for}
SYSCTL=/proc/sys/fs/trust_policy
. "$top/tests/lib/tap.sh"

case $backend in
host)
	if ! "$CLI" status 2>/dev/null | grep -q 'AT_EXECVE_CHECK.*: *available'; then
		echo "1..0 # SKIP no AT_EXECVE_CHECK on this kernel"
		exit 77
	fi
	settings=${*:-none rf di both}
	;;
guest)
	if ! [ -e $SYSCTL ]; then
		echo "1..0 # SKIP no fs.trust_policy: run me in the guest"
		exit 77
	fi
	# fs.trust_policy alone, then with the securebits of the other
	# interface (the column of the table: tfP+BITS).
	# (A perl start takes about half a second under TCG: five settings.)
	settings=${*:-1 2 3 0+both 3+both}
	;;
*) echo "usage: run.sh host|guest [PERL]" >&2; exit 2 ;;
esac
[ "$(id -u)" -eq 0 ] || { echo "Bail out! run.sh needs root (tmpfs mounts)"; exit 1; }
[ -x "$P" ] || { echo "Bail out! no perl at $P (make perl)"; exit 1; }
case $P in /*) ;; *) P=$(pwd)/$P ;; esac	# the routes change directory

F=$(mktemp -d /tmp/tf-perl.XXXXXX)
chmod 0755 "$F"
cleanup() {
	[ "$backend" = guest ] && echo 0 >$SYSCTL
	"$top/tests/lib/fixture.sh" umount "$F"
	rm -rf "$F"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# The table's objects hold perl code that says it ran at compile time
# (BEGIN: also under -c), behind a #! line (for -x) and returning true (for
# require).
code='#!perl
BEGIN { print "TFRAN\n" }
1;'
plant() {	# plant MODE FILE TEXT
	printf '%s\n' "$3" >"$2" && chmod "$1" "$2"
}
{
	"$top/tests/lib/fixture.sh" mount "$F" &&
	"$top/tests/lib/fixture.sh" plant "$F" "$code" &&
	for t in x:x:0500 xr:x:0400 nx:nx:0500 nxr:nx:0400; do
		set -- $(echo "$t" | tr : ' ')
		# Tf_T.pm, the module of row T; Tfc_T.pmc, the compiled
		# form perl prefers, of row T, beside a Tfc_T.pm of mode
		# 0500 that runs too if perl ever falls back to it.
		plant "$3" "$F/$2/Tf_$1.pm" "$code" &&
		plant "$3" "$F/$2/Tfc_$1.pmc" "$code" &&
		plant 0500 "$F/$2/Tfc_$1.pm" "$code" &&
		mkdir -p "$F/x/alt" && plant 0500 "$F/x/alt/Tf_$1.pm" "$code" ||
		exit 1
	done &&
	mkdir "$F/x/Devel" &&
	plant 0500 "$F/x/Devel/TfDbg.pm" 'package DB; sub DB {}
BEGIN { print "TFRAN\n" }
1;' &&
	plant 0500 "$F/x/TfOk.pm" 'package TfOk; sub import {} 1;' &&
	plant 0500 "$F/x/carrier.pl" '1;' &&
	plant 0500 "$F/x/require.pl" 'my $f = shift; require $f;' &&
	plant 0500 "$F/x/do.pl" 'my $f = shift; do $f or die($@ || "$f: $!\n");' &&
	plant 0500 "$F/x/use.pl" 'BEGIN { my $m = shift; eval "use $m; 1" or die $@ }' &&
	plant 0500 "$F/x/hook.pl" 'my $path = shift;
unshift @INC, sub {
	return unless $_[1] eq "TfHook.pm";
	open(my $fh, "<", $path) or die "$path: $!\n";
	return $fh;
};
require TfHook;'
} || { echo "Bail out! cannot make the fixture"; exit 1; }
echo "# $backend: $("$CLI" status | head -1); perl: $P"

out=$F/matrix.tap
for s in $settings; do
	policy=${s%%+*}
	bits=
	case $s in *+*) bits=${s#*+} ;; esac
	case $backend in
	guest) echo "$policy" >$SYSCTL; column=tf$policy${bits:++$bits} ;;
	host) column=$s; bits=$s ;;
	esac
	case $bits in
	'' | none) wrap= ;;
	rf) wrap="$CLI run --restrict-file --" ;;
	di) wrap="$CLI run --deny-interactive --" ;;
	both) wrap="$CLI run --restrict-file --deny-interactive --" ;;
	esac
	$wrap sh "$here/matrix.sh" "$F" "$column" "$n" "$P" >"$out" 2>&1
	cat "$out"
	last=$(sed -n 's/^# count \([0-9]*\) failed \([0-9]*\)$/\1 \2/p' "$out" | tail -1)
	if [ -z "$last" ]; then
		not_ok "$backend $s: matrix.sh did not finish"
		continue
	fi
	n=${last% *}
	failed=$((failed + ${last#* }))
done
tap_end
