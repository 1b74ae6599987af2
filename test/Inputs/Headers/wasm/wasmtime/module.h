/* Mock of wasmtime/module.h. */
#ifndef MOCK_WASMTIME_MODULE_H
#define MOCK_WASMTIME_MODULE_H
#include <wasm.h>
#include <wasmtime/error.h>
#ifdef __cplusplus
extern "C" {
#endif
typedef struct wasmtime_module wasmtime_module_t;
WASM_API_EXTERN wasmtime_error_t *wasmtime_module_new(wasm_engine_t *engine,
                                                      const uint8_t *wasm,
                                                      size_t wasm_len,
                                                      wasmtime_module_t **ret);
WASM_API_EXTERN void wasmtime_module_delete(wasmtime_module_t *m);
#ifdef __cplusplus
}
#endif
#endif
