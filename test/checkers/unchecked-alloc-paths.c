// Path precision: shapes of false positives found on linux-source-6.1
// (io_edgeport.c, hso.c, net/9p/protocol.c), reduced. Each must stay silent;
// the last function shows the same shapes still report a real unchecked use.
// (cdc_ncm.c's shape is in unchecked-alloc-joins.c.)
// RUN: %check_memtidy %s memtidy-unchecked-alloc %t -- \
// RUN:   -config="{CheckOptions: {memtidy-unchecked-alloc.RulePacks: %inputs/rules/buf.json}}" \
// RUN:   -- -nostdinc -I %headers
// A small state limit forces merges; they must keep the same precision.
// RUN: %check_memtidy %s memtidy-unchecked-alloc %t -- \
// RUN:   -config="{CheckOptions: {memtidy-unchecked-alloc.RulePacks: %inputs/rules/buf.json, memtidy-unchecked-alloc.MaxPathStates: 6}}" \
// RUN:   -- -nostdinc -I %headers

#include <linux/errno.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/string.h>

struct buf {
  int len;
  u8 *data;
};
extern struct buf *alloc_buf(unsigned int size, gfp_t gfp);
extern void free_buf(struct buf *b);
extern u8 *buf_put(struct buf *b, unsigned int len);

// io_edgeport.c: the allocation's failure is remembered in an error code,
// the loop is left, and the code is tested afterwards. The many independent
// flags push the block past the engine's state limit: states are then merged
// only when they agree on the tracked values, which keeps the failure tied
// to its error code.
struct endpoint {
  int is_int_in, is_bulk_in, is_bulk_out, is_iso, is_ctrl, interval;
};
struct edge {
  struct buf *int_buf, *bulk_buf;
  int int_ep, bulk_ep, out_ep, iso_ep, ctrl_ep, interval;
};
int find_endpoints(struct edge *e, struct endpoint *eps, int n) {
  int response = 0;
  bool int_found = false, bulk_found = false, out_found = false;
  bool iso_found = false, ctrl_found = false, slow = false;
  for (int i = 0; i < n; ++i) {
    struct endpoint *ep = &eps[i];
    if (!int_found && ep->is_int_in) {
      e->int_buf = alloc_buf(64, GFP_KERNEL);
      if (!e->int_buf) {
        response = -ENOMEM;
        break;
      }
      e->int_ep = i;
      int_found = true;
    }
    if (!bulk_found && ep->is_bulk_in) {
      e->bulk_buf = alloc_buf(512, GFP_KERNEL);
      if (!e->bulk_buf) {
        response = -ENOMEM;
        break;
      }
      e->bulk_ep = i;
      bulk_found = true;
    }
    if (!out_found && ep->is_bulk_out) {
      e->out_ep = i;
      out_found = true;
    }
    if (!iso_found && ep->is_iso) {
      e->iso_ep = i;
      iso_found = true;
    }
    if (!ctrl_found && ep->is_ctrl) {
      e->ctrl_ep = i;
      ctrl_found = true;
    }
    if (ep->interval > 8)
      slow = true;
  }
  if (response || !int_found || !bulk_found || !out_found)
    return response ? response : -ENODEV;
  e->interval = slow ? 8 : 1;
  buf_put(e->int_buf, 4)[0] = 0;
  return e->int_buf->len;
}

// hso.c: a parser state machine. When the allocation fails the state becomes
// WAIT_SYNC, and the switch cannot reach WAIT_DATA again in this call.
enum parse_state { WAIT_IP, WAIT_DATA, WAIT_SYNC };
struct parser {
  enum parse_state state;
  struct buf *skb;
  unsigned int missing;
};
void packetize(struct parser *p, const u8 *data, unsigned int count) {
  while (count) {
    switch (p->state) {
    case WAIT_IP:
      p->skb = alloc_buf(1500, GFP_ATOMIC);
      if (!p->skb) {
        pr_err("could not allocate memory\n");
        p->state = WAIT_SYNC;
        continue;
      }
      p->missing = 1500;
      p->state = WAIT_DATA;
      break;
    case WAIT_DATA:
      memcpy(buf_put(p->skb, count), data, count);
      p->skb->len += count;
      count = 0;
      break;
    case WAIT_SYNC:
      count = 0;
      break;
    default:
      count--;
      break;
    }
  }
}

// net/9p/protocol.c: the failure is recorded in errcode; every later use is
// guarded by errcode or by a fresh NULL test.
int read_names(char ***wnames, int n) {
  int errcode = 0;
  *wnames = kmalloc_array(n, sizeof(char *), GFP_NOFS);
  if (!*wnames)
    errcode = -ENOMEM;
  else
    (*wnames)[0] = NULL;
  if (!errcode) {
    for (int i = 0; i < n; i++)
      (*wnames)[i] = NULL;
  }
  if (errcode) {
    if (*wnames) {
      for (int i = 0; i < n; i++)
        if (!(*wnames)[i])
          break;
      kfree(*wnames);
      *wnames = NULL;
    }
  }
  return errcode;
}

// The same error-code shape, but the use is not guarded by it.
int error_code_ignored(struct parser *p) {
  int err = 0;
  p->skb = alloc_buf(64, GFP_KERNEL);
  if (!p->skb)
    err = -ENOMEM;
  p->skb->len = 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'p->skb' is dereferenced on a path where 'alloc_buf' failed: the failure is detected but execution continues [memtidy-unchecked-alloc]
  return err;
}
