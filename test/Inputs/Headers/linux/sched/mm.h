/* Mock of include/linux/sched/mm.h: memalloc_nofs_save() and
 * memalloc_noio_save() open scopes in which the allocator drops __GFP_FS and
 * __GFP_IO from every mask (Documentation/core-api/gfp_mask-from-fs-io.rst). */
#ifndef MOCK_LINUX_SCHED_MM_H
#define MOCK_LINUX_SCHED_MM_H
#include <linux/gfp_types.h>
#define PF_MEMALLOC_NOFS 0x00040000
#define PF_MEMALLOC_NOIO 0x00080000
struct task_struct_flags {
  unsigned int flags;
};
extern struct task_struct_flags *get_current_flags(void);
static inline unsigned int memalloc_noio_save(void) {
  unsigned int flags = get_current_flags()->flags & PF_MEMALLOC_NOIO;
  get_current_flags()->flags |= PF_MEMALLOC_NOIO;
  return flags;
}
static inline void memalloc_noio_restore(unsigned int flags) {
  get_current_flags()->flags =
      (get_current_flags()->flags & ~PF_MEMALLOC_NOIO) | flags;
}
static inline unsigned int memalloc_nofs_save(void) {
  unsigned int flags = get_current_flags()->flags & PF_MEMALLOC_NOFS;
  get_current_flags()->flags |= PF_MEMALLOC_NOFS;
  return flags;
}
static inline void memalloc_nofs_restore(unsigned int flags) {
  get_current_flags()->flags =
      (get_current_flags()->flags & ~PF_MEMALLOC_NOFS) | flags;
}
#endif
