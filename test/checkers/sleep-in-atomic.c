// Sleeping calls and allocations that may sleep, under each kind of atomic
// section, on headers shaped like 6.1 (GFP bits #defined as hex constants,
// the default) and like 6.12 (GFP bits from an enum, kmalloc over
// alloc_hooks), with and without the configuration options that change what
// the lock and context macros expand to.
// RUN: %check_memtidy --compile-fixed %s memtidy-sleep-in-atomic %t -- -- -nostdinc -I %headers
// RUN: %check_memtidy --compile-fixed %s memtidy-sleep-in-atomic %t -- -- -nostdinc -I %headers -DMOCK_ALLOC_HOOKS
// RUN: %check_memtidy --compile-fixed %s memtidy-sleep-in-atomic %t -- -- -nostdinc -I %headers -DCONFIG_PREEMPT_COUNT -DCONFIG_TRACE_IRQFLAGS -DCONFIG_INLINE_SPIN_LOCK_IRQSAVE -DCONFIG_INLINE_SPIN_UNLOCK_IRQRESTORE -DCONFIG_DEBUG_LOCK_ALLOC

#include <linux/bit_spinlock.h>
#include <linux/bottom_half.h>
#include <linux/delay.h>
#include <linux/gfp.h>
#include <linux/irqflags.h>
#include <linux/local_lock.h>
#include <linux/mutex.h>
#include <linux/preempt.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <linux/wait.h>

struct foo {
  spinlock_t lock;
  raw_spinlock_t raw;
  rwlock_t rw;
  struct mutex mutex;
  unsigned long bits;
  wait_queue_head_t wq;
  int ready;
  void *buf;
};

void kmalloc_under_spin_lock(struct foo *f) {
  spin_lock(&f->lock);
  f->buf = kmalloc(16, GFP_KERNEL);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: GFP_KERNEL allocation may sleep while spinlock 'f->lock' is held; use GFP_ATOMIC [memtidy-sleep-in-atomic]
  // CHECK-FIXES: {{^}}  f->buf = kmalloc(16, GFP_ATOMIC);{{$}}
  spin_unlock(&f->lock);
}

void kzalloc_under_irqsave(struct foo *f) {
  unsigned long flags;

  spin_lock_irqsave(&f->lock, flags);
  f->buf = kzalloc(16, GFP_KERNEL | __GFP_NOWARN);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: GFP_KERNEL allocation may sleep while spinlock 'f->lock' is held; use GFP_ATOMIC [memtidy-sleep-in-atomic]
  // CHECK-FIXES: {{^}}  f->buf = kzalloc(16, GFP_ATOMIC | __GFP_NOWARN);{{$}}
  spin_unlock_irqrestore(&f->lock, flags);
}

void nofs_under_spin_lock_irq(struct foo *f) {
  spin_lock_irq(&f->lock);
  f->buf = kmalloc(16, GFP_NOFS);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: GFP_NOFS allocation may sleep while spinlock 'f->lock' is held; move the allocation out of the locked region [memtidy-sleep-in-atomic]
  spin_unlock_irq(&f->lock);
}

void msleep_under_spin_lock_bh(struct foo *f) {
  spin_lock_bh(&f->lock);
  msleep(10);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'msleep' may sleep while spinlock 'f->lock' is held; move the call out of the locked region [memtidy-sleep-in-atomic]
  spin_unlock_bh(&f->lock);
}

void mutex_under_read_lock(struct foo *f) {
  read_lock(&f->rw);
  mutex_lock(&f->mutex);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mutex_lock' may sleep while read lock 'f->rw' is held; move the call out of the locked region [memtidy-sleep-in-atomic]
  mutex_unlock(&f->mutex);
  read_unlock(&f->rw);
}

void wait_event_under_write_lock_irqsave(struct foo *f) {
  unsigned long flags;

  write_lock_irqsave(&f->rw, flags);
  wait_event(f->wq, f->ready);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'wait_event' may sleep while write lock 'f->rw' is held; move the call out of the locked region [memtidy-sleep-in-atomic]
  write_unlock_irqrestore(&f->rw, flags);
}

void usleep_under_raw_spin_lock(struct foo *f) {
  raw_spin_lock(&f->raw);
  usleep_range(10, 20);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'usleep_range' may sleep while spinlock 'f->raw' is held; move the call out of the locked region [memtidy-sleep-in-atomic]
  raw_spin_unlock(&f->raw);
}

void copy_under_bit_spin_lock(struct foo *f, void __user *arg) {
  char tmp[8];

  bit_spin_lock(0, &f->bits);
  if (copy_from_user(tmp, arg, sizeof(tmp)))
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'copy_from_user' may sleep while bit spinlock 'f->bits' is held; move the call out of the locked region [memtidy-sleep-in-atomic]
    f->ready = 0;
  bit_spin_unlock(0, &f->bits);
}

void trylock_success_branch(struct foo *f) {
  if (spin_trylock(&f->lock)) {
    f->buf = kmalloc(16, GFP_KERNEL);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: GFP_KERNEL allocation may sleep while spinlock 'f->lock' is held; use GFP_ATOMIC [memtidy-sleep-in-atomic]
    // CHECK-FIXES: {{^}}    f->buf = kmalloc(16, GFP_ATOMIC);{{$}}
    spin_unlock(&f->lock);
  } else {
    msleep(1);
  }
}

void trylock_through_variable(struct foo *f) {
  int locked = spin_trylock(&f->lock);

  if (!locked) {
    msleep(1);
    return;
  }
  msleep(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'msleep' may sleep while spinlock 'f->lock' is held; move the call out of the locked region [memtidy-sleep-in-atomic]
  spin_unlock(&f->lock);
}

void synchronize_in_rcu_read_section(void) {
  rcu_read_lock();
  synchronize_rcu();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'synchronize_rcu' may sleep inside an RCU read-side critical section; move the call out of the atomic section [memtidy-sleep-in-atomic]
  rcu_read_unlock();
}

void kmalloc_with_irqs_disabled(struct foo *f) {
  local_irq_disable();
  f->buf = kmalloc(16, GFP_KERNEL);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: GFP_KERNEL allocation may sleep while interrupts are disabled; use GFP_ATOMIC [memtidy-sleep-in-atomic]
  // CHECK-FIXES: {{^}}  f->buf = kmalloc(16, GFP_ATOMIC);{{$}}
  local_irq_enable();
}

void msleep_after_local_irq_save(void) {
  unsigned long flags;

  local_irq_save(flags);
  msleep(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'msleep' may sleep while interrupts are disabled; move the call out of the atomic section [memtidy-sleep-in-atomic]
  local_irq_restore(flags);
}

void schedule_with_preemption_disabled(void) {
  preempt_disable();
  schedule();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'schedule' may sleep while preemption is disabled; move the call out of the atomic section [memtidy-sleep-in-atomic]
  preempt_enable();
}

void vmalloc_with_bh_disabled(struct foo *f) {
  local_bh_disable();
  f->buf = vmalloc(4096);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'vmalloc' may sleep while bottom halves are disabled; move the call out of the atomic section [memtidy-sleep-in-atomic]
  local_bh_enable();
}

void mask_in_a_local(struct foo *f) {
  gfp_t gfp = GFP_KERNEL;

  spin_lock(&f->lock);
  f->buf = kmalloc(16, gfp);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: GFP_KERNEL allocation may sleep while spinlock 'f->lock' is held; move the allocation out of the locked region [memtidy-sleep-in-atomic]
  spin_unlock(&f->lock);
}

void locked_on_one_path(struct foo *f, int locked) {
  if (locked)
    spin_lock(&f->lock);
  f->buf = kmalloc(16, GFP_KERNEL);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: GFP_KERNEL allocation may sleep while spinlock 'f->lock' is held; move the allocation out of the locked region [memtidy-sleep-in-atomic]
  if (locked)
    spin_unlock(&f->lock);
}

// Silent: sleeping is allowed in all of these.

void after_unlock(struct foo *f) {
  spin_lock(&f->lock);
  f->ready = 1;
  spin_unlock(&f->lock);
  f->buf = kmalloc(16, GFP_KERNEL);
  msleep(1);
}

void released_on_all_paths(struct foo *f, int early) {
  spin_lock(&f->lock);
  if (early) {
    spin_unlock(&f->lock);
  } else {
    f->ready = 1;
    spin_unlock(&f->lock);
  }
  f->buf = kmalloc(16, GFP_KERNEL);
}

void trylock_failure_branch(struct foo *f) {
  if (!spin_trylock(&f->lock)) {
    f->buf = kmalloc(16, GFP_KERNEL);
    return;
  }
  spin_unlock(&f->lock);
}

void under_mutex(struct foo *f) {
  mutex_lock(&f->mutex);
  f->buf = kmalloc(16, GFP_KERNEL);
  msleep(1);
  mutex_unlock(&f->mutex);
}

void non_sleeping_masks(struct foo *f) {
  spin_lock(&f->lock);
  f->buf = kmalloc(16, GFP_ATOMIC);
  f->buf = kmalloc(16, GFP_NOWAIT | __GFP_ZERO);
  f->buf = kmalloc(16, GFP_KERNEL & ~__GFP_DIRECT_RECLAIM);
  spin_unlock(&f->lock);
}

void masked_local(struct foo *f) {
  gfp_t gfp = GFP_KERNEL;

  gfp &= ~__GFP_DIRECT_RECLAIM;
  spin_lock(&f->lock);
  f->buf = kmalloc(16, gfp);
  spin_unlock(&f->lock);
}

void guarded_by_in_atomic(struct foo *f) {
  spin_lock(&f->lock);
  if (!in_atomic())
    msleep(1);
  spin_unlock(&f->lock);
}

void guarded_by_allow_blocking(struct foo *f, gfp_t gfp) {
  spin_lock(&f->lock);
  if (gfpflags_allow_blocking(gfp))
    msleep(1);
  spin_unlock(&f->lock);
}

void rcu_section_closed(struct foo *f) {
  rcu_read_lock();
  f->ready = 1;
  rcu_read_unlock();
  synchronize_rcu();
}

void irqs_enabled_again(void) {
  unsigned long flags;

  local_irq_save(flags);
  local_irq_restore(flags);
  msleep(1);
}
