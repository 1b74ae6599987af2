#include <stdlib.h>
#include "flags.h"

/* Leaks only if FLAG_ON and FLAG_OFF are both non-zero: flags.c, which the
 * database lacks, says they are not. */
void two_flags(void) {
  char *data = NULL;
  if (FLAG_ON)
    data = malloc(8);
  if (FLAG_OFF)
    print_line("never");
  else
    free(data);
}

/* Leaks whenever FLAG_ON is non-zero, which it is. */
void leaks(void) {
  char *data = NULL;
  if (FLAG_ON)
    data = malloc(8);
  if (FLAG_OFF)
    free(data);
}

/* verbose is written by set_verbose(): nothing settles it. */
void written_flag(void) {
  char *data = NULL;
  if (FLAG_ON)
    data = malloc(8);
  if (verbose)
    print_line("verbose");
  else
    free(data);
}
