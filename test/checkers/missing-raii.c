// C files are silent: RAII types are C++.
// RUN: %check_memtidy %s memtidy-missing-raii %t -- -- -nostdinc -I %headers

#include <stdio.h>
#include <stdlib.h>

int buffer(int n) {
  char *bytes = malloc(n);
  if (!bytes)
    return -1;
  bytes[0] = 0;
  free(bytes);
  return 0;
}

void file(void) {
  FILE *f = fopen("data", "r");
  if (f)
    fclose(f);
}
