// GFP mask mistakes that do not depend on the calling context, on headers
// shaped like 6.1 and (MOCK_ALLOC_HOOKS) like 6.12.
// RUN: %check_memtidy --compile-fixed %s memtidy-gfp-misuse %t -- -- -nostdinc -I %headers
// RUN: %check_memtidy --compile-fixed %s memtidy-gfp-misuse %t -- -- -nostdinc -I %headers -DMOCK_ALLOC_HOOKS

#include <linux/gfp.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/usb.h>

struct quux {
  void *buf;
  struct urb *urb;
};

void swapped_arguments(struct quux *q, size_t len) {
  q->buf = kmalloc(GFP_KERNEL, len);
  // CHECK-NOTES: :[[@LINE-1]]:20: warning: 'kmalloc' is passed the GFP mask 'GFP_KERNEL' as argument 1 and 'len' as its mask; the arguments look swapped [memtidy-gfp-misuse]
  // CHECK-FIXES: {{^}}  q->buf = kmalloc(len, GFP_KERNEL);{{$}}
}

void swapped_with_flags(struct quux *q, size_t len) {
  q->buf = kzalloc(GFP_ATOMIC | __GFP_NOWARN, len);
  // CHECK-NOTES: :[[@LINE-1]]:20: warning: 'kzalloc' is passed the GFP mask 'GFP_ATOMIC | __GFP_NOWARN' as argument 1 and 'len' as its mask; the arguments look swapped [memtidy-gfp-misuse]
  // CHECK-FIXES: {{^}}  q->buf = kzalloc(len, GFP_ATOMIC | __GFP_NOWARN);{{$}}
}

void contradictory_masks(struct quux *q) {
  q->buf = kmalloc(16, GFP_ATOMIC | GFP_KERNEL);
  // CHECK-NOTES: :[[@LINE-1]]:24: warning: GFP mask combines GFP_ATOMIC, which must not sleep, with GFP_KERNEL, which may: the result may sleep; use one of them [memtidy-gfp-misuse]
}

void contradictory_mask_in_a_variable(struct quux *q) {
  gfp_t gfp = GFP_NOWAIT | GFP_KERNEL | __GFP_ZERO;
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: GFP mask combines GFP_NOWAIT, which must not sleep, with GFP_KERNEL, which may: the result may sleep; use one of them [memtidy-gfp-misuse]

  q->buf = kmalloc(16, gfp);
}

void nofail_without_reclaim(struct quux *q) {
  q->buf = kmalloc(16, GFP_ATOMIC | __GFP_NOFAIL);
  // CHECK-NOTES: :[[@LINE-1]]:24: warning: __GFP_NOFAIL with GFP_ATOMIC, which cannot sleep: without direct reclaim 'kmalloc' cannot retry until it succeeds; use a mask that may sleep, or drop __GFP_NOFAIL and handle the failure [memtidy-gfp-misuse]
}

void *hard_coded_kernel_mask(struct quux *q, gfp_t gfp) {
  q->buf = kmalloc(16, gfp);
  return kzalloc(32, GFP_KERNEL);
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: 'kzalloc' is passed GFP_KERNEL, but 'hard_coded_kernel_mask' receives the GFP mask 'gfp' from its callers, which may forbid sleeping, I/O or file system calls; pass 'gfp' (or a mask derived from it) [memtidy-gfp-misuse]
  // CHECK-NOTES: :[[@LINE-4]]:52: note: 'gfp' is declared here
}

int resubmit(struct quux *q, gfp_t mem_flags) {
  return usb_submit_urb(q->urb, GFP_KERNEL);
  // CHECK-NOTES: :[[@LINE-1]]:33: warning: 'usb_submit_urb' is passed GFP_KERNEL, but 'resubmit' receives the GFP mask 'mem_flags' from its callers, which may forbid sleeping, I/O or file system calls; pass 'mem_flags' (or a mask derived from it) [memtidy-gfp-misuse]
  // CHECK-NOTES: :[[@LINE-3]]:36: note: 'mem_flags' is declared here
}

// Silent.

void masks_that_agree(struct quux *q) {
  q->buf = kmalloc(16, GFP_KERNEL | __GFP_ZERO | __GFP_NOWARN);
  q->buf = kmalloc(16, GFP_KERNEL_ACCOUNT);
  q->buf = kmalloc(16, GFP_ATOMIC | GFP_NOWAIT);
  q->buf = kmalloc(16, GFP_KERNEL | __GFP_NOFAIL);
}

void derived_from_the_parameter(struct quux *q, gfp_t gfp) {
  q->buf = kmalloc(16, gfp | __GFP_ZERO);
  q->buf = kmalloc(16, gfp & ~__GFP_DIRECT_RECLAIM);
}

// The scope drops __GFP_FS from every allocation in it: GFP_KERNEL is the
// documented way to allocate there (gfp_mask-from-fs-io.rst).
void *in_a_nofs_scope(struct quux *q, gfp_t gfp) {
  unsigned int flags = memalloc_nofs_save();
  void *p = kmalloc(16, GFP_KERNEL);

  memalloc_nofs_restore(flags);
  return p;
}

void *in_a_noio_scope(struct quux *q, gfp_t gfp) {
  unsigned int flags = memalloc_noio_save();
  void *p = kmalloc(16, GFP_KERNEL);

  memalloc_noio_restore(flags);
  return p;
}

void *when_blocking_is_allowed(struct quux *q, gfp_t gfp) {
  if (gfpflags_allow_blocking(gfp))
    return kmalloc(16, GFP_KERNEL);
  return NULL;
}
