// RUN: %check_memtidy %s memtidy-wasm-stale-memory-pointer %t -- -- -nostdinc -isystem %headers -isystem %headers/wasm

// The notes that explain each finding, in order.

#include <bh_platform.h>
#include <wasm_export.h>

static uint64 grow_heap(wasm_module_inst_t inst, uint32 size) {
  void *p = NULL;
  return wasm_runtime_module_malloc(inst, size, &p);
}

static void fill_wrapper(wasm_exec_env_t exec_env, uint32 *out) {
  wasm_module_inst_t inst = wasm_runtime_get_module_inst(exec_env);
  uint64 off = grow_heap(inst, 64);
  *out = (uint32)off;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'out' points into linear memory and is used after 'grow_heap', which may grow the memory and move it; the pointer may dangle [memtidy-wasm-stale-memory-pointer]
  // CHECK-NOTES: :[[@LINE-5]]:60: note: 'out' is converted by the runtime before the call, as its signature asks
  // CHECK-NOTES: :[[@LINE-4]]:16: note: 'grow_heap' may move linear memory here: it calls 'wasm_runtime_module_malloc'
}

static uint8 *cached;

void setup(wasm_module_inst_t inst) {
  cached = wasm_memory_get_base_address(wasm_runtime_get_default_memory(inst));
}

static uint32 peek_wrapper(wasm_exec_env_t exec_env) {
  return cached[0];
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: 'cached' holds a pointer into linear memory stored by an earlier call; the guest may have grown the memory since, so it may dangle: fetch the base again [memtidy-wasm-stale-memory-pointer]
  // CHECK-NOTES: :[[@LINE-6]]:3: note: it is stored here
}

static NativeSymbol natives[] = {
    {"fill", fill_wrapper, "(*)", NULL},
    {"peek", peek_wrapper, "()i", NULL},
};

uint32 get_notes_natives(NativeSymbol **p) {
  *p = natives;
  return sizeof(natives) / sizeof(NativeSymbol);
}
