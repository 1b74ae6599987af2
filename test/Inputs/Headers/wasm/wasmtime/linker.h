/* Mock of wasmtime/linker.h. */
#ifndef MOCK_WASMTIME_LINKER_H
#define MOCK_WASMTIME_LINKER_H
#include <wasm.h>
#include <wasmtime/error.h>
#include <wasmtime/func.h>
#ifdef __cplusplus
extern "C" {
#endif
typedef struct wasmtime_linker wasmtime_linker_t;
WASM_API_EXTERN wasmtime_linker_t *wasmtime_linker_new(wasm_engine_t *engine);
WASM_API_EXTERN void wasmtime_linker_delete(wasmtime_linker_t *linker);
WASM_API_EXTERN wasmtime_error_t *wasmtime_linker_define_func(
    wasmtime_linker_t *linker, const char *module, size_t module_len,
    const char *name, size_t name_len, const wasm_functype_t *ty,
    wasmtime_func_callback_t cb, void *data, void (*finalizer)(void *));
#ifdef __cplusplus
}
#endif
#endif
