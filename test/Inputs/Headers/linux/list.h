/* Mock of include/linux/list.h: inline helpers that write through their
 * arguments. */
#ifndef MOCK_LINUX_LIST_H
#define MOCK_LINUX_LIST_H
#include <linux/types.h>
static inline void INIT_LIST_HEAD(struct list_head *list) {
  WRITE_ONCE(list->next, list);
  WRITE_ONCE(list->prev, list);
}
static inline void __list_add(struct list_head *new, struct list_head *prev,
                              struct list_head *next) {
  next->prev = new;
  new->next = next;
  new->prev = prev;
  WRITE_ONCE(prev->next, new);
}
static inline void list_add(struct list_head *new, struct list_head *head) {
  __list_add(new, head, head->next);
}
#endif
