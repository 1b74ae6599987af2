/* Mock of the WebAssembly C API header (wasm.h): the declaration macros and
   the declarations memtidy's tests use, with the standard's names and
   signatures. */
#ifndef MOCK_WASM_H
#define MOCK_WASM_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WASM_API_EXTERN
/* Marks what the receiver owns: owned results and parameters. */
#define own

typedef char byte_t;
typedef float float32_t;
typedef double float64_t;

#define WASM_DECLARE_OWN(name)                                                 \
  typedef struct wasm_##name##_t wasm_##name##_t;                              \
  WASM_API_EXTERN void wasm_##name##_delete(own wasm_##name##_t *);

#define WASM_DECLARE_VEC(name, ptr_or_none)                                    \
  typedef struct wasm_##name##_vec_t {                                         \
    size_t size;                                                               \
    wasm_##name##_t ptr_or_none *data;                                         \
  } wasm_##name##_vec_t;                                                       \
  WASM_API_EXTERN void wasm_##name##_vec_new_empty(own wasm_##name##_vec_t *out); \
  WASM_API_EXTERN void wasm_##name##_vec_new_uninitialized(                    \
      own wasm_##name##_vec_t *out, size_t);                                   \
  WASM_API_EXTERN void wasm_##name##_vec_new(own wasm_##name##_vec_t *out,     \
                                             size_t,                           \
                                             own wasm_##name##_t ptr_or_none const[]); \
  WASM_API_EXTERN void wasm_##name##_vec_copy(own wasm_##name##_vec_t *out,    \
                                              const wasm_##name##_vec_t *);    \
  WASM_API_EXTERN void wasm_##name##_vec_delete(own wasm_##name##_vec_t *);

#define WASM_DECLARE_TYPE(name)                                                \
  WASM_DECLARE_OWN(name)                                                       \
  WASM_DECLARE_VEC(name, *)                                                    \
  WASM_API_EXTERN own wasm_##name##_t *wasm_##name##_copy(                     \
      const wasm_##name##_t *);

typedef byte_t wasm_byte_t;
WASM_DECLARE_VEC(byte, )
typedef wasm_byte_vec_t wasm_name_t;
#define wasm_name wasm_byte_vec
#define wasm_name_new wasm_byte_vec_new
#define wasm_name_new_empty wasm_byte_vec_new_empty
#define wasm_name_copy wasm_byte_vec_copy
#define wasm_name_delete wasm_byte_vec_delete
typedef wasm_name_t wasm_message_t;

WASM_DECLARE_OWN(config)
WASM_API_EXTERN own wasm_config_t *wasm_config_new(void);
WASM_DECLARE_OWN(engine)
WASM_API_EXTERN own wasm_engine_t *wasm_engine_new(void);
WASM_API_EXTERN own wasm_engine_t *wasm_engine_new_with_config(own wasm_config_t *);
WASM_DECLARE_OWN(store)
WASM_API_EXTERN own wasm_store_t *wasm_store_new(wasm_engine_t *);

typedef uint8_t wasm_valkind_t;
enum wasm_valkind_enum { WASM_I32, WASM_I64, WASM_F32, WASM_F64 };
WASM_DECLARE_TYPE(valtype)
WASM_DECLARE_TYPE(functype)
WASM_API_EXTERN own wasm_valtype_t *wasm_valtype_new(wasm_valkind_t);
WASM_API_EXTERN own wasm_functype_t *
wasm_functype_new(own wasm_valtype_vec_t *params,
                  own wasm_valtype_vec_t *results);
WASM_API_EXTERN const wasm_valtype_vec_t *
wasm_functype_params(const wasm_functype_t *);
WASM_API_EXTERN const wasm_valtype_vec_t *
wasm_functype_results(const wasm_functype_t *);
/* wasm.h defines these inline: wasm_valtype_vec_new() takes the valtypes. */
WASM_API_EXTERN own wasm_valtype_t *wasm_valtype_new_i32(void);
WASM_API_EXTERN own wasm_functype_t *
wasm_functype_new_1_0(own wasm_valtype_t *p);
WASM_DECLARE_TYPE(memorytype)
WASM_DECLARE_TYPE(externtype)
WASM_API_EXTERN wasm_externtype_t *
wasm_functype_as_externtype(wasm_functype_t *);
WASM_API_EXTERN wasm_functype_t *
wasm_externtype_as_functype(wasm_externtype_t *);
WASM_DECLARE_TYPE(importtype)
WASM_API_EXTERN own wasm_importtype_t *
wasm_importtype_new(own wasm_name_t *module, own wasm_name_t *name,
                    own wasm_externtype_t *);
WASM_API_EXTERN const wasm_name_t *
wasm_importtype_module(const wasm_importtype_t *);
WASM_API_EXTERN const wasm_name_t *
wasm_importtype_name(const wasm_importtype_t *);
WASM_API_EXTERN const wasm_externtype_t *
wasm_importtype_type(const wasm_importtype_t *);
WASM_DECLARE_TYPE(exporttype)
WASM_API_EXTERN const wasm_name_t *
wasm_exporttype_name(const wasm_exporttype_t *);

struct wasm_ref_t;
typedef struct wasm_val_t {
  wasm_valkind_t kind;
  union {
    int32_t i32;
    int64_t i64;
    float32_t f32;
    float64_t f64;
    struct wasm_ref_t *ref;
  } of;
} wasm_val_t;
WASM_DECLARE_VEC(val, )

WASM_DECLARE_OWN(trap)
WASM_API_EXTERN own wasm_trap_t *wasm_trap_new(wasm_store_t *store,
                                               const wasm_message_t *);
WASM_API_EXTERN void wasm_trap_message(const wasm_trap_t *,
                                       own wasm_message_t *out);

WASM_DECLARE_OWN(func)
typedef own wasm_trap_t *(*wasm_func_callback_t)(const wasm_val_vec_t *args,
                                                 own wasm_val_vec_t *results);
typedef own wasm_trap_t *(*wasm_func_callback_with_env_t)(
    void *env, const wasm_val_vec_t *args, wasm_val_vec_t *results);
WASM_API_EXTERN own wasm_func_t *wasm_func_new(wasm_store_t *,
                                               const wasm_functype_t *,
                                               wasm_func_callback_t);
WASM_API_EXTERN own wasm_func_t *
wasm_func_new_with_env(wasm_store_t *, const wasm_functype_t *type,
                       wasm_func_callback_with_env_t, void *env,
                       void (*finalizer)(void *));
WASM_API_EXTERN own wasm_trap_t *wasm_func_call(const wasm_func_t *,
                                                const wasm_val_vec_t *args,
                                                wasm_val_vec_t *results);

WASM_DECLARE_OWN(memory)
typedef uint32_t wasm_memory_pages_t;
WASM_API_EXTERN own wasm_memory_t *wasm_memory_new(wasm_store_t *,
                                                   const wasm_memorytype_t *);
WASM_API_EXTERN byte_t *wasm_memory_data(wasm_memory_t *);
WASM_API_EXTERN size_t wasm_memory_data_size(const wasm_memory_t *);
WASM_API_EXTERN wasm_memory_pages_t wasm_memory_size(const wasm_memory_t *);
WASM_API_EXTERN bool wasm_memory_grow(wasm_memory_t *,
                                      wasm_memory_pages_t delta);

WASM_DECLARE_OWN(module)
WASM_API_EXTERN own wasm_module_t *wasm_module_new(wasm_store_t *,
                                                   const wasm_byte_vec_t *binary);
WASM_API_EXTERN void wasm_module_imports(const wasm_module_t *,
                                         own wasm_importtype_vec_t *out);
WASM_API_EXTERN void wasm_module_exports(const wasm_module_t *,
                                         own wasm_exporttype_vec_t *out);
WASM_API_EXTERN void wasm_module_serialize(wasm_module_t *,
                                           own wasm_byte_vec_t *out);

WASM_DECLARE_OWN(extern)
WASM_DECLARE_VEC(extern, *)
WASM_API_EXTERN wasm_extern_t *wasm_func_as_extern(wasm_func_t *);
WASM_API_EXTERN wasm_extern_t *wasm_memory_as_extern(wasm_memory_t *);
WASM_API_EXTERN wasm_func_t *wasm_extern_as_func(wasm_extern_t *);
WASM_API_EXTERN wasm_memory_t *wasm_extern_as_memory(wasm_extern_t *);
WASM_API_EXTERN const wasm_func_t *
wasm_extern_as_func_const(const wasm_extern_t *);

WASM_DECLARE_OWN(instance)
WASM_API_EXTERN own wasm_instance_t *
wasm_instance_new(wasm_store_t *, const wasm_module_t *,
                  const wasm_extern_vec_t *imports, own wasm_trap_t **trap);
WASM_API_EXTERN void wasm_instance_exports(const wasm_instance_t *,
                                           own wasm_extern_vec_t *out);

#ifdef __cplusplus
}
#endif

#endif
