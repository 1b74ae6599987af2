/* Mock of include/linux/kthread.h: kthread_run is a statement expression
 * around kthread_create, itself a macro over kthread_create_on_node. */
#ifndef MOCK_LINUX_KTHREAD_H
#define MOCK_LINUX_KTHREAD_H
#include <linux/err.h>
struct task_struct {
  int pid;
};
__printf(4, 5) struct task_struct *kthread_create_on_node(
    int (*threadfn)(void *data), void *data, int node, const char namefmt[],
    ...);
#define kthread_create(threadfn, data, namefmt, arg...)                        \
  kthread_create_on_node(threadfn, data, -1, namefmt, ##arg)
int wake_up_process(struct task_struct *p);
int kthread_stop(struct task_struct *k);
#define kthread_run(threadfn, data, namefmt, ...)                              \
  ({                                                                           \
    struct task_struct *__k =                                                  \
        kthread_create(threadfn, data, namefmt, ##__VA_ARGS__);                \
    if (!IS_ERR(__k))                                                          \
      wake_up_process(__k);                                                    \
    __k;                                                                       \
  })
#endif
