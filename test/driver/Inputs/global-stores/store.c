#include <stdlib.h>
#include <string.h>

void use(const char *text);
void register_slot(char **slot);
void release_shared(void);
void read_shared(void);
extern char *shared;
extern char *leaked_shared;

static char *kept;
static void kept_sink(void) {
  char *data = kept;
  use(data);
}
void store_kept(void) {
  char *data = malloc(16);
  if (!data)
    exit(1);
  strcpy(data, "kept");
  kept = data;
  kept_sink();
}

static char *freed;
static void freed_sink(void) { free(freed); }
void store_freed(void) {
  freed = malloc(16);
  freed_sink();
}

static char *lazy;
const char *lazy_get(void) {
  if (!lazy)
    lazy = strdup("lazy");
  return lazy;
}

static char *settings;
int main(void) {
  settings = malloc(16);
  return 0;
}

static char *boot_table;
__attribute__((section(".init.text"))) int table_init(void) {
  boot_table = malloc(64);
  return boot_table ? 0 : -1;
}

static char *slot;
void store_slot(void) {
  register_slot(&slot);
  slot = malloc(8);
}

void store_shared(void) {
  shared = malloc(8);
  release_shared();
}

void store_leaked_shared(void) {
  leaked_shared = malloc(8);
  read_shared();
}

#include <stdio.h>
static FILE *log_file;
static void log_line(void) { fputs("x", log_file); }
void open_log(void) {
  FILE *f = fopen("log", "w");
  if (!f)
    return;
  log_file = f;
  log_line();
}
