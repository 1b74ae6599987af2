// C++: new/new[]/malloc released by the routine of another family, through
// copies and a helper; fix-its rename delete <-> delete[] and the fixed file
// compiles.
// RUN: %check_memtidy --compile-fixed %s memtidy-mismatched-deallocator %t -- -- -nostdinc -I %headers

#include <new>
#include <stdlib.h>
#include <string.h>

struct Item {
  int v;
};
void keep(Item *item);

void array_with_scalar_delete() {
  Item *items = new Item[4];
  items[0].v = 1;
  delete items;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'items' allocated by 'new[]' is released with 'delete'; use 'delete[]' [memtidy-mismatched-deallocator]
  // CHECK-NOTES: :[[@LINE-4]]:17: note: 'items' allocated here
  // CHECK-FIXES: {{^}}  delete[] items;{{$}}
}

void scalar_with_array_delete() {
  Item *item = new Item;
  delete[] item;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'item' allocated by 'new' is released with 'delete[]'; use 'delete' [memtidy-mismatched-deallocator]
  // CHECK-NOTES: :[[@LINE-3]]:16: note: 'item' allocated here
  // CHECK-FIXES: {{^}}  delete item;{{$}}
}

void spaced_array_delete() {
  Item *item = new Item;
  delete [] item;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'item' allocated by 'new' is released with 'delete[]'; use 'delete' [memtidy-mismatched-deallocator]
  // CHECK-NOTES: :[[@LINE-3]]:16: note: 'item' allocated here
  // CHECK-FIXES: {{^}}  delete item;{{$}}
}

void malloc_with_delete() {
  char *s = static_cast<char *>(malloc(8));
  delete s;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 's' allocated by 'malloc' is released with 'delete'; use 'free' [memtidy-mismatched-deallocator]
  // CHECK-NOTES: :[[@LINE-3]]:33: note: 's' allocated here
  // CHECK-FIXES: {{^}}  delete s;{{$}}
}

void new_with_free() {
  Item *item = new Item;
  free(item);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'item' allocated by 'new' is released with 'free'; use 'delete' [memtidy-mismatched-deallocator]
  // CHECK-NOTES: :[[@LINE-3]]:16: note: 'item' allocated here
  // CHECK-FIXES: {{^}}  free(item);{{$}}
}

void through_a_copy(bool flag) {
  Item *items = new Item[2];
  Item *alias = items;
  if (flag)
    delete alias;
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'items' allocated by 'new[]' is released with 'delete'; use 'delete[]' [memtidy-mismatched-deallocator]
    // CHECK-NOTES: :[[@LINE-5]]:17: note: 'items' allocated here
  else
    delete[] items;
  // CHECK-FIXES: {{^}}    delete[] alias;{{$}}
}

static Item *make_items(int n) { return new Item[n]; }

void from_a_helper() {
  Item *items = make_items(3);
  delete items;
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'items' allocated by 'new[]' is released with 'delete'; use 'delete[]' [memtidy-mismatched-deallocator]
  // CHECK-NOTES: :[[@LINE-3]]:17: note: 'items' allocated here
  // CHECK-NOTES: :[[@LINE-7]]:34: note: 'make_items' returns the result of 'new[]' here
  // CHECK-FIXES: {{^}}  delete[] items;{{$}}
}

// Silent: the pairs match, also after the value was lent, and placement new
// allocates nothing.
void matched() {
  Item *item = new Item;
  keep(item);
  delete item;
  Item *items = new Item[2];
  delete[] items;
  char *s = strdup("x");
  free(s);
  alignas(Item) char storage[sizeof(Item)];
  Item *placed = new (storage) Item;
  placed->v = 0;
}
