// Unwind ladders: a return that skips the ladder is rewritten into a jump to
// the label that releases exactly what is held; the fixed file compiles.
// RUN: %check_memtidy --compile-fixed %s memtidy-leak-on-error-path %t -- -- -nostdinc -I %headers

#include <linux/device.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/usb.h>

struct foo {
  struct urb *urb;
  u8 *buf;
  u8 *aux;
};
int foo_hw_init(struct foo *f);
int foo_check(struct foo *f);

static int three_labels(struct foo **out) {
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
    // CHECK-NOTES: :[[@LINE-4]]:5: note: 'three_labels' returns here with 'f' still owned
  // CHECK-FIXES: {{^}}  if (!f->urb){{$}}
  // CHECK-FIXES-NEXT: {{^}}    { ret = -ENOMEM; goto err_free_buf; }{{$}}
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

static int error_in_ret(struct foo **out) {
  struct foo *f;
  int ret;

  f = kzalloc(sizeof(*f), GFP_KERNEL);
  if (!f)
    return -ENOMEM;
  ret = foo_check(f);
  if (ret)
    return ret;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'f' allocated by 'kzalloc' is not freed when returning 'ret'; jump to 'err_free', which releases it [memtidy-leak-on-error-path]
    // CHECK-NOTES: :[[@LINE-7]]:7: note: 'f' allocated by 'kzalloc' here
    // CHECK-NOTES: :[[@LINE-4]]:7: note: error detected here
    // CHECK-NOTES: :[[@LINE-4]]:5: note: 'error_in_ret' returns here with 'f' still owned
  // CHECK-FIXES: {{^}}    goto err_free;{{$}}
  ret = foo_hw_init(f);
  if (ret)
    goto err_free;
  *out = f;
  return 0;

err_free:
  kfree(f);
  return ret;
}

static int unbraced(struct foo **out, int mode) {
  struct foo *f;
  int err = 0;

  f = kzalloc(sizeof(*f), GFP_KERNEL);
  if (!f)
    return -ENOMEM;
  if (mode > 3)
    return -EINVAL;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'f' allocated by 'kzalloc' is not freed when returning -EINVAL; jump to 'fail', which releases it [memtidy-leak-on-error-path]
    // CHECK-NOTES: :[[@LINE-6]]:7: note: 'f' allocated by 'kzalloc' here
    // CHECK-NOTES: :[[@LINE-3]]:5: note: 'unbraced' returns here with 'f' still owned
  // CHECK-FIXES: {{^}}    { err = -EINVAL; goto fail; }{{$}}
  err = foo_hw_init(f);
  if (err)
    goto fail;
  *out = f;
  return 0;
fail:
  kfree(f);
  return err;
}

static int null_member(struct foo **out) {
  struct foo *f;
  int ret;

  f = kzalloc(sizeof(*f), GFP_KERNEL);
  if (!f)
    return -ENOMEM;
  f->aux = kmalloc(8, GFP_KERNEL);
  if (!f->aux)
    return -ENOMEM;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'f' allocated by 'kzalloc' is not freed when returning -ENOMEM; jump to 'err_aux', which releases it [memtidy-leak-on-error-path]
    // CHECK-NOTES: :[[@LINE-7]]:7: note: 'f' allocated by 'kzalloc' here
    // CHECK-NOTES: :[[@LINE-4]]:7: note: error detected here
    // CHECK-NOTES: :[[@LINE-4]]:5: note: 'null_member' returns here with 'f' still owned
  // The label also frees f->aux, which is NULL here: kfree(NULL) is fine.
  // CHECK-FIXES: {{^}}    { ret = -ENOMEM; goto err_aux; }{{$}}
  f->buf = kmalloc(64, GFP_KERNEL);
  if (!f->buf) {
    ret = -ENOMEM;
    goto err_aux;
  }
  *out = f;
  return 0;

err_aux:
  kfree(f->aux);
  kfree(f);
  return ret;
}

// No label releases exactly what is held: no fix-it, the release is named.
static int no_exact_label(struct foo **out, int mode) {
  struct foo *f;
  int ret;

  f = kmalloc(sizeof(*f), GFP_KERNEL);
  if (!f)
    return -ENOMEM;
  if (mode)
    return -EINVAL;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'f' allocated by 'kmalloc' is not freed when returning -EINVAL; call 'kfree' on this path [memtidy-leak-on-error-path]
    // CHECK-NOTES: :[[@LINE-6]]:7: note: 'f' allocated by 'kmalloc' here
    // CHECK-NOTES: :[[@LINE-3]]:5: note: 'no_exact_label' returns here with 'f' still owned
  // CHECK-FIXES: {{^}}    return -EINVAL;{{$}}
  f->buf = kmalloc(64, GFP_KERNEL);
  if (!f->buf) {
    ret = -ENOMEM;
    goto err;
  }
  ret = foo_hw_init(f);
  if (ret)
    goto err;
  *out = f;
  return 0;

err:
  kfree(f->buf);
  kfree(f);
  return ret;
}

static int wrong_label(struct foo **out) {
  struct foo *f;
  u8 *tmp;
  int ret;

  f = kzalloc(sizeof(*f), GFP_KERNEL);
  if (!f)
    return -ENOMEM;
  tmp = kmalloc(16, GFP_KERNEL);
  if (!tmp) {
    ret = -ENOMEM;
    goto err_foo;
  }
  ret = foo_hw_init(f);
  if (ret)
    goto err_foo;
  kfree(tmp);
  *out = f;
  return 0;

err_tmp:
  kfree(tmp);
err_foo:
  kfree(f);
  return ret;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'tmp' allocated by 'kmalloc' is not freed when returning 'ret'; call 'kfree' on this path [memtidy-leak-on-error-path]
  // CHECK-NOTES: :[[@LINE-18]]:9: note: 'tmp' allocated by 'kmalloc' here
  // CHECK-NOTES: :[[@LINE-13]]:7: note: error detected here
  // CHECK-NOTES: :[[@LINE-13]]:5: note: jumps to 'err_foo' here
  // CHECK-NOTES: :[[@LINE-5]]:3: note: 'wrong_label' returns here with 'tmp' still owned
}
