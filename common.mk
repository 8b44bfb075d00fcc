# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The build contract every part shares: the version, the compiler and its
# flags, where the library's generated header and archive are.  Included
# first by the top-level Makefile and by userspace.mk; an integration's
# .mk uses these and defines no flags of its own.
#
#   TF_VERSION, TF_VERSION_MAJOR/MINOR/MICRO   from VERSION, the one source
#   TF_CC          $(CC) when the user gives one, gcc otherwise
#   TF_CFLAGS      the warnings and options of all C code here
#   TF_INCLUDE     -I for the generated <trusted-for.h>
#   TF_LIB_A       the static library an interpreter links

ifndef TF_COMMON_MK
TF_COMMON_MK := 1

TF_TOP := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))
BUILD ?= build

TF_VERSION := $(shell cat $(TF_TOP)/VERSION)
TF_VERSION_WORDS := $(subst ., ,$(TF_VERSION))
TF_VERSION_MAJOR := $(word 1,$(TF_VERSION_WORDS))
TF_VERSION_MINOR := $(word 2,$(TF_VERSION_WORDS))
TF_VERSION_MICRO := $(word 3,$(TF_VERSION_WORDS))
ifneq ($(words $(TF_VERSION_WORDS)),3)
$(error VERSION must be MAJOR.MINOR.MICRO, not '$(TF_VERSION)')
endif

TF_CC := $(if $(filter default,$(origin CC)),gcc,$(CC))
TF_CFLAGS := -std=gnu11 -Wall -Wextra -Werror -O2 -g -D_GNU_SOURCE

TF_INCLUDE_DIR := $(BUILD)/userspace/include
TF_INCLUDE := -I$(TF_INCLUDE_DIR)
TF_HEADER := $(TF_INCLUDE_DIR)/trusted-for.h
TF_LIB_A := $(BUILD)/userspace/lib/libtrustedfor.a

# Substitute the version into a template: $(call tf_subst_version,IN,OUT)
define tf_subst_version
	@mkdir -p $(dir $(2))
	sed -e 's/@TF_VERSION@/$(TF_VERSION)/g' \
		-e 's/@TF_VERSION_MAJOR@/$(TF_VERSION_MAJOR)/g' \
		-e 's/@TF_VERSION_MINOR@/$(TF_VERSION_MINOR)/g' \
		-e 's/@TF_VERSION_MICRO@/$(TF_VERSION_MICRO)/g' $(1) > $(2).tmp
	mv $(2).tmp $(2)
endef

endif
