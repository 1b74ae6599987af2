/* Mock <stdlib.h>, shaped like glibc's declarations. */
#ifndef MOCK_STDLIB_H
#define MOCK_STDLIB_H
#include "sys_cdefs.h"
#include <stddef.h>
__BEGIN_DECLS
extern void *malloc(size_t __size) __THROW __attribute_malloc__
    __attribute_alloc_size__((1)) __wur;
extern void *calloc(size_t __nmemb, size_t __size) __THROW __attribute_malloc__
    __attribute_alloc_size__((1, 2)) __wur;
extern void *realloc(void *__ptr, size_t __size) __THROW
    __attribute_warn_unused_result__ __attribute_alloc_size__((2));
extern void *reallocarray(void *__ptr, size_t __nmemb, size_t __size) __THROW
    __attribute_warn_unused_result__ __attribute_alloc_size__((2, 3));
extern void free(void *__ptr) __THROW;
extern void *aligned_alloc(size_t __alignment, size_t __size) __THROW
    __attribute_malloc__ __attribute_alloc_size__((2)) __wur;
extern int posix_memalign(void **__memptr, size_t __alignment, size_t __size)
    __THROW __nonnull((1)) __wur;
extern void exit(int __status) __THROW __attribute__((__noreturn__));
extern void abort(void) __THROW __attribute__((__noreturn__));
extern int atoi(const char *__nptr) __THROW __nonnull((1));
__END_DECLS
#endif
