#include "shared.h"

char *name_b(void) {
  char *b = malloc(2);
  b[0] = 'b';
  b[1] = 0;
  return b;
}
