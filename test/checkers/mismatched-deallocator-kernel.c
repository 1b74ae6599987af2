// Kernel families: kmalloc, vmalloc, kvmalloc, kmem_cache and devm; kvfree()
// releases all of the first three.
// RUN: %check_memtidy --compile-fixed %s memtidy-mismatched-deallocator %t -- -- -nostdinc -I %headers

#include <linux/device.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

struct foo {
  char *buf;
};

static int managed_then_kfree(struct device *dev) {
  struct foo *f = devm_kzalloc(dev, sizeof(*f), GFP_KERNEL);
  if (!f)
    return -ENOMEM;
  kfree(f);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'f' allocated by 'devm_kzalloc' is released with 'kfree'; use 'devm_kfree' [memtidy-mismatched-deallocator]
  // CHECK-NOTES: :[[@LINE-5]]:19: note: 'f' allocated here
  return 0;
}

static void vmalloc_then_kfree(void) {
  char *v = vmalloc(64);
  if (v)
    kfree(v);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'v' allocated by 'vmalloc' is released with 'kfree'; use 'vfree' [memtidy-mismatched-deallocator]
    // CHECK-NOTES: :[[@LINE-4]]:13: note: 'v' allocated here
  // CHECK-FIXES: {{^}}    vfree(v);{{$}}
}

static void kmalloc_then_vfree(void) {
  char *k = kmalloc(64, GFP_KERNEL);
  vfree(k);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'k' allocated by 'kmalloc' is released with 'vfree'; use 'kfree' [memtidy-mismatched-deallocator]
  // CHECK-NOTES: :[[@LINE-3]]:13: note: 'k' allocated here
  // CHECK-FIXES: {{^}}  kfree(k);{{$}}
}

/* Silent: kvfree() takes both, kfree() takes kmem_cache objects. */
static void matched(struct kmem_cache *cache) {
  char *k = kmalloc(64, GFP_KERNEL);
  char *v = vzalloc(64);
  void *o = kmem_cache_alloc(cache, GFP_KERNEL);
  kvfree(k);
  kvfree(v);
  kfree(o);
}
