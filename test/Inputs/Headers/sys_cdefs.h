/* Mock of glibc's <sys/cdefs.h> attribute macros. */
#ifndef MOCK_SYS_CDEFS_H
#define MOCK_SYS_CDEFS_H
#ifdef __cplusplus
#define __BEGIN_DECLS extern "C" {
#define __END_DECLS }
#define __THROW noexcept(true)
#else
#define __BEGIN_DECLS
#define __END_DECLS
#define __THROW __attribute__((__nothrow__, __leaf__))
#endif
#define __nonnull(params) __attribute__((__nonnull__ params))
#define __wur __attribute__((__warn_unused_result__))
#define __attribute_malloc__ __attribute__((__malloc__))
#define __attribute_alloc_size__(params) __attribute__((__alloc_size__ params))
#define __attribute_warn_unused_result__ __wur
#endif
