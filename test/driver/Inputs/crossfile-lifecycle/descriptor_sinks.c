#include <stdio.h>
#include <unistd.h>

struct fdbox {
  int fd;
};
static int saved;

void fd_sink(int fd) { close(fd); }
void fd_keep(int fd) { printf("%d\n", fd); }
void fd_relay(int fd) { fd_keep(fd); }
void fd_box(struct fdbox b) {
  int fd = b.fd;
  printf("%d\n", fd);
}
void fd_opaque(void *p) {
  int *q = (int *)p;
  int fd = *q;
  if (fd != -1)
    close(fd);
}
void fd_stash(int fd) { saved = fd; }
