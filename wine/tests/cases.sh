#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Every way Wine maps a PE image, against the decision table
# (tests/lib/decisions.tsv), for one backend and one policy setting (the
# exec securebits of this process are set by the caller, and reach the
# wineserver its first client starts); TAP lines numbered from START,
# "# count N failed F" last.
#
#   cases.sh FIXTURE BACKEND SETTING START
#
# FIXTURE is the one run.sh planted (ROW.exe, ROW.dll, imp-ROW/ and
# impdll-ROW/ under x/ and nx/, x/run.exe).  A case is allowed when the
# code ran (TFRAN, and TFDLL for a DLL, on stdout); refused when it did
# not, wineserver named the file and the reason ("wineserver: FILE:
# refused by the ...") and the program saw ERROR_ACCESS_DENIED where it
# can see an error (LoadLibrary, CreateProcess: "error 5").

set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/tap.sh"
. "$top/tests/lib/expect.sh"
cases_setup wine "$@"
WINE64=/usr/lib/wine/wine64

# check NAME ROW FILE MARKS ERROR COMMAND...: the code of FILE (a row of
# the table) runs iff every word of MARKS is printed as a line (a word
# twice: two such lines, e.g. a program and the one it started); refused, wineserver
# names FILE, and ERROR (if not empty) is printed by the program.
check() {
	name=$1 row=$2 file=$3 marks=$4 err=$5
	shift 5
	want=$(expect file "$row" "$column")
	timeout 120 "$@" >"$W/out" 2>"$W/err" </dev/null
	rc=$?
	got=allow
	# Windows programs end their lines with CR LF.
	tr -d '\r' <"$W/out" >"$W/lines"
	for mark in $marks; do
		# As many lines of each mark as MARKS has words of it.
		need=$(printf '%s\n' $marks | grep -cx "$mark")
		[ "$(grep -cx "$mark" "$W/lines")" -ge "$need" ] || got=deny
	done
	bad=
	if [ "$got" != "$want" ]; then
		bad="ran=$got, the table says $want"
	elif [ "$want" = deny ]; then
		if ! grep -qF "wineserver: $file: refused by the" "$W/err"; then
			bad="no refusal message naming '$file'"
		elif [ -n "$err" ] && ! grep -qxF "$err" "$W/lines"; then
			bad="the program did not print '$err'"
		fi
	elif [ "$rc" -ne 0 ]; then
		bad="ran, but exit status $rc"
	elif grep -q 'refused' "$W/err"; then
		bad="ran, but a refusal was printed"
	fi
	if [ -z "$bad" ]; then
		ok "$backend $setting $name: $row $want"
	else
		not_ok "$backend $setting $name: $row $want: $bad"
		note "rc=$rc" "stdout: $(head -3 "$W/lines")" "stderr: $(head -5 "$W/err")"
	fi
}

for r in x:x xr:x nx:nx nxr:nx; do
	row=${r%:*} m=${r#*:}
	exe=$F/$m/$row.exe dll=$F/$m/$row.dll
	check "wine64 PROGRAM.exe" "$row" "$exe" TFRAN "" "$WINE64" "$exe"
	check "LoadLibrary(DLL)" "$row" "$dll" "TFRAN TFDLL" \
		"LoadLibrary $dll: error 5" "$WINE64" "$F/x/run.exe" "$dll"
	check "CreateProcess(PROGRAM.exe)" "$row" "$exe" "TFRAN TFRAN" \
		"CreateProcess $exe: error 5" "$WINE64" "$F/x/run.exe" "$exe"
	check "a program and the DLL it imports, both of the row" "$row" \
		"$F/$m/imp-$row/tfimp.exe" "TFRAN TFDLL" "" "$WINE64" "$F/$m/imp-$row/tfimp.exe"
done
for row in x xr; do
	check "an allowed program importing a DLL" "$row" "$F/x/impdll-$row/tfdll.dll" \
		"TFRAN TFDLL" "" "$WINE64" "$F/x/impdll-$row/tfimp.exe"
done
echo "# count $n failed $failed"
[ "$failed" -eq 0 ]
