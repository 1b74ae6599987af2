#include <stdlib.h>
namespace g {
extern int *shared;
void sink() { int *data = shared; free(data); }
}
