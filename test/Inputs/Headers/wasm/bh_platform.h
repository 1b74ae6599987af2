/* Mock of the integer types WAMR's platform layer (platform_common.h)
   gives native libraries, and the helpers they use. */
#ifndef MOCK_BH_PLATFORM_H
#define MOCK_BH_PLATFORM_H
#include <stdint.h>
typedef uint8_t uint8;
typedef int8_t int8;
typedef uint16_t uint16;
typedef int16_t int16;
typedef uint32_t uint32;
typedef int32_t int32;
typedef uint64_t uint64;
typedef int64_t int64;
int b_memcpy_s(void *s1, unsigned int s1max, const void *s2, unsigned int n);
#define bh_memcpy_s(dest, dlen, src, slen)                                      \
  do {                                                                         \
    int _ret = b_memcpy_s(dest, dlen, src, slen);                              \
    (void)_ret;                                                                \
  } while (0)
void *wasm_runtime_malloc(unsigned int size);
void wasm_runtime_free(void *ptr);
#endif
