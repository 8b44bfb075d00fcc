/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The mark of a program built with libtrustedfor: an ELF note in
 * .note.trusted-for (lib/note.S), read back by `trusted-for interpreters`.
 * Macros only: included by assembly and by C.
 *
 *   owner ("name")   "trusted-for", with its NUL: 12 bytes
 *   type             TF_NOTE_TYPE_VERSION
 *   descriptor       the library version (VERSION), NUL-terminated
 */
#ifndef TF_NOTE_H
#define TF_NOTE_H

#define TF_NOTE_SECTION ".note.trusted-for"
#define TF_NOTE_OWNER "trusted-for"
#define TF_NOTE_TYPE_VERSION 1

#endif
