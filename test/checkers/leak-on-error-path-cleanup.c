// Cleanup attributes as in 6.12: __free(kfree) variables and lock guards
// release at scope exit; no_free_ptr() takes ownership back.
// RUN: %check_memtidy %s memtidy-leak-on-error-path %t -- -- -nostdinc -I %headers -DMOCK_ALLOC_HOOKS

#include <linux/cleanup.h>
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
struct foo { struct mutex lock; spinlock_t sl; char *buf; int n; };
int foo_hw(struct foo *f);

static struct foo *auto_free(struct device *dev) {
  struct foo *f __free(kfree) = kzalloc(sizeof(*f), GFP_KERNEL);
  if (!f)
    return NULL;
  if (foo_hw(f))
    return NULL;
  return_ptr(f);
}

static int guarded(struct foo *f, int x) {
  guard(mutex)(&f->lock);
  if (x < 0)
    return -EINVAL;
  f->n = x;
  return 0;
}

static int scoped(struct foo *f, int x) {
  scoped_guard(spinlock, &f->sl) {
    if (x < 0)
      return -EINVAL;
    f->n = x;
  }
  return 0;
}

static int stolen(void) {
  char *p __free(kfree) = kmalloc(8, GFP_KERNEL);
  char *q;
  if (!p)
    return -ENOMEM;
  q = no_free_ptr(p);
  if (q[0])
    return -EINVAL;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'q' allocated by 'kmalloc' is not freed when returning -EINVAL; call 'kfree' on this path [memtidy-leak-on-error-path]
    // CHECK-NOTES: :[[@LINE-8]]:27: note: 'p' allocated by 'kmalloc' here
    // CHECK-NOTES: :[[@LINE-3]]:5: note: 'stolen' returns here with 'q' still owned
  kfree(q);
  return 0;
}
