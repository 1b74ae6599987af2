// C++: file descriptors from open() and dup() closed by hand. There is no
// standard owner of a descriptor: by default the advice names none, with
// DescriptorWrapper it names the project's type. Never a fix-it.
// RUN: %check_memtidy --check-suffixes=DEFAULT %s memtidy-missing-raii %t -- -- -nostdinc -I %headers
// RUN: %check_memtidy --check-suffixes=WRAP %s memtidy-missing-raii %t -- \
// RUN:   -config="{CheckOptions: {memtidy-missing-raii.DescriptorWrapper: 'android::base::unique_fd'}}" \
// RUN:   -- -nostdinc -I %headers

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

bool parse(const char *buf, long n);
bool ok(long n) noexcept;

long read_all(const char *path, char *buf, long size) {
  int fd = open(path, O_RDONLY);
  // CHECK-NOTES-DEFAULT: :[[@LINE-1]]:7: {{remark|note}}: 'fd' is closed by hand; use a RAII type that closes it so that every path releases it [memtidy-missing-raii]
  // CHECK-NOTES-DEFAULT: :[[@LINE-2]]:12: note: 'fd' opened by 'open' here
  // CHECK-NOTES-DEFAULT: :[[@LINE+8]]:3: note: 'fd' closed here
  // CHECK-NOTES-WRAP: :[[@LINE-4]]:7: {{remark|note}}: 'fd' is closed by hand; use 'android::base::unique_fd' so that every path releases it [memtidy-missing-raii]
  // CHECK-NOTES-WRAP: :[[@LINE-5]]:12: note: 'fd' opened by 'open' here
  // CHECK-NOTES-WRAP: :[[@LINE+5]]:3: note: 'fd' closed here
  // CHECK-FIXES-DEFAULT: {{^}}  int fd = open(path, O_RDONLY);{{$}}
  if (fd < 0)
    return -1;
  long n = read(fd, buf, size);
  close(fd);
  return n;
}

long early_return(const char *path, char *buf, long size) {
  int fd = open(path, O_RDONLY);
  // CHECK-NOTES-DEFAULT: :[[@LINE-1]]:7: warning: 'fd' leaks on a path that skips its release; use a RAII type that closes it [memtidy-missing-raii]
  // CHECK-NOTES-DEFAULT: :[[@LINE-2]]:12: note: 'fd' opened by 'open' here
  // CHECK-NOTES-DEFAULT: :[[@LINE+10]]:5: note: this return leaves without releasing 'fd'
  // CHECK-NOTES-DEFAULT: :[[@LINE+10]]:3: note: 'fd' closed here
  // CHECK-NOTES-WRAP: :[[@LINE-5]]:7: warning: 'fd' leaks on a path that skips its release; use 'android::base::unique_fd' [memtidy-missing-raii]
  // CHECK-NOTES-WRAP: :[[@LINE-6]]:12: note: 'fd' opened by 'open' here
  // CHECK-NOTES-WRAP: :[[@LINE+6]]:5: note: this return leaves without releasing 'fd'
  // CHECK-NOTES-WRAP: :[[@LINE+6]]:3: note: 'fd' closed here
  if (fd < 0)
    return -1;
  long n = read(fd, buf, size);
  if (!ok(n))
    return -1;
  close(fd);
  return n;
}

bool throws_between(const char *path, char *buf, long size) {
  int copy = dup(0);
  // CHECK-NOTES-DEFAULT: :[[@LINE-1]]:7: warning: 'copy' leaks on a path that skips its release; use a RAII type that closes it [memtidy-missing-raii]
  // CHECK-NOTES-DEFAULT: :[[@LINE-2]]:14: note: 'copy' opened by 'dup' here
  // CHECK-NOTES-DEFAULT: :[[@LINE+8]]:15: note: 'parse' may throw here before 'copy' is released
  // CHECK-NOTES-DEFAULT: :[[@LINE+8]]:3: note: 'copy' closed here
  // CHECK-NOTES-WRAP: :[[@LINE-5]]:7: warning: 'copy' leaks on a path that skips its release; use 'android::base::unique_fd' [memtidy-missing-raii]
  // CHECK-NOTES-WRAP: :[[@LINE-6]]:14: note: 'copy' opened by 'dup' here
  // CHECK-NOTES-WRAP: :[[@LINE+4]]:15: note: 'parse' may throw here before 'copy' is released
  // CHECK-NOTES-WRAP: :[[@LINE+4]]:3: note: 'copy' closed here
  if (copy < 0)
    return false;
  bool good = parse(buf, read(copy, buf, size));
  close(copy);
  return good;
}

// Silent: the caller owns a descriptor that is returned.
int open_for_caller(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return -1;
  return fd;
}

// Silent: an object keeps it and closes it in its destructor.
class File {
public:
  explicit File(const char *path) {
    int fd = open(path, O_RDONLY);
    handle = fd;
  }
  ~File() { close(handle); }
  File(const File &) = delete;
  File &operator=(const File &) = delete;

private:
  int handle;
};

// Silent: a descriptor the function did not open.
void close_parameter(int fd) { close(fd); }

// Silent: the variable holds a borrowed descriptor on some paths, which no
// RAII type may close (LevelDB's PosixRandomAccessFile::Read).
struct Reader {
  long read_at(char *buf, long size) const {
    int fd = fd_;
    if (!permanent_) {
      fd = open(path_, O_RDONLY);
      if (fd < 0)
        return -1;
    }
    long n = read(fd, buf, size);
    if (!permanent_)
      close(fd);
    return n;
  }
  const bool permanent_;
  const int fd_;
  const char *path_;
};

// Silent: fdopen() takes the descriptor over; it is closed by hand only
// where fdopen() fails (LevelDB's PosixEnv::NewLogger).
FILE *open_log(const char *path) {
  int fd = open(path, O_WRONLY | O_CREAT, 0644);
  if (fd < 0)
    return nullptr;
  FILE *fp = fdopen(fd, "w");
  if (!fp) {
    close(fd);
    return nullptr;
  }
  return fp;
}
