// Options: a code base's own smart pointer, lock guard and mutex types, and
// owning pointers that the function never releases.
// RUN: %check_memtidy --compile-fixed %s memtidy-missing-raii %t -- \
// RUN:   -config="{CheckOptions: {memtidy-missing-raii.SmartPointer: 'my::owner', memtidy-missing-raii.LockGuard: 'my::guard_lock', memtidy-missing-raii.MutexTypes: 'my::spin', memtidy-missing-raii.ReportUnreleased: true}}" \
// RUN:   -- -nostdinc -I %headers

// CHECK-FIXES-NOT: #include <memory>
#include <fcntl.h>
#include <new>
#include <unistd.h>

namespace my {
template <typename T> class owner {
public:
  explicit owner(T *p) : ptr(p) {}
  ~owner() { delete ptr; }
  T *get() const { return ptr; }
  T *operator->() const { return ptr; }

private:
  T *ptr;
};
class spin {
public:
  void lock() noexcept;
  void unlock() noexcept;
};
template <typename M> class guard_lock {
public:
  explicit guard_lock(M &m) : m(m) { m.lock(); }
  ~guard_lock() { m.unlock(); }

private:
  M &m;
};
} // namespace my

struct Item {
  int v;
};
int peek(const Item *item) noexcept;
void keep(Item *item);
my::spin table_lock;
int table;

int owned() {
  Item *item = new Item;
  // CHECK-NOTES: :[[@LINE-1]]:9: {{remark|note}}: 'item' is freed by hand; use 'my::owner<Item>' so that every path releases it [memtidy-missing-raii]
  // CHECK-NOTES: :[[@LINE-2]]:16: note: 'item' allocated by 'new' here
  // CHECK-NOTES: :[[@LINE+4]]:3: note: 'item' freed here
  // CHECK-FIXES: {{^}}  my::owner<Item> item(new Item);{{$}}
  int v = item->v + peek(item);
  // CHECK-FIXES: {{^}}  int v = item->v + peek(item.get());{{$}}
  delete item;
  return v;
}

void spin_section(int v) {
  table_lock.lock();
  // CHECK-NOTES: :[[@LINE-1]]:3: {{remark|note}}: 'table_lock' is locked and unlocked by hand; use 'my::guard_lock' [memtidy-missing-raii]
  // CHECK-NOTES: :[[@LINE+3]]:3: note: 'table_lock' unlocked here
  // CHECK-FIXES: {{^}}  my::guard_lock<my::spin> guard(table_lock);{{$}}
  table = v;
  table_lock.unlock();
  // CHECK-FIXES-NOT: {{^}}  table_lock.unlock();{{$}}
}

int never_released() {
  Item *item = new Item;
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: 'item' owns memory from 'new' that this function never releases; use 'my::owner<Item>' [memtidy-missing-raii]
  // CHECK-NOTES: :[[@LINE-2]]:16: note: 'item' allocated here
  // CHECK-FIXES: {{^}}  Item *item = new Item;{{$}}
  return peek(item);
}

int descriptor_never_closed(const char *path, char *buf) {
  int fd = open(path, O_RDONLY);
  // CHECK-NOTES: :[[@LINE-1]]:7: warning: 'fd' owns a descriptor from 'open' that this function never releases; use a RAII type that closes it [memtidy-missing-raii]
  // CHECK-NOTES: :[[@LINE-2]]:12: note: 'fd' opened here
  if (fd < 0)
    return -1;
  return read(fd, buf, 1) > 0;
}

// Still silent: ownership leaves through the return value, or is lent to a
// function that may keep the pointer.
void lent() {
  Item *item = new Item;
  keep(item);
}

Item *made() {
  Item *item = new Item;
  item->v = 0;
  return item;
}
