# SPDX-License-Identifier: GPL-2.0
#
# The C compiler of an integration's build (shells, perl, mawk, wine):
#
#   . "$top/shells/scripts/ccache.sh"
#   use_ccache "$OUT"
#
# Sets CC to gcc, through ccache when there is one.  Paths are hashed
# relative to OUT, so that the two variants of an interpreter (patched and
# not) and every clone of the project share cache entries: a new clone
# builds from the user's ccache (CCACHE_DIR, or ccache's own default)
# instead of compiling everything again.

use_ccache() {
	CC=gcc
	if command -v ccache >/dev/null 2>&1; then
		CC="ccache gcc"
		CCACHE_BASEDIR=$1
		CCACHE_NOHASHDIR=1
		export CCACHE_BASEDIR CCACHE_NOHASHDIR
	fi
}
