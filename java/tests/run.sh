#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# tf-java against the decision table, on one kernel, as root:
#
#   run.sh host  [BIN CLI JDK FIXTURES]   AT_EXECVE_CHECK + securebits
#   run.sh guest [BIN CLI JDK FIXTURES]   in the guest (kernel/vm/run.sh):
#                                         fs.trust_policy 0..3, and the
#                                         deny-interactive securebit
#
# BIN is the launcher, CLI the trusted-for command, JDK the JDK it runs
# (TF_JAVA_HOME: by default build/java/jdk, a jlink image of Debian's JDK
# whose files are mode 0555, as an administrator makes them executable for
# the file-permission rule; Debian ships them 0644), FIXTURES the compiled
# programs of java/tests/fixtures.sh.  The code of each route is put in
# three places named after the rows of the table (tests/lib/fixture.sh):
# x (exec mount, mode 0555), xr (exec mount, mode 0444), nx (noexec mount,
# mode 0555); tests/lib/decisions.tsv says, for each setting, which must
# be refused.  Skips (exit 77) in the guest mode where the kernel has no
# fs.trust_policy, and where the JDK or the fixtures are missing.

set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$top/tests/lib/tap.sh"
. "$top/tests/lib/expect.sh"
mode=${1:-}
bin=${2:-${JAVA_BIN:-$top/build/java/bin/tf-java}}
cli=${3:-${JAVA_CLI:-$top/build/userspace/bin/trusted-for}}
jdk=${4:-${JAVA_JDK:-$top/build/java/jdk}}
fixtures=${5:-${JAVA_FIXTURES:-$top/build/java/fixtures}}
# Small and quick, for the guest under TCG.
flags="-Xshare:auto -XX:TieredStopAtLevel=1 -Xmx64m -XX:+UseSerialGC"

case $mode in
host)
	settings="none rf di both"
	;;
guest)
	if [ ! -e /proc/sys/fs/trust_policy ]; then
		echo "1..0 # SKIP no fs.trust_policy: this kernel has no trusted_for(2)"
		exit 77
	fi
	echo "# guest kernel $(uname -r)"
	# A JVM starts in ~5 s under TCG: policy 0 is the host's "none", and
	# the routes that run are the host's; here the refusals of each policy
	# and a few routes that must still run (full() below).
	settings=${JAVA_GUEST_SETTINGS:-"tf1 tf2 tf3 tf0+di"}
	;;
*) echo "usage: run.sh host|guest [BIN CLI JDK FIXTURES]" >&2; exit 2 ;;
esac
if [ "$(id -u)" -ne 0 ]; then
	echo "1..0 # SKIP needs root (mounts tmpfs, sets the policies)"
	exit 77
fi
for f in "$bin" "$cli" "$jdk/lib/server/libjvm.so" "$fixtures/trusted/Loader.class"; do
	if [ ! -e "$f" ]; then
		echo "1..0 # SKIP $f missing (make java)"
		exit 77
	fi
done

dir=$(mktemp -d /tmp/tf-java.XXXXXX)
chmod 0755 "$dir"
cleanup() {
	[ -w /proc/sys/fs/trust_policy ] && echo 0 >/proc/sys/fs/trust_policy
	"$top/tests/lib/fixture.sh" umount "$dir"
	rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
"$top/tests/lib/fixture.sh" mount "$dir" || exit 1
T=$dir/x/trusted
X=$dir/x/x
cp -r "$fixtures/trusted" "$T"
cp "$fixtures/code/cls/Main.class" "$T/"
for place in x xr nx; do
	case $place in
	nx) p=$dir/nx/nx ;;
	*) p=$dir/x/$place ;;
	esac
	cp -r "$fixtures/code" "$p"
	printf -- '-cp %s Main\n' "$T" >"$p/args"
	printf '+UseSerialGC\n' >"$p/flags"
done
find "$dir/x/x" "$dir/x/xr" "$dir/nx/nx" "$T" -type d -exec chmod 0755 {} +
find "$dir/x/x" "$dir/nx/nx" "$T" -type f -exec chmod 0555 {} +
find "$dir/x/xr" -type f -exec chmod 0444 {} +

out=$dir/out
err=$dir/err
prefix=

# jrun [ENV=VALUE...] -- ARGS: the launcher under the setting; sets $rc.
jrun() {
	_env=
	while [ "$1" != -- ]; do
		_env="$_env $1"
		shift
	done
	shift
	# shellcheck disable=SC2086	# the words are meant to split
	env -i PATH=/usr/bin:/bin LC_ALL=C.UTF-8 HOME="$dir" \
		TF_JAVA_HOME="$jdk" $_env $prefix "$bin" $flags "$@" \
		</dev/null >"$out" 2>"$err"
	rc=$?
	runs=$((runs + 1))
}

# Print the verdict of the last run: ALLOW, DENY, or ERROR.
#   verdict pre MARKER PATH    refused before the JVM starts: status 126,
#                              the reason and PATH on stderr
#   verdict late MARKER PATH   refused while running: the open refused with
#                              the reason and PATH on stderr, the program
#                              failed (status 1 or 3) with EXC in its output
#   verdict kernel MARKER      the kernel refused to map the library (a
#                              noexec mount): "failed to map segment"
verdict() {
	if [ "$rc" -eq 0 ] && grep -q "$2" "$out" "$err"; then
		echo ALLOW
	elif [ "$1" = pre ] && [ "$rc" -eq 126 ] && grep -q "refused" "$err" &&
		grep -qF -- "$3" "$err"; then
		echo DENY
	elif [ "$1" = late ] && { [ "$rc" -eq 1 ] || [ "$rc" -eq 3 ]; } &&
		grep -q "refused" "$err" && grep -qF -- "$3" "$err" &&
		grep -Eq "$4" "$out" "$err"; then
		echo DENY
	elif [ "$1" = kernel ] && [ "$rc" -ne 0 ] &&
		grep -q "failed to map segment" "$out" "$err"; then
		echo DENY
	else
		echo ERROR
	fi
}

# check DESC WANT GOT: one TAP line; the run's output when it fails.
check() {
	if [ "$3" = "$2" ]; then
		ok "$1: $( [ "$2" = DENY ] && echo refused || echo runs)"
	else
		not_ok "$1: expected $2, got $3 (status $rc)"
		note "stdout:" "$(tail -n 5 "$out")" "stderr:" "$(tail -n 8 "$err")"
	fi
}

# Whether to run every route of a place: always on the host; in the guest
# only where the policy refuses (refusals are quick: no JVM starts), and
# for a few routes that must still run (main class, -jar, the later loads,
# the module path, the source file, System.load).
full() {
	[ "$mode" = host ] || [ "$w" = DENY ]
}

want() {
	[ "$(expect "$1" "$2" "$3")" = deny ] && echo DENY || echo ALLOW
}

setting() {
	prefix=
	case $1 in
	tf*)
		echo "${1%%+*}" | cut -c3 >/proc/sys/fs/trust_policy || exit 1
		;;
	esac
	case $1 in
	*rf) prefix="$cli run --restrict-file --" ;;
	*di) prefix="$cli run --deny-interactive --" ;;
	*both) prefix="$cli run --restrict-file --deny-interactive --" ;;
	esac
}

echo "# launcher $bin, JDK $jdk, places under $dir"
t0=$(date +%s)
runs=0
for s in $settings; do
	setting "$s"
	places="x xr nx"
	# The deny-interactive bit changes nothing for files.
	[ "$s" = tf0+di ] && places=
	for place in $places; do
		case $place in
		nx) p=$dir/nx/nx ;;
		*) p=$dir/x/$place ;;
		esac
		w=$(want file "$place" "$s")
		tag="$s: $place"
		late=ALLOW
		[ "$w" = DENY ] && late=DENY

		jrun -- -cp "$p/cls" Main
		check "$tag main class in a class path directory" "$w" "$(verdict pre 'RAN Main' "$p/cls/Main.class")"
		jrun -- -jar "$p/main.jar"
		check "$tag -jar" "$w" "$(verdict pre 'RAN Main' "$p/main.jar")"
		if full; then
			jrun -- -cp "$p/lib.jar" Main
			check "$tag class path JAR" "$w" "$(verdict pre 'RAN Main' "$p/lib.jar")"
			jrun CLASSPATH="$p/lib.jar" -- Main
			check "$tag CLASSPATH" "$w" "$(verdict pre 'RAN Main' "$p/lib.jar")"
			jrun -- -cp "$p/*" Main
			check "$tag class path wildcard" "$w" "$(verdict pre 'RAN Main' "$p/")"
			jrun -- -Xbootclasspath/a:"$p/lib.jar" -cp "$T" Main
			check "$tag -Xbootclasspath/a:" "$w" "$(verdict pre 'RAN Main' "$p/lib.jar")"
		fi
		jrun -- -cp "$T:$p/late" Main2
		check "$tag class loaded later from a class path directory" "$late" \
			"$(verdict late 'RAN Late' "$p/late/Late.class" NoClassDefFoundError)"
		jrun -- -cp "$T" Loader urljar "$p/dyn.jar"
		check "$tag JAR opened by a URLClassLoader" "$late" \
			"$(verdict late 'RAN Dyn' "$p/dyn.jar" ClassNotFoundException)"
		jrun -- -p "$p/mods" -m hello
		check "$tag module path" "$w" "$(verdict pre 'RAN module hello' "$p/mods/hello.jar")"
		jrun -- "$p/Src.java"
		check "$tag source file" "$w" "$(verdict pre 'RAN source' "$p/Src.java")"
		if full; then
			jrun -- --source 17 "$p/script"
			check "$tag shebang script (--source)" "$w" "$(verdict pre 'RAN script' "$p/script")"
			jrun -- -javaagent:"$p/agent.jar" -cp "$T" Main
			check "$tag -javaagent:" "$w" "$(verdict pre 'RAN agent' "$p/agent.jar")"
			jrun -- "@$p/args"
			check "$tag @argfile" "$w" "$(verdict pre 'RAN Main' "$p/args")"
			jrun -- -XX:Flags="$p/flags" -cp "$T" Main
			check "$tag -XX:Flags= file" "$w" "$(verdict pre 'RAN Main' "$p/flags")"
			jrun -- -cp "$T:$p/commons-lang3.jar" UseLang
			check "$tag Debian's commons-lang3.jar" "$w" \
				"$(verdict pre 'RAN commons-lang Ok' "$p/commons-lang3.jar")"
		fi
		# Native code: on the noexec mount the kernel refuses the mapping
		# whatever the policy says.
		jrun -- -agentpath:"$p/libtfj.so" -cp "$T" Main
		got=$(verdict pre 'RAN agentpath' "$p/libtfj.so")
		if [ "$place" = nx ] && [ "$w" = ALLOW ]; then
			got=$(verdict kernel 'RAN agentpath')
			w2=DENY
		else
			w2=$w
		fi
		check "$tag -agentpath:" "$w2" "$got"
		jrun -- -cp "$T" Loader load "$p/libtfj.so"
		got=$(verdict late 'RAN System.load' "$p/libtfj.so" UnsatisfiedLinkError)
		[ "$place" = nx ] && [ "$w" = ALLOW ] && got=$(verdict kernel 'RAN System.load')
		check "$tag System.load" "$(if [ "$place" = nx ]; then echo DENY; else echo "$late"; fi)" "$got"
	done

	# Options from the environment: inline code when they add code.  In the
	# guest, only where the inline column is not the host's.
	[ "$mode" = guest ] && [ "$s" != tf0+di ] && continue
	w=$(want inline - "$s")
	tag="$s:"
	jrun JAVA_TOOL_OPTIONS="-javaagent:$X/agent.jar" -- -cp "$T" Main
	check "$tag JAVA_TOOL_OPTIONS adding an agent" "$w" "$(verdict pre 'RAN agent' JAVA_TOOL_OPTIONS)"
	jrun JDK_JAVA_OPTIONS="--class-path=$T" -- Main
	check "$tag JDK_JAVA_OPTIONS adding a class path" "$w" "$(verdict pre 'RAN Main' JDK_JAVA_OPTIONS)"
	jrun _JAVA_OPTIONS="-Djava.class.path=$T" -- Main
	check "$tag _JAVA_OPTIONS adding a class path" "$w" "$(verdict pre 'RAN Main' _JAVA_OPTIONS)"
	jrun -- -agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:0 -cp "$T" Main
	check "$tag -agentlib:jdwp (a debugger evaluates what it is sent)" "$w" \
		"$(verdict pre 'RAN Main' -agentlib:jdwp)"
	jrun JAVA_TOOL_OPTIONS="-Xss1m" -- -cp "$T" Main
	check "$tag JAVA_TOOL_OPTIONS adding no code" ALLOW "$(verdict pre 'RAN Main' -)"

	# What OpenJDK does when nothing is refused: exit statuses, errors.
	jrun -- -cp "$T" Loader exit 7
	if [ "$rc" -eq 7 ]; then ok "$tag System.exit(7) exits 7"; else not_ok "$tag System.exit(7) exits 7 (status $rc)"; fi
	jrun -- -cp "$T" Loader throw
	if [ "$rc" -eq 1 ] && grep -q 'Exception in thread "main" java.lang.IllegalStateException' "$err"; then
		ok "$tag an uncaught exception exits 1 with its trace"
	else
		not_ok "$tag an uncaught exception exits 1 with its trace (status $rc)"
		note "$(tail -n 5 "$err")"
	fi
	jrun -- -cp "$T" NoSuchClass
	if [ "$rc" -eq 1 ] && grep -q 'Could not find or load main class NoSuchClass' "$err"; then
		ok "$tag a missing main class exits 1 as java says"
	else
		not_ok "$tag a missing main class exits 1 as java says (status $rc)"
		note "$(tail -n 5 "$err")"
	fi
done
echo "# $runs runs in $(($(date +%s) - t0)) s"
tap_end
