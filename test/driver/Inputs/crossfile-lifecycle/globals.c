#include <stdlib.h>
extern const int CONST_TRUE;
extern int flag_true;
extern int changing;
void print(int v);
void local_step(int v) {}

void g_const(void) {
  int *data = NULL;
  if (CONST_TRUE)
    data = malloc(4);
  if (CONST_TRUE)
    free(data);
}

void g_across_other_file(void) {
  int *data = NULL;
  if (flag_true)
    data = malloc(4);
  print(1);
  if (flag_true)
    free(data);
}

void g_settled(void) {
  int *data = NULL;
  if (flag_true)
    data = malloc(4);
  local_step(1);
  if (flag_true)
    free(data);
}

void g_bad(void) {
  int *data = NULL;
  if (changing)
    data = malloc(4);
  local_step(1);
  if (changing)
    free(data);
}
