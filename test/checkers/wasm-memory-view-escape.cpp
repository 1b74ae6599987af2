// RUN: %check_memtidy %s memtidy-wasm-memory-view-escape %t -- -- -nostdinc -isystem %headers

// embind memory views (typed_memory_view, memory_view) that outlive the
// memory they show, or are used after it may have moved.

#include <emscripten/bind.h>
#include <emscripten/heap.h>
#include <emscripten/val.h>
#include <stdlib.h>
#include <string>
#include <vector>

using namespace emscripten;

// --- Views of local storage escaping ----------------------------------------

val returnsViewOfLocalArray() {
  unsigned char pixels[64];
  for (int i = 0; i < 64; ++i)
    pixels[i] = i;
  return val(typed_memory_view(sizeof pixels, pixels));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory view of local 'pixels' escapes through the return value; 'pixels' is destroyed when the function returns [memtidy-wasm-memory-view-escape]
}

memory_view<float> returnsTheViewItself() {
  float samples[8] = {0};
  return typed_memory_view(8, samples);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory view of local 'samples' escapes through the return value; 'samples' is destroyed when the function returns [memtidy-wasm-memory-view-escape]
}

memory_view<int> returnsConstructedView() {
  int counts[4] = {1, 2, 3, 4};
  return memory_view<int>(4, counts);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory view of local 'counts' escapes through the return value; 'counts' is destroyed when the function returns [memtidy-wasm-memory-view-escape]
}

val returnsViewOfLocalVector(size_t n) {
  std::vector<double> values(n);
  val view(typed_memory_view(values.size(), values.data()));
  return view;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory view of local 'values' escapes through the return value; 'values' is destroyed when the function returns [memtidy-wasm-memory-view-escape]
}

val returnsViewOfLocalString() {
  std::string text("abc");
  return val(typed_memory_view(text.size(), text.c_str()));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory view of local 'text' escapes through the return value; 'text' is destroyed when the function returns [memtidy-wasm-memory-view-escape]
}

val returnsViewOfElement() {
  std::vector<int> v(4);
  return val(typed_memory_view(4, &v[0]));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory view of local 'v' escapes through the return value; 'v' is destroyed when the function returns [memtidy-wasm-memory-view-escape]
}

val returnsObjectHoldingView() {
  float coords[3] = {1, 2, 3};
  val result = val::object();
  result.set("coords", typed_memory_view(3, coords));
  return result;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory view of local 'coords' escapes through the return value; 'coords' is destroyed when the function returns [memtidy-wasm-memory-view-escape]
}

val global_view = val::undefined();
struct Renderer {
  val frame = val::undefined();
  void keepsView();
};

void storesViewInGlobal() {
  unsigned char tmp[16];
  global_view = val(typed_memory_view(16, tmp));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory view of local 'tmp' is stored in 'global_view', which outlives it [memtidy-wasm-memory-view-escape]
}

void Renderer::keepsView() {
  std::vector<unsigned char> scratch(256);
  frame = val(typed_memory_view(scratch.size(), scratch.data()));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory view of local 'scratch' is stored in 'frame', which outlives it [memtidy-wasm-memory-view-escape]
}

void storesViewThroughParameter(val *out) {
  int local[2];
  *out = val(typed_memory_view(2, local));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory view of local 'local' is stored in '*out', which outlives it [memtidy-wasm-memory-view-escape]
}

void publishesViewToJavaScript() {
  std::vector<short> audio(128);
  val::global("Module").set("audio", typed_memory_view(audio.size(), audio.data()));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory view of local 'audio' is stored in a JavaScript object, which outlives it [memtidy-wasm-memory-view-escape]
}

std::vector<unsigned char> makeBuffer();

val returnsViewOfTemporary() {
  return val(typed_memory_view(16, makeBuffer().data()));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory view of a temporary escapes through the return value; the temporary is destroyed at the end of the full-expression [memtidy-wasm-memory-view-escape]
}

// --- Views used after memory or the container may have moved ----------------

void usedAfterPushBack(std::vector<int> &v, val target) {
  val view(typed_memory_view(v.size(), v.data()));
  v.push_back(0);
  target.call<void>("set", view);
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'view' is a memory view of the elements of 'v' and is used after 'v.push_back', which may move them [memtidy-wasm-memory-view-escape]
}

void usedAfterMalloc(const float *data, val target) {
  auto view = typed_memory_view(16, data);
  float *copy = (float *)malloc(64);
  target.call<void>("set", view);
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'view' holds a memory view and is used after 'malloc', which may allocate and grow linear memory; growth detaches the view [memtidy-wasm-memory-view-escape]
  free(copy);
}

void usedAfterNew(const int *data, val target) {
  val view(typed_memory_view(4, data));
  int *more = new int[100];
  target(view);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'view' holds a memory view and is used after 'new[]', which may allocate and grow linear memory; growth detaches the view [memtidy-wasm-memory-view-escape]
  delete[] more;
}

void usedAfterOtherContainerGrows(const int *data, std::vector<int> &other,
                                  val target) {
  val view(typed_memory_view(4, data));
  other.resize(1000);
  target.call<void>("set", view);
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'view' holds a memory view and is used after 'other.resize', which may allocate and grow linear memory; growth detaches the view [memtidy-wasm-memory-view-escape]
}

struct Mesh {
  std::vector<float> vertices;
  void upload(val gl);
};

void Mesh::upload(val gl) {
  val view(typed_memory_view(vertices.size(), vertices.data()));
  vertices.reserve(4096);
  gl.call<void>("bufferData", view);
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'view' is a memory view of the elements of 'vertices' and is used after 'vertices.reserve', which may move them [memtidy-wasm-memory-view-escape]
}

void usedAfterTemporaryDied(val target) {
  auto view = typed_memory_view(16, makeBuffer().data());
  target.call<void>("set", view);
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'view' is a memory view of a temporary that was destroyed at the end of the full-expression that created the view [memtidy-wasm-memory-view-escape]
}

void usedAfterSbrk(const char *data, val target) {
  val view(typed_memory_view(8, data));
  sbrk(65536);
  target.call<void>("set", view);
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'view' holds a memory view and is used after 'sbrk', which may allocate and grow linear memory; growth detaches the view [memtidy-wasm-memory-view-escape]
}

// --- Silent -----------------------------------------------------------------

static unsigned char staticPixels[64];

val viewOfStaticStorage() {
  return val(typed_memory_view(sizeof staticPixels, staticPixels));
}

val viewOfStaticLocal() {
  static float table[16];
  return val(typed_memory_view(16, table));
}

val viewOfHeap(size_t n) {
  float *heap = (float *)malloc(n * sizeof(float));
  return val(typed_memory_view(n, heap));
}

struct Image {
  std::vector<unsigned char> bytes;
  val view() const {
    return val(typed_memory_view(bytes.size(), bytes.data()));
  }
};

val copiedIntoJavaScript() {
  unsigned char local[32] = {0};
  return val::global("Uint8Array").new_(typed_memory_view(32, local));
}

void copiedIntoTarget(val target) {
  std::vector<int> v(8);
  target.call<void>("set", typed_memory_view(v.size(), v.data()));
}

void usedBeforeAllocation(const int *data, val target) {
  val view(typed_memory_view(4, data));
  target.call<void>("set", view);
  int *more = new int[100];
  delete[] more;
}

void refreshedAfterGrowth(std::vector<int> &v, val target) {
  val view(typed_memory_view(v.size(), v.data()));
  v.push_back(1);
  view = val(typed_memory_view(v.size(), v.data()));
  target.call<void>("set", view);
}

void localObjectNotEscaping() {
  float coords[3] = {1, 2, 3};
  val result = val::object();
  result.set("coords", typed_memory_view(3, coords));
  val::global("draw")(result);
}
