// RUN: %check_memtidy %s memtidy-wasm-capi-ownership %t -- -- -nostdinc -isystem %headers -isystem %headers/wasm

// wasm.h names (wasm_name_t) and byte vectors carry their length in 'size'
// and no NUL: reading their 'data' as a C string runs past the end.
// Trap messages (wasm_message_t) end in a NUL and may be printed.

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasm.h>

void listImports(const wasm_importtype_vec_t *imports) {
  for (size_t i = 0; i < imports->size; ++i) {
    const wasm_name_t *module = wasm_importtype_module(imports->data[i]);
    const wasm_name_t *name = wasm_importtype_name(imports->data[i]);
    printf("import %s.%s\n", module->data, name->data);
    // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'module->data' is not NUL-terminated (wasm.h names and byte vectors carry their length in 'module->size'), but 'printf' reads it as a C string; bound the read by 'module->size' or copy it with a terminating NUL [memtidy-wasm-capi-ownership]
    // CHECK-MESSAGES: :[[@LINE-2]]:44: warning: 'name->data' is not NUL-terminated (wasm.h names and byte vectors carry their length in 'name->size'), but 'printf' reads it as a C string; bound the read by 'name->size' or copy it with a terminating NUL [memtidy-wasm-capi-ownership]
  }
}

int isMemoryExport(const wasm_exporttype_t *export_type) {
  const wasm_name_t *name = wasm_exporttype_name(export_type);
  return strcmp(name->data, "memory") == 0 || strlen(name->data) == 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'name->data' is not NUL-terminated (wasm.h names and byte vectors carry their length in 'name->size'), but 'strcmp' reads it as a C string; bound the read by 'name->size' or copy it with a terminating NUL [memtidy-wasm-capi-ownership]
  // CHECK-MESSAGES: :[[@LINE-2]]:54: warning: 'name->data' is not NUL-terminated (wasm.h names and byte vectors carry their length in 'name->size'), but 'strlen' reads it as a C string; bound the read by 'name->size' or copy it with a terminating NUL [memtidy-wasm-capi-ownership]
}

char *keepName(wasm_name_t name) {
  return strdup(name.data);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'name.data' is not NUL-terminated (wasm.h names and byte vectors carry their length in 'name.size'), but 'strdup' reads it as a C string; bound the read by 'name.size' or copy it with a terminating NUL [memtidy-wasm-capi-ownership]
}

FILE *openNamed(const wasm_byte_vec_t *path) {
  return fopen((const char *)path->data, "rb");
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'path->data' is not NUL-terminated (wasm.h names and byte vectors carry their length in 'path->size'), but 'fopen' reads it as a C string; bound the read by 'path->size' or copy it with a terminating NUL [memtidy-wasm-capi-ownership]
}

// --- Silent -----------------------------------------------------------------

void printBounded(const wasm_name_t *name) {
  printf("export %.*s\n", (int)name->size, name->data);
}

int compareBounded(const wasm_name_t *name) {
  return name->size == 6 && strncmp(name->data, "memory", name->size) == 0;
}

char *copyBounded(const wasm_name_t *name) {
  return strndup(name->data, name->size);
}

void printTrap(wasm_trap_t *trap) {
  wasm_message_t message;
  wasm_trap_message(trap, &message);
  printf("trap: %s\n", message.data);
  wasm_byte_vec_delete(&message);
  wasm_trap_delete(trap);
}

// The wasm-c-api examples declare the message as a wasm_name_t; what
// wasm_trap_message fills still ends in a NUL.
void printTrapAsName(wasm_trap_t *trap) {
  wasm_name_t message;
  wasm_trap_message(trap, &message);
  printf("> %s\n", message.data);
  wasm_name_delete(&message);
  wasm_trap_delete(trap);
}
