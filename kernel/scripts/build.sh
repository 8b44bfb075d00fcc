#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Build the guest kernel: x86_64 tinyconfig plus kernel/config/*.config,
# out of tree, from the kernel git tree made by tree.sh.
#
#   build.sh SRC OUT [EXTRA]
#
# EXTRA is a second fragment merged after the first one, e.g.
# kernel/config/debug.config for the debug guest (build/kernel-debug).
#
# Fails if an option of the fragment did not make it into the final
# .config (a dependency missing from the fragment), so that the guest never
# silently lacks a feature the tests rely on.
#
# The compiler's output goes to OUT/build.log; stage lines and, every 30 s,
# how many files are compiled go to stderr (tests/progress.sh).

set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
src=$(realpath "$1")
out=$(realpath -m "$2")
fragment=$top/kernel/config/trusted-for.config
extra=${3:+$(realpath "$3")}
jobs=${JOBS:-$(nproc)}
. "$top/tests/progress.sh"
trap progress_stop EXIT

. "$top/kernel/scripts/cc.sh"

mkdir -p "$out"
# Make the configuration only when the fragment changed: kbuild itself
# follows changes of the Kconfig files on the next build.
stamp=$out/.trusted-for-fragment
want=$(sha256sum <"$fragment")
[ -z "$extra" ] || want="$want $(sha256sum <"$extra")"
if [ ! -f "$out/.config" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
	progress_note "build.sh: configuring $out (tinyconfig + $(basename "$fragment")${extra:+ + $(basename "$extra")})"
	make -s -C "$src" O="$out" CC="$cc" tinyconfig >/dev/null
	KCONFIG_CONFIG="$out/.config" "$src/scripts/kconfig/merge_config.sh" -m \
		-O "$out" "$out/.config" "$fragment" ${extra:+"$extra"} >"$out/merge_config.log" 2>&1
	make -s -C "$src" O="$out" CC="$cc" olddefconfig >/dev/null
	echo "$want" >"$stamp"
fi

missing=0
for opt in $(sed -n 's/^\(CONFIG_[A-Z0-9_]*\)=y$/\1/p' "$fragment" ${extra:+"$extra"}); do
	if ! grep -qx "$opt=y" "$out/.config"; then
		echo "build.sh: $opt=y did not stick in $out/.config" >&2
		missing=1
	fi
done
for opt in $(sed -n 's/^# \(CONFIG_[A-Z0-9_]*\) is not set$/\1/p' "$fragment" ${extra:+"$extra"}); do
	if grep -q "^$opt=" "$out/.config"; then
		echo "build.sh: $opt is set in $out/.config, the fragment says not" >&2
		missing=1
	fi
done
[ "$missing" -eq 0 ] || exit 1

# A cold build is a few minutes on two cores; an up-to-date one, seconds.
progress_note "build.sh: building bzImage, $jobs jobs, log $out/build.log"
start=$(date +%s)
progress_start "kernel build" \
	"echo \$(grep -c '^  CC ' '$out/build.log') files compiled"
make -C "$src" O="$out" CC="$cc" -j"$jobs" bzImage >"$out/build.log" 2>&1 || {
	progress_stop
	grep -E "error|Error" "$out/build.log" | head -n 40 >&2
	echo "build.sh: kernel build failed, see $out/build.log" >&2
	exit 1
}
progress_stop
echo "build.sh: $out/arch/x86/boot/bzImage ($(grep -c '^  CC ' "$out/build.log") files compiled in $(($(date +%s) - start)) s)"
