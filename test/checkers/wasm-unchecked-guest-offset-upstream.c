// RUN: %check_memtidy %s memtidy-wasm-unchecked-guest-offset %t -- -- -nostdinc -isystem %headers -isystem %headers/wasm

// Fixes to WAMR's native libraries, retold on mock headers: each function
// before its fix is reported, after it silent.

#include <bh_platform.h>
#include <string.h>
#include <wasm_export.h>

#define get_module_inst(exec_env) wasm_runtime_get_module_inst(exec_env)
#define validate_app_addr(offset, size) wasm_runtime_validate_app_addr(module_inst, offset, size)
#define validate_native_addr(addr, size) wasm_runtime_validate_native_addr(module_inst, addr, size)
#define addr_app_to_native(offset) wasm_runtime_addr_app_to_native(module_inst, offset)

// libc-wasi poll_oneoff (1f98fb01, 2026): the subscriptions and events were
// validated as one element each, then all of them were used.
typedef struct {
  uint64 userdata;
  uint8 type;
  uint8 pad[7];
  uint64 timeout;
} subscription_t;
typedef struct {
  uint64 userdata;
  uint16 error;
  uint8 type;
  uint8 pad[5];
} event_t;

static int poll_subscriptions(const subscription_t *in, event_t *out,
                              uint32 nsubscriptions) {
  int ready = 0;
  for (uint32 i = 0; i < nsubscriptions; i++) {
    out[i].userdata = in[i].userdata;
    out[i].type = in[i].type;
    ready++;
  }
  return ready;
}

static int poll_oneoff_before_wrapper(wasm_exec_env_t exec_env,
                                      const subscription_t *in, event_t *out,
                                      uint32 nsubscriptions, uint32 *nevents) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  if (!validate_native_addr((void *)in, (uint64)sizeof(subscription_t)) ||
      !validate_native_addr(out, (uint64)sizeof(event_t)) ||
      !validate_native_addr(nevents, (uint64)sizeof(uint32)))
    return -1;
  *nevents = poll_subscriptions(in, out, nsubscriptions);
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'nsubscriptions * 24' bytes at 'in' are accessed here, but only 24 bytes were validated: one element was validated, not all of them [memtidy-wasm-unchecked-guest-offset]
  // CHECK-MESSAGES: :[[@LINE-2]]:37: warning: 'nsubscriptions * 16' bytes at 'out' are accessed here, but only 16 bytes were validated: one element was validated, not all of them [memtidy-wasm-unchecked-guest-offset]
  return 0;
}

static int poll_oneoff_after_wrapper(wasm_exec_env_t exec_env,
                                     const subscription_t *in, event_t *out,
                                     uint32 nsubscriptions, uint32 *nevents) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  uint64 in_size = (uint64)nsubscriptions * sizeof(subscription_t);
  uint64 out_size = (uint64)nsubscriptions * sizeof(event_t);
  if (!validate_native_addr((void *)in, in_size) ||
      !validate_native_addr(out, out_size) ||
      !validate_native_addr(nevents, (uint64)sizeof(uint32)))
    return -1;
  *nevents = poll_subscriptions(in, out, nsubscriptions);
  return 0;
}

// The same fix in the shape of the real code with WAMR's thread manager:
// a size_t count narrowed back to 32 bits, a pointer to each element, and
// a copy of the whole array.
static uint64 get_timeout_for_poll_oneoff(const subscription_t *in,
                                          uint32 nsubscriptions) {
  uint64 timeout = (uint64)-1;
  uint32 i = 0;
  for (i = 0; i < nsubscriptions; ++i) {
    const subscription_t *s = &in[i];
    if (s->type == 0 && s->timeout < timeout)
      timeout = s->timeout;
  }
  return timeout;
}

static int execute_interruptible_poll_oneoff(const subscription_t *in,
                                             event_t *out,
                                             size_t nsubscriptions,
                                             size_t *nevents) {
  if (nsubscriptions == 0) {
    *nevents = 0;
    return 0;
  }
  const uint64 timeout =
      get_timeout_for_poll_oneoff(in, (uint32)nsubscriptions);
  const uint64 size_to_copy = nsubscriptions * (uint64)sizeof(subscription_t);
  subscription_t *in_copy = NULL;
  if (size_to_copy >= UINT32_MAX ||
      !(in_copy = wasm_runtime_malloc((uint32)size_to_copy)))
    return 48;
  bh_memcpy_s(in_copy, (uint32)size_to_copy, in, (uint32)size_to_copy);
  *nevents = timeout == 0 ? 0 : 1;
  wasm_runtime_free(in_copy);
  return 0;
}

static int wasi_poll_oneoff_before(wasm_exec_env_t exec_env,
                                   const subscription_t *in, event_t *out,
                                   uint32 nsubscriptions, uint32 *nevents_app) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  size_t nevents = 0;
  int err;
  if (!validate_native_addr((void *)in, (uint64)sizeof(subscription_t)) ||
      !validate_native_addr(out, (uint64)sizeof(event_t)) ||
      !validate_native_addr(nevents_app, (uint64)sizeof(uint32)))
    return -1;
  err = execute_interruptible_poll_oneoff(in, out, nsubscriptions, &nevents);
  // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: 'nsubscriptions * 24' bytes at 'in' are accessed here, but only 24 bytes were validated: one element was validated, not all of them [memtidy-wasm-unchecked-guest-offset]
  if (err)
    return err;
  *nevents_app = (uint32)nevents;
  return 0;
}

static int wasi_poll_oneoff_after(wasm_exec_env_t exec_env,
                                  const subscription_t *in, event_t *out,
                                  uint32 nsubscriptions, uint32 *nevents_app) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  size_t nevents = 0;
  uint64 subscriptions_size = (uint64)nsubscriptions * sizeof(subscription_t);
  uint64 events_size = (uint64)nsubscriptions * sizeof(event_t);
  int err;
  if (!validate_native_addr((void *)in, subscriptions_size) ||
      !validate_native_addr(out, events_size) ||
      !validate_native_addr(nevents_app, (uint64)sizeof(uint32)))
    return -1;
  err = execute_interruptible_poll_oneoff(in, out, nsubscriptions, &nevents);
  if (err)
    return err;
  *nevents_app = (uint32)nevents;
  return 0;
}

// libc-wasi sockets (5e779b3d, 2025): '*' pointers, validated for one byte
// by the runtime, were handed to functions that store whole structures.
typedef struct {
  uint8 kind;
  uint8 addr[16];
  uint16 port;
} addr_t;

static int store_fd(int fd, int *fd_new) {
  *fd_new = fd + 1;
  return 0;
}

static int store_addresses(const char *host, addr_t *out, uint32 count,
                           uint32 *found) {
  for (uint32 i = 0; i < count; i++) {
    out[i].kind = 4;
    out[i].port = 0;
  }
  *found = count;
  return 0;
}

static int sock_accept_before_wrapper(wasm_exec_env_t exec_env, int fd,
                                      int *fd_new) {
  return store_fd(fd, fd_new);
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 4 bytes of 'fd_new' are accessed here, but '*' in the signature of 'sock_accept_before_wrapper' makes the runtime validate only 1 byte; validate the size it needs first [memtidy-wasm-unchecked-guest-offset]
}

static int sock_accept_after_wrapper(wasm_exec_env_t exec_env, int fd,
                                     int *fd_new) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  if (!validate_native_addr(fd_new, sizeof(*fd_new)))
    return 28;
  return store_fd(fd, fd_new);
}

static int sock_addr_resolve_before_wrapper(wasm_exec_env_t exec_env,
                                            const char *host, addr_t *addr_info,
                                            uint32 addr_info_size,
                                            uint32 *max_info_size) {
  return store_addresses(host, addr_info, addr_info_size, max_info_size);
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: 'addr_info_size * 20' bytes of 'addr_info' are accessed here, but '*' in the signature of 'sock_addr_resolve_before_wrapper' makes the runtime validate only 1 byte; declare it '*~' so that the next parameter, 'addr_info_size', is validated as its length [memtidy-wasm-unchecked-guest-offset]
  // CHECK-MESSAGES: :[[@LINE-2]]:59: warning: 4 bytes of 'max_info_size' are accessed here, but '*' in the signature of 'sock_addr_resolve_before_wrapper' makes the runtime validate only 1 byte; validate the size it needs first [memtidy-wasm-unchecked-guest-offset]
}

static int sock_addr_resolve_after_wrapper(wasm_exec_env_t exec_env,
                                           const char *host, addr_t *addr_info,
                                           uint32 addr_info_size,
                                           uint32 *max_info_size) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  uint64 addr_info_byte_size = sizeof(*addr_info) * addr_info_size;
  if (!validate_native_addr(addr_info, addr_info_byte_size))
    return 28;
  if (!validate_native_addr(max_info_size, sizeof(*max_info_size)))
    return 28;
  return store_addresses(host, addr_info, addr_info_size, max_info_size);
}

// wasi-nn get_output (7263a04e, 2025): "(ii*i*)" converts the output buffer
// after validating one byte; the backend writes the whole length into it.
static int backend_copy_output(void *output_tensor, uint32 len) {
  static const uint8 result[256];
  memcpy(output_tensor, result, len);
  return 0;
}

static int get_output_before_wrapper(wasm_exec_env_t exec_env, int ctx,
                                     uint32 index, void *output_tensor,
                                     uint32 output_tensor_len,
                                     uint32 *output_tensor_size) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  if (!validate_native_addr(output_tensor_size, sizeof(uint32)))
    return 1;
  *output_tensor_size = output_tensor_len;
  return backend_copy_output(output_tensor, output_tensor_len);
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'output_tensor_len' bytes of 'output_tensor' are accessed here, but '*' in the signature of 'get_output_before_wrapper' makes the runtime validate only 1 byte; declare it '*~' so that the next parameter, 'output_tensor_len', is validated as its length [memtidy-wasm-unchecked-guest-offset]
}

static int get_output_after_wrapper(wasm_exec_env_t exec_env, int ctx,
                                    uint32 index, void *output_tensor,
                                    uint32 output_tensor_len,
                                    uint32 *output_tensor_size) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  if (!validate_native_addr(output_tensor, output_tensor_len))
    return 1;
  if (!validate_native_addr(output_tensor_size, sizeof(uint32)))
    return 1;
  *output_tensor_size = output_tensor_len;
  return backend_copy_output(output_tensor, output_tensor_len);
}

// wasi-nn set_input, legacy ABI (6b51c61f, 2025): the tensor's element
// count was validated as if it counted bytes.
typedef struct {
  uint32 dims_offset;
  uint32 data_offset;
} tensor_wasm_t;

static float input[1024];

static int set_input_before_wrapper(wasm_exec_env_t exec_env, int ctx,
                                    uint32 index, tensor_wasm_t *tensor,
                                    uint32 total_elements) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  if (!validate_native_addr(tensor, sizeof(*tensor)))
    return 1;
  if (!validate_app_addr(tensor->data_offset, total_elements))
    return 1;
  float *data = addr_app_to_native(tensor->data_offset);
  memcpy(input, data, total_elements * sizeof(float));
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'total_elements * 4' bytes at 'tensor->data_offset' are accessed here, but only 'total_elements' bytes were validated: the validated size counts elements, not bytes [memtidy-wasm-unchecked-guest-offset]
  return 0;
}

static int set_input_after_wrapper(wasm_exec_env_t exec_env, int ctx,
                                   uint32 index, tensor_wasm_t *tensor,
                                   uint32 total_elements) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  uint64 data_size_in_bytes = (uint64)total_elements * sizeof(float);
  if (!validate_native_addr(tensor, sizeof(*tensor)))
    return 1;
  if (!validate_app_addr(tensor->data_offset, data_size_in_bytes))
    return 1;
  float *data = addr_app_to_native(tensor->data_offset);
  memcpy(input, data, total_elements * sizeof(float));
  return 0;
}

// wasi-nn load_by_name (a0de8c7b, 2025): the name was validated for its
// length, then read one byte past it for a terminator.
static int load_by_name_before_wrapper(wasm_exec_env_t exec_env, char *name,
                                       uint32 name_len, uint32 *g) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  if (!validate_native_addr(name, name_len))
    return 1;
  if (!validate_native_addr(g, sizeof(*g)))
    return 1;
  if (name_len == 0 || name[name_len] != '\0')
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'name_len + 1' bytes at 'name' are accessed here, but only 'name_len' bytes were validated [memtidy-wasm-unchecked-guest-offset]
    return 1;
  *g = 0;
  return 0;
}

static int load_by_name_after_wrapper(wasm_exec_env_t exec_env, char *name,
                                      uint32 name_len, uint32 *g) {
  wasm_module_inst_t module_inst = get_module_inst(exec_env);
  static char copy[256];
  if (!validate_native_addr(g, sizeof(*g)))
    return 1;
  if (!validate_native_addr(name, name_len) || name_len >= sizeof(copy))
    return 1;
  memcpy(copy, name, name_len);
  copy[name_len] = '\0';
  *g = 0;
  return 0;
}

static NativeSymbol native_symbols[] = {
    {"poll_oneoff_before", poll_oneoff_before_wrapper, "(**i*)i", NULL},
    {"poll_oneoff_after", poll_oneoff_after_wrapper, "(**i*)i", NULL},
    {"wasi_poll_oneoff_before", wasi_poll_oneoff_before, "(**i*)i", NULL},
    {"wasi_poll_oneoff_after", wasi_poll_oneoff_after, "(**i*)i", NULL},
    {"sock_accept_before", sock_accept_before_wrapper, "(i*)i", NULL},
    {"sock_accept_after", sock_accept_after_wrapper, "(i*)i", NULL},
    {"sock_addr_resolve_before", sock_addr_resolve_before_wrapper, "($*i*)i", NULL},
    {"sock_addr_resolve_after", sock_addr_resolve_after_wrapper, "($*i*)i", NULL},
    {"get_output_before", get_output_before_wrapper, "(ii*i*)i", NULL},
    {"get_output_after", get_output_after_wrapper, "(ii*i*)i", NULL},
    {"set_input_before", set_input_before_wrapper, "(ii*i)i", NULL},
    {"set_input_after", set_input_after_wrapper, "(ii*i)i", NULL},
    {"load_by_name_before", load_by_name_before_wrapper, "(*i*)i", NULL},
    {"load_by_name_after", load_by_name_after_wrapper, "(*i*)i", NULL},
};

uint32 get_upstream_natives(NativeSymbol **p) {
  *p = native_symbols;
  return sizeof(native_symbols) / sizeof(NativeSymbol);
}
