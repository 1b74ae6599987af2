#include "api.h"

char *shared;

void pass_to_other_file(void) {
  char *data = malloc(20);
  sink(data);
}

void result_from_other_file(void) {
  char *data = source();
  strcpy(data, "x");
  free(data);
}

void global_to_other_file(void) {
  shared = malloc(20);
  use_global();
}

void through_a_relay(void) {
  char *data = malloc(20);
  relay(data);
}

void to_a_careful_sink(void) {
  char *data = malloc(20);
  careful_sink(data);
  free(data);
}

void suppressed(void) {
  char *data = malloc(20);
  sink(data); // NOLINT(memtidy-unchecked-alloc)
}
