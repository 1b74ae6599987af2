#include "api.h"
#include <linux/delay.h>
#include <linux/slab.h>

void dev_settle(struct dev *d) { msleep(10); }

void *dev_grow(struct dev *d, gfp_t gfp) { return kmalloc(64, gfp); }

void dev_poke(struct dev *d) {}

irqreturn_t dev_irq(int irq, void *data) {
  dev_settle(data);
  return IRQ_HANDLED;
}
