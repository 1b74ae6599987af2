// RUN: %check_memtidy %s memtidy-unchecked-alloc %t -- -- -std=c++17 -nostdinc++ -isystem %headers

#include <new>
#include <stdlib.h>

struct Widget {
  int size = 0;
  void resize(int n) { size = n; }
};

int nothrow_unchecked() {
  Widget *w = new (std::nothrow) Widget;
  w->resize(3);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'w' is dereferenced without checking whether 'new (std::nothrow)' succeeded; it returns a null pointer on failure [memtidy-unchecked-alloc]
  // CHECK-NOTES: :[[@LINE-3]]:15: note: 'w' is assigned the result of 'new (std::nothrow)' here; check it for NULL before use
  int size = w->size;
  delete w;
  return size;
}

void nothrow_array_unchecked(int n) {
  int *values = new (std::nothrow) int[n];
  values[0] = 1;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'values' is dereferenced without checking whether 'new[] (std::nothrow)' succeeded; it returns a null pointer on failure [memtidy-unchecked-alloc]
  // CHECK-NOTES: :[[@LINE-3]]:17: note: 'values' is assigned the result of 'new[] (std::nothrow)' here; check it for NULL before use
  delete[] values;
}

// --- Must stay silent -------------------------------------------------------

int throwing_new_cannot_return_null() {
  Widget *w = new Widget;
  w->resize(1);
  int size = w->size;
  delete w;
  return size;
}

int nothrow_checked() {
  Widget *w = new (std::nothrow) Widget;
  if (w == nullptr)
    return -1;
  w->resize(2);
  delete w;
  return 0;
}

void placement_new_allocates_nothing(void *storage) {
  Widget *w = new (storage) Widget;
  w->resize(4);
}

class Holder {
  Widget *widget = nullptr;

public:
  bool init() {
    Widget *w = new (std::nothrow) Widget;
    if (!w)
      return false;
    widget = w;
    widget->resize(5);
    return true;
  }
};
