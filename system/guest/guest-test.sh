#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The whole-system test, in the booted Debian 12 guest: run by
# tf-system-test.service (after multi-user.target) when the kernel's command
# line has tfsystem=check or tfsystem=demo.  Writes TAP to the 9p share
# "out" (out/guest.tap), with the journal (out/journal.txt) and the list of
# everything the policy refused that the test did not ask for
# (out/findings.txt); its unit then reboots the guest, which ends QEMU
# (-no-reboot).
#
# Each check prints what it ran and what came back as TAP diagnostics:
# the demo shows the same stream to a human.

set -u
here=/usr/lib/trusted-for-system
out=/mnt/out
mkdir -p "$out"
if ! mountpoint -q "$out"; then
	mount -t 9p -o trans=virtio,version=9p2000.L out "$out" || {
		echo "guest-test.sh: cannot mount the 9p share 'out' on $out" >/dev/console
		exit 1
	}
fi
exec >"$out/guest.tap.part" 2>&1
. "$here/tap.sh"

# Everything this test runs on purpose that the policy must refuse lives
# under this name: the findings are the other refusals.
probe=/tmp/tf-probe
user=tfuser

# ---- the boot ---------------------------------------------------------

note "kernel: $(uname -r); fs.trust_policy=$(cat /proc/sys/fs/trust_policy 2>&1);" \
	"the rollout's fixes (trusted-for-mark-code): $([ "$(cat "$here/fixes" 2>/dev/null)" = 1 ] && echo applied || echo NOT applied)"
missing=$(tr '\n' ' ' <"$here/missing" 2>/dev/null | sed 's/^ *//; s/ *$//')
[ -z "$missing" ] || note "user-space packages NOT installed (missing when the disk was made): $missing"
note "$(trusted-for status 2>&1)"
if [ "$(cat /proc/sys/fs/trust_policy 2>/dev/null)" = 3 ]; then
	ok "fs.trust_policy is 3 after boot (set by /etc/sysctl.d)"
else
	not_ok "fs.trust_policy is 3 after boot (set by /etc/sysctl.d)"
fi
if [ "$(readlink /proc/1/exe)" = /usr/lib/systemd/systemd ] ||
	[ "$(readlink /proc/1/exe)" = /lib/systemd/systemd ]; then
	ok "systemd is PID 1"
else
	not_ok "systemd is PID 1 ($(readlink /proc/1/exe))"
fi
if [ "$(systemctl show -P ActiveState multi-user.target)" = active ]; then
	ok "multi-user.target reached"
else
	not_ok "multi-user.target reached"
fi
for m in /tmp /dev/shm /home; do
	if findmnt -n -o OPTIONS --target "$m" | tr , '\n' | grep -qx noexec; then
		ok "$m is mounted noexec"
	else
		not_ok "$m is mounted noexec ($(findmnt -n -o OPTIONS --target "$m"))"
	fi
done
# pkg_of INTERPRETER: the package that brings its enlightened build.
pkg_of() {
	case $1 in
	sh | bash) echo trusted-for-shells ;;
	*) echo "trusted-for-$1" ;;
	esac
}
# not_here INTERPRETER: true (and says why) when its package is missing.
not_here() {
	case " $missing " in
	*" $(pkg_of "$1") "*) return 0 ;;
	esac
	return 1
}
for i in sh bash perl python3 mawk; do
	if not_here "$i"; then
		skip "$i is the enlightened build" "$(pkg_of "$i") was not built when the disk was made"
		continue
	fi
	p=$(command -v "$i")
	if trusted-for interpreters "$p" >/dev/null 2>&1; then
		ok "$i ($p) is the enlightened build, switched in by trusted-for-divert"
	else
		not_ok "$i ($p) is the enlightened build, switched in by trusted-for-divert"
		note "$(trusted-for interpreters "$p" 2>&1)"
	fi
done

# The rollout's gate: no interpreter of the system left open (the
# switched-out ones are locked, mode 0).
trusted-for interpreters >/run/tf-interp 2>&1
rc=$?
if [ "$rc" -eq 0 ]; then
	ok "trusted-for interpreters: none open ($(tail -n 1 /run/tf-interp | sed 's/^trusted-for: //'))"
else
	not_ok "trusted-for interpreters: none open (exit $rc)"
	note "$(grep -v '^enlightened\|^locked' /run/tf-interp)"
fi

# A failed unit is the policy's doing when its journal holds a refusal by
# the library, or an exec that failed with EACCES.
# (not "failed": tap.sh counts the failed tests in that name)
failed_units=$(systemctl list-units --failed --plain --no-legend --no-pager | awk '{print $1}')
policy_units=
for u in $failed_units; do
	log=$(journalctl -b -u "$u" --no-pager -o cat 2>&1)
	note "failed unit $u:" "$(printf '%s\n' "$log" | tail -n 8)"
	if printf '%s\n' "$log" | grep -Eq "execution polic|refused program=|Permission denied|203/EXEC"; then
		policy_units="$policy_units $u"
		echo "unit $u failed at boot: $(printf '%s\n' "$log" | grep -E "execution polic|Permission denied|203/EXEC" | head -n 1)" >>"$out/findings.txt"
	else
		echo "unit $u failed at boot, not by the policy: $(printf '%s\n' "$log" | tail -n 1)" >>"$out/findings.txt"
	fi
done
if [ -z "$policy_units" ]; then
	ok "no unit failed because of the policy (failed: ${failed_units:-none})"
else
	not_ok "no unit failed because of the policy (failed by the policy:$policy_units)"
fi

# ---- dpkg and apt: a package with maintainer scripts ------------------

deb=$here/tf-sample_1.0_all.deb
log=/var/log/tf-sample.log
rm -f "$log"
o=$(DEBIAN_FRONTEND=noninteractive apt-get install -y "$deb" 2>&1); s=$?
note "apt-get install $deb (exit $s):" "$o"
if [ "$s" -eq 0 ] && grep -qx "preinst install" "$log" 2>/dev/null &&
	grep -qx "postinst configure" "$log" 2>/dev/null; then
	ok "apt installs a local package; its preinst and postinst ran"
else
	not_ok "apt installs a local package; its preinst and postinst ran"
fi
if printf '%s\n' "$o" | grep -Eq "execution polic|Permission denied|Can't exec"; then
	echo "apt-get install: $(printf '%s\n' "$o" | grep -E "execution polic|Permission denied|Can't exec" | head -n 2 | tr '\n' ' ')" >>"$out/findings.txt"
fi
o=$(DEBIAN_FRONTEND=noninteractive apt-get purge -y tf-sample 2>&1); s=$?
note "apt-get purge tf-sample (exit $s):" "$o"
if [ "$s" -eq 0 ] && grep -qx "prerm remove" "$log" && grep -qx "postrm purge" "$log" &&
	! dpkg -s tf-sample >/dev/null 2>&1; then
	ok "apt removes and purges it; its prerm and postrm ran"
else
	not_ok "apt removes and purges it; its prerm and postrm ran"
fi
o=$(dpkg -i "$deb" 2>&1 && dpkg -r tf-sample 2>&1); s=$?
note "dpkg -i, dpkg -r (exit $s):" "$o"
if [ "$s" -eq 0 ]; then
	ok "dpkg -i and dpkg -r the same package"
else
	not_ok "dpkg -i and dpkg -r the same package"
fi
note "$(cat "$log" 2>&1)"

# ---- scripts in /tmp --------------------------------------------------

printf '#!/bin/sh\necho ran\n' >$probe.sh
printf '#!/bin/bash\necho ran\n' >$probe.bash
printf '#!/usr/bin/perl\nprint "ran\\n";\n' >$probe.pl
printf '#!/usr/bin/python3\nprint("ran")\n' >$probe.py
chmod 0755 $probe.sh $probe.bash $probe.pl $probe.py
since=$(date '+%Y-%m-%d %H:%M:%S')
sleep 1
refused() { # TEXT CMD...: the command must not print "ran" and must fail
	_o=$("$@" 2>&1 </dev/null); _s=$?
	note "$* (exit $_s): $_o"
	if [ "$_s" -ne 0 ] && ! printf '%s\n' "$_o" | grep -qx ran; then
		ok "$1"
	else
		not_ok "$1"
	fi
}
for pair in sh:$probe.sh bash:$probe.bash perl:$probe.pl python3:$probe.py; do
	i=${pair%%:*}
	f=${pair#*:}
	if not_here "$i"; then
		skip "$f is refused by $i, directly, as an argument and on stdin" \
			"$(pkg_of "$i") was not built when the disk was made"
		continue
	fi
	_o=$($f 2>&1 </dev/null); _s=$?
	note "$f (exit $_s): $_o"
	if [ "$_s" -ne 0 ] && ! printf '%s\n' "$_o" | grep -qx ran; then
		ok "$f run directly is refused (by the kernel: noexec mount)"
	else
		not_ok "$f run directly is refused (by the kernel: noexec mount)"
	fi
	_o=$($i "$f" 2>&1 </dev/null); _s=$?
	note "$i $f (exit $_s): $_o"
	if [ "$_s" -ne 0 ] && ! printf '%s\n' "$_o" | grep -qx ran; then
		ok "$i $f is refused"
	else
		not_ok "$i $f is refused"
	fi
	_o=$($i <"$f" 2>&1); _s=$?
	note "$i < $f (exit $_s): $_o"
	if [ "$_s" -ne 0 ] && ! printf '%s\n' "$_o" | grep -qx ran; then
		ok "$i < $f is refused (stdin is a file the policy refuses)"
	else
		not_ok "$i < $f is refused (stdin is a file the policy refuses)"
	fi
done
# journald takes the records from /dev/log asynchronously.
sleep 2
until=$(date '+%Y-%m-%d %H:%M:%S')
journal=$(journalctl --since "$since" -t trusted-for --no-pager -o cat 2>&1)
note "journalctl -t trusted-for:" "$journal"
for pair in sh:$probe.sh bash:$probe.bash perl:$probe.pl python3:$probe.py; do
	i=${pair%%:*}
	f=${pair#*:}
	not_here "$i" && continue
	c=$(printf '%s\n' "$journal" | grep -c "origin=file path=\"$f\"")
	if [ "$c" -ge 1 ]; then
		ok "the journal holds the refusal of $i $f ($(printf '%s\n' "$journal" | grep "path=\"$f\"" | sed -n 's/.*\(program=[^ ]*\).*/\1/p' | head -n 1))"
	else
		not_ok "the journal holds the refusal of $i $f"
	fi
	stdin_want=$((${stdin_want:-0} + 1))
done
c=$(printf '%s\n' "$journal" | grep -c "origin=stdin")
if [ "$c" -ge "${stdin_want:-0}" ]; then
	ok "the journal holds the refusals of the files on stdin ($c, ${stdin_want:-0} wanted)"
else
	not_ok "the journal holds the refusals of the files on stdin ($c, ${stdin_want:-0} wanted)"
fi

# ---- the exec securebits: a service, and a login shell -----------------

rm -f /run/tf-secure.out
systemctl start tf-secure.service
note "tf-secure.service (trusted-for run --restrict-file --deny-interactive):" \
	"$(cat /run/tf-secure.out 2>&1)"
for t in sh-c pipe-sh bash-c pipe-bash perl-e pipe-python3 tmp-script; do
	case $t in
	*perl*) i=perl ;;
	*python3*) i=python3 ;;
	*) i="sh" ;;
	esac
	if not_here "$i"; then
		skip "a service under the securebits cannot run $t" "$(pkg_of "$i") was not built when the disk was made"
		continue
	fi
	r=$(sed -n "s/^$t //p" /run/tf-secure.out 2>/dev/null)
	case $r in
	refused*) ok "a service under the securebits cannot run $t ($r)" ;;
	*) not_ok "a service under the securebits cannot run $t (${r:-no result})" ;;
	esac
done
r=$(sed -n "s/^trusted-script //p" /run/tf-secure.out 2>/dev/null)
case $r in
ran*) ok "a service under the securebits still runs a trusted script ($r)" ;;
*) not_ok "a service under the securebits still runs a trusted script (${r:-no result})" ;;
esac

o=$(runuser -l $user -c 'sh -c "echo inline-ok"; echo "echo piped-ok" | sh; echo "print(\"py-ok\")" | python3' 2>&1); s=$?
note "runuser -l $user -c ... (exit $s):" "$o"
for w in inline-ok piped-ok py-ok; do
	if printf '%s\n' "$o" | grep -qx "$w"; then
		ok "a login shell of $user still runs $w"
	else
		not_ok "a login shell of $user still runs $w"
	fi
done
if printf '%s\n' "$o" | grep -q "execution polic"; then
	echo "login shell of $user: $(printf '%s\n' "$o" | grep "execution polic" | head -n 3 | tr '\n' ' ')" >>"$out/findings.txt"
fi

# ---- every refusal the test did not ask for ---------------------------

journalctl -b --no-pager >"$out/journal.txt" 2>&1
# The refusals the probes asked for: between $since and $until, of the
# probes' paths or of their standard input; under the securebits, those
# of tf-secure.service.
{
	journalctl -b --until "$since" -t trusted-for --no-pager -o cat
	journalctl -b --since "$since" --until "$until" -t trusted-for --no-pager -o cat |
		grep -v 'origin=stdin path="<stdin>" reason="noexec mount"'
	journalctl -b --since "$until" -t trusted-for --no-pager -o cat | grep -v 'policy=process'
} 2>/dev/null | grep '^refused' | grep -v "path=\"$probe" | sed 's/^/refusal outside the test: /' >>"$out/findings.txt"
touch "$out/findings.txt"
note "findings (failures the policy caused that the test did not ask for):" \
	"$(cat "$out/findings.txt")"
tap_end
mv "$out/guest.tap.part" "$out/guest.tap"
sync
