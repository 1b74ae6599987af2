#include <stdlib.h>

void use(const char *text);
char *shared;
char *leaked_shared;

void release_shared(void) { free(shared); }
void read_shared(void) {
  if (leaked_shared)
    leaked_shared[0] = 0;
}
