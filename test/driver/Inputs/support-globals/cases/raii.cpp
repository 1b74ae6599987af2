#include "flags.h"

/* The delete is skipped only if FLAG_OFF is non-zero: missing-raii's advice
 * is a remark, not a leak. */
void two_flags_new() {
  int *data = nullptr;
  if (FLAG_ON)
    data = new int;
  if (FLAG_OFF)
    print_line("never");
  else
    delete data;
}
