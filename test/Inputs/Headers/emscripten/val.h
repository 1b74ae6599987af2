// Mock of emscripten/val.h: a handle to a JavaScript value.
#ifndef MOCK_EMSCRIPTEN_VAL_H
#define MOCK_EMSCRIPTEN_VAL_H
#include <emscripten/wire.h>

namespace emscripten {

class val {
public:
  static val array();
  static val object();
  static val undefined();
  static val global(const char *name = 0);
  static val module_property(const char *name);

  val() = delete;
  template <typename T> explicit val(T &&value);
  val(const val &v);
  val(val &&v);
  ~val();
  val &operator=(const val &v);
  val &operator=(val &&v);

  template <typename... Args> val new_(Args &&...args) const;
  template <typename T> val operator[](const T &key) const;
  template <typename K, typename V> void set(const K &key, const V &value);
  template <typename... Args> val operator()(Args &&...args) const;
  template <typename ReturnValue, typename... Args>
  ReturnValue call(const char *name, Args &&...args) const;
  template <typename T> T as() const;

private:
  void *handle;
};

} // namespace emscripten
#endif
