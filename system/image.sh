#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Make the Debian 12 disk of the whole-system test.
#
#   image.sh OUT DEBDIR
#
# 1. OUT/base: `debootstrap --variant=minbase bookworm` with systemd, udev,
#    dbus, cron, perl and python3; remade only when that list changes.  It
#    needs the network: without it, exits 77 (a skip) and says so.
# 2. OUT/disk.raw: a copy of the base where dpkg installs the kernel package
#    and the user-space packages found in DEBDIR, `trusted-for-divert enable`
#    switches the enlightened interpreters in, /etc/sysctl.d sets
#    fs.trust_policy=3, /etc/fstab mounts /tmp, /dev/shm and /home noexec,
#    and the test (system/guest/) is installed; then mkfs.ext4 -d makes the
#    disk of it (no loop device).  Remade only when a package, a file of
#    system/ or the base changed.  The packaged kernel is copied to
#    OUT/vmlinuz; OUT/missing lists the user-space packages DEBDIR lacks.
#
# The chroot's /proc, /sys and /dev are unmounted on every exit.
# Exit codes: 0 made or up to date; 1 failure; 2 usage; 77 no network for
# debootstrap (or not root).

set -eu

[ $# -eq 2 ] || { echo "usage: $0 OUT DEBDIR" >&2; exit 2; }
top=$(cd "$(dirname "$0")/.." && pwd)
out=$(realpath -m "$1")
debdir=$(realpath -m "$2")
mirror=${TF_DEBIAN_MIRROR:-http://deb.debian.org/debian}
security=${TF_DEBIAN_SECURITY:-http://deb.debian.org/debian-security}
include=systemd-sysv,udev,dbus,cron,kmod,procps,perl,python3
# What the test installs from DEBDIR, in this order; the kernel is a must.
userspace=${TF_SYSTEM_PACKAGES:-libtrustedfor1 trusted-for trusted-for-shells trusted-for-perl trusted-for-python3 trusted-for-mawk}

[ "$(id -u)" -eq 0 ] || { echo "image.sh: SKIP: debootstrap and chroot need root" >&2; exit 77; }
for tool in debootstrap mkfs.ext4 dpkg-deb chroot; do
	command -v "$tool" >/dev/null 2>&1 ||
		{ echo "image.sh: $tool missing (run: make deps)" >&2; exit 1; }
done
mkdir -p "$out"

# ---- 1. the base system ------------------------------------------------

base_key="bookworm minbase $include $mirror $security, upgraded"
if [ "$(cat "$out/base.key" 2>/dev/null)" != "$base_key" ] || [ ! -d "$out/base" ]; then
	if ! python3 -c "import urllib.request; urllib.request.urlopen('$mirror/dists/bookworm/Release', timeout=20)" 2>/dev/null; then
		echo "image.sh: SKIP: $mirror is unreachable: debootstrap needs the network to make the Debian 12 base (once; it is kept in $out/base)" >&2
		exit 77
	fi
	echo "image.sh: debootstrap --variant=minbase bookworm into $out/base (a few minutes)" >&2
	rm -rf "$out/base.new" "$out/base.key"
	debootstrap --variant=minbase --include="$include" bookworm "$out/base.new" "$mirror" \
		>"$out/debootstrap.log" 2>&1 || {
		tail -n 20 "$out/debootstrap.log" >&2
		echo "image.sh: debootstrap failed, see $out/debootstrap.log" >&2
		exit 1
	}
	# The point releases and security updates, as on an installed system:
	# the packages of DEBDIR are built against the host's, which has them.
	cat >"$out/base.new/etc/apt/sources.list" <<-EOF
	deb $mirror bookworm main
	deb $mirror bookworm-updates main
	deb $security bookworm-security main
	EOF
	cp /etc/resolv.conf "$out/base.new/etc/resolv.conf"
	{
		chroot "$out/base.new" /usr/bin/env -i PATH=/usr/sbin:/usr/bin DEBIAN_FRONTEND=noninteractive \
			apt-get update -q &&
			chroot "$out/base.new" /usr/bin/env -i PATH=/usr/sbin:/usr/bin DEBIAN_FRONTEND=noninteractive \
				apt-get -y -q upgrade &&
			chroot "$out/base.new" apt-get clean
	} >>"$out/debootstrap.log" 2>&1 || {
		tail -n 20 "$out/debootstrap.log" >&2
		echo "image.sh: apt-get upgrade of the base failed, see $out/debootstrap.log" >&2
		exit 1
	}
	rm -f "$out/base.new/etc/resolv.conf"
	rm -rf "$out/base"
	mv "$out/base.new" "$out/base"
	echo "$base_key" >"$out/base.key"
fi

# ---- 2. the disk ---------------------------------------------------------

kdeb=
for f in "$debdir"/linux-image-*-trusted-for_*.deb; do
	case $f in *-dbg_*) ;; *) [ ! -f "$f" ] || kdeb=$f ;; esac
done
[ -n "$kdeb" ] || { echo "image.sh: no linux-image-*-trusted-for package in $debdir (run: make deb-kernel)" >&2; exit 1; }
debs=$kdeb
missing=
for p in $userspace; do
	f=$(ls "$debdir/${p}_"*.deb 2>/dev/null | tail -n 1 || true)
	if [ -n "$f" ]; then
		debs="$debs $f"
	else
		missing="$missing $p"
	fi
done

fixes=${TF_SYSTEM_FIXES:-1}
disk_key=$(
	echo "$base_key fixes=$fixes"
	# A package made again with the same files keeps the disk: its control
	# and md5sums, not its bytes (which hold times).
	for d in $debs; do
		echo "$(basename "$d")"
		dpkg-deb -I "$d" control md5sums 2>/dev/null | sha256sum
	done
	cd "$top" && find system/image.sh system/guest tests/lib/tap.sh -type f | sort | xargs sha256sum
)
if [ -f "$out/disk.raw" ] && [ -f "$out/vmlinuz" ] &&
	[ "$(cat "$out/disk.key" 2>/dev/null)" = "$disk_key" ]; then
	echo "image.sh: $out/disk.raw is up to date" >&2
	exit 0
fi

root=$out/root
mounted=
cleanup() {
	for m in $mounted; do
		umount -l "$root$m" 2>/dev/null || true
	done
	mounted=
}
trap cleanup EXIT
trap 'cleanup; exit 1' INT TERM HUP

rm -rf "$root" "$out/disk.raw" "$out/disk.key"
echo "image.sh: copying the base to $root" >&2
cp -a "$out/base" "$root"
mount -t proc proc "$root/proc" && mounted="/proc $mounted"
mount -t sysfs sysfs "$root/sys" && mounted="/sys $mounted"
mount --bind /dev "$root/dev" && mounted="/dev $mounted"
mount -t devpts -o newinstance devpts "$root/dev/pts" && mounted="/dev/pts $mounted"
cp /etc/resolv.conf "$root/etc/resolv.conf"
in_root() {
	chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
		DEBIAN_FRONTEND=noninteractive LC_ALL=C "$@"
}

# The packages, through dpkg; apt fetches what they depend on beyond the
# base (the network is there: the base was just made or is cached).
mkdir -p "$root/var/cache/tf-debs"
# shellcheck disable=SC2086
cp $debs "$root/var/cache/tf-debs/"
echo "image.sh: installing $(for d in $debs; do basename "$d"; done | tr '\n' ' ')" >&2
{
	# shellcheck disable=SC2046
	in_root dpkg -i $(for d in $debs; do echo "/var/cache/tf-debs/$(basename "$d")"; done) ||
		{ in_root apt-get update -q && in_root apt-get install -f -y -q --no-install-recommends; }
} >"$out/install.log" 2>&1 || {
	tail -n 30 "$out/install.log" >&2
	echo "image.sh: installing the packages failed, see $out/install.log" >&2
	exit 1
}
rm -rf "$root/var/cache/tf-debs"
printf "%s\n" $missing | sed "/^$/d" >"$out/missing"
mkdir -p "$root/usr/lib/trusted-for-system"
cp "$out/missing" "$root/usr/lib/trusted-for-system/missing"
if [ -n "$missing" ]; then
	echo "image.sh: NOT INSTALLED, missing from $debdir:$missing (run: make deb-userspace)" >&2
fi
if in_root sh -c 'command -v trusted-for-divert' >/dev/null 2>&1; then
	in_root trusted-for-divert enable >>"$out/install.log" 2>&1 || {
		tail -n 20 "$out/install.log" >&2
		echo "image.sh: trusted-for-divert enable failed, see $out/install.log" >&2
		exit 1
	}
	in_root trusted-for-divert status >"$out/divert-status" 2>&1 || true
fi

# The rollout's fixes (README, "The whole system"): what a Debian system
# needs to keep working under fs.trust_policy=3.  TF_SYSTEM_FIXES=0 makes
# the disk without them, to see what breaks.
if [ "$fixes" = 1 ]; then
	# The package's command and its example apt hook, as the README
	# tells an administrator to use them.
	cp "$root/usr/share/doc/trusted-for/examples/99trusted-for-mark-code" \
		"$root/etc/apt/apt.conf.d/99trusted-for-mark-code"
	in_root /usr/sbin/trusted-for-mark-code >>"$out/install.log" 2>&1 || {
		echo "image.sh: trusted-for-mark-code failed, see $out/install.log" >&2
		exit 1
	}
fi
echo "$fixes" >"$root/usr/lib/trusted-for-system/fixes"

# The policy at boot, the noexec mounts, a user, the test.
cat >"$root/etc/sysctl.d/99-trusted-for-system.conf" <<'EOF'
# The whole-system test: enforce both restrictions (noexec mounts and the
# x bit) from boot on.
fs.trust_policy = 3
EOF
cat >"$root/etc/fstab" <<'EOF'
# <file system> <mount point> <type> <options> <dump> <pass>
/dev/vda  /         ext4   defaults,errors=remount-ro   0 1
tmpfs     /tmp      tmpfs  nosuid,nodev,noexec,mode=1777  0 0
tmpfs     /dev/shm  tmpfs  nosuid,nodev,noexec          0 0
/home     /home     none   bind,nosuid,nodev,noexec     0 0
EOF
echo tf-system >"$root/etc/hostname"
printf '127.0.0.1 localhost\n127.0.1.1 tf-system\n' >"$root/etc/hosts"
in_root useradd -m -s /bin/bash tfuser
in_root passwd -d root >/dev/null
g=$root/usr/lib/trusted-for-system
install -m 0755 "$top/system/guest/guest-test.sh" "$top/system/guest/secure-job.sh" \
	"$top/system/guest/pipe-into" "$top/system/guest/hello.sh" "$g/"
# Sourced by the test: code, so executable (fs.trust_policy bit 2).
install -m 0755 "$top/tests/lib/tap.sh" "$g/tap.sh"
install -m 0644 "$top/system/guest/tf-system-test.service" "$top/system/guest/tf-secure.service" \
	"$root/etc/systemd/system/"
dpkg-deb --root-owner-group -Zxz --build "$top/system/guest/sample" "$g/tf-sample_1.0_all.deb" >/dev/null
in_root systemctl enable tf-system-test.service >/dev/null 2>&1
in_root apt-get clean
rm -f "$root/etc/resolv.conf"

vmlinuz=$(ls "$root"/boot/vmlinuz-*-trusted-for 2>/dev/null | tail -n 1 || true)
[ -n "$vmlinuz" ] || { echo "image.sh: the kernel package put no /boot/vmlinuz-*-trusted-for" >&2; exit 1; }
cp "$vmlinuz" "$out/vmlinuz"
cleanup

echo "image.sh: mkfs.ext4 -d $root $out/disk.raw" >&2
truncate -s 3G "$out/disk.raw.new"
mkfs.ext4 -q -F -L tf-system -d "$root" "$out/disk.raw.new" >/dev/null
mv "$out/disk.raw.new" "$out/disk.raw"
rm -rf "$root"
echo "$disk_key" >"$out/disk.key"
echo "image.sh: $out/disk.raw made ($(du -sh --apparent-size "$out/disk.raw" | cut -f1) apparent, $(du -sh "$out/disk.raw" | cut -f1) used)" >&2
