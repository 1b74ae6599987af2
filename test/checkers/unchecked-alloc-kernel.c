// Kernel idioms, on headers shaped like 6.1 (kmalloc is an inline function)
// and like 6.12 (kmalloc(...) is alloc_hooks(kmalloc_noprof(...))).
// RUN: %check_memtidy --compile-fixed %s memtidy-unchecked-alloc %t -- -- -nostdinc -I %headers
// RUN: %check_memtidy --compile-fixed %s memtidy-unchecked-alloc %t -- -- -nostdinc -I %headers -DMOCK_ALLOC_HOOKS

#include <linux/bug.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/kthread.h>
#include <linux/list.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/usb.h>

struct foo_priv {
  struct device *dev;
  struct urb *urb;
  u8 *buf;
  struct list_head node;
  int count;
};

static int probe_unchecked(struct device *dev) {
  struct foo_priv *priv = kzalloc(sizeof(*priv), GFP_KERNEL);

  priv->dev = dev;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'priv' is dereferenced without checking whether 'kzalloc' succeeded; it returns NULL on failure [memtidy-unchecked-alloc]
  // CHECK-NOTES: :[[@LINE-4]]:27: note: 'priv' is assigned the result of 'kzalloc' here; check it for NULL before use
  dev_set_drvdata(dev, priv);
  return 0;
}

static int urb_unchecked(struct foo_priv *priv, struct usb_device *udev) {
  priv->urb = usb_alloc_urb(0, GFP_KERNEL);
  usb_fill_bulk_urb(priv->urb, udev, 0, priv->buf, 64, NULL, priv);
  // CHECK-NOTES: :[[@LINE-1]]:21: warning: 'priv->urb' is passed to 'usb_fill_bulk_urb' without checking whether 'usb_alloc_urb' succeeded; it returns NULL on failure [memtidy-unchecked-alloc]
  // CHECK-NOTES: :[[@LINE-3]]:15: note: 'priv->urb' is assigned the result of 'usb_alloc_urb' here; check it for NULL before use
  // CHECK-NOTES: {{.*}}usb.h:{{[0-9]+}}:3: note: 'urb' is dereferenced here
  return usb_submit_urb(priv->urb, GFP_KERNEL);
}

static int buffer_only_stored(struct urb *urb, struct usb_device *udev) {
  // usb_fill_bulk_urb keeps the buffer pointer without dereferencing it.
  u8 *buf = kmalloc(64, GFP_KERNEL);
  usb_fill_bulk_urb(urb, udev, 0, buf, 64, NULL, NULL);
  if (!buf)
    return -ENOMEM;
  return 0;
}

static void list_insert_unchecked(struct list_head *head) {
  struct foo_priv *item = kmalloc(sizeof(*item), GFP_KERNEL);
  INIT_LIST_HEAD(&item->node);
  // CHECK-NOTES: :[[@LINE-1]]:19: warning: 'item' is dereferenced without checking whether 'kmalloc' succeeded; it returns NULL on failure [memtidy-unchecked-alloc]
  // CHECK-NOTES: :[[@LINE-3]]:27: note: 'item' is assigned the result of 'kmalloc' here; check it for NULL before use
  list_add(&item->node, head);
}

static int thread_fn(void *data) { return 0; }

static int start_thread_null_test(struct foo_priv *priv) {
  struct task_struct *task = kthread_run(thread_fn, priv, "foo-%d", 1);
  if (!task)
  // CHECK-NOTES: :[[@LINE-1]]:7: warning: 'task' is tested for NULL, but 'kthread_run' returns an ERR_PTR on failure, never NULL; test it with IS_ERR() [memtidy-unchecked-alloc]
  // CHECK-NOTES: :[[@LINE-3]]:30: note: 'task' is assigned the result of 'kthread_run' here
  // CHECK-FIXES: {{^}}  if (IS_ERR(task)){{$}}
    return -ENOMEM;
  return 0;
}

static struct file *open_compared_with_null(const char *path) {
  struct file *f = filp_open(path, 0, 0);
  if (f == NULL)
  // CHECK-NOTES: :[[@LINE-1]]:7: warning: 'f' is tested for NULL, but 'filp_open' returns an ERR_PTR on failure, never NULL; test it with IS_ERR() [memtidy-unchecked-alloc]
  // CHECK-NOTES: :[[@LINE-3]]:20: note: 'f' is assigned the result of 'filp_open' here
  // CHECK-FIXES: {{^}}  if (IS_ERR(f)){{$}}
    return NULL;
  return f;
}

static int open_tested_positively(const char *path) {
  struct file *f = filp_open(path, 0, 0);
  if (f) {
  // CHECK-NOTES: :[[@LINE-1]]:7: warning: 'f' is tested for NULL, but 'filp_open' returns an ERR_PTR on failure, never NULL; test it with IS_ERR() [memtidy-unchecked-alloc]
  // CHECK-NOTES: :[[@LINE-3]]:20: note: 'f' is assigned the result of 'filp_open' here
  // CHECK-FIXES: {{^}}  if (!IS_ERR(f)) {{{$}}
    f->f_pos = 0;
    return filp_close(f, NULL);
  }
  return -ENOENT;
}

static int buffer_is_err(size_t n) {
  void *buf = kmalloc(n, GFP_KERNEL);
  if (IS_ERR(buf))
  // CHECK-NOTES: :[[@LINE-1]]:7: warning: 'buf' is tested with IS_ERR(), but 'kmalloc' returns NULL on failure, never an ERR_PTR; test it for NULL instead [memtidy-unchecked-alloc]
  // CHECK-NOTES: :[[@LINE-3]]:15: note: 'buf' is assigned the result of 'kmalloc' here
    return PTR_ERR(buf);
  kfree(buf);
  return 0;
}

static long copy_from_user_unchecked(const void __user *ubuf, size_t len) {
  char *kbuf = memdup_user(ubuf, len);
  long first = kbuf[0];
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: 'kbuf' is dereferenced without checking whether 'memdup_user' succeeded; it returns an ERR_PTR on failure [memtidy-unchecked-alloc]
  // CHECK-NOTES: :[[@LINE-3]]:16: note: 'kbuf' is assigned the result of 'memdup_user' here; check it with IS_ERR() before use
  kfree(kbuf);
  return first;
}

static int warn_does_not_return(struct foo_priv *priv) {
  priv->buf = kmalloc(16, GFP_KERNEL);
  WARN_ON(!priv->buf);
  priv->buf[0] = 1;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'priv->buf' is dereferenced on a path where 'kmalloc' failed: the failure is detected but execution continues [memtidy-unchecked-alloc]
  // CHECK-NOTES: :[[@LINE-4]]:15: note: 'priv->buf' is assigned the result of 'kmalloc' here; check it for NULL before use
  // CHECK-NOTES: :[[@LINE-4]]:3: note: failure of 'kmalloc' detected here
  return 0;
}

// --- Must stay silent -------------------------------------------------------

static int probe_checked(struct device *dev) {
  struct foo_priv *priv = kzalloc(sizeof(*priv), GFP_KERNEL);
  if (!priv)
    return -ENOMEM;
  priv->dev = dev;
  return 0;
}

static int probe_checked_unlikely(struct device *dev) {
  struct foo_priv *priv = devm_kzalloc(dev, sizeof(*priv), GFP_KERNEL);
  if (unlikely(!priv))
    return -ENOMEM;
  priv->dev = dev;
  return 0;
}

static int checked_with_warn_on(struct foo_priv *priv) {
  priv->buf = kmalloc(16, GFP_KERNEL);
  if (WARN_ON(!priv->buf))
    return -ENOMEM;
  priv->buf[0] = 1;
  return 0;
}

static int checked_with_warn_on_once(struct foo_priv *priv) {
  priv->buf = kmalloc(16, GFP_KERNEL);
  if (WARN_ON_ONCE(priv->buf == NULL))
    return -ENOMEM;
  priv->buf[0] = 1;
  return 0;
}

static void checked_with_bug_on(struct foo_priv *priv) {
  priv->buf = kmalloc(16, GFP_KERNEL);
  BUG_ON(!priv->buf);
  priv->buf[0] = 1;
}

static int thread_checked(struct foo_priv *priv, struct task_struct **out) {
  struct task_struct *task = kthread_run(thread_fn, priv, "foo");
  if (IS_ERR(task))
    return PTR_ERR(task);
  *out = task;
  return task->pid;
}

static struct file *open_checked_ptr_err_or_zero(const char *path, int *err) {
  struct file *f = filp_open(path, 0, 0);
  int ret = PTR_ERR_OR_ZERO(f);
  if (ret) {
    *err = ret;
    return NULL;
  }
  f->f_pos = 0;
  return f;
}

static int checked_is_err_or_null(const char *path) {
  struct file *f = filp_open(path, 0, 0);
  if (IS_ERR_OR_NULL(f))
    return -ENOENT;
  f->f_pos = 0;
  return filp_close(f, NULL);
}

static void nofail(struct foo_priv *priv) {
  struct foo_priv *copy = kmalloc(sizeof(*copy), GFP_KERNEL | __GFP_NOFAIL);
  copy->count = priv->count;
  kfree(copy);
}

static int goto_ladder(struct foo_priv *priv, size_t n) {
  int ret = -ENOMEM;

  priv->buf = kcalloc(n, sizeof(*priv->buf), GFP_KERNEL);
  if (!priv->buf)
    goto err;
  priv->urb = usb_alloc_urb(0, GFP_KERNEL);
  if (!priv->urb)
    goto err_free_buf;
  priv->buf[0] = 0;
  priv->urb->context = priv;
  return 0;

err_free_buf:
  kfree(priv->buf);
err:
  pr_err("foo: out of memory\n");
  return ret;
}

static int two_checked_together(struct foo_priv *a, struct foo_priv *b) {
  a->buf = kmalloc(8, GFP_KERNEL);
  b->buf = kmalloc(8, GFP_KERNEL);
  if (!a->buf || !b->buf) {
    kfree(a->buf);
    kfree(b->buf);
    return -ENOMEM;
  }
  memcpy(a->buf, b->buf, 8);
  return 0;
}

static int assigned_in_condition(struct foo_priv *priv) {
  if (!(priv->buf = kzalloc(32, GFP_KERNEL)))
    return -ENOMEM;
  memset(priv->buf, 0xff, 32);
  return 0;
}

static int checked_positively(struct foo_priv *priv) {
  u8 *buf = kmalloc(8, GFP_KERNEL);
  if (likely(buf)) {
    buf[0] = 0;
    priv->buf = buf;
    return 0;
  }
  return -ENOMEM;
}

static int error_code_remembered(struct foo_priv *priv) {
  int err = 0;
  u8 *buf = kmalloc(8, GFP_KERNEL);
  if (!buf)
    err = -ENOMEM;
  else
    priv->count = 1;
  if (err)
    return err;
  buf[0] = 0;
  priv->buf = buf;
  return 0;
}
