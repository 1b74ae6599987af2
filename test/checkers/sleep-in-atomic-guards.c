// Scope guards of <linux/cleanup.h> (guard() and scoped_guard(), in their
// 6.1.y shape and, with MOCK_ALLOC_HOOKS, their 6.12 shape) and local locks.
// RUN: %check_memtidy --compile-fixed %s memtidy-sleep-in-atomic %t -- -- -nostdinc -I %headers
// RUN: %check_memtidy --compile-fixed %s memtidy-sleep-in-atomic %t -- -- -nostdinc -I %headers -DMOCK_ALLOC_HOOKS

#include <linux/cleanup.h>
#include <linux/delay.h>
#include <linux/local_lock.h>
#include <linux/mutex.h>
#include <linux/preempt.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

struct qux {
  spinlock_t lock;
  struct mutex mutex;
  void *buf;
};

struct qux_pcpu {
  local_lock_t lock;
  int count;
};

static struct qux_pcpu qux_pcpu;

void guard_to_end_of_function(struct qux *q) {
  guard(spinlock)(&q->lock);
  msleep(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'msleep' may sleep while spinlock 'q->lock' is held; move the call out of the locked region [memtidy-sleep-in-atomic]
}

void scoped_guard_irqsave(struct qux *q) {
  scoped_guard(spinlock_irqsave, &q->lock) {
    q->buf = kmalloc(16, GFP_KERNEL);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: GFP_KERNEL allocation may sleep while spinlock 'q->lock' is held; use GFP_ATOMIC [memtidy-sleep-in-atomic]
    // CHECK-FIXES: {{^}}    q->buf = kmalloc(16, GFP_ATOMIC);{{$}}
  }
  q->buf = kmalloc(16, GFP_KERNEL);
}

void guard_in_inner_block(struct qux *q) {
  {
    guard(spinlock_irq)(&q->lock);
    q->buf = NULL;
  }
  msleep(1);
}

void rcu_guard(struct qux *q) {
  guard(rcu)();
  synchronize_rcu();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'synchronize_rcu' may sleep inside an RCU read-side critical section; move the call out of the atomic section [memtidy-sleep-in-atomic]
}

void mutex_guard(struct qux *q) {
  guard(mutex)(&q->mutex);
  msleep(1);
  q->buf = kmalloc(16, GFP_KERNEL);
}

void local_lock_section(void) {
  local_lock(&qux_pcpu.lock);
  msleep(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'msleep' may sleep while preemption is disabled; move the call out of the atomic section [memtidy-sleep-in-atomic]
  local_unlock(&qux_pcpu.lock);
  msleep(1);
}
