// RUN: %check_memtidy %s memtidy-wasm-unchecked-guest-offset %t -- -- -nostdinc -isystem %headers -isystem %headers/wasm

// WAMR natives: guest integers from 'i'/'I' parameters, pointers the runtime
// converted after validating 1 byte ('*'), a length ('*~') or a string ('$').

#include <bh_platform.h>
#include <string.h>
#include <unistd.h>
#include <wasm_export.h>

#define get_module_inst(exec_env) wasm_runtime_get_module_inst(exec_env)
#define validate_app_addr(offset, size) wasm_runtime_validate_app_addr(module_inst, offset, size)
#define validate_native_addr(addr, size) wasm_runtime_validate_native_addr(module_inst, addr, size)
#define addr_app_to_native(offset) wasm_runtime_addr_app_to_native(module_inst, offset)

static uint8 *memory_base(wasm_module_inst_t inst) {
  return wasm_memory_get_base_address(wasm_runtime_get_default_memory(inst));
}

static uint32 peek_wrapper(wasm_exec_env_t exec_env, uint32 off) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  uint8 *base = wasm_memory_get_base_address(wasm_runtime_get_default_memory(module_inst));
  return *(uint32 *)(base + off);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: '*(uint32 *)(base + off)' accesses 4 bytes of linear memory at the guest-controlled offset 'off', which is never validated: the guest can make it reach outside its memory [memtidy-wasm-unchecked-guest-offset]
}

static uint32 peek_checked_wrapper(wasm_exec_env_t exec_env, uint32 off) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  uint8 *base = wasm_memory_get_base_address(wasm_runtime_get_default_memory(module_inst));
  if (!validate_app_addr(off, 4))
    return 0;
  return *(uint32 *)(base + off);
}

static uint32 peek_one_byte_wrapper(wasm_exec_env_t exec_env, uint32 off) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  if (!validate_app_addr(off, sizeof(uint8)))
    return 0;
  return *(uint32 *)(memory_base(module_inst) + off);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 4 bytes at 'off' are accessed here, but only 1 byte was validated [memtidy-wasm-unchecked-guest-offset]
}

// '*' validates one byte: a 4-byte store needs more.
static void set_wrapper(wasm_exec_env_t exec_env, uint32 *out) {
  *out = 42;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 4 bytes of 'out' are accessed here, but '*' in the signature of 'set_wrapper' makes the runtime validate only 1 byte; validate the size it needs first [memtidy-wasm-unchecked-guest-offset]
}

static void set_checked_wrapper(wasm_exec_env_t exec_env, uint32 *out) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  if (!validate_native_addr(out, sizeof(*out)))
    return;
  *out = 42;
}

static void set_byte_wrapper(wasm_exec_env_t exec_env, uint8 *out) { *out = 1; }

// '*' followed by a length: the signature misses its '~'.
static void fill_wrapper(wasm_exec_env_t exec_env, char *buf, uint32 len) {
  memset(buf, 0, len);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'len' bytes of 'buf' are accessed here, but '*' in the signature of 'fill_wrapper' makes the runtime validate only 1 byte; declare it '*~' so that the next parameter, 'len', is validated as its length [memtidy-wasm-unchecked-guest-offset]
}

static void fill_ok_wrapper(wasm_exec_env_t exec_env, char *buf, uint32 len) {
  memset(buf, 0, len);
  if (len > 0)
    buf[len - 1] = 0;
}

static void fill_nul_wrapper(wasm_exec_env_t exec_env, char *buf, uint32 len) {
  memset(buf, 'x', len);
  buf[len] = 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'len + 1' bytes of 'buf' are accessed here, but '*~' in the signature of 'fill_nul_wrapper' makes the runtime validate only 'len' bytes [memtidy-wasm-unchecked-guest-offset]
}

// '$' is a string: read as one, it is fine; as 8 bytes, it is not.
static uint32 name_len_wrapper(wasm_exec_env_t exec_env, const char *name) {
  return (uint32)strlen(name);
}

static uint32 name_prefix_wrapper(wasm_exec_env_t exec_env, const char *name) {
  char prefix[8];
  memcpy(prefix, name, sizeof(prefix));
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 8 bytes of 'name' are accessed here, but '$' in the signature of 'name_prefix_wrapper' makes the runtime validate only a NUL-terminated string [memtidy-wasm-unchecked-guest-offset]
  return prefix[0];
}

// '*' read as a string: one byte validated, the string may go on.
static uint32 star_strlen_wrapper(wasm_exec_env_t exec_env, const char *s) {
  return (uint32)strlen(s);
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: a NUL-terminated string of 's' is accessed here, but '*' in the signature of 'star_strlen_wrapper' makes the runtime validate only 1 byte; validate the size it needs first [memtidy-wasm-unchecked-guest-offset]
}

// Conversions return NULL for offsets outside linear memory.
static void to_guest_wrapper(wasm_exec_env_t exec_env, uint32 off, uint32 len) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  char *p = addr_app_to_native(off);
  memcpy(p, "hello", len);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'p' may be NULL: 'addr_app_to_native' returns NULL for a guest offset outside linear memory, and it is used here without a check [memtidy-wasm-unchecked-guest-offset]
}

static void to_guest_null_checked_wrapper(wasm_exec_env_t exec_env, uint32 off) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  char *p = addr_app_to_native(off);
  if (!p)
    return;
  p[0] = 'x';
  *(uint32 *)p = 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 4 bytes at 'off' are accessed here, but only 1 byte was validated [memtidy-wasm-unchecked-guest-offset]
}

static void to_guest_ok_wrapper(wasm_exec_env_t exec_env, uint32 off, uint32 len) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  if (!validate_app_addr(off, len))
    return;
  char *p = addr_app_to_native(off);
  memset(p, 0, len);
}

// The converted pointer validated again: as good as the offset.
static void revalidate_wrapper(wasm_exec_env_t exec_env, uint32 off, uint32 len) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  char *p = addr_app_to_native(off);
  if (!validate_native_addr(p, len))
    return;
  memset(p, 0, len);
}

static void ignored_wrapper(wasm_exec_env_t exec_env, uint32 off, uint32 len) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  validate_app_addr(off, len);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the result of 'validate_app_addr' is ignored: the guest range it checks is used whether or not it lies in linear memory; return or trap when it fails [memtidy-wasm-unchecked-guest-offset]
  memset(addr_app_to_native(off), 0, len);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'addr_app_to_native(off)' may be NULL: 'addr_app_to_native' returns NULL for a guest offset outside linear memory, and it is used here without a check [memtidy-wasm-unchecked-guest-offset]
}

// The validation fails, and the code goes on.
static void failed_wrapper(wasm_exec_env_t exec_env, uint32 off) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  uint8 *base = memory_base(module_inst);
  if (!validate_app_addr(off, 4))
    wasm_runtime_set_exception(module_inst, "bad offset");
  *(uint32 *)(base + off) = 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: '*(uint32 *)(base + off)' accesses linear memory on a path where the validation of 'off' failed [memtidy-wasm-unchecked-guest-offset]
}

// Element counts are not byte counts.
static uint32 host[64];

static void count_wrapper(wasm_exec_env_t exec_env, uint32 *arr, uint32 n) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  if (!validate_native_addr(arr, n))
    return;
  memcpy(host, arr, n * sizeof(uint32));
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'n * 4' bytes at 'arr' are accessed here, but only 'n' bytes were validated: the validated size counts elements, not bytes [memtidy-wasm-unchecked-guest-offset]
}

static void count_ok_wrapper(wasm_exec_env_t exec_env, uint32 *arr, uint32 n) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  uint64 bytes = (uint64)n * sizeof(uint32);
  if (!validate_native_addr(arr, bytes))
    return;
  for (uint32 i = 0; i < n && i < 64; i++)
    host[i] = arr[i];
}

// A 64-bit guest length narrowed before the validator sees it.
static void narrowed_wrapper(wasm_exec_env_t exec_env, uint32 off, uint64 len, const uint8 *src) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  if (!validate_app_addr(off, (uint32)len))
    return;
  uint8 *p = addr_app_to_native(off);
  for (uint64 i = 0; i < len; i++)
    p[i] = src[i & 7];
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: the size validated for 'p[i]' is '(uint32)len', narrowed from 'len': a guest length too large for the narrower type validates only its low bits [memtidy-wasm-unchecked-guest-offset]
}

// Unsigned to int: the validator takes a 64-bit size again.
static void narrowed_int_wrapper(wasm_exec_env_t exec_env, uint32 off,
                                 uint64 len) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  static uint8 copy[64];
  int32 n = (int32)len;
  if (!validate_app_addr(off, n))
    return;
  memcpy(copy, addr_app_to_native(off), len);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: the size validated for 'addr_app_to_native(off)' is 'n', narrowed from 'len': a guest length too large for the narrower type validates only its low bits [memtidy-wasm-unchecked-guest-offset]
}

static uint32 div_wrapper(wasm_exec_env_t exec_env, uint32 total, uint32 n) {
  return total / n;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: guest-controlled 'n' is used as a divisor without a check for zero: the guest can crash the host [memtidy-wasm-unchecked-guest-offset]
}

static uint32 div_ok_wrapper(wasm_exec_env_t exec_env, uint32 total, uint32 n) {
  if (n == 0)
    return 0;
  return total / n + total % n;
}

// Values read from guest memory are the guest's too.
typedef struct {
  uint32 buf_offset;
  uint32 buf_len;
} iovec_app_t;

static int32 read_iov_wrapper(wasm_exec_env_t exec_env, int32 fd, iovec_app_t *iov) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  if (!validate_native_addr(iov, sizeof(iovec_app_t)))
    return -1;
  if (!validate_app_addr(iov->buf_offset, iov->buf_len))
    return -1;
  char *buf = addr_app_to_native(iov->buf_offset);
  return (int32)read(fd, buf, iov->buf_len);
}

static int32 read_iov_unchecked_wrapper(wasm_exec_env_t exec_env, int32 fd, iovec_app_t *iov) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  if (!validate_native_addr(iov, sizeof(iovec_app_t)))
    return -1;
  return (int32)read(fd, memory_base(module_inst) + iov->buf_offset, iov->buf_len);
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'memory_base(module_inst) + iov->buf_offset' accesses 'iov->buf_len' bytes of linear memory at the guest-controlled offset 'iov->buf_offset', which is never validated: the guest can make it reach outside its memory [memtidy-wasm-unchecked-guest-offset]
}

static uint32 read_iov_field_wrapper(wasm_exec_env_t exec_env, iovec_app_t *iov) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  if (!validate_native_addr(iov, sizeof(iov->buf_offset)))
    return 0;
  return iov->buf_len;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 8 bytes at 'iov' are accessed here, but only 4 bytes were validated [memtidy-wasm-unchecked-guest-offset]
}

// What the guest returns from a call is the guest's.
static uint32 call_guest_wrapper(wasm_exec_env_t exec_env) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  uint32 argv[1] = {16};
  wasm_function_inst_t fn = wasm_runtime_lookup_function(module_inst, "alloc");
  if (!wasm_runtime_call_wasm(exec_env, fn, 1, argv))
    return 0;
  memory_base(module_inst)[argv[0]] = 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'memory_base(module_inst)[argv[0]]' accesses 1 byte of linear memory at the guest-controlled offset 'argv[0]', which is never validated: the guest can make it reach outside its memory [memtidy-wasm-unchecked-guest-offset]
  return argv[0];
}

// A helper that validates and returns false on failure counts.
static bool check_buf(wasm_module_inst_t inst, uint32 off, uint32 len) {
  if (!wasm_runtime_validate_app_addr(inst, off, len)) {
    wasm_runtime_set_exception(inst, "out of bounds memory access");
    return false;
  }
  return true;
}

static void helper_checked_wrapper(wasm_exec_env_t exec_env, uint32 off, uint32 len) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  if (!check_buf(module_inst, off, len))
    return;
  memset(memory_base(module_inst) + off, 0, len);
}

static void helper_short_wrapper(wasm_exec_env_t exec_env, uint32 off, uint32 len) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  if (!check_buf(module_inst, off, len))
    return;
  memset(memory_base(module_inst) + off, 0, len + 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'len + 1' bytes at 'off' are accessed here, but only 'len' bytes were validated [memtidy-wasm-unchecked-guest-offset]
}

// A result kept for later.
static void stored_result_wrapper(wasm_exec_env_t exec_env, uint32 off) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  bool ok = validate_app_addr(off, 8);
  if (!ok)
    return;
  *(uint64 *)(memory_base(module_inst) + off) = 0;
}

// Raw natives get every argument as guest data.
static void raw_poke_wrapper(wasm_exec_env_t exec_env, uint64 *args) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  uint32 off = (uint32)args[0];
  memory_base(module_inst)[off] = (uint8)args[1];
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'memory_base(module_inst)[off]' accesses 1 byte of linear memory at the guest-controlled offset 'off', which is never validated: the guest can make it reach outside its memory [memtidy-wasm-unchecked-guest-offset]
}

// A string validation covers string reads only.
static char host_name[64];

static void str_wrapper(wasm_exec_env_t exec_env, uint32 off) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  if (!wasm_runtime_validate_app_str_addr(module_inst, off))
    return;
  char *s = addr_app_to_native(off);
  if (strlen(s) < sizeof(host_name))
    strcpy(host_name, s);
  memcpy(host_name, s, 16);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 16 bytes at 'off' are accessed here, but only a NUL-terminated string was validated: the string may be shorter than the bytes accessed [memtidy-wasm-unchecked-guest-offset]
}

// get_app_addr_range validates the offset; the end it returns bounds the
// range.
static void range_wrapper(wasm_exec_env_t exec_env, uint32 off, uint32 len) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  uint64 start, end;
  if (!wasm_runtime_get_app_addr_range(module_inst, off, &start, &end))
    return;
  if ((uint64)off + len > end)
    return;
  memset(addr_app_to_native(off), 0, len);
}

static void range_short_wrapper(wasm_exec_env_t exec_env, uint32 off,
                                uint32 len) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  uint64 start, end;
  if (!wasm_runtime_get_app_addr_range(module_inst, off, &start, &end))
    return;
  memset(addr_app_to_native(off), 0, len);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'len' bytes at 'off' are accessed here, but only 1 byte was validated [memtidy-wasm-unchecked-guest-offset]
}

// Not registered: nothing says where its arguments come from.
uint32 not_a_native(wasm_module_inst_t inst, uint32 off) {
  return memory_base(inst)[off];
}

static NativeSymbol natives[] = {
    {"peek", peek_wrapper, "(i)i", NULL},
    {"peek_checked", peek_checked_wrapper, "(i)i", NULL},
    {"peek_one_byte", peek_one_byte_wrapper, "(i)i", NULL},
    {"set", set_wrapper, "(*)", NULL},
    {"set_checked", set_checked_wrapper, "(*)", NULL},
    {"set_byte", set_byte_wrapper, "(*)", NULL},
    {"fill", fill_wrapper, "(*i)", NULL},
    {"fill_ok", fill_ok_wrapper, "(*~)", NULL},
    {"fill_nul", fill_nul_wrapper, "(*~)", NULL},
    {"name_len", name_len_wrapper, "($)i", NULL},
    {"name_prefix", name_prefix_wrapper, "($)i", NULL},
    {"star_strlen", star_strlen_wrapper, "(*)i", NULL},
    {"to_guest", to_guest_wrapper, "(ii)", NULL},
    {"to_guest_null_checked", to_guest_null_checked_wrapper, "(i)", NULL},
    {"to_guest_ok", to_guest_ok_wrapper, "(ii)", NULL},
    {"revalidate", revalidate_wrapper, "(ii)", NULL},
    {"ignored", ignored_wrapper, "(ii)", NULL},
    {"failed", failed_wrapper, "(i)", NULL},
    {"count", count_wrapper, "(*i)", NULL},
    {"count_ok", count_ok_wrapper, "(*i)", NULL},
    {"narrowed", narrowed_wrapper, "(iI*)", NULL},
    {"narrowed_int", narrowed_int_wrapper, "(iI)", NULL},
    {"div", div_wrapper, "(ii)i", NULL},
    {"div_ok", div_ok_wrapper, "(ii)i", NULL},
    {"read_iov", read_iov_wrapper, "(i*)i", NULL},
    {"read_iov_unchecked", read_iov_unchecked_wrapper, "(i*)i", NULL},
    {"read_iov_field", read_iov_field_wrapper, "(*)i", NULL},
    {"call_guest", call_guest_wrapper, "()i", NULL},
    {"helper_checked", helper_checked_wrapper, "(ii)", NULL},
    {"helper_short", helper_short_wrapper, "(ii)", NULL},
    {"stored_result", stored_result_wrapper, "(i)", NULL},
    {"str", str_wrapper, "(i)", NULL},
    {"range", range_wrapper, "(ii)", NULL},
    {"range_short", range_short_wrapper, "(ii)", NULL},
};

static NativeSymbol raw_natives[] = {
    {"raw_poke", raw_poke_wrapper, "(ii)", NULL},
};

bool register_natives(void) {
  return wasm_runtime_register_natives("env", natives,
                                       sizeof(natives) / sizeof(natives[0])) &&
         wasm_runtime_register_natives_raw("env", raw_natives, 1);
}
