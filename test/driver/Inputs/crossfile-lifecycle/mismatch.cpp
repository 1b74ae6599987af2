#include <stdlib.h>

namespace sinks {
void destroy(int *data);
void destroy_array(int *data);
void destroy_later(int **data);
} // namespace sinks

void wrong_delete() {
  int *data = new int[10];
  sinks::destroy(data);
}

void wrong_free_by_address() {
  int *data = new int;
  sinks::destroy_later(&data);
}

void right_delete() {
  int *data = new int[10];
  sinks::destroy_array(data);
}

void malloc_then_delete() {
  int *data = (int *)malloc(sizeof(int));
  sinks::destroy(data);
}
