/* Mock of include/linux/rwlock.h with rwlock_api_smp.h, included by
 * spinlock.h: every read_ and write_ API is a macro over an out-of-line
 * _raw_ function. */
#ifndef MOCK_LINUX_RWLOCK_H
#define MOCK_LINUX_RWLOCK_H
#ifndef MOCK_LINUX_SPINLOCK_H
#error "include <linux/spinlock.h>"
#endif
void _raw_read_lock(rwlock_t *lock) __acquires(lock);
void _raw_write_lock(rwlock_t *lock) __acquires(lock);
void _raw_read_lock_bh(rwlock_t *lock) __acquires(lock);
void _raw_write_lock_bh(rwlock_t *lock) __acquires(lock);
void _raw_read_lock_irq(rwlock_t *lock) __acquires(lock);
void _raw_write_lock_irq(rwlock_t *lock) __acquires(lock);
unsigned long _raw_read_lock_irqsave(rwlock_t *lock) __acquires(lock);
unsigned long _raw_write_lock_irqsave(rwlock_t *lock) __acquires(lock);
int _raw_read_trylock(rwlock_t *lock);
int _raw_write_trylock(rwlock_t *lock);
void _raw_read_unlock(rwlock_t *lock) __releases(lock);
void _raw_write_unlock(rwlock_t *lock) __releases(lock);
void _raw_read_unlock_bh(rwlock_t *lock) __releases(lock);
void _raw_write_unlock_bh(rwlock_t *lock) __releases(lock);
void _raw_read_unlock_irq(rwlock_t *lock) __releases(lock);
void _raw_write_unlock_irq(rwlock_t *lock) __releases(lock);
void _raw_read_unlock_irqrestore(rwlock_t *lock, unsigned long flags)
    __releases(lock);
void _raw_write_unlock_irqrestore(rwlock_t *lock, unsigned long flags)
    __releases(lock);
#define read_trylock(lock) __cond_lock(lock, _raw_read_trylock(lock))
#define write_trylock(lock) __cond_lock(lock, _raw_write_trylock(lock))
#define write_lock(lock) _raw_write_lock(lock)
#define read_lock(lock) _raw_read_lock(lock)
#define read_lock_irqsave(lock, flags)                                         \
  do {                                                                         \
    typecheck(unsigned long, flags);                                           \
    flags = _raw_read_lock_irqsave(lock);                                      \
  } while (0)
#define write_lock_irqsave(lock, flags)                                        \
  do {                                                                         \
    typecheck(unsigned long, flags);                                           \
    flags = _raw_write_lock_irqsave(lock);                                     \
  } while (0)
#define read_lock_irq(lock) _raw_read_lock_irq(lock)
#define read_lock_bh(lock) _raw_read_lock_bh(lock)
#define write_lock_irq(lock) _raw_write_lock_irq(lock)
#define write_lock_bh(lock) _raw_write_lock_bh(lock)
#define read_unlock(lock) _raw_read_unlock(lock)
#define write_unlock(lock) _raw_write_unlock(lock)
#define read_unlock_irq(lock) _raw_read_unlock_irq(lock)
#define write_unlock_irq(lock) _raw_write_unlock_irq(lock)
#define read_unlock_irqrestore(lock, flags)                                    \
  do {                                                                         \
    typecheck(unsigned long, flags);                                           \
    _raw_read_unlock_irqrestore(lock, flags);                                  \
  } while (0)
#define read_unlock_bh(lock) _raw_read_unlock_bh(lock)
#define write_unlock_irqrestore(lock, flags)                                   \
  do {                                                                         \
    typecheck(unsigned long, flags);                                           \
    _raw_write_unlock_irqrestore(lock, flags);                                 \
  } while (0)
#define write_unlock_bh(lock) _raw_write_unlock_bh(lock)
#endif
