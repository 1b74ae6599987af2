// RUN: %check_memtidy %s memtidy-wasm-stale-memory-pointer %t -- -- -nostdinc -isystem %headers -isystem %headers/wasm

// WAMR natives and embedders: host pointers into linear memory used after a
// call that may grow it and move it.

#include <bh_platform.h>
#include <string.h>
#include <wasm_export.h>

#define get_module_inst(exec_env) wasm_runtime_get_module_inst(exec_env)
#define addr_app_to_native(offset) wasm_runtime_addr_app_to_native(module_inst, offset)
#define module_malloc(size, p_native_addr) wasm_runtime_module_malloc(module_inst, size, p_native_addr)

// lib-pthread's posix_memalign: the '*' parameter is written after the
// guest's malloc ran, which may have grown memory.
static int32 posix_memalign_wrapper(wasm_exec_env_t exec_env, void **memptr,
                                    int32 align, int32 size) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  void *p = NULL;
  *((uint32 *)memptr) = (uint32)module_malloc(size, (void **)&p);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'memptr' points into linear memory and is used after 'module_malloc', which may grow the memory and move it; the pointer may dangle [memtidy-wasm-stale-memory-pointer]
  if (!p)
    return -1;
  return 0;
}

// libc-builtin's strdup: the '$' string is read after the guest's malloc.
static uint32 builtin_strdup_wrapper(wasm_exec_env_t exec_env,
                                     const char *str) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  char *str_ret;
  uint32 len;
  uint32 str_ret_offset = 0;
  if (str) {
    len = (uint32)strlen(str) + 1;
    str_ret_offset = (uint32)module_malloc((uint64)len, (void **)&str_ret);
    if (str_ret_offset)
      bh_memcpy_s(str_ret, len, str, len);
    // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'str' points into linear memory and is used after 'module_malloc', which may grow the memory and move it; the pointer may dangle [memtidy-wasm-stale-memory-pointer]
  }
  return str_ret_offset;
}

// Fresh from the allocation: p is the new block's address.
static int32 dup_wrapper(wasm_exec_env_t exec_env, int32 size) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  char *p = NULL;
  uint64 off = module_malloc((uint64)size, (void **)&p);
  if (!p)
    return 0;
  memset(p, 0, (size_t)size);
  return (int32)off;
}

// The base fetched before a call into the guest, used after it (the
// first use is reported).
static uint32 callback_wrapper(wasm_exec_env_t exec_env, uint32 off) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  uint8 *base = wasm_memory_get_base_address(
      wasm_runtime_get_default_memory(module_inst));
  uint32 argv[1] = {off};
  wasm_function_inst_t fn = wasm_runtime_lookup_function(module_inst, "cb");
  if (!wasm_runtime_call_wasm(exec_env, fn, 1, argv))
    return 0;
  return base[argv[0] & 0xff] + base[1];
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'base' points into linear memory and is used after 'wasm_runtime_call_wasm', which may grow the memory and move it; the pointer may dangle [memtidy-wasm-stale-memory-pointer]
}

// Fetched again after the call: fine.
static uint32 refetch_wrapper(wasm_exec_env_t exec_env, uint32 off) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  uint8 *base = wasm_memory_get_base_address(
      wasm_runtime_get_default_memory(module_inst));
  uint32 first = base[0];
  uint32 argv[1] = {off};
  wasm_function_inst_t fn = wasm_runtime_lookup_function(module_inst, "cb");
  if (!wasm_runtime_call_wasm(exec_env, fn, 1, argv))
    return 0;
  base = wasm_memory_get_base_address(
      wasm_runtime_get_default_memory(module_inst));
  return first + base[argv[0] & 0xff];
}

// A helper of the file that allocates in the guest moves memory too.
static uint64 copy_to_guest(wasm_module_inst_t module_inst, const char *s,
                            uint32 len) {
  return wasm_runtime_module_dup_data(module_inst, s, len);
}

static int32 strdup_wrapper(wasm_exec_env_t exec_env, const char *s,
                            uint32 *out) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  uint64 copy = copy_to_guest(module_inst, s, (uint32)strlen(s) + 1);
  *out = (uint32)copy;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'out' points into linear memory and is used after 'copy_to_guest', which may grow the memory and move it; the pointer may dangle [memtidy-wasm-stale-memory-pointer]
  return copy ? 0 : -1;
}

// Converted after the allocation: fine.
static int32 strdup_late_wrapper(wasm_exec_env_t exec_env, uint32 s_off,
                                 uint32 out_off) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  uint64 copy = wasm_runtime_module_dup_data(module_inst, "x", 2);
  uint32 *out = addr_app_to_native(out_off);
  if (out)
    *out = (uint32)copy;
  return 0;
}

// A helper of the file that returns the base (or NULL).
static uint8 *memory_base(wasm_module_inst_t inst) {
  wasm_memory_inst_t memory = wasm_runtime_get_default_memory(inst);
  if (!memory)
    return NULL;
  return wasm_memory_get_base_address(memory);
}

static uint32 helper_base_wrapper(wasm_exec_env_t exec_env, uint32 off) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  uint8 *base = memory_base(module_inst);
  if (!base || !wasm_runtime_enlarge_memory(module_inst, 1))
    return 0;
  return base[off & 0xff];
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'base' points into linear memory and is used after 'wasm_runtime_enlarge_memory', which may grow the memory and move it; the pointer may dangle [memtidy-wasm-stale-memory-pointer]
}

// Growing the memory explicitly.
static void grow_wrapper(wasm_exec_env_t exec_env, uint32 off) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  char *p = addr_app_to_native(off);
  if (!p || !wasm_runtime_enlarge_memory(module_inst, 1))
    return;
  p[0] = 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'p' points into linear memory and is used after 'wasm_runtime_enlarge_memory', which may grow the memory and move it; the pointer may dangle [memtidy-wasm-stale-memory-pointer]
}

// Only on one path.
static void maybe_grow_wrapper(wasm_exec_env_t exec_env, uint32 off,
                               int32 grow) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  char *p = addr_app_to_native(off);
  if (!p)
    return;
  if (grow)
    wasm_runtime_enlarge_memory(module_inst, 1);
  memset(p, 0, 4);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'p' points into linear memory and is used after 'wasm_runtime_enlarge_memory', which may grow the memory and move it; the pointer may dangle [memtidy-wasm-stale-memory-pointer]
}

static NativeSymbol natives[] = {
    {"posix_memalign", posix_memalign_wrapper, "(*ii)i", NULL},
    {"builtin_strdup", builtin_strdup_wrapper, "($)i", NULL},
    {"dup", dup_wrapper, "(i)i", NULL},
    {"callback", callback_wrapper, "(i)i", NULL},
    {"refetch", refetch_wrapper, "(i)i", NULL},
    {"strdup", strdup_wrapper, "($*)i", NULL},
    {"strdup_late", strdup_late_wrapper, "(ii)i", NULL},
    {"helper_base", helper_base_wrapper, "(i)i", NULL},
    {"grow", grow_wrapper, "(i)", NULL},
    {"maybe_grow", maybe_grow_wrapper, "(ii)", NULL},
};

uint32 get_natives(NativeSymbol **p) {
  *p = natives;
  return sizeof(natives) / sizeof(NativeSymbol);
}
