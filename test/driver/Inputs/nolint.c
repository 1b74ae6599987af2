#include <stdlib.h>

int *suppressed(void) {
  int *counter = malloc(sizeof(*counter));
  *counter = 0; // NOLINT(memtidy-unchecked-alloc)
  return counter;
}

int *reported(void) {
  int *counter = malloc(sizeof(*counter));
  *counter = 0;
  return counter;
}
