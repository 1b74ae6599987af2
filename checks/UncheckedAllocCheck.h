//===--- UncheckedAllocCheck.h - memtidy ------------------------*- C++ -*-===//
//
// Part of memtidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef MEMTIDY_CHECKS_UNCHECKEDALLOCCHECK_H
#define MEMTIDY_CHECKS_UNCHECKEDALLOCCHECK_H

#include "RuleDrivenCheck.h"
#include "support/AccessPath.h"
#include "support/RulePack.h"
#include "support/Summaries.h"
#include "llvm/ADT/DenseMap.h"
#include <memory>

namespace clang::tidy::memtidy {

/// What a function of this translation unit does with its inputs, with
/// source locations for notes; exported as a ::memtidy::FunctionSummary.
struct LocalSummary {
  struct Deref {
    ::memtidy::InputPath Input;
    std::string Spelling;
    const Expr *At;
  };
  struct Return {
    ::memtidy::FailureConvention Convention;
    std::string Api;
    const Stmt *At;
    /// The parameter that carries the allocation's GFP mask, if any.
    std::optional<unsigned> GfpParam;
  };
  std::vector<Deref> Derefs;
  std::vector<::memtidy::ForwardFact> Forwards;
  std::optional<Return> Returns;
  std::vector<std::string> ReturnsResultOf;
  /// No path reaches the exit but through calls that never return.
  bool NeverReturns = false;
};

/// Finds results of fallible allocations (NULL, ERR_PTR and -1 conventions,
/// per the rule packs) that are used on some path before they are checked,
/// failure tests of the wrong convention, and p = realloc(p, n). Follows
/// values into functions of the same file and, through summaries, of other
/// files.
///
/// For the user-facing documentation see:
/// docs/checks/unchecked-alloc.md
class UncheckedAllocCheck : public RuleDrivenCheck {
public:
  UncheckedAllocCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;

  /// Integer constants a caller knows, as the callee names the locations.
  using CallingContext = std::vector<std::pair<::memtidy::AccessPath, int64_t>>;

  /// The summary of a function with a body in this translation unit, under
  /// the constants a caller knows, computed on first use; null while it is
  /// being computed or too deep.
  const LocalSummary *summaryOf(const FunctionDecl *Function, ASTContext &Ctx,
                                unsigned Depth,
                                const CallingContext &Context = {});
  /// The USR that names a declaration across translation units.
  const std::string &usrOf(const Decl *D);
  llvm::StringRef name() const { return getID(); }

private:
  const std::string SummaryFile;
  const unsigned MaxPathStates;
  std::map<std::pair<const FunctionDecl *, CallingContext>,
           std::unique_ptr<LocalSummary>>
      Summaries;
  llvm::DenseMap<const Decl *, std::string> Usrs;
};

} // namespace clang::tidy::memtidy

#endif // MEMTIDY_CHECKS_UNCHECKEDALLOCCHECK_H
