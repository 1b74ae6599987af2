#ifndef MINICFG_H
#define MINICFG_H
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

struct cfg_entry {
  char *key;
  char *value;
  struct cfg_entry *next;
};

struct cfg {
  struct cfg_entry *head;
  size_t count;
};

struct strbuf {
  char *data;
  size_t len, cap;
};

int strbuf_append(struct strbuf *sb, const char *s, size_t n);
void strbuf_release(struct strbuf *sb);

struct cfg *cfg_new(void);
int cfg_set(struct cfg *cfg, const char *key, const char *value);
const char *cfg_get(const struct cfg *cfg, const char *key);
void cfg_free(struct cfg *cfg);

int cfg_load(struct cfg *cfg, const char *path);
long cfg_file_size(const char *path);

int cache_warm(const struct cfg *cfg, int slots);

#ifdef __cplusplus
}
#endif
#endif
