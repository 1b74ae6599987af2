#include "minicfg.h"

#include <stdio.h>

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s FILE\n", argv[0]);
    return 2;
  }
  struct cfg *cfg = cfg_new();
  if (!cfg)
    return 1;
  if (cfg_load(cfg, argv[1]) != 0) {
    cfg_free(cfg);
    return 1;
  }
  for (const struct cfg_entry *e = cfg->head; e; e = e->next)
    printf("%s = %s\n", e->key, e->value);
  printf("%ld bytes, %d cached\n", cfg_file_size(argv[1]), cache_warm(cfg, 16));
  cfg_free(cfg);
  return 0;
}
