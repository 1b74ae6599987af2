// Mock of emscripten/bind.h: registering C++ functions with JavaScript.
#ifndef MOCK_EMSCRIPTEN_BIND_H
#define MOCK_EMSCRIPTEN_BIND_H
#include <emscripten/val.h>

namespace emscripten {
template <typename ReturnType, typename... Args>
void function(const char *name, ReturnType (*fn)(Args...));
} // namespace emscripten

#define EMSCRIPTEN_BINDINGS(name)                                              \
  static struct EmscriptenBindingInitializer_##name {                          \
    EmscriptenBindingInitializer_##name();                                     \
  } EmscriptenBindingInitializer_##name##_instance;                            \
  EmscriptenBindingInitializer_##name::EmscriptenBindingInitializer_##name()
#endif
