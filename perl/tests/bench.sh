#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# bench-perl: the start-up of a script that loads 50 core modules, with the
# enlightened perl (one check per file it compiles) against the same perl
# unpatched, on the host (AT_EXECVE_CHECK, no securebits: every check is
# made, none refuses) and in the guest (trusted_for, fs.trust_policy 3).
# The two perls alternate, BENCH_ROUNDS runs each (30 on the host, 10 in
# the guest, where a run takes seconds under TCG); prints the median times
# and their ratio, one ok line per kernel.
#
#   bench.sh [host|guest]      (no argument: host, then the guest)
#
# Environment: PL_PERL, PL_PERL_ORIG (the two perls), BENCH_ROUNDS.

set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$top/tests/lib/tap.sh"
tf=${PL_PERL:-$top/build/perl/inst-tf/bin/perl}
orig=${PL_PERL_ORIG:-$top/build/perl/inst-orig/bin/perl}

if [ $# -eq 0 ]; then
	{
		echo "# == host"
		tap_part host "$0" host
		echo "# == guest"
		tap_part guest "$top/kernel/vm/run.sh" "$0" guest
	} | tap_renumber
	exit
fi
mode=$1
rounds=${BENCH_ROUNDS:-30}
[ "$mode" = guest ] && rounds=${BENCH_ROUNDS:-10}
for p in "$tf" "$orig"; do
	[ -x "$p" ] || { echo "not ok 1 - $p missing (make perl perl-orig)"; exit 1; }
done
if [ "$mode" = guest ]; then
	[ -e /proc/sys/fs/trust_policy ] ||
		{ echo "1..0 # SKIP no fs.trust_policy: run me in the guest"; exit 77; }
	echo 3 >/proc/sys/fs/trust_policy
	trap 'echo 0 >/proc/sys/fs/trust_policy' EXIT
fi

W=$(mktemp -d /tmp/tf-perl-bench.XXXXXX)
trap 'rm -rf "$W"; [ "$mode" = guest ] && echo 0 >/proc/sys/fs/trust_policy' EXIT
cat >"$W/load50.pl" <<'EOS'
use strict; use warnings; use Carp; use Exporter; use constant; use vars;
use File::Spec; use File::Basename; use File::Path; use File::Temp;
use File::Find; use File::Copy; use Cwd; use Scalar::Util; use List::Util;
use Data::Dumper; use Storable; use POSIX (); use Fcntl; use IO::File;
use IO::Handle; use Getopt::Long; use Text::Wrap; use Text::ParseWords;
use Time::Local; use Time::HiRes; use Math::BigInt; use Math::BigFloat;
use Encode; use Digest::MD5; use Digest::SHA; use MIME::Base64;
use Sys::Hostname; use Socket; use IO::Socket; use IPC::Open3;
use Term::ANSIColor; use Tie::Hash; use Benchmark (); use Config; use Errno;
use integer; use overload; use parent; use Hash::Util; use JSON::PP;
use HTTP::Tiny; use Text::Balanced; use Safe; use Env; use Pod::Usage;
no integer;
print scalar(keys %INC), "\n";
EOS
chmod 0555 "$W/load50.pl"
files_tf=$("$tf" "$W/load50.pl") || { not_ok "$mode: the patched perl cannot run the script"; tap_end; exit 1; }
files_orig=$("$orig" "$W/load50.pl") || { not_ok "$mode: the unpatched perl cannot run the script"; tap_end; exit 1; }
echo "# $mode: $(uname -r); the script compiles $files_tf files (unpatched: $files_orig)"

# One run's wall time in microseconds.
run_us() {
	s=$(date +%s%N)
	"$1" "$W/load50.pl" >/dev/null
	e=$(date +%s%N)
	echo $(((e - s) / 1000))
}
: >"$W/tf" && : >"$W/orig"
i=0
while [ $i -lt "$rounds" ]; do
	run_us "$orig" >>"$W/orig"
	run_us "$tf" >>"$W/tf"
	i=$((i + 1))
done
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
m_tf=$(median "$W/tf")
m_orig=$(median "$W/orig")
ratio=$(awk -v a="$m_tf" -v b="$m_orig" 'BEGIN { printf "%.3f", a / b }')
echo "# $mode: median of $rounds runs: patched $m_tf us, unpatched $m_orig us, ratio $ratio"
ok "$mode: bench-perl ratio $ratio (patched $m_tf us / unpatched $m_orig us, $files_tf files)"
tap_end
