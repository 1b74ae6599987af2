/* Mock of the annotations in include/linux/kernel.h: might_sleep() is a
 * macro over might_resched(), which with CONFIG_PREEMPT_DYNAMIC (the x86
 * defconfig) calls through a static call, and is empty otherwise;
 * might_fault() is an empty inline function without lock debugging. */
#ifndef MOCK_LINUX_KERNEL_H
#define MOCK_LINUX_KERNEL_H
#include <linux/compiler.h>
#ifdef CONFIG_PREEMPT_DYNAMIC
extern int __cond_resched(void);
static __always_inline void might_resched(void) { __cond_resched(); }
#else
#define might_resched()                                                        \
  do {                                                                         \
  } while (0)
#endif
static inline void __might_resched(const char *file, int line,
                                   unsigned int offsets) {}
static inline void __might_sleep(const char *file, int line) {}
#define might_sleep()                                                          \
  do {                                                                         \
    might_resched();                                                           \
  } while (0)
#define might_sleep_if(cond)                                                   \
  do {                                                                         \
    if (cond)                                                                  \
      might_sleep();                                                           \
  } while (0)
static inline void might_fault(void) {}
#endif
