# SPDX-License-Identifier: GPL-2.0
#
# The enlightened mawk: Debian bookworm's mawk source package, patched
# (mawk/patches) to check each program file with libtrustedfor, built into
# build/mawk and never installed over the system's mawk.  Included by the
# top-level Makefile; see mawk/README.md.
#
#   make mawk                 build build/mawk/bin/mawk
#   make check-mawk           host tests (securebits) and guest tests
#                             (fs.trust_policy 0..3): TAP
#   make check-mawk-suite     mawk's own tests, patched vs unpatched
#   make bench-mawk           running a program file, patched vs unpatched
#
# Every variable here starts with MAWK_.

MAWK_DIR := mawk
MAWK_OUT := $(BUILD)/mawk
MAWK_BIN := $(MAWK_OUT)/bin/mawk
MAWK_ORIG := $(MAWK_OUT)/bin/mawk-orig
MAWK_LOG := $(MAWK_OUT)/log
# Sources (apt-get source, dpkg-source) and mawk's build: a C compiler.
MAWK_DEBIAN_PACKAGES := dpkg-dev patch gcc libc6-dev make ccache
INTEGRATIONS += mawk
INTEGRATION_DEBIAN_PACKAGES += $(MAWK_DEBIAN_PACKAGES)

MAWK_DEPS := $(MAWK_DIR)/scripts/build.sh shells/scripts/fetch.sh shells/scripts/ccache.sh

.PHONY: mawk mawk-orig check-mawk check-mawk-suite bench-mawk

mawk: $(MAWK_BIN)
mawk-orig: $(MAWK_ORIG)

# The build's output goes to a log, shown when it fails: stdout stays TAP.
$(MAWK_BIN): $(TF_LIB_A) $(TF_HEADER) $(MAWK_DEPS) $(wildcard $(MAWK_DIR)/patches/*.patch)
	@mkdir -p $(MAWK_LOG)
	@$(MAWK_DIR)/scripts/build.sh tf >$(MAWK_LOG)/tf.log 2>&1 || \
		{ tail -n 40 $(MAWK_LOG)/tf.log >&2; exit 1; }

$(MAWK_ORIG): $(MAWK_DEPS)
	@mkdir -p $(MAWK_LOG)
	@$(MAWK_DIR)/scripts/build.sh orig >$(MAWK_LOG)/orig.log 2>&1 || \
		{ tail -n 40 $(MAWK_LOG)/orig.log >&2; exit 1; }

check-mawk: userspace $(MAWK_BIN)
	@tests/lib/host-guest.sh $(MAWK_DIR)/tests/run.sh

check-mawk-suite: $(MAWK_BIN) $(MAWK_ORIG)
	@$(MAWK_DIR)/tests/suite.sh

bench-mawk: userspace $(MAWK_BIN) $(MAWK_ORIG)
	@$(MAWK_DIR)/tests/bench.sh
