// RUN: %check_memtidy %s memtidy-wasm-capi-ownership %t -- -- -nostdinc -isystem %headers -isystem %headers/wasm

// What the caller owns is deleted, handed on, returned or stored; borrowed
// values are not deleted; paths that end the process are not leaks.

#include <stdio.h>
#include <stdlib.h>
#include <wasm.h>

struct holder {
  wasm_extern_vec_t exports;
  wasm_module_t *module;
};

wasm_functype_t *moved_into_consumer(void) {
  wasm_valtype_vec_t params, results;
  wasm_valtype_vec_new_empty(&params);
  wasm_valtype_vec_new_empty(&results);
  return wasm_functype_new(&params, &results);
}

wasm_engine_t *config_consumed(void) {
  wasm_config_t *config = wasm_config_new();
  return wasm_engine_new_with_config(config);
}

void returned_vec(const wasm_module_t *module, wasm_exporttype_vec_t *out) {
  wasm_exporttype_vec_t exports;
  wasm_module_exports(module, &exports);
  *out = exports;
}

void stored_in_struct(struct holder *h, const wasm_instance_t *instance) {
  wasm_instance_exports(instance, &h->exports);
}

int stored_module(struct holder *h, wasm_store_t *store,
                  const wasm_byte_vec_t *binary) {
  wasm_module_t *module = wasm_module_new(store, binary);
  if (!module)
    return -1;
  h->module = module;
  return 0;
}

int deleted_on_all_paths(const wasm_module_t *module) {
  wasm_importtype_vec_t imports;
  wasm_module_imports(module, &imports);
  if (imports.size == 0) {
    wasm_importtype_vec_delete(&imports);
    return -1;
  }
  for (size_t i = 0; i < imports.size; ++i) {
    const wasm_name_t *name = wasm_importtype_name(imports.data[i]);
    printf("%.*s\n", (int)name->size, name->data);
  }
  wasm_importtype_vec_delete(&imports);
  return 0;
}

int trap_deleted(const wasm_func_t *f) {
  wasm_val_vec_t args = {0, NULL};
  wasm_val_vec_t results = {0, NULL};
  wasm_trap_t *trap = wasm_func_call(f, &args, &results);
  if (trap) {
    wasm_trap_delete(trap);
    return -1;
  }
  return 0;
}

void exits_on_failure(const wasm_module_t *module) {
  wasm_exporttype_vec_t exports;
  wasm_module_exports(module, &exports);
  if (exports.size == 0) {
    fprintf(stderr, "no exports\n");
    exit(1);
  }
  wasm_exporttype_vec_delete(&exports);
}

void copy_then_delete(const wasm_importtype_t *import) {
  wasm_name_t copy;
  wasm_name_copy(&copy, wasm_importtype_name(import));
  wasm_name_delete(&copy);
}

wasm_functype_t *vec_reassigned(void) {
  wasm_valtype_vec_t params, results;
  wasm_valtype_vec_new_empty(&params);
  wasm_valtype_vec_new_empty(&results);
  wasm_functype_t *type = wasm_functype_new(&params, &results);
  wasm_valtype_vec_new_empty(&params);
  wasm_valtype_vec_delete(&params);
  return type;
}

wasm_func_t *make_callback(wasm_store_t *store, wasm_func_callback_t cb) {
  wasm_functype_t *type = wasm_functype_new_1_0(wasm_valtype_new_i32());
  wasm_func_t *f = wasm_func_new(store, type, cb);
  wasm_functype_delete(type);
  return f;
}

wasm_trap_t *empty_vector(void) {
  wasm_val_vec_t values = {0, NULL};
  wasm_val_t data[1] = {{WASM_I32, {.i32 = 10}}};
  wasm_val_vec_new(&values, 1, data);
  if (values.data == NULL)
    return NULL;
  wasm_val_vec_delete(&values);
  return NULL;
}

int no_exports(const wasm_module_t *module) {
  wasm_exporttype_vec_t exports;
  wasm_module_exports(module, &exports);
  if (exports.size == 0)
    return -1;
  wasm_exporttype_vec_delete(&exports);
  return 0;
}

int main(void) {
  wasm_engine_t *engine = wasm_engine_new();
  wasm_store_t *store = wasm_store_new(engine);
  wasm_byte_vec_t binary;
  wasm_byte_vec_new_uninitialized(&binary, 8);
  wasm_module_t *module = wasm_module_new(store, &binary);
  if (!module)
    return 1;
  wasm_module_delete(module);
  wasm_byte_vec_delete(&binary);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  return 0;
}
