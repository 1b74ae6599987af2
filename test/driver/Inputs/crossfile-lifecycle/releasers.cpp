#include <stdlib.h>

namespace sinks {
void destroy(int *data) { delete data; }
void destroy_array(int *data) { delete[] data; }
void destroy_later(int **data) { free(*data); }
} // namespace sinks
