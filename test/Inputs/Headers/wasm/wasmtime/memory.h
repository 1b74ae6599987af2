/* Mock of wasmtime/memory.h. */
#ifndef MOCK_WASMTIME_MEMORY_H
#define MOCK_WASMTIME_MEMORY_H
#include <wasm.h>
#include <wasmtime/error.h>
#include <wasmtime/extern.h>
#include <wasmtime/store.h>
#ifdef __cplusplus
extern "C" {
#endif
WASM_API_EXTERN uint8_t *wasmtime_memory_data(wasmtime_context_t *store,
                                              const wasmtime_memory_t *memory);
WASM_API_EXTERN size_t wasmtime_memory_data_size(
    const wasmtime_context_t *store, const wasmtime_memory_t *memory);
WASM_API_EXTERN wasmtime_error_t *
wasmtime_memory_grow(wasmtime_context_t *store, const wasmtime_memory_t *memory,
                     uint64_t delta, uint64_t *prev_size);
#ifdef __cplusplus
}
#endif
#endif
