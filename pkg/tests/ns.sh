#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The packages installed for real, maintainer scripts and all, and the
# switch trusted-for-divert exercised, in a throwaway copy of this system:
# run by pkg/tests/run.sh under `unshare -m --propagation private`.  /usr,
# /etc and /var get an overlay whose upper layer is in WORK: dpkg, dpkg-divert
# and the switch change only that layer, which goes with the namespace.
# Nothing runs unless the three overlays are in place.
#
#   ns.sh WORK DEB...          TAP on stdout (no plan: run.sh's subtest)

set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/tap.sh"
work=$1
shift
LIBBIN=/usr/lib/trusted-for/bin
# The system's commands, not a python3 or perl of the user's PATH.
PATH=/usr/sbin:/usr/bin:/sbin:/bin
export PATH

# Private mounts, or stop before touching anything.
[ "$(findmnt -n -o PROPAGATION / 2>/dev/null)" = private ] ||
	{ echo "Bail out! ns.sh: not in a private mount namespace"; exit 1; }
for d in usr etc var; do
	mkdir -p "$work/$d.up" "$work/$d.work"
	mount -t overlay "tf-pkg-$d" -o "lowerdir=/$d,upperdir=$work/$d.up,workdir=$work/$d.work" "/$d" ||
		{ echo "Bail out! ns.sh: cannot mount an overlay on /$d"; exit 1; }
	[ "$(findmnt -n -o FSTYPE --target "/$d")" = overlay ] ||
		{ echo "Bail out! ns.sh: /$d is not the overlay"; exit 1; }
done

# rc CMD...: run, keep the status in $rc, stdout+stderr in $work/out.
run() { "$@" >"$work/out" 2>&1; rc=$?; }
check() {	# check TEXT (the last run's status must be 0)
	if [ "$rc" -eq 0 ]; then ok "$1"; else not_ok "$1 (exit $rc)"; diag "$work/out"; fi
}
check_rc() {	# check_rc EXPECTED TEXT [PATTERN]: status, and a pattern in the output
	if [ "$rc" -eq "$1" ] && { [ -z "${3:-}" ] || grep -q -- "$3" "$work/out"; }; then
		ok "$2"
	else
		not_ok "$2 (exit $rc, expected $1${3:+, with '$3'})"; diag "$work/out"
	fi
}
# What a path is: mode, size, content (a reinstalled package gives the
# same content in a new file); the inode separately.
ident() { stat -c '%a %s' "$1" 2>/dev/null; sha256sum <"$1" 2>/dev/null | cut -c1-16; }

paths="/bin/dash /bin/bash /usr/bin/perl /usr/bin/python3.11 /usr/bin/mawk /usr/lib/wine/wineserver64"
# perl-base's versioned name (name perl5) and libperl5.36's own perl,
# where installed (name libperl): switched too.
for f in /usr/bin/perl5.[0-9]*.[0-9]* /usr/bin/perl5.*-*-linux-gnu*; do [ -f "$f" ] && paths="$paths $f"; done
for p in $paths; do ident "$p"; done >"$work/before"
bash_inode=$(stat -c %i /bin/bash)
dpkg-divert --list | sort >"$work/div-before"

run dpkg -i "$@"
check "dpkg -i installs the packages (maintainer scripts run)"
run dpkg-query -W -f '${Status}\n' libtrustedfor1 trusted-for
grep -qv 'install ok installed' "$work/out" && rc=1
check "dpkg records them installed"
run ldconfig -p
grep 'libtrustedfor' "$work/out" >"$work/out.lib"
grep -Eq 'libtrustedfor.so.1 .*=> (/usr)?/lib/x86_64-linux-gnu/libtrustedfor.so.1$' "$work/out.lib" || rc=1
mv "$work/out.lib" "$work/out"
check "ldconfig knows libtrustedfor.so.1"
run trusted-for version
check "the installed trusted-for runs with the installed library"
run sh -c 'cd /tmp && printf "#include <trusted-for.h>\nint main(void){return tf_version() == 0;}\n" >tf-dev.c &&
	gcc $(pkg-config --cflags libtrustedfor) tf-dev.c $(pkg-config --libs libtrustedfor) -o tf-dev && ./tf-dev; s=$?; rm -f tf-dev tf-dev.c; exit $s'
check "a program builds against libtrustedfor-dev (pkg-config) and runs"

run trusted-for-divert status
check_rc 0 "status before enable: every name is the system's" "sh: system"
grep -q enlightened "$work/out" && not_ok "status says enlightened before enable" && diag "$work/out"

run trusted-for-divert enable
check_rc 0 "enable (every installed name)"
diag "$work/out"
run trusted-for-divert status
check_rc 0 "status after enable" "sh: enlightened"
if grep -v ': enlightened (' "$work/out" | grep -q .; then not_ok "every name enlightened"; diag "$work/out"; else ok "every name enlightened"; fi
[ "$(readlink -f /bin/sh)" = $LIBBIN/dash ] && ok "/bin/sh is the enlightened dash" || not_ok "/bin/sh is $(readlink -f /bin/sh)"
[ "$(readlink -f /usr/bin/python3)" = $LIBBIN/tf-python3 ] && ok "python3 is tf-python3" || not_ok "python3 is $(readlink -f /usr/bin/python3)"
[ "$(readlink -f /usr/bin/awk)" = $LIBBIN/mawk ] && ok "awk is the enlightened mawk" || not_ok "awk is $(readlink -f /usr/bin/awk)"
run dpkg-divert --list
for p in $paths; do
	grep -q "^local diversion of $p to $p.distrib\$" "$work/out" || { rc=1; echo "no diversion of $p" >>"$work/out"; }
done
check "dpkg-divert lists a local diversion of each path, the one dpkg knows (/bin/dash, not /usr/bin/dash)"
m=$(for p in $paths; do stat -c %a "$p.distrib"; done | sort -u)
[ "$m" = 0 ] && ok "the system's builds are kept, mode 0" || not_ok "modes of the .distrib files: $m"
run trusted-for interpreters $paths /bin/sh /usr/bin/python3 /usr/bin/awk
check "trusted-for interpreters: the switched-in commands are enlightened"
# What is left of the system's: locked, not open (the inventory's exit 0).
locked=$(for p in $paths; do echo "$p.distrib"; done)
run trusted-for interpreters $locked
if [ "$rc" -eq 0 ] && [ "$(grep -c '^locked ' "$work/out")" -eq "$(echo $locked | wc -w)" ]; then
	ok "the switched-out files are listed locked, none open"
else
	not_ok "the switched-out files are locked (exit $rc)"; diag "$work/out"
fi

run /bin/sh -c 'echo works'
check_rc 0 "/bin/sh -c runs" works
run bash -c 'echo works'
check_rc 0 "bash -c runs" works
run perl -MDpkg::Version -MPOSIX -e 'print "works\n"'
check_rc 0 "perl finds Debian's modules (/usr/share/perl5) and its own XS (POSIX)" works
xs=$(cd /usr/lib/x86_64-linux-gnu/perl5/5.36 2>/dev/null && find . -name '*.pm' -path './Locale/*' | head -n 1)
if [ -n "$xs" ]; then
	mod=$(echo "${xs#./}" | sed 's#\.pm$##; s#/#::#g')
	run perl -M"$mod" -e 'print "works\n"'
	check_rc 0 "perl loads Debian's XS module $mod (same interpreter layout)" works
else
	skip "perl loads a Debian XS module" "none under /usr/lib/x86_64-linux-gnu/perl5/5.36/Locale"
fi
run python3 -c 'import sys, json, ssl, sqlite3; print(sys.prefix)'
check_rc 0 "python3 runs Debian's stdlib with its extension modules, prefix /usr" '^/usr$'
run sh -c 'echo "1 2" | awk "{ print \$2 }"'
check_rc 0 "awk runs" '^2$'
# The switched-in shell obeys the exec securebits (host kernel: mainline
# AT_EXECVE_CHECK): inline code refused under --deny-interactive.
run trusted-for run --deny-interactive -- /bin/sh -c 'echo should-not-run'
if [ "$rc" -ne 0 ] && ! grep -q should-not-run "$work/out"; then
	ok "/bin/sh -c is refused under trusted-for run --deny-interactive (exit $rc)"
elif grep -qi 'not supported\|cannot' "$work/out"; then
	skip "/bin/sh -c refused under --deny-interactive" "kernel without exec securebits: $(head -n 1 "$work/out")"
else
	not_ok "/bin/sh -c ran under --deny-interactive"; diag "$work/out"
fi

for c in "perl -e print(1)" "python3 -c print(1)" "bash -c echo"; do
	run trusted-for run --deny-interactive -- $c
	[ "$rc" -eq 126 ] && ok "switched-in ${c%% *}: inline code refused under --deny-interactive" ||
		{ not_ok "switched-in ${c%% *}: inline code under --deny-interactive (exit $rc)"; diag "$work/out"; }
done

# trusted-for-mark-code: under --restrict-file (the x bit needed, as
# under fs.trust_policy bit 2) the switched-in python3 cannot start on
# Debian's 0644 stdlib; after the command it can.  Both in the overlay.
run trusted-for run --restrict-file -- python3 -c 'import json; print("works")'
if [ "$rc" -ne 0 ] && grep -q 'refused' "$work/out"; then
	ok "before trusted-for-mark-code: python3 refused its own 0644 stdlib under --restrict-file"
elif grep -qi 'not supported\|cannot' "$work/out"; then
	skip "python3 under --restrict-file before marking" "kernel without exec securebits: $(head -n 1 "$work/out")"
else
	not_ok "before trusted-for-mark-code: python3 under --restrict-file (exit $rc)"; diag "$work/out"
fi
run trusted-for-mark-code extra
check_rc 2 "trusted-for-mark-code with an argument: exit 2, named" "unexpected argument 'extra'"
run setpriv --reuid=65534 --regid=65534 --clear-groups trusted-for-mark-code
check_rc 3 "trusted-for-mark-code as non-root: exit 3" "must run as root"
# Code it must leave alone (in the overlays): the local administrator's
# and the data trees' files.
mkdir -p /var/lib/tf-probe /usr/local/lib/python3.11/dist-packages
for f in /var/lib/tf-probe/mod.py /var/lib/tf-probe/mod.pm /usr/local/lib/python3.11/dist-packages/tfprobe.py; do
	echo 'x = 1' >"$f"
	chmod 0644 "$f"
done
run trusted-for-mark-code
check "trusted-for-mark-code"
[ -x /usr/lib/python3.11/json/__init__.py ] && [ -x /usr/share/perl5/Debconf/Log.pm ] && [ -x /etc/profile ] &&
	ok "it marked the stdlib, Perl's modules and /etc/profile" ||
	not_ok "not marked: $(ls -l /usr/lib/python3.11/json/__init__.py /usr/share/perl5/Debconf/Log.pm /etc/profile 2>&1 | tr '\n' ' ')"
m=$(stat -c %a /var/lib/tf-probe/mod.py /var/lib/tf-probe/mod.pm /usr/local/lib/python3.11/dist-packages/tfprobe.py | tr '\n' ' ')
[ "$m" = "644 644 644 " ] && ok "it left code under /var and /usr/local alone" || not_ok "modes of the probes in /var and /usr/local: $m"
run trusted-for run --restrict-file -- python3 -c 'import json; print("works")'
if grep -qi 'not supported\|cannot' "$work/out"; then
	skip "python3 under --restrict-file after marking" "kernel without exec securebits"
else
	check_rc 0 "after trusted-for-mark-code: python3 imports its stdlib under --restrict-file" works
fi

run trusted-for-divert enable
check_rc 0 "enable again changes nothing (idempotent)"
for p in $paths; do readlink "$p"; done >"$work/links"
grep -vc "^$LIBBIN/" "$work/links" | grep -q '^0$' && ok "the links are unchanged" || { not_ok "links after enable again"; diag "$work/links"; }

# An upgrade of a diverted package: its file goes to .distrib, the link
# stays, status says so, enable locks it again.
deb=$(ls /var/cache/apt/archives/dash_*.deb 2>/dev/null | head -n 1)
if [ -z "$deb" ]; then
	(cd "$work" && apt-get download -q dash >/dev/null 2>&1)
	deb=$(ls "$work"/dash_*.deb 2>/dev/null | head -n 1)
fi
if [ -n "$deb" ]; then
	run dpkg -i "$deb"
	check "dash reinstalled (an upgrade) while diverted"
	[ "$(readlink /bin/dash)" = $LIBBIN/dash ] && ok "the upgrade left /bin/dash the enlightened link" || not_ok "/bin/dash after the upgrade: $(ls -l /bin/dash)"
	run trusted-for-divert status dash
	check_rc 0 "status says the upgraded system build is executable again" "executable again"
	run trusted-for-divert enable dash
	check_rc 0 "enable locks it again"
	[ "$(stat -c %a /bin/dash.distrib)" = 0 ] && ok "/bin/dash.distrib mode 0 again" || not_ok "/bin/dash.distrib mode $(stat -c %a /bin/dash.distrib)"
else
	skip "a diverted package upgraded" "no dash .deb (apt-get download dash failed)"
fi

# Errors: the input named, the reason, the documented status.
run trusted-for-divert enable nonsense
check_rc 2 "an unknown name: exit 2, named" "nonsense: unknown name"
run trusted-for-divert frobnicate
check_rc 2 "an unknown command: exit 2, named" "frobnicate"
run setpriv --reuid=65534 --regid=65534 --clear-groups trusted-for-divert enable perl
check_rc 3 "enable as non-root: exit 3" "must be root"
run setpriv --reuid=65534 --regid=65534 --clear-groups trusted-for-divert status
check_rc 0 "status as non-root works"

# disable: everything back, the same files.
run trusted-for-divert disable
check_rc 0 "disable (every name)"
for p in $paths; do ident "$p"; done >"$work/after"
if cmp -s "$work/before" "$work/after"; then ok "every path is the system's file again (mode, size, content)"; else not_ok "paths differ after disable"; diff "$work/before" "$work/after" | sed 's/^/# /'; fi
[ "$(stat -c %i /bin/bash)" = "$bash_inode" ] && ok "/bin/bash is the very same file (inode) as before enable" || not_ok "/bin/bash is another file than before"
dpkg-divert --list | sort >"$work/div-after"
cmp -s "$work/div-before" "$work/div-after" && ok "dpkg-divert --list as before" || { not_ok "diversions after disable"; diff "$work/div-before" "$work/div-after" | sed 's/^/# /'; }
run trusted-for-divert disable
check_rc 0 "disable again: nothing to do, exit 0"

# A diversion of someone else's is left alone.
run dpkg-divert --local --rename --divert /usr/bin/mawk.someone --add /usr/bin/mawk
run trusted-for-divert enable mawk
check_rc 1 "enable on a path diverted by someone else: exit 1, named" "mawk: /usr/bin/mawk is already diverted"
run dpkg-divert --local --rename --remove /usr/bin/mawk
check "(that diversion removed)"

# A missing enlightened build.
mv $LIBBIN/mawk $LIBBIN/mawk.away
run trusted-for-divert enable mawk
check_rc 1 "enable without the enlightened build: exit 1, naming it" "$LIBBIN/mawk is missing"
mv $LIBBIN/mawk.away $LIBBIN/mawk

# Removing an interpreter's package while switched in puts the system's back.
run trusted-for-divert enable perl
check "enable perl"
run dpkg -r trusted-for-perl
check "dpkg -r trusted-for-perl while switched in"
[ "$(ident /usr/bin/perl)" = "$(sed -n 5,6p "$work/before")" ] &&
	ok "its prerm put /usr/bin/perl back" || not_ok "/usr/bin/perl after removal: $(ls -l /usr/bin/perl)"
run dpkg -P trusted-for-shells trusted-for-python3 trusted-for-mawk trusted-for-java trusted-for-wine trusted-for libtrustedfor-dev libtrustedfor1
check "dpkg -P of the rest"
[ ! -e /usr/lib/trusted-for ] && [ ! -e /etc/sysctl.d/60-trusted-for.conf ] &&
	ok "nothing left under /usr/lib/trusted-for, the conffile purged" || not_ok "leftovers: $(ls -d /usr/lib/trusted-for /etc/sysctl.d/60-trusted-for.conf 2>&1)"
tap_end
