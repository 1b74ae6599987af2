/* Mock of the NAPI part of include/linux/netdevice.h: netif_napi_add() is
 * an inline function over netif_napi_add_weight(); the poll function runs
 * in softirq context. */
#ifndef MOCK_LINUX_NETDEVICE_H
#define MOCK_LINUX_NETDEVICE_H
#include <linux/types.h>
#define NAPI_POLL_WEIGHT 64
struct net_device {
  char name[16];
};
struct napi_struct {
  int weight;
  int (*poll)(struct napi_struct *, int);
  struct net_device *dev;
};
void netif_napi_add_weight(struct net_device *dev, struct napi_struct *napi,
                           int (*poll)(struct napi_struct *, int), int weight);
static inline void netif_napi_add(struct net_device *dev,
                                  struct napi_struct *napi,
                                  int (*poll)(struct napi_struct *, int)) {
  netif_napi_add_weight(dev, napi, poll, NAPI_POLL_WEIGHT);
}
extern bool napi_complete_done(struct napi_struct *n, int work_done);
extern void napi_schedule(struct napi_struct *n);
#endif
