/* Mock of wasmtime/val.h. */
#ifndef MOCK_WASMTIME_VAL_H
#define MOCK_WASMTIME_VAL_H
#include <wasm.h>
#ifdef __cplusplus
extern "C" {
#endif
typedef uint8_t wasmtime_valkind_t;
#define WASMTIME_I32 0
#define WASMTIME_I64 1
#define WASMTIME_F32 2
#define WASMTIME_F64 3
typedef union wasmtime_valunion {
  int32_t i32;
  int64_t i64;
  float32_t f32;
  float64_t f64;
} wasmtime_valunion_t;
typedef union wasmtime_val_raw {
  int32_t i32;
  int64_t i64;
  float32_t f32;
  float64_t f64;
} wasmtime_val_raw_t;
typedef struct wasmtime_val {
  wasmtime_valkind_t kind;
  wasmtime_valunion_t of;
} wasmtime_val_t;
#ifdef __cplusplus
}
#endif
#endif
