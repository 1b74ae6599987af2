/* Mock of wasmtime/sharedmemory.h. */
#ifndef MOCK_WASMTIME_SHAREDMEMORY_H
#define MOCK_WASMTIME_SHAREDMEMORY_H
#include <wasm.h>
#include <wasmtime/error.h>
#include <wasmtime/extern.h>
#ifdef __cplusplus
extern "C" {
#endif
WASM_API_EXTERN uint8_t *
wasmtime_sharedmemory_data(const wasmtime_sharedmemory_t *memory);
WASM_API_EXTERN size_t
wasmtime_sharedmemory_data_size(const wasmtime_sharedmemory_t *memory);
WASM_API_EXTERN wasmtime_error_t *
wasmtime_sharedmemory_grow(const wasmtime_sharedmemory_t *memory,
                           uint64_t delta, uint64_t *prev_size);
#ifdef __cplusplus
}
#endif
#endif
