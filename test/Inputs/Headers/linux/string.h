/* Mock of include/linux/string.h. */
#ifndef MOCK_LINUX_STRING_H
#define MOCK_LINUX_STRING_H
#include <linux/gfp_types.h>
#include <linux/types.h>
extern void *memcpy(void *, const void *, size_t);
extern void *memset(void *, int, size_t);
extern size_t strlen(const char *);
extern ssize_t strscpy(char *, const char *, size_t);
extern char *kstrdup(const char *s, gfp_t gfp) __malloc;
extern void *kmemdup(const void *src, size_t len, gfp_t gfp);
extern void *memdup_user(const void __user *, size_t);
#endif
