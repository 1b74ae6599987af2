//===--- WasmMemoryViewEscapeCheck.h - memtidy ------------------*- C++ -*-===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef MEMTIDY_CHECKS_WASMMEMORYVIEWESCAPECHECK_H
#define MEMTIDY_CHECKS_WASMMEMORYVIEWESCAPECHECK_H

#include "RuleDrivenCheck.h"
#include "llvm/ADT/DenseMap.h"
#include <vector>

namespace clang::tidy::memtidy {

/// Finds JavaScript views over WebAssembly linear memory (embind's
/// typed_memory_view, memory_view) that outlive the memory they show: views
/// of local arrays, local containers or temporaries that escape the
/// function, and views used after a call that may grow memory or
/// reallocate the viewed container.
///
/// For the user-facing documentation see:
/// docs/checks/wasm-memory-view-escape.md
class WasmMemoryViewEscapeCheck : public RuleDrivenCheck {
public:
  WasmMemoryViewEscapeCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

  /// If a call of \p Function may allocate (and so grow linear memory): the
  /// allocation, in it or in a function it calls; else null.
  const Expr *allocation(const FunctionDecl *Function, unsigned Depth = 0);

private:
  const bool AssumeStaticMemory;
  ASTContext *Ctx = nullptr;
  std::vector<const FunctionDecl *> Functions;
  /// allocation's answers; null while being computed or when there is none.
  llvm::DenseMap<const FunctionDecl *, const Expr *> Allocations;
};

} // namespace clang::tidy::memtidy

#endif // MEMTIDY_CHECKS_WASMMEMORYVIEWESCAPECHECK_H
