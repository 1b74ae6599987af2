/* Mock of include/linux/irqflags.h over x86's asm/irqflags.h: the local_irq_*
 * APIs are macros over the raw_ macros, themselves over inline functions
 * with asm bodies; with CONFIG_TRACE_IRQFLAGS they also call the tracer. */
#ifndef MOCK_LINUX_IRQFLAGS_H
#define MOCK_LINUX_IRQFLAGS_H
#include <linux/compiler.h>
#include <linux/typecheck.h>
#include <linux/types.h>
#define X86_EFLAGS_IF 0x200
static __always_inline unsigned long native_save_fl(void) {
  unsigned long flags;
  asm volatile("pushf ; pop %0" : "=rm"(flags) : : "memory");
  return flags;
}
static __always_inline void native_irq_disable(void) {
  asm volatile("cli" : : : "memory");
}
static __always_inline void native_irq_enable(void) {
  asm volatile("sti" : : : "memory");
}
static __always_inline unsigned long arch_local_save_flags(void) {
  return native_save_fl();
}
static __always_inline void arch_local_irq_disable(void) {
  native_irq_disable();
}
static __always_inline void arch_local_irq_enable(void) { native_irq_enable(); }
static __always_inline unsigned long arch_local_irq_save(void) {
  unsigned long flags = arch_local_save_flags();
  arch_local_irq_disable();
  return flags;
}
static __always_inline int arch_irqs_disabled_flags(unsigned long flags) {
  return !(flags & X86_EFLAGS_IF);
}
static __always_inline int arch_irqs_disabled(void) {
  unsigned long flags = arch_local_save_flags();
  return arch_irqs_disabled_flags(flags);
}
static __always_inline void arch_local_irq_restore(unsigned long flags) {
  if (!arch_irqs_disabled_flags(flags))
    arch_local_irq_enable();
}
extern void trace_hardirqs_on(void);
extern void trace_hardirqs_off(void);
#define raw_check_bogus_irq_restore()                                          \
  do {                                                                         \
  } while (0)
#define raw_local_irq_disable() arch_local_irq_disable()
#define raw_local_irq_enable() arch_local_irq_enable()
#define raw_local_irq_save(flags)                                              \
  do {                                                                         \
    typecheck(unsigned long, flags);                                           \
    flags = arch_local_irq_save();                                             \
  } while (0)
#define raw_local_irq_restore(flags)                                           \
  do {                                                                         \
    typecheck(unsigned long, flags);                                           \
    raw_check_bogus_irq_restore();                                             \
    arch_local_irq_restore(flags);                                             \
  } while (0)
#define raw_local_save_flags(flags)                                            \
  do {                                                                         \
    typecheck(unsigned long, flags);                                           \
    flags = arch_local_save_flags();                                           \
  } while (0)
#define raw_irqs_disabled_flags(flags)                                         \
  ({                                                                           \
    typecheck(unsigned long, flags);                                           \
    arch_irqs_disabled_flags(flags);                                           \
  })
#define raw_irqs_disabled() (arch_irqs_disabled())
#ifdef CONFIG_TRACE_IRQFLAGS
#define local_irq_enable()                                                     \
  do {                                                                         \
    trace_hardirqs_on();                                                       \
    raw_local_irq_enable();                                                    \
  } while (0)
#define local_irq_disable()                                                    \
  do {                                                                         \
    bool was_disabled = raw_irqs_disabled();                                   \
    raw_local_irq_disable();                                                   \
    if (!was_disabled)                                                         \
      trace_hardirqs_off();                                                    \
  } while (0)
#define local_irq_save(flags)                                                  \
  do {                                                                         \
    raw_local_irq_save(flags);                                                 \
    if (!raw_irqs_disabled_flags(flags))                                       \
      trace_hardirqs_off();                                                    \
  } while (0)
#define local_irq_restore(flags)                                               \
  do {                                                                         \
    if (!raw_irqs_disabled_flags(flags))                                       \
      trace_hardirqs_on();                                                     \
    raw_local_irq_restore(flags);                                              \
  } while (0)
#else
#define local_irq_enable()                                                     \
  do {                                                                         \
    raw_local_irq_enable();                                                    \
  } while (0)
#define local_irq_disable()                                                    \
  do {                                                                         \
    raw_local_irq_disable();                                                   \
  } while (0)
#define local_irq_save(flags)                                                  \
  do {                                                                         \
    raw_local_irq_save(flags);                                                 \
  } while (0)
#define local_irq_restore(flags)                                               \
  do {                                                                         \
    raw_local_irq_restore(flags);                                              \
  } while (0)
#endif
#define irqs_disabled()                                                        \
  ({                                                                           \
    unsigned long _flags;                                                      \
    raw_local_save_flags(_flags);                                              \
    raw_irqs_disabled_flags(_flags);                                           \
  })
#endif
