// RUN: %check_memtidy %s memtidy-wasm-capi-ownership %t -- -- -nostdinc -isystem %headers -isystem %headers/wasm

// The notes: where the value was created, where the function returns with
// it, where a consumer took it, where a borrowed value came from. Wasmtime's
// errors follow the same contract.

#include <stdio.h>
#include <wasmtime.h>

int call(wasmtime_context_t *context, const wasmtime_func_t *f) {
  wasm_trap_t *trap = NULL;
  wasmtime_error_t *error =
      wasmtime_func_call(context, f, NULL, 0, NULL, 0, &trap);
  if (error) {
    wasm_name_t message;
    wasmtime_error_message(error, &message);
    fprintf(stderr, "%.*s\n", (int)message.size, message.data);
    wasm_byte_vec_delete(&message);
    return -1;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'error' owned from 'wasmtime_func_call' is neither deleted, nor handed to a function that takes ownership, nor returned; call 'wasmtime_error_delete' on this path [memtidy-wasm-capi-ownership]
    // CHECK-NOTES: :[[@LINE-8]]:7: note: 'error' created by 'wasmtime_func_call' here
    // CHECK-NOTES: :[[@LINE-3]]:5: note: 'call' returns here with 'error' still owned
  }
  return 0;
}

int call_and_delete(wasmtime_context_t *context, const wasmtime_func_t *f) {
  wasm_trap_t *trap = NULL;
  wasmtime_error_t *error =
      wasmtime_func_call(context, f, NULL, 0, NULL, 0, &trap);
  if (error) {
    wasmtime_error_delete(error);
    return -1;
  }
  return 0;
}

wasm_functype_t *make_type(void) {
  wasm_valtype_vec_t params, results;
  wasm_valtype_vec_new_empty(&params);
  wasm_valtype_vec_new_empty(&results);
  wasm_functype_t *type = wasm_functype_new(&params, &results);
  wasm_valtype_vec_delete(&results);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'results' is deleted after 'wasm_functype_new' took ownership of it; it is deleted twice [memtidy-wasm-capi-ownership]
  // CHECK-NOTES: :[[@LINE-3]]:27: note: 'wasm_functype_new' takes ownership of 'results' here
  return type;
}

void drop_memory(wasm_extern_t *e) {
  wasm_memory_t *memory = wasm_extern_as_memory(e);
  wasm_memory_delete(memory);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'wasm_memory_delete' deletes 'memory', which 'wasm_extern_as_memory' only lends: its owner deletes it [memtidy-wasm-capi-ownership]
  // CHECK-NOTES: :[[@LINE-3]]:27: note: 'memory' borrowed from 'wasm_extern_as_memory' here
}

wasmtime_module_t *compile(wasm_engine_t *engine, const uint8_t *wasm,
                           size_t len) {
  wasmtime_module_t *module = NULL;
  wasmtime_error_t *error = wasmtime_module_new(engine, wasm, len, &module);
  if (error != NULL) {
    fprintf(stderr, "failed to compile\n");
    return NULL;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'error' owned from 'wasmtime_module_new' is neither deleted, nor handed to a function that takes ownership, nor returned; call 'wasmtime_error_delete' on this path [memtidy-wasm-capi-ownership]
    // CHECK-NOTES: :[[@LINE-5]]:29: note: 'error' created by 'wasmtime_module_new' here
    // CHECK-NOTES: :[[@LINE-3]]:5: note: 'compile' returns here with 'error' still owned
  }
  return module;
}
