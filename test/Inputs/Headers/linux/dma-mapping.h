/* Mock of include/linux/dma-mapping.h: dma_alloc_coherent() is an inline
 * function over dma_alloc_attrs(). */
#ifndef MOCK_LINUX_DMA_MAPPING_H
#define MOCK_LINUX_DMA_MAPPING_H
#include <linux/gfp_types.h>
#include <linux/types.h>
struct device;
void *dma_alloc_attrs(struct device *dev, size_t size, dma_addr_t *dma_handle,
                      gfp_t flag, unsigned long attrs);
void dma_free_attrs(struct device *dev, size_t size, void *cpu_addr,
                    dma_addr_t dma_handle, unsigned long attrs);
static inline void *dma_alloc_coherent(struct device *dev, size_t size,
                                       dma_addr_t *dma_handle, gfp_t gfp) {
  return dma_alloc_attrs(dev, size, dma_handle, gfp, 0);
}
static inline void dma_free_coherent(struct device *dev, size_t size,
                                     void *cpu_addr, dma_addr_t dma_handle) {
  dma_free_attrs(dev, size, cpu_addr, dma_handle, 0);
}
#endif
