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
#define READ_ONCE(x) (*(const volatile typeof(x) *)&(x))
#define WRITE_ONCE(x, val)                                                     \
  do {                                                                         \
    *(volatile typeof(x) *)&(x) = (val);                                       \
  } while (0)
#endif
