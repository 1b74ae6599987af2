/* Mock of include/linux/spinlock.h with spinlock_types.h and
 * spinlock_api_smp.h, shaped as in 6.1 and 6.12 on x86: spin_lock(),
 * spin_lock_bh(), spin_lock_irq(), the unlocks and spin_trylock() are inline
 * functions over the raw_ macros; spin_lock_irqsave() and
 * spin_trylock_irqsave() are macros over _raw_spin_lock_irqsave(
 * spinlock_check(lock)) and local_irq_save(); the _raw_ functions are
 * out of line unless CONFIG_INLINE_* (or, for unlock, the absence of
 * CONFIG_UNINLINE_SPIN_UNLOCK) maps them to __raw_ inline functions. Lock
 * guards for <linux/cleanup.h> close the file. */
#ifndef MOCK_LINUX_SPINLOCK_H
#define MOCK_LINUX_SPINLOCK_H
#include <linux/bottom_half.h>
#include <linux/cleanup.h>
#include <linux/compiler.h>
#include <linux/irqflags.h>
#include <linux/preempt.h>
#include <linux/typecheck.h>
#include <linux/types.h>

typedef struct {
  int val;
} arch_spinlock_t;
typedef struct {
  int cnts;
  arch_spinlock_t wait_lock;
} arch_rwlock_t;
typedef struct raw_spinlock {
  arch_spinlock_t raw_lock;
} raw_spinlock_t;
typedef struct spinlock {
  union {
    struct raw_spinlock rlock;
  };
} spinlock_t;
typedef struct {
  arch_rwlock_t raw_lock;
} rwlock_t;
#define __SPIN_LOCK_UNLOCKED(lockname)                                         \
  (spinlock_t) {                                                               \
    {                                                                          \
      .rlock = {.raw_lock = {0} }                                              \
    }                                                                          \
  }
#define DEFINE_SPINLOCK(x) spinlock_t x = __SPIN_LOCK_UNLOCKED(x)
extern void __raw_spin_lock_init(raw_spinlock_t *lock);

/* spinlock_api_smp.h */
void _raw_spin_lock(raw_spinlock_t *lock) __acquires(lock);
void _raw_spin_lock_nested(raw_spinlock_t *lock, int subclass) __acquires(lock);
void _raw_spin_lock_bh(raw_spinlock_t *lock) __acquires(lock);
void _raw_spin_lock_irq(raw_spinlock_t *lock) __acquires(lock);
unsigned long _raw_spin_lock_irqsave(raw_spinlock_t *lock) __acquires(lock);
unsigned long _raw_spin_lock_irqsave_nested(raw_spinlock_t *lock, int subclass)
    __acquires(lock);
int _raw_spin_trylock(raw_spinlock_t *lock);
int _raw_spin_trylock_bh(raw_spinlock_t *lock);
void _raw_spin_unlock(raw_spinlock_t *lock) __releases(lock);
void _raw_spin_unlock_bh(raw_spinlock_t *lock) __releases(lock);
void _raw_spin_unlock_irq(raw_spinlock_t *lock) __releases(lock);
void _raw_spin_unlock_irqrestore(raw_spinlock_t *lock, unsigned long flags)
    __releases(lock);
extern void do_raw_spin_lock(raw_spinlock_t *lock);
extern void do_raw_spin_unlock(raw_spinlock_t *lock);
static inline unsigned long __raw_spin_lock_irqsave(raw_spinlock_t *lock) {
  unsigned long flags;
  local_irq_save(flags);
  preempt_disable();
  do_raw_spin_lock(lock);
  return flags;
}
static inline void __raw_spin_unlock(raw_spinlock_t *lock) {
  do_raw_spin_unlock(lock);
  preempt_enable();
}
static inline void __raw_spin_unlock_irqrestore(raw_spinlock_t *lock,
                                                unsigned long flags) {
  do_raw_spin_unlock(lock);
  local_irq_restore(flags);
  preempt_enable();
}
#ifdef CONFIG_INLINE_SPIN_LOCK_IRQSAVE
#define _raw_spin_lock_irqsave(lock) __raw_spin_lock_irqsave(lock)
#endif
#ifndef CONFIG_UNINLINE_SPIN_UNLOCK
#define _raw_spin_unlock(lock) __raw_spin_unlock(lock)
#endif
#ifdef CONFIG_INLINE_SPIN_UNLOCK_IRQRESTORE
#define _raw_spin_unlock_irqrestore(lock, flags)                               \
  __raw_spin_unlock_irqrestore(lock, flags)
#endif

/* spinlock.h: the raw_ layer */
#define raw_spin_lock_init(lock) __raw_spin_lock_init(lock)
#define raw_spin_trylock(lock) __cond_lock(lock, _raw_spin_trylock(lock))
#define raw_spin_lock(lock) _raw_spin_lock(lock)
#define raw_spin_lock_nested(lock, subclass)                                   \
  _raw_spin_lock_nested(lock, subclass)
#define raw_spin_lock_irqsave(lock, flags)                                     \
  do {                                                                         \
    typecheck(unsigned long, flags);                                           \
    flags = _raw_spin_lock_irqsave(lock);                                      \
  } while (0)
#define raw_spin_lock_irq(lock) _raw_spin_lock_irq(lock)
#define raw_spin_lock_bh(lock) _raw_spin_lock_bh(lock)
#define raw_spin_unlock(lock) _raw_spin_unlock(lock)
#define raw_spin_unlock_irq(lock) _raw_spin_unlock_irq(lock)
#define raw_spin_unlock_irqrestore(lock, flags)                                \
  do {                                                                         \
    typecheck(unsigned long, flags);                                           \
    _raw_spin_unlock_irqrestore(lock, flags);                                  \
  } while (0)
#define raw_spin_unlock_bh(lock) _raw_spin_unlock_bh(lock)
#define raw_spin_trylock_bh(lock) __cond_lock(lock, _raw_spin_trylock_bh(lock))
#define raw_spin_trylock_irq(lock)                                             \
  ({                                                                           \
    local_irq_disable();                                                       \
    raw_spin_trylock(lock) ? 1 : ({                                            \
      local_irq_enable();                                                      \
      0;                                                                       \
    });                                                                        \
  })
#define raw_spin_trylock_irqsave(lock, flags)                                  \
  ({                                                                           \
    local_irq_save(flags);                                                     \
    raw_spin_trylock(lock) ? 1 : ({                                            \
      local_irq_restore(flags);                                                \
      0;                                                                       \
    });                                                                        \
  })

/* spinlock.h: the spin_ layer */
static __always_inline raw_spinlock_t *spinlock_check(spinlock_t *lock) {
  return &lock->rlock;
}
#define spin_lock_init(_lock)                                                  \
  do {                                                                         \
    spinlock_check(_lock);                                                     \
    *(_lock) = __SPIN_LOCK_UNLOCKED(_lock);                                    \
  } while (0)
static __always_inline void spin_lock(spinlock_t *lock) {
  raw_spin_lock(&lock->rlock);
}
static __always_inline void spin_lock_bh(spinlock_t *lock) {
  raw_spin_lock_bh(&lock->rlock);
}
static __always_inline int spin_trylock(spinlock_t *lock) {
  return raw_spin_trylock(&lock->rlock);
}
#define spin_lock_nested(lock, subclass)                                       \
  do {                                                                         \
    raw_spin_lock_nested(spinlock_check(lock), subclass);                      \
  } while (0)
static __always_inline void spin_lock_irq(spinlock_t *lock) {
  raw_spin_lock_irq(&lock->rlock);
}
#define spin_lock_irqsave(lock, flags)                                         \
  do {                                                                         \
    raw_spin_lock_irqsave(spinlock_check(lock), flags);                        \
  } while (0)
static __always_inline void spin_unlock(spinlock_t *lock) {
  raw_spin_unlock(&lock->rlock);
}
static __always_inline void spin_unlock_bh(spinlock_t *lock) {
  raw_spin_unlock_bh(&lock->rlock);
}
static __always_inline void spin_unlock_irq(spinlock_t *lock) {
  raw_spin_unlock_irq(&lock->rlock);
}
static __always_inline void spin_unlock_irqrestore(spinlock_t *lock,
                                                   unsigned long flags) {
  raw_spin_unlock_irqrestore(&lock->rlock, flags);
}
static __always_inline int spin_trylock_bh(spinlock_t *lock) {
  return raw_spin_trylock_bh(&lock->rlock);
}
static __always_inline int spin_trylock_irq(spinlock_t *lock) {
  return raw_spin_trylock_irq(&lock->rlock);
}
#define spin_trylock_irqsave(lock, flags)                                      \
  ({ raw_spin_trylock_irqsave(spinlock_check(lock), flags); })

#include <linux/rwlock.h>

DEFINE_LOCK_GUARD_1(raw_spinlock, raw_spinlock_t, raw_spin_lock(_T->lock),
                    raw_spin_unlock(_T->lock))
DEFINE_LOCK_GUARD_1(spinlock, spinlock_t, spin_lock(_T->lock),
                    spin_unlock(_T->lock))
DEFINE_LOCK_GUARD_1(spinlock_irq, spinlock_t, spin_lock_irq(_T->lock),
                    spin_unlock_irq(_T->lock))
DEFINE_LOCK_GUARD_1(spinlock_irqsave, spinlock_t,
                    spin_lock_irqsave(_T->lock, _T->flags),
                    spin_unlock_irqrestore(_T->lock, _T->flags),
                    unsigned long flags)
#ifdef MOCK_ALLOC_HOOKS
DEFINE_LOCK_GUARD_1(spinlock_bh, spinlock_t, spin_lock_bh(_T->lock),
                    spin_unlock_bh(_T->lock))
DEFINE_LOCK_GUARD_1(read_lock, rwlock_t, read_lock(_T->lock),
                    read_unlock(_T->lock))
DEFINE_LOCK_GUARD_1(write_lock, rwlock_t, write_lock(_T->lock),
                    write_unlock(_T->lock))
#endif
#endif
