// Conventions other than NULL: -1 from open(), and posix_memalign's status
// return for a pointer delivered through an out-parameter.
// RUN: %check_memtidy %s memtidy-unchecked-alloc %t -- -- -isystem %headers

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

ssize_t read_unchecked(const char *path, char *buf, size_t n) {
  int fd = open(path, O_RDONLY);
  ssize_t got = read(fd, buf, n);
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: 'fd' is passed to 'read' without checking whether 'open' succeeded; it returns a negative value on failure [memtidy-unchecked-alloc]
  // CHECK-NOTES: :[[@LINE-3]]:12: note: 'fd' is assigned the result of 'open' here; check it for a negative value before use
  close(fd);
  return got;
}

void *aligned_unchecked(size_t n) {
  void *p;
  posix_memalign(&p, 64, n);
  memset(p, 0, n);
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: 'p' is passed to 'memset' without checking whether 'posix_memalign' succeeded; it returns non-zero on failure [memtidy-unchecked-alloc]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: 'p' is assigned the result of 'posix_memalign' here; check the call's return value before use
  return p;
}

void *aligned_failure_ignored(size_t n) {
  void *p;
  int err = posix_memalign(&p, 64, n);
  if (err)
    write(2, "no memory\n", 10);
  memset(p, 0, n);
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: 'p' is passed to 'memset' on a path where 'posix_memalign' failed: the failure is detected but execution continues [memtidy-unchecked-alloc]
  // CHECK-NOTES: :[[@LINE-5]]:13: note: 'p' is assigned the result of 'posix_memalign' here; check the call's return value before use
  // CHECK-NOTES: :[[@LINE-5]]:7: note: failure of 'posix_memalign' detected here
  return p;
}

// --- Must stay silent -------------------------------------------------------

ssize_t read_checked_negative(const char *path, char *buf, size_t n) {
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return -1;
  ssize_t got = read(fd, buf, n);
  close(fd);
  return got;
}

ssize_t read_checked_minus_one(const char *path, char *buf, size_t n) {
  int fd = open(path, O_RDONLY);
  if (fd == -1)
    return -1;
  return read(fd, buf, n);
}

ssize_t read_checked_positively(const char *path, char *buf, size_t n) {
  ssize_t got = -1;
  int fd = open(path, O_RDONLY);
  if (fd >= 0) {
    got = read(fd, buf, n);
    close(fd);
  }
  return got;
}

void *aligned_checked_directly(size_t n) {
  void *p;
  if (posix_memalign(&p, 64, n) != 0)
    return NULL;
  memset(p, 0, n);
  return p;
}

void *aligned_checked_through_status(size_t n) {
  void *p;
  int err = posix_memalign(&p, 64, n);
  if (err)
    return NULL;
  memset(p, 0, n);
  return p;
}
