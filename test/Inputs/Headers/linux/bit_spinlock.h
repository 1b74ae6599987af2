/* Mock of include/linux/bit_spinlock.h: inline functions that disable
 * preemption and spin on a bit. */
#ifndef MOCK_LINUX_BIT_SPINLOCK_H
#define MOCK_LINUX_BIT_SPINLOCK_H
#include <linux/preempt.h>
extern int test_and_set_bit_lock(long nr, volatile unsigned long *addr);
extern void clear_bit_unlock(long nr, volatile unsigned long *addr);
extern int test_bit(long nr, const volatile unsigned long *addr);
static inline void cpu_relax(void) { asm volatile("rep; nop" ::: "memory"); }
static inline void bit_spin_lock(int bitnum, unsigned long *addr) {
  preempt_disable();
  while (unlikely(test_and_set_bit_lock(bitnum, addr))) {
    preempt_enable();
    do {
      cpu_relax();
    } while (test_bit(bitnum, addr));
    preempt_disable();
  }
  __acquire(bitlock);
}
static inline void bit_spin_unlock(int bitnum, unsigned long *addr) {
  clear_bit_unlock(bitnum, addr);
  preempt_enable();
  __release(bitlock);
}
#endif
