/* Mock of include/linux/types.h. */
#ifndef MOCK_LINUX_TYPES_H
#define MOCK_LINUX_TYPES_H
#include <linux/compiler.h>
typedef __SIZE_TYPE__ size_t;
typedef long ssize_t;
typedef _Bool bool;
#define true 1
#define false 0
#define NULL ((void *)0)
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef unsigned long long dma_addr_t;
typedef unsigned long long resource_size_t;
typedef unsigned short umode_t;
typedef unsigned int __bitwise gfp_t;
typedef long long loff_t;
struct list_head {
  struct list_head *next, *prev;
};
#endif
