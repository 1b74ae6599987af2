// RUN: %check_memtidy %s memtidy-wasm-unchecked-guest-offset %t -- -- -nostdinc -isystem %headers -isystem %headers/wasm

// Wasmtime host functions: the guest's arguments arrive in args[i]; the
// memory comes from the caller's exports.

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <wasmtime.h>

static uint8_t *caller_memory(wasmtime_caller_t *caller, size_t *size) {
  wasmtime_extern_t item;
  if (!wasmtime_caller_export_get(caller, "memory", 6, &item) ||
      item.kind != WASMTIME_EXTERN_MEMORY)
    return NULL;
  wasmtime_context_t *context = wasmtime_caller_context(caller);
  *size = wasmtime_memory_data_size(context, &item.of.memory);
  return wasmtime_memory_data(context, &item.of.memory);
}

static wasm_trap_t *log_message(void *env, wasmtime_caller_t *caller,
                                const wasmtime_val_t *args, size_t nargs,
                                wasmtime_val_t *results, size_t nresults) {
  wasmtime_extern_t item;
  if (!wasmtime_caller_export_get(caller, "memory", 6, &item))
    return NULL;
  wasmtime_context_t *context = wasmtime_caller_context(caller);
  uint8_t *base = wasmtime_memory_data(context, &item.of.memory);
  uint32_t ptr = (uint32_t)args[0].of.i32;
  uint32_t len = (uint32_t)args[1].of.i32;
  char line[64];
  if (len >= sizeof(line))
    return NULL;
  memcpy(line, base + ptr, len);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'base + ptr' accesses 'len' bytes of linear memory at the guest-controlled offset 'ptr', which is never validated: the guest can make it reach outside its memory [memtidy-wasm-unchecked-guest-offset]
  line[len] = 0;
  return NULL;
}

static wasm_trap_t *log_message_checked(void *env, wasmtime_caller_t *caller,
                                        const wasmtime_val_t *args,
                                        size_t nargs, wasmtime_val_t *results,
                                        size_t nresults) {
  size_t size = 0;
  uint8_t *base = caller_memory(caller, &size);
  if (!base)
    return NULL;
  uint64_t ptr = (uint32_t)args[0].of.i32;
  uint64_t len = (uint32_t)args[1].of.i32;
  if (ptr + len > size)
    return NULL;
  fwrite(base + ptr, 1, len, stdout);
  return NULL;
}

// 64-bit guest values can wrap a 64-bit sum.
static wasm_trap_t *read64(void *env, wasmtime_caller_t *caller,
                           const wasmtime_val_t *args, size_t nargs,
                           wasmtime_val_t *results, size_t nresults) {
  size_t size = 0;
  uint8_t *base = caller_memory(caller, &size);
  if (!base)
    return NULL;
  uint64_t ptr = (uint64_t)args[0].of.i64;
  if (ptr + 8 > size)
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'ptr + 8' can wrap around in 'uint64_t' before it is compared with the memory size: a guest offset near the top of the type passes the check; compute it in a wider type or compare the length with the room left [memtidy-wasm-unchecked-guest-offset]
    return NULL;
  results[0].kind = WASMTIME_I64;
  results[0].of.i64 = *(int64_t *)(base + ptr);
  return NULL;
}

static wasm_trap_t *average(void *env, wasmtime_caller_t *caller,
                            const wasmtime_val_t *args, size_t nargs,
                            wasmtime_val_t *results, size_t nresults) {
  results[0].kind = WASMTIME_I32;
  results[0].of.i32 = args[0].of.i32 / args[1].of.i32;
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: guest-controlled 'args[1].of.i32' is used as a divisor without a check for zero: the guest can crash the host [memtidy-wasm-unchecked-guest-offset]
  return NULL;
}

// printf's %s reads a string at a guest offset.
static wasm_trap_t *print_name(void *env, wasmtime_caller_t *caller,
                               const wasmtime_val_t *args, size_t nargs,
                               wasmtime_val_t *results, size_t nresults) {
  size_t size = 0;
  uint8_t *base = caller_memory(caller, &size);
  if (!base)
    return NULL;
  uint32_t ptr = (uint32_t)args[0].of.i32;
  printf("hello, %s\n", (const char *)base + ptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: '(const char *)base + ptr' accesses a NUL-terminated string of linear memory at the guest-controlled offset 'ptr', which is never validated: the guest can make it reach outside its memory [memtidy-wasm-unchecked-guest-offset]
  return NULL;
}

// What the guest returns from a call is the guest's.
static wasm_trap_t *call_back(void *env, wasmtime_caller_t *caller,
                              const wasmtime_val_t *args, size_t nargs,
                              wasmtime_val_t *results, size_t nresults) {
  wasmtime_context_t *context = wasmtime_caller_context(caller);
  wasmtime_func_t *alloc = env;
  wasmtime_val_t ret[1];
  wasm_trap_t *trap = NULL;
  size_t size = 0;
  if (wasmtime_func_call(context, alloc, NULL, 0, ret, 1, &trap) || trap)
    return trap;
  uint8_t *base = caller_memory(caller, &size);
  if (!base)
    return NULL;
  uint32_t off = (uint32_t)ret[0].of.i32;
  memset(base + off, 0, 16);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'base + off' accesses 16 bytes of linear memory at the guest-controlled offset 'off', which is never validated: the guest can make it reach outside its memory [memtidy-wasm-unchecked-guest-offset]
  return NULL;
}

void define(wasmtime_linker_t *linker, wasmtime_context_t *context,
            wasm_functype_t *ty) {
  wasmtime_func_t f;
  wasmtime_linker_define_func(linker, "env", 3, "log", 3, ty, log_message,
                              NULL, NULL);
  wasmtime_linker_define_func(linker, "env", 3, "log_checked", 11, ty,
                              log_message_checked, NULL, NULL);
  wasmtime_func_new(context, ty, read64, NULL, NULL, &f);
  wasmtime_func_new(context, ty, average, NULL, NULL, &f);
  wasmtime_func_new(context, ty, print_name, NULL, NULL, &f);
  wasmtime_func_new(context, ty, call_back, &f, NULL, &f);
}
