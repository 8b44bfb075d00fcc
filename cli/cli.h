/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What the commands of the trusted-for CLI share: the exit codes, the
 * messages, JSON strings.
 */
#ifndef TF_CLI_H
#define TF_CLI_H

#include <stdio.h>

/* Exit codes of check, scan and interpreters (and of usage errors everywhere). */
#define EXIT_TRUSTED 0
#define EXIT_REFUSED 1
#define EXIT_TROUBLE 2

extern const char *prog;

void warnx_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void usage(FILE *out);
void json_string(const char *s);

/* trusted-for run: a seccomp filter against new user namespaces (cli/userns.c) */
int forbid_user_namespaces(void);

/* trusted-for interpreters (cli/interpreters.c) */
int cmd_interpreters(int argc, char **argv);

#endif
