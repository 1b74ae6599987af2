// RUN: %check_memtidy --compile-fixed --check-suffixes=W64 %s memtidy-wasm-pointer-truncation %t -- -- -nostdinc -isystem %headers --target=wasm64-unknown-emscripten
// RUN: %check_memtidy --compile-fixed --check-suffixes=W32 %s memtidy-wasm-pointer-truncation %t -- -- -nostdinc -isystem %headers --target=wasm32-unknown-emscripten
// RUN: %check_memtidy --check-suffixes=BIG %s memtidy-wasm-pointer-truncation %t -- \
// RUN:   -config="{CheckOptions: {memtidy-wasm-pointer-truncation.MaximumMemoryMiB: 4096}}" \
// RUN:   -- -nostdinc -isystem %headers --target=wasm32-unknown-emscripten -DMOCK_EM_ASM_WITHOUT_PTR

// EM_ASM_INT results used as pointers and sizes, and pointers or sizes
// narrowed to 32 bits. W64: wasm64, every narrowing loses bits. W32:
// wasm32 with Emscripten's default 2 GiB maximum, where only EM_ASM_INT
// pointers are reported, for portability, because EM_ASM_PTR exists. BIG:
// wasm32 growing to 4 GiB with an Emscripten that has no EM_ASM_PTR:
// signed 32-bit values break, unsigned ones and EM_ASM_INT pointers do not.

#include <emscripten/em_asm.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

char *allocatedByJavaScript(void) {
  return (char *)EM_ASM_INT({ return _malloc(16); });
  // CHECK-MESSAGES-W64: :[[@LINE-1]]:18: warning: result of 'EM_ASM_INT' used as a pointer: it is a 32-bit int, which cannot hold a wasm64 address; use 'EM_ASM_PTR' instead [memtidy-wasm-pointer-truncation]
  // CHECK-MESSAGES-W32: :[[@LINE-2]]:18: warning: result of 'EM_ASM_INT' used as a pointer: it is a 32-bit int, which cannot hold a wasm64 address; use 'EM_ASM_PTR' instead [memtidy-wasm-pointer-truncation]
  // CHECK-FIXES-W64: {{^}}  return (char *)EM_ASM_PTR({ return _malloc(16); });{{$}}
  // CHECK-FIXES-W32: {{^}}  return (char *)EM_ASM_PTR({ return _malloc(16); });{{$}}
}

void *throughUintptr(void) {
  return (void *)(uintptr_t)EM_ASM_INT({ return Module.buffer_ptr; });
  // CHECK-MESSAGES-W64: :[[@LINE-1]]:29: warning: result of 'EM_ASM_INT' used as 'uintptr_t': it is a 32-bit int, which cannot hold a wasm64 address; use 'EM_ASM_PTR' instead [memtidy-wasm-pointer-truncation]
  // CHECK-MESSAGES-W32: :[[@LINE-2]]:29: warning: result of 'EM_ASM_INT' used as 'uintptr_t': it is a 32-bit int, which cannot hold a wasm64 address; use 'EM_ASM_PTR' instead [memtidy-wasm-pointer-truncation]
  // CHECK-FIXES-W64: {{^}}  return (void *)(uintptr_t)EM_ASM_PTR({ return Module.buffer_ptr; });{{$}}
  // CHECK-FIXES-W32: {{^}}  return (void *)(uintptr_t)EM_ASM_PTR({ return Module.buffer_ptr; });{{$}}
}

void freedThroughInt(void) {
  int ptr = EM_ASM_INT({ return _malloc(32); });
  free((void *)ptr);
  // CHECK-MESSAGES-W64: :[[@LINE-1]]:8: warning: result of 'EM_ASM_INT' used as a pointer: it is a 32-bit int, which cannot hold a wasm64 address; use 'EM_ASM_PTR' instead [memtidy-wasm-pointer-truncation]
  // CHECK-MESSAGES-W32: :[[@LINE-2]]:8: warning: result of 'EM_ASM_INT' used as a pointer: it is a 32-bit int, which cannot hold a wasm64 address; use 'EM_ASM_PTR' instead [memtidy-wasm-pointer-truncation]
}

intptr_t addressFromJavaScript(void) {
  intptr_t addr = EM_ASM_INT({ return allocate(intArrayFromString("hi"), ALLOC_NORMAL); });
  // CHECK-MESSAGES-W64: :[[@LINE-1]]:19: warning: result of 'EM_ASM_INT' used as 'intptr_t': it is a 32-bit int, which cannot hold a wasm64 address; use 'EM_ASM_PTR' instead [memtidy-wasm-pointer-truncation]
  // CHECK-MESSAGES-W32: :[[@LINE-2]]:19: warning: result of 'EM_ASM_INT' used as 'intptr_t': it is a 32-bit int, which cannot hold a wasm64 address; use 'EM_ASM_PTR' instead [memtidy-wasm-pointer-truncation]
  return addr;
}

size_t lengthFromJavaScript(void) {
  size_t len = EM_ASM_INT({ return lengthBytesUTF8(Module.title); });
  // CHECK-MESSAGES-W64: :[[@LINE-1]]:16: warning: result of 'EM_ASM_INT' used as 'size_t': it is a 32-bit int, which cannot hold every size on wasm64; use 'EM_ASM_PTR' instead [memtidy-wasm-pointer-truncation]
  // CHECK-MESSAGES-BIG: :[[@LINE-2]]:16: warning: result of 'EM_ASM_INT' used as 'size_t': it is a 32-bit int, which cannot hold every size of a linear memory of up to 4096 MiB; use 'EM_ASM_PTR' instead [memtidy-wasm-pointer-truncation]
  return len;
}

void sizeArgument(char *dst) {
  memset(dst, 0, EM_ASM_INT({ return Module.pad; }));
  // CHECK-MESSAGES-W64: :[[@LINE-1]]:18: warning: result of 'EM_ASM_INT' used as 'size_t': it is a 32-bit int, which cannot hold every size on wasm64; use 'EM_ASM_PTR' instead [memtidy-wasm-pointer-truncation]
  // CHECK-MESSAGES-BIG: :[[@LINE-2]]:18: warning: result of 'EM_ASM_INT' used as 'size_t': it is a 32-bit int, which cannot hold every size of a linear memory of up to 4096 MiB; use 'EM_ASM_PTR' instead [memtidy-wasm-pointer-truncation]
}

int pointerToInt(const char *p) {
  return (int)p;
  // CHECK-MESSAGES-W64: :[[@LINE-1]]:10: warning: pointer converted to the 32-bit 'int', which cannot hold every address on wasm64; keep it in 'uintptr_t' [memtidy-wasm-pointer-truncation]
  // CHECK-MESSAGES-BIG: :[[@LINE-2]]:10: warning: pointer converted to the 32-bit 'int', which cannot hold every address of a linear memory of up to 4096 MiB; keep it in 'uintptr_t' [memtidy-wasm-pointer-truncation]
}

uint32_t pointerToUint32(const void *p) {
  return (uint32_t)(uintptr_t)p;
  // CHECK-MESSAGES-W64: :[[@LINE-1]]:10: warning: pointer converted to the 32-bit 'uint32_t', which cannot hold every address on wasm64; keep it in 'uintptr_t' [memtidy-wasm-pointer-truncation]
}

int lengthToInt(const char *s) {
  int n = strlen(s);
  // CHECK-MESSAGES-W64: :[[@LINE-1]]:11: warning: 'size_t' value converted to the 32-bit 'int', which cannot hold every size on wasm64; keep it in 'size_t' [memtidy-wasm-pointer-truncation]
  // CHECK-MESSAGES-BIG: :[[@LINE-2]]:11: warning: 'size_t' value converted to the 32-bit 'int', which cannot hold every size of a linear memory of up to 4096 MiB; keep it in 'size_t' [memtidy-wasm-pointer-truncation]
  return n;
}

unsigned sizeToUnsigned(size_t size) {
  unsigned words = size;
  // CHECK-MESSAGES-W64: :[[@LINE-1]]:20: warning: 'size_t' value converted to the 32-bit 'unsigned int', which cannot hold every size on wasm64; keep it in 'size_t' [memtidy-wasm-pointer-truncation]
  return words;
}

// Emscripten's test_stack_get_free.c passes the distance to abs(int). On
// wasm32, intptr_t itself turns addresses above 2 GiB negative.
int stackUsed(const char *base, const char *top) {
  int used = (intptr_t)base - (intptr_t)top;
  // CHECK-MESSAGES-W64: :[[@LINE-1]]:14: warning: 'intptr_t' value converted to the 32-bit 'int', which cannot hold every address on wasm64; keep it in 'intptr_t' [memtidy-wasm-pointer-truncation]
  // CHECK-MESSAGES-BIG: :[[@LINE-2]]:14: warning: pointer converted to the 32-bit 'intptr_t', which cannot hold every address of a linear memory of up to 4096 MiB; keep it in 'uintptr_t' [memtidy-wasm-pointer-truncation]
  // CHECK-MESSAGES-BIG: :[[@LINE-3]]:31: warning: pointer converted to the 32-bit 'intptr_t', which cannot hold every address of a linear memory of up to 4096 MiB; keep it in 'uintptr_t' [memtidy-wasm-pointer-truncation]
  return used < 0 ? -used : used;
}

// --- Silent everywhere ------------------------------------------------------

int plainIntFromJavaScript(void) {
  int count = EM_ASM_INT({ return Module.count; });
  return count + EM_ASM_INT({ return 1; });
}

int comparedOnly(size_t n) {
  return EM_ASM_INT({ return 7; }) < n;
}

int constantSizes(void) {
  return (int)sizeof(struct { char c[64]; }) + (int)(sizeof(long) * 2);
}

uint32_t lowBits(uintptr_t address, size_t size) {
  return (uint32_t)(address & 0xfff) + (uint32_t)(size % 4096) +
         (uint32_t)(size >> 32);
}

uintptr_t keptWide(const void *p) {
  return (uintptr_t)p;
}

// Function pointers are table indices: a round trip through JavaScript
// keeps them (Emscripten's browser/async_2.cpp).
static int twice(int x) { return 2 * x; }
int functionPointerFromJavaScript(void) {
  int (*fp)(int) = (int (*)(int))EM_ASM_INT({ return $0; }, twice);
  return fp(1) + (int)fp;
}

// void * callback arguments that carry integers (Emscripten's pthread
// tests: pthread_create(&t, 0, thread_start, (void *)i)).
void *thread_start(void *arg) {
  long n = (long)arg;
  return (void *)(n + 1);
}

#ifndef MOCK_EM_ASM_WITHOUT_PTR
void *pointerResult(void) {
  return EM_ASM_PTR({ return _malloc(8); });
}
#endif
