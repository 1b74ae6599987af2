/* Mock of include/linux/uaccess.h and x86's asm/uaccess.h: copy_from_user()
 * and copy_to_user() are always-inline functions over _copy_from_user() and
 * _copy_to_user() (inline on x86, INLINE_COPY_FROM_USER); get_user() and
 * put_user() are statement-expression macros around inline asm. Any of them
 * may fault in the user page, which sleeps. */
#ifndef MOCK_LINUX_UACCESS_H
#define MOCK_LINUX_UACCESS_H
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/types.h>
extern unsigned long raw_copy_from_user(void *to, const void __user *from,
                                        unsigned long n);
extern unsigned long raw_copy_to_user(void __user *to, const void *from,
                                      unsigned long n);
static inline bool check_copy_size(const void *addr, size_t bytes,
                                   bool is_source) {
  return true;
}
static inline __must_check unsigned long
_copy_from_user(void *to, const void __user *from, unsigned long n) {
  unsigned long res = n;
  might_fault();
  res = raw_copy_from_user(to, from, n);
  if (unlikely(res))
    memset((char *)to + (n - res), 0, res);
  return res;
}
static inline __must_check unsigned long
_copy_to_user(void __user *to, const void *from, unsigned long n) {
  might_fault();
  return raw_copy_to_user(to, from, n);
}
static __always_inline unsigned long __must_check
copy_from_user(void *to, const void __user *from, unsigned long n) {
  if (check_copy_size(to, n, false))
    n = _copy_from_user(to, from, n);
  return n;
}
static __always_inline unsigned long __must_check
copy_to_user(void __user *to, const void *from, unsigned long n) {
  if (check_copy_size(from, n, true))
    n = _copy_to_user(to, from, n);
  return n;
}
#define do_get_user_call(fn, x, ptr)                                           \
  ({                                                                           \
    int __ret_gu;                                                              \
    unsigned long __val_gu;                                                    \
    asm volatile("call __" #fn "_%c4"                                          \
                 : "=a"(__ret_gu), "=d"(__val_gu)                              \
                 : "0"(ptr), "i"(sizeof(*(ptr))), "i"(sizeof(*(ptr))));        \
    (x) = (__force typeof(*(ptr)))__val_gu;                                    \
    __builtin_expect(__ret_gu, 0);                                             \
  })
#define get_user(x, ptr)                                                       \
  ({                                                                           \
    might_fault();                                                             \
    do_get_user_call(get_user, x, ptr);                                        \
  })
#define do_put_user_call(fn, x, ptr)                                           \
  ({                                                                           \
    int __ret_pu;                                                              \
    typeof(*(ptr)) __val_pu = (x);                                             \
    asm volatile("call __" #fn "_%c2"                                          \
                 : "=c"(__ret_pu)                                              \
                 : "0"(ptr), "i"(sizeof(*(ptr))), "a"(__val_pu)                \
                 : "ebx");                                                     \
    __builtin_expect(__ret_pu, 0);                                             \
  })
#define put_user(x, ptr)                                                       \
  ({                                                                           \
    might_fault();                                                             \
    do_put_user_call(put_user, x, ptr);                                        \
  })
#endif
