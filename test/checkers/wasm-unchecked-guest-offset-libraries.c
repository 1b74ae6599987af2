// RUN: %check_memtidy %s memtidy-wasm-unchecked-guest-offset %t -- -- -nostdinc -isystem %headers -isystem %headers/wasm

// Shapes of WAMR's core/iwasm/libraries natives: what the check reported
// there (each a real defect), and what it must not report (each a false
// positive it once had).

#include <bh_platform.h>
#include <stddef.h>
#include <string.h>
#include <wasm_export.h>

#define get_module_inst(exec_env) wasm_runtime_get_module_inst(exec_env)
#define validate_app_addr(offset, size) wasm_runtime_validate_app_addr(module_inst, offset, size)
#define validate_native_addr(addr, size) wasm_runtime_validate_native_addr(module_inst, addr, size)
#define addr_app_to_native(offset) wasm_runtime_addr_app_to_native(module_inst, offset)
#define addr_native_to_app(ptr) wasm_runtime_addr_native_to_app(module_inst, ptr)

typedef uint32 wasi_size_t;
typedef struct fd_table fd_table;
typedef struct { uint8 kind; uint8 addr[16]; uint16 port; uint32 pad; } wasi_addr_t;
typedef struct { uint32 buf_offset; uint32 buf_len; } iovec_app_t;

// Functions of other files: what their parameter types promise is
// accessed.
long strtol(const char *nptr, char **endptr, int base);
int wasmtime_ssp_sock_accept(wasm_exec_env_t exec_env, fd_table *curfds,
                             int fd, int flags, int *fd_new);
int wasmtime_ssp_sock_get_recv_buf_size(wasm_exec_env_t exec_env,
                                        fd_table *curfds, int fd,
                                        size_t *bufsiz);
int wasmtime_ssp_sock_recv_from(wasm_exec_env_t exec_env, fd_table *curfds,
                                int sock, void *buf, size_t len,
                                wasi_addr_t *src_addr, size_t *recv_len);
int wasmtime_ssp_sock_addr_resolve(wasm_exec_env_t exec_env, fd_table *curfds,
                                   const char *host, wasi_addr_t *addr_info,
                                   uint32 addr_info_size, uint32 *max_size);
int graph_builder_app_native(wasm_module_inst_t instance, iovec_app_t *builder,
                             uint32 size, void *native);
fd_table *get_curfds(wasm_exec_env_t exec_env);

// libc-builtin strtol: endptr is validated for a 32-bit guest pointer, and
// strtol stores a 64-bit host pointer through it (reported where the
// wrapper reads it back: the libc pack describes strtol's string only).
static int32 strtol_wrapper(wasm_exec_env_t exec_env, const char *nptr,
                            char **endptr, int32 base) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  int32 num;
  if (!validate_native_addr(endptr, (uint64)sizeof(uint32)))
    return 0;
  num = (int32)strtol(nptr, endptr, base);
  *(uint32 *)endptr = (uint32)addr_native_to_app(*endptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:50: warning: 8 bytes at 'endptr' are accessed here, but only 4 bytes were validated [memtidy-wasm-unchecked-guest-offset]
  return num;
}

// libc-wasi sock_get_recv_buf_size: the guest's wasi size is 32 bits, the
// host stores a size_t.
static int sock_get_recv_buf_size_wrapper(wasm_exec_env_t exec_env, int fd,
                                          size_t *size) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  if (!validate_native_addr(size, (uint64)sizeof(wasi_size_t)))
    return 28;
  return wasmtime_ssp_sock_get_recv_buf_size(exec_env, get_curfds(exec_env),
                                             fd, size);
  // CHECK-MESSAGES: :[[@LINE-1]]:50: warning: 8 bytes at 'size' are accessed here, but only 4 bytes were validated [memtidy-wasm-unchecked-guest-offset]
}

// libc-wasi sock_accept before 5e779b3d: a '*' pointer handed to a function
// of another file that stores an int.
static int sock_accept_before_wrapper(wasm_exec_env_t exec_env, int fd,
                                      int flags, int *fd_new) {
  return wasmtime_ssp_sock_accept(exec_env, get_curfds(exec_env), fd, flags,
                                  fd_new);
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: 4 bytes of 'fd_new' are accessed here, but '*' in the signature of 'sock_accept_before_wrapper' makes the runtime validate only 1 byte; validate the size it needs first [memtidy-wasm-unchecked-guest-offset]
}

static int sock_accept_after_wrapper(wasm_exec_env_t exec_env, int fd,
                                     int flags, int *fd_new) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  if (!validate_native_addr(fd_new, sizeof(*fd_new)))
    return 28;
  return wasmtime_ssp_sock_accept(exec_env, get_curfds(exec_env), fd, flags,
                                  fd_new);
}

// libc-wasi sock_addr_resolve: a zero count divides by zero; past the
// division it is not zero, and the validated count covers the callee.
static int sock_addr_resolve_wrapper(wasm_exec_env_t exec_env, const char *host,
                                     wasi_addr_t *addr_info,
                                     uint32 addr_info_size,
                                     uint32 *max_info_size) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  uint64 addr_info_byte_size = sizeof(*addr_info) * addr_info_size;
  if (addr_info_byte_size / addr_info_size != sizeof(*addr_info))
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: guest-controlled 'addr_info_size' is used as a divisor without a check for zero: the guest can crash the host [memtidy-wasm-unchecked-guest-offset]
    return 28;
  if (!validate_native_addr(addr_info, addr_info_byte_size))
    return 28;
  if (!validate_native_addr(max_info_size, sizeof(*max_info_size)))
    return 28;
  return wasmtime_ssp_sock_addr_resolve(exec_env, get_curfds(exec_env), host,
                                        addr_info, addr_info_size,
                                        max_info_size);
}

// Silent: a pointer tested for NULL is the callee's to test again.
static int sock_recv_from_wrapper(wasm_exec_env_t exec_env, int sock,
                                  wasi_addr_t *src_addr, uint32 *ro_data_len) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  static uint8 buf[64];
  size_t recv_bytes = 0;
  int err;
  if (src_addr != NULL && !validate_native_addr(src_addr, sizeof(*src_addr)))
    return 28;
  if (!validate_native_addr(ro_data_len, (uint64)sizeof(uint32)))
    return 28;
  err = wasmtime_ssp_sock_recv_from(exec_env, get_curfds(exec_env), sock, buf,
                                    sizeof(buf), src_addr, &recv_bytes);
  *ro_data_len = (uint32)recv_bytes;
  return err;
}

// Silent: a function of another file given the module instance validates
// on its own (wasi-nn's graph_builder_array_app_native).
static int nn_load_wrapper(wasm_exec_env_t exec_env, iovec_app_t *builder,
                           uint32 builder_size) {
  wasm_module_inst_t instance = wasm_runtime_get_module_inst(exec_env);
  static uint8 native[16];
  return graph_builder_app_native(instance, builder, builder_size, native);
}

// Silent: lib-pthread pthread_join converts the signed offset it validated.
static int32 pthread_join_wrapper(wasm_exec_env_t exec_env, uint32 thread,
                                  int32 retval_offset) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  void **retval;
  if (!validate_app_addr((uint64)retval_offset, (uint64)sizeof(int32)))
    return -1;
  retval = (void **)addr_app_to_native((uint64)retval_offset);
  if (retval_offset != 0)
    *(uint32 *)retval = thread;
  return 0;
}

// Silent: libc-wasi's errno-style helpers: allocate_iovec_app_buffer
// validates the iovec array and returns 0 only then.
static int allocate_iovec_app_buffer(wasm_module_inst_t module_inst,
                                     const iovec_app_t *data, uint32 data_len,
                                     uint8 **buf_ptr, uint64 *buf_len) {
  uint64 total_size;
  uint32 i;
  uint8 *buf_begin;
  if (data_len == 0)
    return 28;
  total_size = sizeof(iovec_app_t) * (uint64)data_len;
  if (total_size >= UINT32_MAX ||
      !validate_native_addr((void *)data, total_size))
    return 28;
  for (total_size = 0, i = 0; i < data_len; i++, data++)
    total_size += data->buf_len;
  if (total_size == 0)
    return 28;
  if (total_size >= UINT32_MAX ||
      !(buf_begin = wasm_runtime_malloc((uint32)total_size)))
    return 48;
  *buf_len = total_size;
  *buf_ptr = buf_begin;
  return 0;
}

static int copy_buffer_to_iovec_app(wasm_module_inst_t module_inst,
                                    uint8 *buf, iovec_app_t *data,
                                    uint32 data_len) {
  for (uint32 i = 0; i < data_len; data++, i++) {
    if (!validate_app_addr((uint64)data->buf_offset, (uint64)data->buf_len))
      return 28;
    bh_memcpy_s(addr_app_to_native((uint64)data->buf_offset), data->buf_len,
                buf, data->buf_len);
  }
  return 0;
}

static int sock_recv_wrapper(wasm_exec_env_t exec_env, int sock,
                             iovec_app_t *ri_data, uint32 ri_data_len) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  uint8 *buf_begin = NULL;
  uint64 total_size;
  int err = allocate_iovec_app_buffer(module_inst, ri_data, ri_data_len,
                                      &buf_begin, &total_size);
  if (err != 0)
    goto fail;
  err = copy_buffer_to_iovec_app(module_inst, buf_begin, ri_data, ri_data_len);
fail:
  if (buf_begin)
    wasm_runtime_free(buf_begin);
  return err;
}

// Silent: libc-emcc's uname copies host-computed lengths, clamped to each
// field, into a structure validated whole.
struct utsname_app {
  char sysname[65];
  char nodename[65];
  char release[65];
};

static int sys_uname_wrapper(wasm_exec_env_t exec_env,
                             struct utsname_app *uname_app) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  static const char *names[3] = {"Linux", "host", "6.1"};
  uint32 length;
  if (!validate_native_addr(uname_app, (uint64)sizeof(struct utsname_app)))
    return -1;
  memset(uname_app, 0, sizeof(struct utsname_app));
  length = strlen(names[0]);
  if (length > sizeof(uname_app->sysname) - 1)
    length = sizeof(uname_app->sysname) - 1;
  bh_memcpy_s(uname_app->sysname, sizeof(uname_app->sysname), names[0],
              length);
  length = strlen(names[1]);
  if (length > sizeof(uname_app->nodename) - 1)
    length = sizeof(uname_app->nodename) - 1;
  bh_memcpy_s(uname_app->nodename, sizeof(uname_app->nodename), names[1],
              length);
  length = strlen(names[2]);
  if (length > sizeof(uname_app->release) - 1)
    length = sizeof(uname_app->release) - 1;
  bh_memcpy_s(uname_app->release, sizeof(uname_app->release), names[2],
              length);
  return 0;
}

static NativeSymbol native_symbols[] = {
    {"strtol", strtol_wrapper, "($*i)i", NULL},
    {"sock_get_recv_buf_size", sock_get_recv_buf_size_wrapper, "(i*)i", NULL},
    {"sock_accept_before", sock_accept_before_wrapper, "(ii*)i", NULL},
    {"sock_accept_after", sock_accept_after_wrapper, "(ii*)i", NULL},
    {"sock_addr_resolve", sock_addr_resolve_wrapper, "($*i*)i", NULL},
    {"sock_recv_from", sock_recv_from_wrapper, "(i**)i", NULL},
    {"nn_load", nn_load_wrapper, "(*i)i", NULL},
    {"pthread_join", pthread_join_wrapper, "(ii)i", NULL},
    {"sock_recv", sock_recv_wrapper, "(i*i)i", NULL},
    {"uname", sys_uname_wrapper, "(*)i", NULL},
};

uint32 get_libc_natives(NativeSymbol **p) {
  *p = native_symbols;
  return sizeof(native_symbols) / sizeof(NativeSymbol);
}
