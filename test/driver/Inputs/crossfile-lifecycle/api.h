#include <stdlib.h>

struct holder {
  char *buf;
  int len;
};

void borrow(char *data);
void release(char *data);
void keep(char *data);
void relay(char *data);
void maybe_release(char *data, int now);
void fill(char **out);
void take(char **out);
void opaque(void *cookie);
void by_value(struct holder h);
void nowhere(char *data);
void give_up(char *data);
