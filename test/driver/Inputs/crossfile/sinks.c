#include "api.h"

void sink(char *data) {
  strcpy(data, "Initialize");
  free(data);
}

void careful_sink(char *data) {
  if (!data)
    return;
  strcpy(data, "Initialize");
}

char *source(void) {
  char *data = calloc(20, 1);
  return data;
}

void use_global(void) { strcpy(shared, "x"); }

void relay(char *data) { deep_sink(data); }
