// What a summary may claim, from false positives on linux-source-6.1:
// a callee dereferences an input only if it does so on every path
// (devio.c's free_async touches as->urb->sg only for num_sgs > 0); a wrapper
// that passes its caller's GFP mask to the allocator cannot fail for a
// caller passing __GFP_NOFAIL (fuse_request_alloc); fields of a
// zero-initialized struct are zero (fuse_do_ioctl's ap = {}).
// RUN: %check_memtidy %s memtidy-unchecked-alloc %t -- -- -nostdinc -I %headers

#include <linux/errno.h>
#include <linux/slab.h>

struct urb_like {
  int num_sgs;
  int *sg;
};

static void free_sgs(struct urb_like *u) {
  for (int i = 0; i < u->num_sgs; i++)
    u->sg[i] = 0;
  kfree(u->sg);
}

int loop_bounded_by_count(struct urb_like *u, int n) {
  u->num_sgs = 0;
  u->sg = kmalloc_array(n, sizeof(int), GFP_KERNEL);
  if (!u->sg)
    goto error;
  u->num_sgs = n;
  return 0;
error:
  free_sgs(u);
  return -ENOMEM;
}

static void clear_first(struct urb_like *u) { u->sg[0] = 0; }

int always_dereferenced(struct urb_like *u, int n) {
  u->sg = kmalloc_array(n, sizeof(int), GFP_KERNEL);
  clear_first(u);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'u->sg' is passed to 'clear_first' without checking whether 'kmalloc_array' succeeded; it returns NULL on failure [memtidy-unchecked-alloc]
  return 0;
}

struct kmem_cache;
extern struct kmem_cache *req_cache;
struct req {
  int flags;
};

static struct req *req_alloc(gfp_t flags) {
  struct req *r = kmem_cache_zalloc(req_cache, flags);
  if (r)
    r->flags = 0;
  return r;
}

int nofail_through_wrapper(void) {
  struct req *r = req_alloc(GFP_KERNEL | __GFP_NOFAIL);
  r->flags = 1;
  return 0;
}

int fallible_through_wrapper(void) {
  struct req *r = req_alloc(GFP_KERNEL);
  r->flags = 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'r' is dereferenced without checking whether 'req_alloc' succeeded; it returns NULL on failure [memtidy-unchecked-alloc]
  return 0;
}

struct pages {
  int **pages;
  unsigned num_pages;
};

int zero_initialized_count(unsigned n) {
  struct pages ap = {};
  int err = -ENOMEM;
  ap.pages = kcalloc(n, sizeof(int *), GFP_KERNEL);
  if (!ap.pages)
    goto out;
  ap.num_pages = n;
  err = 0;
out:
  while (ap.num_pages)
    kfree(ap.pages[--ap.num_pages]);
  kfree(ap.pages);
  return err;
}

// A callee of this file is summarized under the constants its caller knows:
// the flag decides whether it dereferences (Juliet's flow variant 21).
static int use_flag;

static void sink_if_flag(struct req *r) {
  if (use_flag)
    r->flags = 2;
}

int flag_set_before_call(void) {
  struct req *r = kmem_cache_zalloc(req_cache, GFP_KERNEL);
  use_flag = 1;
  sink_if_flag(r);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'r' is passed to 'sink_if_flag' without checking whether 'kmem_cache_zalloc' succeeded; it returns NULL on failure [memtidy-unchecked-alloc]
  return 0;
}

int flag_cleared_before_call(void) {
  struct req *r = kmem_cache_zalloc(req_cache, GFP_KERNEL);
  use_flag = 0;
  sink_if_flag(r);
  kfree(r);
  return 0;
}
