/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A tiny TAP producer (Test Anything Protocol, version 13).  The plan is
 * printed at the end, so the number of tests may depend on the kernel.
 * Exit status: 0 if every test passed, 1 otherwise, 77 if all were skipped.
 */
#ifndef TAP_H
#define TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static int tap_count, tap_failed, tap_skipped;

static void tap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2), unused));
static void tap_diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

/* Record one test; returns @cond so callers can add diagnostics. */
static int tap_ok(int cond, const char *fmt, ...) __attribute__((format(printf, 2, 3), unused));
static int tap_ok(int cond, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d - ", cond ? "" : "not ", ++tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	if (!cond)
		tap_failed++;
	return cond;
}

static void tap_skip(const char *why, const char *fmt, ...) __attribute__((format(printf, 2, 3), unused));
static void tap_skip(const char *why, const char *fmt, ...)
{
	va_list ap;

	printf("ok %d - ", ++tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(" # SKIP %s\n", why);
	fflush(stdout);
	tap_skipped++;
}

/* Stop now: an environment problem, not a test failure. */
static void tap_bail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn, unused));
static void tap_bail(const char *fmt, ...)
{
	va_list ap;

	fputs("Bail out! ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	exit(1);
}

static int tap_done(void) __attribute__((unused));
static int tap_done(void)
{
	if (!tap_count) {
		printf("1..0 # SKIP nothing could be tested here\n");
		return 77;
	}
	printf("1..%d\n", tap_count);
	if (tap_failed)
		printf("# FAILED %d of %d tests\n", tap_failed, tap_count);
	fflush(stdout);
	if (tap_failed)
		return 1;
	return tap_skipped == tap_count ? 77 : 0;
}

#endif /* TAP_H */
