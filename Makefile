# SPDX-License-Identifier: GPL-2.0
#
# trusted-for: the few commands a user types.
#
#   make deps     install the Debian 12 packages everything needs (root)
#   make demo     build what is missing, boot the patched kernel, show the
#                 policy at work
#   make check    every test: series lint, kernel selftests in the guest,
#                 user space on the host and in the guest
#   make bench    benchmarks (ratios measured in one run)
#   make deb      the kernel and the user space as Debian packages, in
#                 build/deb (pkg/README.md, system/README.md)
#   make install  the library, the CLI, their man pages, the switch and the
#                 sysctl.d file (DESTDIR=..., PREFIX=/usr/local), for other
#                 distributions; make install-interpreters adds the
#                 enlightened interpreters under /usr/lib/trusted-for
#   make check-system  Debian 12 with systemd on the packaged kernel,
#                 fs.trust_policy=3 and the interpreters switched in, booted
#                 in QEMU (make check T=system; not in a plain make check:
#                 cold, it builds a second kernel); make demo-system tells it
#   make stress   a debug kernel (KASAN, lockdep, UBSAN) and a million
#                 trusted_for/AT_EXECVE_CHECK checks on descriptors that
#                 other threads close, dup2 over and reopen (STRESS_CHECKS=N)
#
# Everything is built under build/.

BUILD := build
export BUILD
include common.mk

KSRC := $(BUILD)/linux
KOUT := $(BUILD)/kernel
BZIMAGE := $(KOUT)/arch/x86/boot/bzImage
KSELFTESTS := $(BUILD)/selftests
# The debug guest: the same tree, plus kernel/config/debug.config.
KDEBUG_OUT := $(BUILD)/kernel-debug
KDEBUG_BZIMAGE := $(KDEBUG_OUT)/arch/x86/boot/bzImage
STRESS := $(BUILD)/stress/stress
STRESS_CHECKS := 1000000
# The short run of the kernel-debug step of make check.
STRESS_CHECKS_SHORT := 30000
RESULTS := $(BUILD)/results
VM := kernel/vm/run.sh

# What a fresh Debian 12 machine needs, for every target, beyond its
# essential packages (debootstrap --variant=minbase): the commands the
# tests run are in tests/deps.sh, which `make check` runs first.
DEBIAN_PACKAGES := build-essential make binutils pkg-config bc bison flex libelf-dev \
	libssl-dev cpio rsync xz-utils kmod linux-source-6.12 ccache sparse \
	gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu qemu-system-x86 \
	busybox-static util-linux mount procps file libcap2-bin acl groff man-db \
	perl python3 python3-ply python3-git git
# Deferred: each integration's .mk adds its own below.
ALL_DEBIAN_PACKAGES = $(DEBIAN_PACKAGES) $(INTEGRATION_DEBIAN_PACKAGES)

.PHONY: all deps demo check bench clean help \
	kernel kernel-tree kernel-tree-reset kernel-series kselftests \
	kernel-debug stress check-kernel-debug \
	check-kernel-lint check-kernel-vm check-userspace-all check-bypass \
	$(addprefix check-part-,deps kernel-lint kernel-vm userspace)

all: kernel kselftests userspace

help:
	@sed -n '1,/^$$/s/^#   //p' Makefile

# linux-source-6.12 is only in bookworm-security, which debootstrap leaves
# out of a new system's sources: add it when apt cannot find the package.
DEPS_SECURITY_LIST := /etc/apt/sources.list.d/trusted-for-security.sources

deps:
	apt-get update -q
	@apt-cache show linux-source-6.12 >/dev/null 2>&1 || { \
		echo "make deps: linux-source-6.12 is in bookworm-security, missing from apt's sources: adding $(DEPS_SECURITY_LIST)"; \
		printf '%s\n' '# Added by trusted-for (make deps): linux-source-6.12.' \
			'Types: deb' 'URIs: http://deb.debian.org/debian-security' \
			'Suites: bookworm-security' 'Components: main' \
			'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg' \
			>$(DEPS_SECURITY_LIST) && apt-get update -q; }
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends $(sort $(ALL_DEBIAN_PACKAGES))

# --- the kernel series -------------------------------------------------

# An editable git tree of Debian's linux-source-6.12 plus kernel/patches.
kernel-tree:
	@kernel/scripts/tree.sh ensure $(KSRC)

# Throw the tree away and make it again from the tarball and the series.
kernel-tree-reset:
	rm -rf $(KSRC)
	@kernel/scripts/tree.sh tree $(KSRC)

# Write the commits of the tree back to kernel/patches.
kernel-series:
	@kernel/scripts/tree.sh series $(KSRC)

kernel: kernel-tree
	@kernel/scripts/build.sh $(KSRC) $(KOUT)

# The selftests of the series, built against the headers of the series.
kselftests: kernel
	@$(MAKE) -s -C $(KSRC) O=$(CURDIR)/$(KOUT) headers_install >/dev/null
	@mkdir -p $(KSELFTESTS)
	@$(MAKE) -s -C $(KSRC)/tools/testing/selftests/interpreter \
		OUTPUT=$(CURDIR)/$(KSELFTESTS) \
		KHDR_INCLUDES="-isystem $(CURDIR)/$(KOUT)/usr/include"

# The debug kernel (KASAN, lockdep, DEBUG_ATOMIC_SLEEP, UBSAN), in its
# own folder; the normal kernel's build and configuration are untouched.
kernel-debug: kernel-tree
	@kernel/scripts/build.sh $(KSRC) $(KDEBUG_OUT) kernel/config/debug.config

# The stress program of the debug kernel (tests/stress/stress.c).
$(STRESS): tests/stress/stress.c common.mk
	@mkdir -p $(dir $@)
	$(TF_CC) $(TF_CFLAGS) -pthread -o $@ $<

# The long run: STRESS_CHECKS checks on the debug kernel, its console
# checked for any splat.
stress: kernel-debug $(STRESS)
	@kernel/vm/debug-run.sh -t 3600 $(KDEBUG_BZIMAGE) $(STRESS) $(STRESS_CHECKS)

# --- user space --------------------------------------------------------

-include userspace.mk

# --- interpreters ------------------------------------------------------
#
# An integration is a folder NAME/ with a NAME/NAME.mk, found here without
# a list to edit.  Its .mk registers itself and defines (see HACKING.md):
#   INTEGRATIONS += NAME
#   INTEGRATION_DEBIAN_PACKAGES += ...   what `make deps` installs for it
#   NAME                                 build it
#   check-NAME                           its tests: TAP on stdout, non-zero
#                                        on failure
#   bench-NAME                           its benchmarks: ratios measured in
#                                        one run
# bench/bench.mk is found the same way and registers nothing.

INTEGRATIONS :=
INTEGRATION_DEBIAN_PACKAGES :=
include $(foreach d,$(filter-out $(BUILD)/,$(wildcard */)),$(wildcard $(d)$(d:/=).mk))

# --- packages and install ----------------------------------------------
# deb-userspace and check-deb: pkg/pkg.mk; deb-kernel: system/system.mk.

.PHONY: deb install
deb: deb-userspace deb-kernel

install: install-userspace

# --- demo --------------------------------------------------------------

demo: kernel userspace $(INTEGRATIONS)
	@$(VM) kernel/vm/demo.sh

# --- tests -------------------------------------------------------------
#
# Each part writes TAP to $(RESULTS)/STEP.tap and never stops the others;
# tests/report.sh counts them and fails if anything failed.
#   make check                  every part
#   make check T="PART..."      only these parts, e.g. T=bypass or
#                               T="userspace shells"; parts: $(CHECK_PARTS),
#                               and $(CHECK_EXTRA_PARTS) (only when named)
#
# system (make check-system) is not in the default list: warm it takes two
# minutes, but on a fresh machine it first builds a second kernel as
# packages (24 minutes here), the packaging perl and a debootstrap'd
# Debian (4.5 minutes, network), which would take a cold make check well
# past CI's limit.

CHECK_PARTS = deps kernel-lint kernel-vm userspace $(INTEGRATIONS) bypass bench
CHECK_EXTRA_PARTS = system
# T from the command line only: an exported T of the user's shell is not
# a request.
CHECK_T = $(if $(filter command line,$(origin T)),$(T),$(CHECK_PARTS))

check:
	@for t in $(CHECK_T); do \
		case " $(CHECK_PARTS) $(CHECK_EXTRA_PARTS) " in *" $$t "*) ;; \
		*) echo "make check: no part '$$t' (parts: $(CHECK_PARTS) $(CHECK_EXTRA_PARTS))" >&2; exit 2 ;; \
		esac; \
	done
	@rm -rf $(RESULTS) && mkdir -p $(RESULTS)
	-@for t in $(CHECK_T); do \
		$(MAKE) --no-print-directory check-part-$$t; \
	done
	@tests/report.sh $(RESULTS)

check-part-deps:
	-@$(STEP) deps env TF_DEPS_PACKAGES="$(sort $(ALL_DEBIAN_PACKAGES))" tests/deps.sh
check-part-kernel-lint: check-kernel-lint
check-part-kernel-vm: check-kernel-vm
check-part-userspace: check-userspace-all
# An integration, and the bypass suite: one step each.
check-part-%:
	-@$(STEP) $* $(MAKE) -s --no-print-directory check-$*

STEP := tests/step.sh $(RESULTS)

# checkpatch, sparse, W=1, the i386 and arm64 wiring.
check-kernel-lint: kernel
	@$(STEP) kernel-lint kernel/scripts/lint.sh $(KSRC) $(BUILD)/lint

# The harness itself (it must be able to fail), the kselftests of the
# series in the guest, then the same selftests on a kernel with known
# mistakes, which they must catch.
check-kernel-vm: kernel kselftests
	-@$(STEP) vm-harness kernel/vm/harness-test.sh
	-@$(STEP) kselftests $(VM) kernel/vm/kselftests.sh $(CURDIR)/$(KSELFTESTS)
	-@$(STEP) kernel-debug $(MAKE) -s --no-print-directory check-kernel-debug
	@$(STEP) kernel-mutants kernel/scripts/mutants.sh $(KSRC) $(KSELFTESTS)

# The selftests and a short stress run on the debug kernel, its console
# checked for KASAN, lockdep, UBSAN, BUG and WARNING reports.
check-kernel-debug: kernel-debug kselftests $(STRESS)
	@kernel/vm/debug-run.sh -t 1200 -s $(CURDIR)/$(KSELFTESTS) \
		$(KDEBUG_BZIMAGE) $(STRESS) $(STRESS_CHECKS_SHORT)

# The library and the CLI: on the host (AT_EXECVE_CHECK and securebits),
# plain and with ASan+UBSan, then in the guest under each fs.trust_policy.
check-userspace-all: userspace kernel
	-@$(STEP) userspace-host $(MAKE) -s --no-print-directory check-userspace
	@$(STEP) userspace-guest $(VM) tests/userspace/guest.sh

# Every route around the policy that we know of, per interpreter, on the
# host (exec securebits) and in the guest (fs.trust_policy): tests/bypass.
check-bypass: kernel userspace $(INTEGRATIONS)
	@tests/bypass/check.sh

# Each integration's output is kept for the table (bench/report.sh).
bench: kernel userspace
	@$(MAKE) -s --no-print-directory bench-kernel
	@mkdir -p $(BENCH_OUT)/e2e
	@for i in $(INTEGRATIONS); do \
		$(MAKE) -s --no-print-directory bench-$$i >$(BENCH_OUT)/e2e/$$i.log 2>&1; \
		s=$$?; cat $(BENCH_OUT)/e2e/$$i.log; [ $$s -eq 0 ] || exit 1; \
	done
	@$(MAKE) -s --no-print-directory bench-report

clean:
	rm -rf $(BUILD)
