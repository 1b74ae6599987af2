// RUN: %check_memtidy %s memtidy-wasm-capi-ownership %t -- -- -nostdinc -isystem %headers -isystem %headers/wasm

// wasm.h's "own" contract: what the caller owns must be deleted, handed to a
// function that takes it, or returned.

#include <stdio.h>
#include <stdlib.h>
#include <wasm.h>

int count_exports(const wasm_module_t *module) {
  wasm_exporttype_vec_t exports;
  wasm_module_exports(module, &exports);
  if (exports.size < 2)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'exports' owned from 'wasm_module_exports' is neither deleted, nor handed to a function that takes ownership, nor returned; call 'wasm_exporttype_vec_delete' on this path [memtidy-wasm-capi-ownership]
  int n = (int)exports.size;
  wasm_exporttype_vec_delete(&exports);
  return n;
}

int run(const wasm_func_t *f) {
  wasm_val_vec_t args = {0, NULL};
  wasm_val_vec_t results = {0, NULL};
  if (wasm_func_call(f, &args, &results))
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the owned result of 'wasm_func_call' is neither deleted, nor handed to a function that takes ownership, nor returned; call 'wasm_trap_delete' on this path [memtidy-wasm-capi-ownership]
  return 0;
}

int run_checked(const wasm_func_t *f) {
  wasm_val_vec_t args = {0, NULL};
  wasm_val_vec_t results = {0, NULL};
  wasm_trap_t *trap = wasm_func_call(f, &args, &results);
  if (trap) {
    wasm_message_t message;
    wasm_trap_message(trap, &message);
    fprintf(stderr, "%.*s\n", (int)message.size, message.data);
    wasm_trap_delete(trap);
    return -1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'message' owned from 'wasm_trap_message' is neither deleted, nor handed to a function that takes ownership, nor returned; call 'wasm_byte_vec_delete' on this path [memtidy-wasm-capi-ownership]
  }
  return 0;
}

void print_import(const wasm_importtype_t *import) {
  const wasm_name_t *name = wasm_importtype_name(import);
  printf("%.*s\n", (int)name->size, name->data);
  wasm_name_delete((wasm_name_t *)name);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'wasm_name_delete' deletes 'name', which 'wasm_importtype_name' only lends: its owner deletes it [memtidy-wasm-capi-ownership]
}

void drop_func(wasm_extern_t *e) {
  wasm_func_delete(wasm_extern_as_func(e));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'wasm_func_delete' deletes the value 'wasm_extern_as_func' returns, which it only lends: its owner deletes it [memtidy-wasm-capi-ownership]
}

wasm_functype_t *make_type(void) {
  wasm_valtype_vec_t params, results;
  wasm_valtype_vec_new_empty(&params);
  wasm_valtype_vec_new_empty(&results);
  wasm_functype_t *type = wasm_functype_new(&params, &results);
  wasm_valtype_vec_delete(&params);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'params' is deleted after 'wasm_functype_new' took ownership of it; it is deleted twice [memtidy-wasm-capi-ownership]
  return type;
}

wasm_engine_t *make_engine(void) {
  wasm_config_t *config = wasm_config_new();
  wasm_engine_t *engine = wasm_engine_new_with_config(config);
  wasm_config_delete(config);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'config' is deleted after 'wasm_engine_new_with_config' took ownership of it; it is deleted twice [memtidy-wasm-capi-ownership]
  return engine;
}

void instantiate(wasm_store_t *store, const wasm_module_t *module,
                 wasm_func_t *f) {
  wasm_extern_t *externs[] = {wasm_func_as_extern(f)};
  wasm_extern_vec_t imports;
  wasm_extern_vec_new(&imports, 1, externs);
  wasm_instance_t *instance = wasm_instance_new(store, module, &imports, NULL);
  if (!instance)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'imports' owned from 'wasm_extern_vec_new' is neither deleted, nor handed to a function that takes ownership, nor returned; call 'wasm_extern_vec_delete' on this path [memtidy-wasm-capi-ownership]
  wasm_extern_vec_delete(&imports);
  wasm_instance_delete(instance);
}

// WAMR's samples/wasm-c-api/src/globalexportimport.c: the binary leaks when
// reading the file fails.
wasm_module_t *load(wasm_store_t *store, FILE *file, size_t size) {
  wasm_byte_vec_t binary;
  wasm_byte_vec_new_uninitialized(&binary, size);
  if (fread(binary.data, size, 1, file) != 1)
    return NULL;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'binary' owned from 'wasm_byte_vec_new_uninitialized' is neither deleted, nor handed to a function that takes ownership, nor returned; call 'wasm_byte_vec_delete' on this path [memtidy-wasm-capi-ownership]
  wasm_module_t *module = wasm_module_new(store, &binary);
  wasm_byte_vec_delete(&binary);
  return module;
}
