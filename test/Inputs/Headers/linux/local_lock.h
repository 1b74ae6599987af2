/* Mock of include/linux/local_lock.h and local_lock_internal.h (!RT):
 * local_lock() disables preemption, local_lock_irqsave() interrupts, both
 * through macros. */
#ifndef MOCK_LINUX_LOCAL_LOCK_H
#define MOCK_LINUX_LOCAL_LOCK_H
#include <linux/irqflags.h>
#include <linux/preempt.h>
typedef struct {
  int unused;
} local_lock_t;
#define INIT_LOCAL_LOCK(lockname)                                              \
  { 0 }
#define this_cpu_ptr(ptr) (ptr)
static inline void local_lock_acquire(local_lock_t *l) {}
static inline void local_lock_release(local_lock_t *l) {}
#define __local_lock(lock)                                                     \
  do {                                                                         \
    preempt_disable();                                                         \
    local_lock_acquire(this_cpu_ptr(lock));                                    \
  } while (0)
#define __local_lock_irqsave(lock, flags)                                      \
  do {                                                                         \
    local_irq_save(flags);                                                     \
    local_lock_acquire(this_cpu_ptr(lock));                                    \
  } while (0)
#define __local_unlock(lock)                                                   \
  do {                                                                         \
    local_lock_release(this_cpu_ptr(lock));                                    \
    preempt_enable();                                                          \
  } while (0)
#define __local_unlock_irqrestore(lock, flags)                                 \
  do {                                                                         \
    local_lock_release(this_cpu_ptr(lock));                                    \
    local_irq_restore(flags);                                                  \
  } while (0)
#define local_lock(lock) __local_lock(lock)
#define local_lock_irqsave(lock, flags) __local_lock_irqsave(lock, flags)
#define local_unlock(lock) __local_unlock(lock)
#define local_unlock_irqrestore(lock, flags)                                   \
  __local_unlock_irqrestore(lock, flags)
#endif
