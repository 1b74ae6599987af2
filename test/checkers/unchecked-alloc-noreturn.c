// Paths end in calls that never return: declared with an attribute, listed
// in a rule pack (a test framework's failure handler that longjmps out, as
// Unity's UnityFail does in cJSON's tests), or functions of this file that
// only ever end in such calls.
// RUN: %check_memtidy %s memtidy-unchecked-alloc %t -- \
// RUN:   -config="{CheckOptions: {memtidy-unchecked-alloc.RulePacks: %inputs/rules/noreturn.json}}" \
// RUN:   -- -isystem %headers

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void TestFail(const char *message, int line);
#define TEST_ASSERT_NOT_NULL(p)                                               \
  if ((p) != NULL) {                                                          \
  } else                                                                      \
    TestFail(" Expected Non-NULL", __LINE__)

void assert_from_framework(void) {
  char *copy = malloc(16);
  TEST_ASSERT_NOT_NULL(copy);
  strcpy(copy, "text");
  free(copy);
}

static void die(const char *why) {
  fputs(why, stderr);
  exit(1);
}

void helper_that_exits(void) {
  char *copy = malloc(16);
  if (!copy)
    die("out of memory");
  strcpy(copy, "text");
  free(copy);
}

static void warn_only(const char *why) { fputs(why, stderr); }

void helper_that_returns(void) {
  char *copy = malloc(16);
  if (!copy)
    warn_only("out of memory");
  strcpy(copy, "text");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'copy' is passed to 'strcpy' on a path where 'malloc' failed: the failure is detected but execution continues [memtidy-unchecked-alloc]
  free(copy);
}
