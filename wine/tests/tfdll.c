/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Windows test DLL of wine/tests: tf_dll_mark() prints TFDLL, only
 * when the DLL was loaded and runs.  When the environment has TF_MARK_DLL
 * (a Windows path), loading the DLL creates that file: the bypass routes
 * (tests/bypass/wine.routes) see that its code ran.
 */
#include <stdio.h>
#include <windows.h>

__declspec(dllexport) void tf_dll_mark(void)
{
	printf("TF" "DLL\n");
	fflush(stdout);
}

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
	char path[MAX_PATH];
	HANDLE h;
	DWORD len;

	(void)inst;
	(void)reserved;
	if (reason != DLL_PROCESS_ATTACH)
		return TRUE;
	len = GetEnvironmentVariableA("TF_MARK_DLL", path, sizeof(path));
	if (len == 0 || len >= sizeof(path))
		return TRUE;
	h = CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
	if (h != INVALID_HANDLE_VALUE)
		CloseHandle(h);
	return TRUE;
}
