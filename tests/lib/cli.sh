# SPDX-License-Identifier: GPL-2.0
#
# Helpers of the shell tests that drive the trusted-for CLI as root;
# sourced after tests/lib/tap.sh, not run.
#
#   cli_preamble CLI          skip (exit 77) unless root, bail out unless
#                             CLI is executable; sets $backend (what
#                             "CLI status" names), $have_tf and $have_xc
#                             (1 when trusted_for(2), AT_EXECVE_CHECK is
#                             there, else 0)
#   cli_for_nobody DIR        copy CLI and its library (found through its
#                             RUNPATH $ORIGIN/../lib) to a tmpfs mounted on
#                             DIR/u, which uid 65534 may enter: the build
#                             tree may sit under a directory only root may
#                             enter (a clone in /root, mode 0700).  Sets
#                             $NCLI, the copy.  fixture.sh umount DIR
#                             unmounts it.
#   expect_rc WANT TEXT -- CMD...
#                             run CMD (5 s at most, output in $out), one
#                             result: its exit status is WANT
#   expect_out PATTERN TEXT   one result: $out matches PATTERN (grep)

cli_preamble() {
	CLI=$1
	if [ "$(id -u)" -ne 0 ]; then
		echo "1..0 # SKIP $(basename "$0") needs root (tmpfs mounts, securebits, sysctl)"
		exit 77
	fi
	if [ ! -x "$CLI" ]; then
		echo "Bail out! $CLI is not executable (make userspace)"
		exit 1
	fi
	backend=$("$CLI" status | sed -n 's/.*backend: //p')
	case $backend in
	*trusted_for*) have_tf=1 ;;
	*) have_tf=0 ;;
	esac
	case $backend in
	*execve_check*) have_xc=1 ;;
	*) have_xc=0 ;;
	esac
}

cli_for_nobody() {
	mkdir -p "$1/u"
	mount -t tmpfs -o mode=0755,nosuid tf-nobody "$1/u" ||
		{ echo "Bail out! mount tmpfs for uid 65534"; exit 1; }
	mkdir "$1/u/bin" "$1/u/lib"
	cp "$CLI" "$1/u/bin/trusted-for" &&
		cp -P "$(dirname "$CLI")"/../lib/libtrustedfor.so* "$1/u/lib/" ||
		{ echo "Bail out! cannot copy the CLI and its library to $1/u"; exit 1; }
	NCLI=$1/u/bin/trusted-for
}

expect_rc() {
	_want=$1 _desc=$2
	shift 3
	out=$(timeout 5 "$@" 2>&1)
	rc=$?
	if [ "$rc" -eq "$_want" ]; then
		ok "$_desc (exit $rc)"
	else
		not_ok "$_desc (exit $rc, want $_want)"
		note "\$ $*" "$out"
	fi
}

expect_out() {
	if printf '%s\n' "$out" | grep -q -- "$1"; then
		ok "$2"
	else
		not_ok "$2"
		note "want: $1" "got: $out"
	fi
}
