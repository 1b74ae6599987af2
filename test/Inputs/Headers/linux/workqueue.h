/* Mock of include/linux/workqueue.h: INIT_WORK() stores the function into
 * the work's func field (it runs in process context); flush_work() and
 * cancel_work_sync() wait for it. */
#ifndef MOCK_LINUX_WORKQUEUE_H
#define MOCK_LINUX_WORKQUEUE_H
#include <linux/list.h>
#include <linux/timer.h>
#include <linux/types.h>
struct work_struct;
typedef void (*work_func_t)(struct work_struct *work);
struct work_struct {
  long data;
  struct list_head entry;
  work_func_t func;
};
struct delayed_work {
  struct work_struct work;
  struct timer_list timer;
};
struct workqueue_struct;
#define WORK_DATA_INIT() 0
static inline void __init_work(struct work_struct *work, int onstack) {}
#define __INIT_WORK_KEY(_work, _func, _onstack, _key)                          \
  do {                                                                         \
    __init_work((_work), _onstack);                                            \
    (_work)->data = WORK_DATA_INIT();                                          \
    INIT_LIST_HEAD(&(_work)->entry);                                           \
    (_work)->func = (_func);                                                   \
  } while (0)
#define __INIT_WORK(_work, _func, _onstack)                                    \
  do {                                                                         \
    static __maybe_unused int __key;                                           \
    __INIT_WORK_KEY(_work, _func, _onstack, &__key);                           \
  } while (0)
#define INIT_WORK(_work, _func) __INIT_WORK((_work), (_func), 0)
#define INIT_DELAYED_WORK(_work, _func) INIT_WORK(&(_work)->work, (_func))
extern bool queue_work_on(int cpu, struct workqueue_struct *wq,
                          struct work_struct *work);
extern struct workqueue_struct *system_wq;
static inline bool queue_work(struct workqueue_struct *wq,
                              struct work_struct *work) {
  return queue_work_on(-1, wq, work);
}
static inline bool schedule_work(struct work_struct *work) {
  return queue_work(system_wq, work);
}
extern bool flush_work(struct work_struct *work);
extern bool cancel_work_sync(struct work_struct *work);
extern bool cancel_work(struct work_struct *work);
extern bool flush_delayed_work(struct delayed_work *dwork);
extern bool cancel_delayed_work_sync(struct delayed_work *dwork);
extern void __flush_workqueue(struct workqueue_struct *wq);
#define flush_workqueue(wq) __flush_workqueue(wq)
extern void destroy_workqueue(struct workqueue_struct *wq);
#endif
