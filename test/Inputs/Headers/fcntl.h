/* Mock <fcntl.h>. */
#ifndef MOCK_FCNTL_H
#define MOCK_FCNTL_H
#include "sys_cdefs.h"
#define O_RDONLY 00
#define O_WRONLY 01
#define O_CREAT 0100
__BEGIN_DECLS
extern int open(const char *__file, int __oflag, ...) __nonnull((1));
__END_DECLS
#endif
