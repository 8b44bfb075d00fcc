// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * py-plain: CPython's own main(), linked exactly like tf-python3 (Debian's
 * libpython3.11.a, non-PIE, the C API exported) but with no hook and no
 * check.  bench-python compares tf-python3 with it to separate the cost
 * of the checks from the cost of the static library itself, which is
 * built without the link-time optimisation of Debian's /usr/bin/python3.11.
 * A benchmark baseline only: never installed, never packaged.
 */
#include <Python.h>

int main(int argc, char **argv)
{
	return Py_BytesMain(argc, argv);
}
