/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The ELF note that marks every program linked with libtrustedfor (see
 * tf-note.h).  userspace.mk links it into check.o, which every program
 * using the library pulls from the archive (tf_check_fd, tf_open_check
 * and tf_check_stdin live there), so the note reaches the shared library,
 * static links and `ld -r --whole-archive` objects alike.  An allocated
 * SHT_NOTE section: the linker gives it a PT_NOTE segment and keeps it
 * under --gc-sections; strip leaves it in place.
 * TF_NOTE_VERSION is the version string, given by the build.
 */
#include "tf-note.h"

#ifndef TF_NOTE_VERSION
#error "TF_NOTE_VERSION (the library version, a string) must be defined"
#endif

	.pushsection TF_NOTE_SECTION, "a", %note
	.balign 4
	.long 2f - 1f		/* namesz */
	.long 4f - 3f		/* descsz */
	.long TF_NOTE_TYPE_VERSION
1:	.asciz TF_NOTE_OWNER
2:	.balign 4
3:	.asciz TF_NOTE_VERSION
4:	.balign 4
	.popsection

	.section .note.GNU-stack, "", %progbits
