# SPDX-License-Identifier: LGPL-2.1-or-later
#
# User space of trusted-for: libtrustedfor, the trusted-for CLI, their man
# pages and tests.  Included by the top-level Makefile; also usable alone:
#   make -f userspace.mk userspace        build into $(BUILD)/userspace
#   make -f userspace.mk check-userspace  host tests (TAP), then the same
#                                         tests on an ASan+UBSan build
#   make -f userspace.mk demo-userspace   narrated tour of the CLI (root)
#   make -f userspace.mk install-userspace DESTDIR=... PREFIX=/usr
#                                         (also the switch trusted-for-divert,
#                                         the sysctl.d file, systemd examples)
# Inside a guest running the trusted_for kernel: tests/userspace/guest.sh.
# Every variable here starts with US_ (BUILD is the top Makefile's).

US_MK := $(lastword $(MAKEFILE_LIST))
US_SRC := $(patsubst %/,%,$(dir $(US_MK)))
include $(US_SRC)/common.mk
US_OUT ?= $(BUILD)/userspace
US_SAN ?=

# VERSION is the one source of the version: the header, the soname, the
# pkg-config file and the man pages are made from it.
US_VERSION := $(TF_VERSION)
US_SONAME := libtrustedfor.so.$(TF_VERSION_MAJOR)
US_CC := $(TF_CC)
US_PREFIX ?= $(if $(PREFIX),$(PREFIX),/usr/local)
US_LIBDIR ?= $(US_PREFIX)/lib
US_INCLUDEDIR ?= $(US_PREFIX)/include
US_BINDIR ?= $(US_PREFIX)/bin
US_MANDIR ?= $(US_PREFIX)/share/man
US_SBINDIR ?= $(US_PREFIX)/sbin
# The vendor directory of sysctl.d(5): the file sets nothing (fs.trust_policy
# is commented out); an administrator copies it to /etc/sysctl.d to enable.
US_SYSCTLDIR ?= $(US_PREFIX)/lib/sysctl.d
US_EXAMPLEDIR ?= $(US_PREFIX)/share/doc/trusted-for/examples

US_SANITIZERS := address,undefined
US_SANFLAGS := $(if $(US_SAN),-fsanitize=$(US_SANITIZERS) -fno-sanitize-recover=all -fno-omit-frame-pointer)
US_CFLAGS := $(TF_CFLAGS) -fvisibility=hidden $(TF_INCLUDE) $(US_SANFLAGS)
US_LDFLAGS := $(US_SANFLAGS)

US_LIB_SRCS := $(addprefix $(US_SRC)/lib/,backend.c check.c policy.c)
US_HEADER := $(TF_HEADER)
US_LIB_HDRS := $(US_HEADER) $(US_SRC)/lib/internal.h
US_LIB_OBJS := $(patsubst $(US_SRC)/lib/%.c,$(US_OUT)/obj/%.o,$(US_LIB_SRCS))
US_MAP := $(US_SRC)/lib/libtrustedfor.map

US_SO := $(US_OUT)/lib/libtrustedfor.so.$(US_VERSION)
US_A := $(US_OUT)/lib/libtrustedfor.a
US_PC := $(US_OUT)/lib/pkgconfig/libtrustedfor.pc
US_CLI := $(US_OUT)/bin/trusted-for
US_CLI_SRCS := $(addprefix $(US_SRC)/cli/,trusted-for.c interpreters.c userns.c)
US_CLI_HDRS := $(US_SRC)/cli/cli.h $(US_SRC)/lib/tf-note.h
US_TEST_LIB := $(US_OUT)/tests/test-lib
US_TEST_STATIC := $(US_OUT)/tests/test-lib-static
US_TEST_CLI := $(US_OUT)/tests/trusted-for-test
US_SECCOMP := $(US_OUT)/tests/seccomp-deny
US_TESTS := $(US_TEST_LIB) $(US_TEST_STATIC) $(US_TEST_CLI) $(US_SECCOMP)

# Test builds only: the library and the CLI with their test seams (the
# TRUSTED_FOR_FORCE_BACKEND switch), never installed, never linked into
# an interpreter.  What ships is built without -DTF_TEST_SEAMS.
US_SEAM_CFLAGS := -DTF_TEST_SEAMS
US_TEST_OBJS := $(patsubst $(US_SRC)/lib/%.c,$(US_OUT)/test-obj/%.o,$(US_LIB_SRCS))
US_TEST_A := $(US_OUT)/tests/libtrustedfor-test.a
US_MANS := $(patsubst $(US_SRC)/man/%.in,$(US_OUT)/man/%,$(wildcard $(US_SRC)/man/*.[0-9].in))

.PHONY: userspace check-userspace check-userspace-run install-userspace \
	clean-userspace demo-userspace

userspace: $(US_HEADER) $(US_SO) $(US_A) $(US_PC) $(US_CLI) $(US_TESTS) $(US_MANS)

$(US_HEADER): $(US_SRC)/lib/trusted-for.h.in $(US_SRC)/VERSION
	$(call tf_subst_version,$<,$@)

$(US_OUT)/man/%: $(US_SRC)/man/%.in $(US_SRC)/VERSION
	$(call tf_subst_version,$<,$@)

$(US_OUT)/obj/%.o: $(US_SRC)/lib/%.c $(US_LIB_HDRS)
	@mkdir -p $(@D)
	$(US_CC) $(US_CFLAGS) -fPIC -c -o $@ $<

# The mark of a program built with the library (lib/note.S): check.o
# carries it, and every program that asks for a check links check.o.
US_NOTE_O := $(US_OUT)/obj/note.o
$(US_NOTE_O): $(US_SRC)/lib/note.S $(US_SRC)/lib/tf-note.h $(US_SRC)/VERSION
	@mkdir -p $(@D)
	$(US_CC) -I$(US_SRC)/lib -DTF_NOTE_VERSION='"$(US_VERSION)"' -c -o $@ $<

$(US_OUT)/obj/check.o: $(US_SRC)/lib/check.c $(US_LIB_HDRS) $(US_NOTE_O)
	$(US_CC) $(US_CFLAGS) -fPIC -c -o $(@D)/check-code.o $<
	$(US_CC) -r -nostdlib -o $@ $(@D)/check-code.o $(US_NOTE_O)

$(US_OUT)/test-obj/%.o: $(US_SRC)/lib/%.c $(US_LIB_HDRS)
	@mkdir -p $(@D)
	$(US_CC) $(US_CFLAGS) $(US_SEAM_CFLAGS) -c -o $@ $<

$(US_TEST_A): $(US_TEST_OBJS)
	@mkdir -p $(@D)
	rm -f $@
	ar rcs $@ $^

$(US_SO): $(US_LIB_OBJS) $(US_MAP)
	@mkdir -p $(@D)
	$(US_CC) $(US_LDFLAGS) -shared -Wl,-soname,$(US_SONAME) \
		-Wl,--version-script,$(US_MAP) -Wl,-z,defs -Wl,-z,relro,-z,now \
		-o $@ $(US_LIB_OBJS) -lpthread
	ln -sf libtrustedfor.so.$(US_VERSION) $(US_OUT)/lib/$(US_SONAME)
	ln -sf $(US_SONAME) $(US_OUT)/lib/libtrustedfor.so

$(US_A): $(US_LIB_OBJS)
	@mkdir -p $(@D)
	rm -f $@
	ar rcs $@ $^

$(US_PC): $(US_SRC)/lib/libtrustedfor.pc.in $(US_MK) $(US_SRC)/VERSION
	@mkdir -p $(@D)
	sed -e 's|@PREFIX@|$(US_PREFIX)|' -e 's|@LIBDIR@|$(US_LIBDIR)|' \
		-e 's|@INCLUDEDIR@|$(US_INCLUDEDIR)|' \
		-e 's|@VERSION@|$(US_VERSION)|' $< > $@

# The CLI uses the shared library like any program would; the RUNPATH lets it
# run from the build tree (and from a guest seeing the same paths).
# It carries the note itself: a program linked with the shared library does
# not get the note of libtrustedfor.so.
$(US_CLI): $(US_CLI_SRCS) $(US_CLI_HDRS) $(US_HEADER) $(US_SO) $(US_NOTE_O)
	@mkdir -p $(@D)
	$(US_CC) $(US_CFLAGS) $(US_LDFLAGS) -o $@ $(US_CLI_SRCS) $(US_NOTE_O) -L$(US_OUT)/lib -ltrustedfor \
		-Wl,-rpath,'$$ORIGIN/../lib'

$(US_TEST_LIB): $(US_SRC)/tests/userspace/test-lib.c $(US_SRC)/tests/userspace/tap.h \
		$(US_HEADER) $(US_SO)
	@mkdir -p $(@D)
	$(US_CC) $(US_CFLAGS) $(US_LDFLAGS) -o $@ $< -L$(US_OUT)/lib -ltrustedfor \
		-Wl,-rpath,'$$ORIGIN/../lib'

# The static test program exercises the seams: it links the test archive.
$(US_TEST_STATIC): $(US_SRC)/tests/userspace/test-lib.c $(US_SRC)/tests/userspace/tap.h \
		$(US_HEADER) $(US_TEST_A)
	@mkdir -p $(@D)
	$(US_CC) $(US_CFLAGS) $(US_SEAM_CFLAGS) $(US_LDFLAGS) -o $@ $< $(US_TEST_A) -lpthread

$(US_TEST_CLI): $(US_CLI_SRCS) $(US_CLI_HDRS) $(US_HEADER) $(US_TEST_A)
	@mkdir -p $(@D)
	$(US_CC) $(US_CFLAGS) $(US_SEAM_CFLAGS) $(US_LDFLAGS) -o $@ $(US_CLI_SRCS) $(US_TEST_A) -lpthread

# The bypass suite's seccomp filter (tests/bypass).
$(US_SECCOMP): $(US_SRC)/tests/bypass/seccomp-deny.c
	@mkdir -p $(@D)
	$(US_CC) $(US_CFLAGS) $(US_LDFLAGS) -o $@ $<

# Host tests, then the same tests built with ASan+UBSan in $(US_OUT)/asan.
check-userspace: userspace
	$(MAKE) -f $(US_MK) --no-print-directory US_OUT=$(US_OUT) check-userspace-run
	$(MAKE) -f $(US_MK) --no-print-directory US_OUT=$(US_OUT)/asan US_SAN=1 userspace
	$(MAKE) -f $(US_MK) --no-print-directory US_OUT=$(US_OUT)/asan US_SAN=1 check-userspace-run

check-userspace-run:
	US_OUT=$(US_OUT) US_SRC=$(US_SRC) US_SAN=$(US_SAN) US_HEADER=$(US_HEADER) \
		$(US_SRC)/tests/userspace/run.sh

# A narrated tour of the CLI on this kernel (root).
demo-userspace: userspace
	$(US_SRC)/cli/demo.sh $(US_CLI)

install-userspace: userspace
	install -d $(DESTDIR)$(US_LIBDIR)/pkgconfig $(DESTDIR)$(US_INCLUDEDIR) \
		$(DESTDIR)$(US_BINDIR) $(DESTDIR)$(US_MANDIR)/man1 \
		$(DESTDIR)$(US_MANDIR)/man2 $(DESTDIR)$(US_MANDIR)/man3 \
		$(DESTDIR)$(US_MANDIR)/man8
	install -m 0755 $(US_SO) $(DESTDIR)$(US_LIBDIR)/
	ln -sf libtrustedfor.so.$(US_VERSION) $(DESTDIR)$(US_LIBDIR)/$(US_SONAME)
	ln -sf $(US_SONAME) $(DESTDIR)$(US_LIBDIR)/libtrustedfor.so
	install -m 0644 $(US_A) $(DESTDIR)$(US_LIBDIR)/
	# Made again for this PREFIX: the build's may be for another.
	sed -e 's|@PREFIX@|$(US_PREFIX)|' -e 's|@LIBDIR@|$(US_LIBDIR)|' \
		-e 's|@INCLUDEDIR@|$(US_INCLUDEDIR)|' -e 's|@VERSION@|$(US_VERSION)|' \
		$(US_SRC)/lib/libtrustedfor.pc.in >$(DESTDIR)$(US_LIBDIR)/pkgconfig/libtrustedfor.pc
	chmod 0644 $(DESTDIR)$(US_LIBDIR)/pkgconfig/libtrustedfor.pc
	install -m 0644 $(US_HEADER) $(DESTDIR)$(US_INCLUDEDIR)/
	install -m 0755 $(US_CLI) $(DESTDIR)$(US_BINDIR)/
	for m in $(US_MANS); do \
		s=$${m##*.}; install -m 0644 $$m $(DESTDIR)$(US_MANDIR)/man$$s/; \
	done
	install -d $(DESTDIR)$(US_SBINDIR) $(DESTDIR)$(US_SYSCTLDIR) $(DESTDIR)$(US_EXAMPLEDIR)
	install -m 0755 $(US_SRC)/pkg/files/trusted-for-divert \
		$(US_SRC)/pkg/files/trusted-for-mark-code $(DESTDIR)$(US_SBINDIR)/
	install -m 0644 $(US_SRC)/pkg/files/60-trusted-for.conf $(DESTDIR)$(US_SYSCTLDIR)/
	install -m 0644 $(US_SRC)/pkg/files/tf-script-service.conf \
		$(US_SRC)/pkg/files/tf-securebits.conf $(DESTDIR)$(US_EXAMPLEDIR)/
	# The hook names the command where this PREFIX puts it.
	sed 's|/usr/sbin/trusted-for-mark-code|$(US_SBINDIR)/trusted-for-mark-code|g' \
		$(US_SRC)/pkg/files/99trusted-for-mark-code >$(DESTDIR)$(US_EXAMPLEDIR)/99trusted-for-mark-code
	chmod 0644 $(DESTDIR)$(US_EXAMPLEDIR)/99trusted-for-mark-code

clean-userspace:
	rm -rf $(US_OUT)
