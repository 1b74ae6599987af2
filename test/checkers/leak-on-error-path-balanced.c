// Holds that are balanced across helpers, found as false positives on the
// Linux 6.1 tree: they must stay silent.
// RUN: %check_memtidy %s memtidy-leak-on-error-path %t -- -- -nostdinc -I %headers

#include <linux/cleanup.h>
#include <linux/errno.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/slab.h>

struct device {
  struct mutex mutex;
};
struct state {
  struct device *dev;
  int resumed;
};
struct entry {
  struct list_head node;
  int key;
};
struct table {
  struct mutex lock;
  struct list_head *buckets;
};
int wait_for_resume(struct state *ps);
int entry_valid(struct entry *e);

/* Shaped like include/linux/device.h. */
static inline void device_lock(struct device *dev) { mutex_lock(&dev->mutex); }
static inline int device_lock_interruptible(struct device *dev) {
  return mutex_lock_interruptible(&dev->mutex);
}
static inline void device_unlock(struct device *dev) {
  mutex_unlock(&dev->mutex);
}

/* drivers/usb/core/sysfs.c: the helper returns the status of the lock. */
static int show_locked(struct device *dev, int *out) {
  int rc = device_lock_interruptible(dev);
  if (rc < 0)
    return -EBUSY;
  *out = 1;
  device_unlock(dev);
  return 0;
}

/* drivers/usb/core/devio.c: drop the caller's lock, sleep, take it again. */
static int wait_relocked(struct state *ps) {
  int ret;

  device_unlock(ps->dev);
  ret = wait_for_resume(ps);
  device_lock(ps->dev);
  if (ret != 0)
    return -EBUSY;
  return 0;
}

/* drivers/usb/class/usbtmc.c: the same, directly, on a local's mutex. */
static int wait_relocked_direct(struct state *ps, struct table *t) {
  struct table *data = t;
  int ret;

  mutex_unlock(&data->lock);
  ret = wait_for_resume(ps);
  mutex_lock(&data->lock);
  if (ret)
    return -EIO;
  return 0;
}

/* drivers/usb/core/driver.c (6.1.y): a guard in a helper is released when the
 * helper returns. */
static struct entry *find_locked(struct table *t, int key) {
  guard(mutex)(&t->lock);
  if (key < 0)
    return NULL;
  return (struct entry *)t->buckets;
}

static int use_found(struct table *t, int key) {
  struct entry *e = find_locked(t, key);
  if (!e)
    return -ENODEV;
  return e->key;
}

/* drivers/usb/core/driver.c: allocated when the counter is zero, freed when
 * it is not, and the counter only grows in between. */
static void batch(struct entry **items, int n) {
  struct entry **batch = NULL;
  int i, j = 0;

  for (i = 0; i < n; i++) {
    if (!entry_valid(items[i]))
      continue;
    if (j == 0) {
      batch = kmalloc_array(n, sizeof(*batch), GFP_KERNEL);
      if (!batch)
        break;
    }
    batch[j++] = items[i];
  }
  if (j)
    kfree(batch);
}

/* fs/ocfs2/dlm/dlmmaster.c: a helper links the entry into a hash list. */
static void insert_entry(struct table *t, struct entry *e) {
  list_add(&e->node, t->buckets);
}

static int add_entry(struct table *t, int key) {
  struct entry *e = kmalloc(sizeof(*e), GFP_KERNEL);
  if (!e)
    return -ENOMEM;
  e->key = key;
  insert_entry(t, e);
  return 0;
}

/* fs/fuse/dev.c: a put that frees on the last reference takes the caller's
 * hold, whatever it decides. */
struct req {
  int refs;
};
static void put_req(struct req *r) {
  if (--r->refs == 0)
    kfree(r);
}
static struct req *get_req(int uid) {
  struct req *r = kzalloc(sizeof(*r), GFP_KERNEL);
  if (!r)
    return NULL;
  r->refs = 1;
  if (uid < 0) {
    put_req(r);
    return NULL;
  }
  return r;
}
