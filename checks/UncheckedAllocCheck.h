//===--- UncheckedAllocCheck.h - memtidy ------------------------*- C++ -*-===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef MEMTIDY_CHECKS_UNCHECKEDALLOCCHECK_H
#define MEMTIDY_CHECKS_UNCHECKEDALLOCCHECK_H

#include "support/RulePack.h"
#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseMap.h"
#include <memory>

namespace clang::tidy::memtidy {

/// Where a function dereferences each of its pointer parameters before
/// testing it; null where it does not.
struct ParamDerefSummary {
  std::vector<const Expr *> DerefAt;
};

/// Finds results of fallible allocations (NULL, ERR_PTR and -1 conventions,
/// per the rule packs) that are used on some path before they are checked,
/// failure tests of the wrong convention, and p = realloc(p, n).
///
/// For the user-facing documentation see:
/// docs/checks/unchecked-alloc.md
class UncheckedAllocCheck : public ClangTidyCheck {
public:
  UncheckedAllocCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;

  /// The dereference summary of a function with a body in this translation
  /// unit, computed on first use; null while it is being computed.
  const ParamDerefSummary *summaryOf(const FunctionDecl *Function,
                                     ASTContext &Ctx, unsigned Depth);

private:
  const std::string RulePacks;
  const unsigned MaxPathStates;
  std::shared_ptr<const ::memtidy::RuleSet> Rules;
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<ParamDerefSummary>>
      Summaries;
};

} // namespace clang::tidy::memtidy

#endif // MEMTIDY_CHECKS_UNCHECKEDALLOCCHECK_H
