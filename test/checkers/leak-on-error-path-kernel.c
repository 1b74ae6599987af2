// Kernel resources: memory, references, teardown pairs and locks still held
// at an error exit, and the ways ownership leaves a function.
// RUN: %check_memtidy %s memtidy-leak-on-error-path %t -- -- -nostdinc -I %headers

#include <linux/device.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/list.h>
#include <linux/slab.h>
#include <linux/usb.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/of.h>
#include <linux/clk.h>
#include <linux/interrupt.h>
#include <linux/bug.h>

struct foo {
  struct device *dev;
  struct urb *urb;
  u8 *buf;
  struct mutex lock;
  spinlock_t slock;
  struct list_head node;
  int irq;
};
int foo_hw_init(struct foo *f);
int foo_register(struct foo *f);

static int ladder(struct device *dev, struct foo **out) {
  struct foo *f;
  int ret;

  f = kzalloc(sizeof(*f), GFP_KERNEL);
  if (!f)
    return -ENOMEM;
  f->buf = kmalloc(64, GFP_KERNEL);
  if (!f->buf) {
    ret = -ENOMEM;
    goto err_free_foo;
  }
  f->urb = usb_alloc_urb(0, GFP_KERNEL);
  if (!f->urb)
    return -ENOMEM;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'f' allocated by 'kzalloc' is not freed when returning -ENOMEM; jump to 'err_free_buf', which releases it [memtidy-leak-on-error-path]
    // CHECK-NOTES: :[[@LINE-12]]:7: note: 'f' allocated by 'kzalloc' here
    // CHECK-NOTES: :[[@LINE-4]]:7: note: error detected here
    // CHECK-NOTES: :[[@LINE-4]]:5: note: 'ladder' returns here with 'f' still owned
  ret = foo_hw_init(f);
  if (ret)
    goto err_free_urb;
  *out = f;
  return 0;

err_free_urb:
  usb_free_urb(f->urb);
err_free_buf:
  kfree(f->buf);
err_free_foo:
  kfree(f);
  return ret;
}

static int lock_leak(struct foo *f, int x) {
  mutex_lock(&f->lock);
  if (x < 0)
    return -EINVAL;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: lock 'f->lock' locked by 'mutex_lock' is not unlocked when returning -EINVAL; call 'mutex_unlock' on this path [memtidy-leak-on-error-path]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: lock 'f->lock' locked by 'mutex_lock' here
    // CHECK-NOTES: :[[@LINE-3]]:5: note: 'lock_leak' returns here with lock 'f->lock' still held
  f->irq = x;
  mutex_unlock(&f->lock);
  return 0;
}

static int spin_leak(struct foo *f, int x) {
  unsigned long flags;
  spin_lock_irqsave(&f->slock, flags);
  if (x < 0)
    return -EINVAL;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: lock 'f->slock' locked by 'spin_lock_irqsave' is not unlocked when returning -EINVAL; call 'spin_unlock_irqrestore' on this path [memtidy-leak-on-error-path]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: lock 'f->slock' locked by 'spin_lock_irqsave' here
    // CHECK-NOTES: :[[@LINE-3]]:5: note: 'spin_leak' returns here with lock 'f->slock' still held
  spin_unlock_irqrestore(&f->slock, flags);
  return 0;
}

static int of_leak(struct device_node *parent) {
  struct device_node *np;
  u32 v;
  np = of_get_child_by_name(parent, "ports");
  if (!np)
    return -ENODEV;
  if (of_property_read_u32(np, "reg", &v))
    return -EINVAL;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: reference 'np' taken by 'of_get_child_by_name' is not released when returning -EINVAL; call 'of_node_put' on this path [memtidy-leak-on-error-path]
    // CHECK-NOTES: :[[@LINE-6]]:8: note: reference 'np' taken by 'of_get_child_by_name' here
    // CHECK-NOTES: :[[@LINE-3]]:5: note: 'of_leak' returns here with reference 'np' still owned
  of_node_put(np);
  return v;
}

static int clk_leak(struct clk *c, struct foo *f) {
  int ret = clk_prepare_enable(c);
  if (ret)
    return ret;
  ret = foo_hw_init(f);
  if (ret)
    return ret;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'c' acquired by 'clk_prepare_enable' is not released when returning 'ret'; call 'clk_disable_unprepare' on this path [memtidy-leak-on-error-path]
    // CHECK-NOTES: :[[@LINE-7]]:13: note: 'c' acquired by 'clk_prepare_enable' here
    // CHECK-NOTES: :[[@LINE-4]]:7: note: error detected here
    // CHECK-NOTES: :[[@LINE-4]]:5: note: 'clk_leak' returns here with 'c' still owned
  return 0;
}

static int success_leak(void) {
  char *tmp = kmalloc(16, GFP_KERNEL);
  if (!tmp)
    return -ENOMEM;
  tmp[0] = 0;
  return 0;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'tmp' allocated by 'kmalloc' is never freed: the function still owns it when it returns, and no path hands it on [memtidy-leak-on-error-path]
  // CHECK-NOTES: :[[@LINE-6]]:15: note: 'tmp' allocated by 'kmalloc' here
  // CHECK-NOTES: :[[@LINE-3]]:3: note: 'success_leak' returns here with 'tmp' still owned
}

/* Silent cases. */
static int handed_on(struct device *dev, struct foo *parent, struct list_head *head) {
  struct foo *f = kzalloc(sizeof(*f), GFP_KERNEL);
  if (!f)
    return -ENOMEM;
  list_add(&f->node, head);
  if (foo_register(parent))
    return -EIO;
  return 0;
}

static int stored_in_param(struct foo *parent) {
  parent->buf = kmalloc(8, GFP_KERNEL);
  if (!parent->buf)
    return -ENOMEM;
  if (foo_hw_init(parent))
    return -EIO;
  return 0;
}

static int drvdata(struct platform_device *pdev) {
  struct foo *f = kzalloc(sizeof(*f), GFP_KERNEL);
  if (!f)
    return -ENOMEM;
  platform_set_drvdata(pdev, f);
  if (foo_hw_init(f))
    return -EIO;
  return 0;
}

static int managed(struct device *dev) {
  struct foo *f = devm_kzalloc(dev, sizeof(*f), GFP_KERNEL);
  if (!f)
    return -ENOMEM;
  f->buf = devm_kzalloc(dev, 8, GFP_KERNEL);
  if (!f->buf)
    return -ENOMEM;
  return foo_hw_init(f);
}

static struct foo *returned(void) {
  struct foo *f = kzalloc(sizeof(*f), GFP_KERNEL);
  if (!f)
    return ERR_PTR(-ENOMEM);
  return f;
}

static int bug_path(void) {
  char *p = kmalloc(8, GFP_KERNEL);
  if (!p)
    return -ENOMEM;
  if (p[0])
    BUG();
  kfree(p);
  return 0;
}

static int interruptible(struct foo *f) {
  if (mutex_lock_interruptible(&f->lock))
    return -EBUSY;
  f->irq = 0;
  mutex_unlock(&f->lock);
  return 0;
}

static void release_cb(void *data) { kfree(data); }

static int devm_action(struct device *dev) {
  char *p = kmalloc(8, GFP_KERNEL);
  int ret;
  if (!p)
    return -ENOMEM;
  ret = devm_add_action_or_reset(dev, release_cb, p);
  if (ret)
    return ret;
  return 0;
}

/* A helper of this file that allocates for its caller is an allocator. */
static struct foo *foo_create(void) {
  struct foo *f = kzalloc(sizeof(*f), GFP_KERNEL);
  if (!f)
    return NULL;
  f->irq = -1;
  return f;
}

static int via_wrapper(struct foo **out) {
  struct foo *f = foo_create();
  if (!f)
    return -ENOMEM;
  if (foo_hw_init(f))
    return -EIO;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'f' allocated by 'foo_create' is not freed when returning -EIO; call 'kfree' on this path [memtidy-leak-on-error-path]
    // CHECK-NOTES: :[[@LINE-6]]:19: note: 'f' allocated by 'foo_create' here
    // CHECK-NOTES: :[[@LINE-11]]:3: note: 'foo_create' returns the result of 'kzalloc' here
    // CHECK-NOTES: :[[@LINE-4]]:5: note: 'via_wrapper' returns here with 'f' still owned
  *out = f;
  return 0;
}

/* A helper that stores the setup packet in the urb makes the urb its owner:
 * freeing the urb without the packet leaks the packet. */
static int urb_owns_packet(struct usb_device *udev, void *data, int len) {
  struct urb *urb;
  u8 *dr;
  int ret;

  urb = usb_alloc_urb(0, GFP_KERNEL);
  if (!urb)
    return -ENOMEM;
  dr = kmalloc(8, GFP_KERNEL);
  if (!dr) {
    usb_free_urb(urb);
    return -ENOMEM;
  }
  usb_fill_control_urb(urb, udev, 0, dr, data, len, NULL,
                       NULL);
  ret = usb_submit_urb(urb, GFP_KERNEL);
  if (ret) {
    usb_free_urb(urb);
    return ret;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'dr' allocated by 'kmalloc' is not freed when returning 'ret'; call 'kfree' on this path [memtidy-leak-on-error-path]
    // CHECK-NOTES: :[[@LINE-12]]:8: note: 'dr' allocated by 'kmalloc' here
    // CHECK-NOTES: :[[@LINE-5]]:7: note: error detected here
    // CHECK-NOTES: :[[@LINE-4]]:5: note: 'urb_owns_packet' returns here with 'dr' still owned
  }
  usb_free_urb(urb);
  return 0;
}

/* The same, correct: after a successful submit the completion handler owns
 * the packet. */
static int urb_owns_packet_ok(struct usb_device *udev, void *data, int len) {
  struct urb *urb;
  u8 *dr;
  int ret;

  urb = usb_alloc_urb(0, GFP_KERNEL);
  if (!urb)
    return -ENOMEM;
  dr = kmalloc(8, GFP_KERNEL);
  if (!dr) {
    usb_free_urb(urb);
    return -ENOMEM;
  }
  usb_fill_control_urb(urb, udev, 0, dr, data, len, NULL,
                       NULL);
  ret = usb_submit_urb(urb, GFP_KERNEL);
  if (ret) {
    kfree(dr);
    usb_free_urb(urb);
    return ret;
  }
  usb_free_urb(urb);
  return 0;
}

/* Flags, fields and globals tested non-zero are not error codes: what follows
 * is not an error path, and foo_log() there only borrows f, which still leaks
 * when the second allocation fails. */
extern int debug_mode;
int foo_log(struct foo *f);
static int flag_is_not_error(struct foo **out, int mode) {
  struct foo *f = kzalloc(sizeof(*f), GFP_KERNEL);
  if (!f)
    return -ENOMEM;
  if (debug_mode)
    foo_log(f);
  f->buf = kmalloc(8, GFP_KERNEL);
  if (!f->buf)
    return -ENOMEM;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'f' allocated by 'kzalloc' is not freed when returning -ENOMEM; call 'kfree' on this path [memtidy-leak-on-error-path]
    // CHECK-NOTES: :[[@LINE-9]]:19: note: 'f' allocated by 'kzalloc' here
    // CHECK-NOTES: :[[@LINE-4]]:7: note: error detected here
    // CHECK-NOTES: :[[@LINE-4]]:5: note: 'flag_is_not_error' returns here with 'f' still owned
  *out = f;
  return 0;
}

/* INIT_LIST_HEAD() stores the list in itself: f does not leave with it. */
static int self_linked(struct device *dev) {
  struct foo *f = kzalloc(sizeof(*f), GFP_KERNEL);
  if (!f)
    return -ENOMEM;
  INIT_LIST_HEAD(&f->node);
  if (foo_hw_init(f))
    return -EIO;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'f' allocated by 'kzalloc' is not freed when returning -EIO; call 'kfree' on this path [memtidy-leak-on-error-path]
    // CHECK-NOTES: :[[@LINE-7]]:19: note: 'f' allocated by 'kzalloc' here
    // CHECK-NOTES: :[[@LINE-3]]:5: note: 'self_linked' returns here with 'f' still owned
  kfree(f);
  return 0;
}

/* spin_lock_init() passes &f->slock through spinlock_check(), which returns
 * a pointer into its argument: f stays with the caller. */
static int init_then_fail(struct foo **out) {
  struct foo *f = kzalloc(sizeof(*f), GFP_KERNEL);
  if (!f)
    return -ENOMEM;
  spin_lock_init(&f->slock);
  if (foo_hw_init(f))
    return -EIO;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'f' allocated by 'kzalloc' is not freed when returning -EIO; call 'kfree' on this path [memtidy-leak-on-error-path]
    // CHECK-NOTES: :[[@LINE-7]]:19: note: 'f' allocated by 'kzalloc' here
    // CHECK-NOTES: :[[@LINE-3]]:5: note: 'init_then_fail' returns here with 'f' still owned
  *out = f;
  return 0;
}
