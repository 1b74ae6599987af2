/* Mock of include/linux/mutex.h: with CONFIG_DEBUG_LOCK_ALLOC, mutex_lock()
 * and friends are macros over the _nested functions; without it they are
 * out-of-line functions. mutex guards for <linux/cleanup.h>. */
#ifndef MOCK_LINUX_MUTEX_H
#define MOCK_LINUX_MUTEX_H
#include <linux/cleanup.h>
#include <linux/compiler.h>
#include <linux/types.h>
struct mutex {
  long owner;
  int wait_lock;
};
extern void __mutex_init(struct mutex *lock, const char *name, void *key);
#define mutex_init(mutex) __mutex_init((mutex), #mutex, NULL)
#define DEFINE_MUTEX(mutexname) struct mutex mutexname = {0, 0}
#ifdef CONFIG_DEBUG_LOCK_ALLOC
extern void mutex_lock_nested(struct mutex *lock, unsigned int subclass);
extern int __must_check mutex_lock_interruptible_nested(struct mutex *lock,
                                                        unsigned int subclass);
extern int __must_check mutex_lock_killable_nested(struct mutex *lock,
                                                   unsigned int subclass);
#define mutex_lock(lock) mutex_lock_nested(lock, 0)
#define mutex_lock_interruptible(lock) mutex_lock_interruptible_nested(lock, 0)
#define mutex_lock_killable(lock) mutex_lock_killable_nested(lock, 0)
#else
extern void mutex_lock(struct mutex *lock);
extern int __must_check mutex_lock_interruptible(struct mutex *lock);
extern int __must_check mutex_lock_killable(struct mutex *lock);
#define mutex_lock_nested(lock, subclass) mutex_lock(lock)
#endif
extern int mutex_trylock(struct mutex *lock);
extern void mutex_unlock(struct mutex *lock);
DEFINE_GUARD(mutex, struct mutex *, mutex_lock(_T), mutex_unlock(_T))
#endif
