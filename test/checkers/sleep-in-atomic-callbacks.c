// Whole functions that run in atomic context because of how they are
// registered: hard-IRQ handlers (not the threaded function of
// request_threaded_irq), timers, hrtimers, tasklets, RCU callbacks, NAPI
// polls and URB completions. Work items run in process context.
// RUN: %check_memtidy --compile-fixed %s memtidy-sleep-in-atomic %t -- -- -nostdinc -I %headers
// RUN: %check_memtidy --compile-fixed %s memtidy-sleep-in-atomic %t -- -- -nostdinc -I %headers -DMOCK_ALLOC_HOOKS

#include <linux/delay.h>
#include <linux/device.h>
#include <linux/hrtimer.h>
#include <linux/interrupt.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/timer.h>
#include <linux/usb.h>
#include <linux/workqueue.h>

struct bar {
  struct device *dev;
  struct mutex mutex;
  struct timer_list timer;
  struct hrtimer hrtimer;
  struct tasklet_struct tasklet;
  struct rcu_head rcu;
  struct napi_struct napi;
  struct net_device *netdev;
  struct work_struct work;
  struct urb *urb;
  struct usb_device *udev;
  void *buf;
};

static irqreturn_t bar_irq(int irq, void *data) {
  struct bar *b = data;

  b->buf = kmalloc(16, GFP_KERNEL);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: GFP_KERNEL allocation may sleep in hard-IRQ handler 'bar_irq'; use GFP_ATOMIC [memtidy-sleep-in-atomic]
  // CHECK-NOTES: :[[@LINE+63]]:10: note: 'bar_irq' is registered as a hard-IRQ handler here, by 'request_irq'
  // CHECK-NOTES: gfp_types.h:{{[0-9]+}}:9: note: 'GFP_KERNEL' is defined here; it includes __GFP_DIRECT_RECLAIM, which lets the allocator sleep
  // CHECK-FIXES: {{^}}  b->buf = kmalloc(16, GFP_ATOMIC);{{$}}
  return IRQ_HANDLED;
}

static irqreturn_t bar_quick_check(int irq, void *data) {
  return IRQ_WAKE_THREAD;
}

static irqreturn_t bar_thread_fn(int irq, void *data) {
  struct bar *b = data;

  mutex_lock(&b->mutex);
  msleep(1);
  mutex_unlock(&b->mutex);
  return IRQ_HANDLED;
}

static irqreturn_t bar_devm_irq(int irq, void *data) {
  msleep(1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'msleep' may sleep in hard-IRQ handler 'bar_devm_irq'; defer the call to process context [memtidy-sleep-in-atomic]
  // CHECK-NOTES: :[[@LINE+39]]:7: note: 'bar_devm_irq' is registered as a hard-IRQ handler here, by 'devm_request_irq'
  return IRQ_HANDLED;
}

static void bar_timer(struct timer_list *t) {
  struct bar *b = from_timer(b, t, timer);

  mutex_lock(&b->mutex);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'mutex_lock' may sleep in softirq callback 'bar_timer'; defer the call to process context [memtidy-sleep-in-atomic]
  // CHECK-NOTES: :[[@LINE+22]]:3: note: 'bar_timer' is registered as a softirq callback here, by 'timer_setup'
  mutex_unlock(&b->mutex);
}

static enum hrtimer_restart bar_hrtimer(struct hrtimer *t) {
  msleep(1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'msleep' may sleep in hard-IRQ handler 'bar_hrtimer'; defer the call to process context [memtidy-sleep-in-atomic]
  // CHECK-NOTES: :[[@LINE+17]]:3: note: 'bar_hrtimer' is registered as a hard-IRQ handler here, by 'hrtimer::function'
  return HRTIMER_NORESTART;
}

static void bar_tasklet(struct tasklet_struct *t) {
  msleep(1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'msleep' may sleep in softirq callback 'bar_tasklet'; defer the call to process context [memtidy-sleep-in-atomic]
  // CHECK-NOTES: :[[@LINE+11]]:3: note: 'bar_tasklet' is registered as a softirq callback here, by 'tasklet_setup'
}

static void bar_work(struct work_struct *w) {
  msleep(1);
}

static int bar_setup(struct bar *b) {
  timer_setup(&b->timer, bar_timer, 0);
  hrtimer_init(&b->hrtimer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
  b->hrtimer.function = bar_hrtimer;
  tasklet_setup(&b->tasklet, bar_tasklet);
  INIT_WORK(&b->work, bar_work);
  if (request_threaded_irq(2, bar_quick_check, bar_thread_fn, IRQF_ONESHOT,
                           "bar", b))
    return -1;
  if (devm_request_irq(b->dev, 3, bar_devm_irq, 0, "bar", b))
    return -1;
  return request_irq(1, bar_irq, IRQF_SHARED, "bar", b);
}

static void bar_free_rcu(struct rcu_head *head) {
  synchronize_rcu();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'synchronize_rcu' may sleep in softirq callback 'bar_free_rcu'; defer the call to process context [memtidy-sleep-in-atomic]
  // CHECK-NOTES: :[[@LINE+21]]:3: note: 'bar_free_rcu' is registered as a softirq callback here, by 'call_rcu'
}

static int bar_poll(struct napi_struct *napi, int budget) {
  msleep(1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'msleep' may sleep in softirq callback 'bar_poll'; defer the call to process context [memtidy-sleep-in-atomic]
  // CHECK-NOTES: :[[@LINE+16]]:3: note: 'bar_poll' is registered as a softirq callback here, by 'netif_napi_add'
  return 0;
}

static void bar_complete(struct urb *urb) {
  struct bar *b = urb->context;

  usb_submit_urb(b->urb, GFP_KERNEL);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'usb_submit_urb' with GFP_KERNEL may sleep in 'bar_complete', which runs in atomic context; use GFP_ATOMIC [memtidy-sleep-in-atomic]
  // CHECK-NOTES: :[[@LINE+8]]:3: note: 'bar_complete' is registered as a callback that runs in atomic context here, by 'usb_fill_bulk_urb'
  // CHECK-FIXES: {{^}}  usb_submit_urb(b->urb, GFP_ATOMIC);{{$}}
  // CHECK-NOTES: gfp_types.h:{{[0-9]+}}:9: note: 'GFP_KERNEL' is defined here; it includes __GFP_DIRECT_RECLAIM, which lets the allocator sleep
}

static void bar_start(struct bar *b) {
  call_rcu(&b->rcu, bar_free_rcu);
  netif_napi_add(b->netdev, &b->napi, bar_poll);
  usb_fill_bulk_urb(b->urb, b->udev, 0, b->buf, 16, bar_complete, b);
}

// Operations tables whose functions run in atomic context: a network
// driver's transmit and receive-mode functions (BHs disabled, under the
// tx and address locks), and a USB serial driver's URB completions. The
// tables are declared here as the kernel's headers declare them.
struct sk_buff;
struct net_device_ops {
  int (*ndo_open)(struct net_device *dev);
  int (*ndo_start_xmit)(struct sk_buff *skb, struct net_device *dev);
  void (*ndo_set_rx_mode)(struct net_device *dev);
};

static int bar_open(struct net_device *dev) {
  msleep(1);
  return 0;
}

static int bar_start_xmit(struct sk_buff *skb, struct net_device *dev) {
  void *desc = kmalloc(32, GFP_KERNEL);
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: GFP_KERNEL allocation may sleep in 'bar_start_xmit', which runs in atomic context; use GFP_ATOMIC [memtidy-sleep-in-atomic]
  // CHECK-NOTES: :[[@LINE+16]]:23: note: 'bar_start_xmit' is registered as a callback that runs in atomic context here, by 'net_device_ops::ndo_start_xmit'
  // CHECK-NOTES: gfp_types.h:{{[0-9]+}}:9: note: 'GFP_KERNEL' is defined here; it includes __GFP_DIRECT_RECLAIM, which lets the allocator sleep
  // CHECK-FIXES: {{^}}  void *desc = kmalloc(32, GFP_ATOMIC);{{$}}

  kfree(desc);
  return 0;
}

static void bar_set_rx_mode(struct net_device *dev) {
  msleep(1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'msleep' may sleep in 'bar_set_rx_mode', which runs in atomic context; defer the call to process context [memtidy-sleep-in-atomic]
  // CHECK-NOTES: :[[@LINE+6]]:24: note: 'bar_set_rx_mode' is registered as a callback that runs in atomic context here, by 'net_device_ops::ndo_set_rx_mode'
}

static const struct net_device_ops bar_netdev_ops = {
    .ndo_open = bar_open,
    .ndo_start_xmit = bar_start_xmit,
    .ndo_set_rx_mode = bar_set_rx_mode,
};

struct usb_serial_driver {
  void (*read_bulk_callback)(struct urb *urb);
};

static void bar_read_bulk_callback(struct urb *urb) {
  usb_submit_urb(urb, GFP_KERNEL);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'usb_submit_urb' with GFP_KERNEL may sleep in 'bar_read_bulk_callback', which runs in atomic context; use GFP_ATOMIC [memtidy-sleep-in-atomic]
  // CHECK-NOTES: :[[@LINE+6]]:27: note: 'bar_read_bulk_callback' is registered as a callback that runs in atomic context here, by 'usb_serial_driver::read_bulk_callback'
  // CHECK-NOTES: gfp_types.h:{{[0-9]+}}:9: note: 'GFP_KERNEL' is defined here; it includes __GFP_DIRECT_RECLAIM, which lets the allocator sleep
  // CHECK-FIXES: {{^}}  usb_submit_urb(urb, GFP_ATOMIC);{{$}}
}

static struct usb_serial_driver bar_serial = {
    .read_bulk_callback = bar_read_bulk_callback,
};
