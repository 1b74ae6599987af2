/* Mock of include/linux/timer.h: timer_setup() is a macro over
 * init_timer_key(); DEFINE_TIMER() initializes the function field. Timer
 * callbacks run in softirq context. */
#ifndef MOCK_LINUX_TIMER_H
#define MOCK_LINUX_TIMER_H
#include <linux/types.h>
struct timer_list {
  struct list_head entry;
  unsigned long expires;
  void (*function)(struct timer_list *);
  u32 flags;
};
#define __TIMER_INITIALIZER(_function, _flags)                                 \
  { .entry = {0, 0}, .function = (_function), .flags = (_flags), }
#define DEFINE_TIMER(_name, _function)                                         \
  struct timer_list _name = __TIMER_INITIALIZER(_function, 0)
void init_timer_key(struct timer_list *timer, void (*func)(struct timer_list *),
                    unsigned int flags, const char *name, void *key);
#define __init_timer(_timer, _fn, _flags)                                      \
  init_timer_key((_timer), (_fn), (_flags), NULL, NULL)
#define timer_setup(timer, callback, flags)                                    \
  __init_timer((timer), (callback), (flags))
#define from_timer(var, callback_timer, timer_fieldname)                       \
  ((typeof(var))((char *)(callback_timer) -                                    \
                 __builtin_offsetof(typeof(*var), timer_fieldname)))
extern int mod_timer(struct timer_list *timer, unsigned long expires);
extern int del_timer(struct timer_list *timer);
extern int del_timer_sync(struct timer_list *timer);
extern unsigned long volatile jiffies;
#endif
