/* Mock of asm-generic/bug.h and x86's BUG(). */
#ifndef MOCK_LINUX_BUG_H
#define MOCK_LINUX_BUG_H
#include <linux/compiler.h>
void __warn_printk(const char *fmt, ...);
#define instrumentation_begin() __asm__ __volatile__("")
#define BUG()                                                                  \
  do {                                                                         \
    instrumentation_begin();                                                   \
    __asm__ __volatile__("ud2");                                               \
    __builtin_unreachable();                                                   \
  } while (0)
#define BUG_ON(condition)                                                      \
  do {                                                                         \
    if (unlikely(condition))                                                   \
      BUG();                                                                   \
  } while (0)
#define __WARN() __warn_printk("WARNING\n")
#define WARN_ON(condition)                                                     \
  ({                                                                           \
    int __ret_warn_on = !!(condition);                                         \
    if (unlikely(__ret_warn_on))                                               \
      __WARN();                                                                \
    unlikely(__ret_warn_on);                                                   \
  })
#define WARN_ON_ONCE(condition)                                                \
  ({                                                                           \
    static bool __warned;                                                      \
    int __ret_warn_once = !!(condition);                                       \
    if (unlikely(__ret_warn_once && !__warned)) {                              \
      __warned = true;                                                         \
      WARN_ON(1);                                                              \
    }                                                                          \
    unlikely(__ret_warn_once);                                                 \
  })
#endif
