#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The job of tf-secure.service, started by `trusted-for run
# --restrict-file --deny-interactive`: with the exec securebits set and
# locked, try each way of running code that has no trusted file behind it,
# and one that has.  One line per try in /run/tf-secure.out:
# "NAME ran" or "NAME refused (exit N: message)".

out=/run/tf-secure.out
try() { # NAME CMD...
	name=$1
	shift
	o=$("$@" 2>&1 </dev/null); s=$?
	if [ "$s" -eq 0 ] && printf '%s\n' "$o" | grep -qx ran; then
		echo "$name ran" >>$out
	else
		echo "$name refused (exit $s: $(printf '%s' "$o" | head -n 1))" >>$out
	fi
}
echo "securebits: $(grep -E '^Cap|^NoNewPrivs' /proc/self/status | tr '\n' ' ')" >>$out
try sh-c sh -c 'echo ran'
try pipe-sh /usr/lib/trusted-for-system/pipe-into sh 'echo ran'
try bash-c bash -c 'echo ran'
try pipe-bash /usr/lib/trusted-for-system/pipe-into bash 'echo ran'
try perl-e perl -e 'print "ran\n"'
try pipe-python3 /usr/lib/trusted-for-system/pipe-into python3 'print("ran")'
try tmp-script sh /tmp/tf-probe.sh
try trusted-script /usr/lib/trusted-for-system/hello.sh
