#include "api.h"

void leaks_after_borrow(void) {
  char *data = malloc(20);
  borrow(data);
}

void leaks_through_relay(void) {
  char *data = malloc(20);
  relay(data);
}

int leaks_on_error(int n) {
  char *data = malloc(20);
  if (!data)
    return -1;
  fill(&data);
  if (n < 0)
    return -1;
  free(data);
  return 0;
}

void leaks_through_cast(void) {
  char *data = malloc(20);
  opaque(&data);
}

void leaks_in_struct(void) {
  struct holder h;
  h.buf = malloc(20);
  by_value(h);
}

void released_there(void) {
  char *data = malloc(20);
  release(data);
}

void kept_there(void) {
  char *data = malloc(20);
  keep(data);
}

void maybe_released_there(int now) {
  char *data = malloc(20);
  maybe_release(data, now);
}

void taken_by_address(void) {
  char *data = malloc(20);
  take(&data);
}

void freed_after_borrow(void) {
  char *data = malloc(20);
  borrow(data);
  free(data);
}

void unknown_callee(void) {
  char *data = malloc(20);
  nowhere(data);
}

void callee_never_returns(void) {
  char *data = malloc(20);
  give_up(data);
}
