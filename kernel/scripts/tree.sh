#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Recreate an editable kernel git tree from Debian's linux-source-6.12
# tarball plus the series in kernel/patches/, or regenerate the series from
# that tree.  The patches are the source of truth: "tree" always starts from
# the tarball, "series" writes them back.
#
#   tree.sh tree   [DIR]   unpack, commit the base, git am the series
#   tree.sh ensure [DIR]   the same, unless DIR already holds this series;
#                          refuses to drop local work made on top of it
#   tree.sh series [DIR]   git format-patch base..HEAD into kernel/patches/
#
# Exit codes: 0 done, 1 a step failed, 2 usage error.

set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
patches="$top/kernel/patches"
tarball=${KERNEL_TARBALL:-/usr/src/linux-source-6.12.tar.xz}
# One identity for the base commit and the series, with fixed dates for the
# base, so that the base commit id (quoted as base-commit: in the cover
# letter) is the same on every machine for the same tarball.
ident_name="Trusted-for Developers"
ident_mail="devel@trusted-for.example"
base_date="2024-11-17T00:00:00Z"

die() {
	echo "tree.sh: $*" >&2
	exit 1
}

git_id() {
	git -c user.name="$ident_name" -c user.email="$ident_mail" \
		-c core.autocrlf=false -c gc.auto=0 "$@"
}

make_tree() {
	dir=$1
	[ -r "$tarball" ] || die "$tarball: not readable (apt-get install linux-source-6.12)"
	if [ -e "$dir" ]; then
		echo "tree.sh: removing old tree $dir" >&2
		rm -rf "$dir"
	fi
	mkdir -p "$dir"
	echo "tree.sh: unpacking $tarball into $dir" >&2
	tar -xJf "$tarball" -C "$dir" --strip-components=1
	cd "$dir"
	git init -q -b base-import
	git_id add -A -f .
	GIT_AUTHOR_DATE=$base_date GIT_COMMITTER_DATE=$base_date \
		git_id commit -q --no-verify \
		-m "Import $(basename "$tarball") $(dpkg-query -W -f='${Version}' linux-source-6.12 2>/dev/null || echo unknown)"
	git tag -f base >/dev/null
	git checkout -q -b trusted-for
	for p in "$patches"/[0-9][0-9][0-9][0-9]-*.patch; do
		case $(basename "$p") in
		0000-*) continue ;;
		esac
		[ -e "$p" ] || continue
		git_id am -q --keep-cr "$p" || die "$p: does not apply (git am --abort in $dir)"
	done
	echo "$(patches_hash) $(git rev-parse HEAD)" >.git/trusted-for-stamp
	echo "tree.sh: $dir at $(git log --oneline -1), $(git rev-list --count base..HEAD) patches on base $(git rev-parse --short base)" >&2
}

patches_hash() {
	cat "$patches"/[0-9][0-9][0-9][0-9]-*.patch 2>/dev/null | sha256sum | cut -d' ' -f1
}

ensure_tree() {
	dir=$1
	stamp=$dir/.git/trusted-for-stamp
	if [ ! -r "$stamp" ]; then
		[ ! -e "$dir" ] || die "$dir exists but was not made by tree.sh: move it away or run 'make kernel-tree-reset'"
		make_tree "$dir"
		return
	fi
	read -r hash head <"$stamp"
	[ "$hash" = "$(patches_hash)" ] && return 0
	# The series changed: rebuild the tree, unless it holds work that is
	# not in kernel/patches yet.
	if [ "$(git -C "$dir" rev-parse HEAD)" != "$head" ] ||
		[ -n "$(git -C "$dir" status --porcelain --untracked-files=no)" ]; then
		die "$dir has local work and kernel/patches changed: save it with 'make kernel-series' or drop it with 'make kernel-tree-reset'"
	fi
	make_tree "$dir"
}

# Pull the subject and the blurb out of the current cover letter, so that a
# regenerated series keeps them.
cover_subject() {
	sed -n 's/^Subject: \[PATCH[^]]*\] //p' "$1" | head -n 1
}

cover_blurb() {
	# From the first blank line after the headers to the shortlog
	# ("Author (N):" line), without the trailing blank lines.
	awk '
		!hdr && /^$/ { hdr = 1; next }
		hdr && /^[^ ].* \([0-9]+\):$/ { exit }
		hdr { print }
	' "$1" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
}

write_series() {
	dir=$1
	[ -d "$dir/.git" ] || die "$dir: no kernel git tree (run: make kernel-tree)"
	old_cover=$(ls "$patches"/0000-*.patch 2>/dev/null | head -n 1 || true)
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	(cd "$dir" && git_id format-patch -q --cover-letter --base=base --no-signature \
		--subject-prefix="PATCH v11" -o "$tmp" base..HEAD)
	new_cover=$(ls "$tmp"/0000-*.patch)
	if [ -n "$old_cover" ]; then
		subject=$(cover_subject "$old_cover")
		cover_blurb "$old_cover" >"$tmp/blurb"
		awk -v subj="$subject" -v blurbf="$tmp/blurb" '
			/\*\*\* SUBJECT HERE \*\*\*/ { sub(/\*\*\* SUBJECT HERE \*\*\*/, subj) }
			/^\*\*\* BLURB HERE \*\*\*$/ {
				while ((getline l < blurbf) > 0) print l
				next
			}
			{ print }
		' "$new_cover" >"$tmp/cover"
		mv "$tmp/cover" "$new_cover"
	fi
	# No trailing white space anywhere, so that checkpatch is clean on the
	# files as well as on the patches: a blank context line becomes an
	# empty line, which git apply reads the same way.
	for p in "$tmp"/*.patch; do
		sed -i 's/^ $//' "$p"
	done
	rm -f "$patches"/[0-9][0-9][0-9][0-9]-*.patch
	mkdir -p "$patches"
	cp "$tmp"/*.patch "$patches"/
	# The tree now matches the series.
	echo "$(patches_hash) $(git -C "$dir" rev-parse HEAD)" >"$dir/.git/trusted-for-stamp"
	ls "$patches"
}

cmd=${1:-}
dir=${2:-$top/build/linux}
case $cmd in
tree) make_tree "$dir" ;;
ensure) ensure_tree "$dir" ;;
series) write_series "$dir" ;;
*)
	echo "usage: $0 tree|ensure|series [DIR]" >&2
	exit 2
	;;
esac
