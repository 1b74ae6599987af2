#include <stdlib.h>
#include <string.h>

static inline char *clone_name(const char *name) {
  char *copy = malloc(strlen(name) + 1);
  strcpy(copy, name);
  return copy;
}
