// C++: buffers from malloc() or calloc() that are only indexed and lent to
// functions that keep no pointer are arrays: the advice is std::vector, or
// std::string for chars handed to string functions. No fix-it: the sizes
// and the calls change.
// RUN: %check_memtidy %s memtidy-missing-raii %t -- -- -nostdinc -I %headers

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void print_line(const char *line);
void print_ints(const int *values, int n) noexcept;
void fill(char *out, size_t n);
bool ok(int v) noexcept;
struct Pair {
  int a, b;
};

int sum_copy(const int *src, int n) {
  int *copy = (int *)malloc(n * sizeof(int));
  // CHECK-NOTES: :[[@LINE-1]]:8: {{remark|note}}: 'copy' is freed by hand; use 'std::vector<int>' so that every path releases it [memtidy-missing-raii]
  // CHECK-NOTES: :[[@LINE-2]]:22: note: 'copy' allocated by 'malloc' here
  // CHECK-NOTES: :[[@LINE+8]]:3: note: 'copy' freed here
  if (copy == NULL)
    return 0;
  memcpy(copy, src, n * sizeof(int));
  int total = 0;
  for (int i = 0; i < n; ++i)
    total += copy[i];
  print_ints(copy, n);
  free(copy);
  return total;
}

void greet(const char *name) {
  char *line = (char *)malloc(strlen(name) + 7);
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: 'line' leaks on a path that skips its release; use 'std::string' [memtidy-missing-raii]
  // CHECK-NOTES: :[[@LINE-2]]:24: note: 'line' allocated by 'malloc' here
  // CHECK-NOTES: :[[@LINE+6]]:3: note: 'print_line' may throw here before 'line' is released
  // CHECK-NOTES: :[[@LINE+6]]:3: note: 'line' freed here
  if (!line)
    return;
  strcpy(line, "hello ");
  line[6] = '\0';
  print_line(line);
  free(line);
}

void zeroed(int n) {
  char *bytes = (char *)calloc(n, 1);
  // CHECK-NOTES: :[[@LINE-1]]:9: {{remark|note}}: 'bytes' is freed by hand; use 'std::vector<char>' so that every path releases it [memtidy-missing-raii]
  // CHECK-NOTES: :[[@LINE-2]]:25: note: 'bytes' allocated by 'calloc' here
  // CHECK-NOTES: :[[@LINE+3]]:3: note: 'bytes' freed here
  bytes[0] = 1;
  memset(bytes, 0, n);
  free(bytes);
}

// Still an owning pointer: realloc() needs it.
void grows(int n) {
  char *buf = (char *)malloc(n);
  // CHECK-NOTES: :[[@LINE-1]]:9: {{remark|note}}: 'buf' is freed by hand; use 'std::unique_ptr<char, decltype(&free)>' so that every path releases it [memtidy-missing-raii]
  // CHECK-NOTES: :[[@LINE-2]]:23: note: 'buf' allocated by 'malloc' here
  // CHECK-NOTES: :[[@LINE+11]]:5: note: 'buf' freed here
  if (!buf)
    return;
  buf[0] = 0;
  char *bigger = (char *)realloc(buf, 2 * n);
  // CHECK-NOTES: :[[@LINE-1]]:9: {{remark|note}}: 'bigger' is freed by hand; use 'std::unique_ptr<char, decltype(&free)>' so that every path releases it [memtidy-missing-raii]
  // CHECK-NOTES: :[[@LINE-2]]:26: note: 'bigger' allocated by 'realloc' here
  // CHECK-NOTES: :[[@LINE+2]]:5: note: 'bigger' freed here
  if (bigger)
    free(bigger);
  else
    free(buf);
}

// Still an owning pointer: dereferenced as one object, or lent to a
// function that may keep a non-const pointer.
void one_object() {
  Pair *p = (Pair *)malloc(sizeof(Pair));
  // CHECK-NOTES: :[[@LINE-1]]:9: {{remark|note}}: 'p' is freed by hand; use 'std::unique_ptr<Pair, decltype(&free)>' so that every path releases it [memtidy-missing-raii]
  // CHECK-NOTES: :[[@LINE-2]]:21: note: 'p' allocated by 'malloc' here
  // CHECK-NOTES: :[[@LINE+3]]:3: note: 'p' freed here
  p->a = 1;
  p[0].b = 2;
  free(p);
}

void lent_mutable(int n) {
  char *out = (char *)malloc(n);
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: 'out' leaks on a path that skips its release; use 'std::unique_ptr<char, decltype(&free)>' [memtidy-missing-raii]
  // CHECK-NOTES: :[[@LINE-2]]:23: note: 'out' allocated by 'malloc' here
  // CHECK-NOTES: :[[@LINE+3]]:3: note: 'fill' may throw here before 'out' is released
  // CHECK-NOTES: :[[@LINE+3]]:3: note: 'out' freed here
  out[0] = 0;
  fill(out, n);
  free(out);
}

void pointer_arithmetic(int n) {
  int *v = (int *)calloc(n, sizeof(int));
  // CHECK-NOTES: :[[@LINE-1]]:8: {{remark|note}}: 'v' is freed by hand; use 'std::unique_ptr<int, decltype(&free)>' so that every path releases it [memtidy-missing-raii]
  // CHECK-NOTES: :[[@LINE-2]]:19: note: 'v' allocated by 'calloc' here
  // CHECK-NOTES: :[[@LINE+3]]:3: note: 'v' freed here
  v[0] = 1;
  print_ints(v + 1, n - 1);
  free(v);
}

// Silent: the buffer is returned.
char *make(int n) {
  char *buf = (char *)malloc(n);
  buf[0] = 0;
  return buf;
}
