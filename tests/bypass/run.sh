#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The bypass suite: every route an attacker could take to run code that the
# policy refuses, per interpreter, on one kernel.  Prints TAP; exits 1 if a
# route's outcome differs from what its line says.
#
#   run.sh host  [ID-PATTERN]   # AT_EXECVE_CHECK: each command runs under
#                               # $T = trusted-for run --restrict-file
#                               #       --deny-interactive --  (locked)
#   run.sh guest [ID-PATTERN]   # trusted_for: fs.trust_policy=1, $T empty
#
# Routes are lines of tests/bypass/*.routes:
#
#   ID | ITEM | HOST | GUEST | COMMAND
#
# ID names the route; ITEM is the number of the attack in the list of
# issue 8 it reproduces, or "-".  HOST and GUEST say what must happen
# there: "refused" (the planted code must not run), "runs" (out of scope:
# the code runs, and SECURITY.md must name ID with the reason), or "-"
# (the route means nothing on that kernel: not run).
#
# A "refused" route is first run without the policy ($T empty on the host,
# fs.trust_policy=0 in the guest), where its code must run: that proves the
# route works, so that a refusal means the policy refused it and not that
# the command was broken.  "refused*" is for the few routes that bring
# their own policy or refuse by design without one (no control run).  A
# command whose set-up fails prints BYPASS-SETUP-FAILED: the route fails.
#
# COMMAND is run by
# /bin/sh as root, stdin from /dev/null, with a clean environment and:
#
#   $T       the policy for the command's interpreter (empty in the guest:
#            the policy is system-wide there)
#   $X $NX   an exec and a noexec tmpfs (tests/lib/fixture.sh mount)
#   $MARK    the file that planted code creates: the route "ran" iff it
#            exists afterwards
#   $EVIL    shell code that creates $MARK
#   $X/ok.sh, $X/okx.sh (a trusted script that does set -x), $X/ok.py,
#   $NX/evil.sh, $NX/evil.py: scripts of mode 0755; the evil ones create
#   $MARK
#   $DASH $ASH $BASH $PY $TF $SECCOMP: the enlightened dash, ash, bash,
#   tf-python3, the trusted-for CLI, and tests/bypass/seccomp-deny
#   $W       a scratch directory of the route
#
# A file NAME.setup beside NAME.routes, if any, is sourced once before the
# routes of NAME.routes run, with the same variables: it may plant more.

set -u
mode=${1:-}
pattern=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$top/tests/lib/tap.sh"
build=${BUILD_DIR:-$top/build}
TF=${TF_CLI:-$build/userspace/bin/trusted-for}
DASH=$build/shells/bin/dash
ASH=$build/shells/bin/ash
BASH=$build/shells/bin/bash
PY=$build/python/bin/tf-python3
SECCOMP=$build/userspace/tests/seccomp-deny
export TF DASH ASH BASH PY SECCOMP

case $mode in
host | guest) ;;
*) echo "usage: $0 host|guest [ID-PATTERN]" >&2; exit 2 ;;
esac
[ "$(id -u)" -eq 0 ] || { echo "1..0 # SKIP needs root (mounts)"; exit 77; }
[ -x "$TF" ] || { echo "not ok 1 - $TF missing (make userspace)"; exit 1; }

if [ "$mode" = host ]; then
	if ! "$TF" status 2>/dev/null | grep -q '^AT_EXECVE_CHECK.*available'; then
		echo "1..0 # SKIP no AT_EXECVE_CHECK on this kernel"
		exit 77
	fi
	T="$TF run --restrict-file --deny-interactive --"
else
	[ -e /proc/sys/fs/trust_policy ] ||
		{ echo "not ok 1 - guest mode on a kernel without trusted_for"; exit 1; }
	old_policy=$(cat /proc/sys/fs/trust_policy)
	T=
fi
export T

root=$(mktemp -d /tmp/tf-bypass.XXXXXX)
X=$root/x
NX=$root/nx
MARK=$root/mark/ran
mkdir -p "$root/mark"
chmod 0777 "$root/mark"
cleanup() {
	[ "$mode" = guest ] && echo "$old_policy" >/proc/sys/fs/trust_policy
	"$top/tests/lib/fixture.sh" umount "$root"
	rm -rf "$root"
}
trap cleanup EXIT
# The mounts of the common fixture, without its objects: the routes plant
# their own.
"$top/tests/lib/fixture.sh" mount "$root" || exit 1
EVIL="touch '$MARK'"
export X NX MARK EVIL

printf '#!/bin/sh\ntrue\n' >"$X/ok.sh"
printf '#!/bin/sh\nset -x\ntrue\n' >"$X/okx.sh"
printf '#!/bin/sh\n%s\n' "$EVIL" >"$NX/evil.sh"
printf 'pass\n' >"$X/ok.py"
printf 'open(%s, "w").close()\n' "'$MARK'" >"$NX/evil.py"
chmod 0755 "$X"/* "$NX"/*

[ "$mode" = guest ] && echo 1 >/proc/sys/fs/trust_policy

# route COMMAND T POLICY: run COMMAND with $T set to T (host) or under
# fs.trust_policy=POLICY (guest) in a fresh $W; sets rc and got (runs or
# refused, from the marker).
route() {
	rm -rf "$W"
	mkdir -p "$W"
	chmod 0777 "$W"
	rm -f "$MARK"
	[ "$mode" = guest ] && echo "$3" >/proc/sys/fs/trust_policy
	env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$W" TERM=dumb \
		T="$2" X="$X" NX="$NX" MARK="$MARK" EVIL="$EVIL" W="$W" \
		TF="$TF" DASH="$DASH" ASH="$ASH" BASH="$BASH" PY="$PY" \
		SECCOMP="$SECCOMP" ${PYHOME:+PYHOME="$PYHOME"} \
		timeout -k 5 90 /bin/sh -c "$1" </dev/null >"$W/out" 2>&1
	rc=$?
	[ "$mode" = guest ] && echo 1 >/proc/sys/fs/trust_policy
	if [ -e "$MARK" ]; then got=runs; else got=refused; fi
}

for bin in "$DASH" "$ASH" "$BASH" "$PY" "$SECCOMP"; do
	[ -x "$bin" ] || { echo "not ok 1 - $bin missing (make shells python userspace)"; exit 1; }
done

for routes in "$here"/*.routes; do
	setup=${routes%.routes}.setup
	if [ -r "$setup" ]; then
		# shellcheck disable=SC1090
		. "$setup" || { not_ok "$(basename "$setup") failed"; continue; }
	fi
	while IFS='|' read -r id item host guest cmd; do
		id=$(echo "$id" | sed 's/^ *//; s/ *$//')
		case $id in '' | '#'*) continue ;; esac
		item=$(echo "$item" | tr -d ' ')
		[ "$mode" = host ] && want=$host || want=$guest
		want=$(echo "$want" | tr -d ' ')
		[ "$want" = - ] && continue
		[ -n "$pattern" ] && case $id in $pattern) ;; *) continue ;; esac
		W=$root/w$((n + 1))
		tag="[$mode] $id"
		[ "$item" = - ] || tag="$tag (item $item)"
		control=1
		case $want in
		refused) ;;
		'refused*') want=refused; control=0 ;;
		runs) control=0 ;;
		*) not_ok "$tag: bad expectation '$want'"; continue ;;
		esac
		if [ $control = 1 ]; then
			route "$cmd" "" 0
			if [ "$got" != runs ]; then
				not_ok "$tag: control: without the policy the code did not run either (exit $rc): a broken route"
				head -n 20 "$W/out" | sed 's/^/#   /'
				continue
			fi
		fi
		route "$cmd" "$T" 1
		if grep -q BYPASS-SETUP-FAILED "$W/out"; then
			not_ok "$tag: the route's set-up failed"
			head -n 20 "$W/out" | sed 's/^/#   /' 
		elif [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
			not_ok "$tag: timed out"
		elif [ "$got" != "$want" ]; then
			not_ok "$tag: expected $want, the code $( [ "$got" = runs ] && echo ran || echo did not run) (exit $rc)"
			head -n 20 "$W/out" | sed 's/^/#   /' 
		elif [ "$want" = runs ] && ! grep -q -- "\`$id\`" "$top/SECURITY.md"; then
			not_ok "$tag: runs, but SECURITY.md does not list it as out of scope"
		elif [ "$want" = runs ]; then
			ok "$tag: runs, as SECURITY.md lists it (by design or a known gap)"
		else
			ok "$tag: refused (exit $rc)$( [ $control = 1 ] && echo ", runs without the policy")"
		fi
	done <"$routes"
done
tap_end
