# SPDX-License-Identifier: GPL-2.0
#
# The whole system: the series' kernel as Debian packages, and a Debian 12
# system booted on it under the policy (system/README section of the top
# README, "The whole system").  Included by the top-level Makefile; not an
# integration (nothing here is a demo dependency).
#
#   make deb-kernel     linux-image (and linux-headers) -trusted-for
#                       packages in build/deb/, built by kbuild's bindeb-pkg
#                       in build/kernel-system
#   make check-system   debootstrap a Debian 12 disk (cached in
#                       build/system), install the packages with dpkg,
#                       switch the interpreters in, fs.trust_policy=3, boot
#                       it under QEMU with systemd as PID 1: TAP
#   make demo-system    the same boot, told for a human

SYSTEM_OUT := $(BUILD)/system
SYSTEM_KOUT := $(BUILD)/kernel-system
DEB_OUT := $(BUILD)/deb

# bindeb-pkg: dpkg-buildpackage (dpkg-dev) and dh_listpackages
# (debhelper); the image: debootstrap, mkfs.ext4 -d (e2fsprogs).
INTEGRATION_DEBIAN_PACKAGES += dpkg-dev debhelper debootstrap e2fsprogs

.PHONY: deb-kernel check-system demo-system check-part-system

deb-kernel: kernel-tree
	@system/build-kernel.sh $(KSRC) $(SYSTEM_KOUT) $(DEB_OUT)

# The user-space packages the test installs (not Java's nor Wine's: their
# runtimes would double the disk and the boot).
SYSTEM_PACKAGES := libtrustedfor1 trusted-for trusted-for-shells trusted-for-perl \
	trusted-for-python3 trusted-for-mawk

# The user-space packages: deb-userspace (pkg/), only these.
SYSTEM_USERSPACE = $(MAKE) -s --no-print-directory deb-userspace \
	PKG_PACKAGES="$(SYSTEM_PACKAGES)" >&2 || exit 1

SYSTEM_RUN = env TF_SYSTEM_PACKAGES="$(SYSTEM_PACKAGES)" system/check.sh

check-system: deb-kernel
	@$(SYSTEM_USERSPACE); $(SYSTEM_RUN) $(SYSTEM_OUT) $(DEB_OUT)

demo-system: deb-kernel
	@$(SYSTEM_USERSPACE); $(SYSTEM_RUN) -d $(SYSTEM_OUT) $(DEB_OUT)

# One step of make check (CHECK_PARTS): its own RESULTS/system.tap.  The
# packages are made inside the step, so that a failed build is a "not ok"
# of the report, and check.sh's exit 77 (no network for the first
# debootstrap) reaches tests/step.sh as a skip.
check-part-system:
	-@$(STEP) system sh -c '$(MAKE) -s --no-print-directory deb-kernel >&2 || exit 1; \
		$(SYSTEM_USERSPACE); exec $(SYSTEM_RUN) $(SYSTEM_OUT) $(DEB_OUT)'
