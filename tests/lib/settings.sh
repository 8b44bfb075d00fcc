# SPDX-License-Identifier: GPL-2.0
#
# The settings loop of an interpreter's test runner (NAME/tests/run.sh
# host|guest), sourced after tests/lib/tap.sh, with $CLI naming the
# trusted-for command:
#
#   settings_for BACKEND "HOST SETTINGS" "GUEST SETTINGS"
#       Checks that this kernel has what BACKEND tests (host: AT_EXECVE_CHECK
#       and the exec securebits; guest: fs.trust_policy): if not, prints a
#       TAP skip line and exits 77.  Sets $settings to the list for BACKEND.
#   setting_apply BACKEND SETTING
#       A host setting is none, rf, di or both (exec securebits); a guest
#       setting is a policy 0..3, alone or with "+rf", "+di" or "+both".
#       Writes the guest's policy, and sets $policy (empty on the host),
#       $bits (none, rf, di or both) and $wrap, the `trusted-for run`
#       prefix that sets the bits (empty for none).
#   setting_run NAME OUT COMMAND...
#       Runs $wrap COMMAND with its output in OUT, prints it, and counts
#       its closing "# count N failed N" line into $n and $failed; a
#       missing line is a failure ("NAME did not finish").
#   setting_reset BACKEND
#       Puts the guest's policy back to 0 (for a cleanup trap).
#   settings_fixture NAME
#       Makes the fixture directory $F (/tmp/tf-NAME.*, mode 0755, its real
#       path) and a trap that, on exit, puts the policy back, calls
#       fixture_umount $F (by default tests/lib/fixture.sh umount; a
#       runner with its own fixture redefines it) and removes $F.

TF_SYSCTL=/proc/sys/fs/trust_policy

settings_for() {
	case $1 in
	host)
		if ! "$CLI" status 2>/dev/null | grep -q 'AT_EXECVE_CHECK.*: *available'; then
			echo "1..0 # SKIP no AT_EXECVE_CHECK on this kernel"
			exit 77
		fi
		settings=$2
		;;
	guest)
		if ! [ -e $TF_SYSCTL ]; then
			echo "1..0 # SKIP no fs.trust_policy: run me in the guest"
			exit 77
		fi
		settings=$3
		;;
	*)
		echo "usage: run.sh host|guest ..." >&2
		exit 2
		;;
	esac
}

setting_apply() {
	policy= bits=$2
	if [ "$1" = guest ]; then
		policy=${2%%+*}
		bits=none
		case $2 in *+*) bits=${2#*+} ;; esac
		echo "$policy" >$TF_SYSCTL ||
			{ echo "Bail out! cannot write $policy to $TF_SYSCTL"; exit 1; }
	fi
	case $bits in
	none) wrap= ;;
	rf) wrap="$CLI run --restrict-file --" ;;
	di) wrap="$CLI run --deny-interactive --" ;;
	both) wrap="$CLI run --restrict-file --deny-interactive --" ;;
	*) echo "Bail out! $2: unknown setting"; exit 1 ;;
	esac
}

setting_run() {
	_name=$1 _out=$2
	shift 2
	$wrap "$@" >"$_out" 2>&1
	cat "$_out"
	_last=$(sed -n 's/^# count \([0-9]*\) failed \([0-9]*\)$/\1 \2/p' "$_out" | tail -1)
	if [ -z "$_last" ]; then
		not_ok "$_name did not finish"
		return
	fi
	n=${_last% *}
	failed=$((failed + ${_last#* }))
}

setting_reset() {
	[ "$1" = guest ] && echo 0 >$TF_SYSCTL
	return 0
}

fixture_umount() {
	"$top/tests/lib/fixture.sh" umount "$1"
}

settings_fixture() {
	F=$(mktemp -d "/tmp/tf-$1.XXXXXX") || { echo "Bail out! cannot make a directory in /tmp"; exit 1; }
	chmod 0755 "$F"
	F=$(cd "$F" && pwd -P)
	trap settings_fixture_cleanup EXIT
	trap 'exit 1' INT TERM
}

settings_fixture_cleanup() {
	setting_reset "$backend"
	fixture_umount "$F"
	rm -rf "$F"
}
