# SPDX-License-Identifier: GPL-2.0
#
# The decision table (tests/lib/decisions.tsv) for shell test scripts;
# sourced, not run.
#
#   expect ORIGIN OBJECT SETTING     prints "allow" or "deny"
#
# ORIGIN: file, stdin, inline.  OBJECT: a row of the table (x, xr, nx, nxr,
# nonreg, memfd, procfs, tty, - for inline).  SETTING: tf0..tf3, none, rf,
# di, both, or tf<P>+<BITS> for a kernel with both interfaces (denied where
# either column denies).  An unknown row or setting is an error of the
# test: it prints "error" and returns 2.  The table is $TF_DECISIONS, by
# default $top/tests/lib/decisions.tsv ($top: the checkout, set by the
# caller).

TF_DECISIONS=${TF_DECISIONS:-${top:?set top (the checkout) or TF_DECISIONS}/tests/lib/decisions.tsv}

expect() {
	awk -v origin="$1" -v object="$2" -v setting="$3" '
		/^#/ || NF == 0 { next }
		$1 == "origin" { next }
		$1 == origin && $2 == object { row = $0; found = 1 }
		END {
			if (!found) { print "error"; exit 2 }
			split(row, f)
			col["tf0"] = 3; col["tf1"] = 4; col["tf2"] = 5; col["tf3"] = 6
			col["none"] = 7; col["rf"] = 8; col["di"] = 9; col["both"] = 10
			n = split(setting, parts, "+")
			deny = 0
			for (i = 1; i <= n; i++) {
				if (!(parts[i] in col)) { print "error"; exit 2 }
				if (f[col[parts[i]]] == "D") deny = 1
			}
			print deny ? "deny" : "allow"
		}' "$TF_DECISIONS"
}

# cases_setup NAME FIXTURE BACKEND SETTING START: the common start of an
# integration's cases.sh (FIXTURE BACKEND SETTING START are its arguments).
# Sets F, backend, setting, start, n (the next TAP number), W (a scratch
# directory, removed on exit) and column (the table's column for SETTING:
# tf<SETTING> in the guest, SETTING itself on the host).
cases_setup() {
	F=$2
	backend=$3
	setting=$4
	start=$5
	n=$start
	W=$(mktemp -d "/tmp/tf-$1-cases.XXXXXX") || exit 2
	# shellcheck disable=SC2064 # W is fixed now
	trap "rm -rf '$W'" EXIT
	case $backend in guest) column=tf$setting ;; *) column=$setting ;; esac
}
