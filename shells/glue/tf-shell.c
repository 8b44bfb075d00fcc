// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tf-shell: shared glue of the enlightened shells (see tf-shell.h).
 *
 * Writes its message with one write(2) on fd 2, below each shell's own
 * output buffering, so that it works the same from every shell; the
 * callers flush their buffered stderr first where they have one.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <trusted-for.h>

#include "tf-shell.h"

static const char *tfsh_shell = "sh";

void tfsh_set_shell(const char *argv0)
{
	const char *slash;

	if (!argv0 || !*argv0)
		return;
	slash = strrchr(argv0, '/');
	tfsh_shell = slash && slash[1] ? slash + 1 : argv0;
}

/*
 * "SHELL: NAME: " and the library's words for the outcome: a refusal with
 * its reasons, or "the execution check could not be done", the same words
 * as every other interpreter.
 */
static void tfsh_say(const char *name, int ret,
		     const struct tf_verdict *v, const char *tail)
{
	char why[TF_MESSAGE_MAX], msg[1024];
	int len;

	tf_verdict_message(ret, v, why, sizeof(why));
	len = snprintf(msg, sizeof(msg), "%s: %s: %s%s\n", tfsh_shell, name,
		       why, tail);
	if (len < 0)
		return;
	if ((size_t)len >= sizeof(msg))
		len = sizeof(msg) - 1;
	(void)!write(2, msg, len);
}

static int tfsh_check(int fd, int origin, const char *name,
		      const char *tail)
{
	struct tf_verdict v;
	int ret;

	memset(&v, 0, sizeof(v));
	ret = tf_check_fd(fd, origin, name, 0, &v);
	if (ret >= 0)
		return 0;
	tfsh_say(name, ret, &v, tail);
	return -1;
}

int tfsh_check_file(int fd, const char *name)
{
	return tfsh_check(fd, TF_ORIGIN_FILE, name, "");
}

int tfsh_check_stdin(void)
{
	struct tf_verdict v;
	int ret;

	/* The library tells a terminal (inline) from a file or a pipe. */
	memset(&v, 0, sizeof(v));
	ret = tf_check_stdin(0, &v);
	if (ret >= 0)
		return 0;
	tfsh_say(v.origin == TF_ORIGIN_INLINE ? "<terminal>" : "<stdin>", ret,
		 &v, "");
	return -1;
}

int tfsh_check_inline(const char *what)
{
	return tfsh_check(-1, TF_ORIGIN_INLINE, what, "");
}

int tfsh_check_interactive(void)
{
	return tfsh_check(-1, TF_ORIGIN_INLINE, "<interactive>", "");
}

int tfsh_check_env(const char *name, const char *value, int kind)
{
	char what[128];

	if (!value || !*value)
		return 0;
	if (kind == TFSH_ENV_EXPANDED && !strpbrk(value, "$`"))
		return 0;
	if (kind == TFSH_ENV_PROMPT && !strpbrk(value, "$`\\"))
		return 0;
	snprintf(what, sizeof(what), "<%s from the environment>", name);
	return tfsh_check(-1, TF_ORIGIN_INLINE, what, "; not used");
}
