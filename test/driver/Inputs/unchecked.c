#include <stdlib.h>

int *make_counter(void) {
  int *counter = malloc(sizeof(*counter));
  *counter = 0;
  return counter;
}
