#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Guest job of `make bench` (kernel/vm/run.sh): the per-check rows
# (micro.sh), then fapolicyd side by side (fapolicyd.sh).
#
#   guest.sh TOP CHECK_COST ROUNDS MS SCRIPTS REPS
set -u
top=$1
"$top/bench/micro.sh" "$2" none "$3" "$4" || exit 1
"$top/bench/fapolicyd.sh" "$@" || { echo "guest.sh: fapolicyd.sh failed" >&2; exit 1; }
