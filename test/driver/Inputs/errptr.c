#include <linux/errno.h>
#include <linux/kthread.h>

static int worker(void *data) { return 0; }

int start_worker(struct task_struct **out) {
  struct task_struct *task = kthread_run(worker, NULL, "worker");
  if (!task)
    return -ENOMEM;
  *out = task;
  return 0;
}
