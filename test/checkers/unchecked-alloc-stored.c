// An allocation stored for the caller and never tested, by a function that
// returns success: the caller cannot know it failed.
// RUN: %check_memtidy %s memtidy-unchecked-alloc %t -- -- -nostdinc -I %headers

#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/string.h>

struct dev_priv {
  u8 *buf;
  char *name;
};

static u8 *scratch;

int setup_buffer(struct dev_priv *priv, size_t n) {
  priv->buf = kmalloc(n, GFP_KERNEL);
  return 0;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: returns success with 'priv->buf' holding the result of 'kmalloc' unchecked: the caller cannot know that it failed (it returns NULL on failure) [memtidy-unchecked-alloc]
  // CHECK-NOTES: :[[@LINE-3]]:15: note: 'priv->buf' is assigned the result of 'kmalloc' here; check it for NULL before use
}

int setup_global(size_t n) {
  scratch = kzalloc(n, GFP_KERNEL);
  return 0;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: returns success with 'scratch' holding the result of 'kzalloc' unchecked: the caller cannot know that it failed (it returns NULL on failure) [memtidy-unchecked-alloc]
  // CHECK-NOTES: :[[@LINE-3]]:13: note: 'scratch' is assigned the result of 'kzalloc' here; check it for NULL before use
}

// p ?: fallback tests p: afterwards p is known to have failed on one path.
u8 first_or_default(size_t n, u8 *fallback) {
  u8 *p = kmalloc(n, GFP_KERNEL);
  u8 *use = p ?: fallback;
  use[0] = 0;
  return p[0];
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: 'p' is dereferenced on a path where 'kmalloc' failed: the failure is detected but execution continues [memtidy-unchecked-alloc]
  // CHECK-NOTES: :[[@LINE-5]]:11: note: 'p' is assigned the result of 'kmalloc' here; check it for NULL before use
  // CHECK-NOTES: :[[@LINE-5]]:13: note: failure of 'kmalloc' detected here
}

// --- Must stay silent -------------------------------------------------------

int setup_checked(struct dev_priv *priv, size_t n) {
  priv->buf = kmalloc(n, GFP_KERNEL);
  if (!priv->buf)
    return -ENOMEM;
  return 0;
}

// kstrdup(NULL) is NULL without failing: the test is guarded on purpose
// (fs/fuse/inode.c).
int copy_name(struct dev_priv *priv, const char *name) {
  priv->name = kstrdup(name, GFP_KERNEL);
  if (name && !priv->name)
    return -ENOMEM;
  return 0;
}

// The caller may test the field itself.
void setup_void(struct dev_priv *priv, size_t n) {
  priv->buf = kmalloc(n, GFP_KERNEL);
}

// Local storage is not the caller's.
int local_only(size_t n) {
  u8 *tmp = kmalloc(n, GFP_KERNEL);
  kfree(tmp);
  return 0;
}
