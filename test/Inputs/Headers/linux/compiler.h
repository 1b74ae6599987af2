/* Mock of the kernel's compiler annotations (include/linux/compiler*.h). */
#ifndef MOCK_LINUX_COMPILER_H
#define MOCK_LINUX_COMPILER_H
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define __must_check __attribute__((__warn_unused_result__))
#define __force
#define __user
#define __iomem
#define __bitwise
#define __always_inline inline __attribute__((__always_inline__))
#define __alloc_size(x, ...) __attribute__((__alloc_size__(x, ##__VA_ARGS__)))
#define __realloc_size(x, ...) __attribute__((__alloc_size__(x, ##__VA_ARGS__)))
#define __malloc __attribute__((__malloc__))
#define __noreturn __attribute__((__noreturn__))
#define __printf(a, b) __attribute__((__format__(printf, a, b)))
#define barrier() __asm__ __volatile__("" : : : "memory")
/* compiler_types.h and compiler_attributes.h: sparse annotations are empty
 * outside sparse; __cond_lock() is the lock call's own value. */
#define __acquires(x)
#define __releases(x)
#define __acquire(x) (void)0
#define __release(x) (void)0
#define __cond_lock(x, c) (c)
#define __maybe_unused __attribute__((__unused__))
#define __cleanup(func) __attribute__((__cleanup__(func)))
#define ___PASTE(a, b) a##b
#define __PASTE(a, b) ___PASTE(a, b)
#define __UNIQUE_ID(prefix) __PASTE(__PASTE(__UNIQUE_ID_, prefix), __COUNTER__)
#define _THIS_IP_                                                              \
  ({                                                                           \
    __label__ __here;                                                          \
  __here:                                                                      \
    (unsigned long)&&__here;                                                   \
  })
#define _RET_IP_ (unsigned long)__builtin_return_address(0)
#define READ_ONCE(x) (*(const volatile typeof(x) *)&(x))
#define WRITE_ONCE(x, val)                                                     \
  do {                                                                         \
    *(volatile typeof(x) *)&(x) = (val);                                       \
  } while (0)
#endif
