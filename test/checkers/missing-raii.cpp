// C++: local raw pointers that own memory and release it by hand. Fix-its
// turn them into std::unique_ptr when every release is a plain delete of the
// variable and no copy escapes; the fixed file compiles.
// RUN: %check_memtidy --compile-fixed %s memtidy-missing-raii %t -- -- -nostdinc -I %headers

#include <memory>
#include <new>
#include <stdio.h>
#include <stdlib.h>

struct Item {
  int v;
};
void use(Item *item);
int peek(const Item *item) noexcept;
int sum(const int *values, int n) noexcept;
bool ready() noexcept;
struct Box {
  int get() const { return v; }
  int v;
};

int scalar() {
  Item *item = new Item;
  // CHECK-NOTES: :[[@LINE-1]]:9: {{remark|note}}: 'item' is freed by hand; use 'std::unique_ptr<Item>' so that every path releases it [memtidy-missing-raii]
  // CHECK-NOTES: :[[@LINE-2]]:16: note: 'item' allocated by 'new' here
  // CHECK-NOTES: :[[@LINE+7]]:3: note: 'item' freed here
  // CHECK-FIXES: {{^}}  std::unique_ptr<Item> item(new Item);{{$}}
  item->v = 1;
  int v = peek(item);
  // CHECK-FIXES: {{^}}  int v = peek(item.get());{{$}}
  if (item && item != nullptr)
    v += (*item).v;
  delete item;
  // CHECK-FIXES-NOT: {{^}}  delete item;{{$}}
  return v;
}

int array(int n) {
  int *values = new int[n];
  // CHECK-NOTES: :[[@LINE-1]]:8: {{remark|note}}: 'values' is freed by hand; use 'std::unique_ptr<int[]>' so that every path releases it [memtidy-missing-raii]
  // CHECK-NOTES: :[[@LINE-2]]:17: note: 'values' allocated by 'new[]' here
  // CHECK-NOTES: :[[@LINE+5]]:3: note: 'values' freed here
  // CHECK-FIXES: {{^}}  std::unique_ptr<int[]> values(new int[n]);{{$}}
  values[0] = 1;
  int v = sum(values, n);
  // CHECK-FIXES: {{^}}  int v = sum(values.get(), n);{{$}}
  delete[] values;
  // CHECK-FIXES-NOT: {{^}}  delete[] values;{{$}}
  return v;
}

int early_return(bool bad) {
  Item *item = new Item{2};
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: 'item' leaks on a path that skips its release; use 'std::unique_ptr<Item>' [memtidy-missing-raii]
  // CHECK-NOTES: :[[@LINE-2]]:16: note: 'item' allocated by 'new' here
  // CHECK-NOTES: :[[@LINE+4]]:5: note: this return leaves without releasing 'item'
  // CHECK-NOTES: :[[@LINE+5]]:3: note: 'item' freed here
  // CHECK-FIXES: {{^}}  std::unique_ptr<Item> item(new Item{2});{{$}}
  if (bad)
    return -1;
  int v = item->v;
  delete item;
  // CHECK-FIXES-NOT: {{^}}  delete item;{{$}}
  return v;
}

void call_may_throw() {
  Item *item = new Item();
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: 'item' leaks on a path that skips its release; use 'std::unique_ptr<Item>' [memtidy-missing-raii]
  // CHECK-NOTES: :[[@LINE-2]]:16: note: 'item' allocated by 'new' here
  // CHECK-NOTES: :[[@LINE+3]]:3: note: 'use' may throw here before 'item' is released
  // CHECK-NOTES: :[[@LINE+4]]:3: note: 'item' freed here
  // CHECK-FIXES: {{^}}  std::unique_ptr<Item> item(new Item());{{$}}
  use(item);
  // CHECK-FIXES: {{^}}  use(item.get());{{$}}
  delete item;
  // CHECK-FIXES-NOT: {{^}}  delete item;{{$}}
}

void released_on_both_paths(bool bad) {
  Item *item = new Item;
  // CHECK-NOTES: :[[@LINE-1]]:9: {{remark|note}}: 'item' is freed by hand; use 'std::unique_ptr<Item>' so that every path releases it [memtidy-missing-raii]
  // CHECK-NOTES: :[[@LINE-2]]:16: note: 'item' allocated by 'new' here
  // CHECK-NOTES: :[[@LINE+4]]:5: note: 'item' freed here
  // CHECK-NOTES: :[[@LINE+10]]:3: note: 'item' freed here
  // CHECK-FIXES: {{^}}  std::unique_ptr<Item> item(new Item);{{$}}
  if (bad) {
    delete item;
    // CHECK-FIXES-NOT: {{^}}    delete item;{{$}}
    return;
    // CHECK-FIXES: {{^}}    return;{{$}}
  }
  peek(item);
  // CHECK-FIXES: {{^}}  peek(item.get());{{$}}
  delete item;
  // CHECK-FIXES-NOT: {{^}}  delete item;{{$}}
}

void continue_skips(int n) {
  for (int i = 0; i < n; ++i) {
    Item *item = new Item;
    // CHECK-NOTES: :[[@LINE-1]]:11: warning: 'item' leaks on a path that skips its release; use 'std::unique_ptr<Item>' [memtidy-missing-raii]
    // CHECK-NOTES: :[[@LINE-2]]:18: note: 'item' allocated by 'new' here
    // CHECK-NOTES: :[[@LINE+4]]:7: note: this continue skips the release of 'item'
    // CHECK-NOTES: :[[@LINE+6]]:5: note: 'item' freed here
    // CHECK-FIXES: {{^}}    std::unique_ptr<Item> item(new Item);{{$}}
    if (!ready())
      continue;
    peek(item);
    // CHECK-FIXES: {{^}}    peek(item.get());{{$}}
    delete item;
    // CHECK-FIXES-NOT: {{^}}    delete item;{{$}}
  }
}

int break_skips(int n) {
  int found = 0;
  while (n--) {
    int *slot = new int[2];
    // CHECK-NOTES: :[[@LINE-1]]:10: warning: 'slot' leaks on a path that skips its release; use 'std::unique_ptr<int[]>' [memtidy-missing-raii]
    // CHECK-NOTES: :[[@LINE-2]]:17: note: 'slot' allocated by 'new[]' here
    // CHECK-NOTES: :[[@LINE+4]]:7: note: this break skips the release of 'slot'
    // CHECK-NOTES: :[[@LINE+6]]:5: note: 'slot' freed here
    // CHECK-FIXES: {{^}}    std::unique_ptr<int[]> slot(new int[2]);{{$}}
    if (ready())
      break;
    found += sum(slot, 2);
    // CHECK-FIXES: {{^}}    found += sum(slot.get(), 2);{{$}}
    delete[] slot;
    // CHECK-FIXES-NOT: {{^}}    delete[] slot;{{$}}
  }
  return found;
}

void copied() {
  Item *item = new Item;
  // CHECK-NOTES: :[[@LINE-1]]:9: {{remark|note}}: 'item' is freed by hand; use 'std::unique_ptr<Item>' so that every path releases it [memtidy-missing-raii]
  // CHECK-NOTES: :[[@LINE-2]]:16: note: 'item' allocated by 'new' here
  // CHECK-NOTES: :[[@LINE+4]]:3: note: 'item' freed here
  // CHECK-FIXES: {{^}}  Item *item = new Item;{{$}}
  Item *alias = item;
  peek(alias);
  delete item;
  // CHECK-FIXES: {{^}}  delete item;{{$}}
}

void file() {
  FILE *f = fopen("data", "r");
  // CHECK-NOTES: :[[@LINE-1]]:9: {{remark|note}}: 'f' is closed by hand; use 'std::unique_ptr<FILE, decltype(&fclose)>' so that every path releases it [memtidy-missing-raii]
  // CHECK-NOTES: :[[@LINE-2]]:13: note: 'f' opened by 'fopen' here
  // CHECK-NOTES: :[[@LINE+4]]:3: note: 'f' closed here
  // CHECK-FIXES: {{^}}  FILE *f = fopen("data", "r");{{$}}
  if (!f)
    return;
  fclose(f);
}

void buffer(int n) {
  char *bytes = (char *)malloc(n);
  // CHECK-NOTES: :[[@LINE-1]]:9: {{remark|note}}: 'bytes' is freed by hand; use 'std::vector<char>' so that every path releases it [memtidy-missing-raii]
  // CHECK-NOTES: :[[@LINE-2]]:25: note: 'bytes' allocated by 'malloc' here
  // CHECK-NOTES: :[[@LINE+5]]:3: note: 'bytes' freed here
  // CHECK-FIXES: {{^}}  char *bytes = (char *)malloc(n);{{$}}
  if (!bytes)
    return;
  bytes[0] = 0;
  free(bytes);
}

int accessor_cannot_throw(const Box &box) {
  Item *item = new Item;
  // CHECK-NOTES: :[[@LINE-1]]:9: {{remark|note}}: 'item' is freed by hand; use 'std::unique_ptr<Item>' so that every path releases it [memtidy-missing-raii]
  // CHECK-NOTES: :[[@LINE-2]]:16: note: 'item' allocated by 'new' here
  // CHECK-NOTES: :[[@LINE+4]]:3: note: 'item' freed here
  // CHECK-FIXES: {{^}}  std::unique_ptr<Item> item(new Item);{{$}}
  item->v = box.get();
  int v = item->v;
  delete item;
  return v;
}

// Silent: ownership leaves the function, or a RAII type has it already.
struct Bag {
  void push_back(Item *item);
};
Item *global;

Item *returned() {
  Item *item = new Item;
  return item;
}

void into_container(Bag &bag) {
  Item *item = new Item;
  bag.push_back(item);
}

void into_global() {
  Item *item = new Item;
  global = item;
}

void placement() {
  alignas(Item) unsigned char storage[sizeof(Item)];
  Item *item = new (storage) Item;
  item->v = 0;
}

void custom_deleter() {
  std::unique_ptr<FILE, int (*)(FILE *)> f(fopen("data", "r"), fclose);
}

void released_unique_ptr() {
  std::unique_ptr<Item> owner(new Item);
  Item *item = owner.release();
  delete item;
}

struct Widget {
  explicit Widget(Widget *parent);
};

void qt_parent(Widget *window) {
  Widget *child = new Widget(window);
  (void)child;
}

void never_released() {
  Item *item = new Item;
  peek(item);
}

// Silent: stdin is not this function's to close, and the variable holds it
// on some paths.
int first_char(const char *path) {
  FILE *in = stdin;
  if (path)
    in = fopen(path, "r");
  if (!in)
    return -1;
  char line[8];
  int c = fgets(line, sizeof line, in) ? line[0] : -1;
  if (in != stdin)
    fclose(in);
  return c;
}
