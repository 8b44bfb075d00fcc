# SPDX-License-Identifier: GPL-2.0
#
# Sourced (". tests/progress.sh") by the scripts that run for minutes with
# their output in a log: while a long command runs, a line on stderr every
# TF_PROGRESS_INTERVAL seconds (30) says that it is alive.
#
#   progress_start LABEL [DETAIL-COMMAND]   DETAIL-COMMAND (eval'd each
#                                           time) prints a few words
#   ... the long command ...
#   progress_stop
#   progress_note MESSAGE                   a stage line, under the same rule
#
# The lines start with "# " (a TAP comment) and never go to stdout, which
# stays TAP.  TF_PROGRESS=0 turns them off: tests/step.sh prints its own and
# sets it for the commands it runs.  Only one ticker per shell at a time.

progress_pid=

progress_start() {
	progress_stop
	[ "${TF_PROGRESS:-1}" != 0 ] || return 0
	progress_label=$1
	progress_detail=${2:-}
	progress_t0=$(date +%s)
	(
		set +e
		trap 'kill "$tick" 2>/dev/null; exit 0' TERM
		while :; do
			sleep "${TF_PROGRESS_INTERVAL:-30}" &
			tick=$!
			wait "$tick"
			# The shell that started us died without stopping us.
			kill -0 "$$" 2>/dev/null || exit 0
			more=
			if [ -n "$progress_detail" ]; then
				more=$(eval "$progress_detail" 2>/dev/null) || more=
			fi
			echo "# $progress_label: running for $(($(date +%s) - progress_t0)) s${more:+, $more}" >&2
		done
	) </dev/null >/dev/null &
	progress_pid=$!
}

progress_note() {
	[ "${TF_PROGRESS:-1}" = 0 ] || echo "$*" >&2
}

progress_stop() {
	[ -n "$progress_pid" ] || return 0
	kill "$progress_pid" 2>/dev/null
	wait "$progress_pid" 2>/dev/null
	progress_pid=
}
