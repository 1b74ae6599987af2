//===--- WasmStaleMemoryPointerCheck.h - memtidy ----------------*- C++ -*-===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef MEMTIDY_CHECKS_WASMSTALEMEMORYPOINTERCHECK_H
#define MEMTIDY_CHECKS_WASMSTALEMEMORYPOINTERCHECK_H

#include "RuleDrivenCheck.h"
#include "support/GuestEntryPoints.h"
#include "support/RulePack.h"
#include "llvm/ADT/DenseMap.h"
#include <memory>

namespace clang::tidy::memtidy {

/// Finds host pointers into WebAssembly linear memory used after a call
/// that may grow the memory and move it (memory.grow, an allocation in the
/// guest's heap, a call into the guest, or a function that makes one).
///
/// For the user-facing documentation see:
/// docs/checks/wasm-stale-memory-pointer.md
class WasmStaleMemoryPointerCheck : public RuleDrivenCheck {
public:
  WasmStaleMemoryPointerCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

  /// If a call of \p Function may move linear memory: the API call that
  /// does, in it or in a function it calls; else null.
  const CallExpr *movingCall(const FunctionDecl *Function, unsigned Depth = 0);

private:
  const bool AssumeStaticMemory;
  ::memtidy::GuestEntryPoints Entries;
  ASTContext *Ctx = nullptr;
  std::vector<const FunctionDecl *> Functions;
  /// movingCall's answers; null while being computed or when it cannot.
  llvm::DenseMap<const FunctionDecl *, const CallExpr *> Moves;
};

} // namespace clang::tidy::memtidy

#endif // MEMTIDY_CHECKS_WASMSTALEMEMORYPOINTERCHECK_H
