/* Mock of include/linux/vmalloc.h. */
#ifndef MOCK_LINUX_VMALLOC_H
#define MOCK_LINUX_VMALLOC_H
#include <linux/types.h>
extern void *vmalloc(unsigned long size) __alloc_size(1);
extern void *vzalloc(unsigned long size) __alloc_size(1);
extern void vfree(const void *addr);
#endif
