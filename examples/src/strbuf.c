#include "minicfg.h"

#include <stdlib.h>
#include <string.h>

int strbuf_append(struct strbuf *sb, const char *s, size_t n) {
  if (sb->len + n + 1 > sb->cap) {
    sb->cap = (sb->len + n + 1) * 2;
    /* Bug: if realloc fails, the old buffer is leaked and sb->data is NULL. */
    sb->data = realloc(sb->data, sb->cap);
  }
  memcpy(sb->data + sb->len, s, n);
  sb->len += n;
  sb->data[sb->len] = '\0';
  return 0;
}

void strbuf_release(struct strbuf *sb) {
  free(sb->data);
  sb->data = NULL;
  sb->len = sb->cap = 0;
}
