// Allocations in loops, from false positives on curl (src/tool_writeout.c,
// src/tool_urlglob.c): a site's new result is a new object, the previous one
// keeps its own state; counters that only grow stay positive; a cleanup
// loop bounded by a zero count does not run.
// RUN: %check_memtidy %s memtidy-unchecked-alloc %t -- -- -isystem %headers

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// The previous iteration's stream, kept in 'stream', is not the new one.
void reopen_in_loop(const char **names, int n) {
  FILE *stream = stderr;
  int close_it = 0;
  for (int i = 0; i < n; i++) {
    if (names[i][0] == 'f') {
      FILE *stream2 = fopen(names[i], "w");
      if (stream2) {
        if (close_it)
          fclose(stream);
        stream = stream2;
        close_it = 1;
      }
    } else {
      fputs("x", stream);
    }
  }
}

// Grown with realloc into a temporary; allocated once, when palloc is 0,
// after which palloc only grows; freed by a loop bounded by size.
int grow_set(const char *pattern, char ***out) {
  int result = 0, done = 0;
  size_t size = 0, palloc = 0;
  char **elem = NULL;
  while (!done) {
    switch (*pattern) {
    case '\0':
      result = 1;
      goto error;
    case '}':
      done = 1;
      /* fallthrough */
    case ',':
      if (!palloc) {
        palloc = 5;
        elem = malloc(palloc * sizeof(char *));
      } else if (size >= palloc) {
        char **arr = realloc(elem, palloc * 2 * sizeof(char *));
        if (!arr) {
          result = 2;
          goto error;
        }
        elem = arr;
        palloc *= 2;
      }
      if (!elem) {
        result = 2;
        goto error;
      }
      elem[size] = strdup(pattern);
      if (!elem[size]) {
        result = 2;
        goto error;
      }
      ++size;
      ++pattern;
      break;
    default:
      ++pattern;
    }
  }
  *out = elem;
  return 0;
error: {
  size_t i;
  for (i = 0; i < size; i++)
    free(elem[i]);
}
  free(elem);
  return result;
}

// Each iteration's allocation is used before it is checked: reported once.
void unchecked_in_loop(int n) {
  for (int i = 0; i < n; i++) {
    int *p = malloc(sizeof(int));
    *p = i;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'p' is dereferenced without checking whether 'malloc' succeeded; it returns NULL on failure [memtidy-unchecked-alloc]
    free(p);
  }
}

// Cleanup that runs when the count is not known to be zero.
int cleanup_after_partial_fill(char **elem, size_t n) {
  size_t size = 0;
  for (size_t k = 0; k < n; k++) {
    elem[k] = malloc(8);
    size = n;
  }
  char *extra = malloc(8);
  if (!extra)
    goto error;
  free(extra);
  return 0;
error:
  extra[0] = 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'extra' is dereferenced on a path where 'malloc' failed: the failure is detected but execution continues [memtidy-unchecked-alloc]
  for (size_t i = 0; i < size; i++)
    free(elem[i]);
  return -1;
}
