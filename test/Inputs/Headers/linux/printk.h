/* Mock of include/linux/printk.h. */
#ifndef MOCK_LINUX_PRINTK_H
#define MOCK_LINUX_PRINTK_H
#include <linux/compiler.h>
__printf(1, 2) int _printk(const char *fmt, ...);
#define KERN_ERR "\0013"
#define KERN_INFO "\0016"
#define printk(fmt, ...) _printk(fmt, ##__VA_ARGS__)
#define pr_err(fmt, ...) printk(KERN_ERR fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...) printk(KERN_INFO fmt, ##__VA_ARGS__)
#endif
