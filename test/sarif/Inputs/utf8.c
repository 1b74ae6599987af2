#include <stdlib.h>

int *make_counter(void) {
  int *counter = malloc(sizeof(*counter));
  /* é😀 */ *counter = 0;
  return counter;
}
