// With ReportAtomicInProcessContext, GFP_ATOMIC where every path holds a
// sleeping lock (a mutex, a semaphore), which proves process context; off
// by default.
// RUN: %check_memtidy --check-suffixes=ON %s memtidy-gfp-misuse %t -- -config="{CheckOptions: {memtidy-gfp-misuse.ReportAtomicInProcessContext: true}}" -- -nostdinc -I %headers
// RUN: %check_memtidy --check-suffixes=OFF %s memtidy-gfp-misuse %t -- -- -nostdinc -I %headers

#include <linux/gfp.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

struct corge {
  struct mutex mutex;
  spinlock_t lock;
  void *buf;
};

void atomic_under_mutex(struct corge *c) {
  mutex_lock(&c->mutex);
  c->buf = kmalloc(16, GFP_ATOMIC);
  // CHECK-NOTES-ON: :[[@LINE-1]]:24: warning: 'kmalloc' is passed GFP_ATOMIC while mutex 'c->mutex' is held, so it runs in process context: GFP_KERNEL may sleep here and fails less often [memtidy-gfp-misuse]
  // CHECK-NOTES-ON: :[[@LINE-3]]:3: note: mutex 'c->mutex' is taken here
  mutex_unlock(&c->mutex);
}

// Silent.

void atomic_under_both(struct corge *c) {
  mutex_lock(&c->mutex);
  spin_lock(&c->lock);
  c->buf = kmalloc(16, GFP_ATOMIC);
  spin_unlock(&c->lock);
  mutex_unlock(&c->mutex);
}

void atomic_after_unlock(struct corge *c) {
  mutex_lock(&c->mutex);
  mutex_unlock(&c->mutex);
  c->buf = kmalloc(16, GFP_ATOMIC);
}

void atomic_on_one_path(struct corge *c, int locked) {
  if (locked)
    mutex_lock(&c->mutex);
  c->buf = kmalloc(16, GFP_ATOMIC);
  if (locked)
    mutex_unlock(&c->mutex);
}

void nowait_under_mutex(struct corge *c) {
  mutex_lock(&c->mutex);
  c->buf = kmalloc(16, GFP_NOWAIT);
  mutex_unlock(&c->mutex);
}
