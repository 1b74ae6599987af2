// C++: classes that own a raw pointer member (new in a constructor, delete in
// the destructor) and keep the generated copy operations: a copy deletes the
// pointer twice.
// RUN: %check_memtidy %s memtidy-missing-raii %t -- -- -nostdinc -I %headers

#include <memory>

struct Node {
  int v;
};

class Buffer {
public:
  Buffer() : data(new int[16]) {}
  ~Buffer() { delete[] data; }

private:
  int *data;
  // CHECK-NOTES: :[[@LINE-1]]:8: warning: 'Buffer' owns 'data' through a raw pointer but keeps the implicit copy constructor and copy assignment operator; a copy deletes it twice; use 'std::unique_ptr<int[]>' or delete the copy operations [memtidy-missing-raii]
  // CHECK-NOTES: :[[@LINE-6]]:19: note: 'data' allocated here
  // CHECK-NOTES: :[[@LINE-6]]:15: note: 'data' deleted in the destructor here
};

class Holder {
public:
  Holder() { node = new Node; }
  Holder(const Holder &other) : node(new Node(*other.node)) {}
  ~Holder() { delete node; }

private:
  Node *node;
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: 'Holder' owns 'node' through a raw pointer but keeps the implicit copy assignment operator; a copy deletes it twice; use 'std::unique_ptr<Node>' or delete the copy operations [memtidy-missing-raii]
  // CHECK-NOTES: :[[@LINE-7]]:21: note: 'node' allocated here
  // CHECK-NOTES: :[[@LINE-6]]:15: note: 'node' deleted in the destructor here
};

// Silent: the copies are user-declared, deleted, or suppressed by a move.
class NoCopy {
public:
  NoCopy() : node(new Node) {}
  NoCopy(const NoCopy &) = delete;
  NoCopy &operator=(const NoCopy &) = delete;
  ~NoCopy() { delete node; }

private:
  Node *node;
};

class MoveOnly {
public:
  MoveOnly() : node(new Node) {}
  MoveOnly(MoveOnly &&other) noexcept : node(other.node) { other.node = nullptr; }
  ~MoveOnly() { delete node; }

private:
  Node *node;
};

class WithUniquePtr {
public:
  WithUniquePtr() : owned(new Node), node(new Node) {}
  ~WithUniquePtr() { delete node; }

private:
  std::unique_ptr<Node> owned;
  Node *node;
};

class Borrower {
public:
  explicit Borrower(Node *n) : node(n) {}
  ~Borrower() { delete node; }

private:
  Node *node;
};

class Widget {
public:
  explicit Widget(Widget *parent);
  ~Widget();
};

class Window {
public:
  Window() : child(new Widget(nullptr)), owner(new Widget(child)) {}
  ~Window() { delete owner; }

private:
  Widget *child;
  Widget *owner;
};
