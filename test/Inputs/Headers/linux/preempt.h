/* Mock of include/linux/preempt.h over x86's asm/preempt.h. With
 * CONFIG_PREEMPT_COUNT, preempt_disable() bumps the per-CPU count through
 * inline functions; without it, it is only barrier(), an asm statement. The
 * context tests are macros over preempt_count(). */
#ifndef MOCK_LINUX_PREEMPT_H
#define MOCK_LINUX_PREEMPT_H
#include <linux/compiler.h>
#include <linux/types.h>
#define PREEMPT_NEED_RESCHED 0x80000000
#define PREEMPT_BITS 8
#define SOFTIRQ_BITS 8
#define HARDIRQ_BITS 4
#define NMI_BITS 4
#define PREEMPT_SHIFT 0
#define SOFTIRQ_SHIFT (PREEMPT_SHIFT + PREEMPT_BITS)
#define HARDIRQ_SHIFT (SOFTIRQ_SHIFT + SOFTIRQ_BITS)
#define NMI_SHIFT (HARDIRQ_SHIFT + HARDIRQ_BITS)
#define __IRQ_MASK(x) ((1UL << (x)) - 1)
#define SOFTIRQ_MASK (__IRQ_MASK(SOFTIRQ_BITS) << SOFTIRQ_SHIFT)
#define HARDIRQ_MASK (__IRQ_MASK(HARDIRQ_BITS) << HARDIRQ_SHIFT)
#define NMI_MASK (__IRQ_MASK(NMI_BITS) << NMI_SHIFT)
#define SOFTIRQ_OFFSET (1UL << SOFTIRQ_SHIFT)
#define SOFTIRQ_DISABLE_OFFSET (2 * SOFTIRQ_OFFSET)
extern int __preempt_count;
static __always_inline int preempt_count(void) {
  return READ_ONCE(__preempt_count) & ~PREEMPT_NEED_RESCHED;
}
static __always_inline void __preempt_count_add(int val) {
  __preempt_count += val;
}
static __always_inline void __preempt_count_sub(int val) {
  __preempt_count -= val;
}
static __always_inline bool __preempt_count_dec_and_test(void) {
  return --__preempt_count == 0;
}
extern void preempt_schedule(void);
#define __preempt_schedule() preempt_schedule()
#define hardirq_count() (preempt_count() & HARDIRQ_MASK)
#define softirq_count() (preempt_count() & SOFTIRQ_MASK)
#define irq_count() (preempt_count() & (NMI_MASK | HARDIRQ_MASK | SOFTIRQ_MASK))
#define in_irq() (hardirq_count())
#define in_softirq() (softirq_count())
#define in_interrupt() (irq_count())
#define in_task()                                                              \
  (!(preempt_count() & (NMI_MASK | HARDIRQ_MASK | SOFTIRQ_OFFSET)))
#define in_atomic() (preempt_count() != 0)
#define preempt_count_add(val) __preempt_count_add(val)
#define preempt_count_sub(val) __preempt_count_sub(val)
#define preempt_count_dec_and_test() __preempt_count_dec_and_test()
#define preempt_count_inc() preempt_count_add(1)
#define preempt_count_dec() preempt_count_sub(1)
#ifdef CONFIG_PREEMPT_COUNT
#define preempt_disable()                                                      \
  do {                                                                         \
    preempt_count_inc();                                                       \
    barrier();                                                                 \
  } while (0)
#define preempt_enable()                                                       \
  do {                                                                         \
    barrier();                                                                 \
    if (unlikely(preempt_count_dec_and_test()))                                \
      __preempt_schedule();                                                    \
  } while (0)
#define preemptible() (preempt_count() == 0 && !irqs_disabled())
#else
#define preempt_disable() barrier()
#define preempt_enable() barrier()
#define preemptible() 0
#endif
#endif
