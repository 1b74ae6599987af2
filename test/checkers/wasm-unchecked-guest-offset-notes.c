// RUN: %check_memtidy %s memtidy-wasm-unchecked-guest-offset %t -- -- -nostdinc -isystem %headers -isystem %headers/wasm

// The notes that explain each finding, in order.

#include <bh_platform.h>
#include <stddef.h>
#include <string.h>
#include <wasm_export.h>

#define get_module_inst(exec_env) wasm_runtime_get_module_inst(exec_env)
#define validate_native_addr(addr, size) wasm_runtime_validate_native_addr(module_inst, addr, size)

int get_buf_size(wasm_exec_env_t exec_env, int fd, size_t *size);

static int buf_size_wrapper(wasm_exec_env_t exec_env, int fd, size_t *size) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  if (!validate_native_addr(size, (uint64)sizeof(uint32)))
    return 28;
  return get_buf_size(exec_env, fd, size);
  // CHECK-NOTES: :[[@LINE-1]]:37: warning: 8 bytes at 'size' are accessed here, but only 4 bytes were validated [memtidy-wasm-unchecked-guest-offset]
  // CHECK-NOTES: :[[@LINE-2]]:37: note: 'get_buf_size' takes a 'size_t *' here
  // CHECK-NOTES: :[[@LINE-5]]:8: note: validated here
}

static void store(uint32 *out) { *out = 1; }

static void store_wrapper(wasm_exec_env_t exec_env, uint32 *out) {
  store(out);
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: 4 bytes of 'out' are accessed here, but '*' in the signature of 'store_wrapper' makes the runtime validate only 1 byte; validate the size it needs first [memtidy-wasm-unchecked-guest-offset]
  // CHECK-NOTES: :[[@LINE-5]]:34: note: 'store' accesses it here
  // CHECK-NOTES: :[[@LINE+5]]:30: note: 'store_wrapper' is registered with signature "(*)" here
}

static NativeSymbol natives[] = {
    {"buf_size", buf_size_wrapper, "(i*)i", NULL},
    {"store", store_wrapper, "(*)", NULL},
};

uint32 get_notes_natives(NativeSymbol **p) {
  *p = natives;
  return sizeof(natives) / sizeof(NativeSymbol);
}
