/*
 * check.h - the smallest test harness that does the job: each CHECK prints
 * nothing when it holds and "FAIL: file:line: expr" when it does not; each
 * TEST(name) block prints "PASS: name" or "FAIL: name" once. tests/run.sh
 * counts those lines.
 */
#ifndef GK_CHECK_H
#define GK_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failed_in_test;
static int check_total_failed;

#define CHECK(expr) do { \
	if (!(expr)) { \
		printf("  check failed: %s:%d: %s\n", __FILE__, __LINE__, #expr); \
		check_failed_in_test = 1; \
	} \
} while (0)

#define CHECK_STR(a, b) do { \
	const char *check_a_ = (a), *check_b_ = (b); \
	if (!check_a_ || !check_b_ || strcmp(check_a_, check_b_) != 0) { \
		printf("  check failed: %s:%d: %s == %s (\"%s\" vs \"%s\")\n", \
		       __FILE__, __LINE__, #a, #b, check_a_ ? check_a_ : "(null)", \
		       check_b_ ? check_b_ : "(null)"); \
		check_failed_in_test = 1; \
	} \
} while (0)

#define CHECK_INT(a, b) do { \
	long long check_a_ = (long long)(a), check_b_ = (long long)(b); \
	if (check_a_ != check_b_) { \
		printf("  check failed: %s:%d: %s == %s (%lld vs %lld)\n", \
		       __FILE__, __LINE__, #a, #b, check_a_, check_b_); \
		check_failed_in_test = 1; \
	} \
} while (0)

/* Runs fn as one named test case and reports it. */
#define TEST(fn) do { \
	check_failed_in_test = 0; \
	fn(); \
	printf("%s: %s\n", check_failed_in_test ? "FAIL" : "PASS", #fn); \
	check_total_failed += check_failed_in_test; \
} while (0)

#define CHECK_EXIT() (check_total_failed ? 1 : 0)

#endif
