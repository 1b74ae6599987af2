// RUN: %check_memtidy %s memtidy-wasm-memory-view-escape %t -- \
// RUN:   -config="{CheckOptions: {memtidy-wasm-memory-view-escape.AssumeStaticMemory: true}}" \
// RUN:   -- -nostdinc -isystem %headers

// AssumeStaticMemory: built without ALLOW_MEMORY_GROWTH, an allocation
// cannot detach a view, so such uses are remarks. A growing container still
// moves its elements, and a local still dies with its function.

#include <emscripten/val.h>
#include <stdlib.h>
#include <vector>

using namespace emscripten;

void allocationIsARemark(const float *samples, val port) {
  val view(typed_memory_view(64, samples));
  void *scratch = malloc(4096);
  port.call<void>("postMessage", view);
  // CHECK-MESSAGES: :[[@LINE-1]]:34: {{remark|note}}: 'view' holds a memory view and is used after 'malloc', which may allocate and grow linear memory [memtidy-wasm-memory-view-escape]
  free(scratch);
}

void growthStillMovesTheElements(std::vector<float> &samples, val port) {
  val view(typed_memory_view(samples.size(), samples.data()));
  samples.push_back(0);
  port.call<void>("postMessage", view);
  // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: 'view' is a memory view of the elements of 'samples' and is used after 'samples.push_back', which may move them [memtidy-wasm-memory-view-escape]
}

val escapeStillDangles() {
  float local[4] = {0};
  return val(typed_memory_view(4, local));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory view of local 'local' escapes through the return value; 'local' is destroyed when the function returns [memtidy-wasm-memory-view-escape]
}
