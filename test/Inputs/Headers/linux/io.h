/* Mock of include/linux/io.h (x86): ioremap() returns a mapping that
 * iounmap() releases. */
#ifndef MOCK_LINUX_IO_H
#define MOCK_LINUX_IO_H
#include <linux/types.h>
#define __iomem
extern void __iomem *ioremap(resource_size_t offset, unsigned long size);
extern void iounmap(volatile void __iomem *addr);
extern unsigned int ioread32(const void __iomem *addr);
#endif
