#include "minicfg.h"

#include <stdlib.h>
#include <string.h>

struct cfg *cfg_new(void) {
  struct cfg *cfg = calloc(1, sizeof(*cfg));
  if (!cfg)
    return NULL;
  return cfg;
}

int cfg_set(struct cfg *cfg, const char *key, const char *value) {
  struct cfg_entry *entry = malloc(sizeof(*entry));
  /* Bug: entry is used before the allocation is checked. */
  entry->key = strdup(key);
  entry->value = strdup(value);
  if (!entry->key || !entry->value) {
    free(entry->key);
    free(entry->value);
    free(entry);
    return -1;
  }
  entry->next = cfg->head;
  cfg->head = entry;
  cfg->count++;
  return 0;
}

const char *cfg_get(const struct cfg *cfg, const char *key) {
  for (const struct cfg_entry *e = cfg->head; e; e = e->next)
    if (strcmp(e->key, key) == 0)
      return e->value;
  return NULL;
}

void cfg_free(struct cfg *cfg) {
  struct cfg_entry *e = cfg->head;
  while (e) {
    struct cfg_entry *next = e->next;
    free(e->key);
    free(e->value);
    free(e);
    e = next;
  }
  free(cfg);
}
