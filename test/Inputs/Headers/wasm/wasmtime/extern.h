/* Mock of wasmtime/extern.h. */
#ifndef MOCK_WASMTIME_EXTERN_H
#define MOCK_WASMTIME_EXTERN_H
#include <wasm.h>
#ifdef __cplusplus
extern "C" {
#endif
typedef struct wasmtime_func {
  uint64_t store_id;
  void *__private;
} wasmtime_func_t;
typedef struct wasmtime_memory {
  uint64_t store_id;
  uint32_t __private1;
  uint32_t __private2;
} wasmtime_memory_t;
typedef struct wasmtime_sharedmemory wasmtime_sharedmemory_t;
typedef uint8_t wasmtime_extern_kind_t;
#define WASMTIME_EXTERN_FUNC 0
#define WASMTIME_EXTERN_MEMORY 3
#define WASMTIME_EXTERN_SHAREDMEMORY 4
typedef union wasmtime_extern_union {
  wasmtime_func_t func;
  wasmtime_memory_t memory;
  struct wasmtime_sharedmemory *sharedmemory;
} wasmtime_extern_union_t;
typedef struct wasmtime_extern {
  wasmtime_extern_kind_t kind;
  wasmtime_extern_union_t of;
} wasmtime_extern_t;
#ifdef __cplusplus
}
#endif
#endif
