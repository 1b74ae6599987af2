// Sleeps followed into functions of the same file: helpers that sleep
// always, helpers whose gfp_t parameter or struct field decides, chains of
// helpers, recursion, lock helpers, and helpers that drop their caller's
// lock before they sleep.
// RUN: %check_memtidy --compile-fixed %s memtidy-sleep-in-atomic %t -- -- -nostdinc -I %headers
// RUN: %check_memtidy --compile-fixed %s memtidy-sleep-in-atomic %t -- -- -nostdinc -I %headers -DMOCK_ALLOC_HOOKS

#include <linux/delay.h>
#include <linux/gfp.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

struct baz {
  spinlock_t lock;
  void *buf;
  int count;
};

struct alloc_ctx {
  gfp_t gfp;
  int size;
};

static void wait_a_bit(void) { msleep(1); }

static void settle(struct baz *b) {
  b->count = 0;
  wait_a_bit();
}

void chain_under_lock(struct baz *b) {
  spin_lock(&b->lock);
  settle(b);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'settle' may sleep while spinlock 'b->lock' is held; move the call out of the locked region [memtidy-sleep-in-atomic]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: spinlock 'b->lock' is taken here
  // CHECK-NOTES: :[[@LINE-8]]:3: note: 'settle' calls 'wait_a_bit' here
  // CHECK-NOTES: :[[@LINE-13]]:32: note: 'msleep' may sleep here
  spin_unlock(&b->lock);
}

// settle() is also called without the lock: reported at the locked call.
void chain_unlocked(struct baz *b) { settle(b); }

static void *grow(struct baz *b, gfp_t gfp) {
  return kmalloc(b->count, gfp);
}

void gfp_param_under_lock(struct baz *b) {
  spin_lock(&b->lock);
  b->buf = grow(b, GFP_KERNEL);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: 'grow' with GFP_KERNEL may sleep while spinlock 'b->lock' is held; move the call out of the locked region [memtidy-sleep-in-atomic]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: spinlock 'b->lock' is taken here
  // CHECK-NOTES: :[[@LINE-8]]:10: note: 'kmalloc' may sleep here if its mask allows direct reclaim
  // CHECK-NOTES: gfp_types.h:{{[0-9]+}}:9: note: 'GFP_KERNEL' is defined here; it includes __GFP_DIRECT_RECLAIM, which lets the allocator sleep
  spin_unlock(&b->lock);
}

void gfp_param_atomic(struct baz *b) {
  spin_lock(&b->lock);
  b->buf = grow(b, GFP_ATOMIC);
  spin_unlock(&b->lock);
}

static void *grow_ctx(const struct alloc_ctx *ctx) {
  return kzalloc(ctx->size, ctx->gfp);
}

void gfp_field_under_lock(struct baz *b) {
  struct alloc_ctx ctx = {.gfp = GFP_KERNEL, .size = 16};

  spin_lock(&b->lock);
  b->buf = grow_ctx(&ctx);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: 'grow_ctx' with GFP_KERNEL may sleep while spinlock 'b->lock' is held; move the call out of the locked region [memtidy-sleep-in-atomic]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: spinlock 'b->lock' is taken here
  // CHECK-NOTES: :[[@LINE-10]]:10: note: 'kzalloc' may sleep here if its mask allows direct reclaim
  // CHECK-NOTES: :[[@LINE-7]]:34: note: the mask is set to GFP_KERNEL here
  // CHECK-NOTES: gfp_types.h:{{[0-9]+}}:9: note: 'GFP_KERNEL' is defined here; it includes __GFP_DIRECT_RECLAIM, which lets the allocator sleep
  spin_unlock(&b->lock);
}

void gfp_field_atomic(struct baz *b) {
  struct alloc_ctx ctx = {.gfp = GFP_NOWAIT, .size = 16};

  spin_lock(&b->lock);
  b->buf = grow_ctx(&ctx);
  spin_unlock(&b->lock);
}

static void *forward(struct baz *b, gfp_t flags) { return grow(b, flags); }

void forwarded_gfp_under_lock(struct baz *b) {
  spin_lock(&b->lock);
  b->buf = forward(b, GFP_KERNEL | __GFP_ZERO);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: 'forward' with GFP_KERNEL may sleep while spinlock 'b->lock' is held; move the call out of the locked region [memtidy-sleep-in-atomic]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: spinlock 'b->lock' is taken here
  // CHECK-NOTES: :[[@LINE-7]]:59: note: 'forward' calls 'grow' here
  // CHECK-NOTES: :[[@LINE-52]]:10: note: 'kmalloc' may sleep here if its mask allows direct reclaim
  // CHECK-NOTES: gfp_types.h:{{[0-9]+}}:9: note: 'GFP_KERNEL' is defined here; it includes __GFP_DIRECT_RECLAIM, which lets the allocator sleep
  spin_unlock(&b->lock);
}

static void countdown(struct baz *b, int n) {
  if (n == 0) {
    msleep(1);
    return;
  }
  countdown(b, n - 1);
}

void recursion_under_lock(struct baz *b) {
  spin_lock(&b->lock);
  countdown(b, 3);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'countdown' may sleep while spinlock 'b->lock' is held; move the call out of the locked region [memtidy-sleep-in-atomic]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: spinlock 'b->lock' is taken here
  // CHECK-NOTES: :[[@LINE-8]]:3: note: 'countdown' calls 'countdown' here
  // CHECK-NOTES: :[[@LINE-12]]:5: note: 'msleep' may sleep here
  spin_unlock(&b->lock);
}

static void baz_lock(struct baz *b) { spin_lock(&b->lock); }
static void baz_unlock(struct baz *b) { spin_unlock(&b->lock); }

void through_lock_helpers(struct baz *b) {
  baz_lock(b);
  msleep(1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'msleep' may sleep while spinlock 'b->lock' is held; move the call out of the locked region [memtidy-sleep-in-atomic]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: spinlock 'b->lock' is taken here, by 'baz_lock'
  baz_unlock(b);
  msleep(1);
}

// Called with b->lock held: drops it before it sleeps.
static void drop_and_wait(struct baz *b) {
  spin_unlock(&b->lock);
  msleep(1);
  spin_lock(&b->lock);
}

void caller_lock_dropped(struct baz *b) {
  spin_lock(&b->lock);
  drop_and_wait(b);
  spin_unlock(&b->lock);
}

// Called only with b->lock held: the sleep is reported where it happens,
// with the caller's lock and call as notes, and not again at the call.
static void refill_locked(struct baz *b) {
  b->buf = kmalloc(b->count, GFP_KERNEL);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: GFP_KERNEL allocation may sleep while spinlock 'b->lock' is held; use GFP_ATOMIC [memtidy-sleep-in-atomic]
  // CHECK-NOTES: :[[@LINE+8]]:3: note: spinlock 'b->lock' is taken here
  // CHECK-NOTES: :[[@LINE+8]]:3: note: 'refill' calls 'refill_locked' here while spinlock 'b->lock' is held
  // CHECK-NOTES: gfp_types.h:{{[0-9]+}}:9: note: 'GFP_KERNEL' is defined here; it includes __GFP_DIRECT_RECLAIM, which lets the allocator sleep
  // CHECK-FIXES: {{^}}  b->buf = kmalloc(b->count, GFP_ATOMIC);{{$}}
  b->count = 0;
}

void refill(struct baz *b) {
  spin_lock(&b->lock);
  refill_locked(b);
  spin_unlock(&b->lock);
}


// A helper annotated __releases() drops the caller's lock, even through a
// call the analysis cannot follow (fuse's queue_request_and_unlock()).
#define __releases(x)

struct baz_ops {
  void (*kick_and_unlock)(struct baz *b);
};

static void queue_and_unlock(struct baz *b, const struct baz_ops *ops)
    __releases(b->lock) {
  b->count++;
  ops->kick_and_unlock(b);
}

void wait_after_annotated_unlock(struct baz *b, const struct baz_ops *ops) {
  spin_lock(&b->lock);
  queue_and_unlock(b, ops);
  msleep(1);
}

void nested_locks_released_in_order(struct baz *b, struct baz *c) {
  unsigned long flags;

  spin_lock(&b->lock);
  spin_lock_irqsave(&c->lock, flags);
  spin_unlock_irqrestore(&c->lock, flags);
  msleep(1);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'msleep' may sleep while spinlock 'b->lock' is held; move the call out of the locked region [memtidy-sleep-in-atomic]
  // CHECK-NOTES: :[[@LINE-5]]:3: note: spinlock 'b->lock' is taken here
  spin_unlock(&b->lock);
}

// A flag the caller passes decides whether the helper may sleep
// (kaweth_async_set_rx_mode(kaweth, false) under the device lock).
static void set_mode(struct baz *b, bool may_sleep) {
  if (!may_sleep)
    return;
  msleep(1);
}

void set_mode_locked(struct baz *b) {
  spin_lock(&b->lock);
  set_mode(b, false);
  spin_unlock(&b->lock);
  set_mode(b, true);
}

void set_mode_wrong(struct baz *b) {
  spin_lock(&b->lock);
  set_mode(b, true);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'set_mode' may sleep while spinlock 'b->lock' is held; move the call out of the locked region [memtidy-sleep-in-atomic]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: spinlock 'b->lock' is taken here
  // CHECK-NOTES: :[[@LINE-15]]:3: note: 'msleep' may sleep here
  spin_unlock(&b->lock);
}
