#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Tests of the trusted-for CLI (TAP): verdicts and exit codes against
# the decision table of libtrustedfor(3) on the backends this kernel offers (exec securebits set with
# 'trusted-for run'; fs.trust_policy set with 'trusted-for policy set'), bad
# input, scan, and a simulated kernel without support.
# Usage: test-cli.sh [PATH-TO-trusted-for]   (default: $TF_CLI)
# Needs root for the tmpfs mounts; skips (exit 77) otherwise.

CLI=${1:-${TF_CLI:?usage: test-cli.sh PATH-TO-trusted-for}}
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/tap.sh"
. "$top/tests/lib/cli.sh"
. "$top/tests/lib/expect.sh"
fixture=$top/tests/lib/fixture.sh
cli_preamble "$CLI"
PY=$(command -v python3 || true)
echo "# CLI: $CLI, backend: $backend"

D=$(mktemp -d /tmp/tf-test-cli.XXXXXX)
chmod 0755 "$D"
cleanup() {
	"$fixture" umount "$D"
	rm -rf "$D"
	if [ -n "${orig_policy:-}" ]; then
		"$CLI" policy set "$orig_policy" >/dev/null
	fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM
"$fixture" mount "$D" && "$fixture" plant "$D" ||
	{ echo "Bail out! cannot make the fixture under $D"; exit 1; }
cli_for_nobody "$D"
ln -s "$D/x/nothing" "$D/x/dangling"
ln -s loop1 "$D/x/loop2"
ln -s loop2 "$D/x/loop1"

expect_rc 0 "uid 65534 runs the copy of the CLI" -- \
	setpriv --reuid=65534 --regid=65534 --clear-groups "$NCLI" version

# --- the decision table of libtrustedfor(3) through the CLI -------------------------------------

# setting POLICY FLAGS: the columns of tests/lib/decisions.tsv for
# fs.trust_policy POLICY and the exec securebits FLAGS, on this kernel.
setting() {
	s=
	[ $have_tf = 1 ] && s=tf$1
	if [ $have_xc = 1 ]; then
		case $2 in
		none) c=none ;;
		--restrict-file) c=rf ;;
		--deny-interactive) c=di ;;
		*) c=both ;;
		esac
		s=${s:+$s+}$c
	fi
	echo "${s:-none}"
}

# want ORIGIN OBJECT POLICY FLAGS: expected exit code of check (99, which
# no check returns, for a row missing from the table).
want() {
	case $(expect "$1" "$2" "$(setting "$3" "$4")") in
	allow) echo 0 ;;
	deny) echo 1 ;;
	*) echo 99 ;;
	esac
}

# The row of the table of each file of the fixture.
row() {
	case $1 in
	x/x | x/xr | nx/nx | nx/nxr) echo "${1#*/}" ;;
	*) echo nonreg ;;
	esac
}

if [ $have_tf = 1 ]; then
	orig_policy=$("$CLI" policy get | cut -d' ' -f1)
	policies="0 1 2 3"
else
	policies=-
fi
if [ $have_xc = 1 ]; then
	flagsets="none --restrict-file --deny-interactive --restrict-file,--deny-interactive"
else
	flagsets=none
fi
files="x/x x/xr nx/nx nx/nxr x/dir x/fifo x/null"

for p in $policies; do
	if [ "$p" != - ]; then
		expect_rc 0 "policy set $p" -- "$CLI" policy set "$p"
		expect_out "fs.trust_policy = $p" "policy set $p says so"
		out=$("$CLI" status)
		expect_out "fs.trust_policy): $p," "status shows policy $p"
	fi
	for fs in $flagsets; do
		if [ "$fs" = none ]; then
			run=""
		else
			run="$CLI run $(echo "$fs" | tr , ' ') --"
		fi
		for f in $files; do
			# shellcheck disable=SC2086
			expect_rc "$(want file "$(row $f)" "$p" "$fs")" "check $f, policy $p, $fs" \
				-- $run "$CLI" check "$D/$f"
			# shellcheck disable=SC2086
			expect_rc "$(want stdin "$(row $f)" "$p" "$fs")" "check --origin stdin $f, policy $p, $fs" \
				-- $run "$CLI" check --origin stdin "$D/$f"
		done
		# shellcheck disable=SC2086
		expect_rc "$(want stdin xr "$p" "$fs")" "check - < x/xr, policy $p, $fs" \
			-- sh -c "$run \"$CLI\" check - < \"$D/x/xr\""
		# shellcheck disable=SC2086
		expect_rc "$(want stdin nonreg "$p" "$fs")" "echo | check -, policy $p, $fs" \
			-- sh -c "echo echo hi | $run \"$CLI\" check -"
		# shellcheck disable=SC2086
		expect_rc "$(want inline - "$p" "$fs")" "check --origin inline, policy $p, $fs" \
			-- $run "$CLI" check --origin inline
	done
done

# The messages an admin reads.
if [ $have_xc = 1 ]; then
	# Where both backends exist, the loop above left a system-wide policy
	# in force: these messages are about the per-process one alone.
	if [ $have_tf = 1 ]; then
		"$CLI" policy set 0 >/dev/null
	fi
	expect_rc 1 "refusal message" -- "$CLI" run --restrict-file -- "$CLI" check "$D/nx/nx"
	expect_out "nx/nx: refused by the process's execution policy (noexec mount)" \
		"refusal names the file, the policy and the reason"
	expect_rc 0 "non-enforced failure" -- "$CLI" check "$D/x/xr"
	expect_out "no policy in force refuses it" "says the check fails but is not enforced"
	expect_out "hint: refused when SECBIT_EXEC_RESTRICT_FILE is set" "gives the hint"
	expect_rc 0 "status under run --lock" -- "$CLI" run --restrict-file --lock -- "$CLI" status
	expect_out "restrict files: *on, locked" "status shows RESTRICT_FILE on and locked"
	expect_out "deny interactive code: *off" "status shows DENY_INTERACTIVE off"
	# Mainline lets any process set and clear the exec securebits that are
	# not locked: run locks them unless told --no-lock.
	expect_rc 0 "run as uid 65534" -- \
		setpriv --reuid=65534 --regid=65534 --clear-groups "$NCLI" run --deny-interactive -- "$NCLI" status
	expect_out "deny interactive code: *on, locked" "unprivileged run sets and locks DENY_INTERACTIVE"
	expect_rc 0 "run --no-lock" -- "$CLI" run --restrict-file --no-lock -- "$CLI" status
	expect_out "restrict files: *on  " "run --no-lock leaves RESTRICT_FILE unlocked"
	expect_out "warning: --no-lock" "run --no-lock warns"
	expect_out "warning: not locked" "status warns about an unlocked bit"
	expect_rc 2 "run --lock then set a locked-off bit" -- \
		"$CLI" run --lock -- "$CLI" run --deny-interactive -- true
	expect_out "a locked bit cannot change" "run explains the locked bit"
	# A new user namespace would start with the default securebits: run
	# forbids them with the lock, for root and for anyone.  Only where
	# this kernel makes user namespaces at all (the guest has none).
	if command -v unshare >/dev/null && unshare -U true 2>/dev/null; then
		expect_rc 1 "run, then unshare -U" -- "$CLI" run --restrict-file -- unshare -U true
		expect_out "Operation not permitted" "unshare -U is refused under run"
		expect_rc 0 "run, then unshare -m" -- "$CLI" run --restrict-file -- unshare -m true
		expect_rc 1 "run as uid 65534, then unshare -U" -- \
			setpriv --reuid=65534 --regid=65534 --clear-groups \
			"$NCLI" run --deny-interactive -- unshare -U true
		expect_rc 0 "run --allow-userns, then unshare -U" -- \
			"$CLI" run --restrict-file --allow-userns -- unshare -U true
		expect_out "warning: --allow-userns" "run --allow-userns warns"
	else
		skip "run forbids new user namespaces" \
			"no user namespaces here: unshare -U fails without the policy"
	fi
fi
if [ $have_tf = 1 ]; then
	"$CLI" policy set 1 >/dev/null
	expect_rc 1 "refusal message" -- "$CLI" check "$D/nx/nx"
	expect_out "nx/nx: refused by the system's execution policy (noexec mount)" \
		"refusal names the file, the policy and the reason"
	expect_rc 2 "policy set 4" -- "$CLI" policy set 4
	expect_rc 2 "policy set as uid 65534" -- \
		setpriv --reuid=65534 --regid=65534 --clear-groups "$NCLI" policy set 0
	expect_out "only be changed by root" "policy set explains the privilege needed"
	out=$("$CLI" policy get)
	expect_out "^1 " "failed writes changed nothing"
	"$CLI" policy set "$orig_policy" >/dev/null
else
	expect_rc 2 "policy set 1 without trusted_for" -- "$CLI" policy set 1
	expect_out "no fs.trust_policy" "policy set explains the missing kernel feature"
fi

# --- bad input ------------------------------------------------------------

expect_rc 2 "no command" -- "$CLI"
expect_rc 2 "unknown command" -- "$CLI" frobnicate
expect_rc 0 "version" -- "$CLI" version
expect_rc 2 "check without PATH" -- "$CLI" check
expect_rc 2 "check --origin bogus" -- "$CLI" check --origin bogus "$D/x/x"
expect_rc 2 "check --origin inline with a PATH" -- "$CLI" check --origin inline "$D/x/x"
expect_rc 2 "missing path" -- "$CLI" check "$D/x/missing"
expect_out "missing: No such file or directory" "missing path is named"
expect_rc 2 "dangling symlink" -- "$CLI" check "$D/x/dangling"
expect_rc 2 "symlink loop" -- "$CLI" check "$D/x/loop1"
expect_out "Too many levels of symbolic links" "symlink loop is explained"
expect_rc 2 "unreadable file as uid 65534" -- \
	setpriv --reuid=65534 --regid=65534 --clear-groups "$NCLI" check "$D/x/xr"
expect_out "Permission denied" "unreadable file: an I/O error, not a refusal"
# scan's prediction on a noexec mount, where faccessat(2) cannot tell the
# permission: a supplementary group and a POSIX ACL count as the kernel
# counts them.
mkdir -p "$D/nx/perm"
printf 'echo x\n' >"$D/nx/perm/g750"
chown 0:4242 "$D/nx/perm/g750"
chmod 0754 "$D/nx/perm/g750"
expect_rc 0 "scan --policy 2 as uid 65534 in supplementary group 4242" -- \
	setpriv --reuid=65534 --regid=65534 --groups=4242 "$NCLI" scan --policy 2 "$D/nx/perm"
expect_rc 1 "scan --policy 2 as uid 65534 without the group" -- \
	setpriv --reuid=65534 --regid=65534 --clear-groups "$NCLI" scan --policy 2 "$D/nx/perm"
printf 'echo x\n' >"$D/nx/perm/acl"
chmod 0704 "$D/nx/perm/acl"
rm -f "$D/nx/perm/g750"
if command -v setfacl >/dev/null && setfacl -m u:65534:rx "$D/nx/perm/acl" 2>/dev/null; then
	expect_rc 0 "scan --policy 2 as uid 65534 named in the file's ACL" -- \
		setpriv --reuid=65534 --regid=65534 --clear-groups "$NCLI" scan --policy 2 "$D/nx/perm"
	setfacl -m u:65534:r "$D/nx/perm/acl"
	expect_rc 1 "scan --policy 2 as uid 65534 whose ACL entry has no x" -- \
		setpriv --reuid=65534 --regid=65534 --clear-groups "$NCLI" scan --policy 2 "$D/nx/perm"
else
	skip "scan with a POSIX ACL" "no setfacl, or tmpfs without ACLs"
fi
rm -rf "$D/nx/perm"
expect_rc 2 "an error wins over a refusal and a trusted file" -- \
	"$CLI" check "$D/x/x" "$D/x/missing"
expect_rc 2 "run without command" -- "$CLI" run --restrict-file --
expect_rc 2 "run without bits" -- "$CLI" run -- true
if [ $have_xc = 1 ]; then
	expect_rc 127 "run a missing command" -- "$CLI" run --restrict-file -- /nonexistent/cmd
fi
expect_rc 2 "scan --policy 9" -- "$CLI" scan --policy 9 "$D"
expect_rc 2 "scan without DIR" -- "$CLI" scan --policy 1

# --- a kernel without support (simulated in the test build) ---------------

# The shipped CLI has no test seam: the variable changes nothing.
expect_rc 0 "shipped CLI: status with TRUSTED_FOR_FORCE_BACKEND=none" -- \
	env TRUSTED_FOR_FORCE_BACKEND=none "$CLI" status
expect_out "backend: $backend\$" "shipped CLI ignores TRUSTED_FOR_FORCE_BACKEND"
if [ $have_xc = 1 ]; then
	expect_rc 1 "shipped CLI: a refused file stays refused with TRUSTED_FOR_FORCE_BACKEND=none" -- \
		env TRUSTED_FOR_FORCE_BACKEND=none "$CLI" run --restrict-file -- "$CLI" check "$D/nx/nxr"
fi

# The test build of the same source, with the seam.
TCLI=$(dirname "$CLI")/../tests/trusted-for-test
if [ -x "$TCLI" ]; then
	none="env TRUSTED_FOR_FORCE_BACKEND=none"
	expect_rc 0 "status, no kernel support" -- $none "$TCLI" status
	expect_out "backend: none" "status names no backend"
	expect_out "nothing is enforced" "status says nothing is enforced"
	expect_rc 0 "check, no kernel support" -- $none "$TCLI" check "$D/nx/nxr"
	expect_out "offers no execution check" "check explains why it trusts"
	expect_rc 2 "check missing path, no kernel support" -- $none "$TCLI" check "$D/x/missing"
	expect_rc 2 "run, no kernel support" -- $none "$TCLI" run --restrict-file -- true
	expect_out "no exec securebits" "run explains the missing kernel feature"
	expect_rc 2 "policy set, no kernel support" -- $none "$TCLI" policy set 1
	expect_rc 2 "scan without --policy, no kernel support" -- $none "$TCLI" scan "$D/x"
	expect_rc 1 "scan --policy 1, no kernel support" -- $none "$TCLI" scan --policy 1 "$D/nx"
else
	not_ok "test build of the CLI $TCLI is missing"
fi

# --- scan -----------------------------------------------------------------

T=$D/x/tree
mkdir -p "$T/a/b" "$T/bin"
printf 'echo x\n' > "$T/bin/ok.sh"; chmod 0755 "$T/bin/ok.sh"
printf 'echo x\n' > "$T/a/b/noexec-bit.sh"; chmod 0644 "$T/a/b/noexec-bit.sh"
mkfifo "$T/a/fifo"
ln -s . "$T/a/self"
ln -s / "$T/a/escape"
ln -s "$D/nx" "$T/to-noexec"
mkdir "$D/nx/sub"
printf 'echo x\n' > "$D/nx/sub/s.sh"; chmod 0755 "$D/nx/sub/s.sh"
# A tree deeper than PATH_MAX.
long=dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd
(
	cd "$T" || exit 1
	i=0
	while [ $i -lt 50 ]; do
		mkdir "$long" && cd -P "$long" || exit 1
		i=$((i + 1))
	done
	printf 'echo deep\n' > deep.sh
	chmod 0400 deep.sh
) || { echo "Bail out! cannot build the deep tree"; exit 1; }

expect_rc 1 "scan --policy 2 of a tree" -- "$CLI" scan --policy 2 "$T"
expect_out "noexec-bit.sh: no execute permission" "scan lists a file without x bit"
expect_out "deep.sh: no execute permission" "scan reaches a file deeper than PATH_MAX"
expect_out "symlinks not followed" "scan prints a summary"
if printf '%s\n' "$out" | grep -q -e "ok.sh" -e "/escape/" -e "/self/" -e "s.sh"; then
	not_ok "scan follows no symlink and lists no trusted file"
	note "$out"
else
	ok "scan follows no symlink and lists no trusted file"
fi
expect_rc 0 "scan --policy 0 refuses nothing readable" -- "$CLI" scan --policy 0 "$T"
expect_rc 1 "scan --policy 1 of mounts" -- "$CLI" scan --policy 1 "$D/x" "$D/nx"
expect_out "nx/sub/s.sh: noexec mount" "scan --policy 1 finds files on the noexec mount"
expect_out "3 refused" "scan --policy 1 counts the noexec files"
if [ $have_tf = 1 ] || [ $have_xc = 1 ]; then
	[ $have_tf = 1 ] && "$CLI" policy set 1 >/dev/null
	expect_rc 1 "scan asking the kernel" -- "$CLI" scan "$D/nx"
	expect_out "nx/sub/s.sh: noexec mount" "scan asking the kernel finds the noexec file"
	[ $have_tf = 1 ] && "$CLI" policy set "$orig_policy" >/dev/null
fi
if [ -n "$PY" ]; then
	json=$(timeout 10 "$CLI" scan --policy 3 --json "$T" "$D/nx" 2>/dev/null)
	if printf '%s' "$json" | "$PY" -c '
import json, sys
d = json.load(sys.stdin)
paths = [r["path"] for r in d["refused"]]
assert d["prediction"] and d["policy"] == 3, d
assert d["summary"]["refused"] == len(paths) == 5, paths
assert any(p.endswith("deep.sh") for p in paths), paths
assert "no execute permission" in d["refused"][0]["reasons"] or True
'; then
		ok "scan --json is valid JSON with the refused files"
	else
		not_ok "scan --json is valid JSON with the refused files"
		note "$json"
	fi
else
	skip "scan --json" "no python3 to parse JSON"
fi

# --- the audit line ----------------------------------------------------------

TLIB=$(dirname "$CLI")/../tests/test-lib
if [ $have_xc = 1 ] && [ -n "$PY" ] && [ -x "$TLIB" ]; then
	printf 'true\n' >"$D/nx/logged"
	chmod 0755 "$D/nx/logged"
	unshare -m --propagation unchanged "$PY" "$(dirname "$0")/syslog-line.py" "$CLI" "$TLIB" "$D/nx/logged" >"$D/syslog.tap" 2>&1
	while IFS= read -r line; do
		case $line in
		"ok - "*) ok "syslog: ${line#ok - }" ;;
		"not ok - "*) not_ok "syslog: ${line#not ok - }" ;;
		*) echo "$line" ;;
		esac
	done <"$D/syslog.tap"
	grep -q '^ok - ' "$D/syslog.tap" || not_ok "syslog-line.py ran no test"
else
	skip "syslog line" "needs AT_EXECVE_CHECK, python3 and test-lib"
fi

tap_end
