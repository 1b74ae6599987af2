// C++: new and new[] at error exits; ownership taken by smart pointers, by
// objects with destructors, by reference parameters and by constructors.
// RUN: %check_memtidy %s memtidy-leak-on-error-path %t -- -- -nostdinc -I %headers

#include <new>
#include <stdlib.h>
#include <stdio.h>

struct Widget { int v; Widget *parent; explicit Widget(Widget *p = nullptr) : v(0), parent(p) {} };
struct Holder { Widget *w = nullptr; ~Holder() { delete w; } };
int init(Widget *w);
void adopt(Widget *w);

int make_two(Widget **out) {
  Widget *a = new Widget;
  Widget *b = new (std::nothrow) Widget;
  if (!b)
    return -1;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'a' allocated by 'new' is not freed when returning -1; call 'delete' on this path [memtidy-leak-on-error-path]
    // CHECK-NOTES: :[[@LINE-5]]:15: note: 'a' allocated by 'new' here
    // CHECK-NOTES: :[[@LINE-4]]:7: note: error detected here
    // CHECK-NOTES: :[[@LINE-4]]:5: note: 'make_two' returns here with 'a' still owned
  if (init(a) != 0) {
    delete a;
    delete b;
    return -2;
  }
  *out = a;
  delete b;
  return 0;
}

bool holder_owned(Holder &h) {
  Widget *w = new Widget;
  h.w = w;
  if (init(w))
    return false;
  return true;
}

int parented(Widget *parent) {
  Widget *child = new Widget(parent);
  if (init(child))
    return -1;
  return 0;
}

int array_leak(int n) {
  int *v = new int[n];
  if (n > 100)
    return -1;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'v' allocated by 'new[]' is not freed when returning -1; call 'delete[]' on this path [memtidy-leak-on-error-path]
    // CHECK-NOTES: :[[@LINE-4]]:12: note: 'v' allocated by 'new[]' here
    // CHECK-NOTES: :[[@LINE-3]]:5: note: 'array_leak' returns here with 'v' still owned
  v[0] = 1;
  delete[] v;
  return 0;
}
#include <memory>
int smart(int n) {
  std::unique_ptr<Widget> w(new Widget);
  if (init(w.get()))
    return -1;
  auto x = std::make_unique<Widget>();
  if (n)
    return -2;
  adopt(w.release());
  return 0;
}
int reset_owned(int n) {
  std::unique_ptr<Widget> w;
  w.reset(new Widget);
  if (n)
    return -1;
  return 0;
}
