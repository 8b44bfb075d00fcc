# SPDX-License-Identifier: GPL-2.0
#
# The enlightened perl: Debian bookworm's perl 5.36 source package,
# patched (perl/patches) to check every code it reads with libtrustedfor,
# installed under build/perl (never over the system's perl).  Included by
# the top-level Makefile; see perl/README.md.
#
#   make perl               build build/perl/inst-tf/bin/perl
#   make check-perl         host tests (securebits) and guest tests
#                           (fs.trust_policy 0..3, with securebits): TAP
#   make check-perl-suites  perl's own tests (t/op t/comp t/run lib),
#                           patched vs unpatched: no new failure (long)
#   make bench-perl         a script loading 50 core modules, patched vs
#                           unpatched
#
# Every variable here starts with PL_.

PL_DIR := perl
PL_OUT := $(BUILD)/perl
PL_TF := $(PL_OUT)/inst-tf/bin/perl
PL_ORIG := $(PL_OUT)/inst-orig/bin/perl

# Sources (apt-get source, dpkg-source), perl's build (Configure, make),
# the tests' tools (a terminal and a memfd from python3, flock).
PERL_DEBIAN_PACKAGES := dpkg-dev patch make gcc libc6-dev ccache xz-utils \
	python3 util-linux
INTEGRATIONS += perl
INTEGRATION_DEBIAN_PACKAGES += $(PERL_DEBIAN_PACKAGES)

PL_DEPS := $(PL_DIR)/scripts/build.sh $(PL_DIR)/scripts/build-logged.sh \
	shells/scripts/fetch.sh shells/scripts/ccache.sh
# The guest part takes minutes under TCG: more than run.sh's default 900 s
# on a busy machine.
PL_ENV := env PL_PERL=$(abspath $(PL_TF)) PL_PERL_ORIG=$(abspath $(PL_ORIG)) \
	TF_VM_TIMEOUT=2400

.PHONY: perl perl-orig check-perl check-perl-host check-perl-guest \
	check-perl-suites bench-perl

perl: $(PL_TF)
perl-orig: $(PL_ORIG)

$(PL_TF): $(PL_DEPS) $(TF_LIB_A) $(TF_HEADER) $(wildcard $(PL_DIR)/patches/*.patch)
	@$(PL_DIR)/scripts/build-logged.sh tf $(PL_OUT)

$(PL_ORIG): $(PL_DEPS)
	@$(PL_DIR)/scripts/build-logged.sh orig $(PL_OUT)

# The guest needs the kernel of the series; build it if it is missing.
check-perl: userspace perl
	@test -r $(BZIMAGE) || $(MAKE) --no-print-directory kernel >&2
	@$(PL_ENV) tests/lib/host-guest.sh $(PL_DIR)/tests/run.sh

check-perl-host: userspace perl
	@$(PL_ENV) $(PL_DIR)/tests/run.sh host

check-perl-guest: userspace perl
	@$(PL_ENV) $(VM) $(PL_DIR)/tests/run.sh guest

check-perl-suites: perl perl-orig
	@$(PL_ENV) $(PL_DIR)/tests/suites.sh

bench-perl: userspace perl perl-orig
	@test -r $(BZIMAGE) || $(MAKE) --no-print-directory kernel >&2
	@$(PL_ENV) $(PL_DIR)/tests/bench.sh
