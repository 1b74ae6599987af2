/* Mock <sys/uio.h>. */
#ifndef MOCK_SYS_UIO_H
#define MOCK_SYS_UIO_H
#include "../sys_cdefs.h"
#include <stddef.h>
typedef long ssize_t;
struct iovec {
  void *iov_base;
  size_t iov_len;
};
__BEGIN_DECLS
extern ssize_t readv(int __fd, const struct iovec *__iovec, int __count) __wur;
extern ssize_t writev(int __fd, const struct iovec *__iovec, int __count) __wur;
__END_DECLS
#endif
