/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Windows test program of wine/tests: prints the marker TFRAN when it
 * runs.  With an argument NAME:
 *   NAME.dll   loads it with LoadLibrary and calls its tf_dll_mark() (which
 *              prints TFDLL), or prints "LoadLibrary NAME: error N";
 *   NAME.exe   starts it with CreateProcess and waits for it, or prints
 *              "CreateProcess NAME: error N";
 * N from GetLastError(): 5 is ERROR_ACCESS_DENIED.  Exit status 0 when
 * everything it was asked ran, 1 otherwise.  When the environment has
 * TF_MARK_EXE (a Windows path, e.g. Z:/tmp/mark), it first creates that
 * file: the bypass routes (tests/bypass/wine.routes) see that it ran.
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>

/* Create the file named by the environment variable VAR, if it is set. */
static void mark_file(const char *var)
{
	char path[MAX_PATH];
	HANDLE h;
	DWORD len = GetEnvironmentVariableA(var, path, sizeof(path));

	if (len == 0 || len >= sizeof(path))
		return;
	h = CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
	if (h != INVALID_HANDLE_VALUE)
		CloseHandle(h);
}

static int run(char *name)
{
	STARTUPINFOA si;
	PROCESS_INFORMATION pi;
	DWORD status = 1;

	memset(&si, 0, sizeof(si));
	si.cb = sizeof(si);
	if (!CreateProcessA(name, NULL, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) {
		printf("CreateProcess %s: error %lu\n", name, GetLastError());
		return 1;
	}
	WaitForSingleObject(pi.hProcess, INFINITE);
	GetExitCodeProcess(pi.hProcess, &status);
	CloseHandle(pi.hThread);
	CloseHandle(pi.hProcess);
	return status != 0;
}

int main(int argc, char **argv)
{
	HMODULE dll;
	void (*mark)(void);
	size_t len;

	mark_file("TF_MARK_EXE");
	printf("TF" "RAN\n");
	fflush(stdout);
	if (argc < 2)
		return 0;
	len = strlen(argv[1]);
	if (len > 4 && _stricmp(argv[1] + len - 4, ".exe") == 0)
		return run(argv[1]);
	dll = LoadLibraryA(argv[1]);
	if (!dll) {
		printf("LoadLibrary %s: error %lu\n", argv[1], GetLastError());
		return 1;
	}
	mark = (void (*)(void))(void *)GetProcAddress(dll, "tf_dll_mark");
	if (!mark) {
		printf("GetProcAddress tf_dll_mark: error %lu\n", GetLastError());
		return 1;
	}
	mark();
	return 0;
}
