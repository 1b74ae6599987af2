/* Mock <unistd.h>. */
#ifndef MOCK_UNISTD_H
#define MOCK_UNISTD_H
#include "sys_cdefs.h"
#include <stddef.h>
typedef long ssize_t;
__BEGIN_DECLS
extern ssize_t read(int __fd, void *__buf, size_t __nbytes) __wur;
extern ssize_t write(int __fd, const void *__buf, size_t __n) __wur;
extern int close(int __fd);
extern int dup(int __fd) __THROW __wur;
__END_DECLS
#endif
