#include <stdlib.h>

bool ready() noexcept;

int by_hand(int n) {
  int *values = (int *)malloc(n * sizeof(int));
  values[0] = n;
  int first = values[0];
  free(values);
  return first;
}

int leaks(int n) {
  int *values = (int *)malloc(n * sizeof(int));
  if (!ready())
    return -1;
  values[0] = n;
  free(values);
  return 0;
}
