#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Configure a busybox tree with only the interpreters: `make allnoconfig`,
# then the symbols of ash and awk as Debian's own busybox has them
# (debian/config/pkg/deb: ash is sh), so the ash and awk tested are
# Debian's in a small binary; and hush, which Debian does not build, with
# all its features, so that the shells' tests run in it as in ash.  Does
# nothing when the tree is configured already.
#
#   busybox-config.sh TREE

set -eu
cd "$1"
[ -f .config ] && grep -q '^# tf-shells configured' .config && exit 0
deb=debian/config/pkg/deb
make -s allnoconfig >/dev/null
grep -E '^(# )?CONFIG_(ASH|SHELL_ASH|AWK|FEATURE_AWK|FEATURE_ALLOW_EXEC|SH_IS|BASH_IS|FEATURE_SH|FEATURE_EDITING|FEATURE_TAB_COMPLETION|FEATURE_USERNAME_COMPLETION|FEATURE_FANCY_ECHO|FEATURE_PRINTF|LFS|LONG_OPTS|UNICODE|FEATURE_CHECK_UNICODE|LAST_SUPPORTED_WCHAR|SUBST_WCHAR|PLATFORM_LINUX|BUSYBOX|FEATURE_INSTALLER|FEATURE_SHOW_SCRIPT|FEATURE_VERBOSE_USAGE|SHOW_USAGE|FEATURE_COMPRESS_USAGE|FEATURE_TEST_64|FEATURE_HISTFILE|FEATURE_NON_POSIX_CP|MONOTONIC_SYSCALL|FEATURE_RTMINMAX|FEATURE_SYSLOG)[A-Z0-9_]*[= ]' \
	"$deb" >.tf-frag || :
syms=$(sed -E 's/^(# )?(CONFIG_[A-Z0-9_]+).*/\2/' .tf-frag)
for s in $syms; do
	sed -i -E "/^(# )?$s[= ]/d" .config
done
sed -n -E 's/^# (CONFIG_HUSH[A-Z0-9_]*) is not set$/\1=y/p' .config |
	sed 's/^CONFIG_HUSH_MEMLEAK=y$/# CONFIG_HUSH_MEMLEAK is not set/' >>.tf-frag
sed -i -E '/^# CONFIG_HUSH[A-Z0-9_]* is not set$/d' .config
cat .tf-frag >>.config
yes '' | make -s oldconfig >/dev/null 2>&1
echo '# tf-shells configured' >>.config
for s in ASH HUSH AWK; do
	grep -q "^CONFIG_$s=y" .config ||
		{ echo "busybox-config.sh: $s not enabled" >&2; exit 1; }
done
