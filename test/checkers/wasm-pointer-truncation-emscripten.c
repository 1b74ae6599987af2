// REQUIRES: emscripten
// RUN: %check_memtidy --check-suffixes=W32 %s memtidy-wasm-pointer-truncation %t -- -- --target=wasm32-unknown-emscripten -nostdinc -isystem %emscripten_sysroot/include
// RUN: %check_memtidy --check-suffixes=W64 %s memtidy-wasm-pointer-truncation %t -- -- --target=wasm64-unknown-emscripten -nostdinc -isystem %emscripten_sysroot/include

// Against Emscripten 3.1.6's own headers, which predate EM_ASM_PTR: on
// wasm32 an EM_ASM_INT pointer is correct and nothing better exists, so it
// is not reported; on wasm64 it is, without a fix-it.

#include <emscripten.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

char *bufferFromJavaScript(void) {
  return (char *)EM_ASM_INT({ return Module.buffer; });
  // CHECK-MESSAGES-W64: :[[@LINE-1]]:18: warning: result of 'EM_ASM_INT' used as a pointer: it is a 32-bit int, which cannot hold a wasm64 address; use 'EM_ASM_PTR' instead [memtidy-wasm-pointer-truncation]
}

void freedThroughInt(void) {
  int ptr = EM_ASM_INT({ return _malloc(8); });
  free((void *)ptr);
  // CHECK-MESSAGES-W64: :[[@LINE-1]]:8: warning: result of 'EM_ASM_INT' used as a pointer: it is a 32-bit int, which cannot hold a wasm64 address; use 'EM_ASM_PTR' instead [memtidy-wasm-pointer-truncation]
}

int lengthOf(const char *s) {
  int n = strlen(s);
  // CHECK-MESSAGES-W64: :[[@LINE-1]]:11: warning: 'size_t' value converted to the 32-bit 'int', which cannot hold every size on wasm64; keep it in 'size_t' [memtidy-wasm-pointer-truncation]
  return n;
}

uint32_t addressOf(const void *p) {
  return (uint32_t)(uintptr_t)p;
  // CHECK-MESSAGES-W64: :[[@LINE-1]]:10: warning: pointer converted to the 32-bit 'uint32_t', which cannot hold every address on wasm64; keep it in 'uintptr_t' [memtidy-wasm-pointer-truncation]
}
