#include "api.h"
#include <linux/spinlock.h>

static DEFINE_SPINLOCK(dev_lock);

void locked_calls(struct dev *d) {
  spin_lock(&dev_lock);
  dev_settle(d);
  dev_grow(d, GFP_KERNEL);
  dev_grow(d, GFP_ATOMIC);
  dev_poke(d);
  spin_unlock(&dev_lock);
}

int setup(struct dev *d) { return request_irq(1, dev_irq, 0, "dev", d); }
