#include "api.h"

static char *cache;

void borrow(char *data) { data[0] = 'x'; }
void release(char *data) { free(data); }
void keep(char *data) { cache = data; }
void relay(char *data) { borrow(data); }
void maybe_release(char *data, int now) {
  if (now)
    free(data);
}
void fill(char **out) { (*out)[0] = 'x'; }
void take(char **out) {
  free(*out);
  *out = NULL;
}
void opaque(void *cookie) {
  char **data = (char **)cookie;
  (*data)[0] = 'x';
}
void by_value(struct holder h) { h.buf[0] = 'x'; }
void give_up(char *data) { exit(1); }
