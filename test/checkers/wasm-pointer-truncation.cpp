// RUN: %check_memtidy --compile-fixed --check-suffixes=M64 %s memtidy-wasm-pointer-truncation %t -- \
// RUN:   -config="{CheckOptions: {memtidy-wasm-pointer-truncation.Memory64: true}}" -- -nostdinc -isystem %headers
// RUN: %check_memtidy --check-suffixes=M32 %s memtidy-wasm-pointer-truncation %t -- \
// RUN:   -config="{CheckOptions: {memtidy-wasm-pointer-truncation.Memory64: false}}" -- -nostdinc -isystem %headers
// RUN: %check_memtidy --check-suffixes=HOST %s memtidy-wasm-pointer-truncation %t -- -- -nostdinc -isystem %headers

// C++ spellings. M64: Memory64 set for code compiled for the host, e.g.
// built by emcc -sMEMORY64 and analyzed without the wasm64 target. M32:
// Memory64 false says the program only targets wasm32, with the default
// 2 GiB maximum: nothing is reported. HOST: the host target with Memory64
// left to the target: only EM_ASM_INT pointers, for portability.

#include <emscripten/em_asm.h>
#include <stddef.h>
#include <stdint.h>
#include <vector>

struct Frame {
  unsigned char *pixels;
};

Frame *frameFromJavaScript() {
  return reinterpret_cast<Frame *>(EM_ASM_INT({ return Module.frame; }));
  // CHECK-MESSAGES-M64: :[[@LINE-1]]:36: warning: result of 'EM_ASM_INT' used as a pointer: it is a 32-bit int, which cannot hold a wasm64 address; use 'EM_ASM_PTR' instead [memtidy-wasm-pointer-truncation]
  // CHECK-MESSAGES-HOST: :[[@LINE-2]]:36: warning: result of 'EM_ASM_INT' used as a pointer: it is a 32-bit int, which cannot hold a wasm64 address; use 'EM_ASM_PTR' instead [memtidy-wasm-pointer-truncation]
  // CHECK-FIXES-M64: {{^}}  return reinterpret_cast<Frame *>(EM_ASM_PTR({ return Module.frame; }));{{$}}
}

unsigned char *onMainThread() {
  return (unsigned char *)MAIN_THREAD_EM_ASM_INT({ return Module.buf; });
  // CHECK-MESSAGES-M64: :[[@LINE-1]]:27: warning: result of 'MAIN_THREAD_EM_ASM_INT' used as a pointer: it is a 32-bit int, which cannot hold a wasm64 address; use 'MAIN_THREAD_EM_ASM_PTR' instead [memtidy-wasm-pointer-truncation]
  // CHECK-MESSAGES-HOST: :[[@LINE-2]]:27: warning: result of 'MAIN_THREAD_EM_ASM_INT' used as a pointer: it is a 32-bit int, which cannot hold a wasm64 address; use 'MAIN_THREAD_EM_ASM_PTR' instead [memtidy-wasm-pointer-truncation]
  // CHECK-FIXES-M64: {{^}}  return (unsigned char *)MAIN_THREAD_EM_ASM_PTR({ return Module.buf; });{{$}}
}

#define JS_POINTER(code) ((void *)EM_ASM_INT(code))
// CHECK-FIXES-M64: {{^}}#define JS_POINTER(code) ((void *)EM_ASM_INT(code)){{$}}

void *throughUserMacro() {
  return JS_POINTER({ return 0; });
  // CHECK-MESSAGES-M64: :[[@LINE-1]]:10: warning: result of 'JS_POINTER' used as a pointer: it is a 32-bit int, which cannot hold a wasm64 address; use 'EM_ASM_PTR' instead [memtidy-wasm-pointer-truncation]
  // CHECK-MESSAGES-HOST: :[[@LINE-2]]:10: warning: result of 'JS_POINTER' used as a pointer: it is a 32-bit int, which cannot hold a wasm64 address; use 'EM_ASM_PTR' instead [memtidy-wasm-pointer-truncation]
}

char *throughImplicitConversion() {
  long address = EM_ASM_INT({ return 0; });
  // CHECK-FIXES-M64: {{^}}  long address = EM_ASM_INT({ return 0; });{{$}}
  return (char *)address;
  // CHECK-MESSAGES-M64: :[[@LINE-1]]:10: warning: result of 'EM_ASM_INT' used as a pointer: it is a 32-bit int, which cannot hold a wasm64 address; use 'EM_ASM_PTR' instead [memtidy-wasm-pointer-truncation]
  // CHECK-MESSAGES-HOST: :[[@LINE-2]]:10: warning: result of 'EM_ASM_INT' used as a pointer: it is a 32-bit int, which cannot hold a wasm64 address; use 'EM_ASM_PTR' instead [memtidy-wasm-pointer-truncation]
}

int elementCount(const std::vector<int> &v) {
  int count = v.size();
  // CHECK-MESSAGES-M64: :[[@LINE-1]]:15: warning: 'size_t' value converted to the 32-bit 'int', which cannot hold every size on wasm64; keep it in 'size_t' [memtidy-wasm-pointer-truncation]
  return count;
}

uint32_t pointerIdentity(const Frame *f) {
  return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(f));
  // CHECK-MESSAGES-M64: :[[@LINE-1]]:10: warning: pointer converted to the 32-bit 'uint32_t', which cannot hold every address on wasm64; keep it in 'uintptr_t' [memtidy-wasm-pointer-truncation]
}

// --- Silent -----------------------------------------------------------------

bool inRange(const std::vector<int> &v, int i) { return i < v.size(); }

uint64_t widened(const Frame *f) {
  return reinterpret_cast<uintptr_t>(f);
}
