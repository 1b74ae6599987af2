/* Mock of wasmtime/func.h. */
#ifndef MOCK_WASMTIME_FUNC_H
#define MOCK_WASMTIME_FUNC_H
#include <wasm.h>
#include <wasmtime/error.h>
#include <wasmtime/extern.h>
#include <wasmtime/store.h>
#include <wasmtime/val.h>
#ifdef __cplusplus
extern "C" {
#endif
typedef struct wasmtime_caller wasmtime_caller_t;
typedef wasm_trap_t *(*wasmtime_func_callback_t)(
    void *env, wasmtime_caller_t *caller, const wasmtime_val_t *args,
    size_t nargs, wasmtime_val_t *results, size_t nresults);
typedef wasm_trap_t *(*wasmtime_func_unchecked_callback_t)(
    void *env, wasmtime_caller_t *caller, wasmtime_val_raw_t *args_and_results,
    size_t num_args_and_results);
WASM_API_EXTERN void wasmtime_func_new(wasmtime_context_t *store,
                                       const wasm_functype_t *type,
                                       wasmtime_func_callback_t callback,
                                       void *env, void (*finalizer)(void *),
                                       wasmtime_func_t *ret);
WASM_API_EXTERN void wasmtime_func_new_unchecked(
    wasmtime_context_t *store, const wasm_functype_t *type,
    wasmtime_func_unchecked_callback_t callback, void *env,
    void (*finalizer)(void *), wasmtime_func_t *ret);
WASM_API_EXTERN wasmtime_error_t *
wasmtime_func_call(wasmtime_context_t *store, const wasmtime_func_t *func,
                   const wasmtime_val_t *args, size_t nargs,
                   wasmtime_val_t *results, size_t nresults,
                   wasm_trap_t **trap);
WASM_API_EXTERN bool wasmtime_caller_export_get(wasmtime_caller_t *caller,
                                                const char *name,
                                                size_t name_len,
                                                wasmtime_extern_t *item);
WASM_API_EXTERN wasmtime_context_t *
wasmtime_caller_context(wasmtime_caller_t *caller);
#ifdef __cplusplus
}
#endif
#endif
