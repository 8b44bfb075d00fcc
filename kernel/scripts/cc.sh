# SPDX-License-Identifier: GPL-2.0
#
# The compiler of the kernel builds; sourced with $top set to the checkout.
# Sets $cc: gcc through ccache when there is one, hashing paths relative
# to the checkout so that every clone hits the same cache.

cc=gcc
if command -v ccache >/dev/null 2>&1; then
	cc="ccache gcc"
	CCACHE_BASEDIR=$top
	CCACHE_NOHASHDIR=1
	export CCACHE_BASEDIR CCACHE_NOHASHDIR
fi
