/* Mock of include/linux/gfp.h. */
#ifndef MOCK_LINUX_GFP_H
#define MOCK_LINUX_GFP_H
#include <linux/gfp_types.h>
/* Whether a mask allows the allocator to sleep: the same body in 6.1 and
 * 6.12. */
static inline bool gfpflags_allow_blocking(const gfp_t gfp_flags) {
  return !!(gfp_flags & __GFP_DIRECT_RECLAIM);
}
struct page;
struct page *alloc_pages(gfp_t gfp, unsigned int order);
#define alloc_page(gfp_mask) alloc_pages(gfp_mask, 0)
void __free_pages(struct page *page, unsigned int order);
extern unsigned long __get_free_pages(gfp_t gfp_mask, unsigned int order);
extern unsigned long get_zeroed_page(gfp_t gfp_mask);
#define __get_free_page(gfp_mask) __get_free_pages((gfp_mask), 0)
extern void free_pages(unsigned long addr, unsigned int order);
#endif
