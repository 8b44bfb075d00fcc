#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Tests of `trusted-for interpreters` (TAP): the ELF note of lib/tf-note.h
# found in 32- and 64-bit, little- and big-endian files, by program or
# section header; files that are not ELF, truncated, empty, a FIFO, a
# dangling symlink; the JSON; the exit codes; no descriptor leaked; then
# this host: Debian's interpreters open, the project's builds enlightened.
# Usage: test-interpreters.sh PATH-TO-trusted-for   (no root needed)

CLI=${1:?usage: test-interpreters.sh PATH-TO-trusted-for}
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/tap.sh"
. "$top/tests/lib/cli.sh"
mkelf="python3 $top/tests/userspace/make-elf.py"
[ -x "$CLI" ] || { echo "Bail out! $CLI is not executable (make userspace)"; exit 1; }
command -v python3 >/dev/null || { echo "Bail out! python3 is missing (make deps)"; exit 1; }
V=$(cat "$top/VERSION")

D=$(mktemp -d /tmp/tf-test-interp.XXXXXX)
trap 'rm -rf "$D"' EXIT
trap 'exit 1' INT TERM
B=$D/bin
mkdir "$B" "$D/fifo" "$D/many"
# A program built with the library (the CLI itself), under a shell's name,
# and a symlink to it: one line for both.
cp "$CLI" "$B/dash"
ln -s dash "$B/sh"
# Debian's perl: no note.
cp /usr/bin/perl "$B/perl5.36.0"
printf 'garbage, not a program\n' >"$B/python3"
head -c 40 "$CLI" >"$B/ruby"			# ends inside the ELF header
head -c 200 "$CLI" >"$B/lua"			# ends inside the program headers
: >"$B/R"
printf '#!/bin/sh\nexec /usr/bin/tclsh8.6 "$@"\n' >"$B/tclsh"
ln -s nowhere "$B/awk"
printf 'not looked at\n' >"$B/notes.txt"
mkfifo "$B/perl" "$D/fifo/perl"
$mkelf "$B/node" 64 msb phdr &&
	$mkelf "$B/php" 32 msb shdr &&
	$mkelf "$B/guile" 32 lsb phdr &&
	$mkelf "$B/gawk" 64 msb other &&
	$mkelf "$B/wish" 32 lsb badphoff &&
	$mkelf "$B/ksh" 64 lsb bignum ||
	{ echo "Bail out! make-elf.py failed"; exit 1; }

# --- one directory -------------------------------------------------------

expect_rc 1 "a directory with open interpreters: exit 1" -- "$CLI" interpreters "$B"
text=$out
expect_out "^enlightened $V  *-  *$B/dash (via $B/sh)\$" \
	"the library's note found; the symlink on the line of its real file"
[ "$(printf '%s\n' "$out" | grep -c "$B/dash")" -eq 1 ] &&
	ok "the real file listed once" || not_ok "the real file listed once"
expect_out "^open  *-  *$B/perl5.36.0\$" "Debian's perl: open"
expect_out "^open .*$B/python3: not an ELF file nor a script" "garbage named python3: open, said why"
expect_out "^trusted-for: $B/python3: not an ELF file nor a script" "garbage: a message on stderr"
expect_out "^open .*$B/ruby: truncated ELF file (the ELF header is incomplete)" \
	"an ELF file cut in its header: open, said why"
expect_out "^open .*$B/lua: truncated ELF file (program headers past the end)" \
	"an ELF file cut in its program headers: open, said why"
expect_out "^open .*$B/wish: truncated ELF file (program headers past the end)" \
	"program headers said to lie past the end: open, said why"
expect_out "^open .*$B/R: an empty file" "an empty file: open, said why"
expect_out "^open .*$B/ksh: not a valid ELF file (4611686018427387904 section headers)" \
	"2^62 section headers (extended numbering): open, said why, nothing read"
expect_out "^open .*$B/tclsh: a script (#!/bin/sh)" "a #! wrapper: open, its line named"
expect_out "^enlightened 9.8.7 .*$B/node\$" "64-bit big-endian, note in a PT_NOTE segment"
expect_out "^enlightened 9.8.7 .*$B/php\$" "32-bit big-endian, note in an SHT_NOTE section"
expect_out "^enlightened 9.8.7 .*$B/guile\$" "32-bit little-endian, note in a PT_NOTE segment"
expect_out "^open .*$B/gawk\$" "another owner's note is not ours"
expect_out "^trusted-for: $B/perl: not a regular file, skipped" "a FIFO: skipped without waiting"
expect_out "^trusted-for: $B/awk: a dangling symlink, skipped" "a dangling symlink: skipped"
if printf '%s\n' "$out" | grep -q "notes.txt\|^[a-z].* $B/perl\$"; then
	not_ok "neither other names nor the FIFO listed"
else
	ok "neither other names nor the FIFO listed"
fi
expect_out "^trusted-for: 13 interpreter files (14 names): 4 enlightened, 0 locked, 9 open" "the summary"

# --- JSON ----------------------------------------------------------------

json=$(timeout 5 "$CLI" interpreters --json "$B" 2>/dev/null)
rc=$?
[ $rc -eq 1 ] && ok "--json: exit 1 too" || not_ok "--json: exit $rc, want 1"
if printf '%s\n' "$json" | python3 -m json.tool >/dev/null 2>&1; then
	ok "--json is valid JSON (python3 -m json.tool)"
else
	not_ok "--json is valid JSON (python3 -m json.tool)"
	note "$json"
fi
out=$(printf '%s\n' "$json" | python3 -c '
import json, sys
a = json.load(sys.stdin)
keys = {"name", "path", "realpath", "package", "enlightened", "locked", "version", "format", "problem"}
assert all(set(o) == keys for o in a), "fields"
assert [o["realpath"] for o in a] == sorted(o["realpath"] for o in a), "order"
by = {o["name"]: o for o in a}
assert by["sh"]["realpath"] == by["dash"]["path"] and by["sh"]["enlightened"], "symlink"
assert by["dash"]["version"] == sys.argv[1], "version"
assert by["perl5.36.0"]["enlightened"] is False and by["perl5.36.0"]["version"] is None
assert by["perl5.36.0"]["locked"] is False
assert by["python3"]["format"] == "other" and by["python3"]["problem"]
assert by["tclsh"]["format"] == "script"
assert all(o["package"] is None for o in a), "package"
print(len(a))
' "$V" 2>&1)
[ "$out" = 14 ] && ok "--json: one object per name, the fields and values expected" ||
	{ not_ok "--json: one object per name, the fields and values expected"; note "$out"; }
out=$(timeout 5 "$CLI" interpreters --json "$D/many" 2>/dev/null)
[ "$out" = "[]" ] && ok "--json: nothing found is []" || not_ok "--json: nothing found is [] (got $out)"

# --- exit codes ----------------------------------------------------------

expect_rc 0 "only enlightened interpreters: exit 0" -- "$CLI" interpreters "$B/dash" "$B/node"
expect_rc 0 "nothing found: exit 0" -- "$CLI" interpreters "$D/many"
expect_rc 2 "a PATH that does not exist: exit 2" -- "$CLI" interpreters "$B/dash" "$D/missing"
expect_out "^trusted-for: $D/missing: No such file or directory" "... named with the reason"
expect_rc 2 "a FIFO given: exit 2, without waiting" -- "$CLI" interpreters "$D/fifo/perl"
expect_rc 2 "a dangling symlink given: exit 2" -- "$CLI" interpreters "$B/awk"
expect_rc 2 "an unknown option: exit 2" -- "$CLI" interpreters --nonsense
expect_rc 0 "--help: exit 0" -- "$CLI" interpreters --help
expect_out "interpreters \[--json\] \[PATH...\]" "--help names the command"
expect_out "1 any open" "--help gives its exit codes"
expect_rc 1 "a file given is looked at whatever its name" -- "$CLI" interpreters "$B/notes.txt"

# --- locked: what trusted-for-divert leaves of a switched-out interpreter --

if [ "$(id -u)" -eq 0 ]; then
	mkdir "$D/lock"
	cp /usr/bin/perl "$D/lock/perl.distrib"
	for m in 0 400 600; do
		chmod "$m" "$D/lock/perl.distrib"
		expect_rc 0 "root's, mode $m (no x, no read but root's): locked, exit 0" -- \
			"$CLI" interpreters "$D/lock/perl.distrib"
		expect_out "^locked  *-  *$D/lock/perl.distrib\$" "... listed as locked"
	done
	for m in 444 100 700; do
		chmod "$m" "$D/lock/perl.distrib"
		expect_rc 1 "mode $m (others may read it for ld.so, or someone may run it): open" -- \
			"$CLI" interpreters "$D/lock/perl.distrib"
	done
	chmod 0 "$D/lock/perl.distrib"
	chown 65534 "$D/lock/perl.distrib"
	expect_rc 1 "mode 0 but another user's (its owner may chmod it): open" -- \
		"$CLI" interpreters "$D/lock/perl.distrib"
else
	skip "locked interpreters" "needs root (files owned by root)"
fi

# --- no descriptor leaked ------------------------------------------------

for i in 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19; do
	cp "$B/node" "$D/many/python3.$i"
done
expect_rc 0 "20 files with 16 descriptors at most: none leaked" -- \
	sh -c 'ulimit -n 16 && exec "$0" interpreters "$1"' "$CLI" "$D/many"
expect_out "20 interpreter files (20 names): 20 enlightened, 0 locked, 0 open" "... all 20 read"

# --- this host -----------------------------------------------------------

timeout 20 "$CLI" interpreters >"$D/host" 2>&1
rc=$?
note "trusted-for interpreters on this host: exit $rc"
for p in perl python3.11 dash bash mawk; do
	if [ ! -x "/usr/bin/$p" ]; then
		skip "Debian's /usr/bin/$p listed open" "/usr/bin/$p is not installed"
	elif grep -Eq "^open  *[a-z0-9.+:-]+  */usr/bin/$p( |:|\$)" "$D/host"; then
		ok "Debian's /usr/bin/$p listed open, with its package"
	else
		not_ok "Debian's /usr/bin/$p listed open, with its package"
		diag "$D/host"
	fi
done
[ $rc -eq 1 ] && ok "this host has open interpreters: exit 1" ||
	not_ok "this host has open interpreters: exit $rc, want 1"

# The project's builds, when they are there and not older than the library.
lib=$top/build/userspace/lib/libtrustedfor.a
for f in "$top"/build/shells/bin/dash "$top"/build/shells/bin/bash \
	"$top"/build/shells/bin/busybox "$top"/build/python/bin/tf-python3 \
	"$top"/build/mawk/bin/mawk "$CLI"; do
	name=${f#"$top"/}
	if [ ! -e "$f" ]; then
		skip "$name enlightened" "not built"
	elif [ "$f" != "$CLI" ] && [ "$f" -ot "$lib" ]; then
		skip "$name enlightened" "built before $lib: rebuild it to get the note"
	elif "$CLI" interpreters "$f" 2>/dev/null | grep -q "^enlightened $V "; then
		ok "$name enlightened"
	else
		not_ok "$name enlightened"
	fi
done

tap_end
