#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The Debian packages of the user space (make check-deb): TAP.
#   - each .deb: its fields, lintian (no error or warning left; overrides
#     in pkg/lintian say why), its file list;
#   - all of them unpacked side by side (dpkg-deb -x): modes, the sysctl.d
#     file shipped disabled, every ELF file's libraries found, no path of
#     this checkout in any file, each interpreter enlightened (trusted-for
#     interpreters --json);
#   - then installed with dpkg and switched in and out with
#     trusted-for-divert, in a throwaway overlay of /usr, /etc and /var in
#     a private mount namespace (pkg/tests/ns.sh); this host's dpkg
#     database and files are checked unchanged afterwards.
# Needs root (the namespace, dpkg); skips loudly otherwise.

set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
. tests/lib/tap.sh
BUILD=${BUILD:-build}
DEB_OUT=${DEB_OUT:-$BUILD/deb}
version=$(cat VERSION)
LIBBIN=usr/lib/trusted-for/bin
PACKAGES="libtrustedfor1 libtrustedfor-dev trusted-for trusted-for-shells
trusted-for-python3 trusted-for-perl trusted-for-mawk trusted-for-java
trusted-for-wine"

if [ "$(id -u)" -ne 0 ]; then
	echo "1..0 # SKIP needs root (dpkg in a private mount namespace)"
	exit 77
fi
T=$(mktemp -d /tmp/tf-pkg.XXXXXX)
trap 'rm -rf "$T"' EXIT
root=$T/root
mkdir -p "$root"

debs=
for p in $PACKAGES; do
	deb=$DEB_OUT/${p}_${version}_amd64.deb
	if ! [ -f "$deb" ]; then
		not_ok "$p: $deb built"
		continue
	fi
	debs="$debs $deb"
	f=$(dpkg-deb -f "$deb" Package Version Architecture Maintainer Source | tr '\n' '|')
	case $f in
	"Package: $p|Version: $version|Architecture: amd64|Maintainer: "*"|Source: trusted-for|") ok "$p: fields" ;;
	*) not_ok "$p: fields: $f" ;;
	esac
	dpkg-deb -x "$deb" "$root" || not_ok "$p: dpkg-deb -x"
	dpkg-deb -c "$deb" | awk '{ print $6 }' | sed 's#^\./#/#' >"$T/$p.files"
done

# lintian, once for all (it is slow to start): no error or warning.
if command -v lintian >/dev/null 2>&1; then
	lintian --tag-display-limit 0 $debs >"$T/lint" 2>&1
	for p in $PACKAGES; do
		if grep -E "^[EW]: $p( \(binary\))?:" "$T/lint" >"$T/lint.$p"; then
			not_ok "$p: lintian, no error or warning"; diag "$T/lint.$p"
		else
			ok "$p: lintian, no error or warning"
		fi
	done
	grep -Ev '^[EWIPNXO]: |^running with root privileges' "$T/lint" >"$T/lint.other"
	[ -s "$T/lint.other" ] && { note "lintian said:"; diag "$T/lint.other"; }
else
	skip "lintian" "lintian not installed (make deps)"
fi

# The files each package must hold.
expect_files() {	# expect_files PACKAGE PATH...
	p=$1; shift
	miss=
	for f; do grep -qx "$f" "$T/$p.files" 2>/dev/null || miss="$miss $f"; done
	[ -z "$miss" ] && ok "$p: holds $*" || not_ok "$p: missing$miss"
}
L=/usr/lib/x86_64-linux-gnu
expect_files libtrustedfor1 $L/libtrustedfor.so.$version $L/libtrustedfor.so.1
expect_files libtrustedfor-dev /usr/include/trusted-for.h $L/libtrustedfor.a $L/libtrustedfor.so \
	$L/pkgconfig/libtrustedfor.pc /usr/share/man/man2/trusted_for.2.gz /usr/share/man/man3/libtrustedfor.3.gz
expect_files trusted-for /usr/bin/trusted-for /usr/sbin/trusted-for-divert /usr/sbin/trusted-for-mark-code \
	/etc/sysctl.d/60-trusted-for.conf \
	/usr/share/man/man1/trusted-for.1.gz /usr/share/man/man8/trusted-for-divert.8.gz \
	/usr/share/man/man8/trusted-for-mark-code.8.gz \
	/usr/share/doc/trusted-for/examples/tf-script-service.conf /usr/share/doc/trusted-for/examples/tf-securebits.conf \
	/usr/share/doc/trusted-for/examples/99trusted-for-mark-code
expect_files trusted-for-shells /$LIBBIN/dash /$LIBBIN/bash /$LIBBIN/busybox \
	/usr/lib/trusted-for/busybox/ash /usr/lib/trusted-for/busybox/hush /usr/lib/trusted-for/busybox/awk
expect_files trusted-for-python3 /$LIBBIN/tf-python3 /$LIBBIN/python3
expect_files trusted-for-perl /$LIBBIN/perl /usr/lib/trusted-for/perl/bin/perl
expect_files trusted-for-mawk /$LIBBIN/mawk /$LIBBIN/awk
expect_files trusted-for-java /$LIBBIN/tf-java
expect_files trusted-for-wine /$LIBBIN/wineserver

# Nothing is installed over the system's interpreters.
if cat "$T"/*.files | grep -E '^/(usr/)?s?bin/.' | grep -v '/$' | grep -vxE '/usr/bin/trusted-for|/usr/sbin/trusted-for-(divert|mark-code)' >"$T/over"; then
	not_ok "no package installs into /bin, /usr/bin or /usr/sbin but the CLI and the two admin commands"; diag "$T/over"
else
	ok "no package installs into /bin, /usr/bin or /usr/sbin but the CLI and the two admin commands"
fi

# Modes and the sysctl.d file.
m=$(stat -c '%a %U' "$root/usr/sbin/trusted-for-divert" "$root/etc/sysctl.d/60-trusted-for.conf" 2>/dev/null | tr '\n' ' ')
[ "$m" = "755 root 644 root " ] && ok "modes: the switch 0755, the sysctl.d file 0644" || not_ok "modes: $m"
if grep -q '^#fs.trust_policy = 3$' "$root/etc/sysctl.d/60-trusted-for.conf" &&
   ! grep -Eq '^[[:space:]]*fs\.trust_policy' "$root/etc/sysctl.d/60-trusted-for.conf"; then
	ok "60-trusted-for.conf documents fs.trust_policy and ships it commented out"
else
	not_ok "60-trusted-for.conf: fs.trust_policy not shipped disabled"
fi
dpkg-deb -I "$DEB_OUT/trusted-for_${version}_amd64.deb" conffiles 2>/dev/null | grep -qx /etc/sysctl.d/60-trusted-for.conf &&
	ok "the sysctl.d file is a conffile" || not_ok "the sysctl.d file is not a conffile"
bad=$(find "$root/usr/lib/trusted-for/perl/lib" -name '*.pm' ! -perm -0111 | head -n 3)
[ -z "$bad" ] && ok "perl's modules ship with the x bit (file-permission rule)" || not_ok "perl modules without x: $bad"

# Every ELF file finds its libraries (the project's in the unpacked tree).
find "$root" -type f | while read -r f; do
	[ "$(head -c 4 "$f" | od -An -c | tr -d ' ')" = 177ELF ] && echo "$f"
done >"$T/elves"
: >"$T/ldd"
while read -r f; do
	LD_LIBRARY_PATH=$root/usr/lib/x86_64-linux-gnu ldd "$f" 2>&1 | grep 'not found' | sed "s#^#$f: #" >>"$T/ldd"
done <"$T/elves"
[ -s "$T/elves" ] && ! [ -s "$T/ldd" ] && ok "every ELF file finds its libraries ($(wc -l <"$T/elves") files)" ||
	{ not_ok "ELF files with a library not found"; diag "$T/ldd"; }
LD_LIBRARY_PATH= ldd "$root/usr/bin/trusted-for" | grep -q 'libtrustedfor.so.1 => not found' &&
	ok "trusted-for has no RUNPATH into the build tree (finds the library only where it is installed)" ||
	not_ok "trusted-for finds libtrustedfor outside the system's directories"

# No path of this checkout anywhere.
grep -rl --binary-files=text -F "$top/" "$root" >"$T/paths" 2>/dev/null
[ -s "$T/paths" ] && { not_ok "no file names the checkout ($top)"; diag "$T/paths"; } || ok "no file names the checkout ($top)"

# Each packaged interpreter carries the library's mark.
cli=$root/usr/bin/trusted-for
set -- "$root/$LIBBIN/dash" "$root/$LIBBIN/bash" "$root/$LIBBIN/busybox" "$root/$LIBBIN/tf-python3" \
	"$root/usr/lib/trusted-for/perl/bin/perl" "$root/$LIBBIN/mawk" "$root/$LIBBIN/tf-java" "$root/$LIBBIN/wineserver"
LD_LIBRARY_PATH=$root/usr/lib/x86_64-linux-gnu "$cli" interpreters --json "$@" >"$T/interp" 2>&1
st=$?
n_ok=$(grep -c '"enlightened": true' "$T/interp")
[ "$st" -eq 0 ] && [ "$n_ok" -eq $# ] && ok "trusted-for interpreters: all $# packaged interpreters enlightened" ||
	{ not_ok "trusted-for interpreters: $n_ok of $# enlightened (exit $st)"; diag "$T/interp"; }

# The real install and the switch, in a throwaway overlay.
host_div=$(dpkg-divert --list | sort | sha256sum)
host_files=$(for p in /bin/dash /bin/bash /usr/bin/perl /usr/bin/python3.11 /usr/bin/mawk; do stat -c '%i %a' "$p"; done | sha256sum)
if command -v unshare >/dev/null 2>&1 && unshare -m --propagation private true 2>/dev/null; then
	mkdir -p "$T/ns"
	tap_subtest "dpkg -i, trusted-for-divert enable/status/disable, dpkg -r (overlay namespace)" \
		unshare -m --propagation private "$top/pkg/tests/ns.sh" "$T/ns" $debs
else
	skip "install and switch in a mount namespace" "unshare -m not available"
fi
[ "$(dpkg-divert --list | sort | sha256sum)" = "$host_div" ] && ok "this host's diversions unchanged" || not_ok "THIS HOST's diversions changed"
[ "$(for p in /bin/dash /bin/bash /usr/bin/perl /usr/bin/python3.11 /usr/bin/mawk; do stat -c '%i %a' "$p"; done | sha256sum)" = "$host_files" ] &&
	[ ! -e /usr/lib/trusted-for ] && ok "this host's interpreters unchanged, no /usr/lib/trusted-for" || not_ok "THIS HOST's interpreters changed"

tap_end
