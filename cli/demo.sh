#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# A narrated tour of trusted-for on the running kernel (root: it mounts a
# noexec tmpfs under /tmp).  Usage: cli/demo.sh [PATH-TO-trusted-for]
CLI=${1:-build/userspace/bin/trusted-for}
say() { printf '\n== %s\n' "$*"; }
show() { printf '$ %s\n' "$*"; "$@"; printf '(exit %s)\n' "$?"; }

[ "$(id -u)" -eq 0 ] || { echo "demo.sh: run as root (it mounts tmpfs)" >&2; exit 2; }
D=$(mktemp -d /tmp/tf-demo.XXXXXX)
trap 'umount -l "$D/noexec" 2>/dev/null; rm -rf "$D"' EXIT
mkdir "$D/noexec" "$D/home"
mount -t tmpfs -o noexec,mode=0755 tf-demo "$D/noexec" || exit 2
printf '#!/bin/sh\necho hello\n' > "$D/noexec/x.sh"; chmod 0755 "$D/noexec/x.sh"
printf '#!/bin/sh\necho hello\n' > "$D/home/notes.sh"; chmod 0644 "$D/home/notes.sh"
printf '#!/bin/sh\necho hello\n' > "$D/home/tool.sh"; chmod 0755 "$D/home/tool.sh"

say "What does this kernel offer, and which policies are in force?"
show "$CLI" status
say "'$D/noexec/x.sh' sits on a noexec mount: './x.sh' fails, 'sh x.sh' would not."
show "$CLI" check "$D/noexec/x.sh" "$D/home/notes.sh" "$D/home/tool.sh"
if "$CLI" status | grep -q 'trusted_for(2) and fs.trust_policy: *available'; then
	say "Enforce the system-wide policy: noexec mounts and the x bit (3)."
	old=$("$CLI" policy get | cut -d' ' -f1)
	show "$CLI" policy set 3
	show "$CLI" check "$D/noexec/x.sh" "$D/home/notes.sh" "$D/home/tool.sh"
	show "$CLI" policy set "$old"
fi
if "$CLI" status | grep -q 'AT_EXECVE_CHECK and exec securebits: *available'; then
	say "Enforce per process: everything started under 'run' inherits the bits."
	show "$CLI" run --restrict-file --deny-interactive -- "$CLI" check "$D/noexec/x.sh" "$D/home/tool.sh"
	show "$CLI" run --restrict-file --deny-interactive -- "$CLI" check --origin inline
fi
say "Before enforcing policy 3 everywhere, see what it would refuse (a prediction):"
show "$CLI" scan --policy 3 "$D"
