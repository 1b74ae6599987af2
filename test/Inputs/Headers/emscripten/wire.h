// Mock of emscripten/wire.h: memory views, with Emscripten's names and
// signatures.
#ifndef MOCK_EMSCRIPTEN_WIRE_H
#define MOCK_EMSCRIPTEN_WIRE_H
#include <stddef.h>

namespace emscripten {

template <typename ElementType> struct memory_view {
  memory_view() = delete;
  explicit memory_view(size_t size, const ElementType *data)
      : size(size), data(data) {}
  const size_t size; // elements
  const void *const data;
};

template <typename T>
inline memory_view<T> typed_memory_view(size_t size, const T *data) {
  return memory_view<T>(size, data);
}

} // namespace emscripten
#endif
