# SPDX-License-Identifier: LGPL-2.1-or-later
#
# tf-python3: CPython 3.11 (Debian's libpython3.11) with an open-code hook
# that asks the kernel before running code.  Included by the top-level
# Makefile, which runs check-python inside `make check`.
#
#   make python              build $(BUILD)/python/bin/tf-python3
#   make check-python        host matrix, guest matrix, CPython test slice (TAP)
#   make check-python-cpython-full   CPython's whole test suite under the launcher
#   make bench-python        start-up with 50 stdlib imports, launcher vs
#                            python3.11, host (execve_check) and guest (trusted_for)
#
# Every variable here starts with PY_ (BUILD, US_A and VM are the top
# Makefile's and userspace.mk's).

PYTHON_DEBIAN_PACKAGES := python3.11 python3.11-dev libpython3.11-dev \
	libpython3.11-testsuite
INTEGRATIONS += python
INTEGRATION_DEBIAN_PACKAGES += $(PYTHON_DEBIAN_PACKAGES)

PY_MK := $(lastword $(MAKEFILE_LIST))
PY_SRC := $(patsubst %/,%,$(dir $(PY_MK)))
PY_OUT := $(BUILD)/python
PY_BIN := $(PY_OUT)/bin/tf-python3
# bench-python's baseline: CPython's main() linked like tf-python3, no checks.
PY_PLAIN_SAME_LINK := $(PY_OUT)/bench/py-plain
PY_CONFIG := /usr/bin/python3.11-config
# Debian's interpreter, never a pyenv or venv python3 found on PATH.
PY_PLAIN := /usr/bin/python3.11
PY_CC := $(TF_CC)
# Deferred: python3.11-config exists only after `make deps`.
PY_CFLAGS = $(TF_CFLAGS) $(shell $(PY_CONFIG) --embed --cflags) $(TF_INCLUDE)
# libpython3.11.a (libpython3.11-dev), linked the way Debian links its own
# /usr/bin/python3.11: non-PIE, exporting the C API to extension modules.
# Against the shared libpython the start-up is about 15% slower (PIC code),
# which would hide the cost of the checks in bench-python.
PY_SYSCONFIG = $(shell $(PY_PLAIN) -c 'import sysconfig as s; \
	print(*(s.get_config_var(v) for v in ("LIBPL", "LIBRARY", "LINKFORSHARED", \
	"LIBS", "SYSLIBS", "MODLIBS")), sep="\n")')
PY_LDLIBS = $(word 1,$(PY_SYSCONFIG))/$(word 2,$(PY_SYSCONFIG)) \
	$(wordlist 3,99,$(PY_SYSCONFIG)) -lpthread \
	-Wl,-u,Py_BytesMain	# the whole stable ABI, for ctypes.pythonapi
PY_ENV := env PATH=/usr/bin:/bin:/usr/sbin:/sbin PY_PLAIN=$(PY_PLAIN) \
	PY_BIN=$(abspath $(PY_BIN)) PY_SAME_LINK=$(abspath $(PY_PLAIN_SAME_LINK)) PY_CLI=$(abspath $(US_CLI)) \
	PY_VM=$(CURDIR)/kernel/vm/run.sh

.PHONY: python check-python check-python-cpython-full bench-python

python: $(PY_BIN)

# The project's library is linked statically: the launcher needs no
# LD_LIBRARY_PATH, and nothing can swap the checks out at load time.
$(PY_BIN): $(PY_SRC)/tf-python3.c $(TF_HEADER) $(US_A)
	@mkdir -p $(@D)
	@test -x $(PY_CONFIG) || { echo "$(PY_CONFIG) missing: make deps" >&2; exit 1; }
	$(PY_CC) $(PY_CFLAGS) -no-pie -o $@ $< $(US_A) $(PY_LDLIBS)

# The guest needs the kernel of the series; build it if it is missing.
check-python: $(PY_BIN) $(US_CLI)
	@test -r $(BZIMAGE) || $(MAKE) --no-print-directory kernel >&2
	@$(PY_ENV) $(PY_SRC)/tests/check.sh

$(PY_PLAIN_SAME_LINK): $(PY_SRC)/tests/plain.c
	@mkdir -p $(@D)
	@test -x $(PY_CONFIG) || { echo "$(PY_CONFIG) missing: make deps" >&2; exit 1; }
	$(PY_CC) $(PY_CFLAGS) -no-pie -o $@ $< $(PY_LDLIBS)

check-python-cpython-full: $(PY_BIN)
	@$(PY_ENV) $(PY_SRC)/tests/cpython-tests.sh full

bench-python: $(PY_BIN) $(PY_PLAIN_SAME_LINK) $(US_CLI)
	@test -r $(BZIMAGE) || $(MAKE) --no-print-directory kernel >&2
	@$(PY_ENV) $(PY_SRC)/tests/bench.sh
