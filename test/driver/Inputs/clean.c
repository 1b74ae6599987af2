#include <stdlib.h>

int *make_counter(void) {
  int *counter = malloc(sizeof(*counter));
  if (!counter)
    return NULL;
  *counter = 0;
  return counter;
}
