//===--- MemtidyTidyModule.cpp - memtidy ----------------------------------===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "GfpMisuseCheck.h"
#include "LeakOnErrorPathCheck.h"
#include "MismatchedDeallocatorCheck.h"
#include "MissingRaiiCheck.h"
#include "SleepInAtomicCheck.h"
#include "UncheckedAllocCheck.h"
#include "WasmCapiOwnershipCheck.h"
#include "WasmMemoryViewEscapeCheck.h"
#include "WasmPointerTruncationCheck.h"
#include "WasmStaleMemoryPointerCheck.h"
#include "WasmUncheckedGuestOffsetCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"

namespace clang::tidy {
namespace memtidy {

class MemtidyModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &CheckFactories) override {
    CheckFactories.registerCheck<GfpMisuseCheck>("memtidy-gfp-misuse");
    CheckFactories.registerCheck<LeakOnErrorPathCheck>(
        "memtidy-leak-on-error-path");
    CheckFactories.registerCheck<MismatchedDeallocatorCheck>(
        "memtidy-mismatched-deallocator");
    CheckFactories.registerCheck<MissingRaiiCheck>("memtidy-missing-raii");
    CheckFactories.registerCheck<SleepInAtomicCheck>("memtidy-sleep-in-atomic");
    CheckFactories.registerCheck<UncheckedAllocCheck>(
        "memtidy-unchecked-alloc");
    CheckFactories.registerCheck<WasmCapiOwnershipCheck>(
        "memtidy-wasm-capi-ownership");
    CheckFactories.registerCheck<WasmMemoryViewEscapeCheck>(
        "memtidy-wasm-memory-view-escape");
    CheckFactories.registerCheck<WasmPointerTruncationCheck>(
        "memtidy-wasm-pointer-truncation");
    CheckFactories.registerCheck<WasmStaleMemoryPointerCheck>(
        "memtidy-wasm-stale-memory-pointer");
    CheckFactories.registerCheck<WasmUncheckedGuestOffsetCheck>(
        "memtidy-wasm-unchecked-guest-offset");
  }
};

} // namespace memtidy

static ClangTidyModuleRegistry::Add<memtidy::MemtidyModule>
    X("memtidy-module", "Memory-safety, resource and GFP checks (memtidy).");

// Referenced by the driver so that a static link keeps the registration.
volatile int MemtidyModuleAnchorSource = 0;

} // namespace clang::tidy
