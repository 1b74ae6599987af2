// With one state per block every path is joined. A value that no variable
// holds any more must not take part in the join: cdc_ncm.c retries a failed
// allocation into the same variable, and the failed attempt must not be
// blamed on the later use.
// RUN: %check_memtidy %s memtidy-unchecked-alloc %t -- \
// RUN:   -config="{CheckOptions: {memtidy-unchecked-alloc.MaxPathStates: 1}}" \
// RUN:   -- -nostdinc -I %headers

#include <linux/printk.h>
#include <linux/slab.h>

struct frame {
  int len;
};

struct frame *retry_smaller(unsigned int size, struct frame *current) {
  struct frame *out = current;
  if (!out) {
    if (size > 64) {
      out = kmalloc(sizeof(*out) + size, GFP_ATOMIC);
      if (out == NULL)
        pr_info("low memory, retrying small\n");
    }
    if (out == NULL) {
      out = kmalloc(sizeof(*out) + 64, GFP_ATOMIC);
      if (!out)
        return NULL;
    }
    out->len = 0;
  }
  out->len += 1;
  return out;
}

// Joining must not lose a real report either.
struct frame *no_retry(unsigned int size) {
  struct frame *out = kmalloc(sizeof(*out) + size, GFP_ATOMIC);
  if (out == NULL)
    pr_info("low memory\n");
  out->len = 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'out' is dereferenced on a path where 'kmalloc' failed: the failure is detected but execution continues [memtidy-unchecked-alloc]
  return out;
}
