/* Mock of include/linux/hrtimer.h (6.1 and 6.12): hrtimer_init(), then the
 * callback is stored into the function field; it runs in hard-IRQ context
 * (softirq context with HRTIMER_MODE_SOFT). */
#ifndef MOCK_LINUX_HRTIMER_H
#define MOCK_LINUX_HRTIMER_H
#include <linux/types.h>
typedef long long ktime_t;
typedef int clockid_t;
#define CLOCK_MONOTONIC 1
enum hrtimer_mode {
  HRTIMER_MODE_ABS = 0x00,
  HRTIMER_MODE_REL = 0x01,
  HRTIMER_MODE_SOFT = 0x04,
};
enum hrtimer_restart {
  HRTIMER_NORESTART,
  HRTIMER_RESTART,
};
struct hrtimer {
  ktime_t _softexpires;
  enum hrtimer_restart (*function)(struct hrtimer *);
  u8 state;
};
extern void hrtimer_init(struct hrtimer *timer, clockid_t which_clock,
                         enum hrtimer_mode mode);
extern void hrtimer_start_range_ns(struct hrtimer *timer, ktime_t tim,
                                   u64 range_ns, const enum hrtimer_mode mode);
static inline void hrtimer_start(struct hrtimer *timer, ktime_t tim,
                                 const enum hrtimer_mode mode) {
  hrtimer_start_range_ns(timer, tim, 0, mode);
}
extern int hrtimer_cancel(struct hrtimer *timer);
#endif
