# SPDX-License-Identifier: GPL-2.0
#
# The cost of one execution check against the alternatives, on the host
# (AT_EXECVE_CHECK) and in the guest (trusted_for).  Included by the
# top-level Makefile:
#
#   make bench-kernel

BENCH_BIN := $(BUILD)/bench/check-cost

.PHONY: bench-kernel

$(BENCH_BIN): bench/check-cost.c $(TF_HEADER) $(US_A)
	@mkdir -p $(dir $@)
	$(TF_CC) $(TF_CFLAGS) $(TF_INCLUDE) -o $@ $< $(US_A) -lpthread

bench-kernel: $(BENCH_BIN) kernel
	@echo "# cost of one check of a regular file, host $$(uname -r) (best of 5 rounds)"
	@$(BENCH_BIN) bench/check-cost.c 200000
	@echo "# the same in the guest, patched $$(make -s -C $(KSRC) O=$(CURDIR)/$(KOUT) kernelrelease 2>/dev/null) under TCG, fs.trust_policy=3"
	@$(VM) -q bench/check-cost-guest.sh $(CURDIR)/$(BENCH_BIN) >/dev/null; \
		cat $$(cat $(BUILD)/vm/last)/output
