#include "minicfg.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *trim(char *s) {
  while (*s == ' ' || *s == '\t')
    s++;
  char *end = s + strlen(s);
  while (end > s && (end[-1] == '\n' || end[-1] == ' '))
    *--end = '\0';
  return s;
}

int cfg_load(struct cfg *cfg, const char *path) {
  char line[256];
  FILE *f = fopen(path, "r");
  /* Bug: a missing file crashes here instead of returning an error. */
  while (fgets(line, sizeof(line), f)) {
    char *eq = strchr(line, '=');
    if (!eq)
      continue;
    *eq = '\0';
    if (cfg_set(cfg, trim(line), trim(eq + 1)) != 0) {
      fclose(f);
      return -1;
    }
  }
  fclose(f);
  return 0;
}

long cfg_file_size(const char *path) {
  struct stat st;
  int fd = open(path, O_RDONLY);
  /* Bug: fstat on -1 when the file cannot be opened. */
  if (fstat(fd, &st) != 0) {
    close(fd);
    return -1;
  }
  close(fd);
  return (long)st.st_size;
}
