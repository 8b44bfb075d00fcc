#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Run COMMAND with Debian's Wine and the patched wineserver, in a private
# mount namespace, without touching the system's Wine:
#
#   ns.sh COMMAND [ARG...]
#
#  - the patched server ($WINE_SERVER, default build/wine/bin/wineserver)
#    is bind-mounted over Debian's /usr/lib/wine/wineserver64, the one
#    wine64 starts (WINESERVER would not do: wine64 tries the server of its
#    own directory first, wine/README.md);
#  - Wine's PE files (/usr/lib/x86_64-linux-gnu/wine/x86_64-windows) get
#    the x bit through an overlay (metacopy: no data is copied), as an
#    administrator gives them under a policy that asks for it; where the
#    kernel has no overlayfs (the guest), they do not, and TF_WINE_XBIT=0
#    says so to COMMAND;
#  - WINEPREFIX is $WINE_PREFIX (default build/wine/prefix: in the guest,
#    the host's, read-only), made once here by Debian's Wine without a
#    policy (fs.trust_policy 0 for that time in the guest), its PE files
#    given the x bit the same way;
#  - WINEDEBUG=-all, no Mono or Gecko, no display.
# Needs root.  Exit status: COMMAND's; 77 (after a TAP line "1..0 # SKIP
# REASON" on stdout) when
# Wine cannot run here; 1 when the set-up fails (a line saying why).

set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
WINE_SERVER=${WINE_SERVER:-$top/build/wine/bin/wineserver}
WINE_PE=${WINE_PE:-$top/build/wine/pe}
WINE64=/usr/lib/wine/wine64
SYSTEM_SERVER=/usr/lib/wine/wineserver64
WINE_DLLS=/usr/lib/x86_64-linux-gnu/wine/x86_64-windows
SYSCTL=/proc/sys/fs/trust_policy
WINE_PREFIX=${WINE_PREFIX:-$top/build/wine/prefix}

fail() {
	echo "ns.sh: $*" >&2
	exit 1
}
[ $# -ge 1 ] || { echo "usage: ns.sh COMMAND [ARG...]" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || fail "needs root (mounts)"
[ -x "$WINE_SERVER" ] || fail "$WINE_SERVER is not built (make wine)"
[ -f "$WINE_PE/tfexe.exe" ] || fail "$WINE_PE/tfexe.exe is not built (make wine)"
[ -x "$WINE64" ] && [ -x "$SYSTEM_SERVER" ] && [ -d "$WINE_DLLS" ] ||
	fail "Debian's Wine is not installed (make deps: wine64)"

if [ -z "${TF_WINE_NS:-}" ]; then
	TF_WINE_NS=1 exec unshare -m --propagation unchanged sh "$0" "$@"
fi
unset TF_WINE_NS
mount --make-rprivate / && mount --bind "$WINE_SERVER" "$SYSTEM_SERVER" ||
	fail "cannot bind-mount $WINE_SERVER over $SYSTEM_SERVER"
cmp -s "$WINE_SERVER" "$SYSTEM_SERVER" || fail "$SYSTEM_SERVER is not the patched server"
ov=$(mktemp -d /tmp/tf-wine-ov.XXXXXX) &&
	mount -t tmpfs -o mode=0700 tf-wine-ov "$ov" &&
	mkdir "$ov/upper" "$ov/work" ||
	fail "cannot mount a tmpfs on $ov"
# Without overlayfs (the guest's kernel), Wine's PE files keep their mode
# 0644: TF_WINE_XBIT=0 tells the caller, which must then skip what asks
# for an x bit.
export TF_WINE_XBIT=1
if ! grep -qw overlay /proc/filesystems; then
	TF_WINE_XBIT=0
else
	mount -t overlay \
		-o "lowerdir=$WINE_DLLS,upperdir=$ov/upper,workdir=$ov/work,metacopy=on" \
		tf-wine-dlls "$WINE_DLLS" &&
		chmod a+x "$WINE_DLLS"/* ||
		fail "cannot give Wine's PE files the x bit (an overlay on $WINE_DLLS)"
fi
# The mounts are of this namespace only; they go with it.

export WINEPREFIX="$WINE_PREFIX" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
unset DISPLAY WAYLAND_DISPLAY WINESERVER WINELOADER
if ! [ -f "$WINE_PREFIX/.tf-ready" ]; then
	old=
	[ -e $SYSCTL ] && old=$(cat $SYSCTL) && echo 0 >$SYSCTL
	rm -rf "$WINE_PREFIX"
	mkdir -p "$(dirname "$WINE_PREFIX")"
	start=$(date +%s)
	log=$ov/prefix.log
	timeout 1200 "$WINE64" "$WINE_PE/tfexe.exe" >"$log" 2>&1
	rc=$?
	[ -n "$old" ] && echo "$old" >$SYSCTL
	if [ $rc -ne 0 ] || ! grep -q TFRAN "$log"; then
		echo "1..0 # SKIP Wine cannot run here (exit $rc): $(tail -3 "$log" | tr '\n' ' ')"
		exit 77
	fi
	# Its PE files (MZ), as Wine's own: the x bit.
	find "$WINE_PREFIX/drive_c/windows" -type f | while read -r f; do
		[ "$(head -c 2 "$f")" = MZ ] && chmod a+x "$f"
		:
	done
	touch "$WINE_PREFIX/.tf-ready"
	echo "# made the Wine prefix $WINE_PREFIX in $(($(date +%s) - start)) s" >&2
fi
# No server of this prefix left from before: the first client starts one.
"$SYSTEM_SERVER" -k >/dev/null 2>&1
"$SYSTEM_SERVER" -w >/dev/null 2>&1
exec "$@"
