/* Mock of include/linux/completion.h. */
#ifndef MOCK_LINUX_COMPLETION_H
#define MOCK_LINUX_COMPLETION_H
#include <linux/wait.h>
struct completion {
  unsigned int done;
  struct wait_queue_head wait;
};
extern void init_completion(struct completion *x);
extern void wait_for_completion(struct completion *);
extern int wait_for_completion_interruptible(struct completion *x);
extern unsigned long wait_for_completion_timeout(struct completion *x,
                                                 unsigned long timeout);
extern bool try_wait_for_completion(struct completion *x);
extern bool completion_done(struct completion *x);
extern void complete(struct completion *);
extern void complete_all(struct completion *);
#endif
