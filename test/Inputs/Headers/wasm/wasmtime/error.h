/* Mock of wasmtime/error.h. */
#ifndef MOCK_WASMTIME_ERROR_H
#define MOCK_WASMTIME_ERROR_H
#include <wasm.h>
#ifdef __cplusplus
extern "C" {
#endif
typedef struct wasmtime_error wasmtime_error_t;
WASM_API_EXTERN wasmtime_error_t *wasmtime_error_new(const char *);
WASM_API_EXTERN void wasmtime_error_delete(wasmtime_error_t *error);
WASM_API_EXTERN void wasmtime_error_message(const wasmtime_error_t *error,
                                            wasm_name_t *message);
#ifdef __cplusplus
}
#endif
#endif
