// Userland C: memory, FILE*, descriptors and pthread locks at error exits;
// exit() ends a path; main() may leave memory to the system.
// RUN: %check_memtidy %s memtidy-leak-on-error-path %t -- -- -nostdinc -I %headers

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

struct ctx { char *name; FILE *log; int fd; };

int parse_config(const char *path, struct ctx *out) {
  FILE *f = fopen(path, "r");
  char *line;
  if (!f)
    return -1;
  line = malloc(256);
  if (!line)
    return -1;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'f' opened by 'fopen' is not closed when returning -1; call 'fclose' on this path [memtidy-leak-on-error-path]
    // CHECK-NOTES: :[[@LINE-8]]:13: note: 'f' opened by 'fopen' here
    // CHECK-NOTES: :[[@LINE-4]]:7: note: error detected here
    // CHECK-NOTES: :[[@LINE-4]]:5: note: 'parse_config' returns here with 'f' still owned
  if (!fgets(line, 256, f)) {
    free(line);
    fclose(f);
    return -1;
  }
  out->name = line;
  fclose(f);
  return 0;
}

int copy_file(const char *from, const char *to) {
  int in = open(from, O_RDONLY);
  int out;
  char buf[64];
  if (in < 0)
    return -1;
  out = open(to, O_WRONLY);
  if (out < 0)
    return -1;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'in' opened by 'open' is not closed when returning -1; call 'close' on this path [memtidy-leak-on-error-path]
    // CHECK-NOTES: :[[@LINE-9]]:12: note: 'in' opened by 'open' here
    // CHECK-NOTES: :[[@LINE-4]]:7: note: error detected here
    // CHECK-NOTES: :[[@LINE-4]]:5: note: 'copy_file' returns here with 'in' still owned
  if (read(in, buf, sizeof buf) < 0) {
    close(in);
    close(out);
    return -1;
  }
  close(in);
  close(out);
  return 0;
}

char *dup_twice(const char *s) {
  char *a = strdup(s);
  char *b;
  if (!a)
    return NULL;
  b = malloc(strlen(s) * 2 + 1);
  if (!b)
    return NULL;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'a' allocated by 'strdup' is not freed when returning NULL; call 'free' on this path [memtidy-leak-on-error-path]
    // CHECK-NOTES: :[[@LINE-8]]:13: note: 'a' allocated by 'strdup' here
    // CHECK-NOTES: :[[@LINE-4]]:7: note: error detected here
    // CHECK-NOTES: :[[@LINE-4]]:5: note: 'dup_twice' returns here with 'a' still owned
  strcpy(b, a);
  memcpy(b + strlen(s), a, strlen(s) + 1);
  free(a);
  return b;
}

int realloc_grow(char **bufp, size_t n) {
  char *tmp = realloc(*bufp, n);
  if (!tmp)
    return -1;
  *bufp = tmp;
  return 0;
}

int loop_alloc(char **v, int n) {
  int i;
  for (i = 0; i < n; i++) {
    v[i] = malloc(16);
    if (!v[i])
      goto unwind;
  }
  return 0;
unwind:
  while (--i >= 0)
    free(v[i]);
  return -1;
}

int process(void) {
  char *p = malloc(8);
  if (!p)
    exit(1);
  if (p[0] == 'x') {
    fprintf(stderr, "bad\n");
    exit(2);
  }
  free(p);
  return 0;
}

int main(void) {
  char *p = malloc(4);
  if (!p)
    return 1;
  return 0;
}
#include <pthread.h>
static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static int table[16];
int table_set(int i, int v) {
  pthread_mutex_lock(&table_lock);
  if (i < 0 || i >= 16)
    return -1;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: lock 'table_lock' locked by 'pthread_mutex_lock' is not unlocked when returning -1; call 'pthread_mutex_unlock' on this path [memtidy-leak-on-error-path]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: lock 'table_lock' locked by 'pthread_mutex_lock' here
    // CHECK-NOTES: :[[@LINE-3]]:5: note: 'table_set' returns here with lock 'table_lock' still held
  table[i] = v;
  pthread_mutex_unlock(&table_lock);
  return 0;
}
int table_try(int i) {
  if (pthread_mutex_trylock(&table_lock))
    return -1;
  table[i] = 0;
  pthread_mutex_unlock(&table_lock);
  return 0;
}

/* A struct passed by value to a function of another file carries what its
 * members hold: that function may free it. */
struct holder {
  char *text;
};
void consume_holder(struct holder h);
void hand_over_by_value(void) {
  struct holder h;
  h.text = malloc(16);
  if (!h.text)
    return;
  consume_holder(h);
}

/* fdopen() takes over the descriptor: closing the FILE closes it. Only the
 * path where fdopen() fails still owns it (LevelDB's NewLogger). */
FILE *open_log(const char *path) {
  int fd = open(path, O_WRONLY | O_CREAT, 0644);
  if (fd < 0)
    return NULL;
  FILE *fp = fdopen(fd, "w");
  if (!fp) {
    close(fd);
    return NULL;
  }
  return fp;
}

/* One exit, reached both where the buffer was handed by address to a
 * function of another file (which may have freed it: no finding) and where
 * it certainly leaks: the certain path is reported. */
struct config { char *data; };
int register_config(struct config *cfg);
int two_paths_one_exit(const char *name) {
  struct config cfg;
  int err;
  char *buf = malloc(16);
  if (!buf)
    return -1;
  char *copy = strdup(name);
  if (!copy) {
    err = -1;
    goto out;
  }
  cfg.data = buf;
  err = register_config(&cfg);
  if (err < 0)
    goto out_copy;
  free(copy);
  return 0;
out_copy:
  free(copy);
out:
  return err;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'buf' allocated by 'malloc' is not freed when returning -1 (in 'err'); call 'free' on this path [memtidy-leak-on-error-path]
  // CHECK-NOTES: :[[@LINE-19]]:15: note: 'buf' allocated by 'malloc' here
  // CHECK-NOTES: :[[@LINE-16]]:7: note: error detected here
  // CHECK-NOTES: :[[@LINE-15]]:5: note: jumps to 'out' here
  // CHECK-NOTES: :[[@LINE-5]]:3: note: 'two_paths_one_exit' returns here with 'buf' still owned
}

/* A helper's result is the caller's only if every return hands back a new
 * resource or a failure: lookup_or_create() may return a node of the list. */
struct node {
  struct node *next;
  int key;
};
static struct node *node_list;
static struct node *lookup_or_create(int key) {
  for (struct node *n = node_list; n; n = n->next)
    if (n->key == key)
      return n;
  struct node *n = malloc(sizeof(*n));
  if (!n)
    return n;
  n->key = key;
  return n;
}
int use_node(int key, int bad) {
  struct node *n = lookup_or_create(key);
  if (!n)
    return -1;
  if (bad)
    return -1;
  return n->key;
}
static struct node *create_node(int key) {
  struct node *n = malloc(sizeof(*n));
  if (!n)
    return n;
  n->key = key;
  return n;
}
int leak_node(int key, int bad) {
  struct node *n = create_node(key);
  if (!n)
    return -1;
  if (bad)
    return -1;
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'n' allocated by 'create_node' is not freed when returning -1; call 'free' on this path [memtidy-leak-on-error-path]
  // CHECK-NOTES: :[[@LINE-6]]:20: note: 'n' allocated by 'create_node' here
  // CHECK-NOTES: :[[@LINE-10]]:3: note: 'create_node' returns the result of 'malloc' here
  // CHECK-NOTES: :[[@LINE-4]]:5: note: 'leak_node' returns here with 'n' still owned
  free(n);
  return 0;
}

/* A static assertion's message is a string without a type (the kernel's
 * container_of() has one in every list walk): summaries skip it. */
int checked_size(int n) {
  _Static_assert(sizeof(int) == 4, "int is 32 bits");
  return n;
}

/* Descriptors handed by value to helpers of this file: the helper's uses
 * say whether it closes them (Juliet's CWE-775 flows 21 and 41). */
static void close_if_open(int fd) {
  if (fd != -1)
    close(fd);
}
static void only_log(int fd) { printf("%d\n", fd); }
static void close_later(int fd) { close_if_open(fd); }
void closes_in_helper(const char *path) {
  int fd = open(path, O_RDONLY);
  close_if_open(fd);
}
void closes_two_helpers_down(const char *path) {
  int fd = open(path, O_RDONLY);
  close_later(fd);
}
void helper_only_reads(const char *path) {
  int fd = open(path, O_RDONLY);
  only_log(fd);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: 'fd' opened by 'open' is never closed: the function still owns it when it returns, and no path hands it on [memtidy-leak-on-error-path]
// CHECK-NOTES: :[[@LINE-4]]:12: note: 'fd' opened by 'open' here
// CHECK-NOTES: :[[@LINE-3]]:1: note: 'helper_only_reads' returns here with 'fd' still owned

/* A wrapper of open() fails as open() does: -1 (flow 42). */
static int open_data(const char *path) {
  int fd = open(path, O_RDONLY);
  return fd;
}
void wrapped_open(const char *path) {
  int fd = open_data(path);
  if (fd != -1)
    close(fd);
}
int wrapped_open_leak(const char *path, int bad) {
  int fd = open_data(path);
  if (fd < 0)
    return -1;
  if (bad)
    return -1;
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'fd' opened by 'open_data' is not closed when returning -1; call 'close' on this path [memtidy-leak-on-error-path]
  // CHECK-NOTES: :[[@LINE-6]]:12: note: 'fd' opened by 'open_data' here
  // CHECK-NOTES: :[[@LINE-15]]:3: note: 'open_data' returns the result of 'open' here
  // CHECK-NOTES: :[[@LINE-4]]:5: note: 'wrapped_open_leak' returns here with 'fd' still owned
  close(fd);
  return 0;
}

/* A helper that reuses its parameter for a descriptor of its own closes
 * that one, not the caller's (CWE-773); closing first is fine. */
static void reopen(int fd) {
  fd = open("other", O_RDONLY);
  if (fd != -1)
    close(fd);
}
static void close_then_reopen(int fd) {
  if (fd != -1)
    close(fd);
  fd = open("other", O_RDONLY);
  if (fd != -1)
    close(fd);
}
void reopened_in_helper(const char *path) {
  int fd = open(path, O_RDONLY);
  reopen(fd);
}
// CHECK-NOTES: :[[@LINE-1]]:1: warning: 'fd' opened by 'open' is never closed: the function still owns it when it returns, and no path hands it on [memtidy-leak-on-error-path]
// CHECK-NOTES: :[[@LINE-4]]:12: note: 'fd' opened by 'open' here
// CHECK-NOTES: :[[@LINE-3]]:1: note: 'reopened_in_helper' returns here with 'fd' still owned
void closed_before_reopen(const char *path) {
  int fd = open(path, O_RDONLY);
  close_then_reopen(fd);
}
