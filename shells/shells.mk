# SPDX-License-Identifier: GPL-2.0
#
# The enlightened shells: dash, busybox ash and bash from Debian bookworm's
# source packages, patched (shells/patches) to check every script with
# libtrustedfor.  Included by the top-level Makefile; see shells/README.md.
#
#   make shells               build build/shells/bin/{dash,busybox,ash,bash},
#                             with hush and awk (busybox's, linked)
#   make check-shells         host tests (securebits) and guest tests
#                             (fs.trust_policy 0..3, with securebits): TAP
#   make check-shells-suites  each shell's own tests, patched vs unpatched
#   make bench-shells         sourcing 100 files, patched vs unpatched
#
# Every variable here starts with SH_.

SH_DIR := shells
SH_OUT := $(BUILD)/shells
SH_BIN := $(SH_OUT)/bin
SH_GLUE := $(SH_OUT)/glue/tf-shell.o
SH_LIBTF := $(BUILD)/userspace/lib/libtrustedfor.a
SH_LOG := $(SH_OUT)/log
SH_BUILD := $(SH_DIR)/scripts/build.sh

# Sources (apt-get source, dpkg-source), the shells' build dependencies
# for the parts built here, and the tests' tools.
SHELLS_DEBIAN_PACKAGES := dpkg-dev patch autoconf automake bison make \
	gcc libc6-dev ccache bzip2 xz-utils python3 util-linux
INTEGRATIONS += shells
INTEGRATION_DEBIAN_PACKAGES += $(SHELLS_DEBIAN_PACKAGES)

SH_SHELLS := dash busybox bash
SH_TF := $(addprefix $(SH_BIN)/,$(SH_SHELLS))
SH_ORIG := $(addsuffix -orig,$(SH_TF))

.PHONY: shells shells-orig check-shells check-shells-host \
	check-shells-guest check-shells-suites bench-shells

SH_BUSYBOX_APPLETS := $(addprefix $(SH_BIN)/,ash hush awk)
shells: $(SH_TF) $(SH_BUSYBOX_APPLETS)
shells-orig: $(SH_ORIG)

# libtrustedfor and the glue in one relocatable object: linked like any
# other object file of the shell, wherever its build puts the flags.
$(SH_GLUE): $(SH_DIR)/glue/tf-shell.c $(SH_DIR)/glue/tf-shell.h $(SH_LIBTF)
	@mkdir -p $(@D)
	$(TF_CC) $(TF_CFLAGS) $(TF_INCLUDE) -c -o $(@D)/glue.o $<
	ld -r -o $@ $(@D)/glue.o --whole-archive $(SH_LIBTF)

SH_DEPS := $(SH_BUILD) $(SH_DIR)/scripts/build-logged.sh \
	$(SH_DIR)/scripts/fetch.sh $(SH_DIR)/scripts/ccache.sh $(SH_DIR)/scripts/busybox-config.sh

define SH_RULES
$$(SH_BIN)/$(1): $$(SH_GLUE) $$(SH_DEPS) $$(wildcard $$(SH_DIR)/patches/$(1)/*.patch)
	@$$(SH_DIR)/scripts/build-logged.sh $(1) tf $$(SH_LOG)

$$(SH_BIN)/$(1)-orig: $$(SH_DEPS)
	@$$(SH_DIR)/scripts/build-logged.sh $(1) orig $$(SH_LOG)
endef
$(foreach s,$(SH_SHELLS),$(eval $(call SH_RULES,$(s))))

$(SH_BUSYBOX_APPLETS): $(SH_BIN)/busybox
	ln -sf busybox $@

check-shells: userspace shells
	@$(SH_DIR)/tests/check.sh

check-shells-host: userspace shells
	@$(SH_DIR)/tests/run.sh host

check-shells-guest: userspace shells
	@kernel/vm/run.sh -q -t 2400 $(SH_DIR)/tests/run.sh guest

check-shells-suites: userspace shells shells-orig
	@$(SH_DIR)/tests/suites.sh

bench-shells: userspace shells shells-orig
	@$(SH_DIR)/tests/bench.sh
