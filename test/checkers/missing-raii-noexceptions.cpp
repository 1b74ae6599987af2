// Without exceptions (-fno-exceptions, as LevelDB builds), no call throws:
// a release that every return reaches is not worded as a leak.
// RUN: %check_memtidy --compile-fixed %s memtidy-missing-raii %t -- -- -nostdinc -I %headers -fno-exceptions

// CHECK-FIXES: {{^}}#include <memory>{{$}}
// CHECK-FIXES-NEXT: {{^}}#include <new>{{$}}
#include <new>

struct Item {
  int v;
};
void use(Item *item);

void no_throw() {
  Item *item = new Item;
  // CHECK-NOTES: :[[@LINE-1]]:9: {{remark|note}}: 'item' is freed by hand; use 'std::unique_ptr<Item>' so that every path releases it [memtidy-missing-raii]
  // CHECK-NOTES: :[[@LINE-2]]:16: note: 'item' allocated by 'new' here
  // CHECK-NOTES: :[[@LINE+3]]:3: note: 'item' freed here
  use(item);
  // CHECK-FIXES: {{^}}  use(item.get());{{$}}
  delete item;
  // CHECK-FIXES-NOT: {{^}}  delete item;{{$}}
}
