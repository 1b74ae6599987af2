#include <unistd.h>
void fd_close_via_ptr(int *p) { int fd = *p; if (fd != -1) close(fd); }
