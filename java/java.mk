# SPDX-License-Identifier: LGPL-2.1-or-later
#
# tf-java: Debian's OpenJDK 17 (libjvm.so) started through the JNI
# invocation API by a launcher that checks every class, JAR, source file,
# agent and native library before the JVM runs it.  Included by the
# top-level Makefile, which runs check-java inside `make check`.
#
#   make java          build $(BUILD)/java/bin/tf-java, the tests' JDK
#                      (a jlink image of Debian's, mode 0555) and programs
#   make check-java    host (securebits) and guest (fs.trust_policy): TAP
#   make bench-java    start-up plus 200 classes from a JAR, tf-java vs java
#
# Every variable here starts with JV_.

JAVA_DEBIAN_PACKAGES := openjdk-17-jdk-headless libcommons-lang3-java
INTEGRATIONS += java
INTEGRATION_DEBIAN_PACKAGES += $(JAVA_DEBIAN_PACKAGES)

JV_MK := $(lastword $(MAKEFILE_LIST))
JV_SRC := $(patsubst %/,%,$(dir $(JV_MK)))
JV_OUT := $(BUILD)/java
JV_BIN := $(JV_OUT)/bin/tf-java
# Debian's JDK, the one the launcher starts (TF_JAVA_HOME names another).
JV_HOME := /usr/lib/jvm/java-17-openjdk-amd64
JV_CFLAGS = $(TF_CFLAGS) $(TF_INCLUDE) -I$(JV_HOME)/include \
	-I$(JV_HOME)/include/linux -DTF_JAVA_HOME='"$(JV_HOME)"'
# Only the checked entry points are exported (java/exports.list): the
# JDK's libraries bind their open() and dlopen() calls to them.
JV_LDFLAGS := -Wl,--dynamic-list=$(JV_SRC)/exports.list
JV_JDK := $(JV_OUT)/jdk
JV_FIXTURES := $(JV_OUT)/fixtures
JV_ENV := env PATH=/usr/bin:/bin:/usr/sbin:/sbin TF_VM_TIMEOUT=2700 JAVA_BIN=$(abspath $(JV_BIN)) \
	JAVA_CLI=$(abspath $(US_CLI)) JAVA_JDK=$(abspath $(JV_JDK)) \
	JAVA_FIXTURES=$(abspath $(JV_FIXTURES)) JAVA_HOME_PLAIN=$(JV_HOME)

.PHONY: java check-java check-java-host check-java-guest bench-java

java: $(JV_BIN) $(JV_JDK)/release $(JV_FIXTURES)/trusted/Loader.class

# The project's library is linked statically: nothing at load time can
# swap the checks out.
$(JV_BIN): $(JV_SRC)/tf-java.c $(JV_SRC)/exports.list $(TF_HEADER) $(US_A)
	@mkdir -p $(@D)
	@test -r $(JV_HOME)/include/jni.h || { echo "$(JV_HOME) missing: make deps" >&2; exit 1; }
	$(TF_CC) $(JV_CFLAGS) -o $@ $< $(US_A) -ldl -lpthread $(JV_LDFLAGS)

# The tests' JDK: what the tests need of Debian's (java.base, the agent
# support, the source launcher, the debugger agent), its files mode 0555, as an administrator
# makes a JDK executable for the file-permission rule (Debian ships them
# mode 0644), with its class data sharing archive.
JV_JDK_MODULES := java.base,java.instrument,jdk.compiler,jdk.zipfs,jdk.jdwp.agent
$(JV_JDK)/release: $(JV_OUT)/jdk-modules.$(JV_JDK_MODULES)
	@rm -rf $(JV_JDK) $(JV_JDK).tmp
	$(JV_HOME)/bin/jlink --add-modules $(JV_JDK_MODULES) \
		--strip-debug --no-man-pages --no-header-files --output $(JV_JDK).tmp
	$(JV_JDK).tmp/bin/java -Xshare:dump -version >/dev/null 2>&1
	chmod -R a+rX $(JV_JDK).tmp
	find $(JV_JDK).tmp -type f -exec chmod 0555 {} +
	mv $(JV_JDK).tmp $(JV_JDK)

# The module list, as a file name: a new list makes a new image.
$(JV_OUT)/jdk-modules.$(JV_JDK_MODULES):
	@mkdir -p $(@D)
	@rm -f $(JV_OUT)/jdk-modules.*
	@touch $@

$(JV_FIXTURES)/trusted/Loader.class: $(JV_SRC)/tests/fixtures.sh
	@$(JV_SRC)/tests/fixtures.sh $(JV_FIXTURES) $(JV_HOME)

# The guest needs the kernel of the series; build it if it is missing.
check-java: java $(US_CLI)
	@test -r $(BZIMAGE) || $(MAKE) --no-print-directory kernel >&2
	@$(JV_ENV) tests/lib/host-guest.sh $(JV_SRC)/tests/run.sh

check-java-host: java $(US_CLI)
	@$(JV_ENV) $(JV_SRC)/tests/run.sh host

check-java-guest: java $(US_CLI)
	@$(JV_ENV) $(VM) $(JV_SRC)/tests/run.sh guest

bench-java: java
	@$(JV_ENV) $(JV_SRC)/tests/bench.sh
