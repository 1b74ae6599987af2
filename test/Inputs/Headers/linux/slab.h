/* Mock of include/linux/slab.h. By default shaped like 6.1: kmalloc is an
 * always-inline function around kmalloc_trace/__kmalloc. With
 * MOCK_ALLOC_HOOKS it is shaped like 6.12: kmalloc(...) is a macro
 * alloc_hooks(kmalloc_noprof(...)), a statement expression. */
#ifndef MOCK_LINUX_SLAB_H
#define MOCK_LINUX_SLAB_H
#include <linux/gfp.h>
#include <linux/types.h>
struct kmem_cache;
extern struct kmem_cache *kmalloc_caches[];
void kfree(const void *objp);
void kfree_sensitive(const void *objp);
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags) __malloc;
void kmem_cache_free(struct kmem_cache *s, void *objp);
static inline void *kmem_cache_zalloc(struct kmem_cache *k, gfp_t flags) {
  return kmem_cache_alloc(k, flags | __GFP_ZERO);
}
void *__must_check krealloc(const void *objp, size_t new_size, gfp_t flags)
    __realloc_size(2);

#ifndef MOCK_ALLOC_HOOKS
void *__kmalloc(size_t size, gfp_t flags) __alloc_size(1);
void *kmalloc_trace(struct kmem_cache *s, gfp_t flags, size_t size)
    __alloc_size(3);
static __always_inline __alloc_size(1) void *kmalloc(size_t size,
                                                     gfp_t flags) {
  if (__builtin_constant_p(size) && size <= 8192)
    return kmalloc_trace(kmalloc_caches[0], flags, size);
  return __kmalloc(size, flags);
}
static inline __alloc_size(1, 2) void *kmalloc_array(size_t n, size_t size,
                                                     gfp_t flags) {
  size_t bytes = n * size;
  if (size != 0 && bytes / size != n)
    return NULL;
  return __kmalloc(bytes, flags);
}
static inline __alloc_size(1, 2) void *kcalloc(size_t n, size_t size,
                                               gfp_t flags) {
  return kmalloc_array(n, size, flags | __GFP_ZERO);
}
static inline __alloc_size(1) void *kzalloc(size_t size, gfp_t flags) {
  return kmalloc(size, flags | __GFP_ZERO);
}
extern void *kvmalloc_node(size_t size, gfp_t flags, int node) __alloc_size(1);
static inline __alloc_size(1) void *kvmalloc(size_t size, gfp_t flags) {
  return kvmalloc_node(size, flags, -1);
}
static inline __alloc_size(1) void *kvzalloc(size_t size, gfp_t flags) {
  return kvmalloc(size, flags | __GFP_ZERO);
}
#else
struct alloc_tag {
  int counters;
};
#define DEFINE_ALLOC_TAG(_alloc_tag) static struct alloc_tag _alloc_tag
static inline struct alloc_tag *alloc_tag_save(struct alloc_tag *tag) {
  return tag;
}
static inline void alloc_tag_restore(struct alloc_tag *tag,
                                     struct alloc_tag *old) {}
#define alloc_hooks_tag(_tag, _do_alloc)                                       \
  ({                                                                           \
    struct alloc_tag *_old = alloc_tag_save(_tag);                             \
    typeof(_do_alloc) _res = _do_alloc;                                        \
    alloc_tag_restore(_tag, _old);                                             \
    _res;                                                                      \
  })
#define alloc_hooks(_do_alloc)                                                 \
  ({                                                                           \
    DEFINE_ALLOC_TAG(_alloc_tag);                                              \
    alloc_hooks_tag(&_alloc_tag, _do_alloc);                                   \
  })
void *__kmalloc_noprof(size_t size, gfp_t flags) __alloc_size(1);
static __always_inline __alloc_size(1) void *kmalloc_noprof(size_t size,
                                                            gfp_t flags) {
  return __kmalloc_noprof(size, flags);
}
#define kmalloc(...) alloc_hooks(kmalloc_noprof(__VA_ARGS__))
static inline __alloc_size(1) void *kzalloc_noprof(size_t size, gfp_t flags) {
  return kmalloc_noprof(size, flags | __GFP_ZERO);
}
#define kzalloc(...) alloc_hooks(kzalloc_noprof(__VA_ARGS__))
static inline __alloc_size(1, 2) void *
kmalloc_array_noprof(size_t n, size_t size, gfp_t flags) {
  return __kmalloc_noprof(n * size, flags);
}
#define kmalloc_array(...) alloc_hooks(kmalloc_array_noprof(__VA_ARGS__))
#define kcalloc(n, size, flags) kmalloc_array(n, size, (flags) | __GFP_ZERO)
/* With CONFIG_SLAB_BUCKETS the bucket parameter precedes the GFP mask. */
typedef struct kmem_cache *kmem_buckets;
void *__kvmalloc_node_noprof(size_t size, kmem_buckets *b, gfp_t flags,
                             int node) __alloc_size(1);
#define kvmalloc_node_noprof(size, flags, node)                                \
  __kvmalloc_node_noprof(size, NULL, flags, node)
#define kvmalloc_node(...) alloc_hooks(kvmalloc_node_noprof(__VA_ARGS__))
#define kvmalloc(_size, _flags) kvmalloc_node(_size, _flags, -1)
#define kvzalloc(_size, _flags) kvmalloc(_size, (_flags) | __GFP_ZERO)
#endif

extern void kvfree(const void *addr);
#ifdef MOCK_ALLOC_HOOKS
#include <linux/cleanup.h>
DEFINE_FREE(kfree, void *, if (_T) kfree(_T))
#endif
#endif
