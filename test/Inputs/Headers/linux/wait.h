/* Mock of include/linux/wait.h: the wait_event*() macros call might_sleep()
 * and loop around schedule(). */
#ifndef MOCK_LINUX_WAIT_H
#define MOCK_LINUX_WAIT_H
#include <linux/sched.h>
#include <linux/spinlock.h>
struct wait_queue_head {
  spinlock_t lock;
  struct list_head head;
};
typedef struct wait_queue_head wait_queue_head_t;
struct wait_queue_entry {
  unsigned int flags;
  struct list_head entry;
};
extern void __init_waitqueue_head(struct wait_queue_head *wq_head,
                                  const char *name, void *key);
#define init_waitqueue_head(wq_head)                                           \
  __init_waitqueue_head((wq_head), #wq_head, NULL)
extern void __wake_up(struct wait_queue_head *wq_head, unsigned int mode,
                      int nr, void *key);
#define wake_up(x)                                                             \
  __wake_up(x, TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE, 1, NULL)
#define wake_up_interruptible(x) __wake_up(x, TASK_INTERRUPTIBLE, 1, NULL)
extern void init_wait_entry(struct wait_queue_entry *wq_entry, int flags);
extern long prepare_to_wait_event(struct wait_queue_head *wq_head,
                                  struct wait_queue_entry *wq_entry, int state);
extern void finish_wait(struct wait_queue_head *wq_head,
                        struct wait_queue_entry *wq_entry);
#define ___wait_is_interruptible(state) ((state) == TASK_INTERRUPTIBLE)
#define ___wait_event(wq_head, condition, state, exclusive, ret, cmd)          \
  ({                                                                           \
    __label__ __out;                                                           \
    struct wait_queue_entry __wq_entry;                                        \
    long __ret = ret;                                                          \
    init_wait_entry(&__wq_entry, exclusive ? 1 : 0);                           \
    for (;;) {                                                                 \
      long __int = prepare_to_wait_event(&wq_head, &__wq_entry, state);        \
      if (condition)                                                           \
        break;                                                                 \
      if (___wait_is_interruptible(state) && __int) {                          \
        __ret = __int;                                                         \
        goto __out;                                                            \
      }                                                                        \
      cmd;                                                                     \
    }                                                                          \
    finish_wait(&wq_head, &__wq_entry);                                        \
  __out:                                                                       \
    __ret;                                                                     \
  })
#define __wait_event(wq_head, condition)                                       \
  (void)___wait_event(wq_head, condition, TASK_UNINTERRUPTIBLE, 0, 0,          \
                      schedule())
#define wait_event(wq_head, condition)                                         \
  do {                                                                         \
    might_sleep();                                                             \
    if (condition)                                                             \
      break;                                                                   \
    __wait_event(wq_head, condition);                                          \
  } while (0)
#define __wait_event_interruptible(wq_head, condition)                         \
  ___wait_event(wq_head, condition, TASK_INTERRUPTIBLE, 0, 0, schedule())
#define wait_event_interruptible(wq_head, condition)                           \
  ({                                                                           \
    int __ret = 0;                                                             \
    might_sleep();                                                             \
    if (!(condition))                                                          \
      __ret = __wait_event_interruptible(wq_head, condition);                  \
    __ret;                                                                     \
  })
#endif
