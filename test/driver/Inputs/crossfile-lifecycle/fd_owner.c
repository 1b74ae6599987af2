#include <fcntl.h>
#include <unistd.h>
void fd_close_via_ptr(int *p);
void descriptor_by_address(void) {
  int fd = open("x", O_RDONLY);
  if (fd == -1)
    return;
  fd_close_via_ptr(&fd);
}
