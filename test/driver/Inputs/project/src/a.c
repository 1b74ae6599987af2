#include "shared.h"

char *name_a(void) { return clone_name("a"); }
