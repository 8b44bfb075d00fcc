#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Make the user space's Debian packages from what the build left under
# build/ (pkg/pkg.mk builds it first): stage each package's tree under
# $PKG_OUT/stage/NAME, compute its Depends with dpkg-shlibdeps, and write
# NAME_VERSION_amd64.deb into $DEB_OUT with dpkg-deb (files owned by root,
# no fakeroot needed).
#
#   debs.sh [PACKAGE...]      default: every package (see PACKAGES below)
#
# The interpreters are installed beside the system's, under
# /usr/lib/trusted-for; trusted-for-divert(8) switches them in.

set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
BUILD=${BUILD:-build}
PKG_OUT=${PKG_OUT:-$BUILD/pkg}
case $PKG_OUT in "$top"/*) PKG_OUT=${PKG_OUT#"$top"/} ;; /*) echo "debs.sh: PKG_OUT must be inside $top" >&2; exit 2 ;; esac
DEB_OUT=${DEB_OUT:-$BUILD/deb}
version=$(cat VERSION)
arch=amd64
triplet=x86_64-linux-gnu
maint="trusted-for maintainers <maintainers@users.noreply.r-seed-dbcf366b.example>"
libdir=usr/lib/$triplet
tfdir=usr/lib/trusted-for
US=$BUILD/userspace
stage=$PKG_OUT/stage
files=pkg/files
PACKAGES="libtrustedfor1 libtrustedfor-dev trusted-for trusted-for-shells
trusted-for-python3 trusted-for-perl trusted-for-mawk trusted-for-java
trusted-for-wine"
[ $# -gt 0 ] && PACKAGES=$*

die() { echo "debs.sh: $*" >&2; exit 1; }
need() { for f; do [ -e "$f" ] || die "$f missing (make deb-userspace builds it)"; done; }

# Executables and libraries ship without their debugging data; strip keeps
# the SHT_NOTE section of the library's mark (trusted-for interpreters).
strip_elf() {
	strip --strip-unneeded --remove-section=.comment --remove-section=.note "$@"
}

man_gz() {	# man_gz ROOT FILE...
	r=$1; shift
	for m; do
		s=${m##*.}
		install -d "$r/usr/share/man/man$s"
		gzip -9n <"$m" >"$r/usr/share/man/man$s/$(basename "$m").gz"
		chmod 0644 "$r/usr/share/man/man$s/$(basename "$m").gz"
	done
}

# start NAME: an empty tree with the copyright and the changelog.
start() {
	r=$stage/$1
	rm -rf "$r"
	install -d "$r/DEBIAN" "$r/usr/share/doc/$1"
	install -m 0644 $files/copyright "$r/usr/share/doc/$1/copyright"
	{
		echo "trusted-for ($version) unstable; urgency=medium"
		echo
		echo "  * Release $version of trusted-for, built from the repository."
		echo
		echo " -- $maint  $(date -R -d "@$(git log -1 --format=%ct 2>/dev/null || date +%s)")"
	} | gzip -9n >"$r/usr/share/doc/$1/changelog.gz"
	chmod 0644 "$r/usr/share/doc/$1/changelog.gz"
	if [ -f "pkg/lintian/$1" ]; then
		install -d "$r/usr/share/lintian/overrides"
		install -m 0644 "pkg/lintian/$1" "$r/usr/share/lintian/overrides/$1"
	fi
}

# shlibdeps NAME [DPKG-SHLIBDEPS OPTIONS]: the Depends its ELF files need.
shlibdeps() {
	r=$stage/$1; shift
	elves=$(find "$r" -path "$r/DEBIAN" -prune -o -type f -print |
		while read -r f; do
			case $(head -c 4 "$f" | od -An -c | tr -d ' ') in
			177ELF) echo "$f" ;;
			esac
		done)
	[ -n "$elves" ] || return 0
	w=$top/$PKG_OUT/shlibdeps
	rm -rf "$w" && mkdir -p "$w/debian"
	printf 'Source: trusted-for\n\nPackage: x\nArchitecture: any\n' >"$w/debian/control"
	abs_elves=$(for e in $elves; do case $e in /*) echo "$e" ;; *) echo "$top/$e" ;; esac; done)
	(cd "$w" && dpkg-shlibdeps -O -e $abs_elves "$@" 2>"$w/err") |
		sed -n 's/^shlibs:Depends=//p'
	if grep -v 'warning: binaries to analyze should already be' "$w/err" | grep -q .; then
		cat "$w/err" >&2
	fi
}

# finish NAME SECTION "DEPENDS" "SUMMARY" "DESCRIPTION" [EXTRA FIELDS]
finish() {
	name=$1 section=$2 depends=$3 summary=$4 desc=$5
	shift 5
	r=$stage/$name
	# dpkg-deb keeps modes; directories 0755, no group/other write.
	find "$r" -type d -exec chmod 0755 {} +
	size=$(du -k -s --apparent-size --exclude=DEBIAN "$r" | cut -f1)
	{
		echo "Package: $name"
		echo "Source: trusted-for"
		echo "Version: $version"
		echo "Architecture: $arch"
		echo "Maintainer: $maint"
		echo "Installed-Size: $size"
		[ -z "$depends" ] || echo "Depends: $depends"
		for f; do echo "$f"; done
		echo "Section: $section"
		echo "Priority: optional"
		echo "Description: $summary"
		printf '%s\n' "$desc" | fold -s -w 72 | sed -e 's/ *$//' -e 's/^/ /' -e 's/^ $/ ./'
	} >"$r/DEBIAN/control"
	if [ -d "$r/etc" ]; then
		find "$r/etc" -type f | sed "s#^$r##" >"$r/DEBIAN/conffiles"
	fi
	(cd "$r" && find . -path ./DEBIAN -prune -o -type f -print0 | sort -z |
		xargs -0 -r md5sum | sed 's#  \./#  #') >"$r/DEBIAN/md5sums"
	chmod 0644 "$r/DEBIAN/control" "$r/DEBIAN/md5sums"
	mkdir -p "$DEB_OUT"
	dpkg-deb --root-owner-group -Zxz --build "$r" "$DEB_OUT/${name}_${version}_$arch.deb" >/dev/null
	echo "built $DEB_OUT/${name}_${version}_$arch.deb"
}

# An interpreter package takes its diversions back before it goes.
interp_scripts() {	# interp_scripts NAME SWITCH-NAMES
	r=$stage/$1
	cat >"$r/DEBIAN/prerm" <<PRERM
#!/bin/sh
# Put the system's interpreters back before the enlightened ones go away:
# a diversion left pointing to a removed file would leave no $2.
set -e
if [ "\$1" = remove ] && command -v trusted-for-divert >/dev/null 2>&1; then
	trusted-for-divert disable $2
fi
PRERM
	chmod 0755 "$r/DEBIAN/prerm"
}

SHLIBS_LOCAL=$PKG_OUT/shlibs.local
mkdir -p "$PKG_OUT"
echo "libtrustedfor $(echo "$version" | cut -d. -f1) libtrustedfor1 (>= $version)" >"$SHLIBS_LOCAL"

desc_common="trusted-for lets an interpreter ask the kernel whether it may run code read from a file descriptor: the trusted_for(2) system call with the fs.trust_policy sysctl of the trusted-for kernel series, or mainline's AT_EXECVE_CHECK with the exec securebits."

build_one() {
case $1 in
libtrustedfor1)
	need $US/lib/libtrustedfor.so.$version
	start $1
	r=$stage/$1
	install -d "$r/$libdir"
	install -m 0644 $US/lib/libtrustedfor.so.$version "$r/$libdir/"
	strip_elf "$r/$libdir/libtrustedfor.so.$version"
	ln -s libtrustedfor.so.$version "$r/$libdir/libtrustedfor.so.1"
	cp "$SHLIBS_LOCAL" "$r/DEBIAN/shlibs"
	printf 'activate-noawait ldconfig\n' >"$r/DEBIAN/triggers"
	chmod 0644 "$r/DEBIAN/shlibs" "$r/DEBIAN/triggers"
	finish $1 libs "$(shlibdeps $1)" \
		"library to ask the kernel whether code may run" \
		"$desc_common

This package holds the shared library libtrustedfor, which interpreters link to check each script, module or inline program before they run it." \
		"Multi-Arch: same"
	;;
libtrustedfor-dev)
	need $US/include/trusted-for.h $US/lib/libtrustedfor.a $US/man/trusted_for.2 $US/man/libtrustedfor.3
	start $1
	r=$stage/$1
	install -d "$r/$libdir/pkgconfig" "$r/usr/include"
	install -m 0644 $US/include/trusted-for.h "$r/usr/include/"
	install -m 0644 $US/lib/libtrustedfor.a "$r/$libdir/"
	strip --strip-debug "$r/$libdir/libtrustedfor.a"
	ln -s libtrustedfor.so.1 "$r/$libdir/libtrustedfor.so"
	sed -e 's|@PREFIX@|/usr|' -e "s|@LIBDIR@|\${prefix}/lib/$triplet|" \
		-e 's|@INCLUDEDIR@|${prefix}/include|' -e "s|@VERSION@|$version|" \
		lib/libtrustedfor.pc.in >"$r/$libdir/pkgconfig/libtrustedfor.pc"
	chmod 0644 "$r/$libdir/pkgconfig/libtrustedfor.pc"
	man_gz "$r" $US/man/trusted_for.2 $US/man/libtrustedfor.3
	finish $1 libdevel "libtrustedfor1 (= $version)" \
		"library to ask the kernel whether code may run (development files)" \
		"$desc_common

This package holds the header <trusted-for.h>, the static library, the pkg-config file and the manual pages trusted_for(2) and libtrustedfor(3)." \
		"Multi-Arch: same"
	;;
trusted-for)
	need $PKG_OUT/cli/trusted-for $US/man/trusted-for.1 $US/man/trusted-for-divert.8 \
		$US/man/trusted-for-mark-code.8
	start $1
	r=$stage/$1
	install -d "$r/usr/bin" "$r/usr/sbin" "$r/etc/sysctl.d" "$r/usr/share/doc/$1/examples"
	install -m 0755 $PKG_OUT/cli/trusted-for "$r/usr/bin/"
	strip_elf "$r/usr/bin/trusted-for"
	install -m 0755 $files/trusted-for-divert $files/trusted-for-mark-code "$r/usr/sbin/"
	install -m 0644 $files/60-trusted-for.conf "$r/etc/sysctl.d/"
	install -m 0644 $files/tf-script-service.conf $files/tf-securebits.conf \
		$files/99trusted-for-mark-code "$r/usr/share/doc/$1/examples/"
	gzip -9n <README.md >"$r/usr/share/doc/$1/README.md.gz"
	gzip -9n <SECURITY.md >"$r/usr/share/doc/$1/SECURITY.md.gz"
	chmod 0644 "$r/usr/share/doc/$1/"*.gz
	man_gz "$r" $US/man/trusted-for.1 $US/man/trusted-for-divert.8 \
		$US/man/trusted-for-mark-code.8
	cat >"$r/DEBIAN/prerm" <<'PRERM'
#!/bin/sh
# The switch goes with this package: put every system interpreter back.
set -e
if [ "$1" = remove ] && command -v trusted-for-divert >/dev/null 2>&1; then
	trusted-for-divert disable sh dash bash perl perl5 libperl python3 mawk awk wineserver 2>/dev/null || true
fi
PRERM
	chmod 0755 "$r/DEBIAN/prerm"
	finish $1 admin "$(shlibdeps $1 -L"$top/$SHLIBS_LOCAL" -l"$top/$stage/libtrustedfor1/$libdir")" \
		"tell and control which code interpreters may run" \
		"$desc_common

This package holds the trusted-for command (status, policy, check, scan, run, interpreters), the switch trusted-for-divert that makes the enlightened interpreters the system's through dpkg-divert, trusted-for-mark-code that gives the x bit to the code files Debian ships without one (with an example apt hook), a sysctl.d file for fs.trust_policy (shipped disabled) and example systemd drop-ins."
	;;
trusted-for-shells)
	need $BUILD/shells/bin/dash $BUILD/shells/bin/bash $BUILD/shells/bin/busybox
	start $1
	r=$stage/$1
	install -d "$r/$tfdir/bin" "$r/$tfdir/busybox"
	for s in dash bash busybox; do
		install -m 0755 $BUILD/shells/bin/$s "$r/$tfdir/bin/"
		strip_elf "$r/$tfdir/bin/$s"
	done
	for a in ash hush awk; do
		ln -s ../bin/busybox "$r/$tfdir/busybox/$a"
	done
	interp_scripts $1 "sh dash bash"
	finish $1 shells "$(shlibdeps $1), trusted-for (= $version)" \
		"enlightened dash, bash and busybox shells" \
		"$desc_common

Debian's dash, bash and busybox (ash, hush, awk) with the trusted-for patches: every script they read is checked first. Installed under /usr/lib/trusted-for (busybox's applets under /usr/lib/trusted-for/busybox), beside the system's shells; trusted-for-divert makes them /bin/sh, /bin/dash and /bin/bash."
	;;
trusted-for-python3)
	need $BUILD/python/bin/tf-python3
	start $1
	r=$stage/$1
	install -d "$r/$tfdir/bin"
	install -m 0755 $BUILD/python/bin/tf-python3 "$r/$tfdir/bin/"
	strip_elf "$r/$tfdir/bin/tf-python3"
	ln -s tf-python3 "$r/$tfdir/bin/python3"
	# The launcher embeds the core of libpython3.11 (static) and runs
	# Debian's standard library: the same upstream release.
	pyv=$(dpkg-query -W -f '${Version}' libpython3.11-dev)
	pyup=${pyv%%-*}
	pynext=${pyup%.*}.$((${pyup##*.} + 1))
	interp_scripts $1 "python3"
	finish $1 python "$(shlibdeps $1), libpython3.11-stdlib (>= $pyv), libpython3.11-stdlib (<< $pynext~), trusted-for (= $version)" \
		"enlightened Python 3.11 (tf-python3)" \
		"$desc_common

tf-python3 is CPython 3.11 with an open-code hook that checks every script and module it imports, and runs Debian's standard library. Installed as /usr/lib/trusted-for/bin/tf-python3; trusted-for-divert makes it /usr/bin/python3.11 (and so python3)."
	;;
trusted-for-perl)
	pstage=$PKG_OUT/perl/stage
	need $pstage/$tfdir/perl/bin/perl
	start $1
	r=$stage/$1
	install -d "$r/$tfdir/bin"
	cp -a $pstage/$tfdir/perl "$r/$tfdir/"
	find "$r/$tfdir/perl" \( -name perllocal.pod -o -name .packlist \) -delete
	# Only the interpreter: perl's tools (perldoc, cpan, ...) are Debian's,
	# run by /usr/bin/perl, whichever perl that is.
	find "$r/$tfdir/perl/bin" -mindepth 1 ! -name perl -delete
	# perl's manual (pod/, 9 MB) is documentation, Debian's perl-doc has it.
	rm -rf "$r/$tfdir/perl/lib/5.36.0/pod"
	# Read-only files as Debian ships them: 0644, and 0755 with an x bit.
	find "$r/$tfdir/perl" -type f -perm -0100 -exec chmod 0755 {} +
	find "$r/$tfdir/perl" -type f ! -perm -0100 -exec chmod 0644 {} +
	strip_elf "$r/$tfdir/perl/bin/perl"
	find "$r/$tfdir/perl/lib" -name '*.so' -exec strip --strip-unneeded --remove-section=.comment --remove-section=.note {} +
	find "$r/$tfdir/perl" -name '*.a' -exec strip --strip-debug {} +
	ln -s ../perl/bin/perl "$r/$tfdir/bin/perl"
	# %Config as installed: the library from libtrustedfor-dev, the header
	# in /usr/include, gcc without the build's ccache (what ExtUtils
	# builds a module or an embedding program with).
	for c in $(find "$r/$tfdir/perl/lib" -name 'Config.pm' -o -name 'Config_heavy.pl'); do
		sed -i -e "s# -I$top/$US/include##g" -e "s#-I$top/$US/include##g" \
			-e "s#$top/$US/lib/libtrustedfor.a#/$libdir/libtrustedfor.a#g" \
			-e "s#ccache gcc#gcc#g" "$c"
	done
	interp_scripts $1 "perl perl5 libperl"
	finish $1 perl "$(shlibdeps $1), trusted-for (= $version)" \
		"enlightened Perl 5.36" \
		"$desc_common

Debian's perl 5.36 with the trusted-for patches: every script, module and -e program is checked first. Installed under /usr/lib/trusted-for/perl with its own core modules (mode 0755: the file-permission rule needs the x bit), finding Debian's modules in /usr/share/perl5 and /usr/lib/$triplet/perl5/5.36 as well; trusted-for-divert makes it /usr/bin/perl." \
		"Suggests: libtrustedfor-dev"
	;;
trusted-for-mawk)
	need $BUILD/mawk/bin/mawk
	start $1
	r=$stage/$1
	install -d "$r/$tfdir/bin"
	install -m 0755 $BUILD/mawk/bin/mawk "$r/$tfdir/bin/"
	strip_elf "$r/$tfdir/bin/mawk"
	ln -s mawk "$r/$tfdir/bin/awk"
	interp_scripts $1 "awk mawk"
	finish $1 interpreters "$(shlibdeps $1), trusted-for (= $version)" \
		"enlightened mawk" \
		"$desc_common

Debian's mawk with the trusted-for patches: each program file (-f) is checked first. Installed as /usr/lib/trusted-for/bin/mawk; trusted-for-divert makes it /usr/bin/mawk (and so awk)."
	;;
trusted-for-java)
	need $BUILD/java/bin/tf-java
	start $1
	r=$stage/$1
	install -d "$r/$tfdir/bin"
	install -m 0755 $BUILD/java/bin/tf-java "$r/$tfdir/bin/"
	strip_elf "$r/$tfdir/bin/tf-java"
	finish $1 java "$(shlibdeps $1), openjdk-17-jre-headless, trusted-for (= $version)" \
		"enlightened Java launcher for OpenJDK 17 (tf-java)" \
		"$desc_common

tf-java starts Debian's OpenJDK 17 and checks every class, JAR, source file, agent and native library before the JVM runs it. Installed as /usr/lib/trusted-for/bin/tf-java; it is not switched in for java."
	;;
trusted-for-wine)
	need $BUILD/wine/bin/wineserver
	start $1
	r=$stage/$1
	install -d "$r/$tfdir/bin"
	install -m 0755 $BUILD/wine/bin/wineserver "$r/$tfdir/bin/"
	strip_elf "$r/$tfdir/bin/wineserver"
	interp_scripts $1 "wineserver"
	# The protocol of client and server must match: Wine 8.0 only.
	finish $1 otherosfs "$(shlibdeps $1), wine64 (>= 8.0~), wine64 (<< 8.0.1~), trusted-for (= $version)" \
		"enlightened wineserver for Wine 8.0" \
		"$desc_common

Debian's wineserver 8.0 with the trusted-for patch: it maps a Windows program or library only from a file the policy trusts. Installed as /usr/lib/trusted-for/bin/wineserver; trusted-for-divert makes it /usr/lib/wine/wineserver64."
	;;
*) die "unknown package $1" ;;
esac
}

for p in $PACKAGES; do
	build_one "$p"
done
