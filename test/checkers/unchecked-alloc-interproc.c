// Values followed into functions of the same file: wrappers that return an
// allocation unchecked, and sinks that dereference what they are given
// through a parameter, a pointer to it, a struct passed by value, a void
// pointer, or a global (the shapes of Juliet's flow variants 42, 45, 63, 64
// and 67, within one file).
// RUN: %check_memtidy %s memtidy-unchecked-alloc %t -- -- -isystem %headers

#include <stdlib.h>
#include <string.h>

static char *make_buffer(void) {
  char *data = calloc(20, sizeof(char));
  return data;
}

void wrapper_result_unchecked(void) {
  char *data = make_buffer();
  strcpy(data, "Initialize");
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: 'data' is passed to 'strcpy' without checking whether 'make_buffer' succeeded; it returns NULL on failure [memtidy-unchecked-alloc]
  // CHECK-NOTES: :[[@LINE-3]]:16: note: 'data' is assigned the result of 'make_buffer' here; check it for NULL before use
  // CHECK-NOTES: :[[@LINE-8]]:3: note: 'make_buffer' returns the result of 'calloc' here without checking it
  free(data);
}

static void sink_param(char *data) {
  strcpy(data, "Initialize");
  free(data);
}

void passed_to_sink(void) {
  char *data = malloc(20);
  sink_param(data);
  // CHECK-NOTES: :[[@LINE-1]]:14: warning: 'data' is passed to 'sink_param' without checking whether 'malloc' succeeded; it returns NULL on failure [memtidy-unchecked-alloc]
  // CHECK-NOTES: :[[@LINE-3]]:16: note: 'data' is assigned the result of 'malloc' here; check it for NULL before use
  // CHECK-NOTES: :[[@LINE-9]]:10: note: 'data' is dereferenced here
}

static void sink_pointer(char **dataPtr) {
  char *data = *dataPtr;
  strcpy(data, "Initialize");
  free(data);
}

void passed_by_address(void) {
  char *data = malloc(20);
  sink_pointer(&data);
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: 'data' is passed to 'sink_pointer' without checking whether 'malloc' succeeded; it returns NULL on failure [memtidy-unchecked-alloc]
  // CHECK-NOTES: :[[@LINE-3]]:16: note: 'data' is assigned the result of 'malloc' here; check it for NULL before use
  // CHECK-NOTES: :[[@LINE-9]]:10: note: '*dataPtr' is dereferenced here
}

static void sink_void(void *dataVoidPtr) {
  char **dataPtr = (char **)dataVoidPtr;
  char *data = (*dataPtr);
  strcpy(data, "Initialize");
  free(data);
}

void passed_as_void_pointer(void) {
  char *data = malloc(20);
  sink_void(&data);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: 'data' is passed to 'sink_void' without checking whether 'malloc' succeeded; it returns NULL on failure [memtidy-unchecked-alloc]
  // CHECK-NOTES: :[[@LINE-3]]:16: note: 'data' is assigned the result of 'malloc' here; check it for NULL before use
  // CHECK-NOTES: :[[@LINE-9]]:10: note: '*dataPtr' is dereferenced here
}

struct holder {
  char *first;
  int count;
};

static void sink_struct(struct holder h) {
  char *data = h.first;
  strcpy(data, "Initialize");
  free(data);
}

void passed_in_struct(void) {
  struct holder h;
  h.first = malloc(20);
  h.count = 1;
  sink_struct(h);
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: 'h.first' is passed to 'sink_struct' without checking whether 'malloc' succeeded; it returns NULL on failure [memtidy-unchecked-alloc]
  // CHECK-NOTES: :[[@LINE-4]]:13: note: 'h.first' is assigned the result of 'malloc' here; check it for NULL before use
  // CHECK-NOTES: :[[@LINE-11]]:10: note: 'h.first' is dereferenced here
}

static char *shared_data;

static void sink_global(void) {
  char *data = shared_data;
  strcpy(data, "Initialize");
  free(data);
}

void passed_through_global(void) {
  shared_data = malloc(20);
  sink_global();
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'shared_data' is dereferenced by 'sink_global' without checking whether 'malloc' succeeded; it returns NULL on failure [memtidy-unchecked-alloc]
  // CHECK-NOTES: :[[@LINE-3]]:17: note: 'shared_data' is assigned the result of 'malloc' here; check it for NULL before use
  // CHECK-NOTES: :[[@LINE-9]]:10: note: 'shared_data' is dereferenced here
}

// --- Must stay silent -------------------------------------------------------

static void sink_checks_first(char *data) {
  if (!data)
    return;
  strcpy(data, "Initialize");
}

void passed_to_careful_sink(void) {
  char *data = malloc(20);
  sink_checks_first(data);
  free(data);
}

static char *make_buffer_checked(void) {
  char *data = calloc(20, sizeof(char));
  if (!data)
    abort();
  return data;
}

void wrapper_checks(void) {
  char *data = make_buffer_checked();
  strcpy(data, "Initialize");
  free(data);
}

static void sink_stores_only(struct holder *h, char *data) { h->first = data; }

void passed_to_non_dereferencing_sink(struct holder *h) {
  char *data = malloc(20);
  sink_stores_only(h, data);
}

void wrapper_result_checked(void) {
  char *data = make_buffer();
  if (!data)
    return;
  strcpy(data, "Initialize");
  free(data);
}
