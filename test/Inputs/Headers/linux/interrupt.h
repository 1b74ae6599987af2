/* Mock of include/linux/interrupt.h: request_irq() and devm_request_irq()
 * are inline functions over the _threaded_ variants, whose first handler
 * runs in hard-IRQ context and whose thread_fn in a kernel thread; tasklet
 * callbacks run in softirq context. */
#ifndef MOCK_LINUX_INTERRUPT_H
#define MOCK_LINUX_INTERRUPT_H
#include <linux/bottom_half.h>
#include <linux/device.h>
#include <linux/irqflags.h>
#include <linux/preempt.h>
enum irqreturn {
  IRQ_NONE = (0 << 0),
  IRQ_HANDLED = (1 << 0),
  IRQ_WAKE_THREAD = (1 << 1),
};
typedef enum irqreturn irqreturn_t;
typedef irqreturn_t (*irq_handler_t)(int, void *);
#define IRQF_SHARED 0x00000080
#define IRQF_ONESHOT 0x00002000
extern int __must_check request_threaded_irq(unsigned int irq,
                                             irq_handler_t handler,
                                             irq_handler_t thread_fn,
                                             unsigned long flags,
                                             const char *name, void *dev);
static inline int __must_check request_irq(unsigned int irq,
                                           irq_handler_t handler,
                                           unsigned long flags,
                                           const char *name, void *dev) {
  return request_threaded_irq(irq, handler, NULL, flags, name, dev);
}
extern int __must_check devm_request_threaded_irq(
    struct device *dev, unsigned int irq, irq_handler_t handler,
    irq_handler_t thread_fn, unsigned long irqflags, const char *devname,
    void *dev_id);
static inline int __must_check
devm_request_irq(struct device *dev, unsigned int irq, irq_handler_t handler,
                 unsigned long irqflags, const char *devname, void *dev_id) {
  return devm_request_threaded_irq(dev, irq, handler, NULL, irqflags, devname,
                                   dev_id);
}
extern const void *free_irq(unsigned int, void *);
extern void disable_irq(unsigned int irq);
extern void enable_irq(unsigned int irq);
struct tasklet_struct {
  struct tasklet_struct *next;
  unsigned long state;
  int count;
  bool use_callback;
  union {
    void (*func)(unsigned long data);
    void (*callback)(struct tasklet_struct *t);
  };
  unsigned long data;
};
#define DECLARE_TASKLET(name, _callback)                                       \
  struct tasklet_struct name = {                                               \
      .count = 0, .callback = _callback, .use_callback = true}
extern void __tasklet_schedule(struct tasklet_struct *t);
static inline void tasklet_schedule(struct tasklet_struct *t) {
  __tasklet_schedule(t);
}
extern void tasklet_kill(struct tasklet_struct *t);
extern void tasklet_init(struct tasklet_struct *t, void (*func)(unsigned long),
                         unsigned long data);
extern void tasklet_setup(struct tasklet_struct *t,
                          void (*callback)(struct tasklet_struct *));
#define from_tasklet(var, callback_tasklet, tasklet_fieldname)                 \
  ((typeof(var))((char *)(callback_tasklet) -                                  \
                 __builtin_offsetof(typeof(*var), tasklet_fieldname)))
#endif
