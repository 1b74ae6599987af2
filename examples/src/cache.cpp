#include "minicfg.h"

#include <cstring>
#include <new>

namespace {
struct Slot {
  const char *key = nullptr;
  const char *value = nullptr;
};
} // namespace

extern "C" int cache_warm(const struct cfg *cfg, int slots) {
  Slot *table = new (std::nothrow) Slot[slots];
  int filled = 0;
  for (const cfg_entry *e = cfg->head; e && filled < slots; e = e->next) {
    // Bug: new (std::nothrow) returns nullptr instead of throwing.
    table[filled].key = e->key;
    table[filled].value = e->value;
    ++filled;
  }
  delete[] table;
  return filled;
}
