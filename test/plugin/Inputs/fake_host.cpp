// A process that presents itself as some clang release, the way clang-tidy
// does to a plugin (clang::getClangFullVersion), and loads a plugin.
#include <cstdio>
#include <dlfcn.h>
#include <string>

namespace clang {
std::string getClangFullVersion() { return HOST_VERSION; }
} // namespace clang

int main(int argc, char **argv) {
  if (argc != 2)
    return 2;
  if (!dlopen(argv[1], RTLD_NOW | RTLD_GLOBAL)) {
    std::printf("dlopen failed: %s\n", dlerror());
    return 1;
  }
  std::printf("plugin loaded\n");
  return 0;
}
