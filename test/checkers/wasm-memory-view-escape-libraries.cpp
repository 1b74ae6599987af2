// RUN: %check_memtidy %s memtidy-wasm-memory-view-escape %t -- -- -nostdinc -isystem %headers

// Patterns of embind code in public projects (image codecs, audio analysis,
// crypto helpers, ML runtimes), rewritten: two escapes, the rest idioms
// that must stay silent.

#include <emscripten/val.h>
#include <stddef.h>
#include <stdint.h>
#include <string>
#include <vector>

using namespace emscripten;

// The parameter is destroyed when the call ends; JavaScript keeps a view of
// its freed elements.
val bytesToUint8Array(std::vector<uint8_t> bytes) {
  return val(typed_memory_view(bytes.size(), bytes.data()));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory view of parameter 'bytes' escapes through the return value; 'bytes' is destroyed when the call ends [memtidy-wasm-memory-view-escape]
}

void heatMap(const uint8_t *image, size_t n, std::vector<uint8_t> *out);

// The view goes into the returned JavaScript array.
val compare(const uint8_t *image, size_t n) {
  std::vector<uint8_t> map;
  heatMap(image, n, &map);
  val score(1.5);
  val mapView = val(typed_memory_view(map.size(), map.data()));
  val result = val::array();
  result.call<void>("push", score);
  result.call<void>("push", mapView);
  return result;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memory view of local 'map' escapes through the return value; 'map' is destroyed when the function returns [memtidy-wasm-memory-view-escape]
}

// --- Silent -----------------------------------------------------------------

class Decoder {
public:
  // The decoder owns the pixels: valid until the next decode.
  val pixels() { return val(typed_memory_view(decoded.size(), decoded.data())); }
  void feed(const float *input, size_t n);

private:
  std::vector<uint8_t> decoded;
  val inputs = val::object();
};

void Decoder::feed(const float *input, size_t n) {
  val view{typed_memory_view(n, input)};
  inputs.set("input", view);
}

std::vector<float> fromTypedArray(const val &array) {
  std::vector<float> values;
  values.resize(array["length"].as<unsigned>());
  val view{typed_memory_view(values.size(), values.data())};
  view.call<void>("set", array);
  return values;
}

val toFloat32Array(const std::vector<float> &v) {
  return val(typed_memory_view(v.size(), v.data())).call<val>("slice");
}

void encryptInPlace(std::string data, val sink) {
  sink.call<void>("set", typed_memory_view(data.size(), data.data()));
}
