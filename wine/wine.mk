# SPDX-License-Identifier: GPL-2.0
#
# The enlightened Wine: Debian bookworm's wine 8.0 source package, patched
# (wine/patches) so that wineserver creates an image section (every .exe
# and .dll Wine maps) only from a file the policy trusts.  Only wineserver
# is built, into build/wine/bin, and run with Debian's own Wine (wine64);
# never installed over the system's.  Included by the top-level Makefile;
# see wine/README.md.
#
#   make wine          build build/wine/bin/wineserver and the Windows test
#                      programs (build/wine/pe, mingw-w64)
#   make check-wine    host tests (securebits) and guest tests
#                      (fs.trust_policy): TAP
#   make bench-wine    starting a tiny .exe, patched vs Debian's wineserver
#
# Every variable here starts with WINE_.

WINE_DIR := wine
WINE_OUT := $(BUILD)/wine
WINE_SERVER := $(WINE_OUT)/bin/wineserver
WINE_PE := $(WINE_OUT)/pe
WINE_LOG := $(WINE_OUT)/log
WINE_MINGW := x86_64-w64-mingw32-gcc
# Debian's Wine to run (wine64: the loader, libwine: the DLLs), mingw-w64
# for the test programs, and what the server's build needs: the source
# package (dpkg-dev), autoconf and the config.* of autotools-dev, flex and
# bison for configure, perl for make_requests.
WINE_DEBIAN_PACKAGES := wine64 libwine gcc-mingw-w64-x86-64 dpkg-dev patch \
	autoconf autotools-dev flex bison perl gcc libc6-dev make ccache
INTEGRATIONS += wine
INTEGRATION_DEBIAN_PACKAGES += $(WINE_DEBIAN_PACKAGES)

WINE_DEPS := $(WINE_DIR)/scripts/build.sh shells/scripts/fetch.sh shells/scripts/ccache.sh
WINE_PE_FILES := $(WINE_PE)/tfexe.exe $(WINE_PE)/tfdll.dll $(WINE_PE)/tfimp.exe

.PHONY: wine check-wine bench-wine

wine: $(WINE_SERVER) $(WINE_PE_FILES)

# The build's output goes to a log, shown when it fails: stdout stays TAP.
$(WINE_SERVER): $(TF_LIB_A) $(TF_HEADER) $(WINE_DEPS) $(wildcard $(WINE_DIR)/patches/*.patch)
	@mkdir -p $(WINE_LOG)
	@$(WINE_DIR)/scripts/build.sh >$(WINE_LOG)/build.log 2>&1 || \
		{ tail -n 40 $(WINE_LOG)/build.log >&2; exit 1; }

WINE_PE_CFLAGS := -Wall -Wextra -Werror -O2 -s

$(WINE_PE)/tfexe.exe: $(WINE_DIR)/tests/tfexe.c
	@mkdir -p $(@D)
	$(WINE_MINGW) $(WINE_PE_CFLAGS) -o $@ $<

$(WINE_PE)/tfdll.dll: $(WINE_DIR)/tests/tfdll.c
	@mkdir -p $(@D)
	$(WINE_MINGW) $(WINE_PE_CFLAGS) -shared -o $@ $< -Wl,--out-implib,$(WINE_PE)/libtfdll.a

$(WINE_PE)/tfimp.exe: $(WINE_DIR)/tests/tfimp.c $(WINE_PE)/tfdll.dll
	@mkdir -p $(@D)
	$(WINE_MINGW) $(WINE_PE_CFLAGS) -o $@ $< -L$(WINE_PE) -ltfdll

check-wine: userspace wine
	@tests/lib/host-guest.sh $(WINE_DIR)/tests/run.sh

bench-wine: userspace wine
	@$(WINE_DIR)/tests/bench.sh
