#include <stdlib.h>

int main(void) {
  undeclared = 1;
  return 0;
}
