/* Mock of include/linux/rcupdate.h (preemptible RCU): rcu_read_lock() and
 * its _bh/_sched variants are inline functions; call_rcu() takes a callback
 * that runs in softirq context; synchronize_rcu() waits for a grace period.
 * rcu guard for <linux/cleanup.h>. */
#ifndef MOCK_LINUX_RCUPDATE_H
#define MOCK_LINUX_RCUPDATE_H
#include <linux/bottom_half.h>
#include <linux/cleanup.h>
#include <linux/compiler.h>
#include <linux/preempt.h>
struct rcu_head {
  struct rcu_head *next;
  void (*func)(struct rcu_head *head);
};
typedef void (*rcu_callback_t)(struct rcu_head *head);
void call_rcu(struct rcu_head *head, rcu_callback_t func);
void synchronize_rcu(void);
void rcu_barrier(void);
void __rcu_read_lock(void);
void __rcu_read_unlock(void);
static __always_inline void rcu_read_lock(void) {
  __rcu_read_lock();
  __acquire(RCU);
}
static inline void rcu_read_unlock(void) {
  __release(RCU);
  __rcu_read_unlock();
}
static inline void rcu_read_lock_bh(void) {
  local_bh_disable();
  __acquire(RCU_BH);
}
static inline void rcu_read_unlock_bh(void) {
  __release(RCU_BH);
  local_bh_enable();
}
static inline void rcu_read_lock_sched(void) {
  preempt_disable();
  __acquire(RCU_SCHED);
}
static inline void rcu_read_unlock_sched(void) {
  __release(RCU_SCHED);
  preempt_enable();
}
#define rcu_dereference(p) (*(volatile typeof(p) *)&(p))
#define rcu_assign_pointer(p, v) WRITE_ONCE(p, v)
DEFINE_LOCK_GUARD_0(rcu, rcu_read_lock(), rcu_read_unlock())
#endif
