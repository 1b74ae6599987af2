/* Mock of <pthread.h>: the mutex and rwlock calls as glibc declares them. */
#ifndef MOCK_PTHREAD_H
#define MOCK_PTHREAD_H
#include "sys_cdefs.h"
typedef union {
  char __size[40];
  long __align;
} pthread_mutex_t;
typedef union {
  char __size[56];
  long __align;
} pthread_rwlock_t;
#define PTHREAD_MUTEX_INITIALIZER                                              \
  {                                                                            \
    { 0 }                                                                      \
  }
__BEGIN_DECLS
extern int pthread_mutex_lock(pthread_mutex_t *__mutex) __nonnull((1));
extern int pthread_mutex_trylock(pthread_mutex_t *__mutex) __nonnull((1));
extern int pthread_mutex_unlock(pthread_mutex_t *__mutex) __nonnull((1));
extern int pthread_rwlock_rdlock(pthread_rwlock_t *__rwlock) __nonnull((1));
extern int pthread_rwlock_wrlock(pthread_rwlock_t *__rwlock) __nonnull((1));
extern int pthread_rwlock_unlock(pthread_rwlock_t *__rwlock) __nonnull((1));
__END_DECLS
#endif
