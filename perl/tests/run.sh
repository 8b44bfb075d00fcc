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
. "$top/tests/lib/tap.sh"
. "$top/tests/lib/settings.sh"

# Guest: fs.trust_policy alone, then with the securebits of the other
# interface (the column of the table: tfP+BITS).  A perl start takes about
# half a second under TCG: five settings.
settings_for "$backend" "${*:-none rf di both}" "${*:-1 2 3 0+both 3+both}"
[ "$(id -u)" -eq 0 ] || { echo "Bail out! run.sh needs root (tmpfs mounts)"; exit 1; }
[ -x "$P" ] || { echo "Bail out! no perl at $P (make perl)"; exit 1; }
case $P in /*) ;; *) P=$(pwd)/$P ;; esac	# the routes change directory

settings_fixture perl

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
	setting_apply "$backend" "$s"
	column=$s
	[ "$backend" = guest ] && column=tf$s
	setting_run "$backend $s: matrix.sh" "$out" sh "$here/matrix.sh" "$F" "$column" "$n" "$P"
done
tap_end
