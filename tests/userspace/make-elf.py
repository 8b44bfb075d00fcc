# SPDX-License-Identifier: LGPL-2.1-or-later
"""A minimal ELF file for the tests of `trusted-for interpreters`.

    python3 make-elf.py OUT CLASS ENDIAN NOTE [VERSION]

CLASS 32 or 64, ENDIAN lsb or msb; NOTE is "phdr" (the note of
lib/tf-note.h in a PT_NOTE segment), "shdr" (in an SHT_NOTE section, no
program header), "other" (a note of another owner only), "badphoff"
(program headers said to lie past the end of the file) or "bignum" (no
program header; extended numbering: section header 0 says 2^62, or 2^31,
sections).  The toolchain here makes only little-endian 64-bit programs:
the other three kinds come from this script.
"""

import struct
import sys

out, cls, endian, kind = sys.argv[1:5]
version = sys.argv[5] if len(sys.argv) > 5 else "9.8.7"
e = "<" if endian == "lsb" else ">"
is64 = cls == "64"


def note(owner, ntype, desc):
    def pad(b):
        return b + b"\0" * (-len(b) % 4)
    o = owner.encode() + b"\0"
    d = desc.encode() + b"\0"
    return struct.pack(e + "III", len(o), len(d), ntype) + pad(o) + pad(d)


notes = note("GNU", 1, "abcd") + (b"" if kind == "other" else note("trusted-for", 1, version))
ehsize, phentsize, shentsize = (64, 56, 64) if is64 else (52, 32, 40)
phnum = 0 if kind in ("shdr", "bignum") else 1
phoff = ehsize if phnum else 0
noteoff = ehsize + phnum * phentsize
shoff = noteoff + len(notes) if kind in ("shdr", "bignum") else 0
shnum = 2 if kind == "shdr" else 0
if kind == "badphoff":
    phoff = 1 << 20

ident = b"\x7fELF" + bytes([2 if is64 else 1, 1 if endian == "lsb" else 2, 1]) + b"\0" * 9
fmt = e + ("HHIQQQIHHHHHH" if is64 else "HHIIIIIHHHHHH")
ehdr = ident + struct.pack(fmt, 2, 62 if is64 else 3, 1, 0, phoff, shoff, 0, ehsize,
                           phentsize, phnum, shentsize, shnum, 0)
body = b""
if phnum:
    if is64:
        body += struct.pack(e + "IIQQQQQQ", 4, 4, noteoff, 0, 0, len(notes), len(notes), 4)
    else:
        body += struct.pack(e + "IIIIIIII", 4, noteoff, 0, 0, len(notes), len(notes), 4, 4)
body += notes
if kind == "bignum":
    sh0 = (0, 0, 0, 0, 0, 1 << 62, 0, 0, 0, 0) if is64 else (0, 0, 0, 0, 0, 1 << 31, 0, 0, 0, 0)
    body += struct.pack(e + ("IIQQQQIIQQ" if is64 else "IIIIIIIIII"), *sh0)
elif shnum:
    if is64:
        sh = struct.pack(e + "IIQQQQIIQQ", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        sh += struct.pack(e + "IIQQQQIIQQ", 0, 7, 2, 0, noteoff, len(notes), 0, 0, 4, 0)
    else:
        sh = struct.pack(e + "IIIIIIIIII", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        sh += struct.pack(e + "IIIIIIIIII", 0, 7, 2, 0, noteoff, len(notes), 0, 0, 4, 0)
    body += sh
with open(out, "wb") as f:
    f.write(ehdr + body)
