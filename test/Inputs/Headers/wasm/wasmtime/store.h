/* Mock of wasmtime/store.h. */
#ifndef MOCK_WASMTIME_STORE_H
#define MOCK_WASMTIME_STORE_H
#include <wasm.h>
#ifdef __cplusplus
extern "C" {
#endif
typedef struct wasmtime_store wasmtime_store_t;
typedef struct wasmtime_context wasmtime_context_t;
WASM_API_EXTERN wasmtime_store_t *wasmtime_store_new(wasm_engine_t *engine,
                                                     void *data,
                                                     void (*finalizer)(void *));
WASM_API_EXTERN wasmtime_context_t *
wasmtime_store_context(wasmtime_store_t *store);
WASM_API_EXTERN void wasmtime_store_delete(wasmtime_store_t *store);
#ifdef __cplusplus
}
#endif
#endif
