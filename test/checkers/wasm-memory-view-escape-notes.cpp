// RUN: %check_memtidy %s memtidy-wasm-memory-view-escape %t -- -- -nostdinc -isystem %headers

// The notes name where the view was made and what may have moved it, also
// through helpers of the file and on one path of a branch.

#include <emscripten/val.h>
#include <stdlib.h>
#include <vector>

using namespace emscripten;

struct Cache {
  std::vector<int> entries;
};

static void remember(Cache &cache, int value) {
  cache.entries.push_back(value);
}

static void record(Cache &cache, int value) { remember(cache, value); }

void growsThroughHelpers(const float *samples, Cache &cache, val port) {
  val view(typed_memory_view(64, samples));
  record(cache, 1);
  port.call<void>("postMessage", view);
  // CHECK-NOTES: :[[@LINE-1]]:34: warning: 'view' holds a memory view and is used after 'record', which may allocate and grow linear memory; growth detaches the view [memtidy-wasm-memory-view-escape]
  // CHECK-NOTES: :[[@LINE-4]]:12: note: the view is created here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'record' may allocate here: it calls 'cache.entries.push_back'
}

void growsOnOnePath(const float *samples, bool log, val port) {
  val view(typed_memory_view(64, samples));
  char *line = nullptr;
  if (log)
    line = (char *)malloc(80);
  port.call<void>("postMessage", view);
  // CHECK-NOTES: :[[@LINE-1]]:34: warning: 'view' holds a memory view and is used after 'malloc', which may allocate and grow linear memory; growth detaches the view [memtidy-wasm-memory-view-escape]
  // CHECK-NOTES: :[[@LINE-6]]:12: note: the view is created here
  // CHECK-NOTES: :[[@LINE-4]]:20: note: 'malloc' may allocate here
  free(line);
}

void copiedHolder(std::vector<unsigned char> &bytes, val port) {
  val view(typed_memory_view(bytes.size(), bytes.data()));
  val alias = view;
  bytes.resize(bytes.size() * 2);
  port.call<void>("postMessage", alias);
  // CHECK-NOTES: :[[@LINE-1]]:34: warning: 'alias' is a memory view of the elements of 'bytes' and is used after 'bytes.resize', which may move them [memtidy-wasm-memory-view-escape]
  // CHECK-NOTES: :[[@LINE-5]]:12: note: the view is created here
  // CHECK-NOTES: :[[@LINE-4]]:3: note: 'bytes' may reallocate here
}

val escapesAndIsStale(const int *data) {
  int local[4] = {0};
  val view(typed_memory_view(4, local));
  int *more = new int[4];
  delete[] more;
  return view;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: memory view of local 'local' escapes through the return value; 'local' is destroyed when the function returns [memtidy-wasm-memory-view-escape]
  // CHECK-NOTES: :[[@LINE-5]]:12: note: the view is created here
  // CHECK-NOTES: :[[@LINE-3]]:10: warning: 'view' holds a memory view and is used after 'new[]', which may allocate and grow linear memory; growth detaches the view [memtidy-wasm-memory-view-escape]
  // CHECK-NOTES: :[[@LINE-7]]:12: note: the view is created here
  // CHECK-NOTES: :[[@LINE-7]]:15: note: 'new[]' may allocate here
}

void staleInLoop(const int *data, int n, val port) {
  val view(typed_memory_view(4, data));
  for (int i = 0; i < n; ++i) {
    port.call<void>("postMessage", view);
    // CHECK-NOTES: :[[@LINE-1]]:36: warning: 'view' holds a memory view and is used after 'std::vector<int>::vector', which may allocate and grow linear memory; growth detaches the view [memtidy-wasm-memory-view-escape]
    // CHECK-NOTES: :[[@LINE-4]]:12: note: the view is created here
    // CHECK-NOTES: :[[@LINE+1]]:22: note: 'std::vector<int>::vector' may allocate here
    std::vector<int> grown(i + 1);
  }
}
