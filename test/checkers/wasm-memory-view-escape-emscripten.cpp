// REQUIRES: emscripten
// RUN: %check_memtidy %s memtidy-wasm-memory-view-escape %t -- -- --target=wasm32-unknown-emscripten -nostdinc -isystem %emscripten_sysroot/include/c++/v1 -isystem %emscripten_sysroot/include

// Against Emscripten's own embind headers and libc++.

#include <emscripten/bind.h>
#include <emscripten/val.h>
#include <stdlib.h>
#include <string>
#include <vector>

using namespace emscripten;

val escapes() {
  std::vector<unsigned char> bytes(64);
  return val(typed_memory_view(bytes.size(), bytes.data()));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory view of local 'bytes' escapes through the return value; 'bytes' is destroyed when the function returns [memtidy-wasm-memory-view-escape]
}

void reallocated(std::vector<float> &samples, val port) {
  val view(typed_memory_view(samples.size(), samples.data()));
  samples.push_back(0.5f);
  port.call<void>("postMessage", view);
  // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: 'view' is a memory view of the elements of 'samples' and is used after 'samples.push_back', which may move them [memtidy-wasm-memory-view-escape]
}

void detached(const int *data, val port) {
  val view(typed_memory_view(16, data));
  std::string name("a name long enough to need the heap");
  port.call<void>("postMessage", view, name);
  // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: 'view' holds a memory view and is used after 'std::string::basic_string', which may allocate and grow linear memory; growth detaches the view [memtidy-wasm-memory-view-escape]
}

// --- Silent -----------------------------------------------------------------

// What val.h's convertJSArrayToNumberVector does: a view of a local vector,
// filled at once; the vector is returned, not the view.
std::vector<int> fromJavaScript(const val &array) {
  std::vector<int> result;
  result.resize(array["length"].as<size_t>());
  val view{typed_memory_view(result.size(), result.data())};
  view.call<void>("set", array);
  return result;
}

val copied() {
  unsigned char bytes[16] = {0};
  return val::global("Uint8Array").new_(typed_memory_view(16, bytes));
}

struct Buffer {
  std::vector<unsigned char> data;
  val view() const { return val(typed_memory_view(data.size(), data.data())); }
};

EMSCRIPTEN_BINDINGS(buffer) {
  class_<Buffer>("Buffer").function("view", &Buffer::view);
}
