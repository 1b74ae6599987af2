// RUN: %check_memtidy %s memtidy-wasm-stale-memory-pointer %t -- -- -nostdinc -isystem %headers -isystem %headers/wasm
// RUN: %check_memtidy --check-suffixes=STATIC %s memtidy-wasm-stale-memory-pointer %t -- -config='{CheckOptions: {memtidy-wasm-stale-memory-pointer.AssumeStaticMemory: true}}' -- -nostdinc -isystem %headers -isystem %headers/wasm

// wasm.h and Wasmtime embedders: data pointers kept across memory.grow and
// calls into the guest.

#include <stdint.h>
#include <string.h>
#include <wasmtime.h>

void fill(wasm_memory_t *memory, const wasm_func_t *init) {
  byte_t *data = wasm_memory_data(memory);
  wasm_val_t args_data[1];
  wasm_val_t results_data[1];
  wasm_val_vec_t args = {1, args_data};
  wasm_val_vec_t results = {1, results_data};
  wasm_trap_t *trap = wasm_func_call(init, &args, &results);
  if (trap)
    return;
  memset(data, 0, 16);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'data' points into linear memory and is used after 'wasm_func_call', which may grow the memory and move it; the pointer may dangle [memtidy-wasm-stale-memory-pointer]
  // CHECK-MESSAGES-STATIC: :[[@LINE-2]]:10: {{remark|note}}: 'data' points into linear memory and is used after 'wasm_func_call', which may grow the memory and move it [memtidy-wasm-stale-memory-pointer]
}

void grow_then_write(wasm_memory_t *memory) {
  byte_t *data = wasm_memory_data(memory);
  if (!wasm_memory_grow(memory, 1))
    return;
  data = wasm_memory_data(memory);
  data[0] = 1;
}

void wasmtime_grow(wasmtime_context_t *context, wasmtime_memory_t *memory) {
  uint8_t *data = wasmtime_memory_data(context, memory);
  uint64_t prev = 0;
  wasmtime_error_t *error = wasmtime_memory_grow(context, memory, 1, &prev);
  if (error)
    return;
  data[prev * 65536] = 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'data' points into linear memory and is used after 'wasmtime_memory_grow', which may grow the memory and move it; the pointer may dangle [memtidy-wasm-stale-memory-pointer]
  // CHECK-MESSAGES-STATIC: :[[@LINE-2]]:3: {{remark|note}}: 'data' points into linear memory and is used after 'wasmtime_memory_grow', which may grow the memory and move it [memtidy-wasm-stale-memory-pointer]
}

// Shared memories grow in place.
void shared_grow(const wasmtime_sharedmemory_t *memory) {
  uint8_t *data = wasmtime_sharedmemory_data(memory);
  uint64_t prev = 0;
  wasmtime_error_t *error = wasmtime_sharedmemory_grow(memory, 1, &prev);
  if (error)
    return;
  data[0] = 1;
}

// A base cached by setup code and used in a later host callback: the guest
// may have grown the memory in between.
struct host_env {
  wasm_memory_t *memory;
  byte_t *base;
};

static byte_t *cached_base;

void setup(struct host_env *env, wasm_memory_t *memory) {
  env->memory = memory;
  env->base = wasm_memory_data(memory);
  cached_base = wasm_memory_data(memory);
}

static wasm_trap_t *peek(void *data, const wasm_val_vec_t *args,
                         wasm_val_vec_t *results) {
  struct host_env *env = data;
  results->data[0].of.i32 = env->base[0];
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'env->base' holds a pointer into linear memory stored by an earlier call; the guest may have grown the memory since, so it may dangle: fetch the base again [memtidy-wasm-stale-memory-pointer]
  // CHECK-MESSAGES-STATIC: :[[@LINE-2]]:29: {{remark|note}}: 'env->base' holds a pointer into linear memory stored by an earlier call; the guest may have grown the memory since [memtidy-wasm-stale-memory-pointer]
  results->data[1].of.i32 = cached_base[1];
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'cached_base' holds a pointer into linear memory stored by an earlier call; the guest may have grown the memory since, so it may dangle: fetch the base again [memtidy-wasm-stale-memory-pointer]
  // CHECK-MESSAGES-STATIC: :[[@LINE-2]]:29: {{remark|note}}: 'cached_base' holds a pointer into linear memory stored by an earlier call; the guest may have grown the memory since [memtidy-wasm-stale-memory-pointer]
  return NULL;
}

// Fetched again in the callback: fine.
static wasm_trap_t *peek_fresh(void *data, const wasm_val_vec_t *args,
                               wasm_val_vec_t *results) {
  struct host_env *env = data;
  env->base = wasm_memory_data(env->memory);
  results->data[0].of.i32 = env->base[0];
  return NULL;
}

void register_peek(wasm_store_t *store, const wasm_functype_t *type,
                   struct host_env *env) {
  wasm_func_new_with_env(store, type, peek, env, NULL);
  wasm_func_new_with_env(store, type, peek_fresh, env, NULL);
}
