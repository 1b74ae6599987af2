// RUN: %check_memtidy %s memtidy-unchecked-alloc %t -- -- -isystem %headers

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct node {
  int value;
  struct node *next;
  char *name;
};

int plain_deref(int v) {
  struct node *n = malloc(sizeof(*n));
  n->value = v;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'n' is dereferenced without checking whether 'malloc' succeeded; it returns NULL on failure [memtidy-unchecked-alloc]
  // CHECK-NOTES: :[[@LINE-3]]:20: note: 'n' is assigned the result of 'malloc' here; check it for NULL before use
  free(n);
  return 0;
}

void passed_to_nonnull(const char *s) {
  char *copy = malloc(strlen(s) + 1);
  strcpy(copy, s);
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: 'copy' is passed to 'strcpy' without checking whether 'malloc' succeeded; it returns NULL on failure [memtidy-unchecked-alloc]
  // CHECK-NOTES: :[[@LINE-3]]:16: note: 'copy' is assigned the result of 'malloc' here; check it for NULL before use
  free(copy);
}

void only_first_use_reported(int n) {
  int *a = calloc(n, sizeof(int));
  a[0] = 1;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'a' is dereferenced without checking whether 'calloc' succeeded; it returns NULL on failure [memtidy-unchecked-alloc]
  // CHECK-NOTES: :[[@LINE-3]]:12: note: 'a' is assigned the result of 'calloc' here; check it for NULL before use
  a[1] = 2;
  free(a);
}

void checked_on_one_branch_only(int flag) {
  char *p = malloc(16);
  if (flag) {
    if (!p)
      return;
  }
  p[0] = 0;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'p' is dereferenced without checking whether 'malloc' succeeded; it returns NULL on failure [memtidy-unchecked-alloc]
  // CHECK-NOTES: :[[@LINE-7]]:13: note: 'p' is assigned the result of 'malloc' here; check it for NULL before use
  free(p);
}

void failure_detected_but_not_handled(void) {
  char *p = malloc(16);
  if (p == NULL)
    fprintf(stderr, "out of memory\n");
  memset(p, 0, 16);
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: 'p' is passed to 'memset' on a path where 'malloc' failed: the failure is detected but execution continues [memtidy-unchecked-alloc]
  // CHECK-NOTES: :[[@LINE-5]]:13: note: 'p' is assigned the result of 'malloc' here; check it for NULL before use
  // CHECK-NOTES: :[[@LINE-5]]:7: note: failure of 'malloc' detected here
  free(p);
}

void realloc_in_place(char **buf, size_t n) {
  char *p = *buf;
  p = realloc(p, n);
  // CHECK-NOTES: :[[@LINE-1]]:7: warning: if 'realloc' fails, the block 'p' points to is leaked: 'p' is overwritten with NULL; assign the result to a temporary and check it first [memtidy-unchecked-alloc]
  if (!p)
    return;
  *buf = p;
}

void direct_use(size_t n) {
  memset(malloc(n), 0, n);
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: the result of 'malloc' is passed to 'memset' without checking whether it succeeded; it returns NULL on failure [memtidy-unchecked-alloc]
}

void stored_in_field_then_used(struct node *n) {
  n->name = strdup("x");
  n->name[0] = 'y';
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'n->name' is dereferenced without checking whether 'strdup' succeeded; it returns NULL on failure [memtidy-unchecked-alloc]
  // CHECK-NOTES: :[[@LINE-3]]:13: note: 'n->name' is assigned the result of 'strdup' here; check it for NULL before use
}

int unchecked_fopen(const char *path) {
  char line[64];
  FILE *f = fopen(path, "r");
  fgets(line, sizeof(line), f);
  // CHECK-NOTES: :[[@LINE-1]]:29: warning: 'f' is passed to 'fgets' without checking whether 'fopen' succeeded; it returns NULL on failure [memtidy-unchecked-alloc]
  // CHECK-NOTES: :[[@LINE-3]]:13: note: 'f' is assigned the result of 'fopen' here; check it for NULL before use
  return fclose(f);
}

int fclose_of_unchecked_fopen(const char *path) {
  FILE *f = fopen(path, "r");
  return fclose(f);
  // CHECK-NOTES: :[[@LINE-1]]:17: warning: 'f' is passed to 'fclose' without checking whether 'fopen' succeeded; it returns NULL on failure [memtidy-unchecked-alloc]
  // CHECK-NOTES: :[[@LINE-3]]:13: note: 'f' is assigned the result of 'fopen' here; check it for NULL before use
}

// --- Must stay silent -------------------------------------------------------

void realloc_of_null_is_malloc(size_t n) {
  char *p = NULL;
  p = realloc(p, n);
  if (!p)
    return;
  free(p);
}

int checked_early_return(int v) {
  struct node *n = malloc(sizeof(*n));
  if (!n)
    return -1;
  n->value = v;
  free(n);
  return 0;
}

int checked_with_comparison(void) {
  char *p = malloc(8);
  if (NULL == p)
    return -1;
  p[0] = 1;
  free(p);
  return 0;
}

int checked_through_copy(void) {
  char *p = malloc(8);
  char *q = p;
  if (!q)
    return -1;
  p[0] = 1;
  free(p);
  return 0;
}

void *returned_to_caller(size_t n) {
  void *p = malloc(n);
  return p;
}

int checked_in_compound_condition(void) {
  char *a = malloc(8);
  char *b = malloc(8);
  if (!a || !b) {
    free(a);
    free(b);
    return -1;
  }
  a[0] = b[0] = 0;
  free(a);
  free(b);
  return 0;
}

int checked_positively(void) {
  char *p = malloc(8);
  if (p) {
    p[0] = 1;
    free(p);
    return 0;
  }
  return -1;
}

void exits_on_failure(void) {
  char *p = malloc(8);
  if (!p)
    abort();
  p[0] = 1;
  free(p);
}

int assignment_in_condition(void) {
  char *p;
  if ((p = malloc(8)) == NULL)
    return -1;
  p[0] = 1;
  free(p);
  return 0;
}

void ternary_guard(size_t n) {
  char *p = malloc(n);
  char c = p ? p[0] : 0;
  (void)c;
  free(p);
}

void loop_with_check(int n) {
  for (int i = 0; i < n; ++i) {
    int *p = malloc(sizeof(int));
    if (!p)
      break;
    *p = i;
    free(p);
  }
}

void sizeof_is_not_a_use(void) {
  struct node *n = malloc(sizeof(*n) + sizeof(n->value));
  if (!n)
    return;
  free(n);
}

void free_accepts_null(void) {
  char *p = malloc(8);
  free(p);
}

int error_flag_set_on_failure(void) {
  int err = 0;
  char *p = malloc(8);
  if (!p)
    err = -1;
  if (err)
    return err;
  p[0] = 0;
  free(p);
  return 0;
}

int reassigned_before_use(char *other) {
  char *p = malloc(8);
  free(p);
  p = other;
  return p[0];
}

int realloc_into_temporary(char **buf, size_t n) {
  char *tmp = realloc(*buf, n);
  if (!tmp)
    return -1;
  *buf = tmp;
  return 0;
}
