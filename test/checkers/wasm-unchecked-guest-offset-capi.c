// RUN: %check_memtidy %s memtidy-wasm-unchecked-guest-offset %t -- -- -nostdinc -isystem %headers -isystem %headers/wasm

// wasm.h host functions: the guest's arguments arrive in args->data[i], and
// the check that counts is against wasm_memory_data_size().

#include <stdint.h>
#include <string.h>
#include <wasm.h>

static wasm_memory_t *memory;

static wasm_trap_t *store_u32(const wasm_val_vec_t *args,
                              wasm_val_vec_t *results) {
  uint32_t off = (uint32_t)args->data[0].of.i32;
  byte_t *base = wasm_memory_data(memory);
  *(uint32_t *)(base + off) = (uint32_t)args->data[1].of.i32;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: '*(uint32_t *)(base + off)' accesses 4 bytes of linear memory at the guest-controlled offset 'off', which is never validated: the guest can make it reach outside its memory [memtidy-wasm-unchecked-guest-offset]
  return NULL;
}

static wasm_trap_t *store_u32_checked(const wasm_val_vec_t *args,
                                      wasm_val_vec_t *results) {
  uint32_t off = (uint32_t)args->data[0].of.i32;
  if ((uint64_t)off + sizeof(uint32_t) > wasm_memory_data_size(memory))
    return NULL;
  byte_t *base = wasm_memory_data(memory);
  *(uint32_t *)(base + off) = (uint32_t)args->data[1].of.i32;
  return NULL;
}

static wasm_trap_t *store_u64_checked_for_u32(const wasm_val_vec_t *args,
                                              wasm_val_vec_t *results) {
  uint32_t off = (uint32_t)args->data[0].of.i32;
  if ((uint64_t)off + sizeof(uint32_t) > wasm_memory_data_size(memory))
    return NULL;
  *(uint64_t *)(wasm_memory_data(memory) + off) = 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 8 bytes at 'off' are accessed here, but only 4 bytes were validated [memtidy-wasm-unchecked-guest-offset]
  return NULL;
}

// off + len in 32 bits wraps: off = 0xfffffff0, len = 0x20 pass.
static wasm_trap_t *copy_wraps(void *env, const wasm_val_vec_t *args,
                               wasm_val_vec_t *results) {
  uint32_t off = (uint32_t)args->data[0].of.i32;
  uint32_t len = (uint32_t)args->data[1].of.i32;
  if (off + len > wasm_memory_data_size(memory))
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'off + len' can wrap around in 'uint32_t' before it is compared with the memory size: a guest offset near the top of the type passes the check; compute it in a wider type or compare the length with the room left [memtidy-wasm-unchecked-guest-offset]
    return NULL;
  memcpy(env, wasm_memory_data(memory) + off, len);
  return NULL;
}

static wasm_trap_t *copy_wide(void *env, const wasm_val_vec_t *args,
                              wasm_val_vec_t *results) {
  uint32_t off = (uint32_t)args->data[0].of.i32;
  uint32_t len = (uint32_t)args->data[1].of.i32;
  if ((uint64_t)off + len > wasm_memory_data_size(memory))
    return NULL;
  memcpy(env, wasm_memory_data(memory) + off, len);
  return NULL;
}

static wasm_trap_t *copy_room_left(void *env, const wasm_val_vec_t *args,
                                   wasm_val_vec_t *results) {
  uint32_t off = (uint32_t)args->data[0].of.i32;
  uint32_t len = (uint32_t)args->data[1].of.i32;
  size_t size = wasm_memory_data_size(memory);
  if (off > size || len > size - off)
    return NULL;
  memcpy(env, wasm_memory_data(memory) + off, len);
  return NULL;
}

// A negative i32 passes a signed comparison and lands before the base.
static wasm_trap_t *copy_signed(void *env, const wasm_val_vec_t *args,
                                wasm_val_vec_t *results) {
  int32_t off = args->data[0].of.i32;
  if ((int64_t)off + 16 > (int64_t)wasm_memory_data_size(memory))
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: guest-controlled 'off' is signed: a negative offset passes this check and reaches before the memory base; convert it to an unsigned type first [memtidy-wasm-unchecked-guest-offset]
    return NULL;
  memcpy(env, wasm_memory_data(memory) + off, 16);
  return NULL;
}

static wasm_trap_t *copy_signed_checked(void *env, const wasm_val_vec_t *args,
                                        wasm_val_vec_t *results) {
  int32_t off = args->data[0].of.i32;
  if (off < 0 || (int64_t)off + 16 > (int64_t)wasm_memory_data_size(memory))
    return NULL;
  memcpy(env, wasm_memory_data(memory) + off, 16);
  return NULL;
}

// Pointer comparisons count too; p + len < p does not.
static wasm_trap_t *copy_pointer_overflow(void *env, const wasm_val_vec_t *args,
                                          wasm_val_vec_t *results) {
  uint32_t off = (uint32_t)args->data[0].of.i32;
  uint32_t len = (uint32_t)args->data[1].of.i32;
  byte_t *base = wasm_memory_data(memory);
  byte_t *end = base + wasm_memory_data_size(memory);
  byte_t *p = base + off;
  if (p + len < p || p + len > end)
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'p + len < p' relies on pointer overflow, which is undefined: the compiler may remove the check; compare the length with the room left instead [memtidy-wasm-unchecked-guest-offset]
    return NULL;
  memcpy(env, p, len);
  return NULL;
}

static wasm_trap_t *copy_pointers(void *env, const wasm_val_vec_t *args,
                                  wasm_val_vec_t *results) {
  uint32_t off = (uint32_t)args->data[0].of.i32;
  uint32_t len = (uint32_t)args->data[1].of.i32;
  byte_t *base = wasm_memory_data(memory);
  byte_t *end = base + wasm_memory_data_size(memory);
  if (off > (size_t)(end - base) || len > (size_t)(end - base) - off)
    return NULL;
  memcpy(env, base + off, len);
  return NULL;
}

// What the guest returns is the guest's.
static void call_and_read(const wasm_func_t *alloc, char *out) {
  wasm_val_t rs[1];
  wasm_val_vec_t results = {1, rs};
  wasm_val_vec_t none = {0, NULL};
  if (wasm_func_call(alloc, &none, &results))
    return;
  uint32_t off = (uint32_t)results.data[0].of.i32;
  strcpy(out, wasm_memory_data(memory) + off);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'wasm_memory_data(memory) + off' accesses a NUL-terminated string of linear memory at the guest-controlled offset 'off', which is never validated: the guest can make it reach outside its memory [memtidy-wasm-unchecked-guest-offset]
}

// Not a host function: nothing says its arguments are the guest's.
static void not_a_callback(const wasm_val_vec_t *args) {
  uint32_t off = (uint32_t)args->data[0].of.i32;
  wasm_memory_data(memory)[off] = 0;
}

void define(wasm_store_t *store, wasm_functype_t *type, void *env) {
  wasm_func_new(store, type, store_u32);
  wasm_func_new(store, type, store_u32_checked);
  wasm_func_new(store, type, store_u64_checked_for_u32);
  wasm_func_new_with_env(store, type, copy_wraps, env, NULL);
  wasm_func_new_with_env(store, type, copy_wide, env, NULL);
  wasm_func_new_with_env(store, type, copy_room_left, env, NULL);
  wasm_func_new_with_env(store, type, copy_signed, env, NULL);
  wasm_func_new_with_env(store, type, copy_signed_checked, env, NULL);
  wasm_func_new_with_env(store, type, copy_pointer_overflow, env, NULL);
  wasm_func_new_with_env(store, type, copy_pointers, env, NULL);
}
