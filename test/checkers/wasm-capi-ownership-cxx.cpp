// RUN: %check_memtidy %s memtidy-wasm-capi-ownership %t -- -- -std=c++17 -nostdinc -isystem %headers -isystem %headers/wasm

// C++ embedders (proxy-wasm-cpp-host's WAMR runtime) hand owned values to
// smart pointers with the matching deleter: those own them from then on.

#include <wasm.h>

template <typename T, void (*Deleter)(T *)> class CSmartPtr {
public:
  CSmartPtr(T *Object = nullptr) : Object(Object) {}
  ~CSmartPtr() {
    if (Object)
      Deleter(Object);
  }
  CSmartPtr &operator=(T *Other) {
    if (Object)
      Deleter(Object);
    Object = Other;
    return *this;
  }
  T *get() const { return Object; }

private:
  T *Object;
};

using EnginePtr = CSmartPtr<wasm_engine_t, wasm_engine_delete>;
using ValtypePtr = CSmartPtr<wasm_valtype_t, wasm_valtype_delete>;

wasm_engine_t *engine() {
  static const auto Engine = EnginePtr(wasm_engine_new());
  return Engine.get();
}

struct Vm {
  ValtypePtr Type;
  bool setType(const wasm_valtype_t *From) {
    Type = wasm_valtype_copy(From);
    if (Type.get() == nullptr)
      return false;
    return true;
  }
};

template <typename T> auto valtypeOf();
template <> auto valtypeOf<int>() { return wasm_valtype_new_i32(); }

// proxy-wasm-cpp-host: the valtypes go into an array the vector takes whole.
void valtypes(wasm_valtype_vec_t *Types) {
  wasm_valtype_t *Array[] = {valtypeOf<int>(), valtypeOf<int>()};
  wasm_valtype_vec_new(Types, 2, Array);
}
