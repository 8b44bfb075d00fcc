/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tf-shell: the few lines every enlightened shell shares, linked into dash,
 * busybox and bash together with libtrustedfor (see shells/README.md).
 *
 * The patches call these at their choke points; each returns 0 when the
 * code may run and -1 after printing
 *   SHELL: NAME: refused by the system's execution policy (REASON)
 * on stderr, the words of tf_verdict_message() (the library has logged the
 * denial to syslog already).  Any negative answer of the library refuses,
 * also when the check could not be done:
 *   SHELL: NAME: refused: the execution check could not be done (ERROR)
 */
#ifndef TF_SHELL_H
#define TF_SHELL_H

/* The exit status of a refused script, like a failed exec. */
#define TFSH_EXIT_REFUSED 126

/* The name messages start with: the base name of @argv0, set in main(). */
void tfsh_set_shell(const char *argv0);

/* Code read from the open descriptor @fd of the file @name. */
int tfsh_check_file(int fd, const char *name);

/*
 * Code the shell reads from its standard input (fd 0), classified by
 * tf_check_stdin(): a regular file or a pipe is checked as stdin
 * ("<stdin>"); a terminal is inline code ("<terminal>"); a closed fd 0
 * holds no code and is allowed.
 */
int tfsh_check_stdin(void);

/* Inline code: @what is "-c" or the like. */
int tfsh_check_inline(const char *what);

/*
 * An interactive shell, whatever its stdin is (a terminal, a file, a pipe,
 * closed): inline origin, named "<interactive>".  Its prompts and start-up
 * hooks run code nobody wrote to a file.
 */
int tfsh_check_interactive(void);

/*
 * @value of the variable @name, taken from the environment, that the shell
 * expands or runs (PS1, PS4, ENV, PROMPT_COMMAND...).  It is inline code
 * when @kind says so:
 */
#define TFSH_ENV_EXPANDED 0	/* it holds '$' or '`' */
#define TFSH_ENV_PROMPT 1	/* also '\' (bash decodes \NNN, then expands) */
#define TFSH_ENV_ANY 2		/* it is not empty (a command, shell options) */
/*
 * Returns 0 when the value may be used (NULL, not code, or allowed), and
 * -1 after printing
 *   SHELL: <NAME from the environment>: refused by ...; not used
 * when the caller must use its default instead.
 */
int tfsh_check_env(const char *name, const char *value, int kind);

#endif /* TF_SHELL_H */
