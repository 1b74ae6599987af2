/* Mock of include/linux/delay.h: msleep() is out of line, ssleep() and
 * usleep_range() are inline functions over msleep() and
 * usleep_range_state(); mdelay()/udelay() busy-wait. */
#ifndef MOCK_LINUX_DELAY_H
#define MOCK_LINUX_DELAY_H
#include <linux/sched.h>
extern void __udelay(unsigned long usecs);
#define udelay(n) __udelay(n)
#define mdelay(n) udelay((n)*1000)
void msleep(unsigned int msecs);
unsigned long msleep_interruptible(unsigned int msecs);
void usleep_range_state(unsigned long min, unsigned long max,
                        unsigned int state);
static inline void usleep_range(unsigned long min, unsigned long max) {
  usleep_range_state(min, max, TASK_UNINTERRUPTIBLE);
}
static inline void ssleep(unsigned int seconds) { msleep(seconds * 1000); }
#endif
