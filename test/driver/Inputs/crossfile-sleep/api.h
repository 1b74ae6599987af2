#include <linux/gfp.h>
#include <linux/interrupt.h>

struct dev;
void dev_settle(struct dev *d);
void *dev_grow(struct dev *d, gfp_t gfp);
void dev_poke(struct dev *d);
irqreturn_t dev_irq(int irq, void *data);
