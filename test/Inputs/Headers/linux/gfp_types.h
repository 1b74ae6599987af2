/* Mock of include/linux/gfp_types.h. By default as in 6.1: hex bit values,
 * flags as casts of them, composite masks as ORs. With MOCK_ALLOC_HOOKS as
 * in 6.12: the bits are numbered by an enum and built with BIT(), and
 * ___GFP_ATOMIC is gone. */
#ifndef MOCK_LINUX_GFP_TYPES_H
#define MOCK_LINUX_GFP_TYPES_H
#include <linux/types.h>
#ifndef MOCK_ALLOC_HOOKS
#define ___GFP_DMA 0x01u
#define ___GFP_HIGHMEM 0x02u
#define ___GFP_DMA32 0x04u
#define ___GFP_MOVABLE 0x08u
#define ___GFP_RECLAIMABLE 0x10u
#define ___GFP_HIGH 0x20u
#define ___GFP_IO 0x40u
#define ___GFP_FS 0x80u
#define ___GFP_ZERO 0x100u
#define ___GFP_ATOMIC 0x200u
#define ___GFP_DIRECT_RECLAIM 0x400u
#define ___GFP_KSWAPD_RECLAIM 0x800u
#define ___GFP_WRITE 0x1000u
#define ___GFP_NOWARN 0x2000u
#define ___GFP_RETRY_MAYFAIL 0x4000u
#define ___GFP_NOFAIL 0x8000u
#define ___GFP_NORETRY 0x10000u
#define ___GFP_MEMALLOC 0x20000u
#define ___GFP_COMP 0x40000u
#define ___GFP_NOMEMALLOC 0x80000u
#define ___GFP_HARDWALL 0x100000u
#define ___GFP_THISNODE 0x200000u
#define ___GFP_ACCOUNT 0x400000u
#define ___GFP_SKIP_KASAN_UNPOISON 0
#define ___GFP_SKIP_KASAN_POISON 0
#else
#include <linux/bits.h>
enum {
  ___GFP_DMA_BIT,
  ___GFP_HIGHMEM_BIT,
  ___GFP_DMA32_BIT,
  ___GFP_MOVABLE_BIT,
  ___GFP_RECLAIMABLE_BIT,
  ___GFP_HIGH_BIT,
  ___GFP_IO_BIT,
  ___GFP_FS_BIT,
  ___GFP_ZERO_BIT,
  ___GFP_UNUSED_BIT, /* 0x200u unused */
  ___GFP_DIRECT_RECLAIM_BIT,
  ___GFP_KSWAPD_RECLAIM_BIT,
  ___GFP_WRITE_BIT,
  ___GFP_NOWARN_BIT,
  ___GFP_RETRY_MAYFAIL_BIT,
  ___GFP_NOFAIL_BIT,
  ___GFP_NORETRY_BIT,
  ___GFP_MEMALLOC_BIT,
  ___GFP_COMP_BIT,
  ___GFP_NOMEMALLOC_BIT,
  ___GFP_HARDWALL_BIT,
  ___GFP_THISNODE_BIT,
  ___GFP_ACCOUNT_BIT,
  ___GFP_LAST_BIT
};
#define ___GFP_DMA BIT(___GFP_DMA_BIT)
#define ___GFP_HIGHMEM BIT(___GFP_HIGHMEM_BIT)
#define ___GFP_DMA32 BIT(___GFP_DMA32_BIT)
#define ___GFP_MOVABLE BIT(___GFP_MOVABLE_BIT)
#define ___GFP_RECLAIMABLE BIT(___GFP_RECLAIMABLE_BIT)
#define ___GFP_HIGH BIT(___GFP_HIGH_BIT)
#define ___GFP_IO BIT(___GFP_IO_BIT)
#define ___GFP_FS BIT(___GFP_FS_BIT)
#define ___GFP_ZERO BIT(___GFP_ZERO_BIT)
#define ___GFP_DIRECT_RECLAIM BIT(___GFP_DIRECT_RECLAIM_BIT)
#define ___GFP_KSWAPD_RECLAIM BIT(___GFP_KSWAPD_RECLAIM_BIT)
#define ___GFP_WRITE BIT(___GFP_WRITE_BIT)
#define ___GFP_NOWARN BIT(___GFP_NOWARN_BIT)
#define ___GFP_RETRY_MAYFAIL BIT(___GFP_RETRY_MAYFAIL_BIT)
#define ___GFP_NOFAIL BIT(___GFP_NOFAIL_BIT)
#define ___GFP_NORETRY BIT(___GFP_NORETRY_BIT)
#define ___GFP_MEMALLOC BIT(___GFP_MEMALLOC_BIT)
#define ___GFP_COMP BIT(___GFP_COMP_BIT)
#define ___GFP_NOMEMALLOC BIT(___GFP_NOMEMALLOC_BIT)
#define ___GFP_HARDWALL BIT(___GFP_HARDWALL_BIT)
#define ___GFP_THISNODE BIT(___GFP_THISNODE_BIT)
#define ___GFP_ACCOUNT BIT(___GFP_ACCOUNT_BIT)
#define ___GFP_SKIP_KASAN 0
#endif
#define __GFP_DMA ((__force gfp_t)___GFP_DMA)
#define __GFP_HIGHMEM ((__force gfp_t)___GFP_HIGHMEM)
#define __GFP_DMA32 ((__force gfp_t)___GFP_DMA32)
#define __GFP_MOVABLE ((__force gfp_t)___GFP_MOVABLE)
#define __GFP_HIGH ((__force gfp_t)___GFP_HIGH)
#define __GFP_IO ((__force gfp_t)___GFP_IO)
#define __GFP_FS ((__force gfp_t)___GFP_FS)
#define __GFP_ZERO ((__force gfp_t)___GFP_ZERO)
#define __GFP_DIRECT_RECLAIM ((__force gfp_t)___GFP_DIRECT_RECLAIM)
#define __GFP_KSWAPD_RECLAIM ((__force gfp_t)___GFP_KSWAPD_RECLAIM)
#define __GFP_RECLAIM                                                          \
  ((__force gfp_t)(___GFP_DIRECT_RECLAIM | ___GFP_KSWAPD_RECLAIM))
#define __GFP_NOWARN ((__force gfp_t)___GFP_NOWARN)
#define __GFP_RETRY_MAYFAIL ((__force gfp_t)___GFP_RETRY_MAYFAIL)
#define __GFP_NOFAIL ((__force gfp_t)___GFP_NOFAIL)
#define __GFP_NORETRY ((__force gfp_t)___GFP_NORETRY)
#define __GFP_MEMALLOC ((__force gfp_t)___GFP_MEMALLOC)
#define __GFP_COMP ((__force gfp_t)___GFP_COMP)
#define __GFP_NOMEMALLOC ((__force gfp_t)___GFP_NOMEMALLOC)
#define __GFP_HARDWALL ((__force gfp_t)___GFP_HARDWALL)
#define __GFP_ACCOUNT ((__force gfp_t)___GFP_ACCOUNT)
#ifndef MOCK_ALLOC_HOOKS
#define __GFP_ATOMIC ((__force gfp_t)___GFP_ATOMIC)
#define __GFP_SKIP_KASAN_POISON ((__force gfp_t)___GFP_SKIP_KASAN_POISON)
#define __GFP_SKIP_KASAN_UNPOISON ((__force gfp_t)___GFP_SKIP_KASAN_UNPOISON)
#define GFP_ATOMIC (__GFP_HIGH | __GFP_ATOMIC | __GFP_KSWAPD_RECLAIM)
#define GFP_NOWAIT (__GFP_KSWAPD_RECLAIM)
#else
#define __GFP_SKIP_KASAN ((__force gfp_t)___GFP_SKIP_KASAN)
#define GFP_ATOMIC (__GFP_HIGH | __GFP_KSWAPD_RECLAIM)
#define GFP_NOWAIT (__GFP_KSWAPD_RECLAIM | __GFP_NOWARN)
#endif
#define GFP_KERNEL (__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_KERNEL_ACCOUNT (GFP_KERNEL | __GFP_ACCOUNT)
#define GFP_NOIO (__GFP_RECLAIM)
#define GFP_NOFS (__GFP_RECLAIM | __GFP_IO)
#define GFP_USER (__GFP_RECLAIM | __GFP_IO | __GFP_FS | __GFP_HARDWALL)
#define GFP_DMA __GFP_DMA
#define GFP_DMA32 __GFP_DMA32
#define GFP_HIGHUSER (GFP_USER | __GFP_HIGHMEM)
#ifndef MOCK_ALLOC_HOOKS
#define GFP_HIGHUSER_MOVABLE                                                   \
  (GFP_HIGHUSER | __GFP_MOVABLE | __GFP_SKIP_KASAN_POISON |                    \
   __GFP_SKIP_KASAN_UNPOISON)
#else
#define GFP_HIGHUSER_MOVABLE (GFP_HIGHUSER | __GFP_MOVABLE | __GFP_SKIP_KASAN)
#endif
#define GFP_TRANSHUGE_LIGHT                                                    \
  ((GFP_HIGHUSER_MOVABLE | __GFP_COMP | __GFP_NOMEMALLOC | __GFP_NOWARN) &     \
   ~__GFP_RECLAIM)
#define GFP_TRANSHUGE (GFP_TRANSHUGE_LIGHT | __GFP_DIRECT_RECLAIM)
#endif
