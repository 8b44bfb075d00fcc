/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Windows test program that imports tfdll.dll (linked against it, not
 * LoadLibrary): the loader maps the DLL before main() runs, so TFRAN and
 * TFDLL are printed only when both the program and the DLL may run.
 */
#include <stdio.h>

__declspec(dllimport) void tf_dll_mark(void);

int main(void)
{
	printf("TF" "RAN\n");
	fflush(stdout);
	tf_dll_mark();
	return 0;
}
