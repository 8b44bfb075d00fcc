# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Debian packages of the user space: the library, the CLI with the switch
# trusted-for-divert, and the enlightened interpreters (installed under
# /usr/lib/trusted-for, beside the system's).  Included by the top-level
# Makefile; not an integration (not a part of `make check`).  See
# pkg/README.md.
#
#   make deb-userspace       build/deb/*.deb (PKG_PACKAGES=... for fewer)
#   make check-deb           build them, lint them (lintian), check their
#                            contents and the switch in a throwaway mount
#                            namespace: TAP
#   make install-interpreters DESTDIR=...   the interpreters' tree of the
#                            packages, for other distributions
#
# Every variable here starts with PKG_.

PKG_OUT := $(BUILD)/pkg
PKG_DEB := $(BUILD)/deb
PKG_CLI := $(PKG_OUT)/cli/trusted-for
PKG_PERL := $(PKG_OUT)/perl/stage/usr/lib/trusted-for/perl/bin/perl
PKG_PACKAGES := libtrustedfor1 libtrustedfor-dev trusted-for trusted-for-shells \
	trusted-for-python3 trusted-for-perl trusted-for-mawk trusted-for-java \
	trusted-for-wine
# What `make deps` installs for the packages: their linter, dpkg-shlibdeps.
INTEGRATION_DEBIAN_PACKAGES += lintian dpkg-dev

# The build outputs each package takes, by literal path: the integrations'
# .mk files, included after this one, have the rules.
PKG_INPUTS_libtrustedfor1 := $(US_SO)
PKG_INPUTS_libtrustedfor-dev := $(US_A) $(US_HEADER) $(US_MANS)
PKG_INPUTS_trusted-for := $(PKG_CLI) $(US_MANS)
PKG_INPUTS_trusted-for-shells := $(addprefix $(BUILD)/shells/bin/,dash bash busybox)
PKG_INPUTS_trusted-for-python3 := $(BUILD)/python/bin/tf-python3
PKG_INPUTS_trusted-for-perl := $(PKG_PERL)
PKG_INPUTS_trusted-for-mawk := $(BUILD)/mawk/bin/mawk
PKG_INPUTS_trusted-for-java := $(BUILD)/java/bin/tf-java
PKG_INPUTS_trusted-for-wine := $(BUILD)/wine/bin/wineserver

.PHONY: deb-userspace check-deb install-interpreters

deb-userspace: $(foreach p,$(PKG_PACKAGES),$(PKG_INPUTS_$(p)))
	@rm -f $(addprefix $(PKG_DEB)/,$(addsuffix _*.deb,$(PKG_PACKAGES)))
	@BUILD=$(BUILD) PKG_OUT=$(PKG_OUT) DEB_OUT=$(PKG_DEB) pkg/scripts/debs.sh $(PKG_PACKAGES)

# The CLI as it ships: the same sources and flags as $(US_CLI), linked
# without the RUNPATH into the build tree (the library is in /usr/lib).
$(PKG_CLI): $(US_CLI_SRCS) $(US_CLI_HDRS) $(US_HEADER) $(US_SO) $(US_NOTE_O)
	@mkdir -p $(@D)
	$(US_CC) $(US_CFLAGS) $(US_LDFLAGS) -Wl,-z,relro,-z,now -o $@ $(US_CLI_SRCS) \
		$(US_NOTE_O) -L$(US_OUT)/lib -ltrustedfor

# perl for /usr/lib/trusted-for/perl: its own build (pkg/scripts/perl.sh),
# the tested one in build/perl has its @INC in the checkout.
$(PKG_PERL): pkg/scripts/perl.sh $(TF_LIB_A) $(TF_HEADER) $(wildcard perl/patches/*.patch)
	@mkdir -p $(PKG_OUT)/perl
	@pkg/scripts/perl.sh $(PKG_OUT)/perl >$(PKG_OUT)/perl/build.log 2>&1 || \
		{ tail -n 40 $(PKG_OUT)/perl/build.log >&2; exit 1; }

check-deb: deb-userspace
	@BUILD=$(BUILD) PKG_OUT=$(PKG_OUT) DEB_OUT=$(PKG_DEB) pkg/tests/run.sh

# The interpreters' tree of the packages (DESTDIR, fixed prefix
# /usr/lib/trusted-for: perl's @INC is built in).
install-interpreters: deb-userspace
	@for p in $(filter trusted-for-%,$(PKG_PACKAGES)); do \
		install -d $(DESTDIR)/usr/lib && \
		cp -a $(PKG_OUT)/stage/$$p/usr/lib/trusted-for $(DESTDIR)/usr/lib/ || exit 1; \
	done
