#include "api.h"

void deep_sink(char *data) { data[0] = 'x'; }
