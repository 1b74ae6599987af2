/* Mock <string.h>, shaped like glibc's declarations. */
#ifndef MOCK_STRING_H
#define MOCK_STRING_H
#include "sys_cdefs.h"
#include <stddef.h>
__BEGIN_DECLS
extern void *memcpy(void *__restrict __dest, const void *__restrict __src,
                    size_t __n) __THROW __nonnull((1, 2));
extern void *memmove(void *__dest, const void *__src, size_t __n) __THROW
    __nonnull((1, 2));
extern void *memset(void *__s, int __c, size_t __n) __THROW __nonnull((1));
extern int memcmp(const void *__s1, const void *__s2, size_t __n) __THROW
    __nonnull((1, 2));
extern char *strcpy(char *__restrict __dest, const char *__restrict __src)
    __THROW __nonnull((1, 2));
extern char *strncpy(char *__restrict __dest, const char *__restrict __src,
                      size_t __n) __THROW __nonnull((1, 2));
extern int strcmp(const char *__s1, const char *__s2) __THROW __nonnull((1, 2));
extern int strncmp(const char *__s1, const char *__s2, size_t __n) __THROW
    __nonnull((1, 2));
extern size_t strlen(const char *__s) __THROW __nonnull((1));
extern char *strdup(const char *__s) __THROW __attribute_malloc__ __nonnull((1));
extern char *strndup(const char *__string, size_t __n) __THROW
    __attribute_malloc__ __nonnull((1));
__END_DECLS
#endif
