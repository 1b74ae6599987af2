/* Mock of include/linux/sched.h: schedule() and schedule_timeout() are out
 * of line; cond_resched() is a statement expression macro. */
#ifndef MOCK_LINUX_SCHED_H
#define MOCK_LINUX_SCHED_H
#include <linux/kernel.h>
#include <linux/preempt.h>
#define TASK_RUNNING 0x0000
#define TASK_INTERRUPTIBLE 0x0001
#define TASK_UNINTERRUPTIBLE 0x0002
#define MAX_SCHEDULE_TIMEOUT __LONG_MAX__
extern void schedule(void);
extern long schedule_timeout(long timeout);
extern long schedule_timeout_interruptible(long timeout);
extern long schedule_timeout_uninterruptible(long timeout);
extern int __cond_resched(void);
static inline int _cond_resched(void) { return __cond_resched(); }
#define cond_resched()                                                         \
  ({                                                                           \
    __might_resched(__FILE__, __LINE__, 0);                                    \
    _cond_resched();                                                           \
  })
#endif
