#include <fcntl.h>
#include <unistd.h>

struct fdbox {
  int fd;
};
void fd_sink(int fd);
void fd_keep(int fd);
void fd_relay(int fd);
void fd_box(struct fdbox b);
void fd_opaque(void *p);
void fd_stash(int fd);

void closed_there(void) {
  int fd = open("x", O_RDONLY);
  if (fd == -1)
    return;
  fd_sink(fd);
}

void only_read_there(void) {
  int fd = open("x", O_RDONLY);
  if (fd == -1)
    return;
  fd_keep(fd);
}

void read_further(void) {
  int fd = open("x", O_RDONLY);
  if (fd == -1)
    return;
  fd_relay(fd);
}

void read_in_a_box(void) {
  struct fdbox b;
  b.fd = open("x", O_RDONLY);
  if (b.fd == -1)
    return;
  fd_box(b);
}

void closed_through_a_cast(void) {
  int fd = open("x", O_RDONLY);
  if (fd == -1)
    return;
  fd_opaque(&fd);
}

void stashed_there(void) {
  int fd = open("x", O_RDONLY);
  if (fd == -1)
    return;
  fd_stash(fd);
}

void reset_first(void) {
  int fd;
  fd = -1;
  fd = open("x", O_RDONLY);
  fd_keep(fd);
}
