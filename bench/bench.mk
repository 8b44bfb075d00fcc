# SPDX-License-Identifier: GPL-2.0
#
# What a check costs, as ratios to getppid(2) measured in the same run,
# on the host (6.18: AT_EXECVE_CHECK, the exec securebits), in the guest
# (our 6.12: trusted_for, fs.trust_policy) and beside fapolicyd.  Included
# by the top-level Makefile, which runs these from `make bench`:
#
#   make bench-kernel    the per-check rows, host then guest (with
#                        fapolicyd side by side), in $(BENCH_OUT)/rows.tsv
#   make bench-report    the table $(BENCH_OUT)/bench.md (printed) and the
#                        plot $(BENCH_OUT)/bench.png, from rows.tsv and the
#                        integrations' logs in $(BENCH_OUT)/e2e/
#   make check-bench     a quick run of all of it (3 rounds, short loops),
#                        TAP: every row made, every ratio a finite positive
#                        number (never a timing threshold)
#
# BENCH_ROUNDS (7), BENCH_MS (the least time of a timed loop, 20 ms),
# BENCH_SCRIPTS (200) and BENCH_REPS (5) set the size of a full run.

BENCH_BIN := $(BUILD)/bench/check-cost
BENCH_OUT := $(BUILD)/bench
BENCH_ROUNDS := 7
BENCH_MS := 20
BENCH_SCRIPTS := 200
BENCH_REPS := 5

# gnuplot draws the plot; fapolicyd runs beside trusted_for in the guest
# (its service is not started: no systemd there, and none is needed).
INTEGRATION_DEBIAN_PACKAGES += gnuplot-nox fapolicyd

.PHONY: bench-kernel bench-report check-bench

$(BENCH_BIN): bench/check-cost.c $(TF_HEADER) $(US_A)
	@mkdir -p $(dir $@)
	$(TF_CC) $(TF_CFLAGS) $(TF_INCLUDE) -o $@ $< $(US_A) -lpthread

# The guest's fapolicyd runs use the shells and tf-python3 as workload.
BENCH_NEEDS := $(BENCH_BIN) kernel userspace shells shells-orig python

bench-kernel: $(BENCH_NEEDS)
	@bench/run.sh $(BENCH_OUT) $(BENCH_ROUNDS) $(BENCH_MS) $(BENCH_SCRIPTS) $(BENCH_REPS)

bench-report:
	@bench/report.sh $(BENCH_OUT)

check-bench: $(BENCH_NEEDS)
	@bench/check.sh $(BUILD)/bench-check
