//===--- PluginLoader.cpp - memtidy ---------------------------------------===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// What users pass to clang-tidy --load. A plugin only works in the clang-tidy
// it was built against, and the checks library cannot even be opened by
// another release (its symbols do not resolve), so nothing in it could
// explain the failure. This loader depends on no LLVM symbol: it asks the
// host for its clang version, then loads the checks library next to it, or
// refuses with one line that names the clang-tidy to use.
//
//===----------------------------------------------------------------------===//

#include <cstdio>
#include <dlfcn.h>
#include <string>

#ifndef MEMTIDY_LLVM_MAJOR
#error "MEMTIDY_LLVM_MAJOR must be defined"
#endif
#define MEMTIDY_STR2(X) #X
#define MEMTIDY_STR(X) MEMTIDY_STR2(X)

namespace {

std::string hostClangVersion() {
  using VersionFn = std::string (*)();
  // clang::getClangFullVersion(), present in every clang-tidy; libstdc++'s
  // C++11 string ABI tags its mangled name.
  for (const char *Name : {"_ZN5clang19getClangFullVersionB5cxx11Ev",
                           "_ZN5clang19getClangFullVersionEv"})
    if (void *Symbol = dlsym(RTLD_DEFAULT, Name))
      return reinterpret_cast<VersionFn>(Symbol)();
  return std::string();
}

std::string directoryOfThisLibrary() {
  Dl_info Info;
  if (!dladdr(reinterpret_cast<void *>(&hostClangVersion), &Info) ||
      !Info.dli_fname)
    return ".";
  std::string Path = Info.dli_fname;
  size_t Slash = Path.rfind('/');
  return Slash == std::string::npos ? "." : Path.substr(0, Slash);
}

__attribute__((constructor)) void loadMemtidyChecks() {
  const char *Major = MEMTIDY_STR(MEMTIDY_LLVM_MAJOR);
  std::string Host = hostClangVersion();
  if (!Host.empty() &&
      Host.find(std::string("version ") + Major + ".") == std::string::npos) {
    std::fprintf(stderr,
                 "memtidy-plugin: error: built for clang-tidy %s, refusing to "
                 "load into '%s'; run clang-tidy-%s "
                 "(/usr/lib/llvm-%s/bin/clang-tidy)\n",
                 MEMTIDY_LLVM_VERSION, Host.c_str(), Major, Major);
    return;
  }
  std::string Checks = directoryOfThisLibrary() + "/" + MEMTIDY_CHECKS_LIBRARY;
  if (!dlopen(Checks.c_str(), RTLD_NOW | RTLD_GLOBAL))
    std::fprintf(stderr, "memtidy-plugin: error: cannot load %s: %s\n",
                 Checks.c_str(), dlerror());
}

} // namespace
