#include <stdlib.h>
extern const int CONST_TRUE;
extern int flag_true;
extern int changing;
void use(int *p);
void print(int v);
void g_good(void) {
  int *data = NULL;
  if (CONST_TRUE)
    data = malloc(4);
  if (CONST_TRUE)
    free(data);
}
void g_good2(void) {
  int *data = NULL;
  if (flag_true)
    data = malloc(4);
  print(1);
  if (flag_true)
    free(data);
}
void g_bad(void) {
  int *data = NULL;
  if (changing)
    data = malloc(4);
  print(1);
  if (changing)
    free(data);
}
